import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { describeValue } from '../../internal/describeValue.js';
import { formatFactorValue, formatOdds } from '../model/predictRisk.js';
import { isProtectedAttribute } from '../model/protectedAttributes.js';
import { lowerBound } from './coxConcordance.js';
import type { CoxBaselineHazard, CoxModelResult } from './fitCoxModel.js';

/** Options of {@link predictCoxRisk}. */
export interface PredictCoxRiskOptions {
  /** t0: the time the person has been employed so far, on the model's time scale. */
  readonly tenure: number;
  /** h: the probability is of leaving within (t0, t0 + h]. */
  readonly horizon: number;
  /** The person's stratum: required when the model has strata, refused when it has none. */
  readonly stratum?: string | number;
  /** Plain-language names of covariates for the descriptions (`{ band: 'pay band' }`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** More covariate names to treat as protected, on top of `DEFAULT_PROTECTED_ATTRIBUTES`. */
  readonly protected?: readonly string[];
  /**
   * Protected attributes allowed in the model: their names, or true for all of them. Without this,
   * a model with a protected covariate is refused (`INVALID_OPTION`). For audits and comparisons.
   */
  readonly allowProtected?: boolean | readonly string[];
}

const PREDICT_COX_RISK_OPTIONS = {
  tenure: true,
  horizon: true,
  stratum: true,
  labels: true,
  protected: true,
  allowProtected: true,
} satisfies OptionKeys<PredictCoxRiskOptions>;

/** What one covariate does to a person's hazard, against the average of the fitted rows. */
export interface CoxRiskFactor {
  readonly feature: string;
  readonly value: number;
  /** coefficient x (value - mean): the log hazard relative to a person at the mean. */
  readonly contribution: number;
  /** exp(contribution): how this covariate multiplies the hazard of leaving. */
  readonly hazardRatio: number;
  /**
   * The coefficient may be infinite (monotone likelihood): the size of this factor is not
   * estimable, only its direction.
   */
  readonly separated: boolean;
  /** `band is 4 (average 2.6): x0.7 hazard`, for people who do not read coefficients. */
  readonly description: string;
}

/** A person's probability of leaving within the horizon, with the reasons behind it. */
export interface CoxRiskPrediction {
  /** 1 - S(t0 + h | x) / S(t0 | x): leaving within the horizon, given employment at t0. */
  readonly probability: number;
  readonly survivalAtTenure: number;
  readonly survivalAtHorizon: number;
  /** The person's cumulative hazard over (t0, t0 + h]. */
  readonly cumulativeHazard: number;
  /** exp(sum of contributions): the person's hazard against a person at the means. */
  readonly hazardRatio: number;
  /** Every covariate, from the one that raises the hazard most to the one that lowers it most. */
  readonly factors: readonly CoxRiskFactor[];
  /** Non-fatal conditions: a horizon past the follow-up, protected covariates allowed. */
  readonly warnings: readonly string[];
}

/** The baseline curve of the person's stratum. @internal */
function curveOf(model: CoxModelResult, stratum: string | number | undefined): CoxBaselineHazard {
  const stratified = model.baseline.length > 1 || model.baseline[0]?.stratum !== null;
  if (!stratified) {
    if (stratum !== undefined) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `predictCoxRisk requires no stratum for a model without strata, got ${describeValue(stratum)}`,
      );
    }
    return model.baseline[0]!;
  }
  const curve = model.baseline.find((item) => item.stratum === stratum);
  if (curve === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `predictCoxRisk requires the person's stratum, one of ${model.baseline.map((item) => describeValue(item.stratum)).join(', ')}; got ${describeValue(stratum)}`,
    );
  }
  return curve;
}

/** The cumulative hazard of a curve at t (right-continuous step function). @internal */
function cumulativeHazardAt(curve: CoxBaselineHazard, t: number): number {
  // The number of event times at or before t (the times are distinct).
  const first = lowerBound(curve.times, t);
  const passed = curve.times[first] === t ? first + 1 : first;
  return passed === 0 ? 0 : curve.cumulativeHazard[passed - 1]!;
}

/** Refuses protected covariates unless allowed; the warning when they are. @internal */
function protectedCheck(model: CoxModelResult, options: PredictCoxRiskOptions): string | null {
  const extra = options.protected ?? [];
  const allow = options.allowProtected ?? false;
  const found = model.terms
    .filter((term) => term.status === 'fitted' && isProtectedAttribute(term.name, extra))
    .map((term) => term.name);
  const refused = found.filter(
    (name) => allow !== true && !(Array.isArray(allow) && allow.includes(name)),
  );
  if (refused.length > 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `predictCoxRisk leaves protected attributes out of a person's prediction by default, and the model uses ${refused.join(', ')}. Refit without ${refused.length === 1 ? 'it' : 'them'}, or, to study ${refused.length === 1 ? 'its' : 'their'} effect (an audit, a comparison with R), pass allowProtected: ${JSON.stringify(refused)}`,
    );
  }
  return found.length === 0
    ? null
    : `The model uses protected attributes (${found.join(', ')}), as explicitly allowed; use it for audits and comparisons, not for decisions about people`;
}

/**
 * A person's probability of leaving within a horizon from a Cox model, given that they are still
 * employed now: P = 1 - S(t0 + h | x) / S(t0 | x) = 1 - exp(-(H0(t0 + h) - H0(t0)) exp(b'(x - mean))),
 * H0 the baseline cumulative hazard of the person's stratum (Breslow's or Efron's estimator, as
 * the fit's ties), the covariates held at their current values. Equal to R
 * `survfit(fit, newdata = person)` read at t0 and t0 + h (to 1e-8). See Therneau & Grambsch,
 * Modeling Survival Data (2000), ch. 10, or https://cran.r-project.org/package=survival
 * (vignette "Survival curves").
 *
 * The factors are the covariates' terms b_j (x_j - mean_j), ranked, each as a hazard ratio
 * against a person at the means of the fitted rows, in the words `predictRisk` uses for the
 * logistic model. A hazard ratio multiplies the rate of leaving at every tenure, not the
 * probability. The same protected-attribute rule as the logistic model: a model with a protected
 * covariate (`DEFAULT_PROTECTED_ATTRIBUTES`, plus `protected`) is refused unless the covariate is
 * named in `allowProtected`. The probability is a prompt for a conversation, never an automated
 * decision (GDPR Art. 22; the EU AI Act lists employment uses as high-risk).
 *
 * A covariate whose coefficient may be infinite (monotone likelihood) is kept, flagged `separated`,
 * with a warning: its size is not estimable, only its direction.
 *
 * Past the stratum's last exit time no hazard is estimated: a horizon reaching beyond it gets a
 * warning (the probability then counts only the hazard up to that time, as R's curve does).
 *
 * O(p + log m), m the event times of the stratum.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or malformed option, a missing
 * or unknown stratum, or a protected covariate not allowed.
 * @throws {InternalCustomerError} `INVALID_INPUT` when the person lacks a fitted covariate or holds
 * a value that is not a finite number.
 *
 * @example
 * // R: sf <- survfit(coxph(Surv(t, s) ~ band), newdata = data.frame(band = 1)); 1 - S(10) / S(4)
 * const model = fitCoxModel([2, 3, 5, 6, 8, 9, 12, 14, 15, 17], [1, 1, 0, 1, 1, 0, 1, 0, 1, 0], {
 *   band: [1, 2, 2, 1, 3, 3, 1, 2, 3, 1],
 * });
 * const risk = predictCoxRisk(model, { band: 1 }, { tenure: 4, horizon: 6 });
 * risk.probability // => 0.3092086417
 * risk.factors.map((f) => f.description) // => ['band is 1 (average 1.9): x1.2 hazard']
 * predictCoxRisk(model, { band: 1 }, { tenure: 4, horizon: 0 }) // => throws INVALID_OPTION
 */
export function predictCoxRisk(
  model: CoxModelResult,
  person: Readonly<Record<string, number>>,
  options: PredictCoxRiskOptions,
): CoxRiskPrediction {
  checkOptions(options, PREDICT_COX_RISK_OPTIONS, 'predictCoxRisk');
  const { tenure, horizon } = options ?? {};
  if (!Number.isFinite(tenure) || !(horizon > 0 && Number.isFinite(horizon))) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `predictCoxRisk requires a finite tenure and a positive finite horizon, got ${describeValue(tenure)} and ${describeValue(horizon)}`,
    );
  }
  const warnings: string[] = [];
  const protectedWarning = protectedCheck(model, options);
  const curve = curveOf(model, options.stratum);
  const labels = options.labels ?? {};
  const factors: CoxRiskFactor[] = [];
  let logHazardRatio = 0;
  for (const term of model.terms) {
    if (term.status !== 'fitted') continue;
    const value = person[term.name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `predictCoxRisk requires a finite number for every covariate of the model, but ${term.name} is ${describeValue(value)}`,
      );
    }
    const contribution = term.coefficient! * (value - term.mean);
    logHazardRatio += contribution;
    const hazardRatio = Math.exp(contribution);
    const note = term.separated ? ' (not estimable: monotone likelihood)' : '';
    factors.push({
      feature: term.name,
      value,
      contribution,
      hazardRatio,
      separated: term.separated,
      description: `${labels[term.name] ?? term.name} is ${formatFactorValue(value)} (average ${formatFactorValue(term.mean)}): x${formatOdds(hazardRatio)} hazard${note}`,
    });
  }
  factors.sort((a, b) => b.contribution - a.contribution);
  const end = tenure + horizon;
  if (end > curve.lastTime) {
    warnings.push(
      `The horizon ends at ${end}, past the last exit time of the data (${curve.lastTime}): no hazard is estimated beyond it, so the probability counts only the time up to it`,
    );
  }
  if (model.separation !== null) {
    warnings.push(
      `The coefficients of ${model.separation.terms.join(', ')} may be infinite (monotone likelihood): the probability is near its limit and not reliable; merge rare categories or drop the covariate`,
    );
  }
  if (protectedWarning !== null) warnings.push(protectedWarning);
  const hazardRatio = Math.exp(logHazardRatio);
  const survivalAtTenure = Math.exp(-cumulativeHazardAt(curve, tenure) * hazardRatio);
  const survivalAtHorizon = Math.exp(-cumulativeHazardAt(curve, end) * hazardRatio);
  const cumulativeHazard =
    (cumulativeHazardAt(curve, end) - cumulativeHazardAt(curve, tenure)) * hazardRatio;
  return {
    probability: -Math.expm1(-cumulativeHazard),
    survivalAtTenure,
    survivalAtHorizon,
    cumulativeHazard,
    hazardRatio,
    factors,
    warnings,
  };
}
