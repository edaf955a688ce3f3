import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import type { RetentionModel } from '../model/fitRetentionModel.js';
import { predictRisk } from '../model/predictRisk.js';
import type { RetentionSignal, SignalId } from './retentionSignals.js';

/**
 * Default log-odds weights, estimated with R `glm` on the IBM HR attrition sample for indicators
 * that mirror each signal (script: src/retention/signals/fixtures/default-weights.R): JobSatisfaction
 * 1 for a detractor, JobInvolvement 1 for a negative intent to stay, under two years at the company
 * for the high-hazard band, two years without promotion, under a year with the current manager,
 * EnvironmentSatisfaction 1 for an old open concern. The three with no analogue there (a drop in
 * eNPS, an overdue one-to-one, an unanswered idea) carry small judgement weights, marked as such.
 * They are proxies: fit your own with `fitRetentionModel` on your history when you have it.
 */
export const DEFAULT_SIGNAL_WEIGHTS: Readonly<
  Record<SignalId, { readonly weight: number; readonly source: string }>
> = {
  detractor: { weight: 0.65523, source: 'IBM sample: JobSatisfaction = 1' },
  enpsDrop: { weight: 0.3, source: 'judgement (no public estimate)' },
  intentToStayNegative: { weight: 1.170977, source: 'IBM sample: JobInvolvement = 1' },
  highHazardTenure: { weight: 0.87326, source: 'IBM sample: under 2 years at the company' },
  oneOnOneOverdue: { weight: 0.3, source: 'judgement (no public estimate)' },
  oldOpenConcern: { weight: 1.046491, source: 'IBM sample: EnvironmentSatisfaction = 1' },
  unansweredIdea: { weight: 0.2, source: 'judgement (no public estimate)' },
  noRecentPromotionOrRaise: {
    weight: 0.316966,
    source: 'IBM sample: 2 or more years since promotion',
  },
  managerChanged: { weight: 0.746128, source: 'IBM sample: under a year with the current manager' },
};

/** Options of {@link signalRisk}. */
export interface SignalRiskOptions {
  /** Base probability of leaving in a year with no signal. Default 0.04 (the IBM sample's intercept). */
  readonly baseRate?: number;
  /** Weights replacing the defaults. */
  readonly weights?: Partial<Record<SignalId, number>>;
  /** A model fitted on your own history with the signal ids as 0/1 features; used instead of weights. */
  readonly model?: RetentionModel;
  /** Probability cut-offs of the tiers. Default [0.15, 0.35]. */
  readonly cutoffs?: readonly [number, number];
}

/** The options signalRisk knows (an unknown one is an error). */
const SIGNAL_RISK_OPTIONS = {
  baseRate: true,
  weights: true,
  model: true,
  cutoffs: true,
} satisfies OptionKeys<SignalRiskOptions>;

/** A risk from signals, with every signal behind it. */
export interface SignalRiskResult {
  readonly probability: number;
  readonly tier: 'low' | 'medium' | 'high';
  /** Each present signal and what it adds to the log-odds, largest first. */
  readonly contributions: readonly {
    readonly id: SignalId;
    readonly weight: number;
    readonly reason: string;
  }[];
  /** All signals, including absent and unknown ones. */
  readonly signals: readonly RetentionSignal[];
  readonly method: 'default-weights' | 'model';
}

/**
 * Combines signals into a risk, transparently: with a model fitted on the organisation's own
 * history (`fitRetentionModel` with the signal ids as 0/1 features), or, when there is no
 * history yet, with {@link DEFAULT_SIGNAL_WEIGHTS} on the log-odds of a base rate. Unknown signals
 * (`null`) add nothing. Always returns the signals behind the score. A prompt for a conversation,
 * never a decision (README, legal context).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a base rate outside (0, 1) or cut-offs out of order.
 *
 * @example
 * const signals = [
 *   { id: 'detractor', present: true, reason: 'answered 4 of 10' },
 *   { id: 'oneOnOneOverdue', present: false, reason: '12 days since the last one-to-one' },
 * ];
 * const risk = signalRisk(signals);
 * risk.contributions.map((c) => c.id) // => ['detractor']
 * risk.tier // => 'low'
 */
export function signalRisk(
  signals: readonly RetentionSignal[],
  options: SignalRiskOptions = {},
): SignalRiskResult {
  checkOptions(options, SIGNAL_RISK_OPTIONS, 'signalRisk');
  const baseRate = options.baseRate ?? 1 / (1 + Math.exp(3.177722));
  const [medium, high] = options.cutoffs ?? [0.15, 0.35];
  if (!(baseRate > 0 && baseRate < 1) || !(medium > 0 && medium < high && high < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      'signalRisk requires a base rate in (0, 1) and cut-offs 0 < medium < high < 1',
    );
  }
  const tier = (p: number) => (p >= high ? 'high' : p >= medium ? 'medium' : 'low');
  if (options.model !== undefined) {
    const row = Object.fromEntries(signals.map((s) => [s.id, s.present === true ? 1 : 0]));
    const prediction = predictRisk(options.model, row);
    return {
      probability: prediction.probability,
      tier: tier(prediction.probability),
      contributions: prediction.factors
        .filter((f) => f.contribution > 0)
        .map((f) => ({ id: f.feature as SignalId, weight: f.contribution, reason: f.description })),
      signals,
      method: 'model',
    };
  }
  let logOdds = Math.log(baseRate / (1 - baseRate));
  const contributions: { id: SignalId; weight: number; reason: string }[] = [];
  for (const signal of signals) {
    if (signal.present !== true) continue;
    const weight = options.weights?.[signal.id] ?? DEFAULT_SIGNAL_WEIGHTS[signal.id].weight;
    logOdds += weight;
    contributions.push({ id: signal.id, weight, reason: signal.reason });
  }
  const probability = 1 / (1 + Math.exp(-logOdds));
  return {
    probability,
    tier: tier(probability),
    contributions: contributions.sort((a, b) => b.weight - a.weight),
    signals,
    method: 'default-weights',
  };
}
