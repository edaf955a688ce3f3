import type { Interval } from '../../core/estimate.js';
import { normalCriticalValue, twoSidedNormalPValue } from '../../core/intervals.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { type Design, encodeDesign, type RetentionRow } from './internal/design.js';
import { type DesignFit, fitDesign } from './internal/fitDesign.js';
import { type ResolvedModelOptions, resolveModelOptions } from './internal/options.js';

export type { RetentionRow, RetentionValue } from './internal/design.js';

/** Options of {@link fitRetentionModel} (and of each fit inside `crossValidate`). */
export interface FitRetentionModelOptions {
  /** The predictor columns, in the order the coefficients are reported. */
  readonly features: readonly string[];
  /** The outcome column: two values, one meaning the employee left. */
  readonly label: string;
  /**
   * The label value that means leaving. Default: recognised from the values (`Yes`/`No`,
   * `true`/`false`, `1`/`0`, `Left`/`Stayed`, any case); other pairs must name it.
   */
  readonly positive?: string | number | boolean;
  /**
   * Features to one-hot encode even though they hold numbers (a 1-4 scale entered as categories).
   * Columns holding text or booleans are categorical anyway.
   */
  readonly categorical?: readonly string[];
  /** The reference level of a categorical feature; default its alphabetically first level (as R). */
  readonly referenceLevels?: Readonly<Record<string, string>>;
  /**
   * Report numeric features per standard deviation (z-scores, centred) instead of per unit.
   * Indicators of categories stay 0/1. Default false. The fit is the same; only the scale of the
   * coefficients (and where an L2 penalty bites) changes.
   */
  readonly standardize?: boolean;
  /**
   * L2 (ridge) penalty lambda: maximises log L - (lambda / 2) * sum of squared slopes, on the scale
   * they are reported (per SD with `standardize`, which is the usual choice); the intercept is not
   * penalised. Default 0: plain maximum likelihood, as R `glm(family = binomial)`.
   */
  readonly regularization?: number;
  /** More column names to treat as protected, on top of `DEFAULT_PROTECTED_ATTRIBUTES`. */
  readonly protected?: readonly string[];
  /**
   * Protected attributes allowed into the features: their names, or true for all of them. Without
   * this, a protected feature is refused (`INVALID_OPTION`). For audits and comparisons only.
   */
  readonly allowProtected?: boolean | readonly string[];
  /** Most IRLS iterations. Default 50. */
  readonly maxIterations?: number;
  /** Convergence: |D - D_old| / (|D| + 0.1) below this. Default 1e-10 (R's default is 1e-8). */
  readonly tolerance?: number;
  /** Confidence level of the odds-ratio intervals. Default 0.95. */
  readonly level?: number;
}

/** The options fitRetentionModel knows (an unknown one is an error). */
const FIT_RETENTION_MODEL_OPTIONS = {
  features: true,
  label: true,
  positive: true,
  categorical: true,
  referenceLevels: true,
  standardize: true,
  regularization: true,
  protected: true,
  allowProtected: true,
  maxIterations: true,
  tolerance: true,
  level: true,
} satisfies OptionKeys<FitRetentionModelOptions>;

/** One coefficient of the model, on the log-odds scale. */
export interface RetentionCoefficient {
  /** `(Intercept)`, a numeric feature's name, or `Feature: level` for a category's indicator. */
  readonly term: string;
  /** The feature it belongs to (null for the intercept). */
  readonly feature: string | null;
  /** The level it indicates (null for the intercept and numeric features). */
  readonly level: string | null;
  /** The change in log-odds per unit (per SD when standardized; for presence of the level). */
  readonly estimate: number;
  /** Wald standard error from the inverse (penalised) information; NaN for a separated term. */
  readonly standardError: number;
  readonly z: number;
  /** Two-sided Wald p-value. */
  readonly pValue: number;
  /** exp(estimate); NaN for a separated term. */
  readonly oddsRatio: number;
  /** Wald interval of the odds ratio, exp(estimate +- z * standardError). */
  readonly oddsRatioInterval: Interval;
  /**
   * Mean of the term's column in the training rows (share of the level for an indicator): the
   * reference of `predictRisk`'s contributions. For the features under separation (without a
   * penalty), over the rows that are not separated, which keeps those contributions finite.
   */
  readonly mean: number;
  /** The term's estimate does not exist under separation (see `separation`). */
  readonly separated: boolean;
}

/** How a feature entered the model. */
export type RetentionFeature =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      /** Mean and sample standard deviation in the training rows. */
      readonly mean: number;
      readonly standardDeviation: number;
      readonly standardized: boolean;
      readonly status: 'fitted' | 'constant' | 'aliased';
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      /** Every level seen in fitting, reference first. */
      readonly levels: readonly string[];
      readonly reference: string;
      readonly status: 'fitted' | 'constant' | 'aliased';
    };

/** A term left out of the fit, and why (R reports an aliased term's coefficient as NA). */
export interface DroppedTerm {
  readonly term: string;
  readonly feature: string;
  readonly level: string | null;
  readonly reason: 'constant' | 'aliased';
}

/** Separation found in the training data (Albert & Anderson 1984). */
export interface RetentionSeparation {
  /** Complete: the features predict every outcome exactly; quasi-complete: some of them. */
  readonly kind: 'complete' | 'quasi-complete';
  /** The coefficients whose maximum-likelihood estimates do not exist. */
  readonly terms: readonly string[];
  readonly features: readonly string[];
  /** The input rows (1-based) fitted with probability 0 or 1 in the limit. */
  readonly rows: readonly number[];
  /** Whether a penalty keeps those coefficients finite (then they are reported as fitted). */
  readonly boundedByPenalty: boolean;
  /**
   * The direction in which the likelihood keeps rising, one number per coefficient (largest 1 in
   * absolute value): a person with x'd < 0 is like the separated rows that all stayed, x'd > 0
   * like those that all left, and x'd = 0 like everyone else.
   */
  readonly direction: readonly number[];
}

/** A fitted retention-risk model: plain data, safe to store as JSON. */
export interface RetentionModel {
  readonly label: string;
  /** The label value modelled as the event (leaving). */
  readonly positive: string | number | boolean;
  readonly features: readonly RetentionFeature[];
  readonly coefficients: readonly RetentionCoefficient[];
  readonly droppedTerms: readonly DroppedTerm[];
  /** Protected attributes the caller explicitly allowed into the model. */
  readonly protectedFeatures: readonly string[];
  /** Rows fitted, events (leavers) among them, and their share. */
  readonly n: number;
  readonly events: number;
  readonly baseRate: number;
  /** Input rows (1-based) left out because the label or a feature was missing. */
  readonly excludedRows: readonly number[];
  /** Binomial deviance -2 log L (without the penalty) and that of the intercept-only model. */
  readonly deviance: number;
  readonly nullDeviance: number;
  /** deviance + 2 x number of coefficients (not penalty-adjusted). */
  readonly aic: number;
  readonly residualDegreesOfFreedom: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly standardized: boolean;
  readonly regularization: number;
  readonly level: number;
  readonly separation: RetentionSeparation | null;
  /** Percentiles 0, 1, ..., 100 of the fitted probabilities of the training rows (for tiers). */
  readonly riskPercentiles: readonly number[];
  /** Non-fatal conditions: rows left out, columns dropped, separation, non-convergence. */
  readonly warnings: readonly string[];
}

/**
 * Percentiles 0..100 (type 7, as R's default quantile) of probabilities in [0, 1]: the values are
 * counted into 4096 buckets, and only the buckets holding a needed order statistic are sorted.
 * O(n). @internal
 */
export function percentiles(values: Float64Array): number[] {
  const n = values.length;
  const buckets = 4096;
  const bucketOf = (v: number) => Math.min(buckets - 1, Math.max(0, Math.floor(v * buckets)));
  const counts = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) counts[bucketOf(values[i]!) + 1]!++;
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
  const needed = new Set<number>();
  const ranks: number[] = [];
  for (let p = 0; p <= 100; p++) {
    const h = ((n - 1) * p) / 100;
    ranks.push(h);
    needed.add(Math.floor(h));
    needed.add(Math.min(Math.floor(h) + 1, n - 1));
  }
  // For each needed rank, the bucket holding it (counts[b] <= rank < counts[b + 1]).
  const sortedBuckets = new Map<number, Float64Array>();
  const bucketOfRank = (rank: number) => {
    let low = 0;
    let high = buckets - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (counts[mid]! <= rank) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const wanted = new Uint8Array(buckets);
  for (const rank of needed) wanted[bucketOfRank(rank)] = 1;
  const members = new Map<number, number[]>();
  for (let b = 0; b < buckets; b++) if (wanted[b] === 1) members.set(b, []);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(values[i]!);
    if (wanted[b] === 1) members.get(b)!.push(values[i]!);
  }
  for (const [b, list] of members) sortedBuckets.set(b, Float64Array.from(list).sort());
  const at = (rank: number) => {
    const b = bucketOfRank(rank);
    return sortedBuckets.get(b)![rank - counts[b]!]!;
  };
  return ranks.map((h) => {
    const low = Math.floor(h);
    const high = Math.min(low + 1, n - 1);
    return at(low) + (h - low) * (at(high) - at(low));
  });
}

function list(items: readonly (string | number)[], most = 10): string {
  return items.length <= most
    ? items.join(', ')
    : `${items.slice(0, most).join(', ')}, ... (${items.length} in all)`;
}

/** Packages a fit on all complete rows of a design as a model. @internal */
export function packageModel(
  design: Design,
  fit: DesignFit,
  resolved: ResolvedModelOptions,
): RetentionModel {
  const { settings, level, protectedFeatures } = resolved;
  const warnings: string[] = [];
  if (design.excludedRows.length > 0) {
    warnings.push(
      `${design.excludedRows.length} row(s) with a missing label or feature were left out (rows ${list(design.excludedRows)})`,
    );
  }
  const { featureStatus, droppedTerms } = droppedTermsOf(design, fit, warnings);
  const k = fit.kept.length + 1;
  const names = ['(Intercept)', ...fit.kept.map((j) => design.terms[j]!.name)];
  const bounded = settings.lambda > 0;
  const coefficients = coefficientsOf(design, fit, names, bounded, level);
  const separation = separationOf(design, fit, names, bounded, warnings);
  if (!fit.converged) {
    warnings.push(
      `The fit did not converge in ${fit.iterations} iterations; the coefficients are not reliable`,
    );
  }
  if (protectedFeatures.length > 0) {
    warnings.push(
      `The model uses protected attributes (${protectedFeatures.join(', ')}), as explicitly allowed; use it for audits and comparisons, not for decisions about people`,
    );
  }

  const features: RetentionFeature[] = design.features.map((feature, f) => {
    const status = featureStatus[f]!;
    if (feature.kind === 'numeric') {
      const j = design.terms.findIndex((term) => term.featureIndex === f);
      return {
        name: feature.name,
        kind: 'numeric',
        mean: fit.means[j]!,
        standardDeviation: fit.sds[j]!,
        standardized: settings.standardize,
        status,
      };
    }
    return {
      name: feature.name,
      kind: 'categorical',
      levels: feature.levels,
      reference: feature.reference,
      status,
    };
  });

  return {
    label: resolved.spec.label,
    positive: design.positive,
    features,
    coefficients,
    droppedTerms,
    protectedFeatures,
    n: fit.m,
    events: fit.events,
    baseRate: fit.events / fit.m,
    excludedRows: design.excludedRows,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.deviance + 2 * k,
    residualDegreesOfFreedom: fit.m - k,
    iterations: fit.iterations,
    converged: fit.converged,
    standardized: settings.standardize,
    regularization: settings.lambda,
    level,
    separation,
    riskPercentiles: percentiles(fit.fitted),
    warnings,
  };
}

/** Each feature's status and the terms the fit dropped, with a warning for each. @internal */
function droppedTermsOf(design: Design, fit: DesignFit, warnings: string[]) {
  const terms = design.terms;
  const droppedTerms: DroppedTerm[] = [];
  const featureStatus = design.features.map((_, f) => {
    const own = terms.flatMap((term, j) => (term.featureIndex === f ? [j] : []));
    const statuses = own.map((j) => fit.status[j]!);
    if (statuses.every((s) => s === 'constant')) return 'constant' as const;
    if (statuses.every((s) => s !== 'kept')) return 'aliased' as const;
    return 'fitted' as const;
  });
  design.features.forEach((feature, f) => {
    if (featureStatus[f] !== 'constant') return;
    warnings.push(`${feature.name} is constant in the fitted rows and was dropped`);
    // A category with a single level has no indicator term to list.
    if (feature.kind === 'categorical' && feature.levels.length === 1) {
      droppedTerms.push({
        term: feature.name,
        feature: feature.name,
        level: null,
        reason: 'constant',
      });
    }
  });
  terms.forEach((term, j) => {
    const status = fit.status[j]!;
    if (status === 'kept') return;
    droppedTerms.push({
      term: term.name,
      feature: term.feature,
      level: term.level,
      reason: status,
    });
    if (status === 'aliased') {
      warnings.push(
        `${term.name} is a linear combination of earlier terms and was dropped (R reports its coefficient as NA)`,
      );
    } else if (featureStatus[term.featureIndex] !== 'constant') {
      warnings.push(`${term.name} does not occur in the fitted rows and was dropped`);
    }
  });
  return { featureStatus, droppedTerms };
}

/** The coefficients with Wald intervals, and the means used to explain a score. @internal */
function coefficientsOf(
  design: Design,
  fit: DesignFit,
  names: readonly string[],
  bounded: boolean,
  level: number,
): RetentionCoefficient[] {
  const terms = design.terms;
  const k = names.length;
  const separatedPositions = new Set(fit.separation?.coefficients ?? []);
  // Without a penalty, the terms of separated features are averaged over the rows not separated:
  // on those rows the drifting part of the coefficients cancels, so contributions stay finite.
  const separatedFeatureIndex = new Set(
    (fit.separation?.coefficients ?? []).flatMap((p) =>
      p === 0 ? [] : [terms[fit.kept[p - 1]!]!.featureIndex],
    ),
  );
  const means = fit.means.slice();
  if (fit.separation && !bounded && !fit.separation.complete) {
    const separatedRows = new Uint8Array(design.n);
    for (const r of fit.separation.rows) separatedRows[r] = 1;
    const remaining = design.n - fit.separation.rows.length;
    terms.forEach((term, j) => {
      if (!separatedFeatureIndex.has(term.featureIndex)) return;
      const column = design.columns[j]!;
      let sum = 0;
      for (let r = 0; r < design.n; r++) if (separatedRows[r] === 0) sum += column[r]!;
      means[j] = sum / remaining;
    });
  }
  const critical = normalCriticalValue(level);
  return names.map((term, p) => {
    const designTerm = p === 0 ? null : terms[fit.kept[p - 1]!]!;
    const estimate = fit.estimate[p]!;
    const separated = separatedPositions.has(p);
    const unknown = separated && !bounded;
    const standardError = unknown ? Number.NaN : Math.sqrt(fit.covariance[p * k + p]!);
    const z = estimate / standardError;
    return {
      term,
      feature: designTerm?.feature ?? null,
      level: designTerm?.level ?? null,
      estimate,
      standardError,
      z,
      pValue: unknown ? Number.NaN : twoSidedNormalPValue(z),
      oddsRatio: unknown ? Number.NaN : Math.exp(estimate),
      oddsRatioInterval: {
        lower: Math.exp(estimate - critical * standardError),
        upper: Math.exp(estimate + critical * standardError),
        level,
        method: 'wald',
      },
      mean: designTerm ? means[fit.kept[p - 1]!]! : 1,
      separated,
    };
  });
}

/** What the fit says of separation, with its warning (or the extreme-fitted one). @internal */
function separationOf(
  design: Design,
  fit: DesignFit,
  names: readonly string[],
  bounded: boolean,
  warnings: string[],
): RetentionSeparation | null {
  const terms = design.terms;
  if (!fit.separation) {
    if (fit.extremeFitted && !bounded)
      warnings.push('Fitted probabilities numerically 0 or 1 occurred');
    return null;
  }
  const separatedTerms = fit.separation.coefficients.map((p) => names[p]!);
  const separatedFeatures = [
    ...new Set(
      fit.separation.coefficients.flatMap((p) =>
        p === 0 ? [] : [terms[fit.kept[p - 1]!]!.feature],
      ),
    ),
  ];
  const rows = Array.from(fit.separation.rows, (r) => design.rowIndex[r]! + 1);
  const largest = Math.max(...Array.from(fit.separation.direction, Math.abs));
  const kind = fit.separation.complete ? 'Complete' : 'Quasi-complete';
  warnings.push(
    bounded
      ? `${kind} separation: ${rows.length} row(s) (${list(rows)}) have an outcome the features predict exactly; the coefficients of ${list(separatedTerms)} are finite only because of the penalty and reflect its size`
      : `${kind} separation: ${rows.length} row(s) (${list(rows)}) have an outcome the features predict exactly, so the coefficients of ${list(separatedTerms)} have no maximum-likelihood estimate (they drift to infinity; R prints large, tolerance-dependent values). They are reported without standard errors, odds ratios or p-values; do not read them as findings. Merge rare categories, drop a feature, or add regularization`,
  );
  return {
    kind: fit.separation.complete ? 'complete' : 'quasi-complete',
    terms: separatedTerms,
    features: separatedFeatures,
    rows,
    boundedByPenalty: bounded,
    direction: Array.from(fit.separation.direction, (value) => {
      const scaled = value / largest;
      return Math.abs(scaled) < 1e-9 ? 0 : scaled;
    }),
  };
}

/**
 * Fits a retention-risk model: a logistic regression of leaving on the features, by maximum
 * likelihood (iteratively reweighted least squares, as R `glm(label ~ ., family = binomial)`), or
 * with an L2 penalty. P(leave) = 1 / (1 + exp(-(b0 + b'x))); see Hosmer, Lemeshow & Sturdivant,
 * Applied Logistic Regression, 3rd ed. (2013), ch. 1-2, or
 * https://en.wikipedia.org/wiki/Logistic_regression.
 *
 * Encoding, as R: numeric columns enter as they are; text and boolean columns (and those listed
 * in `categorical`) are one-hot encoded with their alphabetically first level as the reference.
 * Rows with a missing label or feature are left out and listed. A constant column is dropped, and
 * a column that is a linear combination of others is dropped (R's NA), both with a warning. X'WX
 * and X'Wz are accumulated in Float64Arrays with numeric columns standardised internally, and the
 * small system is solved with ml-matrix (Cholesky; SVD pseudo-inverse when it is singular).
 *
 * Separation (a category whose members all stayed, say) is detected, proved and reported in
 * `separation` and `warnings`, naming the terms: without a penalty their estimates do not exist
 * and are reported without standard errors, while the other coefficients, the deviance and the
 * predictions converge to their limits (R's values as its tolerance shrinks); with a penalty they
 * stay finite. Protected attributes (`DEFAULT_PROTECTED_ATTRIBUTES`, plus `protected`) are
 * refused as features unless named in `allowProtected`.
 *
 * A risk score is a prompt for a conversation with the employee, never an automated decision:
 * GDPR Art. 22 gives people the right not to be subject to decisions based solely on automated
 * processing, and the EU AI Act (Annex III, point 4) lists AI used for employment decisions as
 * high-risk. Judge the model by `crossValidate`, never by its fit to the training rows.
 *
 * O(iterations x (n x nnz^2 + p^3)) time, nnz the non-zero terms of a row; O(n x p) memory.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for missing or malformed options, a label among
 * the features, a protected attribute not allowed, a `positive` value the label does not have, or
 * a label whose event value cannot be recognised.
 * @throws {InternalCustomerError} `INVALID_INPUT` when rows is not an array of objects, no row is
 * complete, the label does not have exactly two values, or a feature mixes numbers with text or
 * holds an infinite number.
 *
 * @example
 * const rows = [
 *   { overtime: 'Yes', tenure: 1, left: 'Yes' }, { overtime: 'Yes', tenure: 2, left: 'Yes' },
 *   { overtime: 'Yes', tenure: 6, left: 'No' }, { overtime: 'No', tenure: 1, left: 'Yes' },
 *   { overtime: 'No', tenure: 3, left: 'No' }, { overtime: 'No', tenure: 5, left: 'No' },
 *   { overtime: 'No', tenure: 8, left: 'No' }, { overtime: 'Yes', tenure: 4, left: 'No' },
 *   { overtime: 'No', tenure: 2, left: 'No' }, { overtime: 'Yes', tenure: 5, left: 'Yes' },
 * ];
 * const model = fitRetentionModel(rows, { features: ['overtime', 'tenure'], label: 'left' });
 * model.coefficients.map((c) => c.term) // => ['(Intercept)', 'overtime: Yes', 'tenure']
 * model.coefficients[1].estimate // => 4.5442
 * model.deviance // => 6.5356
 * fitRetentionModel(rows, { features: ['Gender'], label: 'left' }) // => throws INVALID_OPTION
 */
export function fitRetentionModel(
  rows: readonly RetentionRow[],
  options: FitRetentionModelOptions,
): RetentionModel {
  checkOptions(options, FIT_RETENTION_MODEL_OPTIONS, 'fitRetentionModel');
  const resolved = resolveModelOptions(options, 'fitRetentionModel');
  const design = encodeDesign(rows, resolved.spec, 'fitRetentionModel');
  const fit = fitDesign(design, null, resolved.settings);
  return packageModel(design, fit, resolved);
}
