/** The two kinds of Estimate the retention module returns. @internal */
import type { Estimate } from '../../core/estimate.js';
import { poissonExactInterval, wilsonInterval } from '../../core/intervals.js';

/**
 * A rate `count / exposure` with the exact Poisson (Garwood) interval of the count divided by the
 * exposure; `n` is the count. With no exposure the value is 0 and the interval [0, Infinity): no
 * information, never NaN. @internal
 */
export function rateEstimate(count: number, exposure: number, level: number): Estimate {
  const interval = poissonExactInterval(count, level);
  if (!(exposure > 0)) {
    return {
      value: 0,
      standardError: 0,
      interval: { lower: 0, upper: Number.POSITIVE_INFINITY, level, method: 'exact-poisson' },
      n: count,
    };
  }
  return {
    value: count / exposure,
    standardError: Math.sqrt(count) / exposure,
    interval: {
      lower: interval.lower / exposure,
      upper: interval.upper / exposure,
      level,
      method: 'exact-poisson',
    },
    n: count,
  };
}

/**
 * A proportion `successes / n` with its Wilson interval and binomial standard error; with n = 0
 * the value is 0 and the interval [0, 1]. @internal
 */
export function proportionEstimate(successes: number, n: number, level: number): Estimate {
  const interval = wilsonInterval(successes, n, level);
  const value = n === 0 ? 0 : successes / n;
  return {
    value,
    standardError: n === 0 ? 0 : Math.sqrt((value * (1 - value)) / n),
    interval,
    n,
  };
}

/** Scales an estimate (value, standard error and limits) by a positive factor. @internal */
export function scaleEstimate(estimate: Estimate, factor: number): Estimate {
  return {
    value: estimate.value * factor,
    standardError: estimate.standardError * factor,
    interval: {
      ...estimate.interval,
      lower: estimate.interval.lower * factor,
      upper: estimate.interval.upper * factor,
    },
    n: estimate.n,
  };
}
