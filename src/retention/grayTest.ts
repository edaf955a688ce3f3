import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { checkedKinds } from './cumulativeIncidence.js';
import { chiSquareUpperTail } from './internal/chiSquare.js';
import { groupKeys } from './internal/groupKeys.js';
import { solve } from './logRank.js';

/** Options of {@link grayTest}. */
export interface GrayTestOptions {
  /** The names of the exit kinds, as `cumulativeIncidence`'s `kinds`. */
  readonly kinds?: readonly string[];
  /** Strata (one key per observation): the scores and variances are summed over strata. */
  readonly strata?: ArrayLike<string | number> | undefined;
  /** The power of the weight (1 - F(t-))^rho; default 0, as cuminc. */
  readonly rho?: number;
  /**
   * Not supported: Gray's test, as `cmprsk::cuminc`, has no late entry, and an `entry` given is
   * refused with a message rather than ignored. Use `cumulativeIncidence` with `entry` for curves.
   */
  readonly entry?: undefined;
}

const GRAY_TEST_OPTIONS = {
  kinds: true,
  strata: true,
  rho: true,
  entry: true,
} satisfies OptionKeys<GrayTestOptions>;

/** Gray's test for one exit kind. */
export interface GrayTestKind {
  readonly kind: string;
  /** The chi-square statistic, R `cuminc(...)$Tests[kind, "stat"]`; null when its variance is singular (R: -1). */
  readonly statistic: number | null;
  /** Groups minus 1. */
  readonly degreesOfFreedom: number;
  /** P(chi-square > statistic); null with the statistic. */
  readonly pValue: number | null;
}

/** cuminc's estimate of one kind's cumulative incidence in one group, at each time it occurs. */
export interface GrayCurve {
  readonly group: string;
  readonly kind: string;
  /** Distinct times with an exit of this kind in this group. */
  readonly time: readonly number[];
  readonly estimate: readonly number[];
  /** cuminc's variance (Gray 1988, section 2), not survfit's jackknife variance. */
  readonly variance: readonly number[];
}

/** The result of {@link grayTest}. */
export interface GrayTestResult {
  /** The groups, sorted (numerically when every key is a number). */
  readonly groups: readonly string[];
  /** One test per kind that occurs, in the order of `kinds`; empty with fewer than two groups. */
  readonly tests: readonly GrayTestKind[];
  /** One curve per group and kind that occurs: kinds first, then groups, as cuminc lists them. */
  readonly curves: readonly GrayCurve[];
  readonly warnings: readonly string[];
}

/** Observations sorted by time (stable), with their kinds, groups and strata. */
interface Sorted {
  readonly time: Float64Array;
  readonly exit: Int32Array;
  readonly group: Int32Array;
  readonly stratum: Int32Array;
}

/**
 * cuminc's estimate and variance for one kind in one group (cmprsk's Fortran `cinc`): at each time
 * with nd1 exits of the kind and nd2 of others among rs at risk, F += S- nd1 / rs, and the variance
 * is v1 + F^2 v3 - 2 F v2 from running sums with a tie correction 1 - (nd - 1) / (rs - 1).
 */
function cuminc(
  time: Float64Array,
  exit: Int32Array,
  code: number,
): [number[], number[], number[]] {
  const n = time.length;
  const times: number[] = [];
  const estimates: number[] = [];
  const variances: number[] = [];
  let fk = 1;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let f = 0;
  let rs = n;
  for (let first = 0; first < n; ) {
    let last = first;
    while (last + 1 < n && time[last + 1] === time[first]) last += 1;
    let nd1 = 0;
    let nd2 = 0;
    for (let i = first; i <= last; i++) {
      if (exit[i] === code) nd1 += 1;
      else if (exit[i]! > 0) nd2 += 1;
    }
    const nd = nd1 + nd2;
    if (nd > 0) {
      const fkn = (fk * (rs - nd)) / rs;
      if (nd1 > 0) f += (fk * nd1) / rs;
      if (nd2 > 0 && fkn > 0) {
        const t5 = nd2 > 1 ? 1 - (nd2 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd2) / (rs * rs);
        const t3 = 1 / fkn;
        const t4 = f / fkn;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
      }
      if (nd1 > 0) {
        const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd1) / (rs * rs);
        const t3 = fkn > 0 ? 1 / fkn : 0;
        const t4 = 1 + t3 * f;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
        times.push(time[last]!);
        estimates.push(f);
        variances.push(v1 + f * f * v3 - 2 * f * v2);
      }
      fk = fkn;
    }
    rs = n - last - 1;
    first = last + 1;
  }
  return [times, estimates, variances];
}

/**
 * Gray's score and its variance for one kind in one stratum (cmprsk's Fortran `crst`), added to
 * `score` (groups 1 to ng - 1) and `variance` (their matrix). A documented hot loop: a line-by-line
 * port of the reference, kept whole so that it can be read beside it.
 */
function grayScores(
  data: Sorted,
  rows: readonly number[],
  code: number,
  ng: number,
  rho: number,
  score: number[],
  variance: number[][],
): void {
  const ng1 = ng - 1;
  const rs = new Array<number>(ng).fill(0);
  for (const row of rows) rs[data.group[row]!]! += 1;
  const f1m = new Array<number>(ng).fill(0);
  const f1 = new Array<number>(ng).fill(0);
  const skmm = new Array<number>(ng).fill(1);
  const skm = new Array<number>(ng).fill(1);
  const v3 = new Array<number>(ng).fill(0);
  const v2 = Array.from({ length: ng1 }, () => new Array<number>(ng).fill(0));
  const c = Array.from({ length: ng }, () => new Array<number>(ng).fill(0));
  const a = Array.from({ length: ng }, () => new Array<number>(ng).fill(0));
  const v = Array.from({ length: ng1 }, () => new Array<number>(ng1).fill(0));
  const s = new Array<number>(ng1).fill(0);
  const d1 = new Array<number>(ng).fill(0);
  const d2 = new Array<number>(ng).fill(0);
  const all = new Array<number>(ng).fill(0);
  let fm = 0;
  let f = 0;
  for (let first = 0; first < rows.length; ) {
    let last = first;
    const t = data.time[rows[first]!]!;
    while (last + 1 < rows.length && data.time[rows[last + 1]!] === t) last += 1;
    d1.fill(0);
    d2.fill(0);
    all.fill(0);
    for (let q = first; q <= last; q++) {
      const row = rows[q]!;
      const g = data.group[row]!;
      const e = data.exit[row]!;
      all[g]! += 1;
      if (e === code) d1[g]! += 1;
      else if (e > 0) d2[g]! += 1;
    }
    let nd1 = 0;
    let nd2 = 0;
    for (let i = 0; i < ng; i++) {
      nd1 += d1[i]!;
      nd2 += d2[i]!;
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let i = 0; i < ng; i++) {
        if (rs[i]! <= 0) continue;
        skm[i] = (skmm[i]! * (rs[i]! - d1[i]! - d2[i]!)) / rs[i]!;
        f1[i] = f1m[i]! + (skmm[i]! * d1[i]!) / rs[i]!;
        tr += rs[i]! / skmm[i]!;
        tq += (rs[i]! * (1 - f1m[i]!)) / skmm[i]!;
      }
      f = fm + nd1 / tr;
      const fb = (1 - fm) ** rho;
      for (let i = 0; i < ng; i++) {
        for (let j = i; j < ng; j++) a[i]![j] = 0;
        if (rs[i]! <= 0) continue;
        const t1 = rs[i]! / skmm[i]!;
        a[i]![i] = fb * t1 * (1 - t1 / tr);
        if (a[i]![i] !== 0) c[i]![i]! += (a[i]![i]! * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          if (rs[j]! <= 0) continue;
          a[i]![j] = (-fb * t1 * rs[j]!) / (skmm[j]! * tr);
          if (a[i]![j] !== 0) c[i]![j]! += (a[i]![j]! * nd1) / (tr * (1 - fm));
        }
      }
      for (let i = 1; i < ng; i++) {
        for (let j = 0; j < i; j++) {
          a[i]![j] = a[j]![i]!;
          c[i]![j] = c[j]![i]!;
        }
      }
      for (let i = 0; i < ng1; i++) {
        if (rs[i]! <= 0) continue;
        s[i]! += fb * (d1[i]! - (nd1 * rs[i]! * (1 - f1m[i]!)) / (skmm[i]! * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          if (rs[k]! <= 0) continue;
          const t4 = skm[k]! > 0 ? 1 - (1 - f) / skm[k]! : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[k]! - 1) : 1;
          const t3 = (t5 * skmm[k]! * nd1) / (tr * rs[k]!);
          v3[k]! += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = a[i]![k]! - t4 * c[i]![k]!;
            v2[i]![k]! += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[i]![j]! += t1 * (a[j]![k]! - t4 * c[j]![k]!) * t3;
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          if (skm[k]! <= 0 || d2[k]! <= 0) continue;
          const t4 = (1 - f) / skm[k]!;
          const t5 = d2[k]! > 1 ? 1 - (d2[k]! - 1) / (rs[k]! - 1) : 1;
          const t3 = (t5 * (skmm[k]! ** 2 * d2[k]!)) / rs[k]! ** 2;
          v3[k]! += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * c[i]![k]!;
            v2[i]![k]! -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[i]![j]! += t1 * t4 * c[j]![k]! * t3;
          }
        }
      }
    }
    for (let i = 0; i < ng; i++) rs[i]! -= all[i]!;
    fm = f;
    for (let i = 0; i < ng; i++) {
      f1m[i] = f1[i]!;
      skmm[i] = skm[i]!;
    }
    first = last + 1;
  }
  for (let i = 0; i < ng1; i++) {
    score[i]! += s[i]!;
    for (let j = 0; j <= i; j++) {
      let sum = v[i]![j]!;
      for (let k = 0; k < ng; k++) {
        sum += c[i]![k]! * c[j]![k]! * v3[k]! + c[i]![k]! * v2[j]![k]! + c[j]![k]! * v2[i]![k]!;
      }
      variance[i]![j]! += sum;
      if (j < i) variance[j]![i]! += sum;
    }
  }
}

/**
 * Gray's test (Gray 1988) of whether k >= 2 groups share one exit kind's cumulative incidence,
 * with cuminc's estimates and variances of each group's curves: equal to R cmprsk 2.2-11
 * `cuminc(ftime, fstatus, group, strata, rho)` (`$Tests` and each `est` and `var`) to 1e-9.
 *
 * For each kind that occurs, the score of group j sums, over exit times, the weight
 * (1 - F(t-))^rho times the kind's exits in j minus their share expected from j's subdistribution
 * risk set R_j = n_j (1 - F_j(t-)) / S_j(t-); the statistic s' V^-1 s over the first k - 1 groups
 * is chi-square with k - 1 degrees of freedom (p from the upper tail directly). A singular V gives
 * a null statistic and p (cuminc: -1), with a warning. With `strata` the scores and variances are
 * summed over strata. The variances of the curves are cuminc's (Gray 1988), not the jackknife
 * variances of `cumulativeIncidence`, which follow R `survfit`: the estimates agree, the variances
 * differ a little. See https://cran.r-project.org/package=cmprsk and Gray RJ (1988), A class of
 * K-sample tests for comparing the cumulative incidence of a competing risk, Annals of Statistics
 * 16, 1141-1154.
 *
 * Use it for "do voluntary exits come sooner in one department than in others" with the other
 * exits as competitors; the log-rank test of one kind with the others censored answers another
 * question (the cause-specific hazard). Without entry times: cuminc has none.
 *
 * O(n log n + times x groups^2 x kinds) (one sort, then one sweep per kind; a line-by-line port of
 * the reference's Fortran, with its guard of cmprsk 2.2-12 against 0 / 0 when the pooled
 * incidence reaches 1).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when times, exits, groups and strata are not
 * arrays of one length, or a group or stratum key is not a string or a number.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, or an exit
 * that is not 0 or a kind's code.
 * @throws {InternalCustomerError} `INVALID_OPTION` for entry times (not supported), an unknown
 * option, kinds that are not distinct strings, or a negative or non-finite rho.
 *
 * @example
 * // R: cmprsk::cuminc(time, exit, group)$Tests
 * const time = [3, 5, 5, 8, 4, 7, 9, 5, 2];
 * const exit = [1, 2, 0, 1, 1, 0, 2, 1, 0];
 * const group = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a'];
 * const test = grayTest(time, exit, group, { kinds: ['voluntary', 'involuntary'] });
 * test.tests.map((t) => t.statistic) // => [0.117881857268241, 0.917197452229299]
 * test.tests.map((t) => t.degreesOfFreedom) // => [1, 1]
 * test.tests.map((t) => t.pValue) // => [0.731343237880545, 0.338211907346681]
 * test.curves[0] // => { group: 'a', kind: 'voluntary', time: [3, 4], estimate: [0.25, 0.5], variance: [0.0625, 0.0902777777777778] }
 * grayTest(time, exit, group, { rho: -1 }) // => throws INVALID_OPTION
 */
export function grayTest(
  times: ArrayLike<number>,
  exits: ArrayLike<number>,
  groups: ArrayLike<string | number>,
  options: GrayTestOptions = {},
): GrayTestResult {
  checkOptions(options, GRAY_TEST_OPTIONS, 'grayTest');
  if (options.entry !== undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      "grayTest has no entry times (late entry): Gray's test, as cmprsk::cuminc, assumes everyone is observed from time 0; compare curves with entry times from cumulativeIncidence, or leave out those who entered late",
    );
  }
  const rho = options.rho ?? 0;
  if (!(rho >= 0 && rho < Number.POSITIVE_INFINITY)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `grayTest requires rho as a finite number >= 0, got ${String(rho)}`,
    );
  }
  const kinds = checkedKinds(times, exits, options.kinds, 'grayTest');
  const n = times.length;
  const grouping = groupKeys(groups, n, 'grayTest');
  const strata =
    options.strata === undefined ? undefined : groupKeys(options.strata, n, 'grayTest');
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => times[i]! - times[j]!);
  const data: Sorted = {
    time: Float64Array.from(order, (i) => times[i]! + 0),
    exit: Int32Array.from(order, (i) => exits[i]!),
    group: Int32Array.from(order, (i) => grouping.of[i]!),
    stratum: Int32Array.from(order, (i) => (strata === undefined ? 0 : strata.of[i]!)),
  };
  const ng = grouping.sorted.length;
  const names = grouping.sorted.map(String);
  const present = new Set<number>();
  for (let i = 0; i < n; i++) if (data.exit[i]! > 0) present.add(data.exit[i]!);
  const codes = kinds.map((_, k) => k + 1).filter((code) => present.has(code));
  const byGroup = Array.from({ length: ng }, () => [] as number[]);
  const byStratum = Array.from({ length: strata?.sorted.length ?? 1 }, () => [] as number[]);
  for (let row = 0; row < n; row++) {
    byGroup[data.group[row]!]!.push(row);
    byStratum[data.stratum[row]!]!.push(row);
  }

  const curves: GrayCurve[] = [];
  const tests: GrayTestKind[] = [];
  const warnings: string[] = [];
  for (const code of codes) {
    const kind = kinds[code - 1]!;
    byGroup.forEach((rows, g) => {
      const [time, estimate, variance] = cuminc(
        Float64Array.from(rows, (row) => data.time[row]!),
        Int32Array.from(rows, (row) => data.exit[row]!),
        code,
      );
      curves.push({ group: names[g]!, kind, time, estimate, variance });
    });
    if (ng < 2) continue;
    const score = new Array<number>(ng - 1).fill(0);
    const variance = Array.from({ length: ng - 1 }, () => new Array<number>(ng - 1).fill(0));
    for (const rows of byStratum) grayScores(data, rows, code, ng, rho, score, variance);
    const { x, singular } = solve(variance, score);
    if (singular) {
      warnings.push(
        `grayTest found a singular variance for ${JSON.stringify(kind)}: no statistic (cuminc gives -1)`,
      );
      tests.push({ kind, statistic: null, degreesOfFreedom: ng - 1, pValue: null });
      continue;
    }
    const statistic = x.reduce((sum, value, i) => sum + value * score[i]!, 0);
    tests.push({
      kind,
      statistic,
      degreesOfFreedom: ng - 1,
      pValue: chiSquareUpperTail(statistic, ng - 1),
    });
  }
  if (ng < 2) warnings.push(`grayTest found ${ng} group(s): there is nothing to test`);
  return { groups: names, tests, curves, warnings };
}
