import { mean, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createRandom } from './createRandom.js';
import { isInternalCustomerError } from './errors.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('gives different sequences for different seeds, including seeds beyond 32 bits', () => {
    expect(createRandom(1)()).not.toBe(createRandom(2)());
    expect(createRandom(2 ** 40)()).not.toBe(createRandom(2 ** 40 + 1)());
  });

  it('draws uniformly from [0, 1): mean 1/2 and variance 1/12', () => {
    const random = createRandom(2026);
    const draws = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    // Standard errors: 1/sqrt(12 n) = 0.0009 for the mean; 5 sigma tolerances.
    expect(mean(draws)).toBeCloseTo(0.5, 2);
    expect(Math.abs(variance(draws) - 1 / 12)).toBeLessThan(0.002);
  });

  it('throws INVALID_OPTION for a seed that is not an integer', () => {
    for (const seed of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      try {
        createRandom(seed);
        expect.unreachable();
      } catch (error) {
        expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
      }
    }
  });
});
