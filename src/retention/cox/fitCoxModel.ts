import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { chiSquareCdf, normalCdf } from '../../internal/distributions/index.js';
import type { DroppedTerm } from '../model/fitRetentionModel.js';
import { coxBaseline } from './coxBaseline.js';
import { coxConcordance } from './coxConcordance.js';
import { coxFit } from './coxFit.js';
import type { CoxData } from './coxInformation.js';
import { nested, quadraticFormInverse } from './coxMatrix.js';

/** How tied exit times are handled in the partial likelihood (R `coxph(ties = )`). */
export type CoxTies = 'efron' | 'breslow';

/** Options of {@link fitCoxModel}. */
export interface CoxModelOptions {
  /** Tied exit times: `'efron'` (default, as R) or `'breslow'`. */
  readonly ties?: CoxTies;
  /**
   * Entry times (left truncation, counting process `(entry, exit]`): an observation is at risk at
   * t when entry < t <= exit. Default: every observation at risk from the start.
   */
  readonly entry?: ArrayLike<number>;
  /** Stratum of each observation: a separate baseline hazard per stratum, shared coefficients. */
  readonly strata?: ArrayLike<string | number>;
  /**
   * A cluster id per observation (the person, when a person has several `(start, stop]` rows):
   * asks for the robust (sandwich) variance clustered by it, as R `coxph(..., cluster = id)`.
   */
  readonly cluster?: ArrayLike<string | number>;
  /**
   * The robust variance. Default: true when `cluster` is given, else false; true without a
   * cluster makes each observation its own cluster (R `robust = TRUE`). False with a cluster is an
   * error.
   */
  readonly robust?: boolean;
  /** Newton-Raphson iterations at most (R `iter.max`); default 20. */
  readonly maxIterations?: number;
  /** Convergence: relative change of the log partial likelihood (R `eps`); default 1e-9. */
  readonly tolerance?: number;
}

/** A test of all coefficients being 0, with its chi-square degrees of freedom. */
export interface CoxTest {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/**
 * One covariate of a Cox model. A constant covariate, or one that is a linear combination of
 * earlier ones (aliased), is not fitted: its numbers are null.
 */
export interface CoxTerm {
  readonly name: string;
  readonly status: 'fitted' | 'constant' | 'aliased';
  readonly coefficient: number | null;
  /** exp(coefficient): the multiplier of the hazard per unit of the covariate. */
  readonly hazardRatio: number | null;
  /** Model-based standard error (inverse of the information matrix), as R `coxph`. */
  readonly standardError: number | null;
  /**
   * Robust (sandwich) standard error when the fit has a cluster or `robust: true` (R's
   * `robust se`), else null.
   */
  readonly robustStandardError: number | null;
  /** coefficient / standard error: the robust one when there is one, as R's summary. */
  readonly z: number | null;
  /** Two-sided Wald p-value of z. */
  readonly pValue: number | null;
  /** Mean of the covariate over the observations: the reference of the baseline hazard. */
  readonly mean: number;
  /**
   * The coefficient may be infinite (monotone likelihood, see `separation`): it is reported as the
   * fit left it, without hazard ratio, standard errors, z or p.
   */
  readonly separated: boolean;
}

/**
 * Monotone likelihood, the survival form of separation (Bryson & Johnson 1981): the partial
 * likelihood keeps rising as these coefficients grow, typically because a category had no exits
 * (or only exits) among those at risk. Their estimates do not exist.
 */
export interface CoxSeparation {
  readonly terms: readonly string[];
}

/** The baseline cumulative hazard of one stratum, for covariates at their means. */
export interface CoxBaselineHazard {
  /** The stratum's value in `strata` (null without strata). */
  readonly stratum: string | number | null;
  /** Distinct event times of the stratum, ascending. */
  readonly times: readonly number[];
  /**
   * Cumulative hazard at each time (right-continuous step function), with the fit's ties method:
   * R `survfit(fit)`'s `cumhaz` at the covariate means (Breslow's estimator for Breslow ties,
   * Efron's for Efron ties).
   */
  readonly cumulativeHazard: readonly number[];
  /** The stratum's last exit time (event or censoring): no hazard is estimated beyond it. */
  readonly lastTime: number;
}

/** Harrell's concordance as R `coxph` reports it (`fit$concordance`). */
export interface CoxConcordance {
  /** Comparable pairs where the one who left first had the higher predicted hazard. */
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs with equal linear predictors (count one half). */
  readonly tiedRisk: number;
  /** Pairs leaving at the same time, not comparable (R `tied.y`). */
  readonly tiedTime: number;
  /** Pairs tied on both (R `tied.xy`). */
  readonly tiedBoth: number;
  /** (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk). */
  readonly concordance: number;
}

/** The result of {@link fitCoxModel}. */
export interface CoxModelResult {
  readonly ties: CoxTies;
  readonly terms: readonly CoxTerm[];
  /** Model-based covariance of the fitted coefficients (fitted terms only, in order). */
  readonly variance: readonly (readonly number[])[];
  /**
   * Robust (sandwich) covariance, D'D with D the dfbeta residuals summed per cluster (Lin & Wei
   * 1989), as R `coxph(..., cluster = id)$var` (there `naive.var` is `variance`); null unless asked for.
   */
  readonly robustVariance: readonly (readonly number[])[] | null;
  /** Clusters of the robust variance (observations with `robust: true` alone); null without. */
  readonly clusters: number | null;
  /** Log partial likelihood with all coefficients 0 and at the estimate (R `fit$loglik`). */
  readonly logLikelihood: { readonly null: number; readonly final: number };
  readonly likelihoodRatioTest: CoxTest;
  /** Wald test b' V^-1 b, with the robust variance when there is one (as R). */
  readonly waldTest: CoxTest;
  /** Score (log-rank) test at coefficients 0. */
  readonly scoreTest: CoxTest;
  /** Robust score test at coefficients 0 (R `fit$rscore`); null without a robust variance. */
  readonly robustScoreTest: CoxTest | null;
  /** Covariates left out, and why (`constant`, or `aliased` as R's NA), as the logistic model. */
  readonly droppedTerms: readonly DroppedTerm[];
  /** The coefficients that may be infinite (R's warning), or null. */
  readonly separation: CoxSeparation | null;
  /** The baseline cumulative hazard, one curve per stratum (in order of first appearance). */
  readonly baseline: readonly CoxBaselineHazard[];
  readonly concordance: CoxConcordance;
  /** Newton-Raphson iterations as R reports them (`fit$iter`: maxIterations + 1 when it ran out). */
  readonly iterations: number;
  readonly converged: boolean;
  /** Observations and events used. */
  readonly n: number;
  readonly events: number;
  /** Non-fatal conditions: constant covariates dropped, coefficients that may be infinite, non-convergence. */
  readonly warnings: readonly string[];
}

/** The options fitCoxModel knows (an unknown one is an error). @internal */
export const FIT_COX_MODEL_OPTIONS = {
  ties: true,
  entry: true,
  strata: true,
  cluster: true,
  robust: true,
  maxIterations: true,
  tolerance: true,
} satisfies OptionKeys<CoxModelOptions>;

/**
 * Fits a Cox proportional hazards model by maximum partial likelihood: the hazard of leaving at
 * tenure t is h0(t) exp(x'b), h0 unspecified (per stratum). Equal to R
 * `coxph(Surv(entry, exit, event) ~ x + strata(g), ties = ..., cluster = id)`: coefficients,
 * model-based and robust standard errors, log-likelihoods, likelihood-ratio, Wald, score and
 * robust score tests, Harrell's concordance, and the baseline cumulative hazard of
 * `survfit(fit)`. Efron's approximation for tied times by default (R's default), Breslow's on
 * request. See Therneau & Grambsch, Modeling Survival Data (2000), ch. 3 and 8 (robust variance),
 * and https://cran.r-project.org/package=survival.
 *
 * Time-varying covariates: give one row per span `(start, stop]` with the covariates in force on
 * it (`entry` the starts, `times` the stops, an event only on a person's last row if they left),
 * and the person in `cluster`, so that the standard errors count people, not rows.
 *
 * Newton-Raphson from 0, as R's coxph: the step is halved when the log-likelihood falls, and the
 * fit stops when its relative change is at most `tolerance` (1e-9), or after `maxIterations` (20)
 * with a warning. Covariates are centred first (estimates unchanged). A covariate constant in the
 * data, or a linear combination of earlier covariates, is dropped with a warning and listed in
 * `droppedTerms` (R gives NA), as the logistic model reports them; a coefficient whose score is
 * still moving when the likelihood has converged (monotone likelihood, the survival form of
 * separation) gets R's warning that it may be infinite, is listed in `separation` and reported
 * without hazard ratio, standard errors or p. Covariates dependent only within the risk sets
 * throw.
 *
 * Use it for the factors behind time to leave when people are observed over different spans;
 * `predictCoxRisk` turns it into a person's probability of leaving within a horizon, and
 * `proportionalHazardsTest` checks its assumption. It returns coefficients, not per-person
 * numbers: no privacy protection is applied or needed here.
 *
 * O(iterations x n x p^2) time after an O(n log n) sort; O(n x p) memory.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or malformed option, or a
 * cluster with `robust: false`.
 * @throws {InternalCustomerError} `INVALID_INPUT` for mismatched lengths, a time, entry or
 * covariate that is not finite, an event other than 0/1, an entry not before its exit, no
 * covariates, or covariates linearly dependent within the risk sets.
 *
 * @example
 * const fit = fitCoxModel([1, 2, 3, 4, 5], [1, 1, 0, 1, 1], { x: [0, 1, 0, 1, 2] });
 * fit.terms[0]?.coefficient // => -1.1821112226174484
 * fit.converged // => true
 * // Two rows for ann and bo (a change of x), clustered by person: R coxph(..., cluster = id)
 * const robust = fitCoxModel([3, 5, 4, 6, 7, 2, 8], [0, 1, 0, 1, 1, 1, 0], { x: [0, 0, 1, 1, 0, 1, 1] }, {
 *   entry: [0, 3, 0, 4, 0, 0, 0],
 *   cluster: ['ann', 'ann', 'bo', 'bo', 'cy', 'di', 'ed'],
 * });
 * robust.terms[0]?.robustStandardError // => 0.7928556
 * robust.clusters // => 5
 */
export function fitCoxModel(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  options: CoxModelOptions = {},
): CoxModelResult {
  checkOptions(options, FIT_COX_MODEL_OPTIONS, 'fitCoxModel');
  const { ties, data, fit, robust, warnings } = coxFit(
    times,
    events,
    covariates,
    options,
    'fitCoxModel',
  );
  const p = data.x.length;
  const { beta, information } = fit;
  const separated = new Set(fit.infinite);
  const terms = termsOf(Object.keys(covariates), data, fit, robust?.variance);
  let wald = 0;
  if (robust === null) {
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) wald += beta[a]! * information[a * p + b]! * beta[b]!;
    }
  } else {
    wald = quadraticFormInverse(robust.variance, p, beta) ?? Number.NaN;
  }
  const test = (statistic: number): CoxTest => ({
    statistic,
    degreesOfFreedom: p,
    pValue: chiSquareCdf(statistic, p, true),
  });
  let eventCount = 0;
  for (let i = 0; i < data.n; i++) eventCount += data.event[i]!;
  const curves = coxBaseline(data, beta, ties, data.strataKeys.length);
  return {
    ties,
    terms,
    variance: nested(fit.variance, p),
    robustVariance: robust === null ? null : nested(robust.variance, p),
    clusters: robust === null ? null : robust.clusters,
    logLikelihood: { null: fit.nullLogLikelihood, final: fit.logLikelihood },
    likelihoodRatioTest: test(2 * (fit.logLikelihood - fit.nullLogLikelihood)),
    waldTest: test(wald),
    scoreTest: test(fit.score),
    robustScoreTest: robust?.score == null ? null : test(robust.score),
    baseline: curves.map((curve, k) => ({
      stratum: data.strataKeys[k]!,
      times: Array.from(curve.times),
      cumulativeHazard: Array.from(curve.cumulativeHazard),
      lastTime: curve.lastTime,
    })),
    droppedTerms: terms.flatMap((term) =>
      term.status === 'fitted'
        ? []
        : [{ term: term.name, feature: term.name, level: null, reason: term.status }],
    ),
    separation: separated.size === 0 ? null : { terms: fit.infinite.map((a) => data.fitted[a]!) },
    concordance: coxConcordance(data, linearPredictor(data, beta)),
    iterations: fit.iterations,
    converged: fit.converged,
    n: data.n,
    events: eventCount,
    warnings,
  };
}

/** The numbers of a term that is not fitted or may be infinite. @internal */
const NOT_ESTIMATED = {
  hazardRatio: null,
  standardError: null,
  robustStandardError: null,
  z: null,
  pValue: null,
} as const;

/**
 * The terms in input order; z and p from the robust variance when there is one; no hazard ratio,
 * standard errors, z or p for a coefficient that may be infinite. @internal
 */
function termsOf(
  names: readonly string[],
  data: {
    readonly fitted: readonly string[];
    readonly aliased: readonly string[];
    readonly means: readonly number[];
  },
  fit: {
    readonly beta: Float64Array;
    readonly variance: Float64Array;
    readonly infinite: readonly number[];
  },
  robustVariance: Float64Array | undefined,
): CoxTerm[] {
  const p = data.fitted.length;
  let position = 0;
  return names.map((name, index) => {
    const mean = data.means[index]!;
    if (!data.fitted.includes(name)) {
      const status = data.aliased.includes(name) ? 'aliased' : 'constant';
      return { name, status, coefficient: null, ...NOT_ESTIMATED, mean, separated: false };
    }
    const a = position++;
    const coefficient = fit.beta[a]!;
    if (fit.infinite.includes(a)) {
      return { name, status: 'fitted', coefficient, ...NOT_ESTIMATED, mean, separated: true };
    }
    const standardError = Math.sqrt(fit.variance[a * p + a]!);
    const robustStandardError =
      robustVariance === undefined ? null : Math.sqrt(robustVariance[a * p + a]!);
    const z = coefficient / (robustStandardError ?? standardError);
    return {
      name,
      status: 'fitted',
      coefficient,
      hazardRatio: Math.exp(coefficient),
      standardError,
      robustStandardError,
      z,
      pValue: 2 * normalCdf(Math.abs(z), true),
      mean,
      separated: false,
    };
  });
}

/** x'b for every observation (centred x). @internal */
function linearPredictor(data: CoxData, beta: Float64Array): Float64Array {
  const eta = new Float64Array(data.n);
  data.x.forEach((column, a) => {
    const b = beta[a]!;
    for (let i = 0; i < data.n; i++) eta[i]! += b * column[i]!;
  });
  return eta;
}
