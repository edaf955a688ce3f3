/**
 * The shortcuts of `verifyNoDisclosure` against the full computation: on random team breakdowns
 * whose answers are one declared variable (as `enpsBy` publishes them), with many one-person
 * cells (insiders) and zero categories, and random suppressed cells, both find the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublishedReport } from './suppressTable.js';
import { type CellStatistics, type TeamNode, teamBreakdownTable } from './table.js';
import { verifyNoDisclosure, verifyNoDisclosureInFull } from './verifyNoDisclosure.js';

const ANSWERS = ['detractors', 'passives', 'promoters'] as const;

/** A random tree: each team's parent is an earlier team, depth at most 3. */
const tree = fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map((picks) => {
  const teams: TeamNode[] = [{ id: 't0' }];
  const depth = [1];
  picks.forEach((pick, index) => {
    const candidates = teams.map((_, i) => i).filter((i) => depth[i]! < 3);
    const parent = candidates[pick % candidates.length]!;
    teams.push({ id: `t${index + 1}`, parentId: `t${parent}` });
    depth.push(depth[parent]! + 1);
  });
  return teams;
});

/** Answers of 0 to 6 people, often one person or one category. */
const answers = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.nat(), fc.nat())
  .map(([n, x, y]): CellStatistics => {
    const detractors = n === 0 ? 0 : x % (n + 1);
    const passives = y % (n - detractors + 1);
    return {
      n,
      counts: { detractors, passives, promoters: n - detractors - passives },
      variables: { answer: ANSWERS },
    };
  });

const report = fc
  .tuple(tree, fc.integer({ min: 2, max: 3 }))
  .chain(([teams, groups]) =>
    fc.tuple(
      fc.array(fc.array(answers, { minLength: groups, maxLength: groups }), {
        minLength: teams.length,
        maxLength: teams.length,
      }),
      fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
      fc.constant(teams),
    ),
  )
  .map(([rows, picks, teams]): PublishedReport => {
    const table = teamBreakdownTable(
      teams,
      new Map(teams.map((team, i) => [team.id, new Map(rows[i]!.map((v, g) => [`g${g}`, v]))])),
    );
    return {
      minGroupSize: 5,
      equations: table.equations,
      cells: table.cells.map((cell, i) => ({
        ...cell,
        status: picks[i % picks.length] ? ('suppressed' as const) : ('shown' as const),
      })),
    };
  });

const sorted = (findings: readonly { cell: string; kind: string; detail: string }[]) =>
  findings.map((finding) => `${finding.cell} ${finding.kind} ${finding.detail}`).sort();

describe('verifyNoDisclosure shortcuts (property)', () => {
  it('finds what the full computation finds, insiders included, on random breakdowns with one declared variable', () => {
    let withInsiders = 0;
    fc.assert(
      fc.property(report, (published) => {
        const full = verifyNoDisclosureInFull(published);
        expect(sorted(verifyNoDisclosure(published).findings)).toEqual(sorted(full.findings));
        if (published.cells.some((cell) => cell.status === 'suppressed' && cell.n === 1))
          withInsiders++;
      }),
      { numRuns: 300, seed: 14 },
    );
    expect(withInsiders).toBeGreaterThan(100);
  });
});
