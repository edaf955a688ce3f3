/**
 * Invariants of the fit over random small data sets (20-80 rows, two numeric features and one
 * category): at the estimate the score equations hold, X'(y - p) = 0, unless the data are
 * separated, which is then reported with a certificate that holds; the deviance does not change
 * when a numeric feature is shifted and rescaled, nor when the rows are shuffled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitRetentionModel, type RetentionModel } from './fitRetentionModel.js';

const data = fc
  .array(
    fc.record({
      a: fc.integer({ min: -50, max: 50 }),
      b: fc.integer({ min: -300, max: 300 }).map((v) => v / 100),
      c: fc.constantFrom('x', 'y', 'z'),
      left: fc.boolean(),
    }),
    { minLength: 20, maxLength: 80 },
  )
  .filter((rows) => rows.some((r) => r.left) && rows.some((r) => !r.left));

const options = { features: ['a', 'b', 'c'], label: 'left' };

function design(model: RetentionModel, row: { a: number; b: number; c: string }): number[] {
  return model.coefficients.map((c) =>
    c.feature === null
      ? 1
      : c.level === null
        ? (row[c.feature as 'a' | 'b'] as number)
        : row.c === c.level
          ? 1
          : 0,
  );
}

describe('fitRetentionModel (properties)', () => {
  it('solves the score equations, or proves separation', () => {
    fc.assert(
      fc.property(data, (rows) => {
        const model = fitRetentionModel(rows, options);
        const beta = model.coefficients.map((c) => c.estimate);
        const margins = rows.map((row) =>
          design(model, row).reduce((s, x, j) => s + x * beta[j]!, 0),
        );
        if (model.separation) {
          // Certificate: the direction puts every separated row on the side of its outcome.
          const d = model.separation.direction;
          for (const r of model.separation.rows) {
            const row = rows[r - 1]!;
            const side = design(model, row).reduce((s, x, j) => s + x * d[j]!, 0);
            expect(row.left ? side : -side).toBeGreaterThan(0);
          }
          return;
        }
        const score = beta.map(() => 0);
        rows.forEach((row, i) => {
          const p = 1 / (1 + Math.exp(-margins[i]!));
          design(model, row).forEach((x, j) => {
            score[j]! += x * ((row.left ? 1 : 0) - p);
          });
        });
        for (const s of score) expect(Math.abs(s)).toBeLessThan(1e-6 * rows.length);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same deviance after shifting and rescaling a feature, or shuffling the rows', () => {
    fc.assert(
      fc.property(data, fc.double({ min: 0.01, max: 1000, noNaN: true }), (rows, factor) => {
        const model = fitRetentionModel(rows, options);
        fc.pre(model.separation === null && model.droppedTerms.length === 0);
        const moved = rows.map((row) => ({ ...row, a: 1e4 + row.a * factor }));
        const shifted = fitRetentionModel(moved, options);
        expect(shifted.deviance).toBeCloseTo(model.deviance, 6);
        const slope = (m: RetentionModel) => m.coefficients.find((c) => c.term === 'a')!.estimate;
        expect(slope(shifted) * factor).toBeCloseTo(slope(model), 6);
        const shuffled = fitRetentionModel([...rows].reverse(), options);
        expect(shuffled.deviance).toBeCloseTo(model.deviance, 8);
      }),
      { numRuns: 40 },
    );
  });
});
