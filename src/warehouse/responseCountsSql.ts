import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { compareKeys } from '../internal/compareKeys.js';
import type { WarehouseGrouping } from './enpsSql.js';
import { checkedId } from './internal/answerCounts.js';
import { field, readGroups } from './internal/readGroups.js';
import {
  checkedDialect,
  checkedGroupBy,
  checkedPeriodFilter,
  checkedUnit,
  groupedSelect,
  PERIOD_NUMBER,
  PERIOD_YEAR,
  sqlWriter,
  type WarehousePeriodUnit,
} from './internal/sqlWriter.js';
import { smallCount } from './parseWarehouseCount.js';
import type { WarehouseDialect, WarehouseQuery, WarehouseRow } from './types.js';

/**
 * The columns of an invitations table, one row per person invited to a survey. Defaults in
 * brackets: `surveyId` [`survey_id`], `personId` [`person_id`], `teamId` [`team_id`] (any
 * columns can be grouped by), `invitedAt` [`invited_at`]: the instant of the invitation (the
 * period is taken from it; the timestamp types of `AnswersColumns.answeredAt`), `respondedAt`
 * [`responded_at`]: when the person responded, null if not.
 */
export interface InvitationsColumns {
  readonly surveyId: string;
  readonly personId: string;
  readonly teamId: string;
  readonly invitedAt: string;
  readonly respondedAt: string;
}

/** The default names of {@link InvitationsColumns}. */
export const DEFAULT_INVITATIONS_COLUMNS: InvitationsColumns = {
  surveyId: 'survey_id',
  personId: 'person_id',
  teamId: 'team_id',
  invitedAt: 'invited_at',
  respondedAt: 'responded_at',
};

/** Options of {@link responseCountsSql}. */
export interface ResponseCountsSqlOptions extends WarehouseGrouping {
  readonly dialect: WarehouseDialect;
  /** Only this survey's invitations. Default every survey. */
  readonly surveyId?: string;
  /** The table, optionally qualified. Default `invitations`. */
  readonly table?: string;
  readonly columns?: Partial<InvitationsColumns>;
}

const OPTIONS = {
  dialect: true,
  surveyId: true,
  table: true,
  columns: true,
  groupBy: true,
  per: true,
  period: true,
} satisfies OptionKeys<ResponseCountsSqlOptions>;

/**
 * The SQL that counts invitations (`invited`) and responses (`responded`: a non-null
 * `responded_at`) per group and UTC period of the invitation: the counts behind `responseRate`,
 * which add up across partitions (one row per invitation). Read with {@link responseCountsFromRows}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect or option, a name that
 * cannot be quoted, or a group column named like an output column.
 * @throws {InternalCustomerError} `INVALID_PERIOD` for a period that does not end after it starts.
 *
 * @example
 * responseCountsSql({ dialect: 'clickhouse', groupBy: ['team_id'] }).sql.includes('countIf(ifNull(`responded_at` IS NOT NULL, 0)) AS `responded`') // => true
 */
export function responseCountsSql(options: ResponseCountsSqlOptions): WarehouseQuery {
  const name = 'responseCountsSql';
  checkOptions(options, OPTIONS, name);
  const writer = sqlWriter(checkedDialect(options.dialect, name));
  const reserved = new Set(['invited', 'responded', PERIOD_YEAR, PERIOD_NUMBER]);
  const columns = { ...DEFAULT_INVITATIONS_COLUMNS, ...options.columns };
  const where: string[] = [];
  if (options.surveyId !== undefined) {
    const survey = checkedId(options.surveyId, 'surveyId', name);
    where.push(`${writer.column(columns.surveyId)} = ${writer.value(survey)}`);
  }
  const sql = groupedSelect(writer, {
    table: options.table ?? 'invitations',
    groupBy: checkedGroupBy(options.groupBy, reserved, name),
    timeColumn: columns.invitedAt,
    per: checkedUnit(options.per, name),
    period: checkedPeriodFilter(options.period, name),
    where,
    aggregates: [
      { expression: writer.count(), alias: 'invited' },
      {
        expression: writer.countIf(`${writer.column(columns.respondedAt)} IS NOT NULL`),
        alias: 'responded',
      },
    ],
  });
  return { dialect: writer.dialect, sql, params: writer.params };
}

/** One group's invitations and responses, read from the warehouse. */
export interface WarehouseResponseGroup {
  /** The values of the `groupBy` columns (`null` where absent), then the period's first day. */
  readonly key: readonly (string | null)[];
  readonly invited: number;
  readonly responded: number;
}

/**
 * Reads the rows of a {@link responseCountsSql} query into invitations and responses per group
 * (several rows of one key add up exactly); give each to `responseRate(invited, responded)`.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count that is not a whole number >= 0.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a group with more responses than invitations.
 *
 * @example
 * responseCountsFromRows([{ team_id: 'a', invited: '10', responded: 7 }, { team_id: 'a', invited: 2, responded: 2n }], { groupBy: ['team_id'] }) // => [{ key: ['a'], invited: 12, responded: 9 }]
 */
export function responseCountsFromRows(
  rows: Iterable<WarehouseRow>,
  options: { readonly groupBy?: readonly string[]; readonly per?: WarehousePeriodUnit } = {},
): WarehouseResponseGroup[] {
  const name = 'responseCountsFromRows';
  const groups = readGroups(
    rows,
    { groupBy: options.groupBy ?? [], per: checkedUnit(options.per, name) },
    () => ({ invited: 0, responded: 0 }),
    (counts, row) => {
      counts.invited += smallCount(field(row, 'invited'), 'invited');
      counts.responded += smallCount(field(row, 'responded'), 'responded');
    },
    name,
  );
  const result: WarehouseResponseGroup[] = [];
  for (const { key, acc } of groups.values()) {
    if (acc.responded > acc.invited || !Number.isSafeInteger(acc.invited)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${name} requires at most as many responses as invitations (up to 2^53 - 1): group ${JSON.stringify(key)} has ${acc.responded} of ${acc.invited}`,
      );
    }
    result.push({ key, invited: acc.invited, responded: acc.responded });
  }
  return result.sort((a, b) => compareKeys(a.key, b.key));
}
