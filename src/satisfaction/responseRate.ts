import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { wilsonInterval } from '../core/intervals.js';

/** How a response rate compares with what survey practitioners watch for. */
export type ResponseRateAssessment = 'low' | 'fair' | 'good';

/** Options of {@link responseRate}. */
export interface ResponseRateOptions {
  /** Below this rate, results are flagged as unrepresentative. Default 0.6. */
  readonly low?: number;
  /** At or above this rate, participation is good. Default 0.75 (practitioners aim for 75-80%). */
  readonly target?: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** A response rate with its counts and assessment. */
export interface ResponseRateResult {
  readonly invited: number;
  readonly responded: number;
  /** responded / invited, 0-1; `null` when nobody was invited. */
  readonly rate: number | null;
  readonly interval: Interval | null;
  readonly assessment: ResponseRateAssessment | null;
}

/**
 * The share of invited people who responded, with a Wilson interval and an assessment: `low`
 * below 60% (results may not represent the group), `good` from 75% (the 75-80% practitioners aim
 * for), `fair` between. The invitations are the denominator, so invite records matter.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for negative or fractional counts, or more responses than invitations.
 * @throws {InternalCustomerError} `INVALID_OPTION` for thresholds outside 0-1 or out of order.
 *
 * @example
 * responseRate(200, 130).assessment // => 'fair'
 * responseRate(200, 160).rate // => 0.8
 * responseRate(0, 0).rate // => null
 */
export function responseRate(
  invited: number,
  responded: number,
  options: ResponseRateOptions = {},
): ResponseRateResult {
  const low = options.low ?? 0.6;
  const target = options.target ?? 0.75;
  if (!(low >= 0 && low <= target && target <= 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `responseRate requires 0 <= low <= target <= 1, got ${String(low)} and ${String(target)}`,
    );
  }
  if (
    !Number.isInteger(invited) ||
    !Number.isInteger(responded) ||
    invited < 0 ||
    responded < 0 ||
    responded > invited
  ) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `responseRate requires whole counts with 0 <= responded <= invited, got ${String(responded)} of ${String(invited)}`,
    );
  }
  if (invited === 0) return { invited, responded, rate: null, interval: null, assessment: null };
  const rate = responded / invited;
  return {
    invited,
    responded,
    rate,
    interval: wilsonInterval(responded, invited, options.level ?? 0.95),
    assessment: rate < low ? 'low' : rate >= target ? 'good' : 'fair',
  };
}
