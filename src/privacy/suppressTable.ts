import { type Constraint, type Model, solve } from 'yalps';
import { indexTable } from './checkTable.js';
import { resolveMinGroupSize } from './minGroupSize.js';
import type { Table, TableCell, TableEquation } from './table.js';

/** Why a cell was suppressed, kept in the audit record only. */
export type SuppressionReason = 'primary' | 'attribute' | 'complementary';

/**
 * A cell of a {@link PublishedReport}: its true statistics, whether it is shown, and why it is
 * suppressed. The report is an audit record that keeps the values of suppressed cells so that
 * `verifyNoDisclosure` can prove they cannot be derived: never send it to a reader; publish
 * `toReportables(report)` instead.
 */
export interface PublishedCell extends TableCell {
  readonly status: 'shown' | 'suppressed';
  readonly reason?: SuppressionReason;
}

/** The cells a report publishes and the equations that tie them (DESIGN.md). */
export interface PublishedReport {
  readonly cells: readonly PublishedCell[];
  readonly equations: readonly TableEquation[];
  readonly minGroupSize: number;
}

/** Options of {@link suppressTable}. */
export interface SuppressTableOptions {
  /** Minimum distinct respondents behind a shown cell. Default 5; values below 3 are refused. */
  readonly minGroupSize?: number;
}

// Arithmetic modulo a prime below 2^26, so that products stay exact in doubles. The audit here is
// a fast heuristic (a rank mod p can only be lower than over the rationals, which errs towards
// suppressing more); verifyNoDisclosure decides exactly, with code that shares nothing with this.
const P = 67_108_859;

function modInverse(value: number): number {
  let [a, b, x, y] = [value, P, 1, 0];
  while (b !== 0) {
    const q = Math.floor(a / b);
    [a, b] = [b, a - q * b];
    [x, y] = [y, x - q * y];
  }
  return ((x % P) + P) % P;
}

const mulMod = (a: number, b: number) => (a * b) % P;

/** A sparse reduced row echelon form mod P, built row by row. @internal */
class ModularEchelon {
  readonly rows: Map<number, number>[] = [];
  readonly pivotRow = new Map<number, number>();
  readonly rowsWithColumn = new Map<number, Set<number>>();

  clone(): ModularEchelon {
    const copy = new ModularEchelon();
    for (const row of this.rows) copy.rows.push(new Map(row));
    for (const [column, row] of this.pivotRow) copy.pivotRow.set(column, row);
    for (const [column, rows] of this.rowsWithColumn)
      copy.rowsWithColumn.set(column, new Set(rows));
    return copy;
  }

  /** Adds a row; returns the indices of the rows that changed. */
  insert(input: ReadonlyMap<number, number>): number[] {
    const row = new Map<number, number>();
    for (const [column, value] of input) {
      const v = ((value % P) + P) % P;
      if (v !== 0) row.set(column, v);
    }
    for (const [column, pivot] of this.pivotRow) {
      const factor = row.get(column);
      if (factor === undefined) continue;
      for (const [c, v] of this.rows[pivot]!) {
        const next = ((row.get(c) ?? 0) - mulMod(factor, v) + P) % P;
        if (next === 0) row.delete(c);
        else row.set(c, next);
      }
    }
    if (row.size === 0) return [];
    const pivotColumn = Math.min(...row.keys());
    const inverse = modInverse(row.get(pivotColumn)!);
    for (const [c, v] of row) row.set(c, mulMod(v, inverse));
    const index = this.rows.length;
    const changed = [index];
    for (const other of [...(this.rowsWithColumn.get(pivotColumn) ?? [])]) {
      const target = this.rows[other]!;
      const factor = target.get(pivotColumn)!;
      for (const [c, v] of row) {
        const next = ((target.get(c) ?? 0) - mulMod(factor, v) + P) % P;
        if (next === 0) {
          target.delete(c);
          this.rowsWithColumn.get(c)?.delete(other);
        } else {
          if (!target.has(c)) this.track(c, other);
          target.set(c, next);
        }
      }
      changed.push(other);
    }
    this.rows.push(row);
    this.pivotRow.set(pivotColumn, index);
    for (const c of row.keys()) this.track(c, index);
    return changed;
  }

  private track(column: number, row: number): void {
    let set = this.rowsWithColumn.get(column);
    if (set === undefined) {
      set = new Set();
      this.rowsWithColumn.set(column, set);
    }
    set.add(row);
  }
}

/**
 * Suppresses the cells of a table so that nothing below the minimum group size can be seen or
 * derived from everything the table publishes, and returns the audit record.
 *
 * 1. Primary suppression: a cell with fewer than `minGroupSize` distinct respondents, including
 *    an empty one. Attribute rule: a cell in which everyone falls in one category (a count equal
 *    to n: a team of 6 who are all detractors) is suppressed too, because it tells each member's
 *    answer to anyone who knows who is in the team.
 * 2. Complementary suppression, greedy: while an equation has exactly one suppressed term, or two
 *    where one holds a single person (who can subtract themselves), or suppressed terms of one
 *    sign whose derivable category total is 0 or everyone, suppress one more of its shown terms.
 *    It picks the term that hides the fewest respondents, and avoids totals (parents), which
 *    cascade upwards; choosing the fewest cells is NP-hard, so this minimises greedily.
 * 3. An audit by linear algebra over all equations at once (modulo a prime, per connected group of
 *    suppressed cells): any suppressed cell still determined by a combination of equations gets
 *    another complement, and the loop repeats.
 *
 * The guarantee is checked independently by `verifyNoDisclosure`, which shares no reasoning code
 * with this function. Empty cells may be derivable as empty: they hide nobody.
 *
 * Roughly O(equations x terms) for the greedy pass plus the elimination of each group of
 * suppressed cells (small for team trees).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 * @throws {InternalCustomerError} `INVALID_INPUT` for unknown cells, duplicate ids or equations that do not add up.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for negative or fractional counts.
 *
 * @example
 * const table = teamTreeTable(
 *   [{ id: 'org' }, { id: 'a', parentId: 'org' }, { id: 'b', parentId: 'org' }, { id: 'c', parentId: 'org' }],
 *   new Map([['a', { n: 3 }], ['b', { n: 9 }], ['c', { n: 12 }]]),
 * );
 * const report = suppressTable(table);
 * report.cells.map((cell) => [cell.id, cell.status, cell.reason]) // => [['team:a', 'suppressed', 'primary'], ['team:b', 'suppressed', 'complementary'], ['team:c', 'shown', undefined], ['team:org', 'shown', undefined]]
 */
export function suppressTable(table: Table, options: SuppressTableOptions = {}): PublishedReport {
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  const indexed = indexTable('suppressTable', table.cells, table.equations, () => true);
  const { n, counts, terms } = indexed;
  const size = n.length;
  const hidden = new Uint8Array(size);
  const reason: (SuppressionReason | undefined)[] = new Array(size).fill(undefined);
  const equationsOf: number[][] = Array.from({ length: size }, () => []);
  const totalsOf: number[][] = Array.from({ length: size }, () => []);
  const isTotal = new Uint8Array(size);
  terms.forEach((list, e) => {
    for (const term of list) equationsOf[term.cell]!.push(e);
    for (const term of list.slice(1)) totalsOf[term.cell]!.push(list[0]!.cell);
    isTotal[list[0]!.cell] = 1;
  });
  const countArrays = [...counts.values()];
  const totalPenalty = n.reduce((sum, value) => sum + value, 0) + 1;
  const cost = (cell: number) => n[cell]! + (isTotal[cell] === 1 ? totalPenalty : 0);

  for (let cell = 0; cell < size; cell++) {
    if (n[cell]! < minGroupSize) {
      hidden[cell] = 1;
      reason[cell] = 'primary';
    } else if (countArrays.some((values) => values[cell] === n[cell])) {
      hidden[cell] = 1;
      reason[cell] = 'attribute';
    }
  }

  /** The category (if any) in which the cells' people are all out (count 0) or all in (count n). */
  const revealedCategory = (
    cells: readonly number[],
  ): { values: Float64Array; all: boolean } | undefined => {
    let people = 0;
    for (const cell of cells) people += n[cell]!;
    if (people === 0) return undefined;
    for (const values of countArrays) {
      let total = 0;
      for (const cell of cells) total += values[cell]!;
      if (total === 0) return { values, all: false };
      if (total === people) return { values, all: true };
    }
    return undefined;
  };

  /** Whether learning `people` of this cell harms someone: too few, or all in one category. */
  const sensitive = (cell: number, people: number): boolean =>
    people > 0 &&
    (people < minGroupSize ||
      countArrays.some((values) => n[cell]! > 0 && values[cell] === n[cell]));

  const cheapestShown = (candidates: Iterable<number>): number | undefined => {
    let best: number | undefined;
    for (const cell of candidates) {
      if (hidden[cell] === 1) continue;
      if (
        best === undefined ||
        cost(cell) < cost(best) ||
        (cost(cell) === cost(best) && cell < best)
      )
        best = cell;
    }
    return best;
  };

  const queue: number[] = [];
  const queued = new Uint8Array(terms.length);
  const enqueue = (e: number) => {
    if (queued[e] === 0) {
      queued[e] = 1;
      queue.push(e);
    }
  };
  const hide = (cell: number) => {
    hidden[cell] = 1;
    reason[cell] = 'complementary';
    for (const e of equationsOf[cell]!) enqueue(e);
  };

  /** Whether an equation needs a complement; for a shared category, which complements break it. */
  const needsComplement = (e: number): boolean | ((candidate: number) => boolean) => {
    const list = terms[e]!;
    const suppressed = list.filter((term) => hidden[term.cell] === 1);
    if (suppressed.length === 0 || suppressed.length === list.length) return false;
    const cellsHidden = suppressed.map((term) => term.cell);
    if (cellsHidden.length === 1) return sensitive(cellsHidden[0]!, n[cellsHidden[0]!]!);
    if (cellsHidden.length === 2) {
      const [x, y] = cellsHidden as [number, number];
      if ((n[x] === 1 && sensitive(y, n[y]!)) || (n[y] === 1 && sensitive(x, n[x]!))) return true;
    }
    const sign = suppressed[0]!.coefficient;
    if (
      suppressed.every((term) => term.coefficient === sign) &&
      cellsHidden.some((cell) => sensitive(cell, n[cell]!))
    ) {
      const revealed = revealedCategory(cellsHidden);
      // Prefer a complement whose count differs from the shared one (0, or everyone).
      if (revealed !== undefined) {
        return (candidate: number) =>
          revealed.all
            ? revealed.values[candidate] !== n[candidate]
            : revealed.values[candidate]! > 0;
      }
    }
    return false;
  };

  const greedy = () => {
    while (queue.length > 0) {
      const e = queue.pop()!;
      queued[e] = 0;
      const need = needsComplement(e);
      if (need === false) continue;
      const candidates = terms[e]!.map((term) => term.cell);
      const pick =
        (need === true ? undefined : cheapestShown(candidates.filter(need))) ??
        cheapestShown(candidates);
      if (pick === undefined) continue;
      hide(pick);
      enqueue(e);
    }
  };

  for (let e = 0; e < terms.length; e++) enqueue(e);
  greedy();
  for (let round = 0; round <= size; round++) {
    const disclosed = audit(indexed, hidden, sensitive, totalsOf);
    if (disclosed.length === 0) break;
    let progressed = false;
    for (const [cell, breaks] of disclosed) {
      const neighbours = equationsOf[cell]!.flatMap((e) => terms[e]!.map((term) => term.cell));
      const around = () => componentNeighbours(cell, indexed, hidden, equationsOf);
      // For a bounds finding, first try complements that break the shared category.
      const pick =
        (breaks === null
          ? undefined
          : (cheapestShown(neighbours.filter(breaks)) ?? cheapestShown(around().filter(breaks)))) ??
        cheapestShown(neighbours) ??
        cheapestShown(around());
      if (pick !== undefined) {
        hide(pick);
        progressed = true;
      }
    }
    if (!progressed) break;
    greedy();
  }

  return {
    cells: table.cells.map((cell, index) => ({
      ...cell,
      status: hidden[index] === 1 ? 'suppressed' : 'shown',
      ...(reason[index] === undefined ? {} : { reason: reason[index] }),
    })),
    equations: table.equations,
    minGroupSize,
  };
}

/** The shown cells in the equations of the suppressed cells connected to `start`. @internal */
function componentNeighbours(
  start: number,
  indexed: ReturnType<typeof indexTable>,
  hidden: Uint8Array,
  equationsOf: readonly number[][],
): number[] {
  const seen = new Set([start]);
  const stack = [start];
  const shown: number[] = [];
  while (stack.length > 0) {
    const cell = stack.pop()!;
    for (const e of equationsOf[cell]!) {
      for (const term of indexed.terms[e]!) {
        if (seen.has(term.cell)) continue;
        seen.add(term.cell);
        if (hidden[term.cell] === 1) stack.push(term.cell);
        else shown.push(term.cell);
      }
    }
  }
  return shown;
}

/**
 * Finds suppressed cells (with people) that a reader could still derive: exactly, by a
 * combination of equations; with the help of a member of a one-person suppressed cell; or
 * through a derivable category total of 0 or everyone. Works per connected group of suppressed
 * cells, modulo a prime. @internal
 */
function audit(
  indexed: ReturnType<typeof indexTable>,
  hidden: Uint8Array,
  sensitive: (cell: number, people: number) => boolean,
  totalsOf: readonly (readonly number[])[],
): [cell: number, breaks: ((candidate: number) => boolean) | null][] {
  const { n, terms } = indexed;
  const countArrays = [...indexed.counts.values()];
  const partsOfTotal: number[][] = [];
  terms.forEach((equation, e) => {
    const total = equation[0]!.cell;
    const list = partsOfTotal[total] ?? [];
    list.push(e);
    partsOfTotal[total] = list;
  });
  /** How many other people the one person of `insider` learns about by knowing `cell`. */
  const othersLearnt = (insider: number, cell: number): number => {
    if (cell === insider || below(insider, cell)) return 0;
    // Walk up from the insider through totals: a total around the insider holds them too.
    const seen = new Set([insider]);
    const stack = [insider];
    while (stack.length > 0) {
      for (const total of totalsOf[stack.pop()!]!) {
        if (total === cell) return n[cell]! - n[insider]!;
        if (seen.has(total)) continue;
        seen.add(total);
        stack.push(total);
      }
    }
    return n[cell]!;
  };
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
  // Group the equations by connected suppressed cells (union-find over their suppressed terms).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const rowsByGroup = new Map<number, Map<number, number>[]>();
  const restricted: { root: number; row: Map<number, number> }[] = [];
  for (const list of terms) {
    const row = new Map<number, number>();
    for (const term of list) if (hidden[term.cell] === 1) row.set(term.cell, term.coefficient);
    if (row.size === 0) continue;
    for (const cell of row.keys()) if (!parent.has(cell)) parent.set(cell, cell);
    const [first, ...rest] = row.keys();
    for (const cell of rest) parent.set(find(cell), find(first!));
    restricted.push({ root: first!, row });
  }
  for (const { root, row } of restricted) {
    const group = find(root);
    let list = rowsByGroup.get(group);
    if (list === undefined) {
      list = [];
      rowsByGroup.set(group, list);
    }
    list.push(row);
  }
  const disclosed: [cell: number, breaks: ((candidate: number) => boolean) | null][] = [];
  for (const rows of rowsByGroup.values()) {
    const echelon = new ModularEchelon();
    for (const row of rows) echelon.insert(row);
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
    const cellsHere = [...new Set(rows.flatMap((row) => [...row.keys()]))];
    for (const values of countArrays) {
      for (const all of [false, true]) {
        const onSupport = (cell: number) => (all ? values[cell] === n[cell] : values[cell] === 0);
        const support = cellsHere.filter(onSupport);
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
        const movable = new Set(movableWithin(rows, cellsHere, support));
        // A complement breaks this only if its count is not 0 (or not n) for the category.
        for (const cell of support)
          if (!movable.has(cell) && sensitive(cell, n[cell]!) && !found.has(cell))
            found.set(cell, (c) => !onSupport(c));
      }
    }
    // A member of a one-person suppressed cell knows that cell: add it as known and look again.
    for (const cell of cellsHere) {
      if (n[cell] !== 1 || cellsHere.length < 2) continue;
      const withInsider = echelon.clone();
      withInsider.insert(new Map([[cell, 1]]));
      inspect(withInsider, cell);
    }
    for (const entry of found) disclosed.push(entry);
  }
  return disclosed.sort((a, b) => a[0] - b[0]);
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
  const column = (cell: number, sign: number) => {
    const coefficients = new Map<string, number>();
    rows.forEach((row, r) => {
      const value = row.get(cell);
      if (value !== undefined) coefficients.set(`e${r}`, sign * value);
    });
    return coefficients;
  };
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
