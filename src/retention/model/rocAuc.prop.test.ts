/**
 * Invariants of the AUC and the ROC curve over random scores (with many ties) and labels: the
 * trapezoidal area under rocCurve equals the Mann-Whitney rocAuc, the AUC equals the share of
 * (leaver, stayer) pairs ranked right by brute force, it is unchanged by a strictly increasing
 * transform and by the order of the rows, and swapping the labels gives 1 - AUC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './rocAuc.js';
import { rocCurve } from './rocCurve.js';

const sample = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.boolean()), { minLength: 2, maxLength: 60 })
  .filter((pairs) => pairs.some(([, y]) => y) && pairs.some(([, y]) => !y))
  .map((pairs) => ({ scores: pairs.map(([s]) => s / 12), labels: pairs.map(([, y]) => y) }));

function bruteForce(scores: number[], labels: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((a, i) => {
    if (!labels[i]) return;
    scores.forEach((b, j) => {
      if (labels[j]) return;
      pairs++;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc and rocCurve (properties)', () => {
  it('agree with each other and with counting pairs', () => {
    fc.assert(
      fc.property(sample, ({ scores, labels }) => {
        const auc = rocAuc(scores, labels);
        expect(rocCurve(scores, labels).auc).toBeCloseTo(auc, 12);
        expect(auc).toBeCloseTo(bruteForce(scores, labels), 12);
      }),
      { numRuns: 200 },
    );
  });

  it('ignore increasing transforms and row order; swapping labels gives 1 - AUC', () => {
    fc.assert(
      fc.property(sample, ({ scores, labels }) => {
        const auc = rocAuc(scores, labels);
        expect(
          rocAuc(
            scores.map((s) => Math.exp(3 * s) - 7),
            labels,
          ),
        ).toBeCloseTo(auc, 12);
        expect(rocAuc([...scores].reverse(), [...labels].reverse())).toBeCloseTo(auc, 12);
        expect(
          rocAuc(
            scores,
            labels.map((y) => !y),
          ),
        ).toBeCloseTo(1 - auc, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('draws a curve from (0, 0) to (1, 1) that never goes down or left', () => {
    fc.assert(
      fc.property(sample, ({ scores, labels }) => {
        const points = rocCurve(scores, labels).points;
        expect(points[0]).toMatchObject({ truePositiveRate: 0, falsePositiveRate: 0 });
        expect(points.at(-1)).toMatchObject({ truePositiveRate: 1, falsePositiveRate: 1 });
        for (let i = 1; i < points.length; i++) {
          expect(points[i]!.truePositiveRate).toBeGreaterThanOrEqual(
            points[i - 1]!.truePositiveRate,
          );
          expect(points[i]!.falsePositiveRate).toBeGreaterThanOrEqual(
            points[i - 1]!.falsePositiveRate,
          );
          expect(points[i]!.threshold).toBeLessThan(points[i - 1]!.threshold);
        }
      }),
      { numRuns: 200 },
    );
  });
});
