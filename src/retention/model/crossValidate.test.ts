import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { crossValidate } from './crossValidate.js';
import { fitRetentionModel, type RetentionRow } from './fitRetentionModel.js';
import { predictRisk } from './predictRisk.js';
import { rocAuc } from './rocAuc.js';

// src/retention/model/fixtures/small-glm.R (see fitRetentionModel.test.ts).
const small = JSON.parse(
  readFileSync(new URL('./fixtures/small-glm.json', import.meta.url), 'utf8'),
) as { rows: RetentionRow[] };
const rows = small.rows;
const options = { features: ['overtime', 'tenure', 'satisfaction', 'remote'], label: 'left' };

describe('crossValidate', () => {
  it('gives the same figures for the same seed and different folds for another', () => {
    const a = crossValidate(rows, options, { folds: 5, seed: 7 });
    const b = crossValidate(rows, options, { folds: 5, seed: 7 });
    const c = crossValidate(rows, options, { folds: 5, seed: 8 });
    expect(b).toEqual(a);
    expect(c.auc).not.toBe(a.auc);
  });

  it('predicts every row from a model fitted without its fold, as fitRetentionModel would', () => {
    // Leave-one-out (unstratified, one fold per row): each prediction is that of the model
    // fitted on all the other rows.
    const complete = rows.filter((row) => row.tenure !== null);
    const cv = crossValidate(complete, options, {
      folds: complete.length,
      seed: 3,
      stratified: false,
    });
    for (const i of [0, 1, 17, 100, 296]) {
      const others = complete.filter((_, j) => j !== i);
      const expected = predictRisk(fitRetentionModel(others, options), complete[i]!).probability;
      expect(cv.predictions[i]).toBeCloseTo(expected, 10);
    }
    // The headline AUC is the AUC of those predictions.
    expect(
      rocAuc(
        cv.predictions as number[],
        complete.map((row) => (row.left === 'Yes' ? 1 : 0)),
      ),
    ).toBeCloseTo(cv.auc, 12);
    const withMissing = crossValidate(rows, options, { folds: 5, seed: 3 });
    expect(withMissing.n).toBe(297);
    expect(withMissing.excludedRows).toEqual([5, 77, 150]);
    expect(withMissing.predictions[4]).toBeNull();
    expect(withMissing.predictions).toHaveLength(300);
  });

  it('keeps the share of leavers in every fold when stratified (AUC per fold counts)', () => {
    const cv = crossValidate(rows, options, { folds: 10, repeats: 3, seed: 1 });
    expect(cv.foldAuc.count).toBe(30);
    expect(cv.aucByRepeat).toHaveLength(3);
    expect(cv.auc).toBeCloseTo(cv.aucByRepeat.reduce((a, b) => a + b, 0) / 3, 14);
    expect(cv.foldAuc.min).toBeLessThanOrEqual(cv.foldAuc.mean);
    expect(cv.foldAuc.max).toBeGreaterThanOrEqual(cv.foldAuc.mean);
    expect(cv.foldAuc.standardDeviation).toBeGreaterThan(0);
    // Optimism: the cross-validated AUC is below the in-sample one.
    const full = fitRetentionModel(rows, options);
    const complete = rows.filter((row) => row.tenure !== null);
    const inSample = rocAuc(
      complete.map((row) => predictRisk(full, row).probability),
      complete.map((row) => (row.left === 'Yes' ? 1 : 0)),
    );
    expect(cv.auc).toBeLessThan(inSample);
  });

  it('reports a calibration table, the Brier score and the lift in the top decile', () => {
    const cv = crossValidate(rows, options, { folds: 5, repeats: 2, seed: 2 });
    expect(cv.calibration).toHaveLength(10);
    expect(cv.calibration.reduce((sum, bin) => sum + bin.n, 0)).toBe(297 * 2);
    const means = cv.calibration.map((bin) => bin.meanPredicted);
    expect(means).toEqual([...means].sort((a, b) => a - b));
    expect(cv.brierScore).toBeGreaterThan(0);
    expect(cv.brierScore).toBeLessThan(cv.baseRate * (1 - cv.baseRate) + 0.01);
    expect(cv.topDecileLift).toBeGreaterThan(1);
    expect(cv.baseRate).toBeCloseTo(cv.events / cv.n, 14);
  });

  it('breaks performance down by a column that need not be a feature, suppressing small groups', () => {
    const cv = crossValidate(rows, options, {
      folds: 5,
      seed: 4,
      groupBy: 'team',
      minGroupSize: 20,
    });
    expect(cv.groups.map((g) => g.group)).toEqual(['Design', 'Engineering', 'Sales', 'Support']);
    const design = cv.groups[0]!.performance;
    expect(design.status).toBe('shown');
    if (design.status !== 'shown') return;
    // Nobody in Design left: no AUC, an observed rate of 0.
    expect(design.value.auc).toBeNull();
    expect(design.value.observedRate).toBe(0);
    expect(design.value.n).toBe(design.n);
    const sales = cv.groups[2]!.performance;
    if (sales.status !== 'shown') throw new Error('Sales should be shown');
    expect(sales.value.auc).toBeGreaterThan(0);
    expect(sales.value.calibration).toHaveLength(5);
    expect(sales.value.observedToExpected).toBeCloseTo(
      sales.value.observedRate / sales.value.meanPredicted,
      12,
    );
    const strict = crossValidate(rows, options, {
      folds: 5,
      seed: 4,
      groupBy: 'team',
      minGroupSize: 40,
    });
    expect(strict.groups.find((g) => g.group === 'Design')!.performance).toEqual({
      status: 'suppressed',
    });
  });

  it('scores a level missing from a training fold as the reference, with a warning', () => {
    const rare = rows.map((row, i) => ({
      ...row,
      site: i === 0 ? 'Zeta' : i % 2 ? 'North' : 'South',
    }));
    const cv = crossValidate(
      rare,
      { ...options, features: [...options.features, 'site'] },
      { folds: 5, seed: 1 },
    );
    expect(cv.warnings.join('\n')).toMatch(
      /1 held-out value\(s\) had a level absent from their training folds/,
    );
  });

  it('counts folds with separation in the warnings', () => {
    const cv = crossValidate(
      rows,
      { ...options, features: ['team', ...options.features] },
      { folds: 5, seed: 1 },
    );
    expect(cv.warnings.join('\n')).toMatch(/5 of 5 fold fits showed separation/);
  });

  it('refuses bad options', () => {
    const run = (o: object) => codeOf(() => crossValidate(rows, options, { seed: 1, ...o }));
    expect(run({ folds: 1 })).toBe('INVALID_OPTION');
    expect(run({ folds: 2.5 })).toBe('INVALID_OPTION');
    expect(run({ folds: 1000 })).toBe('INVALID_OPTION');
    expect(run({ repeats: 0 })).toBe('INVALID_OPTION');
    expect(run({ seed: 1.5 })).toBe('INVALID_OPTION');
    expect(run({ bins: 0 })).toBe('INVALID_OPTION');
    expect(run({ minGroupSize: 2, groupBy: 'team' })).toBe('INVALID_OPTION');
    expect(run({ groupBy: '' })).toBe('INVALID_OPTION');
    expect(
      codeOf(() => crossValidate(rows, { ...options, features: ['Gender'] }, { seed: 1 })),
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => crossValidate(rows, options, null as never))).toBe('INVALID_OPTION');
  });

  it('works unstratified', () => {
    const cv = crossValidate(rows, options, { folds: 4, seed: 5, stratified: false });
    expect(cv.stratified).toBe(false);
    expect(cv.auc).toBeGreaterThan(0.5);
  });
});
