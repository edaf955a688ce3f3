import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import {
  normalCriticalValue,
  poissonExactInterval,
  twoSidedNormalPValue,
  wilsonInterval,
} from './intervals.js';

describe('normalCriticalValue', () => {
  it('matches R qnorm(0.975) and qnorm(0.995) to 1e-12', () => {
    expect(normalCriticalValue(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCriticalValue(0.99)).toBeCloseTo(2.5758293035489, 12);
  });

  it('refuses levels of 0, 1, above 1 and NaN', () => {
    for (const level of [0, 1, 1.5, -0.1, Number.NaN])
      expect(codeOf(() => normalCriticalValue(level))).toBe('INVALID_OPTION');
  });
});

describe('twoSidedNormalPValue', () => {
  it('keeps precision in the far tail where 1 - Phi(z) rounds to 0', () => {
    // R: 2 * pnorm(-10) = 1.523971e-23
    expect(twoSidedNormalPValue(10) / 1.523970604832105e-23).toBeCloseTo(1, 10);
    expect(twoSidedNormalPValue(0)).toBe(1);
  });
});

describe('wilsonInterval', () => {
  it('matches R prop.test(x, n, correct = FALSE)$conf.int', () => {
    // R: prop.test(6, 10, correct = FALSE)$conf.int -> 0.3126738 0.8318197
    const six = wilsonInterval(6, 10);
    expect(six.lower).toBeCloseTo(0.3126738, 7);
    expect(six.upper).toBeCloseTo(0.8318197, 7);
    // R: prop.test(0, 20, correct = FALSE)$conf.int -> 0.0000000 0.1611252
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(0, 20).upper).toBeCloseTo(0.1611252, 7);
    expect(wilsonInterval(20, 20).upper).toBe(1);
  });

  it('contains the estimate and stays within [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, k, level) => {
          const successes = k % (n + 1);
          const interval = wilsonInterval(successes, n, level);
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(successes / n + 1e-12);
          expect(interval.upper).toBeGreaterThanOrEqual(successes / n - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses counts above n, negative or fractional', () => {
    expect(codeOf(() => wilsonInterval(11, 10))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(-1, 10))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(1.5, 10))).toBe('OUT_OF_RANGE');
  });
});

describe('poissonExactInterval', () => {
  it('matches R poisson.test(k)$conf.int (Garwood)', () => {
    // R: poisson.test(5)$conf.int -> 1.623486 11.668332
    expect(poissonExactInterval(5).lower).toBeCloseTo(1.623486, 6);
    expect(poissonExactInterval(5).upper).toBeCloseTo(11.668332, 6);
    // R: poisson.test(0)$conf.int -> 0.000000 3.688879
    expect(poissonExactInterval(0).upper).toBeCloseTo(3.688879, 6);
  });

  it('refuses negative and fractional counts', () => {
    expect(codeOf(() => poissonExactInterval(-1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => poissonExactInterval(2.5))).toBe('OUT_OF_RANGE');
  });
});
