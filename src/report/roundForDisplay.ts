import { InternalCustomerError } from '../core/errors.js';
import { shiftDecimal } from './internal/decimal.js';

/**
 * Rounds a number for display to `digits` decimals, **half away from zero**: 2.5 gives 3 and
 * -2.5 gives -3 (not "half to even", which gives 2 and -2), the rule people expect on a report and
 * the one spreadsheets' `ROUND` use. It works on the shortest decimal text of the number (what
 * `String(value)` prints), not on its binary value, so `1.005` rounds to `1.01` as written (where
 * `(1.005).toFixed(2)` gives `"1.00"`). A result of zero is always `0`, never `-0`.
 *
 * The library keeps full precision everywhere else (STYLE.md); rounding happens only here, in
 * `report/` and in the command line tool, for what a person reads. O(1).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a value that is NaN or infinite.
 * @throws {InternalCustomerError} `INVALID_OPTION` for digits that are not a whole number from 0 to 12.
 *
 * @example
 * roundForDisplay(2.5) // => 3
 * roundForDisplay(-2.5) // => -3
 * roundForDisplay(1.005, 2) // => 1.01
 * roundForDisplay(33.333333, 1) // => 33.3
 * Object.is(roundForDisplay(-0.04, 1), 0) // => true
 * roundForDisplay(Number.NaN) // => throws OUT_OF_RANGE
 */
export function roundForDisplay(value: number, digits = 0): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 12) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `roundForDisplay requires digits as a whole number from 0 to 12, got ${String(digits)}`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `roundForDisplay requires a finite number, got ${String(value)}`,
    );
  }
  const magnitude = Math.abs(value);
  // Math.round is half up, which on a non-negative number is half away from zero.
  const rounded = Math.round(shiftDecimal(magnitude, digits));
  const result = shiftDecimal(rounded, -digits);
  return result === 0 ? 0 : value < 0 ? -result : result;
}
