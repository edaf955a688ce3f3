import { createRandom } from '../src/core/index.js';
import {
  suppressTable,
  type Table,
  teamTreeTable,
  verifyNoDisclosure,
} from '../src/privacy/index.js';
import { generatedManagerTreeTable, naiveSuppression } from '../tests/support/privacy.js';
import type { BenchCase } from './harness.js';

/** A generated team tree: 10 000 teams up to 6 levels deep, about 100 000 people. */
export function generatedTeamTable(teamCount = 10_000, seed = 1): Table {
  const random = createRandom(seed);
  const teams: { id: string; parentId?: string }[] = [{ id: 't0' }];
  const depth = [0];
  for (let i = 1; i < teamCount; i++) {
    let parent: number;
    do parent = Math.floor(random() * i);
    while (depth[parent]! >= 5);
    teams.push({ id: `t${i}`, parentId: `t${parent}` });
    depth.push(depth[parent]! + 1);
  }
  const direct = new Map(
    teams.map((team) => {
      const n = Math.floor(random() * 18) + (random() < 0.15 ? 0 : 3);
      const detractors = Math.floor(random() * (n + 1) * 0.3);
      const promoters = Math.floor(random() * (n - detractors + 1));
      return [team.id, { n, counts: { detractors, promoters } }];
    }),
  );
  return teamTreeTable(teams, direct);
}

const table = generatedTeamTable();

/**
 * A breakdown by manager over whole reporting trees, shaped as `enpsBy` builds it for the service
 * benchmark's organisation: 10 000 managers in a 10-ary tree (depth 5), 70 000 respondents, every
 * manager's tree nested in the trees above it, and `all` adding up every manager's direct cell.
 */
const managerTree = generatedManagerTreeTable(10_000);

/** Suppression plus the independent check of a table, beside the naive rule on the same table. */
function suppressionCase(name: string, size: string, of: Table, goalMs: number): BenchCase {
  return {
    name,
    size,
    goal: `< ${goalMs} ms`,
    run: () => {
      const check = verifyNoDisclosure(suppressTable(of));
      if (!check.ok) throw new Error('the benchmark report discloses a cell');
    },
    baselineName: 'naive next-smallest-sibling rule (leaks)',
    baseline: () => naiveSuppression(of),
    meets: (median) => median < goalMs,
    iterations: 3,
  };
}

const total = (of: Table, id: string) =>
  of.cells.find((cell) => cell.id === id)?.n.toLocaleString('en');

export const privacyCases: BenchCase[] = [
  suppressionCase(
    'suppressTable + verifyNoDisclosure',
    `10 000 teams, ${total(table, 'team:t0')} people`,
    table,
    1000,
  ),
  suppressionCase(
    'suppressTable + verifyNoDisclosure, manager trees',
    `10 000 managers (10-ary tree), ${total(managerTree, 'all')} respondents`,
    managerTree,
    2000,
  ),
];
