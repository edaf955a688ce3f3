/**
 * How useful suppression is (issue 14, usefulness): on random organisations, `suppressTable`
 * hides close to the fewest cells and respondents that the exact verifier accepts, found by
 * enumeration, and spares the company total. The bench (`npm run bench -- usefulness`) measures
 * the same on 1 000 organisations.
 */
import { describe, expect, it } from 'vitest';
import { suppressTable, teamTreeTable, verifyNoDisclosure } from '../src/privacy/index.js';
import { publish } from './support/privacy.js';
import {
  measureUsefulness,
  optimalSuppression,
  randomOrganisation,
  type Usefulness,
} from './support/suppressionOptimum.js';

let measured: Usefulness | undefined;
/** 50 organisations, 25 trees and 25 with a breakdown, measured once for the tests below. */
const usefulness = () => {
  measured ??= measureUsefulness(50, (table) => suppressTable(table));
  return measured;
};

const tree = (sizes: Record<string, number>) =>
  teamTreeTable(
    Object.keys(sizes).map((id) => (id === 'org' ? { id } : { id, parentId: 'org' })),
    new Map(Object.entries(sizes).map(([id, n]) => [id, { n }])),
  );

describe('optimalSuppression', () => {
  it('finds the smallest hidden set the verifier accepts, and the one with the fewest respondents', () => {
    // a (3) needs one complement: b (9) is the cheapest; the company total (24) would do too.
    const table = tree({ org: 0, a: 3, b: 9, c: 12 });
    const optimum = optimalSuppression(table);
    expect(optimum.primary).toEqual(['team:a']);
    expect(optimum.fewestCells).toEqual(['team:a', 'team:b']);
    expect(optimum.fewestRespondents).toEqual(['team:a', 'team:b']);
    expect(optimum.respondents).toBe(12);
    expect(verifyNoDisclosure(publish(table, new Set(optimum.fewestCells), 5)).ok).toBe(true);
  });

  it('tells when every accepted set hides the company total', () => {
    // a holds one person, who can subtract themselves from a + b: b (4) needs the total hidden.
    const table = tree({ org: 0, a: 1, b: 4 });
    const optimum = optimalSuppression(table, { avoid: 'team:org' });
    expect(optimum.fewestCells).toEqual(['team:a', 'team:b', 'team:org']);
    expect(optimum.avoidable).toBe(false);
    const report = suppressTable(table);
    expect(report.cells.find((cell) => cell.id === 'team:org')?.reason).toBe('complementary');
  });

  it('draws organisations with at most 20 cells holding people, with and without a breakdown', () => {
    for (const breakdown of [false, true]) {
      for (let seed = 1; seed <= 20; seed++) {
        const { table } = randomOrganisation(seed, breakdown);
        expect(table.cells.filter((cell) => cell.n > 0).length).toBeLessThanOrEqual(20);
        expect(table.cells.some((cell) => cell.id.includes('|'))).toBe(breakdown);
      }
    }
  });
});

describe('suppressTable against the optimum (50 random organisations)', () => {
  it('hides on average at most 1.2 times the fewest cells and the fewest respondents', () => {
    const { compared, cellRatio, respondentRatio, rejected } = usefulness();
    expect(rejected).toEqual([]);
    expect(compared).toBeGreaterThan(40);
    expect(cellRatio).toBeLessThanOrEqual(1.2);
    expect(respondentRatio).toBeLessThanOrEqual(1.2);
  });

  it('never hides a company total of at least minGroupSize people as a complement while some accepted set shows it', () => {
    const { totalAsComplement, totalNecessary } = usefulness();
    expect(totalAsComplement.filter((seed) => !totalNecessary.includes(seed))).toEqual([]);
  });
});
