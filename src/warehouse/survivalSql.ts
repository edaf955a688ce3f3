import type { CalendarDay } from '../core/calendarDay.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { checkedAsOfWindow, spellQuery } from './internal/spellQuery.js';
import { checkedGroupBy } from './internal/sqlWriter.js';
import type { SpellsTableOptions } from './spellsTable.js';
import type { WarehouseDialect, WarehouseQuery } from './types.js';

/** Options of {@link survivalSql}. */
export interface SurvivalSqlOptions extends SpellsTableOptions {
  readonly dialect: WarehouseDialect;
  /** The day the data describes: spells hired after it are left out, later leavers censored. */
  readonly asOf: CalendarDay;
  /**
   * The first day the records cover (late entry): a spell that began before it enters the risk set
   * on that day, and one that ended before it is left out. Default: every spell observed from hire.
   */
  readonly recordsStart?: CalendarDay;
  /** Columns to group by. Default none. */
  readonly groupBy?: readonly string[];
}

const OPTIONS = {
  dialect: true,
  asOf: true,
  recordsStart: true,
  groupBy: true,
  table: true,
  columns: true,
} satisfies OptionKeys<SurvivalSqlOptions>;

/**
 * The SQL that counts tenure survival where the spells live: per group and per time (days
 * employed, hire and last day included), the spells that ended then (`events`), those still
 * employed on asOf with that tenure (`censored`), and, with `recordsStart`, the spells that
 * entered the records then (`entered`: entry time, the days employed before the records start).
 * Numbers at risk are summed from these counts when read ({@link survivalCountsFromRows}); the
 * curve equals `kaplanMeier(times, events, { entry })` of the spells. Spells table shape:
 * {@link SpellsColumns}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect or option, a name that
 * cannot be quoted, or a group column named `time`, `events`, `censored` or `entered`.
 * @throws {InternalCustomerError} `INVALID_DATE` for an asOf or recordsStart that is not a calendar
 * day, or a recordsStart after asOf.
 *
 * @example
 * const query = survivalSql({ dialect: 'duckdb', asOf: '2025-12-31', groupBy: ['team_id'] });
 * query.params.every((value) => value === '2025-12-31') // => true
 * query.sql.includes("date_diff('day', \"hired_on\"") // => true
 */
export function survivalSql(options: SurvivalSqlOptions): WarehouseQuery {
  const name = 'survivalSql';
  checkOptions(options, OPTIONS, name);
  const { writer, table: tableName, columns } = spellQuery(options, name);
  const reserved = new Set(['time', 'events', 'censored', 'entered']);
  const groupBy = checkedGroupBy(options.groupBy, reserved, name).map((c) => writer.column(c));
  const { asOf, recordsStart } = checkedAsOfWindow(options.asOf, options.recordsStart, name);
  const table = writer.table(tableName);
  const hired = columns.hiredOn;
  const left = columns.leftOn;
  const leftBy = () => `${left} IS NOT NULL AND ${left} <= ${writer.day(asOf)}`;
  const exit = () => `CASE WHEN ${leftBy()} THEN ${left} ELSE ${writer.day(asOf)} END`;
  const where = () => {
    const conditions = [`${hired} <= ${writer.day(asOf)}`];
    if (recordsStart !== undefined) conditions.push(`${exit()} >= ${writer.day(recordsStart)}`);
    return conditions.join(' AND ');
  };
  const keys = groupBy.map((column) => `${column}, `).join('');
  const time = writer.column('time');
  const branches = [
    `SELECT ${keys}${writer.daysBetween(() => hired, exit)} + 1 AS ${time}, CASE WHEN ${leftBy()} THEN 1 ELSE 0 END AS ${writer.column('d')}, CASE WHEN ${leftBy()} THEN 0 ELSE 1 END AS ${writer.column('c')}, 0 AS ${writer.column('e')} FROM ${table} WHERE ${where()}`,
  ];
  if (recordsStart !== undefined) {
    branches.push(
      `SELECT ${keys}${writer.daysBetween(
        () => hired,
        () => writer.day(recordsStart),
      )} AS ${time}, 0, 0, 1 FROM ${table} WHERE ${where()} AND ${hired} < ${writer.day(recordsStart)}`,
    );
  }
  const sum = (column: string) => `SUM(${writer.column(column)})`;
  const sql = [
    'SELECT',
    `  ${[...groupBy, time, `${sum('d')} AS ${writer.column('events')}`, `${sum('c')} AS ${writer.column('censored')}`, `${sum('e')} AS ${writer.column('entered')}`].join(',\n  ')}`,
    'FROM (',
    `  ${branches.join('\n  UNION ALL\n  ')}`,
    `) AS ${writer.column('spells_at')}`,
    'GROUP BY',
    `  ${[...groupBy, time].join(',\n  ')}`,
  ].join('\n');
  return { dialect: writer.dialect, sql, params: writer.params };
}
