/**
 * Test helpers for the privacy module: an independent brute-force attacker and the naive
 * next-smallest-sibling rule that vendors use, as a baseline that leaks. Not exported from the
 * package. @internal
 */
import { createRandom } from '../../src/core/createRandom.js';
import type { PublishedCell, PublishedReport } from '../../src/privacy/suppressTable.js';
import type { CellStatistics, Table, TableCell, TableEquation } from '../../src/privacy/table.js';

/**
 * Adds and subtracts every combination of the published equations (coefficients -1, 0, 1 on each
 * equation that touches a suppressed cell) and returns the suppressed cells at risk (fewer people
 * than the minimum, or everyone in one category) that some combination isolates. Suppressed empty
 * cells count as known zeros, as the org chart tells. Exponential:
 * only for reports with few such equations.
 */
export function bruteForceAttack(
  report: PublishedReport,
  maxEquations = 10,
): string[] | 'too-large' {
  // A suppressed empty cell is a known zero (the org chart), not an unknown.
  const hidden = new Map<string, PublishedCell>();
  for (const cell of report.cells)
    if (cell.status === 'suppressed' && cell.n !== 0) hidden.set(cell.id, cell);
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
  return publish(table, hidden, minGroupSize);
}

/** The report of `table` with the `hidden` cells suppressed. */
export function publish(
  table: Table,
  hidden: ReadonlySet<string>,
  minGroupSize: number,
): PublishedReport {
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

/**
 * The count keys of a report (statistic 1 + k is key k), the categories of declared variables,
 * and each declared variable's statistics: its categories add up to n, and only a category
 * holding everyone (not a category of 0) is shared.
 */
function countLayout(report: PublishedReport): {
  keys: string[];
  declared: Set<string>;
  categoryColumns: number[][];
} {
  const variables = new Map<string, readonly string[]>();
  for (const cell of report.cells)
    for (const [name, categories] of Object.entries(cell.variables ?? {}))
      variables.set(name, categories);
  const declared = new Set([...variables.values()].flat());
  const keys = [
    ...new Set([...report.cells.flatMap((cell) => Object.keys(cell.counts ?? {})), ...declared]),
  ];
  const categoryColumns = [...variables.values()].map((categories) =>
    categories.map((key) => 1 + keys.indexOf(key)),
  );
  return { keys, declared, categoryColumns };
}

/**
 * An exact attacker by enumeration: every assignment of whole numbers >= 0 to the n and the
 * counts of the suppressed cells (each count at most n) that satisfies every published equation,
 * values up to `cap`; suppressed empty cells are known zeros. A suppressed cell at risk (1 to minGroupSize - 1 people, or everyone sharing
 * a category) is disclosed when all these completions agree on its n at 1 to minGroupSize - 1, on
 * one of its counts (or n minus it) at 1 to minGroupSize - 1, or on a count (or n minus it) of 0.
 * For a declared variable (`CellStatistics.variables`) the categories add up to n in every
 * completion, and the disclosures are a category count pinned at 1 to minGroupSize - 1, or one
 * category holding everyone in every completion.
 * Exponential: only for a few suppressed cells with small values. Returns the disclosed cells, or
 * 'too-large' when the enumeration exceeds `maxCompletions`.
 */
export function enumerateAttack(
  report: PublishedReport,
  maxCompletions = 200_000,
): string[] | 'too-large' {
  const { keys, declared, categoryColumns } = countLayout(report);
  const width = 1 + keys.length;
  const hidden = report.cells.filter((cell) => cell.status === 'suppressed');
  const shown = new Map(
    report.cells.filter((cell) => cell.status === 'shown').map((c) => [c.id, c]),
  );
  const index = new Map(hidden.map((cell, i) => [cell.id, i]));
  const statistic = (cell: PublishedCell, s: number) =>
    s === 0 ? cell.n : (cell.counts?.[keys[s - 1]!] ?? 0);
  const cap = 2 * Math.max(1, ...report.cells.map((cell) => cell.n)) + 4;
  // Equations over the unknowns (cell i, statistic s) = i * width + s.
  const equations: { terms: [number, number][]; constant: number }[] = [];
  for (const equation of report.equations) {
    for (let s = 0; s < width; s++) {
      const terms: [number, number][] = [];
      let constant = 0;
      [equation.total, ...equation.parts].forEach((id, at) => {
        const sign = at === 0 ? -1 : 1;
        const i = index.get(id);
        if (i !== undefined) terms.push([i * width + s, sign]);
        else constant += sign * statistic(shown.get(id)!, s);
      });
      if (terms.length > 0) equations.push({ terms, constant });
    }
  }
  const unknowns = hidden.length * width;
  const seen: Set<number>[] = Array.from({ length: unknowns }, () => new Set());
  // n minus each count, per completion (at the count's unknown).
  const rests: Set<number>[] = Array.from({ length: unknowns }, () => new Set());
  // Per hidden cell and declared variable, the category holding everyone in each completion (-1: none).
  const shares: Set<number>[] = Array.from(
    { length: hidden.length * categoryColumns.length },
    () => new Set(),
  );
  const value = new Array<number | undefined>(unknowns).fill(undefined);
  let completions = 0;
  const consistent = (): boolean => {
    for (let i = 0; i < hidden.length; i++) {
      const n = value[i * width];
      for (let s = 1; s < width; s++) {
        const count = value[i * width + s];
        if (n !== undefined && count !== undefined && count > n) return false;
      }
      for (const columns of categoryColumns) {
        let sum = 0;
        let open = false;
        for (const s of columns) {
          const count = value[i * width + s];
          if (count === undefined) open = true;
          else sum += count;
        }
        if (n !== undefined && (sum > n || (!open && sum !== n))) return false;
      }
    }
    return true;
  };
  const search = (): boolean => {
    // Propagate: an equation with one unknown left sets it; with none, it must hold.
    const set: number[] = [];
    const undo = () => {
      for (const u of set) value[u] = undefined;
    };
    /** A dead end: undo the propagation and go on searching. */
    const fail = () => {
      undo();
      return true;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const { terms, constant } of equations) {
        let open = -1;
        let openCount = 0;
        let sum = constant;
        for (const [u, sign] of terms) {
          const v = value[u];
          if (v === undefined) {
            open = u;
            openCount++;
          } else sum += sign * v;
        }
        if (openCount === 0 && sum !== 0) return fail();
        if (openCount !== 1) continue;
        const sign = terms.find(([u]) => u === open)![1];
        const v = -sum * sign;
        if (v < 0 || v > cap) return fail();
        value[open] = v;
        set.push(open);
        changed = true;
      }
    }
    if (!consistent()) return fail();
    const next = value.indexOf(undefined);
    if (next < 0) {
      completions++;
      value.forEach((v, u) => {
        seen[u]!.add(v!);
        if (u % width !== 0) rests[u]!.add(value[u - (u % width)]! - v!);
      });
      for (let i = 0; i < hidden.length; i++) {
        const n = value[i * width]!;
        categoryColumns.forEach((columns, k) => {
          const shared = n > 0 ? columns.findIndex((s) => value[i * width + s] === n) : -1;
          shares[i * categoryColumns.length + k]!.add(shared);
        });
      }
      undo();
      return completions <= maxCompletions;
    }
    for (let v = 0; v <= cap; v++) {
      value[next] = v;
      if (!search()) return false;
    }
    value[next] = undefined;
    undo();
    return true;
  };
  if (!search()) return 'too-large';
  const disclosed: string[] = [];
  hidden.forEach((cell, i) => {
    if (!atRisk(cell, report.minGroupSize)) return;
    const only = (values: Set<number>) => (values.size === 1 ? [...values][0]! : undefined);
    const small = (v: number | undefined) => v !== undefined && v > 0 && v < report.minGroupSize;
    let found = small(only(seen[i * width]!));
    for (let s = 1; s < width; s++) {
      const count = only(seen[i * width + s]!);
      const rest = only(rests[i * width + s]!);
      if (declared.has(keys[s - 1]!)) {
        if (small(count)) found = true;
      } else if (small(count) || small(rest) || count === 0 || rest === 0) found = true;
    }
    categoryColumns.forEach((_, k) => {
      const shared = only(shares[i * categoryColumns.length + k]!);
      if (shared !== undefined && shared >= 0) found = true;
    });
    if (found) disclosed.push(cell.id);
  });
  return disclosed.sort();
}
