/**
 * The attacker's view, as property tests: over random team trees (up to 6 levels, teams of 1-200)
 * and random cross-tabulations, the suppressed report passes verifyNoDisclosure, and an
 * independent brute-force attacker that adds and subtracts every combination of the published
 * equations recovers no suppressed cell. The naive next-smallest-sibling rule is shown to leak on
 * some of the same inputs, so the tests can tell a leak from none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceAttack,
  enumerateAttack,
  naiveSuppression,
} from '../../tests/support/privacy.js';
import { type PublishedReport, suppressTable } from './suppressTable.js';
import {
  type CellStatistics,
  type Table,
  type TeamNode,
  teamBreakdownTable,
  teamTreeTable,
  twoWayTable,
} from './table.js';
import { verifyNoDisclosure } from './verifyNoDisclosure.js';

/** A random tree: each team's parent is an earlier team, depth at most `levels`. */
const tree = (maxTeams: number, levels: number) =>
  fc.array(fc.nat(), { minLength: 1, maxLength: maxTeams }).map((picks) => {
    const teams: TeamNode[] = [{ id: 't0' }];
    const depth = [1];
    picks.forEach((pick, index) => {
      const candidates = teams.map((_, i) => i).filter((i) => depth[i]! < levels);
      const parent = candidates[pick % candidates.length]!;
      teams.push({ id: `t${index + 1}`, parentId: `t${parent}` });
      depth.push(depth[parent]! + 1);
    });
    return teams;
  });

/** Statistics with n in 0..max and a category split that adds up. */
const statistics = (max: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.nat(), fc.nat()).map(([n, x, y]): CellStatistics => {
    const detractors = n === 0 ? 0 : x % (n + 1);
    const promoters = n - detractors === 0 ? 0 : y % (n - detractors + 1);
    return { n, counts: { detractors, promoters } };
  });

/** Small sizes that make many cells fall below the minimum, and single-person cells. */
const smallStatistics = fc.oneof(statistics(4), statistics(12), statistics(200));

const treeWithStatistics = (maxTeams: number, levels: number) =>
  tree(maxTeams, levels).chain((teams) =>
    fc
      .array(smallStatistics, { minLength: teams.length, maxLength: teams.length })
      .map((values) => ({
        teams,
        direct: new Map(teams.map((team, index) => [team.id, values[index]!])),
      })),
  );

describe('suppressTable against an attacker (property)', () => {
  it('leaves nothing derivable in random team trees of up to 6 levels', () => {
    fc.assert(
      fc.property(
        treeWithStatistics(60, 6),
        fc.integer({ min: 3, max: 10 }),
        ({ teams, direct }, minGroupSize) => {
          const report = suppressTable(teamTreeTable(teams, direct), { minGroupSize });
          const check = verifyNoDisclosure(report);
          expect(check.findings).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it('leaves nothing derivable in random trees crossed with a breakdown', () => {
    const crossed = tree(12, 4).chain((teams) =>
      fc
        .array(fc.array(smallStatistics, { minLength: 3, maxLength: 3 }), {
          minLength: teams.length,
          maxLength: teams.length,
        })
        .map((rows) => ({
          teams,
          direct: new Map(
            teams.map((team, index) => [
              team.id,
              new Map(rows[index]!.map((value, g) => [`g${g}`, value])),
            ]),
          ),
        })),
    );
    fc.assert(
      fc.property(crossed, ({ teams, direct }) => {
        const report = suppressTable(teamBreakdownTable(teams, direct));
        expect(verifyNoDisclosure(report).findings).toEqual([]);
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it('leaves nothing derivable in random two-way tables', () => {
    const table = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([rows, columns]) =>
        fc.array(fc.array(smallStatistics, { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(table, (values) => {
        const cells = new Map(
          values.map((row, r) => [`r${r}`, new Map(row.map((value, c) => [`c${c}`, value]))]),
        );
        const report = suppressTable(twoWayTable(cells));
        expect(verifyNoDisclosure(report).findings).toEqual([]);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('withstands the brute-force attacker on reports with at most 15 suppressed cells', () => {
    let attacked = 0;
    fc.assert(
      fc.property(treeWithStatistics(9, 4), ({ teams, direct }) => {
        const report = suppressTable(teamTreeTable(teams, direct));
        const suppressed = report.cells.filter((cell) => cell.status === 'suppressed').length;
        if (suppressed > 15) return;
        const found = bruteForceAttack(report, 9);
        if (found === 'too-large') return;
        attacked++;
        expect(found).toEqual([]);
      }),
      { numRuns: 150, seed: 3 },
    );
    expect(attacked).toBeGreaterThan(50);
  });

  it('finds leaks in the naive next-smallest-sibling rule on the same kind of inputs, which suppressTable closes', () => {
    const leaks: string[][] = [];
    const samples = fc.sample(
      fc
        .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }))
        .chain(([rows, columns]) =>
          fc.array(
            fc.array(fc.oneof(statistics(3), statistics(60)), {
              minLength: columns,
              maxLength: columns,
            }),
            { minLength: rows, maxLength: rows },
          ),
        ),
      { numRuns: 400, seed: 5 },
    );
    for (const values of samples) {
      const table = twoWayTable(
        new Map(
          values.map((row, r) => [`r${r}`, new Map(row.map((value, c) => [`c${c}`, value]))]),
        ),
      );
      const naive = naiveSuppression(table);
      const findings = verifyNoDisclosure(naive).findings.filter(
        (finding) => finding.kind === 'linear',
      );
      if (findings.length === 0) continue;
      const attack = bruteForceAttack(naive, 10);
      if (attack !== 'too-large') expect(attack.length).toBeGreaterThan(0);
      leaks.push(findings.map((finding) => finding.cell));
      expect(verifyNoDisclosure(suppressTable(table)).findings).toEqual([]);
    }
    expect(leaks.length).toBeGreaterThan(0);
  });
});

/** One yes/no count per cell, with many empty and small cells. */
const tinyStatistics = fc
  .tuple(
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 9 })),
    fc.nat(),
  )
  .map(([n, x]): CellStatistics => ({ n, counts: { yes: n === 0 ? 0 : x % (n + 1) } }));

/** Small two-way tables and team breakdowns (3-4 teams x 2-3 groups), with empty cells. */
const smallTable = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
    .chain(([rows, columns]) =>
      fc.array(fc.array(tinyStatistics, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    )
    .map((values) =>
      twoWayTable(
        new Map(
          values.map((row, r) => [`r${r}`, new Map(row.map((value, c) => [`c${c}`, value]))]),
        ),
      ),
    ),
  fc.tuple(tree(3, 2), fc.integer({ min: 2, max: 3 })).chain(([teams, groups]) =>
    fc
      .array(fc.array(tinyStatistics, { minLength: groups, maxLength: groups }), {
        minLength: teams.length,
        maxLength: teams.length,
      })
      .map((rows) =>
        teamBreakdownTable(
          teams,
          new Map(teams.map((team, i) => [team.id, new Map(rows[i]!.map((v, g) => [`g${g}`, v]))])),
        ),
      ),
  ),
);

/** The suppressed cells the verifier finds derivable (insiders aside: enumeration has none). */
const derivable = (report: PublishedReport) =>
  [
    ...new Set(
      verifyNoDisclosure(report)
        .findings.filter((finding) => finding.kind === 'linear' || finding.kind === 'bounds')
        .map((finding) => finding.cell),
    ),
  ].sort();

/**
 * Hides the cells `picks` says and checks that the verifier flags every cell that enumeration of
 * every completion finds; false when the case is too large to enumerate.
 */
function checkedAgainstEnumeration(
  table: Table,
  picks: readonly boolean[],
  maxHidden: number,
): boolean {
  const report: PublishedReport = {
    minGroupSize: 5,
    equations: table.equations,
    cells: table.cells.map((cell, i) => ({
      ...cell,
      status: picks[i % picks.length] ? ('suppressed' as const) : ('shown' as const),
    })),
  };
  if (report.cells.filter((cell) => cell.status === 'suppressed').length > maxHidden) return false;
  const found = enumerateAttack(report, 20_000);
  if (found === 'too-large') return false;
  const flagged = derivable(report);
  for (const cell of found) expect(flagged).toContain(cell);
  return true;
}

describe('verifyNoDisclosure against enumeration of every completion (property)', () => {
  it('never says ok when enumerating the non-negative whole completions finds a disclosure, on random hidden cells', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        smallTable,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (table, picks) => {
          if (checkedAgainstEnumeration(table, picks, 6)) compared++;
        },
      ),
      { numRuns: 300, seed: 14 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});

/**
 * Suppresses a table and checks that neither the verifier nor enumeration of every completion
 * finds anything; false when the result is too large to enumerate.
 */
function suppressedAgainstEnumeration(table: Table, maxHidden: number): boolean {
  const report = suppressTable(table);
  expect(verifyNoDisclosure(report).findings).toEqual([]);
  if (report.cells.filter((cell) => cell.status === 'suppressed').length > maxHidden) return false;
  const found = enumerateAttack(report, 20_000);
  if (found === 'too-large') return false;
  expect(found).toEqual([]);
  return true;
}

describe('suppressTable on small tables with empty cells (property)', () => {
  it('leaves nothing that the verifier or enumeration of every completion can find', () => {
    let attacked = 0;
    fc.assert(
      fc.property(smallTable, (table) => {
        if (suppressedAgainstEnumeration(table, 8)) attacked++;
      }),
      { numRuns: 200, seed: 70 },
    );
    expect(attacked).toBeGreaterThan(30);
  });
});

const EXIT = ['stayed', 'voluntary', 'involuntary', 'other'] as const;

/**
 * A cell whose people each have one exit (stayed, voluntary, involuntary, other), declared as one
 * categorical variable; with `noOther`, nobody left for `other` reasons (as in the real export of
 * issue 14).
 */
const exitStatistics = (max: number, noOther: boolean) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.nat(), fc.nat(), fc.nat())
    .map(([n, x, y, z]): CellStatistics => {
      const voluntary = n === 0 ? 0 : x % (n + 1);
      const involuntary = y % (n - voluntary + 1);
      const other = noOther ? 0 : z % (n - voluntary - involuntary + 1);
      return {
        n,
        counts: { stayed: n - voluntary - involuntary - other, voluntary, involuntary, other },
        variables: { exit: EXIT },
      };
    });

const exitCell = (noOther: boolean) =>
  fc.oneof(exitStatistics(3, noOther), exitStatistics(12, noOther), exitStatistics(60, noOther));

/** Random trees (up to 5 levels) and two-way tables of exit cells. */
const exitTable = fc.boolean().chain((noOther) =>
  fc.oneof(
    tree(20, 5).chain((teams) =>
      fc
        .array(exitCell(noOther), { minLength: teams.length, maxLength: teams.length })
        .map((values) => teamTreeTable(teams, new Map(teams.map((t, i) => [t.id, values[i]!])))),
    ),
    fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([rows, columns]) =>
        fc.array(fc.array(exitCell(noOther), { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      )
      .map((values) =>
        twoWayTable(
          new Map(
            values.map((row, r) => [`r${r}`, new Map(row.map((value, c) => [`c${c}`, value]))]),
          ),
        ),
      ),
  ),
);

/** Small two-way tables (1-2 rows x 2-3 columns) of exit cells. */
const smallExitTable = fc.boolean().chain((noOther) =>
  fc
    .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 3 }))
    .chain(([rows, columns]) =>
      fc.array(
        fc.array(fc.oneof(exitStatistics(3, noOther), exitStatistics(9, noOther)), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: rows, maxLength: rows },
      ),
    )
    .map((values) =>
      twoWayTable(
        new Map(
          values.map((row, r) => [`r${r}`, new Map(row.map((value, c) => [`c${c}`, value]))]),
        ),
      ),
    ),
);

describe('suppressTable with a declared categorical variable (property)', () => {
  it('leaves nothing the verifier can find in random trees and two-way tables of exits', () => {
    fc.assert(
      fc.property(exitTable, fc.integer({ min: 3, max: 8 }), (table, minGroupSize) => {
        const report = suppressTable(table, { minGroupSize });
        expect(verifyNoDisclosure(report).findings).toEqual([]);
      }),
      { numRuns: 150, seed: 2026 },
    );
  });

  it('hides the same cells whether a category that is 0 everywhere is listed or not', () => {
    fc.assert(
      fc.property(exitTable, (table) => {
        if (table.cells.some((cell) => (cell.counts?.other ?? 0) > 0)) return;
        const without = {
          ...table,
          cells: table.cells.map(({ counts, ...cell }) => {
            const { other: _, ...rest } = counts ?? {};
            return { ...cell, counts: rest, variables: { exit: EXIT.slice(0, 3) } };
          }),
        };
        const status = (t: typeof table) => suppressTable(t).cells.map((cell) => cell.status);
        expect(status(table)).toEqual(status(without));
      }),
      { numRuns: 150, seed: 2027 },
    );
  });

  it('leaves nothing that enumeration of every completion can find, on small tables', () => {
    let attacked = 0;
    fc.assert(
      fc.property(smallExitTable, (table) => {
        if (suppressedAgainstEnumeration(table, 5)) attacked++;
      }),
      { numRuns: 200, seed: 2028 },
    );
    expect(attacked).toBeGreaterThan(25);
  });

  it('never lets the verifier say ok where enumeration finds a disclosure, on random hidden cells', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        smallExitTable,
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (table, picks) => {
          if (checkedAgainstEnumeration(table, picks, 4)) compared++;
        },
      ),
      { numRuns: 200, seed: 2029 },
    );
    expect(compared).toBeGreaterThan(60);
  });
});
