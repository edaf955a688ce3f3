import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { chiSquareUpperTail } from './internal/chiSquare.js';
import { groupKeys } from './internal/groupKeys.js';
import { countByTime } from './kaplanMeier.js';

/** One group of a {@link logRank} test. */
export interface LogRankGroup {
  /** The group key, as a string. */
  readonly group: string;
  readonly n: number;
  /** Observed events, O. */
  readonly observed: number;
  /** Expected events under the null hypothesis of equal survival, E. */
  readonly expected: number;
}

/** Options of {@link logRank}. */
export interface LogRankOptions {
  /**
   * Entry times (late entry), one per observation: at risk at t when entry < t <= time, as R
   * `Surv(entry, time, status)`. The test is then the score test of the Cox model.
   */
  readonly entry?: ArrayLike<number> | undefined;
}

/** The options logRank knows (an unknown one is an error). */
const LOG_RANK_OPTIONS = { entry: true } satisfies OptionKeys<LogRankOptions>;

/** The result of {@link logRank}, as R `survdiff`. */
export interface LogRankResult {
  /** The log-rank statistic, (O - E)' V^-1 (O - E) over all groups but one. */
  readonly chiSquare: number;
  /** Groups with expected events > 0, minus 1 (k - 1 in the usual case). */
  readonly degreesOfFreedom: number;
  /** P(chi-square > statistic), from the tail directly; 1 when there is nothing to test. */
  readonly pValue: number;
  /** The groups in sorted order (numbers numerically when every key is a number). */
  readonly groups: readonly LogRankGroup[];
  /** The variance-covariance matrix V of O - E, rows and columns in the order of `groups`. */
  readonly variance: readonly (readonly number[])[];
  readonly warnings: readonly string[];
}

/**
 * Solves V x = b by Gaussian elimination with partial pivoting, skipping singular pivots (those
 * within 1e-10 of the largest diagonal entry). @internal
 */
export function solve(matrix: number[][], vector: number[]): { x: number[]; singular: boolean } {
  const size = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  let singular = false;
  const scale = Math.max(1e-300, ...matrix.map((row, i) => Math.abs(row[i]!)));
  const pivotRow: number[] = [];
  for (let column = 0, row = 0; column < size; column++) {
    let best = row;
    for (let i = row + 1; i < size; i++) {
      if (Math.abs(a[i]![column]!) > Math.abs(a[best]![column]!)) best = i;
    }
    if (row >= size || Math.abs(a[best]![column]!) <= 1e-10 * scale) {
      singular = true;
      pivotRow.push(-1);
      continue;
    }
    [a[row], a[best]] = [a[best]!, a[row]!];
    const pivot = a[row]!;
    for (let i = 0; i < size; i++) {
      if (i === row) continue;
      const factor = a[i]![column]! / pivot[column]!;
      if (factor === 0) continue;
      for (let j = column; j <= size; j++) a[i]![j]! -= factor * pivot[j]!;
    }
    pivotRow.push(row);
    row += 1;
  }
  const x = pivotRow.map((row, column) => (row < 0 ? 0 : a[row]![size]! / a[row]![column]!));
  return { x, singular };
}

/**
 * The log-rank test (Mantel 1966; Peto & Peto 1972) of whether k >= 2 groups share one survival
 * curve, exactly as R `survdiff(Surv(time, status) ~ group)` (rho = 0, survival 3.5.3).
 *
 * At each event time t with d events among n at risk (r_j in group j): E_j += d r_j / n and
 * V_jl += d (n - d) / (n - 1) (r_j / n) (delta_jl - r_l / n). Groups with E = 0 are dropped, then
 * the first remaining group; chi-square = (O - E)' V^-1 (O - E) on the rest, with degrees of
 * freedom = groups with E > 0, minus 1, and p = P(chi-square > statistic) from the upper tail
 * directly. With fewer than two groups with expected events there is nothing to test: the
 * statistic is 0, the degrees of freedom 0 and p 1, with a warning. A singular V (for example a
 * group whose every member is at risk alone) is solved as a generalised inverse, with a warning.
 * See https://www.rdocumentation.org/packages/survival/versions/3.5-3/topics/survdiff.
 *
 * With `entry` (late entry), the risk sets are those of the counting process (entry < t <= time)
 * and the test is the score test of `coxph(Surv(entry, time, status) ~ factor(group), ties =
 * "breslow")` (R's `survdiff` refuses entry times): the same O - E, with V_jl += d (r_j / n)
 * (delta_jl - r_l / n), which lacks survdiff's factor (n - d) / (n - 1); the two agree wherever no
 * two events share a time.
 *
 * O(n log n + distinct event times x k^2).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when times, events and groups are not arrays of
 * one length, or a group key is not a string or a number.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, or an event
 * that is not 0 or 1.
 *
 * @example
 * // R: survdiff(Surv(time, status) ~ group)
 * const test = logRank([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 0, 1], ['a', 'a', 'a', 'b', 'b', 'b']);
 * test.groups.map((group) => group.observed) // => [3, 2]
 * test.chiSquare // => 5.05166051660517
 * test.degreesOfFreedom // => 1
 * test.pValue // => 0.02460235
 * // R: coxph(Surv(entry, time, status) ~ group, ties = "breslow")$score
 * logRank([3, 5, 5, 8], [1, 1, 0, 1], ['a', 'a', 'b', 'b'], { entry: [0, 0, 2, 4] }).chiSquare // => 2.25
 */
export function logRank(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  groups: ArrayLike<string | number>,
  options: LogRankOptions = {},
): LogRankResult {
  checkOptions(options, LOG_RANK_OPTIONS, 'logRank');
  const entry = options.entry;
  // Validates times, events and entry times (and their lengths) once.
  countByTime(times, events, 'logRank', entry);
  const n = times.length;
  const { sorted, of: groupOf, size: sizes } = groupKeys(groups, n, 'logRank');
  const k = sorted.length;
  const size = [...sizes];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]!);
  // With entry times, people join the risk sets in order of entry (none at risk at first).
  const entering = new Uint32Array(entry === undefined ? 0 : n);
  for (let i = 0; i < entering.length; i++) entering[i] = i;
  if (entry !== undefined) entering.sort((a, b) => entry[a]! - entry[b]!);
  let entered = 0;

  const atRisk = entry === undefined ? [...size] : new Array<number>(k).fill(0);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const deaths = new Array<number>(k).fill(0);
  const leaving = new Array<number>(k).fill(0);
  let totalAtRisk = entry === undefined ? n : 0;
  for (let start = 0; start < n; ) {
    const t = times[order[start]!]!;
    while (entry !== undefined && entered < n && entry[entering[entered]!]! < t) {
      atRisk[groupOf[entering[entered]!]!]! += 1;
      totalAtRisk += 1;
      entered += 1;
    }
    let end = start;
    deaths.fill(0);
    leaving.fill(0);
    let d = 0;
    while (end < n && times[order[end]!] === t) {
      const i = order[end]!;
      const g = groupOf[i]!;
      leaving[g]! += 1;
      if (events[i] === 1) {
        deaths[g]! += 1;
        d += 1;
      }
      end += 1;
    }
    if (d > 0) {
      for (let j = 0; j < k; j++) {
        observed[j]! += deaths[j]!;
        expected[j]! += (d * atRisk[j]!) / totalAtRisk;
      }
      if (totalAtRisk > 1 || entry !== undefined) {
        // survdiff's hypergeometric variance; the Cox information (Breslow) with entry times.
        const factor = entry === undefined ? (d * (totalAtRisk - d)) / (totalAtRisk - 1) : d;
        for (let j = 0; j < k; j++) {
          const share = atRisk[j]! / totalAtRisk;
          if (share === 0) continue;
          for (let l = 0; l < k; l++) {
            variance[j]![l]! += factor * share * ((j === l ? 1 : 0) - atRisk[l]! / totalAtRisk);
          }
        }
      }
    }
    for (let j = 0; j < k; j++) atRisk[j]! -= leaving[j]!;
    totalAtRisk -= end - start;
    start = end;
  }

  const warnings: string[] = [];
  const tested = sorted.map((_, j) => j).filter((j) => expected[j]! > 0);
  let chiSquare = 0;
  let degreesOfFreedom = 0;
  let pValue = 1;
  if (tested.length < 2) {
    warnings.push(
      `logRank found ${tested.length} group(s) with expected events: there is nothing to test (chi-square 0, p 1)`,
    );
  } else {
    const kept = tested.slice(1);
    const difference = kept.map((j) => observed[j]! - expected[j]!);
    const { x, singular } = solve(
      kept.map((j) => kept.map((l) => variance[j]![l]!)),
      difference,
    );
    if (singular)
      warnings.push('logRank found a singular variance matrix: a generalised inverse was used');
    chiSquare = x.reduce((sum, value, i) => sum + value * difference[i]!, 0);
    degreesOfFreedom = tested.length - 1;
    pValue = chiSquareUpperTail(chiSquare, degreesOfFreedom);
  }
  return {
    chiSquare,
    degreesOfFreedom,
    pValue,
    groups: sorted.map((key, j) => ({
      group: String(key),
      n: size[j]!,
      observed: observed[j]!,
      expected: expected[j]!,
    })),
    variance: variance.map((row) => [...row]),
    warnings,
  };
}
