import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../retention/kaplanMeier.js';
import { kmQuantile } from '../retention/kmQuantile.js';
import { kmQuantiles } from './kmQuantiles.js';

// The reference is kmQuantile(kaplanMeier(...)), itself checked against R survfit and
// quantile.survfit in kmQuantile.test.ts; this lean walk must agree with it exactly.
const reference = (times: number[], events: number[], p: number) =>
  kmQuantile(kaplanMeier(times, events), p).quantile;

describe('kmQuantiles', () => {
  it('equals kmQuantile(kaplanMeier(...)).quantile exactly (property)', () => {
    const sample = fc
      .array(
        fc.record({
          // Few distinct values, so ties, flat stretches and curves ending at 1 - p are common.
          time: fc.oneof(
            fc.integer({ min: 0, max: 6 }),
            fc.double({ min: 0, max: 50, noNaN: true }),
          ),
          event: fc.integer({ min: 0, max: 1 }),
        }),
        { minLength: 1, maxLength: 40 },
      )
      .map((rows) => ({ times: rows.map((r) => r.time), events: rows.map((r) => r.event) }));
    const probability = fc.oneof(
      fc.constantFrom(0.5, 0.9, 0.25, 0.75, 0.1, 1 / 3, 2 / 3),
      fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    );
    fc.assert(
      fc.property(sample, fc.array(probability, { minLength: 1, maxLength: 3 }), (s, ps) => {
        expect(kmQuantiles(s.times, s.events, ps)).toEqual(
          ps.map((p) => reference(s.times, s.events, p)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the middle of a flat stretch at 1 - p, and of the last one up to the last time', () => {
    // S = 0.5 from 2 to 6 (flat), then 0: median (2 + 6) / 2 = 4.
    expect(kmQuantiles([2, 2, 6, 6], [1, 1, 1, 1], [0.5])).toEqual([4]);
    expect(reference([2, 2, 6, 6], [1, 1, 1, 1], 0.5)).toBe(4);
    // S ends at 0.5 (the rest censored at 9): median (3 + 9) / 2 = 6.
    expect(kmQuantiles([3, 9], [1, 0], [0.5])).toEqual([6]);
    expect(reference([3, 9], [1, 0], 0.5)).toBe(6);
    // Never reaches 0.1: null.
    expect(kmQuantiles([3, 9, 9], [1, 0, 0], [0.9])).toEqual([null]);
  });
});
