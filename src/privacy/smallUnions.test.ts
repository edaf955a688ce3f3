import { describe, expect, it } from 'vitest';
import type { PublishedCell, PublishedReport } from './suppressTable.js';
import { suppressTable } from './suppressTable.js';
import { type CellStatistics, type TeamNode, teamTreeTable } from './table.js';
import { verifyNoDisclosure } from './verifyNoDisclosure.js';

const answer = { answer: ['detractors', 'passives', 'promoters'] };
const answers = (detractors: number, passives: number, promoters: number): CellStatistics => ({
  n: detractors + passives + promoters,
  counts: { detractors, passives, promoters },
  variables: answer,
});

/** Team t4 with t4.1 and t4.3; under t4.3 one sub-team of 6 and two of 2 (the case of issue 14). */
const teams: TeamNode[] = [
  { id: 't4' },
  { id: 't4.1', parentId: 't4' },
  { id: 't4.3', parentId: 't4' },
  { id: 't4.3.1', parentId: 't4.3' },
  { id: 't4.3.2', parentId: 't4.3' },
  { id: 't4.3.3', parentId: 't4.3' },
];
const table = (small: readonly [CellStatistics, CellStatistics]) =>
  teamTreeTable(
    teams,
    new Map([
      ['t4.1', answers(3, 3, 2)],
      ['t4.3.1', answers(2, 2, 2)],
      ['t4.3.2', small[0]],
      ['t4.3.3', small[1]],
    ]),
  );

/** The report with exactly the cells `hidden` suppressed. */
function publishedWith(
  cells: readonly (CellStatistics & { id: string })[],
  equations: PublishedReport['equations'],
  hidden: readonly string[],
  minGroupSize: number,
): PublishedReport {
  return {
    minGroupSize,
    equations,
    cells: cells.map(
      (cell): PublishedCell => ({
        ...cell,
        status: hidden.includes(cell.id) ? 'suppressed' : 'shown',
      }),
    ),
  };
}

/**
 * Brute force, independent of the verifier: every assignment of whole numbers from 0 to `cap`
 * to the people of the suppressed cells that keeps every equation; the sets of at least two
 * suppressed cells in no other cell whose people add up to the same 1 to minGroupSize - 1 in
 * every such assignment.
 */
function bruteForceUnions(report: PublishedReport, cap: number): string[] {
  const hidden = report.cells.filter((cell) => cell.status === 'suppressed' && cell.n > 0);
  const totals = new Set(report.equations.map((equation) => equation.total));
  const leaves = hidden.flatMap((cell, i) => (totals.has(cell.id) ? [] : [i]));
  const known = new Map(
    report.cells.filter((cell) => cell.status === 'shown' || cell.n === 0).map((c) => [c.id, c.n]),
  );
  const index = new Map(hidden.map((cell, i) => [cell.id, i]));
  const value = new Array<number>(hidden.length).fill(0);
  const holds = () =>
    report.equations.every((equation) => {
      const of = (id: string) => known.get(id) ?? value[index.get(id)!]!;
      return of(equation.total) === equation.parts.reduce((sum, id) => sum + of(id), 0);
    });
  const subsets = Array.from({ length: 2 ** leaves.length }, (_, mask) =>
    leaves.filter((_, bit) => (mask >> bit) & 1),
  ).filter((subset) => subset.length >= 2);
  const sums = subsets.map(() => new Set<number>());
  const assign = (at: number): void => {
    if (at === hidden.length) {
      if (!holds()) return;
      subsets.forEach((subset, s) => {
        sums[s]!.add(subset.reduce((sum, i) => sum + value[i]!, 0));
      });
      return;
    }
    for (let v = 0; v <= cap; v++) {
      value[at] = v;
      assign(at + 1);
    }
  };
  assign(0);
  return subsets
    .filter((_, s) => {
      const [only] = [...sums[s]!];
      return sums[s]!.size === 1 && only! > 0 && only! < report.minGroupSize;
    })
    .map((subset) => subset.map((i) => hidden[i]!.id).join(' + '));
}

describe('unions of suppressed cells (issue 14: differencing that lands on two hidden cells)', () => {
  const mixed = table([answers(1, 1, 0), answers(0, 1, 1)]);

  it('are found by the verifier: a shown team minus its shown sub-team is two hidden sub-teams of 2', () => {
    const report = publishedWith(mixed.cells, mixed.equations, ['team:t4.3.2', 'team:t4.3.3'], 5);
    expect(verifyNoDisclosure(report).findings).toEqual([
      {
        cell: 'team:t4.3.2 + team:t4.3.3',
        kind: 'union',
        detail: 'n = 4 of these cells together follows from the published equations',
      },
    ]);
    // Brute force agrees: 4 people in every completion, though each sub-team alone may hold 0 to 4.
    expect(bruteForceUnions(report, 12)).toEqual(['team:t4.3.2 + team:t4.3.3']);
  });

  it('are found through a hidden team: a hidden sub-team of it and a hidden sibling', () => {
    const nested = teamTreeTable(
      [
        { id: 't' },
        { id: 'a', parentId: 't' },
        { id: 'a1', parentId: 'a' },
        { id: 'a2', parentId: 'a' },
        { id: 'b', parentId: 't' },
        { id: 'c', parentId: 't' },
      ],
      new Map([
        ['a1', answers(2, 2, 1)],
        ['a2', answers(1, 1, 0)],
        ['b', answers(0, 1, 1)],
        ['c', answers(3, 2, 2)],
      ]),
    );
    const report = publishedWith(
      nested.cells,
      nested.equations,
      ['team:a', 'team:a2', 'team:b'],
      5,
    );
    // t - c - a1 = a2 + b: 4 people; a = a1 + a2 and a + b = 9 are no disclosure.
    expect(verifyNoDisclosure(report).findings.map((f) => [f.cell, f.kind])).toEqual([
      ['team:a2 + team:b', 'union'],
    ]);
    expect(bruteForceUnions(report, 25)).toEqual(['team:a2 + team:b']);
    const suppressed = suppressTable(nested, { minGroupSize: 5 });
    expect(verifyNoDisclosure(suppressed).ok).toBe(true);
    expect(bruteForceUnions(suppressed, 25)).toEqual([]);
  });

  it('are hidden by the gate with one more cell, and neither the verifier nor brute force finds one', () => {
    const report = suppressTable(mixed, { minGroupSize: 5 });
    expect(
      report.cells.filter((cell) => cell.status === 'suppressed').map((cell) => cell.id),
    ).toEqual(['team:t4.3.1', 'team:t4.3.2', 'team:t4.3.3']);
    expect(verifyNoDisclosure(report).ok).toBe(true);
    expect(bruteForceUnions(report, 12)).toEqual([]);
  });

  it('are no disclosure when they hold at least the minimum and their answers differ', () => {
    // At a minimum of 3, the two teams of 2 are hidden, but 4 mixed answers may be worked out.
    const report = suppressTable(mixed, { minGroupSize: 3 });
    expect(
      report.cells.filter((cell) => cell.status === 'suppressed').map((cell) => cell.id),
    ).toEqual(['team:t4.3.2', 'team:t4.3.3']);
    expect(verifyNoDisclosure(report).ok).toBe(true);
  });

  it('disclose an attribute when everyone in them gave one answer, however many they are', () => {
    const same = table([answers(0, 2, 0), answers(0, 2, 0)]);
    const open = publishedWith(same.cells, same.equations, ['team:t4.3.2', 'team:t4.3.3'], 3);
    expect(verifyNoDisclosure(open).findings.map((f) => [f.cell, f.kind])).toEqual([
      ['team:t4.3.2', 'bounds'],
      ['team:t4.3.3', 'bounds'],
    ]);
    const report = suppressTable(same, { minGroupSize: 3 });
    expect(report.cells.find((cell) => cell.id === 'team:t4.3.1')?.status).toBe('suppressed');
    expect(verifyNoDisclosure(report).ok).toBe(true);
  });
});
