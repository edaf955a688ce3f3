import { calendarDaysBetween } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { spellQuery } from './internal/spellQuery.js';
import { checkedGroupBy, checkedPeriodFilter, groupedSelect } from './internal/sqlWriter.js';
import { DEFAULT_SPELLS_COLUMNS, type SpellsTableOptions } from './spellsTable.js';
import type { WarehouseDialect, WarehouseQuery } from './types.js';

/** Options of {@link turnoverSql}. */
export interface TurnoverSqlOptions extends SpellsTableOptions {
  readonly dialect: WarehouseDialect;
  /** The period `[start, end)` of calendar days whose separations and headcount are counted. */
  readonly period: Period;
  /** Columns to group by (each spell counts in its own row's group). Default none. */
  readonly groupBy?: readonly string[];
}

const OPTIONS = {
  dialect: true,
  period: true,
  groupBy: true,
  table: true,
  columns: true,
} satisfies OptionKeys<TurnoverSqlOptions>;

/** The output columns of {@link turnoverSql}, in order. @internal */
export const TURNOVER_COLUMNS = [
  'spells',
  'separations',
  'voluntary',
  'involuntary',
  'other',
  'kind_missing',
  'regretted_separations',
  'regretted_unknown',
  'hires',
  'headcount_days',
] as const;

/**
 * The SQL that counts turnover over a period where the spells live, per group: the spells with a
 * day in the period (`spells`), the separations whose last day is in it (`separations`) split by
 * exit kind as one categorical variable (`voluntary`, `involuntary`, `other`: any other kind or
 * none, those with none also in `kind_missing`), the regretted ones and those with no regret flag
 * (`regretted_separations`, `regretted_unknown`), the hires in it (`hires`) and the headcount-days
 * (`headcount_days`: the days each spell was employed in the period, whose sum over the period's
 * days is the daily average headcount). All add up across partitions; read them with
 * {@link turnoverCountsFromRows}. The same treatments as `turnover`: the last day employed is in
 * the headcount and the separation belongs to the period holding it. The spells table holds
 * employees only (contractors left out beforehand), its spells of one person not overlapping.
 * Spells table shape: {@link SpellsColumns}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect or option, a name that
 * cannot be quoted, or a group or spells column named like an output column.
 * @throws {InternalCustomerError} `INVALID_PERIOD` for a period that does not end after it starts.
 *
 * @example
 * const query = turnoverSql({ dialect: 'clickhouse', period: { start: '2025-01-01', end: '2026-01-01' } });
 * query.sql.includes("countIf(ifNull(`left_on` < toDate('2026-01-01') AND `exit_kind` = 'voluntary', 0)) AS `voluntary`") // => true
 * turnoverSql({ dialect: 'postgres', period: { start: '2025-01-01', end: '2026-01-01' } }).params.slice(0, 3) // => ['2026-01-01', '2026-01-01', 'voluntary']
 */
export function turnoverSql(options: TurnoverSqlOptions): WarehouseQuery {
  const name = 'turnoverSql';
  checkOptions(options, OPTIONS, name);
  const { writer, table, columns } = spellQuery(options, name);
  const outputs = new Set<string>(TURNOVER_COLUMNS);
  const groupBy = checkedGroupBy(options.groupBy, outputs, name);
  // An output named like a column it reads would shadow that column on ClickHouse.
  const clash = Object.values({ ...DEFAULT_SPELLS_COLUMNS, ...options.columns }).find((column) =>
    outputs.has(column.toLowerCase()),
  );
  if (clash !== undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} requires spells columns not named like an output column (${TURNOVER_COLUMNS.join(', ')}), got ${JSON.stringify(clash)}`,
    );
  }
  // Required: a missing period is refused like an invalid one.
  const { start, end } = checkedPeriodFilter(options.period ?? null, name)!;
  const last = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const { hiredOn: hired, leftOn: left, exitKind: kind, regretted } = columns;
  // The condition is written after the period's end (parameters in the order they appear).
  const separatedIf = (condition?: () => string) => {
    const separated = `${left} < ${writer.day(end)}`;
    return writer.countIf(condition === undefined ? separated : `${separated} AND ${condition()}`);
  };
  // Written in the order they appear (SELECT, then WHERE): `?` parameters are positional.
  const aggregates = [
    { expression: writer.count(), alias: 'spells' },
    { expression: separatedIf(), alias: 'separations' },
    { expression: separatedIf(() => `${kind} = ${writer.value('voluntary')}`), alias: 'voluntary' },
    {
      expression: separatedIf(() => `${kind} = ${writer.value('involuntary')}`),
      alias: 'involuntary',
    },
    {
      expression: separatedIf(
        () =>
          `(${kind} IS NULL OR ${kind} NOT IN (${writer.value('voluntary')}, ${writer.value('involuntary')}))`,
      ),
      alias: 'other',
    },
    { expression: separatedIf(() => `${kind} IS NULL`), alias: 'kind_missing' },
    { expression: separatedIf(() => writer.isTrue(regretted)), alias: 'regretted_separations' },
    { expression: separatedIf(() => `${regretted} IS NULL`), alias: 'regretted_unknown' },
    { expression: writer.countIf(`${hired} >= ${writer.day(start)}`), alias: 'hires' },
    {
      expression: `SUM(${writer.daysBetween(
        () => writer.extreme('greatest', hired, writer.day(start)),
        () => writer.extreme('least', writer.orElse(left, writer.day(last)), writer.day(last)),
      )} + 1)`,
      alias: 'headcount_days',
    },
  ];
  const sql = groupedSelect(writer, {
    table,
    groupBy,
    timeColumn: undefined,
    per: undefined,
    period: undefined,
    where: [
      `${hired} <= ${writer.day(last)}`,
      `(${left} IS NULL OR ${left} >= ${writer.day(start)})`,
    ],
    aggregates,
  });
  return { dialect: writer.dialect, sql, params: writer.params };
}

/** The days of a checked period. @internal */
export function periodDays(period: Period): number {
  return calendarDaysBetween(period.start, period.end);
}
