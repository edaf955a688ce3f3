import { normalCriticalValue } from '../../core/intervals.js';
import type { EnpsTally } from '../enpsTally.js';
import { defineEnpsInterval } from './definition.js';

/** Tango's score interval by bisection (proportion scale). @internal */
function scoreInterval(tally: EnpsTally, z: number): { lower: number; upper: number } {
  const n = tally.n;
  const b = tally.detractors;
  const c = tally.promoters;
  const statistic = (delta: number): number => {
    const a = 2 * n;
    const B = -b - c + (2 * n - c + b) * delta;
    const C = -b * delta * (1 - delta);
    const q = (Math.sqrt(Math.max(0, B * B - 4 * a * C)) - B) / (2 * a);
    const variance = n * (2 * q + delta * (1 - delta));
    return variance <= 0
      ? c - b - n * delta >= 0
        ? Number.POSITIVE_INFINITY
        : Number.NEGATIVE_INFINITY
      : (c - b - n * delta) / Math.sqrt(variance);
  };
  const observed = (c - b) / n;
  // Z falls as delta rises; each limit is where it crosses +z (lower) or -z (upper).
  const solve = (low: number, high: number, target: number): number => {
    for (let step = 0; step < 200 && high - low > 1e-15; step++) {
      const middle = (low + high) / 2;
      if (statistic(middle) > target) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const lower = b === n ? -1 : statistic(-1) <= z ? -1 : solve(-1, observed, z);
  const upper = c === n ? 1 : statistic(1) >= -z ? 1 : solve(observed, 1, -z);
  return { lower, upper };
}

/**
 * Tango's (1998) score interval for a difference of paired proportions, applied to one tally with
 * promoters and detractors as the discordant cells, found by bisection. Stays within -100..100 and
 * keeps its coverage for small groups and extreme scores, at the cost of an iteration.
 *
 * @example
 * const tally = enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 });
 * const score = enps(tally, { method: 'score' }).interval;
 * [score?.lower, score?.upper] // => [13.95514161, 44.33930663]
 */
export const score = defineEnpsInterval({
  id: 'score',
  label: 'Score (Tango)',
  description:
    "Tango's score interval (promoters and detractors as the discordant cells of a paired table), by bisection; stays within -100..100 and keeps its coverage for small groups and extreme scores",
  reference: 'Tango 1998, Stat Med 17:891; Rocks 2016',
  needsRandom: false,
  interval: (tally, level) => scoreInterval(tally, normalCriticalValue(level)),
});
