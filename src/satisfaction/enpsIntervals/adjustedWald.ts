import { defineEnpsInterval, type EnpsCounts, normalLimits } from './definition.js';
import { enpsVariance } from './wald.js';

/** The adjusted-Wald centre and standard error (pseudo-counts 0.75 / 1.5 / 0.75). @internal */
export function adjustedWaldApproximation(tally: EnpsCounts) {
  const d = tally.detractors + 0.75;
  const p = tally.passives + 1.5;
  const r = tally.promoters + 0.75;
  const n = d + p + r;
  return { centre: (r - d) / n, standardError: Math.sqrt(enpsVariance(d, p, r) / n) };
}

/**
 * Adjusted Wald interval (the default): add 0.75 detractors, 1.5 passives and 0.75 promoters and
 * centre the interval on the adjusted score with the adjusted SE; the reported score stays the raw
 * one. Rocks found it the most reliable of the simple intervals.
 *
 * @example
 * const tally = enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 });
 * const adjusted = enps(tally, { method: 'adjusted-wald' }).interval;
 * [adjusted?.lower, adjusted?.upper] // => [14.05113018, 44.20129701]
 */
export const adjustedWald = defineEnpsInterval({
  id: 'adjusted-wald',
  label: 'Adjusted Wald',
  description:
    "Wald on the counts plus 0.75 detractors, 1.5 passives and 0.75 promoters, centred on the adjusted score; the most reliable simple interval in Rocks' simulations",
  reference: 'Rocks 2016; R package NPS',
  needsRandom: false,
  normal: adjustedWaldApproximation,
  interval: (tally, level) => normalLimits(adjustedWaldApproximation(tally), level),
});
