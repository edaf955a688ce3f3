import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { CohortUnit } from '../retention/index.js';
import { checkedAsOfWindow, spellQuery } from './internal/spellQuery.js';
import {
  checkedGroupBy,
  checkedUnit,
  groupedSelect,
  PERIOD_NUMBER,
  PERIOD_YEAR,
} from './internal/sqlWriter.js';
import type { SpellsTableOptions } from './spellsTable.js';
import type { WarehouseDialect, WarehouseQuery } from './types.js';

/** The hire-cohort options the builder and the reader share. */
export interface HireCohortsGrouping {
  /** The day the data describes: spells hired after it are left out. */
  readonly asOf: CalendarDay;
  /** How hires are grouped (the calendar period of the hire day); default `quarter`. */
  readonly cohort?: CohortUnit;
  /** Months after hire at which retention is read; default [3, 6, 12, 24]. */
  readonly horizons?: readonly number[];
  /** The first day the records cover: spells that ended before it are left out. */
  readonly recordsStart?: CalendarDay;
  /** Columns to group by besides the cohort. Default none. */
  readonly groupBy?: readonly string[];
}

/** Options of {@link hireCohortsSql}. */
export interface HireCohortsSqlOptions extends HireCohortsGrouping, SpellsTableOptions {
  readonly dialect: WarehouseDialect;
}

const OPTIONS = {
  dialect: true,
  asOf: true,
  cohort: true,
  horizons: true,
  recordsStart: true,
  groupBy: true,
  table: true,
  columns: true,
} satisfies OptionKeys<HireCohortsSqlOptions>;

/** The checked horizons, ascending, as `hireCohorts` sorts them. @internal */
export function checkedHorizons(horizons: unknown, functionName: string): number[] {
  const list = horizons ?? [3, 6, 12, 24];
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((h) => !Number.isInteger(h) || h < 1 || h > 1200)
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires horizons as whole numbers of months from 1 to 1200, got ${JSON.stringify(horizons)}`,
    );
  }
  return [...new Set(list as number[])].sort((a, b) => a - b);
}

/** The output name of the count retained at a horizon. @internal */
export const retainedColumn = (horizon: number): string => `retained_${horizon}`;

/**
 * The SQL that counts the hire-cohort retention triangle where the spells live: per group and
 * cohort (the calendar month, quarter or year of the hire day: `period_year`, `period_number`),
 * the hires (`hires`) and, per horizon h, those still employed on their h-month anniversary
 * (`retained_<h>`: the last day employed on or after the hire day plus h months, clamped to the
 * month's end as `hireCohorts` does). Spells hired after asOf are left out; with `recordsStart`,
 * spells that ended before it too. Counts add up across partitions; read them with
 * {@link hireCohortsFromRows}, which marks the cells not yet observable. Spells table shape:
 * {@link SpellsColumns}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect, option or cohort unit,
 * horizons that are not whole months from 1 to 1200, a name that cannot be quoted, or a group
 * column named like an output column.
 * @throws {InternalCustomerError} `INVALID_DATE` for an asOf or recordsStart that is not a calendar
 * day, or a recordsStart after asOf.
 *
 * @example
 * const query = hireCohortsSql({ dialect: 'clickhouse', asOf: '2025-12-31', horizons: [12] });
 * query.sql.includes("countIf(ifNull(`left_on` IS NULL OR `left_on` >= addMonths(`hired_on`, 12), 0)) AS `retained_12`") // => true
 */
export function hireCohortsSql(options: HireCohortsSqlOptions): WarehouseQuery {
  const name = 'hireCohortsSql';
  checkOptions(options, OPTIONS, name);
  const { writer, table, columns } = spellQuery(options, name);
  const horizons = checkedHorizons(options.horizons, name);
  const reserved = new Set(['hires', PERIOD_YEAR, PERIOD_NUMBER, ...horizons.map(retainedColumn)]);
  const groupBy = checkedGroupBy(options.groupBy, reserved, name);
  const unit = checkedUnit(options.cohort ?? 'quarter', name)!;
  const { asOf, recordsStart } = checkedAsOfWindow(options.asOf, options.recordsStart, name);
  const { hiredOn: hired, leftOn: left } = columns;
  const aggregates = [
    { expression: writer.count(), alias: 'hires' },
    ...horizons.map((horizon) => ({
      expression: writer.countIf(
        `${left} IS NULL OR ${left} >= ${writer.addMonths(hired, horizon)}`,
      ),
      alias: retainedColumn(horizon),
    })),
  ];
  const where = [`${hired} <= ${writer.day(asOf)}`];
  if (recordsStart !== undefined)
    where.push(`(${left} IS NULL OR ${left} >= ${writer.day(recordsStart)})`);
  const sql = groupedSelect(writer, {
    table,
    groupBy,
    timeColumn: undefined,
    cohort: { column: hired, unit },
    per: undefined,
    period: undefined,
    where,
    aggregates,
  });
  return { dialect: writer.dialect, sql, params: writer.params };
}
