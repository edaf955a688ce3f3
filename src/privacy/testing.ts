/**
 * Test helpers for the privacy module: an independent brute-force attacker and the naive
 * next-smallest-sibling rule that vendors use, as a baseline that leaks. Not exported from the
 * package. @internal
 */
import { createRandom } from '../core/createRandom.js';
import type { PublishedCell, PublishedReport } from './suppressTable.js';
import type { CellStatistics, Table, TableCell, TableEquation } from './table.js';

/**
 * Adds and subtracts every combination of the published equations (coefficients -1, 0, 1 on each
 * equation that touches a suppressed cell) and returns the suppressed cells at risk (fewer people
 * than the minimum, or everyone in one category) that some combination isolates. Exponential:
 * only for reports with few such equations.
 */
export function bruteForceAttack(
  report: PublishedReport,
  maxEquations = 10,
): string[] | 'too-large' {
  const hidden = new Map<string, PublishedCell>();
  for (const cell of report.cells) if (cell.status === 'suppressed') hidden.set(cell.id, cell);
  const ids = [...hidden.keys()];
  const rows = report.equations
    .map((equation) => {
      const row = new Array<number>(ids.length).fill(0);
      [equation.total, ...equation.parts].forEach((id, at) => {
        const index = ids.indexOf(id);
        if (index >= 0) row[index] = at === 0 ? -1 : 1;
      });
      return row;
    })
    .filter((row) => row.some((value) => value !== 0));
  if (rows.length > maxEquations) return 'too-large';
  const found = new Set<string>();
  const coefficients = new Array<number>(rows.length).fill(-1);
  const total = 3 ** rows.length;
  for (let combination = 0; combination < total; combination++) {
    let rest = combination;
    for (let e = 0; e < rows.length; e++) {
      coefficients[e] = (rest % 3) - 1;
      rest = Math.floor(rest / 3);
    }
    let nonzero = -1;
    let count = 0;
    for (let c = 0; c < ids.length && count < 2; c++) {
      let sum = 0;
      for (let e = 0; e < rows.length; e++) sum += coefficients[e]! * rows[e]![c]!;
      if (sum !== 0) {
        nonzero = c;
        count++;
      }
    }
    if (count === 1 && atRisk(hidden.get(ids[nonzero]!)!, report.minGroupSize))
      found.add(ids[nonzero]!);
  }
  return [...found].sort();
}

/** Whether a suppressed cell would harm someone if learnt. */
function atRisk(cell: PublishedCell, minGroupSize: number): boolean {
  if (cell.n === 0) return false;
  return (
    cell.n < minGroupSize || Object.values(cell.counts ?? {}).some((count) => count === cell.n)
  );
}

/**
 * The rule many tools apply: hide cells below the minimum, then, while an equation has exactly one
 * hidden term, hide its smallest shown sibling. Leaks once several equations interact.
 */
export function naiveSuppression(table: Table, minGroupSize = 5): PublishedReport {
  const hidden = new Set(
    table.cells.filter((cell) => cell.n < minGroupSize).map((cell) => cell.id),
  );
  const size = new Map(table.cells.map((cell) => [cell.id, cell.n]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const equation of table.equations) {
      const terms = [equation.total, ...equation.parts];
      const suppressed = terms.filter((id) => hidden.has(id));
      if (suppressed.length !== 1 || size.get(suppressed[0]!) === 0) continue;
      const siblings = equation.parts
        .filter((id) => !hidden.has(id))
        .sort((a, b) => size.get(a)! - size.get(b)!);
      const pick = siblings[0] ?? (hidden.has(equation.total) ? undefined : equation.total);
      if (pick !== undefined) {
        hidden.add(pick);
        changed = true;
      }
    }
  }
  return {
    cells: table.cells.map((cell) => ({
      ...cell,
      status: hidden.has(cell.id) ? 'suppressed' : 'shown',
    })),
    equations: table.equations,
    minGroupSize,
  };
}

/**
 * The table of a breakdown by manager over whole reporting trees, as `enpsBy` builds it
 * (satisfaction/segments.ts): `manager:<id>` for each manager's direct respondents,
 * `tree:<id>` for everyone below a manager (`tree = manager + the trees of the sub-managers`),
 * and `all` (the sum of every `manager:` cell). Trees nest, and a manager without sub-managers
 * publishes the same people twice (`tree:x = manager:x`).
 */
export function managerTreeTable(
  parentOf: ReadonlyMap<string, string | undefined>,
  direct: ReadonlyMap<string, CellStatistics>,
): Table {
  const subManagers = new Map<string, string[]>();
  for (const [manager, parent] of parentOf) {
    if (parent === undefined) continue;
    subManagers.set(parent, [...(subManagers.get(parent) ?? []), manager]);
  }
  const keys = [...new Set([...direct.values()].flatMap((cell) => Object.keys(cell.counts ?? {})))];
  const cells: TableCell[] = [...direct].map(([manager, cell]) => ({
    id: `manager:${manager}`,
    ...cell,
  }));
  const equations: TableEquation[] = [];
  const treeOf = new Map<string, CellStatistics>();
  const build = (manager: string): CellStatistics => {
    const known = treeOf.get(manager);
    if (known !== undefined) return known;
    const parts = direct.has(manager) ? [direct.get(manager)!] : [];
    const partIds = direct.has(manager) ? [`manager:${manager}`] : [];
    for (const sub of subManagers.get(manager) ?? []) {
      parts.push(build(sub));
      partIds.push(`tree:${sub}`);
    }
    const total: CellStatistics = {
      n: parts.reduce((sum, part) => sum + part.n, 0),
      counts: Object.fromEntries(
        keys.map((key) => [key, parts.reduce((sum, part) => sum + (part.counts?.[key] ?? 0), 0)]),
      ),
    };
    treeOf.set(manager, total);
    cells.push({ id: `tree:${manager}`, ...total });
    equations.push({ total: `tree:${manager}`, parts: partIds });
    return total;
  };
  for (const manager of parentOf.keys()) build(manager);
  const everyone = [...direct.values()];
  cells.push({
    id: 'all',
    n: everyone.reduce((sum, cell) => sum + cell.n, 0),
    counts: Object.fromEntries(
      keys.map((key) => [key, everyone.reduce((sum, cell) => sum + (cell.counts?.[key] ?? 0), 0)]),
    ),
  });
  equations.push({
    total: 'all',
    parts: [...direct.keys()].map((manager) => `manager:${manager}`),
  });
  return { cells, equations };
}

/**
 * A generated organisation as in the service benchmark: `managers` managers in a 10-ary tree
 * (manager i reports to manager (i - 1) / 10), and 7 respondents per manager on average, each
 * with a random manager and a random 0-10 answer (detractor, passive or promoter).
 */
export function generatedManagerTreeTable(managers: number, seed = 11): Table {
  const random = createRandom(seed);
  const parentOf = new Map<string, string | undefined>();
  for (let i = 0; i < managers; i++)
    parentOf.set(`m${i}`, i === 0 ? undefined : `m${Math.floor((i - 1) / 10)}`);
  const direct = new Map<string, { n: number; counts: Record<string, number> }>();
  for (let k = 0; k < 7 * managers; k++) {
    const manager = `m${Math.floor(random() * managers)}`;
    const score = Math.floor(random() * 11);
    const category = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    const cell = direct.get(manager) ?? { n: 0, counts: { detractor: 0, passive: 0, promoter: 0 } };
    cell.n++;
    cell.counts[category]!++;
    direct.set(manager, cell);
  }
  return managerTreeTable(parentOf, direct);
}
