import { InternalCustomerError } from '../../core/errors.js';
import { describeValue } from '../../internal/describeValue.js';
import type { CsvDelimiter } from '../readCsv.js';
import { neutraliseFormula } from './formulas.js';

/** Whether a value is a plain object (an object literal or a null-prototype object). @internal */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The dotted paths of a row's leaves, in key order: nested plain objects are entered, anything
 * else (arrays too) is a leaf. `withEmpty` keeps `null` and `undefined` leaves. @internal
 */
export function leafPaths(
  row: Readonly<Record<string, unknown>>,
  withEmpty: boolean,
  out: string[] = [],
  prefix = '',
): string[] {
  for (const key of Object.keys(row)) {
    const value = row[key];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) leafPaths(value, withEmpty, out, path);
    else if (withEmpty || (value !== undefined && value !== null)) out.push(path);
  }
  return out;
}

/** The value at a dotted path (own properties of plain objects only), or `undefined`. @internal */
export function valueAtPath(row: unknown, segments: readonly string[]): unknown {
  let current = row;
  for (const key of segments) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Whether strings joined with `|` read back as the same list. */
function joinable(items: readonly unknown[]): items is readonly string[] {
  if (items.length === 0) return false;
  for (const item of items) {
    if (typeof item !== 'string' || item === '' || item.includes('|')) return false;
  }
  return !(items[0] as string).startsWith('[');
}

function json(value: unknown, caller: string, where: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${caller} requires JSON-serialisable values, ${where} is not (${(error as Error).message})`,
    );
  }
}

/**
 * The text of one cell, before quoting: empty for `null` / `undefined`; numbers as `String(n)`
 * (never altered); booleans `true` / `false`; dates as ISO 8601; arrays of strings joined with `|`
 * (as JSON when an item is empty, holds `|`, or the first starts with `[`, and for `[]`); other
 * arrays and objects as JSON; strings as they are, neutralised when asked. @internal
 */
export function cellText(value: unknown, neutralise: boolean, caller: string, where: string) {
  switch (typeof value) {
    case 'undefined':
      return '';
    case 'string':
      return neutralise ? neutraliseFormula(value) : value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${caller} requires finite numbers, ${where} is ${String(value)}`,
        );
      }
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return '';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) {
          throw new InternalCustomerError(
            'INVALID_INPUT',
            `${caller} requires valid dates, ${where} is an invalid Date`,
          );
        }
        return value.toISOString();
      }
      if (Array.isArray(value)) {
        if (joinable(value)) {
          const text = value.join('|');
          return neutralise ? neutraliseFormula(text) : text;
        }
        return json(value, caller, where);
      }
      return json(value, caller, where);
    }
    default:
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${caller} requires data values, ${where} is a ${typeof value} (${describeValue(String(value))})`,
      );
  }
}

const NEEDS_QUOTES: Readonly<Record<CsvDelimiter, RegExp>> = {
  ',': /[",\r\n]/,
  ';': /[";\r\n]/,
  '\t': /["\t\r\n]/,
};

/** Quotes a cell per RFC 4180 when it holds the delimiter, a quote or a line break. @internal */
export function quoteCell(text: string, delimiter: CsvDelimiter): string {
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
