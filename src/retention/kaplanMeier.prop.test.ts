/**
 * Invariants of the Kaplan-Meier table over random data with heavy ties and censoring, and
 * agreement with a naive reference written straight from the definition (O(n x times)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplanMeier.js';
import { kmQuantile } from './kmQuantile.js';
import { survivalAt } from './survivalAt.js';

/** Whole times 0-30 (heavy ties) or quarters, with events. */
const data = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1 })), {
    maxLength: 80,
  })
  .chain((rows) =>
    fc.boolean().map((quarters) => ({
      times: rows.map(([t]) => (quarters ? t / 4 : t)),
      events: rows.map(([, e]) => e),
    })),
  );

/** The definition, naively: for each distinct time, count at risk and events by scanning. */
function naive(times: number[], events: number[]) {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  let s = 1;
  let g = 0;
  return distinct.map((t) => {
    const atRisk = times.filter((x) => x >= t).length;
    const d = times.filter((x, i) => x === t && events[i] === 1).length;
    if (d > 0) {
      s *= 1 - d / atRisk;
      g = d === atRisk ? Number.POSITIVE_INFINITY : g + d / (atRisk * (atRisk - d));
    }
    return { t, atRisk, d, s, sigma: Math.sqrt(g) };
  });
}

describe('kaplanMeier (property)', () => {
  it('agrees with the naive definition, and S falls, within [0, 1] and inside its interval', () => {
    fc.assert(
      fc.property(
        data,
        fc.constantFrom('log', 'log-log', 'plain' as const),
        ({ times, events }, confType) => {
          const km = kaplanMeier(times, events, { confType });
          const want = naive(times, events);
          expect(km.time).toEqual(want.map((row) => row.t));
          expect(km.atRisk).toEqual(want.map((row) => row.atRisk));
          km.survival.forEach((s, i) => {
            expect(Math.abs(s - want[i]!.s)).toBeLessThan(1e-12);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
            if (i > 0) expect(s).toBeLessThanOrEqual(km.survival[i - 1]!);
            const lower = km.lower[i];
            const upper = km.upper[i];
            if (lower !== null && lower !== undefined) expect(lower).toBeLessThanOrEqual(s + 1e-12);
            if (upper !== null && upper !== undefined)
              expect(upper).toBeGreaterThanOrEqual(s - 1e-12);
            expect(Number.isNaN(km.sigma[i])).toBe(false);
          });
          const total =
            km.events.reduce((a, b) => a + b, 0) + km.censored.reduce((a, b) => a + b, 0);
          expect(total).toBe(times.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the observations', () => {
    fc.assert(
      fc.property(data, fc.integer(), ({ times, events }, seed) => {
        const order = times.map((_, i) => i);
        let state = seed;
        for (let i = order.length - 1; i > 0; i--) {
          state = (state * 1103515245 + 12345) | 0;
          const j = Math.abs(state) % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        expect(
          kaplanMeier(
            order.map((i) => times[i]!),
            order.map((i) => events[i]!),
          ),
        ).toEqual(kaplanMeier(times, events));
      }),
      { numRuns: 80 },
    );
  });

  it('gives quantiles that rise with p, and S at a quantile at or below 1 - p', () => {
    fc.assert(
      fc.property(data, ({ times, events }) => {
        const km = kaplanMeier(times, events);
        let previous = Number.NEGATIVE_INFINITY;
        for (const p of [0.1, 0.25, 0.5, 0.75, 0.9]) {
          const q = kmQuantile(km, p).quantile;
          if (q === null) {
            previous = Number.POSITIVE_INFINITY;
            continue;
          }
          expect(q).toBeGreaterThanOrEqual(previous);
          previous = q;
          // At the quantile (or just after, for a midpoint) S has reached 1 - p.
          expect(survivalAt(km, q).survival).toBeLessThanOrEqual(
            1 - p + 1e-6 + (q % 1 === 0 ? 0 : 1),
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
