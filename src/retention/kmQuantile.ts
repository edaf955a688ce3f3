import { InternalCustomerError } from '../core/errors.js';
import type { KaplanMeierResult } from './kaplanMeier.js';

/** A quantile of the time to event with its interval, as R `quantile.survfit`. */
export interface KmQuantileResult {
  /** p: the quantile is the time where S falls to 1 - p (the median at p = 0.5). */
  readonly probability: number;
  /** The time, or null when S never falls to 1 - p. */
  readonly quantile: number | null;
  /** Where the lower band of S falls to 1 - p; null when it never does. */
  readonly lower: number | null;
  /** Where the upper band of S falls to 1 - p; null when it never does (often: "not reached"). */
  readonly upper: number | null;
}

/** R's default tolerance, sqrt(.Machine$double.eps). */
const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R `approx(x, y, p, method = 'constant', f = 1)$y` after `regularize.values` (points with an NA
 * removed, sorted by x, ties averaged); undefined outside the range (rule 1). @internal
 */
function approxConstant(
  xs: readonly number[],
  ys: readonly number[],
  p: number,
): number | undefined {
  const pairs = xs.map((x, i) => [x, ys[i]!] as const).sort((a, b) => a[0] - b[0]);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    let sum = 0;
    while (j < pairs.length && pairs[j]![0] === pairs[i]![0]) sum += pairs[j++]![1];
    x.push(pairs[i]![0]);
    y.push(sum / (j - i));
    i = j;
  }
  const n = x.length;
  if (n === 0 || p < x[0]! || p > x[n - 1]!) return undefined;
  let i = 0;
  let j = n - 1;
  while (i < j - 1) {
    const middle = (i + j) >> 1;
    if (p < x[middle]!) j = middle;
    else i = middle;
  }
  if (p === x[j]) return y[j];
  if (p === x[i]) return y[i];
  return y[j];
}

/**
 * R survival's `findq`: the first time where the curve `y` (a cumulative probability, 1 - S) reaches
 * p, the midpoint of a flat stretch lying within `tol` of p. `x` starts with the start time 0 and
 * `y` with 0. @internal
 */
function findQuantile(
  x: readonly number[],
  y: readonly (number | null)[],
  p: number,
): number | null {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of y) if (value !== null && value > max) max = value;
  if (max < p) return null;
  const xmax = x[x.length - 1]!;
  // Drop later duplicates of a value (R `duplicated`, where NA duplicates NA).
  const keptX: number[] = [];
  const keptY: (number | null)[] = [];
  const seen = new Set<number | null>();
  for (let i = 0; i < y.length; i++) {
    const value = y[i]!;
    if (seen.has(value)) continue;
    seen.add(value);
    keptX.push(x[i]!);
    keptY.push(value);
  }
  const n = keptY.length;
  const positions: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = keptY[i];
    if (value === null || value === undefined) continue;
    positions.push(i + 1);
    values.push(value);
  }
  const index1 = approxConstant(
    values.map((value) => value + TOLERANCE),
    positions,
    p,
  );
  const index2 = approxConstant(
    values.map((value) => value - TOLERANCE),
    positions,
    p,
  );
  const at = (index: number | undefined): number | undefined =>
    index === undefined ? undefined : keptX[Math.trunc(index) - 1];
  const x1 = at(index1);
  const x2 = at(index2);
  let quantile: number | null = x1 === undefined || x2 === undefined ? null : (x1 + x2) / 2;
  if (p === 0) quantile = keptX[0]!;
  const last = keptY[n - 1];
  if (last !== null && last !== undefined && Math.abs(p - last) < TOLERANCE) {
    quantile = x1 === undefined ? null : (x1 + xmax) / 2;
  }
  return quantile;
}

/**
 * The p-quantile of the time to event from a Kaplan-Meier table, with its interval, exactly as R
 * `quantile.survfit` (survival 3.5.3): the first time where S(t) <= 1 - p; where S equals 1 - p
 * (within sqrt(machine epsilon)) over a flat stretch, the midpoint of that stretch; the limits are
 * where the lower and upper bands of S cross 1 - p, by the same rule. Null where the curve never
 * gets there (a median "not reached"). The median is p = 0.5 ({@link kmMedian}).
 * See https://www.rdocumentation.org/packages/survival/versions/3.5-3/topics/quantile.survfit.
 *
 * O(rows log rows).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when p is not a number from 0 to 1.
 *
 * @example
 * // R: quantile(survfit(Surv(time, status) ~ 1), c(0.25, 0.5))
 * const km = kaplanMeier([3, 5, 5, 8], [1, 1, 0, 1]);
 * kmQuantile(km, 0.25) // => { probability: 0.25, quantile: 4, lower: 3, upper: null }
 * kmQuantile(km, 0.5).quantile // => 6.5
 * kmQuantile(km, 1.5) // => throws OUT_OF_RANGE
 */
export function kmQuantile(km: KaplanMeierResult, p: number): KmQuantileResult {
  if (!(p >= 0 && p <= 1)) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `kmQuantile requires a probability from 0 to 1, got ${String(p)}`,
    );
  }
  const x = [0, ...km.time];
  const complement = (values: readonly (number | null)[]) => [
    0,
    ...values.map((value) => (value === null ? null : 1 - value)),
  ];
  return {
    probability: p,
    quantile: findQuantile(x, complement(km.survival), p),
    lower: findQuantile(x, complement(km.lower), p),
    upper: findQuantile(x, complement(km.upper), p),
  };
}

/**
 * The median time to event with its interval: {@link kmQuantile} at p = 0.5, as R
 * `print(survfit(...))` reports it (median, 0.95LCL, 0.95UCL).
 *
 * O(rows log rows).
 *
 * @example
 * // The reference vector of kaplan-meier.md: median 24 (12, not reached) with log intervals.
 * const km = kaplanMeier(
 *   [3, 5, 5, 8, 8, 8, 12, 12, 15, 18, 20, 24, 24, 30, 36],
 *   [1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0],
 * );
 * kmMedian(km) // => { probability: 0.5, quantile: 24, lower: 12, upper: null }
 */
export function kmMedian(km: KaplanMeierResult): KmQuantileResult {
  return kmQuantile(km, 0.5);
}
