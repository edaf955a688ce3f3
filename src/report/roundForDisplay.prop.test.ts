/** Invariants of the display rounding over random finite numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundForDisplay } from './roundForDisplay.js';

const value = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
const digits = fc.integer({ min: 0, max: 6 });

describe('roundForDisplay (properties)', () => {
  it('moves a number by at most half a unit of the last digit kept', () => {
    fc.assert(
      fc.property(value, digits, (x, d) => {
        const unit = 10 ** -d;
        expect(Math.abs(roundForDisplay(x, d) - x)).toBeLessThanOrEqual(
          unit / 2 + 1e-9 * Math.max(1, Math.abs(x)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric: rounding -x gives minus the rounding of x', () => {
    fc.assert(
      fc.property(value, digits, (x, d) => {
        expect(roundForDisplay(-x, d) + roundForDisplay(x, d)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(value, digits, (x, d) => {
        const once = roundForDisplay(x, d);
        expect(roundForDisplay(once, d)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with toFixed on numbers that are exact halves in binary (k + 0.5)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (k) => {
        expect(roundForDisplay(k + 0.5)).toBe(k + 1);
        expect(roundForDisplay(-(k + 0.5))).toBe(-(k + 1));
      }),
      { numRuns: 200 },
    );
  });
});
