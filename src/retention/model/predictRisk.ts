import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { describeValue } from '../../internal/describeValue.js';
import type { RetentionModel } from './fitRetentionModel.js';
import { isMissing, levelOf, type RetentionRow } from './internal/design.js';

/** A band of risk. */
export type RiskTier = 'low' | 'medium' | 'high';

/** Where the tiers start: fixed probabilities, or quantiles of the training predictions. */
export type RiskTiers =
  | { readonly cutoffs: readonly [number, number] }
  | { readonly quantiles: readonly [number, number] };

/** Options of {@link predictRisk}. */
export interface PredictRiskOptions {
  /**
   * `{ cutoffs: [a, b] }`: low below probability a, high from b. `{ quantiles: [a, b] }`: the
   * same with a and b the quantiles of the training rows' fitted probabilities (read from the
   * model's percentiles, interpolated). Default `{ quantiles: [0.5, 0.9] }`: high is the riskiest
   * tenth of the training population, low its less risky half.
   */
  readonly tiers?: RiskTiers;
  /** Plain-language names of features for the descriptions (`{ OverTime: 'works overtime' }`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The options predictRisk knows (an unknown one is an error). */
const PREDICT_RISK_OPTIONS = { tiers: true, labels: true } satisfies OptionKeys<PredictRiskOptions>;

/** What one feature (or one group of separated features) adds to a person's log-odds. */
export interface RiskFactor {
  /** The feature, or the features of a separated group joined with ` + `. */
  readonly feature: string;
  readonly features: readonly string[];
  /** The person's value, as text (levels joined with `, ` for a group). */
  readonly value: string;
  /**
   * sum over the feature's terms of beta_j (x_j - mean_j): the log-odds relative to a person with
   * the training rows' average on this feature (its mix of levels for a category).
   */
  readonly contribution: number;
  /** exp(contribution): how this feature multiplies the odds of leaving. */
  readonly oddsRatio: number;
  /**
   * The person is like the separated rows of the training data (for example in a category where
   * everyone stayed): the size of this factor is not estimable, only its direction.
   */
  readonly separated: boolean;
  /** `OverTime is Yes: x2.6 odds`, for people who do not read coefficients. */
  readonly description: string;
}

/** A person's risk, with the reasons behind it. */
export interface RiskPrediction {
  /** Predicted probability of leaving, 0-1. */
  readonly probability: number;
  readonly logOdds: number;
  /** Log-odds of an average training row; logOdds = averageLogOdds + sum of contributions. */
  readonly averageLogOdds: number;
  readonly tier: RiskTier;
  /** The probability cut-offs used for the tier: [medium from, high from]. */
  readonly cutoffs: readonly [number, number];
  /** Every feature, from the one that raises the risk most to the one that lowers it most. */
  readonly factors: readonly RiskFactor[];
}

/** The cut-offs of the tiers, as probabilities. @internal */
export function tierCutoffs(
  model: RetentionModel,
  tiers: RiskTiers | undefined,
  fn: string,
): [number, number] {
  const spec = tiers ?? { quantiles: [0.5, 0.9] as const };
  const pair = 'cutoffs' in spec ? spec.cutoffs : 'quantiles' in spec ? spec.quantiles : undefined;
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    !(pair[0] > 0 && pair[0] <= pair[1] && pair[1] < 1)
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires tiers as { cutoffs: [a, b] } or { quantiles: [a, b] } with 0 < a <= b < 1, got ${JSON.stringify(tiers)}`,
    );
  }
  if ('cutoffs' in spec) return [pair[0], pair[1]];
  const quantile = (p: number) => {
    const h = p * 100;
    const low = Math.floor(h);
    const a = model.riskPercentiles[low]!;
    const b = model.riskPercentiles[Math.min(low + 1, 100)]!;
    return a + (h - low) * (b - a);
  };
  return [quantile(pair[0]), quantile(pair[1])];
}

/** The tier of a probability. @internal */
export function tierOf(probability: number, cutoffs: readonly [number, number]): RiskTier {
  return probability >= cutoffs[1] ? 'high' : probability >= cutoffs[0] ? 'medium' : 'low';
}

/** A ratio as a short text (`2.6`, `56`, `1.2e+3`). @internal */
export function formatOdds(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  if (ratio >= 1000) return ratio.toExponential(1);
  if (ratio >= 10) return ratio.toFixed(0);
  if (ratio >= 0.01) return ratio.toPrecision(2);
  return ratio.toExponential(0);
}

/** A value to three significant digits, integers as they are. @internal */
export function formatFactorValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/**
 * Scores one employee with a fitted retention model: the probability of leaving, a tier, and the
 * factors behind it, ranked by what they add to the log-odds compared with the average of the
 * training rows: for feature j, beta_j (x_j - mean_j), summed over a category's indicator columns
 * (a centred, per-person decomposition of the linear predictor, as in Lundberg & Lee 2017,
 * "A unified approach to interpreting model predictions", whose SHAP values for a linear model
 * with independent features are exactly these terms).
 *
 * The score is a prompt for a conversation, not a decision (GDPR Art. 22; the EU AI Act lists
 * employment uses as high-risk): explain it to the manager in these words, and let people act.
 *
 * A category the model has not seen is refused (`INVALID_INPUT`): the model knows nothing about
 * it, and scoring it as the reference level would hide that. Refit with the new level, or map it
 * to a known one first. Features the fit dropped (constant, aliased) are not needed.
 *
 * Terms under separation (without a penalty) have no estimate: their features are combined into
 * one factor, whose sum is estimable for people like the rest of the training rows; for people
 * like the separated rows (everyone in that combination stayed, say) it is flagged `separated`
 * and the probability is at its limit, near 0 or 1.
 *
 * O(number of terms).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the row lacks a feature of the model, holds
 * text for a numeric feature, or a category the model has not seen.
 * @throws {InternalCustomerError} `INVALID_OPTION` for tiers that are not two increasing values in
 * (0, 1).
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
 * const risk = predictRisk(model, { overtime: 'Yes', tenure: 1 }, { tiers: { cutoffs: [0.3, 0.6] } });
 * risk.probability // => 0.9939
 * risk.tier // => 'high'
 * risk.factors.map((f) => f.description) // => ['tenure is 1 (average 3.7): x56 odds', 'overtime is Yes: x9.7 odds']
 * predictRisk(model, { overtime: 'Sometimes', tenure: 1 }) // => throws INVALID_INPUT
 */
export function predictRisk(
  model: RetentionModel,
  row: RetentionRow,
  options: PredictRiskOptions = {},
): RiskPrediction {
  checkOptions(options, PREDICT_RISK_OPTIONS, 'predictRisk');
  if (row === null || typeof row !== 'object') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `predictRisk requires a row object, got ${describeValue(row)}`,
    );
  }
  const cutoffs = tierCutoffs(model, options.tiers, 'predictRisk');
  const labels = options.labels ?? {};
  const separatedFeatures = new Set(
    model.separation && !model.separation.boundedByPenalty ? model.separation.features : [],
  );
  const byFeature = new Map<string, { contribution: number; value: string; numeric: boolean }>();
  let logOdds = 0;
  let averageLogOdds = 0;
  for (const feature of model.features) {
    if (feature.status !== 'fitted') continue;
    const cell = row[feature.name];
    if (isMissing(cell)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `predictRisk requires a value for every feature of the model, but ${feature.name} is ${describeValue(cell)}`,
      );
    }
    if (feature.kind === 'numeric') {
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `predictRisk requires a finite number for ${feature.name}, got ${describeValue(cell)}`,
        );
      }
    } else if (!feature.levels.includes(levelOf(cell))) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `predictRisk requires a level of ${feature.name} seen in fitting (${feature.levels.map(describeValue).join(', ')}), got ${describeValue(cell)}; refit with it, or map it to a known level`,
      );
    }
    byFeature.set(feature.name, {
      contribution: 0,
      value: levelOf(cell),
      numeric: feature.kind === 'numeric',
    });
  }
  const direction = model.separation?.direction;
  let separatedSide = 0;
  model.coefficients.forEach((coefficient, p) => {
    if (coefficient.feature === null) {
      logOdds += coefficient.estimate;
      averageLogOdds += coefficient.estimate;
      separatedSide += direction?.[p] ?? 0;
      return;
    }
    const feature = model.features.find((item) => item.name === coefficient.feature)!;
    const entry = byFeature.get(coefficient.feature)!;
    let x: number;
    let mean: number;
    if (feature.kind === 'numeric') {
      const value = row[feature.name] as number;
      x = feature.standardized ? (value - feature.mean) / feature.standardDeviation : value;
      mean = feature.standardized ? 0 : coefficient.mean;
    } else {
      x = entry.value === coefficient.level ? 1 : 0;
      mean = coefficient.mean;
    }
    logOdds += coefficient.estimate * x;
    averageLogOdds += coefficient.estimate * mean;
    entry.contribution += coefficient.estimate * (x - mean);
    separatedSide += (direction?.[p] ?? 0) * x;
  });

  const factors: RiskFactor[] = [];
  const name = (feature: string) => labels[feature] ?? feature;
  const describe = (feature: string, entry: { value: string; numeric: boolean }) => {
    if (!entry.numeric) return `${name(feature)} is ${entry.value}`;
    const info = model.features.find((item) => item.name === feature);
    const mean = info?.kind === 'numeric' ? info.mean : 0;
    return `${name(feature)} is ${entry.value} (average ${formatFactorValue(mean)})`;
  };
  const grouped = [...byFeature].filter(([feature]) => separatedFeatures.has(feature));
  if (grouped.length > 0) {
    // Only the sum of these features' terms is estimable, for people like the rows not separated;
    // for people like the separated rows it runs to +-infinity (the limit the fit stopped near).
    const contribution = grouped.reduce((sum, [, entry]) => sum + entry.contribution, 0);
    const oddsRatio = Math.exp(contribution);
    const side = Math.abs(separatedSide) > 1e-6 ? Math.sign(separatedSide) : 0;
    const note =
      side < 0
        ? ' (everyone with this combination in the training data stayed)'
        : side > 0
          ? ' (everyone with this combination in the training data left)'
          : '';
    factors.push({
      feature: grouped.map(([feature]) => feature).join(' + '),
      features: grouped.map(([feature]) => feature),
      value: grouped.map(([, entry]) => entry.value).join(', '),
      contribution,
      oddsRatio,
      separated: side !== 0,
      description: `${grouped.map(([feature, entry]) => describe(feature, entry)).join(', ')}: x${formatOdds(oddsRatio)} odds${note}`,
    });
  }
  for (const [feature, entry] of byFeature) {
    if (separatedFeatures.has(feature)) continue;
    const oddsRatio = Math.exp(entry.contribution);
    factors.push({
      feature,
      features: [feature],
      value: entry.value,
      contribution: entry.contribution,
      oddsRatio,
      separated: false,
      description: `${describe(feature, entry)}: x${formatOdds(oddsRatio)} odds`,
    });
  }
  factors.sort((a, b) => b.contribution - a.contribution);
  const probability = 1 / (1 + Math.exp(-logOdds));
  return {
    probability,
    logOdds,
    averageLogOdds,
    tier: tierOf(probability, cutoffs),
    cutoffs,
    factors,
  };
}
