import { isCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import type { Period } from '../../core/period.js';
import { clickhouseLiteral } from '../clickhouseLiteral.js';
import { quoteIdentifier, quoteTableName } from '../quoteIdentifier.js';
import { WAREHOUSE_DIALECTS, type WarehouseDialect, type WarehouseValue } from '../types.js';

/** The calendar period a warehouse query groups by (in UTC). */
export type WarehousePeriodUnit = 'month' | 'quarter' | 'year';

/** The names of the period columns every builder returns when grouping by a period. @internal */
export const PERIOD_YEAR = 'period_year';
/** Month (1-12) or quarter (1-4) of the period; absent for years. @internal */
export const PERIOD_NUMBER = 'period_number';

/**
 * Writes the dialect-dependent parts of a query and collects its parameters in order. On
 * ClickHouse values are inlined through `clickhouseLiteral` (18.16 takes no parameters). @internal
 */
export interface SqlWriter {
  readonly dialect: WarehouseDialect;
  readonly params: WarehouseValue[];
  /** A value: a placeholder (its parameter collected) or, on ClickHouse, a literal. */
  value(value: WarehouseValue): string;
  /** A quoted column name. */
  column(name: string): string;
  /** A quoted, optionally qualified table name. */
  table(name: string): string;
  /** Rows of the group. */
  count(): string;
  /** Rows of the group meeting `condition`, in the dialect's fastest form. */
  countIf(condition: string): string;
  /** The select-list expressions of the UTC period of a timestamp column, with their aliases. */
  periodOf(column: string, unit: WarehousePeriodUnit): { expression: string; alias: string }[];
  /** The condition `start <= column < end` for a period of calendar days, UTC midnights. */
  within(column: string, period: Period): string;
  /** A calendar day as a DATE value (a parameter, or an escaped literal on ClickHouse). */
  day(day: string): string;
  /**
   * Whole days from DATE `from` to DATE `to` (`to - from`), each written when it appears in the
   * text (Spark SQL puts `to` first), so that positional parameters stay in order.
   */
  daysBetween(from: () => string, to: () => string): string;
  /** The select-list expressions of the calendar period of a DATE column (no time zone). */
  datePeriodOf(column: string, unit: WarehousePeriodUnit): { expression: string; alias: string }[];
  /** DATE `date` plus whole `months`, clamped to the month's last day (31 January + 1: 28 or 29 February). */
  addMonths(date: string, months: number): string;
  /** The later (`greatest`) or earlier (`least`) of two DATEs. */
  extreme(kind: 'greatest' | 'least', a: string, b: string): string;
  /** `value`, or `fallback` where it is NULL. */
  orElse(value: string, fallback: string): string;
  /** A boolean column is true (ClickHouse: a UInt8 of 1). */
  isTrue(column: string): string;
}

/** The checked dialect. @internal */
export function checkedDialect(dialect: unknown, functionName: string): WarehouseDialect {
  if (!(WAREHOUSE_DIALECTS as readonly unknown[]).includes(dialect)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires dialect ${WAREHOUSE_DIALECTS.join(', ')}, got ${JSON.stringify(dialect)}`,
    );
  }
  return dialect as WarehouseDialect;
}

/** The checked period unit, or undefined. @internal */
export function checkedUnit(unit: unknown, functionName: string): WarehousePeriodUnit | undefined {
  if (unit === undefined) return undefined;
  if (unit !== 'month' && unit !== 'quarter' && unit !== 'year') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires per 'month', 'quarter' or 'year', got ${JSON.stringify(unit)}`,
    );
  }
  return unit;
}

function placeholder(dialect: WarehouseDialect, index: number): string {
  if (dialect === 'postgres') return `$${index}`;
  if (dialect === 'bigquery') return `@p${index}`;
  return '?';
}

/** The UTC calendar day of a timestamp, as an expression the period functions take. */
function utcTime(dialect: WarehouseDialect, column: string): string {
  switch (dialect) {
    case 'duckdb':
      // Microseconds since the epoch are the instant for TIMESTAMP (UTC) and TIMESTAMPTZ alike.
      return `make_timestamp(epoch_us(${column}))`;
    case 'postgres':
      return `(${column} AT TIME ZONE 'UTC')`;
    case 'bigquery':
      return `DATE(${column}, 'UTC')`;
    case 'snowflake':
      return `CONVERT_TIMEZONE('UTC', ${column})`;
    case 'spark':
      // Whole days since the epoch: a DATE, which has no time zone.
      return `date_from_unix_date(CAST(floor(unix_seconds(${column}) / 86400) AS INT))`;
    default:
      return column;
  }
}

function periodPart(
  dialect: WarehouseDialect,
  time: string,
  part: 'YEAR' | 'QUARTER' | 'MONTH',
  utc: boolean,
): string {
  switch (dialect) {
    case 'clickhouse': {
      const name = part === 'YEAR' ? 'toYear' : part === 'QUARTER' ? 'toQuarter' : 'toMonth';
      // A Date has no time zone: ClickHouse refuses one for it.
      return utc ? `${name}(${time}, 'UTC')` : `${name}(${time})`;
    }
    case 'postgres':
    case 'bigquery':
      return `CAST(EXTRACT(${part} FROM ${time}) AS ${dialect === 'postgres' ? 'INTEGER' : 'INT64'})`;
    case 'spark':
      return `${part.toLowerCase()}(${time})`;
    default:
      return `${part}(${time})`;
  }
}

/** The year and (for months and quarters) the number of the period of a UTC time or a DATE. */
function periodColumns(
  dialect: WarehouseDialect,
  time: string,
  unit: WarehousePeriodUnit,
  utc: boolean,
): { expression: string; alias: string }[] {
  const columns = [{ expression: periodPart(dialect, time, 'YEAR', utc), alias: PERIOD_YEAR }];
  if (unit !== 'year') {
    const part = unit === 'month' ? 'MONTH' : 'QUARTER';
    columns.push({ expression: periodPart(dialect, time, part, utc), alias: PERIOD_NUMBER });
  }
  return columns;
}

/** Midnight UTC of a calendar day, as text every engine's timestamp parser reads. */
function midnight(day: string): string {
  return `${day} 00:00:00+00:00`;
}

/** A writer for one dialect. @internal */
export function sqlWriter(dialect: WarehouseDialect): SqlWriter {
  const params: WarehouseValue[] = [];
  const clickhouse = dialect === 'clickhouse';
  const value = (item: WarehouseValue) => {
    if (clickhouse) return clickhouseLiteral(item);
    params.push(item);
    return placeholder(dialect, params.length);
  };
  return {
    dialect,
    params,
    value,
    column: (name) => quoteIdentifier(name, dialect),
    table: (name) => quoteTableName(name, dialect),
    count: () => (clickhouse ? 'count()' : 'COUNT(*)'),
    countIf(condition) {
      // ClickHouse 18.16: countIf over a Nullable condition returns NULL for a group where it is
      // always NULL (a team whose scores were all skipped), so a NULL condition counts as false.
      if (clickhouse) return `countIf(ifNull(${condition}, 0))`;
      if (dialect === 'bigquery') return `COUNTIF(${condition})`;
      if (dialect === 'snowflake') return `COUNT_IF(${condition})`;
      if (dialect === 'spark') return `count_if(${condition})`;
      return `COUNT(*) FILTER (WHERE ${condition})`;
    },
    periodOf: (column, unit) => periodColumns(dialect, utcTime(dialect, column), unit, true),
    datePeriodOf: (column, unit) => periodColumns(dialect, column, unit, false),
    addMonths(date, months) {
      if (!Number.isSafeInteger(months)) throw new TypeError('addMonths takes whole months');
      if (clickhouse) return `addMonths(${date}, ${months})`;
      if (dialect === 'postgres') return `CAST(${date} + INTERVAL '${months} months' AS DATE)`;
      if (dialect === 'duckdb') return `CAST(${date} + INTERVAL ${months} MONTH AS DATE)`;
      if (dialect === 'bigquery') return `DATE_ADD(${date}, INTERVAL ${months} MONTH)`;
      if (dialect === 'snowflake') return `DATEADD(month, ${months}, ${date})`;
      return `add_months(${date}, ${months})`;
    },
    extreme: (kind, a, b) => `${clickhouse ? kind : kind.toUpperCase()}(${a}, ${b})`,
    orElse: (item, fallback) =>
      clickhouse ? `ifNull(${item}, ${fallback})` : `COALESCE(${item}, ${fallback})`,
    isTrue: (column) => (clickhouse ? `${column} = 1` : `${column} = TRUE`),
    day(day) {
      if (clickhouse) return `toDate(${clickhouseLiteral(day)})`;
      return `CAST(${value(day)} AS DATE)`;
    },
    daysBetween(from, to) {
      if (dialect === 'spark') {
        const end = to();
        return `datediff(${end}, ${from()})`;
      }
      const start = from();
      const end = to();
      if (clickhouse) return `(toRelativeDayNum(${end}) - toRelativeDayNum(${start}))`;
      if (dialect === 'duckdb') return `date_diff('day', ${start}, ${end})`;
      if (dialect === 'bigquery') return `DATE_DIFF(${end}, ${start}, DAY)`;
      if (dialect === 'snowflake') return `DATEDIFF(day, ${start}, ${end})`;
      return `(${end} - ${start})`;
    },
    within(column, period) {
      const bound = (day: string) => {
        if (clickhouse) return `toDateTime(${clickhouseLiteral(`${day} 00:00:00`)}, 'UTC')`;
        const text = value(midnight(day));
        if (dialect === 'postgres') return `CAST(${text} AS TIMESTAMPTZ)`;
        if (dialect === 'bigquery') return `TIMESTAMP(${text})`;
        if (dialect === 'snowflake') return `TO_TIMESTAMP_TZ(${text})`;
        if (dialect === 'spark') return `CAST(${text} AS TIMESTAMP)`;
        return text;
      };
      return `${column} >= ${bound(period.start)} AND ${column} < ${bound(period.end)}`;
    },
  };
}

/** The checked period filter, or undefined. @internal */
export function checkedPeriodFilter(period: unknown, functionName: string): Period | undefined {
  if (period === undefined) return undefined;
  const candidate = period as Partial<Period> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !isCalendarDay(candidate.start) ||
    !isCalendarDay(candidate.end) ||
    !(candidate.start < candidate.end)
  ) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `${functionName} requires a period { start, end } of calendar days with start before end, got ${JSON.stringify(period)}`,
    );
  }
  return { start: candidate.start, end: candidate.end };
}

/** The group-by columns, checked: names free of the builder's own output names. @internal */
export function checkedGroupBy(
  groupBy: unknown,
  reserved: ReadonlySet<string>,
  functionName: string,
): readonly string[] {
  if (groupBy === undefined) return [];
  if (!Array.isArray(groupBy) || groupBy.some((name) => typeof name !== 'string')) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires groupBy as an array of column names, got ${JSON.stringify(groupBy)}`,
    );
  }
  const seen = new Set<string>();
  for (const name of groupBy as string[]) {
    if (reserved.has(name.toLowerCase()) || seen.has(name)) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${functionName} requires groupBy columns that are distinct and not named like an output column (${[...reserved].join(', ')}), got ${JSON.stringify(name)}`,
      );
    }
    seen.add(name);
  }
  return groupBy as string[];
}

/** What a grouped aggregate query is made of. @internal */
export interface GroupedSelect {
  readonly table: string;
  readonly groupBy: readonly string[];
  /** The timestamp column the period is taken from and filtered on (needed with either). */
  readonly timeColumn: string | undefined;
  readonly per: WarehousePeriodUnit | undefined;
  /** Or the calendar period of a (quoted) DATE column, as the period columns. */
  readonly cohort?: { readonly column: string; readonly unit: WarehousePeriodUnit };
  readonly period: Period | undefined;
  /** Conditions (already written) that every counted row meets. */
  readonly where: readonly string[];
  /** The aggregates, written, with their output names. */
  readonly aggregates: readonly { readonly expression: string; readonly alias: string }[];
}

/**
 * `SELECT groups, period, aggregates FROM table WHERE ... GROUP BY groups, period`, one item a
 * line, every output name quoted (so engines that fold case keep it). @internal
 */
export function groupedSelect(writer: SqlWriter, query: GroupedSelect): string {
  const time = query.timeColumn === undefined ? '' : writer.column(query.timeColumn);
  const groups = query.groupBy.map((name) => writer.column(name));
  const period =
    query.per !== undefined
      ? writer.periodOf(time, query.per)
      : query.cohort !== undefined
        ? writer.datePeriodOf(query.cohort.column, query.cohort.unit)
        : [];
  const where = [...query.where];
  if (query.period !== undefined) where.push(writer.within(time, query.period));
  const select = [
    ...groups,
    ...[...period, ...query.aggregates].map(
      ({ expression, alias }) => `${expression} AS ${writer.column(alias)}`,
    ),
  ];
  const keys = [...groups, ...period.map((column) => column.expression)];
  const lines = ['SELECT', `  ${select.join(',\n  ')}`, `FROM ${writer.table(query.table)}`];
  if (where.length > 0) lines.push(`WHERE ${where.join('\n  AND ')}`);
  if (keys.length > 0) lines.push('GROUP BY', `  ${keys.join(',\n  ')}`);
  return lines.join('\n');
}
