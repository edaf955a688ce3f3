import { InternalCustomerError } from '../core/errors.js';

const DIGITS = /^[0-9]+$/;

/**
 * Reads a count as an engine returns it, exactly: a number, a bigint or decimal digits in a
 * string (ClickHouse `UInt64` and `pg` `int8` and `numeric` come back as strings). Counts up to
 * 2^53 - 1 are returned as numbers, larger ones as bigints; nothing is ever concatenated or
 * rounded. `null` (a SQL `SUM` over no rows) is 0.
 *
 * O(digits).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a negative, fractional or non-numeric value,
 * or a number above 2^53 - 1 (already rounded by whoever made it).
 *
 * @example
 * parseWarehouseCount('42') // => 42
 * parseWarehouseCount(7n) // => 7
 * parseWarehouseCount('18446744073709551615') // => 18446744073709551615n
 * parseWarehouseCount(null) // => 0
 * parseWarehouseCount('4.5') // => throws INVALID_INPUT
 */
export function parseWarehouseCount(value: unknown, what = 'a count'): number | bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    if (value.length < 16 && DIGITS.test(value)) return Number(value);
    if (DIGITS.test(value)) return narrowed(BigInt(value));
  } else if (typeof value === 'bigint') {
    if (value >= 0n) return narrowed(value);
  } else if (value === null) {
    return 0;
  }
  throw new InternalCustomerError(
    'INVALID_INPUT',
    `parseWarehouseCount requires ${what} as a whole number >= 0 (a number up to 2^53 - 1, a bigint or digits), got ${describe(value)}`,
  );
}

function narrowed(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'number') return String(value);
  return value === undefined ? 'nothing (no such column)' : typeof value;
}

/**
 * A count that a tally can hold (a number up to 2^53 - 1). @internal
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` as `parseWarehouseCount`, and for a count above 2^53 - 1.
 */
export function smallCount(value: unknown, what: string): number {
  if (typeof value === 'number' && value >= 0 && Number.isSafeInteger(value)) return value;
  const count = parseWarehouseCount(value, what);
  if (typeof count === 'bigint') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `the warehouse readers require ${what} up to 2^53 - 1 to count it exactly, got ${count}n`,
    );
  }
  return count;
}
