import { checkLevel } from '../internal/checkLevel.js';
import { gammaQuantile, normalCdf, normalQuantile } from '../internal/distributions/index.js';
import { InternalCustomerError } from './errors.js';
import type { Interval } from './estimate.js';

/**
 * The two-sided critical value of the standard normal for a confidence level:
 * z = Phi^-1(1 - (1 - level) / 2), from Wichura's AS 241 (1.959963984540054 at 95%, not simple-statistics'
 * coarser 1.95716).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the level is not strictly between 0 and 1.
 *
 * @example
 * normalCriticalValue(0.95) // => 1.959963984540054
 * normalCriticalValue(0.9) // => 1.6448536269514722
 * normalCriticalValue(1) // => throws INVALID_OPTION
 */
export function normalCriticalValue(level: number): number {
  checkLevel(level, 'normalCriticalValue');
  return normalQuantile((1 - level) / 2, true);
}

/**
 * The two-sided p-value of a standard normal statistic, computed from the tail directly
 * (2 Phi(-|z|)) so that tiny p-values keep their precision (1 - Phi(z) would round to 0).
 *
 * @example
 * twoSidedNormalPValue(1.959963984540054) // => 0.05
 * twoSidedNormalPValue(-1.7541160386) // => 0.079410626
 */
export function twoSidedNormalPValue(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/**
 * The Wilson score interval of a binomial proportion (Wilson 1927; Agresti & Coull 1998), which
 * keeps its coverage near 0 and 1 where the Wald interval fails. Matches R
 * `prop.test(x, n, correct = FALSE)$conf.int`.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when counts are negative, fractional or above n.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1).
 *
 * @example
 * const interval = wilsonInterval(6, 10);
 * interval.lower // => 0.3126738
 * interval.upper // => 0.8318197
 * wilsonInterval(0, 0).lower // => 0
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (
    !Number.isInteger(n) ||
    n < 0 ||
    !Number.isInteger(successes) ||
    successes < 0 ||
    successes > n
  ) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `wilsonInterval requires whole counts with 0 <= successes <= n, got ${String(successes)} of ${String(n)}`,
    );
  }
  const z = normalCriticalValue(level);
  if (n === 0) return { lower: 0, upper: 1, level, method: 'wilson' };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
    level,
    method: 'wilson',
  };
}

/**
 * The exact (Garwood 1936) confidence interval for the mean of a Poisson count: lower
 * G^-1(alpha/2; k, 1), upper G^-1(1 - alpha/2; k + 1, 1), with exact gamma quantiles (lower and upper tails, no 1 - p).
 * Divide by the exposure for a rate. Matches R `poisson.test(k)$conf.int`.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when the count is negative or fractional.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1).
 *
 * @example
 * const interval = poissonExactInterval(5);
 * interval.lower // => 1.623486
 * interval.upper // => 11.668332
 * poissonExactInterval(0).lower // => 0
 */
export function poissonExactInterval(count: number, level = 0.95): Interval {
  if (!Number.isInteger(count) || count < 0) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `poissonExactInterval requires a whole count >= 0, got ${String(count)}`,
    );
  }
  checkLevel(level, 'poissonExactInterval');
  const alpha = 1 - level;
  return {
    lower: count === 0 ? 0 : gammaQuantile(alpha / 2, count),
    upper: gammaQuantile(alpha / 2, count + 1, true),
    level,
    method: 'exact-poisson',
  };
}
