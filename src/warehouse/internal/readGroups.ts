import { InternalCustomerError } from '../../core/errors.js';
import type { WarehouseRow } from '../types.js';
import { PERIOD_NUMBER, PERIOD_YEAR, type WarehousePeriodUnit } from './sqlWriter.js';

/** The grouping a reader reads rows by: the builder's `groupBy` columns and period. @internal */
export interface RowGrouping {
  readonly groupBy: readonly string[];
  readonly per: WarehousePeriodUnit | undefined;
}

/** One group while reading: its key and the caller's accumulator. @internal */
export interface GroupAccumulator<A> {
  readonly key: readonly (string | null)[];
  readonly acc: A;
}

/** A column of a row; engines that fold unquoted names to upper case are read too. @internal */
export function field(row: WarehouseRow, name: string): unknown {
  const value = row[name];
  return value !== undefined ? value : row[name.toUpperCase()];
}

function groupValue(value: unknown, name: string, functionName: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new InternalCustomerError(
    'INVALID_INPUT',
    `${functionName} requires the group column ${name} as text, a number or null, got ${typeof value}`,
  );
}

function wholeIn(value: unknown, low: number, high: number): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' || typeof value === 'bigint'
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(number) && number >= low && number <= high ? number : undefined;
}

/** The first day of the row's period (`2025-04-01` for the second quarter). */
function periodStart(row: WarehouseRow, per: WarehousePeriodUnit, functionName: string): string {
  const year = wholeIn(field(row, PERIOD_YEAR), 1000, 9999);
  const number =
    per === 'year' ? 1 : wholeIn(field(row, PERIOD_NUMBER), 1, per === 'month' ? 12 : 4);
  if (year === undefined || number === undefined) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires ${PERIOD_YEAR} (1000-9999)${per === 'year' ? '' : ` and ${PERIOD_NUMBER} (the ${per})`} in each row, got ${JSON.stringify([field(row, PERIOD_YEAR), field(row, PERIOD_NUMBER)].map(String))}`,
    );
  }
  const month = per === 'quarter' ? 3 * number - 2 : number;
  return `${year}-${month < 10 ? '0' : ''}${month}-01`;
}

/**
 * Groups rows by their key (the `groupBy` values, then the period's first day), several rows of
 * one key adding into one accumulator: one pass, one map look-up per row, a key array only for a
 * new group. @internal
 */
export function readGroups<A>(
  rows: Iterable<WarehouseRow>,
  grouping: RowGrouping,
  create: () => A,
  add: (acc: A, row: WarehouseRow) => void,
  functionName: string,
): Map<string, GroupAccumulator<A>> {
  const { groupBy, per } = grouping;
  const width = groupBy.length + (per === undefined ? 0 : 1);
  const groups = new Map<string, GroupAccumulator<A>>();
  const parts = new Array<string | null>(width);
  for (const row of rows) {
    if (row === null || typeof row !== 'object') {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires rows as objects of column values, got ${row === null ? 'null' : typeof row}`,
      );
    }
    for (let index = 0; index < groupBy.length; index++) {
      const name = groupBy[index]!;
      parts[index] = groupValue(field(row, name), name, functionName);
    }
    if (per !== undefined) parts[groupBy.length] = periodStart(row, per, functionName);
    // One text per key: a lone string column as itself (marked), else the JSON of the values.
    const only = parts[0];
    const id =
      width === 0 ? '' : width === 1 ? (only === null ? 'n' : `s${only}`) : JSON.stringify(parts);
    let group = groups.get(id);
    if (group === undefined) {
      group = { key: parts.slice(), acc: create() };
      groups.set(id, group);
    }
    add(group.acc, row);
  }
  return groups;
}
