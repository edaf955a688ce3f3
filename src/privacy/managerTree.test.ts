/**
 * Breakdowns by manager over whole reporting trees (`enpsBy` with `scope: 'tree'`): every
 * manager's tree holds every tree below it, leaf managers publish the same people twice
 * (`tree:x = manager:x`), and `all` adds up every manager's direct cell, so it ties together cells
 * from every corner of the organisation.
 */
import { describe, expect, it } from 'vitest';
import { generatedManagerTreeTable, managerTreeTable } from '../../tests/support/privacy.js';
import { suppressTable } from './suppressTable.js';
import type { CellStatistics } from './table.js';
import { verifyNoDisclosure } from './verifyNoDisclosure.js';

const cell = (detractor: number, passive: number, promoter: number): CellStatistics => ({
  n: detractor + passive + promoter,
  counts: { detractor, passive, promoter },
});

describe('suppressTable on manager trees', () => {
  it('protects small managers hiding the fewest respondents, each with a complement in their own tree', () => {
    // r manages a, f and h; a manages b, c and d; f manages g. a (3 people) and f (2) are below
    // the minimum. A leaf manager's tree is published twice (tree:g = manager:g), so hiding
    // tree:g would take manager:g (20) too; f's own tree (22) with tree:h and manager:h (5 each)
    // hides fewer people. The 47 respondents hidden are the fewest of any set the verifier
    // accepts (enumerated by tests/support/suppressionOptimum.ts).
    const parentOf = new Map<string, string | undefined>([
      ['r', undefined],
      ['a', 'r'],
      ['b', 'a'],
      ['c', 'a'],
      ['d', 'a'],
      ['f', 'r'],
      ['g', 'f'],
      ['h', 'r'],
    ]);
    const direct = new Map([
      ['h', cell(2, 1, 2)],
      ['r', cell(10, 5, 5)],
      ['a', cell(1, 1, 1)],
      ['b', cell(2, 1, 2)],
      ['c', cell(4, 2, 3)],
      ['d', cell(6, 3, 3)],
      ['f', cell(1, 0, 1)],
      ['g', cell(10, 5, 5)],
    ]);
    const report = suppressTable(managerTreeTable(parentOf, direct));
    const hidden = report.cells.filter((c) => c.status === 'suppressed').map((c) => c.id);
    expect(hidden.sort()).toEqual([
      'manager:a',
      'manager:b',
      'manager:f',
      'manager:h',
      'tree:b',
      'tree:f',
      'tree:h',
    ]);
    expect(verifyNoDisclosure(report).findings).toEqual([]);
  });

  it('leaves nothing derivable in a 10-ary tree of 500 managers with about 7 respondents each', () => {
    const table = generatedManagerTreeTable(500);
    const report = suppressTable(table);
    const check = verifyNoDisclosure(report);
    expect(check.findings).toEqual([]);
    expect(check.suppressedCells).toBeGreaterThan(100);
  });
});
