import { InternalCustomerError } from '../core/errors.js';

/**
 * A value a report may show, or a suppressed cell. A suppressed cell carries nothing that hints at
 * its size or why it was suppressed: an empty group and a group below the minimum size look the
 * same (DESIGN.md). Every breakdown by team, manager or attribute returns these.
 */
export type Reportable<T> =
  | { readonly status: 'shown'; readonly value: T; readonly n: number }
  | { readonly status: 'suppressed' };

/** The one suppressed cell; all suppressed cells are this same frozen object. */
export const SUPPRESSED: Reportable<never> = Object.freeze({ status: 'suppressed' } as const);

/**
 * A shown cell with its value and the number of distinct respondents behind it.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when `n` is not a whole number of at least 1.
 *
 * @example
 * shown(42, 12) // => { status: 'shown', value: 42, n: 12 }
 */
export function shown<T>(value: T, n: number): Reportable<T> {
  if (!Number.isInteger(n) || n < 1) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `shown requires n as a whole number >= 1, got ${String(n)}`,
    );
  }
  return { status: 'shown', value, n };
}

/**
 * Whether a cell is shown, narrowing its type.
 *
 * @example
 * isShown(shown('x', 5)) // => true
 * isShown(SUPPRESSED) // => false
 */
export function isShown<T>(
  cell: Reportable<T>,
): cell is { readonly status: 'shown'; readonly value: T; readonly n: number } {
  return cell.status === 'shown';
}

/**
 * Applies a function to a shown cell's value; a suppressed cell stays suppressed.
 *
 * @example
 * mapReportable(shown(0.25, 8), (share) => share * 100) // => { status: 'shown', value: 25, n: 8 }
 * mapReportable(SUPPRESSED, (share: number) => share * 100) // => { status: 'suppressed' }
 */
export function mapReportable<T, U>(cell: Reportable<T>, map: (value: T) => U): Reportable<U> {
  return cell.status === 'shown'
    ? { status: 'shown', value: map(cell.value), n: cell.n }
    : SUPPRESSED;
}
