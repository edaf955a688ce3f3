import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { calibrationTable } from './calibrationTable.js';
import { rocAuc } from './rocAuc.js';
import { rocCurve } from './rocCurve.js';

const small = JSON.parse(
  readFileSync(new URL('./fixtures/small-glm.json', import.meta.url), 'utf8'),
) as {
  rows: { tenure: number | null; left: string }[];
  clean: { fitted: number[] };
  cleanAuc: number;
  cleanAucPROC: number;
};
const labels = small.rows
  .filter((row) => row.tenure !== null)
  .map((row) => (row.left === 'Yes' ? 1 : 0));

describe('rocAuc', () => {
  it('matches R pROC::auc and the Mann-Whitney formula on fitted probabilities', () => {
    // small-glm.R: pROC::auc(y, fitted(fit)) and (sum(rank(p)[y == 1]) - n1 (n1 + 1) / 2) / (n1 n0)
    expect(small.cleanAucPROC).toBeCloseTo(small.cleanAuc, 14);
    expect(rocAuc(small.clean.fitted, labels)).toBeCloseTo(small.cleanAuc, 12);
  });

  it('counts ties between a leaver and a stayer one half', () => {
    // R: pROC::auc(c(1,0,1,0,1,0,0), c(0.9,0.4,0.4,0.1,0.7,0.7,0.2)) = 0.8333333
    expect(rocAuc([0.9, 0.4, 0.4, 0.1, 0.7, 0.7, 0.2], [1, 0, 1, 0, 1, 0, 0])).toBeCloseTo(
      10 / 12,
      14,
    );
    expect(rocAuc([1, 1, 1, 1], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, and accepts booleans', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('refuses unequal lengths, non-finite scores, labels that are not binary, and one class', () => {
    expect(codeOf(() => rocAuc([0.1, 0.2], [1]))).toBe('INVALID_INPUT');
    expect(codeOf(() => rocAuc([0.1, Number.NaN], [1, 0]))).toBe('INVALID_INPUT');
    expect(codeOf(() => rocAuc([0.1, 0.2], [1, 2]))).toBe('INVALID_INPUT');
    expect(codeOf(() => rocAuc([0.1, 0.2], [0, 0]))).toBe('INVALID_INPUT');
    expect(codeOf(() => rocAuc([], []))).toBe('INVALID_INPUT');
    expect(codeOf(() => rocAuc(null as never, []))).toBe('INVALID_INPUT');
  });
});

describe('rocCurve', () => {
  it('steps through each distinct score as R pROC::roc does', () => {
    const curve = rocCurve([0.9, 0.4, 0.4, 0.1, 0.7, 0.7, 0.2], [1, 0, 1, 0, 1, 0, 0]);
    // R: roc(y, s, direction = "<"): (1 - specificity, sensitivity) from the top threshold down
    expect(curve.points.map((p) => [p.falsePositiveRate, p.truePositiveRate])).toEqual([
      [0, 0],
      [0, 1 / 3],
      [0.25, 2 / 3],
      [0.5, 1],
      [0.75, 1],
      [1, 1],
    ]);
    expect(curve.points.map((p) => p.threshold)).toEqual([
      Number.POSITIVE_INFINITY,
      0.9,
      0.7,
      0.4,
      0.2,
      0.1,
    ]);
    expect(curve.auc).toBeCloseTo(10 / 12, 14);
    expect(curve.positives).toBe(3);
    expect(curve.negatives).toBe(4);
  });

  it('refuses one class', () => {
    expect(codeOf(() => rocCurve([0.3, 0.4], [1, 1]))).toBe('INVALID_INPUT');
  });
});

describe('calibrationTable', () => {
  it('cuts sorted predictions into bins of equal size with predicted and observed rates', () => {
    const table = calibrationTable([0.1, 0.2, 0.3, 0.6, 0.8, 0.9], [0, 0, 1, 0, 1, 1], { bins: 3 });
    expect(table.bins.map((b) => [b.bin, b.n, b.events])).toEqual([
      [1, 2, 0],
      [2, 2, 1],
      [3, 2, 2],
    ]);
    expect(table.bins[1]).toMatchObject({ lower: 0.3, upper: 0.6 });
    expect(table.bins[1]!.expectedEvents).toBeCloseTo(0.9, 14);
    // Brier: mean((p - y)^2)
    expect(table.brierScore).toBeCloseTo(0.95 / 6, 14);
    expect(table.events).toBe(3);
  });

  it('makes deciles by default, sizes differing by at most one, and fewer bins than rows never', () => {
    const scores = Array.from({ length: 23 }, (_, i) => i / 23);
    const table = calibrationTable(
      scores,
      scores.map((_, i) => i % 2),
    );
    expect(table.bins).toHaveLength(10);
    const sizes = table.bins.map((b) => b.n);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(calibrationTable([0.2, 0.4], [0, 1]).bins).toHaveLength(2);
  });

  it('refuses probabilities outside [0, 1], no rows and bad bins', () => {
    expect(codeOf(() => calibrationTable([1.2], [1]))).toBe('INVALID_INPUT');
    expect(codeOf(() => calibrationTable([], []))).toBe('INVALID_INPUT');
    expect(codeOf(() => calibrationTable([0.2], [1], { bins: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => calibrationTable([0.2], [1], { bins: 1.5 }))).toBe('INVALID_OPTION');
  });
});
