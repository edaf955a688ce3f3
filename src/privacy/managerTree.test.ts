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
  it('protects a small manager with a complement inside their own tree, not a small group elsewhere', () => {
    // r manages a, f and h; a manages b, c and d; f manages g. a (3 people) and f (2) are below
    // the minimum. The first complements (tree:b, tree:g) are published again as manager:b and
    // manager:g, so they hide nothing until those are hidden too. h (5 people) only shares the
    // grand total "all" with a and f: hiding h cannot protect them.
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
      'manager:g',
      'tree:b',
      'tree:g',
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
