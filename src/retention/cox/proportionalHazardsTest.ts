import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { describeValue } from '../../internal/describeValue.js';
import { chiSquareCdf } from '../../internal/distributions/index.js';
import { lowerBound } from './coxConcordance.js';
import { coxFit } from './coxFit.js';
import { type CoxData, coxInformation } from './coxInformation.js';
import { quadraticFormInverse } from './coxMatrix.js';
import { type CoxModelOptions, type CoxTest, FIT_COX_MODEL_OPTIONS } from './fitCoxModel.js';

/**
 * The function of time the residuals are tested against (R `cox.zph(transform = )`): `'km'`
 * 1 - Kaplan-Meier (left-continuous, over all observations), `'identity'` the time itself,
 * `'rank'` its rank among all exit times (ties averaged).
 */
export type ProportionalHazardsTransform = 'km' | 'identity' | 'rank';

/** Options of {@link proportionalHazardsTest}: those of the fit, and the transform. */
export interface ProportionalHazardsTestOptions extends CoxModelOptions {
  /** Default `'km'`, as R. */
  readonly transform?: ProportionalHazardsTransform;
}

/** The test of one covariate. */
export interface ProportionalHazardsTerm extends CoxTest {
  readonly name: string;
}

/** The result of {@link proportionalHazardsTest}. */
export interface ProportionalHazardsTestResult {
  readonly transform: ProportionalHazardsTransform;
  /** One test per fitted covariate (constant ones are not fitted, so not tested). */
  readonly terms: readonly ProportionalHazardsTerm[];
  /** All covariates at once. */
  readonly global: CoxTest;
  /** The fit's warnings (constant covariates, convergence), and any of the test's own. */
  readonly warnings: readonly string[];
}

const OPTIONS = {
  ...FIT_COX_MODEL_OPTIONS,
  transform: true,
} satisfies OptionKeys<ProportionalHazardsTestOptions>;

/** 1 - S(t-) of the Kaplan-Meier of all observations (with their entry times) at each exit. @internal */
function kaplanMeierTransform(data: CoxData): Float64Array {
  const { n, time, event, entry } = data;
  const exits = Float64Array.from(time).sort();
  const entries = Float64Array.from(entry).sort();
  const countAtLeast = (sorted: Float64Array, t: number) => sorted.length - lowerBound(sorted, t);
  const deaths = new Map<number, number>();
  for (let i = 0; i < n; i++)
    if (event[i] === 1) deaths.set(time[i]!, (deaths.get(time[i]!) ?? 0) + 1);
  const eventTimes = [...deaths.keys()].sort((a, b) => a - b);
  // Survival just before each event time, then after the last.
  const before = new Float64Array(eventTimes.length + 1);
  let survival = 1;
  eventTimes.forEach((t, j) => {
    before[j] = survival;
    const atRisk = countAtLeast(exits, t) - countAtLeast(entries, t);
    survival *= 1 - deaths.get(t)! / atRisk;
  });
  before[eventTimes.length] = survival;
  // S(t-) is the survival before the first event time at or after t.
  return Float64Array.from(time, (t) => 1 - before[lowerBound(eventTimes, t)]!);
}

/** Ranks of the exit times among all observations, ties averaged (R `rank`). @internal */
function rankTransform(data: CoxData): Float64Array {
  const { n, time } = data;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a]! - time[b]!);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && time[order[j]!] === time[order[i]!]) j++;
    for (let k = i; k < j; k++) rank[order[k]!] = (i + 1 + j) / 2;
    i = j;
  }
  return rank;
}

/** The time weights g(t), centred by their mean over the events (as R). @internal */
function timeWeights(data: CoxData, transform: ProportionalHazardsTransform): Float64Array {
  const g =
    transform === 'km'
      ? kaplanMeierTransform(data)
      : transform === 'rank'
        ? rankTransform(data)
        : Float64Array.from(data.time);
  let sum = 0;
  let events = 0;
  for (let i = 0; i < data.n; i++) {
    if (data.event[i] === 1) {
      sum += g[i]!;
      events++;
    }
  }
  const mean = sum / events;
  return g.map((v) => v - mean);
}

/**
 * The score statistic of the extended model with the terms x_j g(t) for j in `added`, at the fit
 * (coefficients of the added terms 0): u' M^-1 u, u = (0, score of the added terms), M the
 * information of the extended model. @internal
 */
function extendedScore(
  information: Float64Array,
  weighted: NonNullable<ReturnType<typeof coxInformation>['timeWeighted']>,
  p: number,
  added: readonly number[],
): number | null {
  const size = p + added.length;
  const matrix = new Float64Array(size * size);
  const at = (row: number) => (row < p ? row : added[row - p]!);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const block =
        r < p && c < p ? information : r >= p && c >= p ? weighted.second : weighted.cross;
      matrix[r * size + c] = block[at(r) * p + at(c)]!;
    }
  }
  const u = new Float64Array(size);
  added.forEach((j, k) => {
    u[p + k] = weighted.score[j]!;
  });
  return quadraticFormInverse(matrix, size, u);
}

/**
 * Tests the proportional-hazards assumption of a Cox model, per covariate and globally, with the
 * Schoenfeld residuals: does a covariate's effect drift with g(t)? The score test of adding
 * x_j g(t) to the fitted model, with the full information matrix of the extended model, as R
 * `cox.zph(fit, transform)` of survival 3.x (Grambsch & Therneau 1994, "Proportional hazards
 * tests and diagnostics based on weighted residuals", Biometrika 81; survival 3.0 replaced the
 * approximate variance of that paper by the full information). Equal to R survival 3.5.3 to 1e-6
 * on chi-square and p. The model is fitted as `fitCoxModel` fits it, with the same options.
 *
 * A small p-value says the hazard ratio of that covariate changes with tenure: report the effect
 * by tenure band (strata or a covariate by period) rather than one hazard ratio.
 *
 * O(iterations x n x p^2 + p^3) time.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or malformed option (as
 * fitCoxModel's, and a transform other than km, identity, rank).
 * @throws {InternalCustomerError} `INVALID_INPUT` as fitCoxModel, or when there is no event.
 *
 * @example
 * // R: cox.zph(coxph(Surv(t, s) ~ x, data.frame(t = 1:8, s = c(1,1,0,1,1,1,0,1), x = c(0,1,0,1,2,0,1,3))))
 * const test = proportionalHazardsTest([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 0, 1, 1, 1, 0, 1], {
 *   x: [0, 1, 0, 1, 2, 0, 1, 3],
 * });
 * test.terms[0]?.statistic // => 0.0257056224
 * test.global.pValue // => 0.8726213404
 * proportionalHazardsTest([1, 2], [1, 0], { x: [0, 1] }, { transform: 'log' as never }) // => throws INVALID_OPTION
 */
export function proportionalHazardsTest(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  options: ProportionalHazardsTestOptions = {},
): ProportionalHazardsTestResult {
  const fn = 'proportionalHazardsTest';
  checkOptions(options, OPTIONS, fn);
  const { transform: transformOption, ...fitOptions } = options;
  const transform = transformOption ?? 'km';
  if (transform !== 'km' && transform !== 'identity' && transform !== 'rank') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires transform 'km', 'identity' or 'rank', got ${describeValue(transform)}`,
    );
  }
  const { ties, data, fit, warnings } = coxFit(times, events, covariates, fitOptions, fn);
  if (!data.event.includes(1)) {
    throw new InternalCustomerError('INVALID_INPUT', `${fn} requires at least one event`);
  }
  const p = data.x.length;
  const computed = coxInformation(data, fit.beta, ties, timeWeights(data, transform));
  const weighted = computed.timeWeighted!;
  const test = (added: readonly number[]): CoxTest => {
    const statistic = extendedScore(computed.information, weighted, p, added);
    if (statistic === null) {
      warnings.push(
        `The test of ${added.map((a) => data.fitted[a]).join(', ')} is not defined: its information matrix is singular`,
      );
      return { statistic: Number.NaN, degreesOfFreedom: added.length, pValue: Number.NaN };
    }
    return {
      statistic,
      degreesOfFreedom: added.length,
      pValue: chiSquareCdf(statistic, added.length, true),
    };
  };
  return {
    transform,
    terms: data.fitted.map((name, a) => ({ name, ...test([a]) })),
    global: test(data.fitted.map((_, a) => a)),
    warnings,
  };
}
