import { InternalCustomerError } from '../core/errors.js';
import { shiftDecimal } from './internal/decimal.js';
import { roundForDisplay } from './roundForDisplay.js';

/** Options of {@link formatNumber}. */
export interface FormatNumberOptions {
  /** Decimals shown. Default 1. */
  readonly digits?: number;
  /** Show a share 0-1 as a percentage: multiply by 100 and add `%`. Default false. */
  readonly percent?: boolean;
  /** Put `+` before positive numbers (for changes). Default false. */
  readonly signed?: boolean;
  /** The text for a missing value (`null` or `undefined`). Default `–` (an en dash). */
  readonly missing?: string;
}

/**
 * Formats a number for a person to read: rounded with {@link roundForDisplay} (half away from
 * zero) to a fixed number of decimals, optionally as a percentage or with a sign. `null` and
 * `undefined` (an eNPS with no answers, an interval limit R gives as NA) become the `missing`
 * text, so a table never prints `NaN` or `null`. No thousands separators, so the text reads back
 * as a number. O(1).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for NaN or an infinite value.
 * @throws {InternalCustomerError} `INVALID_OPTION` for digits that are not a whole number from 0 to 12.
 *
 * @example
 * formatNumber(14.05113018) // => '14.1'
 * formatNumber(0.1234, { percent: true }) // => '12.3%'
 * formatNumber(0.285, { percent: true, digits: 0 }) // => '29%'
 * formatNumber(5, { signed: true, digits: 0 }) // => '+5'
 * formatNumber(-0.04) // => '0.0'
 * formatNumber(null) // => '–'
 * formatNumber(Number.POSITIVE_INFINITY) // => throws OUT_OF_RANGE
 */
export function formatNumber(
  value: number | null | undefined,
  options: FormatNumberOptions = {},
): string {
  const digits = options.digits ?? 1;
  if (value === null || value === undefined) {
    roundForDisplay(0, digits);
    return options.missing ?? '–';
  }
  if (!Number.isFinite(value)) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `formatNumber requires a finite number, got ${String(value)}`,
    );
  }
  const scaled = options.percent === true ? shiftDecimal(value, 2) : value;
  const rounded = roundForDisplay(scaled, digits);
  const text = rounded.toFixed(digits);
  const sign = options.signed === true && rounded > 0 ? '+' : '';
  return `${sign}${text}${options.percent === true ? '%' : ''}`;
}
