import binomial from '@stdlib/random-base-binomial';
import { quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { RandomSource } from '../core/createRandom.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { checkLevel, normalCriticalValue } from '../core/intervals.js';
import type { EnpsCutoffs } from './classifyEnps.js';
import { type EnpsTally, type EnpsTallyOptions, enpsTally } from './enpsTally.js';

/** How the interval of an eNPS is computed. */
export type EnpsIntervalMethod = 'wald' | 'adjusted-wald' | 'score' | 'bootstrap';

/** Options of {@link enps}. */
export interface EnpsOptions extends EnpsTallyOptions {
  /** Interval method. Default `adjusted-wald` (Rocks 2016). */
  readonly method?: EnpsIntervalMethod;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
  /** Bootstrap resamples. Default 10 000. */
  readonly resamples?: number;
  /** Seeded random source (`createRandom(seed)`), required by the bootstrap. */
  readonly random?: RandomSource;
}

/**
 * An employee NPS with the counts behind it. `score` and everything about it are on the
 * conventional -100..100 scale; `proportions` are 0-1. With no answers, `n` is 0 and the score,
 * its standard error and interval are `null` (never NaN).
 */
export interface EnpsResult {
  readonly n: number;
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
  readonly proportions: {
    readonly detractors: number;
    readonly passives: number;
    readonly promoters: number;
  } | null;
  readonly score: number | null;
  readonly standardError: number | null;
  readonly interval: Interval | null;
  readonly cutoffs: EnpsCutoffs;
  readonly warnings: readonly string[];
}

/** Below this many answers intervals are rough; the result says so. */
const SMALL_N = 30;

/** Variance of one answer coded -1 / 0 / +1 (Rocks 2016): (p + d) - (p - d)^2. @internal */
export function enpsVariance(detractors: number, passives: number, promoters: number): number {
  const n = detractors + passives + promoters;
  const p = promoters / n;
  const d = detractors / n;
  return p + d - (p - d) ** 2;
}

/** The adjusted-Wald centre and standard error (pseudo-counts 0.75 / 1.5 / 0.75). @internal */
export function adjustedWald(tally: { detractors: number; passives: number; promoters: number }): {
  centre: number;
  standardError: number;
} {
  const d = tally.detractors + 0.75;
  const p = tally.passives + 1.5;
  const r = tally.promoters + 0.75;
  const n = d + p + r;
  return { centre: (r - d) / n, standardError: Math.sqrt(enpsVariance(d, p, r) / n) };
}

/** Tango's score interval by bisection (proportion scale). @internal */
function scoreInterval(tally: EnpsTally, z: number): [number, number] {
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
  return [lower, upper];
}

/** Percentile bootstrap from the multinomial of the tally: O(resamples), whatever n. @internal */
function bootstrapInterval(
  tally: EnpsTally,
  level: number,
  resamples: number,
  random: RandomSource,
): { interval: [number, number]; standardError: number } {
  const draw = binomial.factory({ prng: random });
  const n = tally.n;
  const pDetractor = tally.detractors / n;
  const pPromoterGivenNotDetractor =
    tally.detractors === n ? 0 : tally.promoters / (n - tally.detractors);
  const values = new Float64Array(resamples);
  for (let index = 0; index < resamples; index++) {
    const detractors = draw(n, pDetractor);
    const promoters = draw(n - detractors, pPromoterGivenNotDetractor);
    values[index] = (promoters - detractors) / n;
  }
  values.sort();
  const sorted = Array.from(values);
  const alpha = 1 - level;
  return {
    interval: [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)],
    standardError: resamples > 1 ? sampleStandardDeviation(sorted) : 0,
  };
}

/**
 * Employee NPS: the share of promoters minus the share of detractors, as a score from -100 to 100
 * (Bain), with its standard error and a confidence interval.
 *
 * - Variance of one answer coded -1 / 0 / +1: (p + d) - (p - d)^2; SE = sqrt(var / n) (Rocks 2016,
 *   "Interval Estimation for the Net Promoter Score", The American Statistician 70:365).
 * - `wald`: score +- z SE, not clipped (clip for display).
 * - `adjusted-wald` (default): add 0.75 detractors, 1.5 passives, 0.75 promoters, and centre the
 *   interval on the adjusted score with the adjusted SE; the reported score stays the raw one.
 *   Rocks found it the most reliable of the simple intervals.
 * - `score`: Tango's (1998) score interval, found by bisection.
 * - `bootstrap`: percentile interval of resamples drawn from the multinomial of the tally (two
 *   binomial draws each, `@stdlib`), so its cost grows with the resamples, not with n; needs a seeded
 *   `random`. Its SE is the resamples' standard deviation.
 *
 * Accepts raw scores (any array, typed array or iterable) or a tally. O(n) to tally, O(1) after,
 * O(resamples log resamples) for the bootstrap.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for scores off the scale or not whole.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method, a level outside (0, 1), a
 * bootstrap without `random`, or resamples that are not a whole number >= 100.
 *
 * @example
 * const result = enps(enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 }));
 * result.score // => 30
 * result.standardError // => 7.81024968
 * [result.interval.lower, result.interval.upper] // => [14.05113018, 44.20129701]
 * enps([]).score // => null
 */
export function enps(
  input: EnpsTally | ArrayLike<number> | Iterable<number>,
  options: EnpsOptions = {},
): EnpsResult {
  const tally = isTally(input) ? input : enpsTally(input, options);
  const method = options.method ?? 'adjusted-wald';
  const level = options.level ?? 0.95;
  checkLevel(level, 'enps');
  if (!['wald', 'adjusted-wald', 'score', 'bootstrap'].includes(method)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `enps requires method wald, adjusted-wald, score or bootstrap, got ${String(method)}`,
    );
  }
  const resamples = options.resamples ?? 10_000;
  if (method === 'bootstrap') {
    if (options.random === undefined) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        'enps requires a seeded random (createRandom(seed)) for the bootstrap',
      );
    }
    if (!Number.isInteger(resamples) || resamples < 100) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `enps requires resamples as a whole number >= 100, got ${String(resamples)}`,
      );
    }
  }
  const { n, detractors, passives, promoters } = tally;
  const base = { n, detractors, passives, promoters, cutoffs: tally.cutoffs };
  if (n === 0) {
    return {
      ...base,
      proportions: null,
      score: null,
      standardError: null,
      interval: null,
      warnings: ['no answers: no score'],
    };
  }
  const warnings = n < SMALL_N ? [`only ${n} answers: the interval is rough`] : [];
  const nps = (promoters - detractors) / n;
  const standardError = Math.sqrt(enpsVariance(detractors, passives, promoters) / n);
  const z = normalCriticalValue(level);
  let limits: [number, number];
  let reportedError = standardError;
  switch (method) {
    case 'wald':
      limits = [nps - z * standardError, nps + z * standardError];
      break;
    case 'adjusted-wald': {
      const adjusted = adjustedWald(tally);
      limits = [
        adjusted.centre - z * adjusted.standardError,
        adjusted.centre + z * adjusted.standardError,
      ];
      break;
    }
    case 'score':
      limits = scoreInterval(tally, z);
      break;
    case 'bootstrap': {
      const result = bootstrapInterval(tally, level, resamples, options.random!);
      limits = result.interval;
      reportedError = result.standardError;
      break;
    }
  }
  return {
    ...base,
    proportions: { detractors: detractors / n, passives: passives / n, promoters: promoters / n },
    score: 100 * nps,
    standardError: 100 * reportedError,
    interval: { lower: 100 * limits[0], upper: 100 * limits[1], level, method },
    warnings,
  };
}

/** Whether a value is an {@link EnpsTally}. @internal */
export function isTally(value: unknown): value is EnpsTally {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    'cutoffs' in value &&
    'detractors' in value
  );
}
