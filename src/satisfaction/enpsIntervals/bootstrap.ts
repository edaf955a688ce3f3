import type { RandomSource } from '../../core/createRandom.js';
import { InternalCustomerError } from '../../core/errors.js';
import { binomialDraw } from '../../internal/distributions/index.js';
import type { EnpsTally } from '../enpsTally.js';
import { defineEnpsInterval, type EnpsIntervalLimits } from './definition.js';

const DEFAULT_RESAMPLES = 10_000;

/** The type 7 quantile (R's default) of sorted values, as simple-statistics' `quantileSorted`. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const index = (sorted.length - 1) * p;
  const lower = Math.floor(index);
  const fraction = index - lower;
  if (fraction === 0) return sorted[lower]!;
  return sorted[lower]! + fraction * (sorted[lower + 1]! - sorted[lower]!);
}

/**
 * The sample standard deviation (n - 1), with the mean from a compensated (Kahan-Babuska) sum, as
 * simple-statistics' `sampleStandardDeviation`, whose bundle it spares.
 */
function sampleStandardDeviation(values: Float64Array): number {
  let sum = values[0]!;
  let correction = 0;
  for (let index = 1; index < values.length; index++) {
    const value = values[index]!;
    const next = sum + value;
    correction += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  const mean = (sum + correction) / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) * (value - mean);
  return Math.sqrt(squares / (values.length - 1));
}

/** Percentile bootstrap from the multinomial of the tally: O(resamples), whatever n. @internal */
function bootstrapInterval(
  tally: EnpsTally,
  level: number,
  resamples: number,
  random: RandomSource,
): EnpsIntervalLimits {
  const n = tally.n;
  const pDetractor = tally.detractors / n;
  const pPromoterGivenNotDetractor =
    tally.detractors === n ? 0 : tally.promoters / (n - tally.detractors);
  const values = new Float64Array(resamples);
  for (let index = 0; index < resamples; index++) {
    const detractors = binomialDraw(random, n, pDetractor);
    const promoters = binomialDraw(random, n - detractors, pPromoterGivenNotDetractor);
    values[index] = (promoters - detractors) / n;
  }
  values.sort();
  const alpha = 1 - level;
  return {
    lower: quantileSorted(values, alpha / 2),
    upper: quantileSorted(values, 1 - alpha / 2),
    standardError: resamples > 1 ? sampleStandardDeviation(values) : 0,
  };
}

/**
 * Percentile bootstrap: resamples drawn from the multinomial of the tally (two binomial draws
 * each, Hormann's BTRD sampler, seeded), so its cost grows with the resamples (`resamples`, default 10 000), not with n.
 * Needs a seeded `random`; its SE is the resamples' standard deviation. For checking the other
 * intervals, or when a reader asks for a resampling interval.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for resamples that are not a whole number >= 100.
 *
 * @example
 * const tally = enpsTallyFromCounts({ detractors: 200, passives: 300, promoters: 500 });
 * const bootstrap = enps(tally, { method: 'bootstrap', random: createRandom(2026) });
 * const { lower, upper } = bootstrap.interval ?? { lower: 0, upper: 0 };
 * lower > 24 && upper < 36 // => true
 * enps(tally, { method: 'bootstrap', random: createRandom(1), resamples: 10 }) // => throws INVALID_OPTION
 */
export const bootstrap = defineEnpsInterval({
  id: 'bootstrap',
  label: 'Bootstrap',
  description:
    'percentile interval of resamples from the multinomial of the tally (two binomial draws each, cost independent of n); needs a seeded `random`',
  reference: 'Efron & Tibshirani 1993',
  needsRandom: true,
  checkOptions: (options, functionName) => {
    const resamples = options.resamples ?? DEFAULT_RESAMPLES;
    if (!Number.isInteger(resamples) || resamples < 100) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${functionName} requires resamples as a whole number >= 100, got ${String(resamples)}`,
      );
    }
  },
  // `enps` has checked that `random` is there (needsRandom).
  interval: (tally, level, options) =>
    bootstrapInterval(tally, level, options.resamples ?? DEFAULT_RESAMPLES, options.random!),
});
