import { defineEnpsInterval, type EnpsCounts, normalLimits } from './definition.js';

/** Variance of one answer coded -1 / 0 / +1 (Rocks 2016): (p + d) - (p - d)^2. @internal */
export function enpsVariance(detractors: number, passives: number, promoters: number): number {
  const n = detractors + passives + promoters;
  const p = promoters / n;
  const d = detractors / n;
  return p + d - (p - d) ** 2;
}

/** The raw score and Rocks' standard error sqrt(var / n), proportion scale. @internal */
function waldApproximation(tally: EnpsCounts) {
  const { detractors, passives, promoters } = tally;
  const n = detractors + passives + promoters;
  return {
    centre: (promoters - detractors) / n,
    standardError: Math.sqrt(enpsVariance(detractors, passives, promoters) / n),
  };
}

/**
 * Wald interval: score +- z SE with Rocks' SE, not clipped (clip for display). Simple, and the
 * variance behind `compareEnps`; too narrow for small groups and scores near +-100.
 *
 * @example
 * const tally = enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 });
 * const wald = enps(tally, { method: 'wald' }).interval;
 * [wald?.lower, wald?.upper] // => [14.69219192, 45.30780808]
 */
export const wald = defineEnpsInterval({
  id: 'wald',
  label: 'Wald',
  description:
    'score +- z SE (the variance of the answers coded -1 / 0 / +1), not clipped; too narrow for small groups and for scores near +-100',
  reference: 'Rocks 2016; R package NPS',
  needsRandom: false,
  normal: waldApproximation,
  interval: (tally, level) => normalLimits(waldApproximation(tally), level),
});
