import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEnps } from './compareEnps.js';
import { enps } from './enps.js';
import { adjustedWaldApproximation } from './enpsIntervals/adjustedWald.js';
import { emptyTally, enpsTally, mergeTallies } from './enpsTally.js';

const scores = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 60 });

describe('eNPS invariants (property)', () => {
  it('keeps the score within [-100, 100]', () => {
    fc.assert(
      fc.property(scores, (values) => {
        const result = enps(values);
        if (values.length === 0) expect(result.score).toBeNull();
        else {
          expect(result.score).toBeGreaterThanOrEqual(-100);
          expect(result.score).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('merges associatively, in any order, with the empty tally as identity', () => {
    fc.assert(
      fc.property(scores, scores, scores, (a, b, c) => {
        const [x, y, z] = [enpsTally(a), enpsTally(b), enpsTally(c)];
        expect(mergeTallies(mergeTallies(x, y), z)).toEqual(mergeTallies(x, mergeTallies(y, z)));
        expect(mergeTallies(x, y, z)).toEqual(mergeTallies(z, x, y));
        expect(mergeTallies(x, emptyTally())).toEqual(x);
      }),
      { numRuns: 200 },
    );
  });

  it('tallies a concatenation as the merge of the tallies', () => {
    fc.assert(
      fc.property(scores, scores, (a, b) => {
        expect(enpsTally([...a, ...b])).toEqual(mergeTallies(enpsTally(a), enpsTally(b)));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the answers', () => {
    fc.assert(
      fc.property(scores, fc.nat(), (values, seed) => {
        const shuffled = [...values].sort((p, q) => ((p * 31 + seed) % 7) - ((q * 31 + seed) % 7));
        expect(enps(shuffled)).toEqual(enps(values));
      }),
      { numRuns: 200 },
    );
  });

  it('puts the Wald interval around the score and the adjusted Wald interval around its own centre', () => {
    fc.assert(
      fc.property(
        scores.filter((values) => values.length > 0),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (values, level) => {
          const tally = enpsTally(values);
          const wald = enps(tally, { method: 'wald', level });
          expect(wald.interval!.lower).toBeLessThanOrEqual(wald.score! + 1e-9);
          expect(wald.interval!.upper).toBeGreaterThanOrEqual(wald.score! - 1e-9);
          const adjusted = enps(tally, { level });
          const centre = 100 * adjustedWaldApproximation(tally).centre;
          expect(adjusted.interval!.lower).toBeLessThanOrEqual(centre + 1e-9);
          expect(adjusted.interval!.upper).toBeGreaterThanOrEqual(centre - 1e-9);
          const score = enps(tally, { method: 'score', level });
          expect(score.interval!.lower).toBeLessThanOrEqual(wald.score! + 1e-6);
          expect(score.interval!.upper).toBeGreaterThanOrEqual(wald.score! - 1e-6);
          expect(score.interval!.lower).toBeGreaterThanOrEqual(-100);
          expect(score.interval!.upper).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(scores, scores, (a, b) => {
        const copyA = [...a];
        const copyB = [...b];
        compareEnps(a, b);
        expect(a).toEqual(copyA);
        expect(b).toEqual(copyB);
      }),
      { numRuns: 50 },
    );
  });
});
