import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { collectCsv } from '../csv/collectCsv.js';
import { readCsvFile } from '../csv/readCsvFile.js';
import { correlationTest } from './correlation.js';
import { cronbachAlpha } from './cronbachAlpha.js';
import { driverAnalysis } from './driverAnalysis.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Generated correlated items and the R results: src/satisfaction/fixtures/satisfaction.R. */
const fixture = JSON.parse(readFileSync(join(here, 'fixtures', 'satisfaction.json'), 'utf8')) as {
  items: (number | null)[][];
  enps: (number | null)[];
  alpha: { raw: number; std: number; averageR: number; n: number };
  alphaDropRaw: number[];
  alphaDropStd: number[];
  correlations: {
    driver: string;
    n: number;
    pearson: number;
    pearsonP: number;
    pearsonLower: number;
    pearsonUpper: number;
    spearman: number;
    spearmanP: number;
  }[];
  rSquared: number;
  relativeWeights: number[];
  completeRows: number;
};
const names = ['growth', 'recognition', 'workload', 'manager', 'belonging'];
const rows = fixture.items.map((items, i) => ({
  enps: fixture.enps[i] ?? null,
  ...Object.fromEntries(names.map((name, j) => [name, items[j] ?? null])),
}));

describe('correlationTest (reference: favourability.md, vivaglint fixture)', () => {
  it('gives Pearson 0.8910421 (p 0.04246132) and Spearman 0.8651809 for the two five-point questions', () => {
    const pearson = correlationTest([4, 3, 5, 2, 4], [5, 4, 5, 3, 4], 'pearson', 0.95);
    expect(pearson.estimate).toBeCloseTo(0.8910421, 7);
    expect(pearson.pValue).toBeCloseTo(0.04246132, 8);
    expect(
      correlationTest([4, 3, 5, 2, 4], [5, 4, 5, 3, 4], 'spearman', 0.95).estimate,
    ).toBeCloseTo(0.8651809, 7);
  });
});

describe('driverAnalysis (reference: R cor.test and lm on generated items, fixtures/satisfaction.R)', () => {
  const result = driverAnalysis(rows, { outcome: 'enps', drivers: names });

  it('matches R cor.test for Pearson (estimate, p, Fisher z interval) and Spearman (exact = FALSE) to 1e-9', () => {
    for (const reference of fixture.correlations) {
      const entry = result.drivers.find((driver) => driver.driver === reference.driver)!;
      expect(entry.result.status).toBe('shown');
      if (entry.result.status !== 'shown') continue;
      const value = entry.result.value;
      expect(value.n).toBe(reference.n);
      expect(value.pearson.estimate).toBeCloseTo(reference.pearson, 9);
      expect(value.pearson.pValue / reference.pearsonP).toBeCloseTo(1, 6);
      expect(value.pearson.interval.lower).toBeCloseTo(reference.pearsonLower, 9);
      expect(value.pearson.interval.upper).toBeCloseTo(reference.pearsonUpper, 9);
      expect(value.spearman.estimate).toBeCloseTo(reference.spearman, 9);
      expect(value.spearman.pValue / reference.spearmanP).toBeCloseTo(1, 6);
    }
  });

  it('gives relative weights that add up to the R^2 of R lm, each as R computes them', () => {
    expect(result.rSquared.status === 'shown' && result.rSquared.value).toBeCloseTo(
      fixture.rSquared,
      9,
    );
    expect(result.rSquared.status === 'shown' && result.rSquared.n).toBe(fixture.completeRows);
    for (const [index, name] of names.entries()) {
      const entry = result.drivers.find((driver) => driver.driver === name)!;
      expect(
        entry.result.status === 'shown' && entry.result.value.relativeWeight?.weight,
      ).toBeCloseTo(fixture.relativeWeights[index]!, 9);
    }
  });

  it('ranks drivers by relative weight, strongest first', () => {
    const weights = result.drivers.map((entry) =>
      entry.result.status === 'shown' ? entry.result.value.relativeWeight!.weight : 0,
    );
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(result.drivers[0]?.driver).toBe('manager');
  });

  it('gives orthogonal drivers their squared correlations as weights', () => {
    const grid = Array.from({ length: 64 }, (_, i) => ({
      a: i % 2,
      b: Math.floor(i / 2) % 2,
      y: (i % 2) * 2 + (Math.floor(i / 2) % 2) + ((i * 7) % 3),
    }));
    const analysis = driverAnalysis(grid, {
      outcome: 'y',
      drivers: ['a', 'b'],
      method: 'relative-weights',
    });
    for (const entry of analysis.drivers) {
      if (entry.result.status !== 'shown') throw new Error('suppressed');
      expect(entry.result.value.relativeWeight?.weight).toBeCloseTo(
        entry.result.value.pearson.estimate ** 2,
        12,
      );
    }
  });

  it('suppresses drivers below the minimum n (default 25) and drivers without variance', () => {
    const few = rows.slice(0, 20);
    const small = driverAnalysis(few, { outcome: 'enps', drivers: names });
    expect(small.drivers.every((entry) => entry.result.status === 'suppressed')).toBe(true);
    expect(small.rSquared).toEqual({ status: 'suppressed' });
    const flat = driverAnalysis(
      rows.map((row) => ({ ...row, growth: 3 })),
      { outcome: 'enps', drivers: ['growth', 'manager'] },
    );
    expect(flat.drivers.find((entry) => entry.driver === 'growth')?.result.status).toBe(
      'suppressed',
    );
  });

  it('refuses a driver equal to the outcome, duplicates, none, and a minN below 4', () => {
    expect(() => driverAnalysis(rows, { outcome: 'enps', drivers: ['enps'] })).toThrow(
      /distinct drivers/,
    );
    expect(() => driverAnalysis(rows, { outcome: 'enps', drivers: [] })).toThrow(
      /distinct drivers/,
    );
    expect(() => driverAnalysis(rows, { outcome: 'enps', drivers: ['growth'], minN: 2 })).toThrow(
      /minN/,
    );
  });
});

describe('cronbachAlpha (reference: R psych::alpha)', () => {
  it('matches raw and standardised alpha and alpha if dropped on generated correlated items, leaving out incomplete rows', () => {
    const result = cronbachAlpha(fixture.items);
    expect(result.n).toBe(fixture.alpha.n);
    expect(result.excluded).toBe(fixture.items.length - fixture.alpha.n);
    expect(result.alpha).toBeCloseTo(fixture.alpha.raw, 10);
    expect(result.standardizedAlpha).toBeCloseTo(fixture.alpha.std, 10);
    expect(result.averageCorrelation).toBeCloseTo(fixture.alpha.averageR, 10);
    result.alphaIfDropped.forEach((entry, index) => {
      expect(entry.alpha).toBeCloseTo(fixture.alphaDropRaw[index]!, 10);
      expect(entry.standardizedAlpha).toBeCloseTo(fixture.alphaDropStd[index]!, 10);
    });
    expect(result.warnings).toEqual(['3 rows with missing items left out']);
  });

  it('refuses a single item and ragged rows', () => {
    expect(() => cronbachAlpha([[1], [2]])).toThrow(/at least two items/);
    expect(() => cronbachAlpha([[1, 2], [2]])).toThrow(/row 2 has 1/);
  });
});

describe('cronbachAlpha on the IBM HR attrition satisfaction items', () => {
  const path = join(
    here,
    '..',
    '..',
    '..',
    'shared',
    'data',
    'ibm-hr-attrition',
    'emp_attrition.csv',
  );
  const present = existsSync(path);
  if (!present)
    console.info(
      `skipped: ${path} is absent (it is in the project's shared/ folder, not in a clone)`,
    );

  it.skipIf(!present)(
    'finds alpha near 0, a correct answer for nearly uncorrelated items (R psych::alpha: raw 0.00159357904641)',
    async () => {
      const items = [
        'EnvironmentSatisfaction',
        'JobSatisfaction',
        'RelationshipSatisfaction',
        'WorkLifeBalance',
        'JobInvolvement',
      ];
      const schema = z.object(
        Object.fromEntries(items.map((item) => [item, z.int().min(1).max(4)])),
      );
      const { records, issues } = await collectCsv(readCsvFile(path, { schema }));
      expect(issues).toEqual([]);
      const result = cronbachAlpha(
        records.map((record) => items.map((item) => record[item] as number)),
      );
      expect(result.n).toBe(1470);
      // R: alpha(d[, items], check.keys = FALSE): raw 0.00159357904641, std 0.00305608380557
      expect(result.alpha).toBeCloseTo(0.00159357904641, 12);
      expect(result.standardizedAlpha).toBeCloseTo(0.00305608380557, 12);
      expect(result.alphaIfDropped[1]?.alpha).toBeCloseTo(0.04435432793963, 12);
    },
  );
});
