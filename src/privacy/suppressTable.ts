import { InternalCustomerError } from '../core/errors.js';
import { indexTable } from './checkTable.js';
import { resolveMinGroupSize } from './minGroupSize.js';
import { ModularEchelon } from './modularEchelon.js';
import { suppressionAuditor } from './suppressionAudit.js';
import type { Table, TableCell, TableEquation } from './table.js';

/**
 * Why a cell was suppressed, kept in the audit record only (a reader's footnote lists the possible
 * reasons generically: one cell's reason would tell what it hides). `primary`: 1 to
 * minGroupSize - 1 people; `attribute`: everyone in one category of a variable; `complementary`:
 * hidden so that another hidden cell cannot be worked out; `empty`: nobody in it, known from the
 * org chart, so hiding it protects nothing and it is never counted as a complement; `ledger`:
 * refused by the release ledger (`ledgerRefusals`: it differs from an earlier release by 1 to
 * minGroupSize - 1 people), hidden in advance and protected like a cell at risk.
 */
export type SuppressionReason = 'primary' | 'attribute' | 'complementary' | 'empty' | 'ledger';

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
  /**
   * Ids of cells hidden in advance (reason `ledger`: refused by the release ledger). Each is
   * protected like a cell at risk: complements are chosen so that it cannot be worked out from
   * what the table shows. Default none.
   */
  readonly refused?: readonly string[];
}

/**
 * Suppresses the cells of a table so that nothing below the minimum group size can be seen or
 * derived from everything the table publishes, and returns the audit record.
 *
 * 1. Primary suppression: a cell with fewer than `minGroupSize` distinct respondents (reason
 *    `primary`), and an empty one (reason `empty`: it protects nothing). Attribute rule (reason
 *    `attribute`): a cell in which everyone falls in one category (a count equal to n: a team of
 *    6 who are all detractors) is suppressed too, because it tells each member's answer to anyone
 *    who knows who is in the team. Complements get reason `complementary`.
 * 2. Complementary suppression, greedy: while an equation has exactly one suppressed term (at
 *    risk, or itself a complement, which protects nothing while it can be worked out), or two
 *    where one holds a single person (who can subtract themselves), or suppressed terms of one
 *    sign whose derivable category total is 0 or everyone, suppress one more of its shown terms.
 *    It picks the term that hides the fewest respondents, counting for a term that would be the
 *    one unknown of another equation (a parent team, a team over a breakdown) the cheapest
 *    complement it would need there, and never the company total (the largest total that is no
 *    equation's part) while anything else protects. Choosing the fewest cells is NP-hard, so this
 *    minimises greedily; on random organisations it comes within a few percent of the optimum
 *    (BENCHMARKS.md, usefulness).
 * 3. An audit by linear algebra over all equations at once (modulo a prime, on independent blocks
 *    of suppressed cells): any suppressed cell still determined by a combination of equations, or
 *    by a category total of 0 or everyone, gets another complement, and the loop repeats. A grand
 *    total that adds up sub-totals known anyway (`all` over every manager's direct cell) joins no
 *    blocks, so nested trees split into small blocks; a block unchanged since the last round is
 *    not audited again. Each group of suppressed cells gets one complement per round: the
 *    cheapest shown term of the equations within the group, its own equations first, preferring
 *    cells that are not pinned (a cell whose equation has no other suppressed term would be
 *    derivable at once, so suppressing it alone protects nothing).
 *
 *    The audit reads counts as whole numbers >= 0: an unknown forced to 0 (a team total equal to
 *    one group's forces the other groups to 0) joins the system as an equation, and whatever it
 *    pins gets a complement too. A suppressed empty cell is a known zero (the org chart tells):
 *    it never counts as protecting another cell, and is never picked as a complement.
 *
 * Counts are read through the declared variables (`CellStatistics.variables`): for a categorical
 * variable (an exit: stayed, voluntary, involuntary, other) only a category holding everyone is
 * a shared attribute, so a kind that is 0 everywhere protects and discloses nothing. A count no
 * variable declares is a yes/no variable, and learning that nobody in a small hidden cell has it
 * is a disclosure too.
 *
 * The guarantee is checked independently by `verifyNoDisclosure`, which shares no reasoning code
 * with this function. Empty cells may be derivable as empty: they hide nobody.
 *
 * Roughly O(equations x terms) for the greedy pass, plus for each audit round a near-linear split
 * into blocks and the elimination (and a small LP per category) within each block that changed.
 * Team trees and manager trees split into blocks of a few cells; a few rounds suffice.
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
  // A category of a declared variable: a total of 0 there tells nothing by itself.
  const declaredKeys = new Set([...indexed.variables.values()].flat());
  const yesNo = [...counts.keys()].map((key) => !declaredKeys.has(key));
  // The company total: the largest cell that is a total and no equation's part ('*|*' too).
  const largest = n.reduce((most, value) => Math.max(most, value), 0);
  const isCompanyTotal = Uint8Array.from(n, (people, cell) =>
    isTotal[cell] === 1 && totalsOf[cell]!.length === 0 && people === largest ? 1 : 0,
  );
  const lastResort = n.reduce((sum, value) => sum + value, 0) + 1;

  const refused = refusedCells(table, options.refused);
  for (let cell = 0; cell < size; cell++) {
    if (n[cell]! < minGroupSize) {
      hidden[cell] = 1;
      reason[cell] = n[cell] === 0 ? 'empty' : 'primary';
    } else if (countArrays.some((values) => values[cell] === n[cell])) {
      hidden[cell] = 1;
      reason[cell] = 'attribute';
    } else if (refused[cell] === 1) {
      hidden[cell] = 1;
      reason[cell] = 'ledger';
    }
  }

  /** Whether learning `people` of this cell harms someone: too few, or all in one category. */
  const sensitive = (cell: number, people: number): boolean =>
    people > 0 &&
    (people < minGroupSize ||
      refused[cell] === 1 ||
      countArrays.some((values) => n[cell]! > 0 && values[cell] === n[cell]));

  /** The shown cell of `candidates` cheapest to hide; `sparing`: never the company total. */
  const cheapestShown = (candidates: Iterable<number>, sparing: boolean): number | undefined => {
    let best: number | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const cell of candidates) {
      // An empty cell protects nothing: it is known to be empty (the org chart).
      if (hidden[cell] === 1 || n[cell] === 0 || (sparing && isCompanyTotal[cell] === 1)) continue;
      const cost = complementCost(cell, state, lastResort);
      if (cost < bestCost || (cost === bestCost && cell < best!)) {
        best = cell;
        bestCost = cost;
      }
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
  // What the suppressed terms of each equation add up to, kept up to date as cells are
  // suppressed: how many there are (a shown cell in an equation with none is pinned, since
  // suppressing it alone would leave it the one unknown there), how many are parts, how many are
  // at risk, and their people and category counts. A grand total over thousands of cells is then
  // checked in O(categories) however often its terms change.
  const atRisk = Uint8Array.from(n, (people, cell) => (sensitive(cell, people) ? 1 : 0));
  const hiddenTerms = new Int32Array(terms.length);
  const state = { n, terms, equationsOf, isCompanyTotal, hidden, hiddenTerms };
  const hiddenParts = new Int32Array(terms.length);
  const hiddenAtRisk = new Int32Array(terms.length);
  const hiddenPeople = new Float64Array(terms.length);
  const hiddenCounts = countArrays.map(() => new Float64Array(terms.length));
  const tally = (cell: number) => {
    if (n[cell] === 0) return; // a known zero: not an unknown of any equation
    for (const e of equationsOf[cell]!) {
      hiddenTerms[e]!++;
      if (terms[e]![0]!.cell !== cell) hiddenParts[e]!++;
      hiddenAtRisk[e]! += atRisk[cell]!;
      hiddenPeople[e]! += n[cell]!;
      countArrays.forEach((values, k) => {
        hiddenCounts[k]![e]! += values[cell]!;
      });
    }
  };
  for (let cell = 0; cell < size; cell++) if (hidden[cell] === 1) tally(cell);
  const hide = (cell: number) => {
    hidden[cell] = 1;
    reason[cell] = 'complementary';
    tally(cell);
    for (const e of equationsOf[cell]!) enqueue(e);
  };
  const unpinned = (cell: number) => equationsOf[cell]!.every((e) => hiddenTerms[e]! > 0);

  /** Whether an equation needs a complement; for a shared category, which complements break it. */
  const needsComplement = (e: number): boolean | ((candidate: number) => boolean) => {
    const list = terms[e]!;
    const count = hiddenTerms[e]!;
    if (count === 0 || count === list.length) return false;
    if (count <= 2) {
      const cellsHidden = list
        .filter((term) => hidden[term.cell] === 1 && n[term.cell]! > 0)
        .map((term) => term.cell);
      if (count === 1)
        return atRisk[cellsHidden[0]!] === 1 || reason[cellsHidden[0]!] === 'complementary';
      const [x, y] = cellsHidden as [number, number];
      if ((n[x] === 1 && atRisk[y] === 1) || (n[y] === 1 && atRisk[x] === 1)) return true;
    }
    // Suppressed terms of one sign, one of them at risk, whose category total is 0 or everyone.
    const oneSign = hiddenParts[e] === 0 || hiddenParts[e] === count;
    const people = hiddenPeople[e]!;
    if (!oneSign || hiddenAtRisk[e] === 0 || people === 0) return false;
    for (const [k, values] of countArrays.entries()) {
      const total = hiddenCounts[k]![e]!;
      // Prefer a complement whose count differs from the shared one (0, or everyone).
      if (total === 0 && yesNo[k]) return (candidate: number) => values[candidate]! > 0;
      if (total === people) return (candidate: number) => values[candidate] !== n[candidate];
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
      // Never the company total here: if nothing else in the equation protects, the audit
      // looks further.
      const pick =
        (need === true ? undefined : cheapestShown(candidates.filter(need), true)) ??
        cheapestShown(candidates, true);
      if (pick === undefined) continue;
      hide(pick);
      enqueue(e);
    }
  };

  for (let e = 0; e < terms.length; e++) enqueue(e);
  greedy();
  const audit = suppressionAuditor(indexed, sensitive, totalsOf, minGroupSize);
  let before = new Set<number>();
  for (let round = 0; round <= size; round++) {
    const { disclosed, groupOf } = audit(hidden);
    if (disclosed.length === 0) break;
    // Cells still found after a complement in their group: the cheapest shown term of the group
    // did not break how they are derived, so take a term of the equations that derive them.
    const again = before;
    before = new Set(disclosed.map(([cell]) => cell));
    // The equations that lie within one group (all their suppressed terms in it), by group.
    const localTo = new Int32Array(terms.length).fill(-1);
    const equationsIn = new Map<number, number[]>();
    terms.forEach((list, e) => {
      let group = -1;
      for (const term of list) {
        if (hidden[term.cell] !== 1 || n[term.cell] === 0) continue; // a known zero
        const here = groupOf[term.cell]!;
        if (here < 0 || (group >= 0 && here !== group)) return;
        group = here;
      }
      if (group < 0) return;
      localTo[e] = group;
      const inGroup = equationsIn.get(group);
      if (inGroup === undefined) equationsIn.set(group, [e]);
      else inGroup.push(e);
    });
    const cellsOf = (equations: readonly number[]) =>
      equations.flatMap((e) => terms[e]!.map((term) => term.cell));
    let progressed = false;
    const protectedGroups = new Set<number>();
    for (const [cell, breaks] of disclosed) {
      // One complement per group and round: the next audit tells whether it was enough.
      const group = groupOf[cell]!;
      if (group >= 0 && protectedGroups.has(group)) continue;
      // First choice: a shown term of the equations within this cell's group, its own equations
      // first, that is not pinned (suppressing a cell alone in an equation cannot hide it) and,
      // for a bounds finding, breaks the shared category. An equation that joins other groups
      // (a grand total of sub-totals known anyway) is not a way to protect it. Then, as before,
      // any term of its equations or of its connected cells.
      const own = cellsOf(equationsOf[cell]!.filter((e) => group >= 0 && localTo[e] === group));
      const inGroup = cellsOf(equationsIn.get(group) ?? []);
      const breaking = (c: number) => breaks === null || breaks(c);
      const useful = (c: number) => unpinned(c) && breaking(c);
      const neighbours = () =>
        equationsOf[cell]!.flatMap((e) => terms[e]!.map((term) => term.cell));
      const around = () => componentNeighbours(cell, indexed, hidden, equationsOf);
      const derivation =
        breaks === null && again.has(cell)
          ? derivingCells(cell, equationsIn.get(group) ?? [], indexed, hidden)
          : [];
      const choose = (sparing: boolean) =>
        cheapestShown(derivation.filter(unpinned), sparing) ??
        cheapestShown(derivation, sparing) ??
        cheapestShown(own.filter(useful), sparing) ??
        cheapestShown(inGroup.filter(useful), sparing) ??
        cheapestShown(own.filter(unpinned), sparing) ??
        cheapestShown(inGroup.filter(unpinned), sparing) ??
        cheapestShown(own.filter(breaking), sparing) ??
        cheapestShown(inGroup.filter(breaking), sparing) ??
        cheapestShown(inGroup, sparing) ??
        (breaks === null
          ? undefined
          : (cheapestShown(neighbours().filter(breaks), sparing) ??
            cheapestShown(around().filter(breaks), sparing))) ??
        cheapestShown(neighbours(), sparing) ??
        cheapestShown(around(), sparing);
      // The company total only when nothing else protects the cell.
      const pick = choose(true) ?? choose(false);
      if (pick !== undefined) {
        hide(pick);
        progressed = true;
        if (group >= 0) protectedGroups.add(group);
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

/** Which cells are refused in advance, by index. @internal */
function refusedCells(table: Table, ids: readonly string[] = []): Uint8Array {
  const refused = new Uint8Array(table.cells.length);
  if (ids.length === 0) return refused;
  const position = new Map(table.cells.map((cell, index) => [cell.id, index]));
  for (const id of ids) {
    const index = position.get(id);
    if (index === undefined) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `suppressTable got refused cell "${id}", which is not in the table`,
      );
    }
    refused[index] = 1;
  }
  return refused;
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
        if (hidden[term.cell] === 1 && indexed.n[term.cell]! > 0) stack.push(term.cell);
        else shown.push(term.cell);
      }
    }
  }
  return shown;
}

/**
 * The shown cells of the equations that derive `target` from the equations `within` (over the
 * suppressed cells with people), also with what the member of each one-person suppressed cell
 * knows: a combination of the equations that is `target` alone, found modulo a prime by
 * eliminating the equations tagged with their own columns. Suppressing one of these cells puts an
 * unknown into that combination. Empty when the equations do not derive it. @internal
 */
function derivingCells(
  target: number,
  within: readonly number[],
  indexed: ReturnType<typeof indexTable>,
  hidden: Uint8Array,
): number[] {
  const { n, terms } = indexed;
  const unknown = (cell: number) => hidden[cell] === 1 && n[cell]! > 0;
  const offset = n.length;
  const form = new ModularEchelon();
  const insiders = new Set<number>();
  within.forEach((e, index) => {
    const row = new Map<number, number>([[offset + index, 1]]);
    for (const term of terms[e]!) {
      if (!unknown(term.cell)) continue;
      row.set(term.cell, term.coefficient);
      if (n[term.cell] === 1) insiders.add(term.cell);
    }
    form.insert(row);
  });
  for (const cell of insiders) form.insert(new Map([[cell, 1]]));
  const pivot = form.pivotRow.get(target);
  if (pivot === undefined) return [];
  const row = form.rows[pivot]!;
  if ([...row.keys()].some((column) => column < offset && column !== target)) return [];
  const cells = new Set<number>();
  for (const column of row.keys()) {
    if (column < offset) continue;
    for (const term of terms[within[column - offset]!]!)
      if (!unknown(term.cell)) cells.add(term.cell);
  }
  return [...cells];
}

/** What {@link complementCost} reads of the suppression under way. @internal */
interface ComplementState {
  readonly n: readonly number[];
  readonly terms: ReturnType<typeof indexTable>['terms'];
  readonly equationsOf: readonly (readonly number[])[];
  readonly isCompanyTotal: Uint8Array;
  readonly hidden: Uint8Array;
  /** Per equation, its suppressed terms holding people. */
  readonly hiddenTerms: Int32Array;
}

/**
 * What hiding a shown cell as a complement costs, in respondents hidden: its own n, plus, for
 * each of its equations without a suppressed term yet (where it would be the one unknown, so
 * derivable, and protect nothing), the n of the cheapest complement that equation would then
 * need. The company total costs `lastResort` more (more than all respondents together): it is
 * hidden as a complement only when nothing else protects. @internal
 */
function complementCost(cell: number, state: ComplementState, lastResort: number): number {
  const { n, terms, equationsOf, hidden, hiddenTerms } = state;
  if (state.isCompanyTotal[cell] === 1) return n[cell]! + lastResort;
  let cost = n[cell]!;
  for (const e of equationsOf[cell]!) {
    if (hiddenTerms[e]! > 0) continue;
    let next = lastResort;
    for (const term of terms[e]!) {
      const other = term.cell;
      if (other !== cell && hidden[other] === 0 && n[other]! > 0 && n[other]! < next)
        next = n[other]!;
    }
    cost += next;
  }
  return cost;
}
