import binomial from '@stdlib/random-base-binomial';
import { quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { RandomSource } from '../../core/createRandom.js';
import { InternalCustomerError } from '../../core/errors.js';
import type { EnpsTally } from '../enpsTally.js';
import { defineEnpsInterval, type EnpsIntervalLimits } from './definition.js';

const DEFAULT_RESAMPLES = 10_000;

/** Percentile bootstrap from the multinomial of the tally: O(resamples), whatever n. @internal */
function bootstrapInterval(
  tally: EnpsTally,
  level: number,
  resamples: number,
  random: RandomSource,
): EnpsIntervalLimits {
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
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    standardError: resamples > 1 ? sampleStandardDeviation(sorted) : 0,
  };
}

/**
 * Percentile bootstrap: resamples drawn from the multinomial of the tally (two binomial draws
 * each, `@stdlib`), so its cost grows with the resamples (`resamples`, default 10 000), not with n.
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
