import { InternalCustomerError } from '../core/errors.js';
import type { KaplanMeierResult } from './kaplanMeier.js';

/** The Kaplan-Meier estimate at one time, as R `summary(fit, times = t)`. */
export interface SurvivalAtResult {
  /** The time asked for. */
  readonly time: number;
  /** S(t): 1 before the first time of the table, else the value at the last table time <= t. */
  readonly survival: number;
  /** Greenwood's sigma (standard error of -log S) at t. */
  readonly sigma: number;
  /** The standard error of S (sigma x S); null where S is 0. */
  readonly standardError: number | null;
  /** The interval of the table's type and level; null where R gives NA. */
  readonly lower: number | null;
  readonly upper: number | null;
  /**
   * R `n.risk` at t: the number at risk at the first table time >= t (observations with a time on
   * or after t, and with entry times an entry before that table time); 0 after the last time.
   */
  readonly atRisk: number;
  /** Whether t lies after the last time of the table (the estimate is carried forward). */
  readonly afterLastTime: boolean;
}

/**
 * S(t) from a Kaplan-Meier table: the step function is right-continuous, so at an event time it
 * already includes that time's events; before the first time S = 1 with sigma 0 and limits of 1
 * for every interval type (as R's summary; inside the table a `log-log` limit where S = 1 is null).
 * After the last time the last value is
 * carried forward and `afterLastTime` says so (R `summary(..., extend = TRUE)`).
 * See https://www.rdocumentation.org/packages/survival/versions/3.5-3/topics/summary.survfit.
 *
 * O(log rows) (binary search).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when t is negative, NaN or infinite.
 *
 * @example
 * const km = kaplanMeier([3, 5, 5, 8, 8, 8, 12, 12, 15], [1, 1, 0, 1, 1, 0, 1, 0, 0]);
 * // R: summary(survfit(Surv(time, status) ~ 1), times = c(12, 11.5), extend = TRUE)$surv
 * survivalAt(km, 12).survival // => 0.345679012346
 * survivalAt(km, 11.5).survival // => 0.518518518519
 * survivalAt(km, 12).atRisk // => 3
 * survivalAt(km, 1).survival // => 1
 * survivalAt(km, 20).afterLastTime // => true
 * survivalAt(km, -1) // => throws OUT_OF_RANGE
 */
export function survivalAt(km: KaplanMeierResult, t: number): SurvivalAtResult {
  if (!(t >= 0 && t < Number.POSITIVE_INFINITY)) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `survivalAt requires a finite time >= 0, got ${String(t)}`,
    );
  }
  const times = km.time;
  // The last row with time <= t.
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! <= t) low = middle + 1;
    else high = middle;
  }
  const row = low - 1;
  const atRisk =
    row >= 0 && times[row] === t ? km.atRisk[row]! : low < times.length ? km.atRisk[low]! : 0;
  if (row < 0) {
    return {
      time: t,
      survival: 1,
      sigma: 0,
      standardError: 0,
      lower: 1,
      upper: 1,
      atRisk,
      afterLastTime: times.length === 0,
    };
  }
  return {
    time: t,
    survival: km.survival[row]!,
    sigma: km.sigma[row]!,
    standardError: km.standardError[row]!,
    lower: km.lower[row]!,
    upper: km.upper[row]!,
    atRisk,
    afterLastTime: t > times[times.length - 1]!,
  };
}
