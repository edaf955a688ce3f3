/**
 * The audit step of {@link suppressTable}: which suppressed cells a reader could still learn from
 * everything a table publishes. Works modulo a prime on independent blocks of the system, and
 * remembers the blocks it has audited, so that the audit after a few more complements only
 * looks again at the blocks they changed. @internal
 */
import { type Constraint, type Model, solve } from 'yalps';
import type { IndexedTable } from './checkTable.js';
import { type ModularBlock, ModularEchelon, modularBlocks } from './modularEchelon.js';

/**
 * A suppressed cell that can still be learnt; for a finding through a shared category (bounds),
 * which complements would break it (those whose count for that category differs). @internal
 */
export type Disclosure = readonly [cell: number, breaks: ((candidate: number) => boolean) | null];

/** What one audit found, and the blocks it split the suppressed cells into. @internal */
export interface SuppressionAudit {
  readonly disclosed: readonly Disclosure[];
  /**
   * The group of each suppressed cell (-1 for shown cells and cells in no equation): suppressed
   * cells joined by equations that the others do not imply. An implied equation (a grand total
   * of sub-totals) joins no groups, and hiding a cell that only touches other groups through it
   * cannot protect this one.
   */
  readonly groupOf: Int32Array;
}

/**
 * Prepares the audit of one table; the returned function audits a set of suppressed cells.
 *
 * A suppressed cell (with people) is found when a reader could derive it: exactly, by a
 * combination of equations; with the help of a member of a one-person suppressed cell; or
 * through a derivable category total of 0 or everyone. The equations restricted to the
 * suppressed cells are split by {@link modularBlocks} into blocks whose row spaces add up
 * directly, so each check runs on one block: a vector derivable from the whole system is the sum
 * of vectors derivable within each block. A grand total that adds up sub-totals known anyway
 * (as `all` does for every manager's direct cell in a manager-tree breakdown) joins no blocks.
 * Each block is identified by its reduced echelon form, and its findings are kept for the next
 * audit. @internal
 */
export function suppressionAuditor(
  indexed: IndexedTable,
  sensitive: (cell: number, people: number) => boolean,
  totalsOf: readonly (readonly number[])[],
): (hidden: Uint8Array) => SuppressionAudit {
  const { n, terms } = indexed;
  const countArrays = [...indexed.counts.values()];
  const partsOfTotal: number[][] = [];
  terms.forEach((equation, e) => {
    const total = equation[0]!.cell;
    const list = partsOfTotal[total] ?? [];
    list.push(e);
    partsOfTotal[total] = list;
  });
  /** Whether `cell` lies inside `total` (a part, or a part of a part ...). */
  const below = (total: number, cell: number): boolean => {
    const seen = new Set([total]);
    const stack = [total];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const e of partsOfTotal[current] ?? []) {
        for (const term of terms[e]!.slice(1)) {
          if (term.cell === cell) return true;
          if (!seen.has(term.cell)) {
            seen.add(term.cell);
            stack.push(term.cell);
          }
        }
      }
    }
    return false;
  };
  /** The totals around `cell` (those it is a part of, and theirs ...). */
  const around = (cell: number): Set<number> => {
    const seen = new Set<number>();
    const stack = [cell];
    while (stack.length > 0) {
      for (const total of totalsOf[stack.pop()!]!) {
        if (seen.has(total)) continue;
        seen.add(total);
        stack.push(total);
      }
    }
    return seen;
  };
  /**
   * The cells that hold the one person of a one-person cell: the finest cell they are in (down
   * the parts that hold one person) and every total around it. Around the one-person cell alone
   * would miss a total that holds it only through a breakdown (`team:org` = `team:org|x` +
   * `team:org|y`, which hold `team:a|x` and `team:a|y`).
   */
  const holding = new Map<number, Set<number>>();
  const holdingPerson = (insider: number): Set<number> => {
    const known = holding.get(insider);
    if (known !== undefined) return known;
    let atom = insider;
    const seen = new Set([atom]);
    for (;;) {
      const next = (partsOfTotal[atom] ?? [])
        .flatMap((e) => terms[e]!.slice(1))
        .find((term) => n[term.cell]! > 0 && !seen.has(term.cell));
      if (next === undefined) break;
      atom = next.cell;
      seen.add(atom);
    }
    const cells = around(atom).add(atom);
    holding.set(insider, cells);
    return cells;
  };
  /** How many other people the one person of `insider` learns about by knowing `cell`. */
  const othersLearnt = (insider: number, cell: number): number => {
    if (cell === insider || below(insider, cell)) return 0;
    return holdingPerson(insider).has(cell) ? n[cell]! - n[insider]! : n[cell]!;
  };

  /** Audits one block, given its echelon form and the parts of the equations that fall in it. */
  const auditBlock = (
    { columns, echelon }: ModularBlock,
    rows: readonly ReadonlyMap<number, number>[],
  ): Disclosure[] => {
    const found = new Map<number, ((candidate: number) => boolean) | null>();
    const inspect = (form: ModularEchelon, insider?: number) => {
      for (const row of form.rows) {
        if (row.size !== 1) continue;
        const [cell] = row.keys();
        const people = insider === undefined ? n[cell!]! : othersLearnt(insider, cell!);
        if (people > 0 && sensitive(cell!, people)) found.set(cell!, null);
      }
    };
    inspect(echelon);
    // Bounds: a derivable combination with positive weights over cells whose count is 0 (or n)
    // pins that category for each of them. By Tucker's theorem of alternatives, such a combination
    // reaches cell j unless some change of the suppressed cells that keeps every equation raises
    // j without lowering the others of that support; a small LP finds those changes.
    for (const values of countArrays) {
      for (const all of [false, true]) {
        const onSupport = (cell: number) => (all ? values[cell] === n[cell] : values[cell] === 0);
        const support = columns.filter(onSupport);
        if (!support.some((cell) => sensitive(cell, n[cell]!))) continue;
        // Quick exit: eliminate the cells off the support first (their columns pivot first);
        // if no row is left on the support alone, no combination lives there and no LP is needed.
        const shift = n.length;
        const form = new ModularEchelon();
        for (const row of rows) {
          form.insert(
            new Map(
              [...row].map(([cell, value]) => [onSupport(cell) ? cell + shift : cell, value]),
            ),
          );
        }
        if (
          !form.rows.some(
            (row) => row.size > 0 && [...row.keys()].every((column) => column >= shift),
          )
        )
          continue;
        const movable = new Set(movableWithin(rows, columns, support));
        // A complement breaks this only if its count is not 0 (or not n) for the category.
        for (const cell of support)
          if (!movable.has(cell) && sensitive(cell, n[cell]!) && !found.has(cell))
            found.set(cell, (c) => !onSupport(c));
      }
    }
    // A member of a one-person suppressed cell knows that cell: add it as known and look again.
    if (columns.length >= 2) {
      for (const cell of columns) {
        if (n[cell] !== 1) continue;
        const withInsider = echelon.clone();
        withInsider.insert(new Map([[cell, 1]]));
        inspect(withInsider, cell);
      }
    }
    return [...found];
  };

  const known = new Map<string, Disclosure[]>();
  return (hidden) => {
    const rows: Map<number, number>[] = [];
    for (const list of terms) {
      const row = new Map<number, number>();
      for (const term of list) if (hidden[term.cell] === 1) row.set(term.cell, term.coefficient);
      if (row.size > 0) rows.push(row);
    }
    const { blockOf, blocks, implied } = modularBlocks(rows, n.length);
    // Each equation's part in each block: they span the block's row space (it is a direct
    // summand), with the equations' own coefficients, which the LP needs.
    const partsIn: Map<number, number>[][] = blocks.map(() => []);
    for (const row of rows) {
      const parts = new Map<number, Map<number, number>>();
      for (const [cell, value] of row) {
        const block = blockOf[cell]!;
        let part = parts.get(block);
        if (part === undefined) {
          part = new Map();
          parts.set(block, part);
        }
        part.set(cell, value);
      }
      for (const [block, part] of parts) partsIn[block]!.push(part);
    }
    const disclosed = new Map<number, Disclosure>();
    const derivable = new Set<number>();
    blocks.forEach((block, index) => {
      for (const row of block.echelon.rows)
        if (row.size === 1) derivable.add(row.keys().next().value!);
      // The block's equations name what is audited: the same parts give the same findings.
      const parts = partsIn[index]!;
      const key = parts
        .map((part) =>
          [...part]
            .sort((a, b) => a[0] - b[0])
            .map(([cell, value]) => `${cell}:${value}`)
            .join(','),
        )
        .sort()
        .join(';');
      let found = known.get(key);
      if (found === undefined) {
        found = auditBlock(block, parts);
        known.set(key, found);
      }
      for (const entry of found) if (!disclosed.has(entry[0])) disclosed.set(entry[0], entry);
    });
    // An insider who knows a derivable total around them, in another block, learns the others in it.
    for (let insider = 0; insider < n.length; insider++) {
      if (hidden[insider] !== 1 || n[insider] !== 1 || blockOf[insider]! < 0) continue;
      for (const total of holdingPerson(insider)) {
        if (disclosed.has(total) || !derivable.has(total) || blockOf[total] === blockOf[insider])
          continue;
        const people = n[total]! - n[insider]!;
        if (people > 0 && sensitive(total, people)) disclosed.set(total, [total, null]);
      }
    }
    return {
      disclosed: [...disclosed.values()].sort((a, b) => a[0] - b[0]),
      groupOf: groups(rows, implied, n.length),
    };
  };
}

/** Connected groups of the columns of the rows not implied by others (union-find). */
function groups(
  rows: readonly ReadonlyMap<number, number>[],
  implied: Uint8Array,
  columnCount: number,
): Int32Array {
  const parent = new Int32Array(columnCount).fill(-1);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  rows.forEach((row, index) => {
    if (implied[index] === 1) return;
    let first = -1;
    for (const cell of row.keys()) {
      if (parent[cell] === -1) parent[cell] = cell;
      if (first === -1) first = find(cell);
      else parent[find(cell)] = first;
    }
  });
  for (let cell = 0; cell < columnCount; cell++) if (parent[cell]! >= 0) parent[cell] = find(cell);
  return parent;
}

/**
 * The cells of `support` that some change x of the suppressed cells can raise while keeping every
 * equation (A x = 0), with x >= 0 on the support and free elsewhere: the largest support of such
 * changes, found by one LP (maximise the sum of t_j <= min(1, x_j)). @internal
 */
function movableWithin(
  rows: readonly ReadonlyMap<number, number>[],
  cells: readonly number[],
  support: readonly number[],
): number[] {
  const onSupport = new Set(support);
  const constraints = new Map<string, Constraint>();
  for (let r = 0; r < rows.length; r++) constraints.set(`e${r}`, { equal: 0 });
  const variables = new Map<string, Map<string, number>>();
  const columnOf = new Map<number, Map<string, number>>();
  rows.forEach((row, r) => {
    for (const [cell, value] of row) {
      let column = columnOf.get(cell);
      if (column === undefined) {
        column = new Map();
        columnOf.set(cell, column);
      }
      column.set(`e${r}`, value);
    }
  });
  const column = (cell: number, sign: number) =>
    new Map([...(columnOf.get(cell) ?? [])].map(([name, value]) => [name, sign * value]));
  for (const cell of cells) {
    if (onSupport.has(cell)) {
      const coefficients = column(cell, 1);
      coefficients.set(`lift${cell}`, 1);
      variables.set(`x${cell}`, coefficients);
      constraints.set(`lift${cell}`, { min: 0 });
      constraints.set(`cap${cell}`, { max: 1 });
      variables.set(
        `t${cell}`,
        new Map([
          ['gain', 1],
          [`lift${cell}`, -1],
          [`cap${cell}`, 1],
        ]),
      );
    } else {
      variables.set(`p${cell}`, column(cell, 1));
      variables.set(`q${cell}`, column(cell, -1));
    }
  }
  const model: Model<string, string> = {
    direction: 'maximize',
    objective: 'gain',
    constraints,
    variables,
  };
  const solution = solve(model);
  if (solution.status !== 'optimal') return [];
  const lifted = new Map(solution.variables);
  return support.filter((cell) => (lifted.get(`t${cell}`) ?? 0) > 0.5);
}
