import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { logRank } from './logRank.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isInternalCustomerError(error) ? error.code : String(error);
  }
  return undefined;
}

interface Case {
  time: number[];
  status: number[];
  group: string[];
  chisq: number;
  df: number;
  pvalue: number;
  n: number[];
  observed: number[];
  expected: number[];
  variance: number[][];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/survdiff.json', import.meta.url), 'utf8'),
) as { survival: string; cases: Record<string, Case> };

describe('logRank against R survival 3.5.3 (fixtures/survdiff.R)', () => {
  for (const [name, want] of Object.entries(fixture.cases)) {
    it(`${name} (${want.n.length} strata): survdiff(Surv(time, status) ~ group) to 1e-9`, () => {
      const test = logRank(want.time, want.status, want.group);
      expect(Math.abs(test.chiSquare - want.chisq)).toBeLessThan(1e-9);
      expect(test.degreesOfFreedom).toBe(want.df);
      // Relative, since the four-strata p-value is about 1e-7.
      expect(Math.abs(test.pValue - want.pvalue) / want.pvalue).toBeLessThan(1e-9);
      expect(test.groups.map((g) => g.n)).toEqual(want.n);
      expect(test.groups.map((g) => g.observed)).toEqual(want.observed);
      test.groups.forEach((g, i) => {
        expect(Math.abs(g.expected - want.expected[i]!)).toBeLessThan(1e-9);
      });
      test.variance.forEach((row, i) => {
        row.forEach((value, j) => {
          expect(Math.abs(value - want.variance[i]![j]!)).toBeLessThan(1e-9);
        });
      });
      expect(test.warnings).toEqual([]);
    });
  }

  it('gives the same statistic whatever the order of the rows and the names of the groups', () => {
    const want = fixture.cases.four!;
    const order = want.time.map((_, i) => i).reverse();
    const renamed = { a: 'z', b: 'y', c: 'x', d: 'w' } as Record<string, string>;
    const test = logRank(
      order.map((i) => want.time[i]!),
      order.map((i) => want.status[i]!),
      order.map((i) => renamed[want.group[i]!]!),
    );
    expect(Math.abs(test.chiSquare - want.chisq)).toBeLessThan(1e-9);
  });
});

interface EntrySet {
  entry: number[];
  time: number[];
  status: number[];
  group: string[];
  score: { chiSquare: number; degreesOfFreedom: number };
}
const entryFixture = JSON.parse(
  readFileSync(new URL('./fixtures/km-entry.json', import.meta.url), 'utf8'),
) as { survival: string; sets: Record<string, EntrySet> };

describe('logRank with entry times against R survival 3.5.3 (fixtures/km-entry.R)', () => {
  for (const [name, want] of Object.entries(entryFixture.sets)) {
    it(`${name}: coxph(Surv(entry, time, status) ~ factor(group), ties = "breslow")$score to 1e-9`, () => {
      const test = logRank(want.time, want.status, want.group, { entry: want.entry });
      expect(Math.abs(test.chiSquare - want.score.chiSquare)).toBeLessThan(1e-9);
      expect(test.degreesOfFreedom).toBe(want.score.degreesOfFreedom);
    });
  }

  it('equals survdiff without entry where no two events share a time', () => {
    const time = [1, 2, 3, 4, 5, 6, 7, 8];
    const status = [1, 1, 0, 1, 1, 0, 1, 1];
    const group = ['a', 'b', 'a', 'a', 'b', 'b', 'a', 'b'];
    const plain = logRank(time, status, group);
    const zero = logRank(time, status, group, { entry: time.map(() => 0) });
    expect(zero.chiSquare).toBeCloseTo(plain.chiSquare, 12);
  });

  it('throws OUT_OF_RANGE for an entry not below its time', () => {
    expect(codeOf(() => logRank([1, 2], [1, 0], ['a', 'b'], { entry: [0, 2] }))).toBe(
      'OUT_OF_RANGE',
    );
  });
});

describe('logRank', () => {
  it('sorts numeric group keys numerically', () => {
    const test = logRank([1, 2, 3, 4], [1, 1, 0, 1], [10, 9, 10, 9]);
    expect(test.groups.map((g) => g.group)).toEqual(['9', '10']);
  });

  it('reports nothing to test (chi-square 0, p 1) for one group or no events, with a warning', () => {
    const one = logRank([1, 2, 3], [1, 0, 1], ['a', 'a', 'a']);
    expect(one).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: 1 });
    expect(one.warnings.length).toBe(1);
    const none = logRank([1, 2], [0, 0], ['a', 'b']);
    expect(none).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: 1 });
    const empty = logRank([], [], []);
    expect(empty).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: 1, groups: [] });
  });

  it('throws for mismatched lengths, bad group keys, bad times and events', () => {
    expect(codeOf(() => logRank([1, 2], [1, 0], ['a']))).toBe('INVALID_INPUT');
    expect(codeOf(() => logRank([1], [1], [null as unknown as string]))).toBe('INVALID_INPUT');
    expect(codeOf(() => logRank([-1], [1], ['a']))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => logRank([1], [3], ['a']))).toBe('OUT_OF_RANGE');
  });
});
