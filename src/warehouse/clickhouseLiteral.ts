import { InternalCustomerError } from '../core/errors.js';
import type { WarehouseValue } from './types.js';

const HEX = '0123456789ABCDEF';
/** In `u` mode a surrogate pair is one code point, so this matches only lone surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Writes a value as a ClickHouse SQL literal: the one way values enter ClickHouse queries, since
 * ClickHouse 18.16 takes no query parameters. Strings become single-quoted literals in which the
 * backslash and the quote are escaped with a backslash and every control character (NUL, new
 * lines, tabs, DEL ...) is written as `\xHH`, following ClickHouse's string literal rules
 * (https://clickhouse.com/docs/en/sql-reference/syntax#string): the literal reads back as the
 * same string and cannot end early. Whole numbers and bigints are written in decimal, booleans
 * as 1 and 0, null as NULL. A property test checks the round trip against a reference reader of
 * those rules for arbitrary strings.
 *
 * O(length).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a number that is not finite, or a string with
 * a lone surrogate (it has no UTF-8 form).
 *
 * @example
 * clickhouseLiteral("it's") // => "'it\\'s'"
 * clickhouseLiteral('a\\b') // => "'a\\\\b'"
 * clickhouseLiteral(42) // => '42'
 * clickhouseLiteral(null) // => 'NULL'
 */
export function clickhouseLiteral(value: WarehouseValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `clickhouseLiteral requires a finite number, got ${String(value)}`,
      );
    }
    // Decimal text; exponents (1e21) are read by ClickHouse as Float64, as meant.
    return String(value);
  }
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      'clickhouseLiteral requires a string, number, bigint, boolean or null; strings without lone surrogates',
    );
  }
  let out = "'";
  let from = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    let escaped: string | undefined;
    if (code === 0x27) escaped = "\\'";
    else if (code === 0x5c) escaped = '\\\\';
    else if (code < 0x20 || code === 0x7f) escaped = `\\x${HEX[code >> 4]}${HEX[code & 15]}`;
    if (escaped === undefined) continue;
    out += value.slice(from, index) + escaped;
    from = index + 1;
  }
  return `${out + value.slice(from)}'`;
}
