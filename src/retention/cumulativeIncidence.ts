import { InternalCustomerError } from '../core/errors.js';
import { normalCriticalValue } from '../core/intervals.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type ConfidenceType, checkEntry, checkPaired, survivalOptions } from './kaplanMeier.js';

/** Options of {@link cumulativeIncidence}. */
export interface CumulativeIncidenceOptions {
  /**
   * The names of the exit kinds: code k (1, 2 ...) of `exits` is `kinds[k - 1]`. Every kind gets a
   * curve, with or without exits. Default: `'1'`, `'2'` ... up to the largest code.
   */
  readonly kinds?: readonly string[];
  /**
   * Entry times (late entry, left truncation), one per observation: at risk at t when
   * entry < t <= time, as R `Surv(entry, time, status)`. Each is finite, >= 0 and below its time.
   */
  readonly entry?: ArrayLike<number> | undefined;
  /** The interval type, as R `survfit(conf.type = ...)`; default `log`. */
  readonly confType?: ConfidenceType;
  /** The confidence level of the pointwise intervals; default 0.95. */
  readonly level?: number;
}

/** The options cumulativeIncidence knows (an unknown one is an error). */
const CUMULATIVE_INCIDENCE_OPTIONS = {
  kinds: true,
  entry: true,
  confType: true,
  level: true,
} satisfies OptionKeys<CumulativeIncidenceOptions>;

/**
 * The probability of one state at each time of a {@link CumulativeIncidenceResult}, with its
 * standard error and pointwise interval. Columns are parallel to `time`.
 */
export interface StateProbability {
  /** R `fit$pstate[, state]`. */
  readonly probability: readonly number[];
  /** The infinitesimal jackknife standard error, R `fit$std.err[, state]`. */
  readonly standardError: readonly number[];
  /** Null where R gives NA (probability 0, and also 1 for log-log). */
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

/** The cumulative incidence of one exit kind. */
export interface CumulativeIncidenceCurve extends StateProbability {
  readonly kind: string;
  /** Exits of this kind at each time. */
  readonly events: readonly number[];
}

/** The result of {@link cumulativeIncidence}: one row per distinct exit time (event or censoring). */
export interface CumulativeIncidenceResult {
  /** Observations. */
  readonly n: number;
  /** Observations with an exit of any kind. */
  readonly totalEvents: number;
  readonly confType: ConfidenceType;
  readonly level: number;
  /** Distinct times, ascending. */
  readonly time: readonly number[];
  /** Observations at risk at `time[i]` (entry < time[i] <= their time). */
  readonly atRisk: readonly number[];
  readonly censored: readonly number[];
  /**
   * No exit of any kind yet (R's state `(s0)`): the Kaplan-Meier survival of all exits, with the
   * jackknife standard error (not Greenwood's).
   */
  readonly survival: StateProbability;
  /** One curve per kind, in the order of `kinds`. */
  readonly incidence: readonly CumulativeIncidenceCurve[];
}

/**
 * Checks times and exit codes (0 censored, k the kind `kinds[k - 1]`); returns the kinds' names.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT`, `OUT_OF_RANGE` and `INVALID_OPTION` as
 * {@link cumulativeIncidence} says. @internal
 */
export function checkedKinds(
  times: ArrayLike<number>,
  exits: ArrayLike<number>,
  given: readonly string[] | undefined,
  functionName = 'cumulativeIncidence',
): string[] {
  checkPaired(times, exits, 'exits', functionName);
  if (
    given !== undefined &&
    (!Array.isArray(given) ||
      given.length === 0 ||
      given.some((kind) => typeof kind !== 'string') ||
      new Set(given).size !== given.length)
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires kinds as a non-empty array of distinct strings, got ${JSON.stringify(given)}`,
    );
  }
  const limit = given === undefined ? 0x7fffffff : given.length;
  let largest = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!(t >= 0 && t < Number.POSITIVE_INFINITY)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires finite times >= 0, got ${String(t)} at index ${i}`,
      );
    }
    const code = exits[i]!;
    if (!(Number.isInteger(code) && code >= 0 && code <= limit)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires exits of 0 (censored) or a kind's code 1 to ${given === undefined ? 'K' : limit}, got ${String(code)} at index ${i}`,
      );
    }
    if (code > largest) largest = code;
  }
  if (given !== undefined) return [...given];
  return Array.from({ length: Math.max(largest, 1) }, (_, k) => String(k + 1));
}

/** The first index of `sorted` whose value is above `value` (binary search). */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Largest whole-number time indexed directly (no sort), relative to n as in `countByTime`. */
const COUNTING_MAX = 1 << 26;

/**
 * The distinct times, ascending, each observation's time index (`exitAt`) and the index of the
 * first time after its entry (`enterAt`, the time at which it is first at risk). Whole-number times
 * up to about 8n are ranked through a table indexed by time (O(n + max time), no sort); other
 * times are sorted as a Float64Array and ranked by binary search.
 */
function timeIndex(
  times: ArrayLike<number>,
  entry: ArrayLike<number> | undefined,
): { distinct: Float64Array; exitAt: Int32Array; enterAt: Int32Array } {
  const n = times.length;
  const exitAt = new Int32Array(n);
  const enterAt = new Int32Array(n);
  let max = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (t > max) max = t;
    if (whole && t !== Math.floor(t)) whole = false;
  }
  if (whole && max < COUNTING_MAX && max <= 8 * n + 4096) {
    // rank[v] = distinct times <= v.
    const rank = new Int32Array(max + 1);
    for (let i = 0; i < n; i++) rank[times[i]!] = 1;
    const distinct: number[] = [];
    let count = 0;
    for (let v = 0; v <= max; v++) {
      if (rank[v] === 1) {
        distinct.push(v);
        count += 1;
      }
      rank[v] = count;
    }
    for (let i = 0; i < n; i++) {
      exitAt[i] = rank[times[i]!]! - 1;
      if (entry !== undefined) enterAt[i] = rank[Math.floor(entry[i]!)]!;
    }
    return { distinct: Float64Array.from(distinct), exitAt, enterAt };
  }
  const sorted = new Float64Array(n);
  // + 0 turns -0 into 0, so that the two zeros sort as one time.
  for (let i = 0; i < n; i++) sorted[i] = times[i]! + 0;
  sorted.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
  const distinct = sorted.slice(0, m);
  for (let i = 0; i < n; i++) {
    exitAt[i] = upperBound(distinct, times[i]!) - 1;
    if (entry !== undefined) enterAt[i] = upperBound(distinct, entry[i]!);
  }
  return { distinct, exitAt, enterAt };
}

/** A state's columns, sized to the rows and filled in place. */
interface StateColumns {
  probability: number[];
  standardError: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}

const sizedColumns = (rows: number): StateColumns => ({
  probability: new Array<number>(rows).fill(0),
  standardError: new Array<number>(rows).fill(0),
  lower: new Array<number | null>(rows).fill(null),
  upper: new Array<number | null>(rows).fill(null),
});

/**
 * Writes row `row` of a state: its probability, the standard error from a variance computed from
 * running sums of total size `scale`, and the pointwise interval of R `survfit_confint(logse =
 * FALSE)` (null where R gives NA). A variance within rounding error of 0 (at most 64 machine
 * epsilons of `scale`) is 0, as when the probability is certain (everyone left by one kind): its
 * square root would otherwise show the rounding error (1e-8 from 1e-16) as a standard error.
 */
function setRow(
  columns: StateColumns,
  row: number,
  p: number,
  variance: number,
  scale: number,
  z: number,
  confType: ConfidenceType,
): void {
  const se = variance <= 64 * Number.EPSILON * scale ? 0 : Math.sqrt(variance);
  columns.probability[row] = p;
  columns.standardError[row] = se;
  const relative = se === 0 ? 0 : se / p;
  if (confType === 'plain') {
    const width = relative * p * z;
    columns.lower[row] = Math.max(p - width, 0);
    columns.upper[row] = Math.min(p + width, 1);
  } else if (confType === 'log') {
    if (p === 0) return;
    const width = z * relative;
    columns.lower[row] = Math.exp(Math.log(p) - width);
    columns.upper[row] = Math.min(Math.exp(Math.log(p) + width), 1);
  } else {
    if (p === 0 || p === 1) return;
    const width = (z * relative) / Math.log(p);
    const centre = Math.log(-Math.log(p));
    columns.lower[row] = Math.exp(-Math.exp(centre - width));
    columns.upper[row] = Math.exp(-Math.exp(centre + width));
  }
}

/**
 * Cumulative incidence of competing exits: the Aalen-Johansen estimate of the probability of
 * having left by each kind (voluntary, involuntary, other ...) by time t, when leaving by one kind
 * rules out leaving by another (Aalen & Johansen 1978; Putter, Fiocco & Geskus 2007).
 *
 * At each distinct time t_j with n_j at risk and d_jk exits of kind k (d_j of any kind):
 * S(t_j) = S(t_j-1) (1 - d_j / n_j) is the Kaplan-Meier survival of all exits, and
 * F_k(t_j) = F_k(t_j-1) + S(t_j-1) d_jk / n_j. So S + sum_k F_k = 1 at every time. The standard
 * errors are R's infinitesimal jackknife: the variance of F_k(t) is sum_i U_ik(t)^2 where U_ik is
 * the derivative of F_k(t) with respect to observation i's case weight (for S, not Greenwood's
 * variance but close to it). The intervals are R `survfit_confint(logse = FALSE)`: `log`
 * exp(log p +- z se / p) capped at 1; `log-log` exp(-exp(log(-log p) +- z (se / p) / log p));
 * `plain` p +- z se clipped to [0, 1]; null where R gives NA (p = 0, and p = 1 for log-log).
 * Equal to R survival 3.5.3 `survfit(Surv(time, status) ~ 1, conf.type = ...)` with `status` a
 * factor whose first level is censoring (`pstate`, `std.err`, `lower`, `upper`), to 1e-9; with
 * `entry`, to `survfit(Surv(entry, time, status) ~ 1, id = seq_along(time))` (R asks for an id
 * with (start, stop] data; one row per id here). Times are compared exactly (round them first).
 * See https://www.rdocumentation.org/packages/survival/versions/3.5-3/topics/survfit.formula and
 * the survival package's vignette "Multi-state models and competing risks".
 *
 * Why not "1 - Kaplan-Meier with the other kinds censored": censoring treats someone who left by
 * another kind as if they could still leave by this one later, so 1 - KM estimates the risk in a
 * world where the other exits do not exist, and overstates this kind's risk (the more the other
 * kinds happen early, the more). F_k counts only those still employed, S(t_j-1), as able to leave
 * by kind k at t_j. With one kind only, F = 1 - KM exactly. Worked example (the last lines of
 * the examples below): of 10 hires, 4 are dismissed in months 1-4, 2 quit in months 6 and 8 and 4
 * are still employed at month 12. 2 in 10 quit: F_voluntary(12) = 0.6 x 1/6 + 0.5 x 1/5 = 0.2.
 * 1 - KM of quits with the dismissals censored takes 1 quit in 6, then 1 in 5, as the rate of all
 * ten: 1 - (5/6)(4/5) = 0.333, two thirds more than the share who quit.
 *
 * Use it for "what share of a hire cohort has left voluntarily by 24 months", with the other exits
 * as competitors and current employees censored; `tenureIncidence` builds the times from people,
 * and `grayTest` compares groups.
 *
 * O(n) for whole-number times up to about 8n (days of tenure: ranked through a table, no sort),
 * else O(n log n) (a native sort of a Float64Array and a binary search per observation); then
 * O(n + times x kinds): the jackknife sums are kept as running totals of those at risk (per entry
 * time) and of those who left, not one influence vector per observation, and observations are
 * read in order of exit. Memory O(n + times x kinds). About 0.5 s for 1 million tenures in days
 * with three kinds on a shared 2-core machine (Kaplan-Meier: 0.05 s).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when times, exits and entry times are not arrays
 * of one length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, an exit that
 * is not 0 or a kind's code, or an entry time that is negative, NaN or not below its time.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown option, kinds that are not
 * distinct strings, an unknown `confType` or a level outside (0, 1).
 *
 * @example
 * // R: survfit(Surv(time, factor(exit, 0:2, c("censor", "voluntary", "involuntary"))) ~ 1)
 * const time = [3, 5, 5, 8, 4, 7, 9, 5, 2];
 * const exit = [1, 2, 0, 1, 1, 0, 2, 1, 0];
 * const fit = cumulativeIncidence(time, exit, { kinds: ['voluntary', 'involuntary'] });
 * fit.time // => [2, 3, 4, 5, 7, 8, 9]
 * fit.incidence[0]?.probability // => [0, 0.125, 0.25, 0.375, 0.375, 0.625, 0.625]
 * fit.incidence[1]?.probability // => [0, 0, 0, 0.125, 0.125, 0.125, 0.375]
 * fit.survival.probability // => [1, 0.875, 0.75, 0.5, 0.5, 0.25, 0]
 * fit.incidence[0]?.standardError[1] // => 0.116926793336686
 * cumulativeIncidence([1, 2], [1, -1]) // => throws OUT_OF_RANGE
 * // Why not 1 - Kaplan-Meier with the other exits censored: 10 hires, 4 dismissed (2) in months
 * // 1-4, 2 quit (1) in months 6 and 8, 4 still employed (0) at month 12.
 * const months = [1, 2, 3, 4, 6, 8, 12, 12, 12, 12];
 * const exits = [2, 2, 2, 2, 1, 1, 0, 0, 0, 0];
 * cumulativeIncidence(months, exits).incidence[0]?.probability.at(-1) // => 0.2
 * 1 - (kaplanMeier(months, exits.map((e) => (e === 1 ? 1 : 0))).survival.at(-1) ?? 1) // => 0.333333333333333
 */
export function cumulativeIncidence(
  times: ArrayLike<number>,
  exits: ArrayLike<number>,
  options: CumulativeIncidenceOptions = {},
): CumulativeIncidenceResult {
  checkOptions(options, CUMULATIVE_INCIDENCE_OPTIONS, 'cumulativeIncidence');
  const { confType, level } = survivalOptions(options, 'cumulativeIncidence');
  const kinds = checkedKinds(times, exits, options.kinds);
  const entry = options.entry;
  if (entry !== undefined) checkEntry(entry, times, 'cumulativeIncidence');
  return aalenJohansen(times, exits, kinds, entry, confType, level);
}

/**
 * The sweep of {@link cumulativeIncidence} over checked input (one documented hot loop). For an
 * observation i at risk with entry at G_e (the Greenwood-type sum G = sum d / (n (n - d)) at its
 * entry), the influence on S is -S(t) (G_e - G(t)) and on F_k is R_k(t) - G_e F_k(t) + c_ik, with
 * R_k = sum S(t-) a_k (G(t-) - 1 / n) and c_ik fixed at entry; after its exit the influence on F_k
 * is alpha_ik - A_i F_k(t) and on S is -S(t) A_i. Sums of these and their squares over those at
 * risk and those who left give each variance in O(kinds) per time.
 */
function aalenJohansen(
  times: ArrayLike<number>,
  exitCodes: ArrayLike<number>,
  kinds: readonly string[],
  entry: ArrayLike<number> | undefined,
  confType: ConfidenceType,
  level: number,
): CumulativeIncidenceResult {
  const n = times.length;
  const K = kinds.length;
  const z = normalCriticalValue(level);
  const { distinct, exitAt, enterAt } = timeIndex(times, entry);
  const m = distinct.length;
  // Observations in order of exit (a counting sort), each with its exit code and entry index, so
  // that the sweep reads them in sequence; and how many enter at each time.
  const exitStart = new Int32Array(m + 1);
  const entering = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    exitStart[exitAt[i]! + 1]! += 1;
    entering[enterAt[i]!]! += 1;
  }
  for (let j = 0; j < m; j++) exitStart[j + 1]! += exitStart[j]!;
  const next = exitStart.slice(0, m);
  const exitCode = new Int32Array(n);
  const exitEntry = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const q = next[exitAt[i]!]!++;
    exitCode[q] = exitCodes[i]!;
    exitEntry[q] = enterAt[i]!;
  }
  // G and c_k = G F_k - R_k when the observations entering at each time enter.
  const entryG = new Float64Array(m);
  const entryC = new Float64Array(m * K);
  // Running totals: G, S, F_k, R_k; over those at risk: count, sum G_e, sum G_e^2, and per kind
  // sum c, sum c^2, sum G_e c; over those who left: sum A, sum A^2, and per kind sum alpha,
  // sum alpha^2, sum alpha A.
  let g = 0;
  let s = 1;
  const f = new Float64Array(K);
  const r = new Float64Array(K);
  let atRiskCount = 0;
  let sumG = 0;
  let sumG2 = 0;
  const sumC = new Float64Array(K);
  const sumC2 = new Float64Array(K);
  const sumGC = new Float64Array(K);
  let sumA2 = 0;
  const sumAlpha = new Float64Array(K);
  const sumAlpha2 = new Float64Array(K);
  const sumAlphaA = new Float64Array(K);
  const d = new Int32Array(K);
  const hazard = new Float64Array(K);

  const time = Array.from(distinct);
  const atRisk = new Array<number>(m).fill(0);
  const censored = new Array<number>(m).fill(0);
  const events = Array.from({ length: K }, () => new Array<number>(m).fill(0));
  const survival = sizedColumns(m);
  const incidence = Array.from({ length: K }, () => sizedColumns(m));
  let totalEvents = 0;

  for (let j = 0; j < m; j++) {
    entryG[j] = g;
    for (let k = 0; k < K; k++) entryC[j * K + k] = g * f[k]! - r[k]!;
    const count = entering[j]!;
    if (count > 0) {
      atRiskCount += count;
      sumG += count * g;
      sumG2 += count * g * g;
      for (let k = 0; k < K; k++) {
        const c = entryC[j * K + k]!;
        sumC[k]! += count * c;
        sumC2[k]! += count * c * c;
        sumGC[k]! += count * g * c;
      }
    }
    const risk = atRiskCount;
    d.fill(0);
    let dead = 0;
    for (let q = exitStart[j]!; q < exitStart[j + 1]!; q++) {
      const code = exitCode[q]!;
      if (code > 0) {
        d[code - 1]! += 1;
        dead += 1;
      }
    }
    const before = s;
    if (dead > 0 && before > 0) {
      for (let k = 0; k < K; k++) {
        hazard[k] = d[k]! / risk;
        r[k]! += before * hazard[k]! * (g - 1 / risk);
        f[k]! += before * hazard[k]!;
      }
      if (dead === risk) s = 0;
      else {
        s = before * (1 - dead / risk);
        g += dead / (risk * (risk - dead));
      }
    }
    const lastStep = dead > 0 && before > 0 && dead < risk ? 1 / (risk - dead) : 0;
    for (let q = exitStart[j]!; q < exitStart[j + 1]!; q++) {
      const code = exitCode[q]!;
      const e = exitEntry[q]!;
      const ge = entryG[e]!;
      atRiskCount -= 1;
      sumG -= ge;
      sumG2 -= ge * ge;
      const a = ge - g + (code > 0 ? lastStep : 0);
      sumA2 += a * a;
      for (let k = 0; k < K; k++) {
        const c = entryC[e * K + k]!;
        sumC[k]! -= c;
        sumC2[k]! -= c * c;
        sumGC[k]! -= ge * c;
        let u = r[k]! - ge * f[k]! + c;
        if (code === k + 1 && before > 0) u += before / risk;
        const alpha = u + a * f[k]!;
        sumAlpha[k]! += alpha;
        sumAlpha2[k]! += alpha * alpha;
        sumAlphaA[k]! += alpha * a;
      }
    }
    atRisk[j] = risk;
    censored[j] = exitStart[j + 1]! - exitStart[j]! - dead;
    totalEvents += dead;
    const s2 = s * s;
    const spread = atRiskCount * g * g - 2 * g * sumG + sumG2;
    const spreadScale = atRiskCount * g * g + 2 * g * Math.abs(sumG) + sumG2;
    setRow(survival, j, s, s2 * (sumA2 + spread), s2 * (sumA2 + spreadScale), z, confType);
    for (let k = 0; k < K; k++) {
      const fk = f[k]!;
      const rk = r[k]!;
      // Those who left: sum (alpha - A F)^2; those at risk: sum (R - G_e F + c)^2, expanded.
      const t1 = sumAlpha2[k]!;
      const t2 = -2 * fk * sumAlphaA[k]!;
      const t3 = fk * fk * sumA2;
      const t4 = atRiskCount * rk * rk;
      const t5 = fk * fk * sumG2;
      const t6 = sumC2[k]!;
      const t7 = -2 * rk * fk * sumG;
      const t8 = 2 * rk * sumC[k]!;
      const t9 = -2 * fk * sumGC[k]!;
      const variance = t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9;
      const scale =
        t1 + Math.abs(t2) + t3 + t4 + t5 + t6 + Math.abs(t7) + Math.abs(t8) + Math.abs(t9);
      events[k]![j] = d[k]!;
      setRow(incidence[k]!, j, fk, variance, scale, z, confType);
    }
  }
  return {
    n,
    totalEvents,
    confType,
    level,
    time,
    atRisk,
    censored,
    survival,
    incidence: kinds.map((kind, k) => ({ kind, events: events[k]!, ...incidence[k]! })),
  };
}
