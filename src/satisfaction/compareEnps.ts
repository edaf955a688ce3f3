import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { normalCriticalValue, twoSidedNormalPValue } from '../core/intervals.js';
import { checkLevel } from '../internal/checkLevel.js';
import { tCdf, tQuantile } from '../internal/distributions/index.js';
import { checkScore, resolveCutoffs, sameCutoffs } from './classifyEnps.js';
import { isTally } from './enps.js';
import { type NormalEnpsIntervalMethod, normalEnpsInterval } from './enpsIntervals/registry.js';
import { type EnpsTally, type EnpsTallyOptions, enpsTally } from './enpsTally.js';

/**
 * The interval methods that compare two independent groups: those of `ENPS_INTERVAL_METHODS` that
 * are a normal approximation (`compares: true`), `wald` and `adjusted-wald`.
 */
export type CompareEnpsMethod = NormalEnpsIntervalMethod;

/** Options of {@link compareEnps}. */
export interface CompareEnpsOptions extends EnpsTallyOptions {
  /** `wald` or `adjusted-wald` (default; both groups get the pseudo-counts). */
  readonly method?: CompareEnpsMethod;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** The difference between two eNPS, on the -100..100 scale. */
export interface EnpsComparison {
  /** The raw difference a - b. `null` when either group has no answers. */
  readonly difference: number | null;
  /** The difference the test is built on: raw for Wald, from the adjusted counts for adjusted Wald. */
  readonly testedDifference: number | null;
  readonly standardError: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly interval: Interval | null;
  readonly n: readonly [number, number];
}

/**
 * Compares the eNPS of two independent groups (two teams, or two survey waves answered by
 * different people): the signed difference a - b with its standard error
 * sqrt(var_a / n_a + var_b / n_b), a z test with a two-sided p-value from the normal tail and an
 * interval. With `adjusted-wald` both groups get Rocks' pseudo-counts first. For the same people
 * answering twice use {@link compareEnpsPaired}: their answers are correlated and this test would
 * misstate the uncertainty.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for scores off the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method or a level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for tallies with different cut-offs.
 *
 * @example
 * const a = enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 });
 * const b = enpsTallyFromCounts({ detractors: 30, passives: 30, promoters: 40 });
 * const wald = compareEnps(a, b, { method: 'wald' });
 * [wald.difference, wald.standardError, wald.pValue] // => [20, 11.40175425, 0.079410626]
 * compareEnps(a, b).pValue // => 0.08321586753
 */
export function compareEnps(
  a: EnpsTally | ArrayLike<number> | Iterable<number>,
  b: EnpsTally | ArrayLike<number> | Iterable<number>,
  options: CompareEnpsOptions = {},
): EnpsComparison {
  const method = normalEnpsInterval(
    options.method ?? ('adjusted-wald' satisfies CompareEnpsMethod),
    'compareEnps',
  );
  const level = options.level ?? 0.95;
  checkLevel(level, 'compareEnps');
  const x = isTally(a) ? a : enpsTally(a, options);
  const y = isTally(b) ? b : enpsTally(b, options);
  if (!sameCutoffs(x.cutoffs, y.cutoffs)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      'compareEnps requires both groups counted with the same scale and cut-offs',
    );
  }
  const n = [x.n, y.n] as const;
  if (x.n === 0 || y.n === 0) {
    return {
      difference: null,
      testedDifference: null,
      standardError: null,
      z: null,
      pValue: null,
      interval: null,
      n,
    };
  }
  const raw = (x.promoters - x.detractors) / x.n - (y.promoters - y.detractors) / y.n;
  const ax = method.normal(x);
  const ay = method.normal(y);
  const centre = ax.centre - ay.centre;
  const standardError = Math.hypot(ax.standardError, ay.standardError);
  const critical = normalCriticalValue(level);
  const z =
    standardError === 0
      ? centre === 0
        ? 0
        : Math.sign(centre) * Number.POSITIVE_INFINITY
      : centre / standardError;
  return {
    difference: 100 * raw,
    testedDifference: 100 * centre,
    standardError: 100 * standardError,
    z,
    pValue: twoSidedNormalPValue(z),
    interval: {
      lower: 100 * (centre - critical * standardError),
      upper: 100 * (centre + critical * standardError),
      level,
      method: method.id,
    },
    n,
  };
}

/** Options of {@link compareEnpsPaired}. */
export interface CompareEnpsPairedOptions extends EnpsTallyOptions {
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** The change in eNPS for the same people answering two waves, on the -100..100 scale. */
export interface PairedEnpsComparison {
  readonly n: number;
  /** eNPS of the second wave minus the first. `null` with fewer than two pairs. */
  readonly change: number | null;
  readonly standardError: number | null;
  readonly t: number | null;
  readonly degreesOfFreedom: number | null;
  readonly pValue: number | null;
  readonly interval: Interval | null;
}

/**
 * The change in eNPS for the same people answering two waves: each answer is coded -1 / 0 / +1
 * (detractor, passive, promoter), the change is the mean of the per-person differences
 * (second - first), which equals eNPS(second) - eNPS(first), and its variance is that of the
 * paired differences: s_d^2 / n. A paired t test (n - 1 degrees of freedom, exact t
 * distribution) matches R `t.test(second, first, paired = TRUE)` on the coded answers.
 *
 * Why not {@link compareEnps}: the independent test assumes the two waves are different people.
 * The same person's answers are positively correlated, so Var(second - first) =
 * Var(first) + Var(second) - 2 Cov, smaller than the independent sum: the independent test
 * overstates the uncertainty and misses real changes. Use this only where the survey keeps
 * respondent ids (confidential or identified) to pair the answers.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for scores off the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1).
 *
 * @example
 * const pairs: [number, number][] = [[6, 9], [7, 9], [9, 10], [3, 6], [8, 9], [10, 10]];
 * const change = compareEnpsPaired(pairs);
 * change.change // => 66.6666667
 * change.pValue // => 0.10193947883
 */
export function compareEnpsPaired(
  pairs: Iterable<readonly [number, number]>,
  options: CompareEnpsPairedOptions = {},
): PairedEnpsComparison {
  const cutoffs = resolveCutoffs(options.cutoffs, 'compareEnpsPaired');
  const level = options.level ?? 0.95;
  checkLevel(level, 'compareEnpsPaired');
  const code = (score: number) => {
    checkScore(score, cutoffs, 'compareEnpsPaired');
    return score <= cutoffs.detractorMax ? -1 : score <= cutoffs.passiveMax ? 0 : 1;
  };
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const [first, second] of pairs) {
    const difference = code(second) - code(first);
    n++;
    sum += difference;
    sumSquares += difference * difference;
  }
  if (n < 2) {
    return {
      n,
      change: n === 1 ? 100 * sum : null,
      standardError: null,
      t: null,
      degreesOfFreedom: null,
      pValue: null,
      interval: null,
    };
  }
  const mean = sum / n;
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const standardError = Math.sqrt(variance / n);
  const df = n - 1;
  const t =
    standardError === 0
      ? mean === 0
        ? 0
        : Math.sign(mean) * Number.POSITIVE_INFINITY
      : mean / standardError;
  const critical = tQuantile((1 - level) / 2, df, true);
  return {
    n,
    change: 100 * mean,
    standardError: 100 * standardError,
    t,
    degreesOfFreedom: df,
    pValue: 2 * tCdf(Math.abs(t), df, true),
    interval: {
      lower: 100 * (mean - critical * standardError),
      upper: 100 * (mean + critical * standardError),
      level,
      method: 't',
    },
  };
}
