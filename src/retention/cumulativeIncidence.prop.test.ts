/**
 * Invariants of the Aalen-Johansen cumulative incidence over random data with ties, entry times
 * and up to three kinds, and agreement of its running-sum jackknife with a naive one written from
 * the definition (each observation's influence, by the recursion, O(n x times)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence } from './cumulativeIncidence.js';
import { kaplanMeier } from './kaplanMeier.js';

/** Whole times 1-25 (heavy ties) or quarters, exits 0-K, and entry times for some. */
const data = fc
  .record({
    kinds: fc.integer({ min: 1, max: 3 }),
    rows: fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.boolean(),
      ),
      { maxLength: 60 },
    ),
    quarters: fc.boolean(),
    late: fc.boolean(),
  })
  .map(({ kinds, rows, quarters, late }) => {
    const times = rows.map(([t]) => (quarters ? t / 4 : t));
    return {
      kinds,
      times,
      exits: rows.map(([, e]) => e % (kinds + 1)),
      entry: late
        ? rows.map(([, , u, enters], i) => (enters ? Math.floor(u * times[i]! * 4) / 4 : 0))
        : undefined,
    };
  });

/** The jackknife by the recursion of each observation's influence on S and on each F_k. */
function naiveStandardErrors(
  times: number[],
  exits: number[],
  kinds: number,
  entry: number[] | undefined,
): number[][] {
  const n = times.length;
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  const start = entry ?? times.map(() => -1);
  const u0 = new Array<number>(n).fill(0);
  const uk = Array.from({ length: kinds }, () => new Array<number>(n).fill(0));
  let s = 1;
  return distinct.map((t) => {
    const atRisk = times.map((x, i) => start[i]! < t && x >= t);
    const r = atRisk.filter(Boolean).length;
    const d = Array.from(
      { length: kinds },
      (_, k) => times.filter((x, i) => x === t && exits[i] === k + 1).length,
    );
    const dead = d.reduce((a, b) => a + b, 0);
    if (dead > 0 && s > 0) {
      const a = dead / r;
      for (let i = 0; i < n; i++) {
        const y = atRisk[i] ? 1 : 0;
        const dn = times[i] === t && exits[i]! > 0 ? 1 : 0;
        const before = u0[i]!;
        for (let k = 0; k < kinds; k++) {
          const dnk = times[i] === t && exits[i] === k + 1 ? 1 : 0;
          uk[k]![i]! += before * (d[k]! / r) + (s * (dnk - (y * d[k]!) / r)) / r;
        }
        u0[i] = before * (1 - a) - (s * (dn - y * a)) / r;
      }
      s *= 1 - a;
    }
    const se = (u: number[]) => Math.sqrt(u.reduce((sum, x) => sum + x * x, 0));
    return [se(u0), ...uk.map(se)];
  });
}

describe('cumulativeIncidence (property)', () => {
  it('has survival plus the cumulative incidences of all kinds equal to 1 at every time', () => {
    fc.assert(
      fc.property(data, ({ kinds, times, exits, entry }) => {
        const fit = cumulativeIncidence(times, exits, {
          kinds: Array.from({ length: kinds }, (_, k) => `k${k}`),
          entry,
        });
        fit.time.forEach((_, i) => {
          const total = fit.incidence.reduce((sum, c) => sum + c.probability[i]!, 0);
          expect(Math.abs(fit.survival.probability[i]! + total - 1)).toBeLessThan(1e-12);
          for (const curve of fit.incidence) {
            expect(curve.probability[i]!).toBeGreaterThanOrEqual(
              i === 0 ? 0 : curve.probability[i - 1]!,
            );
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('with one kind only, is 1 - Kaplan-Meier, and its survival is Kaplan-Meier otherwise', () => {
    fc.assert(
      fc.property(data, ({ kinds, times, exits, entry }) => {
        const events = exits.map((e) => (e > 0 ? 1 : 0));
        const km = kaplanMeier(times, events, { entry });
        const one = cumulativeIncidence(times, events, { entry });
        const all = cumulativeIncidence(times, exits, {
          kinds: Array.from({ length: kinds }, (_, k) => `k${k}`),
          entry,
        });
        expect(one.time).toEqual(km.time);
        expect(one.atRisk).toEqual(km.atRisk);
        one.incidence[0]!.probability.forEach((p, i) => {
          expect(Math.abs(p - (1 - km.survival[i]!))).toBeLessThan(1e-12);
          expect(Math.abs(all.survival.probability[i]! - km.survival[i]!)).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('has the jackknife standard errors of the naive recursion over every observation', () => {
    fc.assert(
      fc.property(data, ({ kinds, times, exits, entry }) => {
        const fit = cumulativeIncidence(times, exits, {
          kinds: Array.from({ length: kinds }, (_, k) => `k${k}`),
          entry,
        });
        const want = naiveStandardErrors(times, exits, kinds, entry);
        want.forEach((row, i) => {
          const mine = [fit.survival, ...fit.incidence].map((state) => state.standardError[i]!);
          row.forEach((se, s) => {
            expect(Math.abs(mine[s]! - se)).toBeLessThan(1e-9);
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('adds up: the incidence of two kinds merged is the sum of theirs', () => {
    fc.assert(
      fc.property(data, ({ times, exits, entry }) => {
        const three = cumulativeIncidence(times, exits, { kinds: ['a', 'b', 'c'], entry });
        const merged = cumulativeIncidence(
          times,
          exits.map((e) => (e === 3 ? 2 : e)),
          { kinds: ['a', 'b or c'], entry },
        );
        merged.incidence[1]!.probability.forEach((p, i) => {
          const sum = three.incidence[1]!.probability[i]! + three.incidence[2]!.probability[i]!;
          expect(Math.abs(p - sum)).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 100 },
    );
  });
});
