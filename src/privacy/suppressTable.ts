import { InternalCustomerError } from '../core/errors.js';
import { gateMutants } from '../internal/gateMutants.js';
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
 *    sign whose derivable category total is 0 or everyone, or suppressed parts of a shown total
 *    that together hold 1 to minGroupSize - 1 people, suppress one more of its shown terms.
 *    It picks the term that hides the fewest respondents, counting for a term that would be the
 *    one unknown of another equation (a parent team, a team over a breakdown) the cheapest
 *    complement it would need there, and never the company total (the largest total that is no
 *    equation's part) while anything else protects. Choosing the fewest cells is NP-hard, so this
 *    minimises greedily; on random organisations it comes within a few percent of the optimum
 *    (BENCHMARKS.md, usefulness).
 * 3. An audit by linear algebra over all equations at once (modulo a prime, on independent blocks
 *    of suppressed cells): any suppressed cell still determined by a combination of equations, or
 *    by a category total of 0 or everyone, or together with other small cells in no other cell
 *    into a sum below minGroupSize (a union), gets another complement, and the loop repeats. A grand
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
  const run = new Suppression(indexed, minGroupSize, () => refusedCells(table, options.refused));
  run.greedyFromScratch();
  run.auditUntilSafe();
  return {
    cells: table.cells.map((cell, index) => ({
      ...cell,
      status: run.hidden[index] === 1 ? 'suppressed' : 'shown',
      ...(run.reason[index] === undefined ? {} : { reason: run.reason[index] }),
    })),
    equations: table.equations,
    minGroupSize,
  };
}

/**
 * The suppression of one table under way: which cells are hidden and why, and, per equation,
 * what its suppressed terms add up to, kept up to date as cells are suppressed (how many there
 * are: a shown cell in an equation with none is pinned, since suppressing it alone would leave it
 * the one unknown there; how many are parts, how many are at risk, and their people and category
 * counts). A grand total over thousands of cells is then checked in O(categories) however often
 * its terms change. @internal
 */
class Suppression implements ComplementState {
  readonly n: readonly number[];
  readonly terms: ReturnType<typeof indexTable>['terms'];
  readonly size: number;
  readonly hidden: Uint8Array;
  readonly reason: (SuppressionReason | undefined)[];
  readonly equationsOf: number[][];
  readonly totalsOf: number[][];
  readonly countArrays: readonly Float64Array[];
  /** Per category key: a yes/no variable (no declared variable holds it). */
  readonly yesNo: readonly boolean[];
  readonly isCompanyTotal: Uint8Array;
  /** More than all respondents together: the cost added to the company total. */
  readonly lastResort: number;
  readonly refused: Uint8Array;
  readonly atRisk: Uint8Array;
  readonly queue: number[] = [];
  readonly queued: Uint8Array;
  readonly hiddenTerms: Int32Array;
  readonly hiddenParts: Int32Array;
  readonly hiddenAtRisk: Int32Array;
  readonly hiddenPeople: Float64Array;
  readonly hiddenCounts: Float64Array[];

  constructor(
    readonly indexed: ReturnType<typeof indexTable>,
    readonly minGroupSize: number,
    refusedOf: () => Uint8Array,
  ) {
    const { n, counts, terms } = indexed;
    this.n = n;
    this.terms = terms;
    const size = n.length;
    this.size = size;
    this.hidden = new Uint8Array(size);
    this.reason = new Array(size).fill(undefined);
    this.equationsOf = Array.from({ length: size }, () => []);
    this.totalsOf = Array.from({ length: size }, () => []);
    const isTotal = new Uint8Array(size);
    terms.forEach((list, e) => {
      for (const term of list) this.equationsOf[term.cell]!.push(e);
      for (const term of list.slice(1)) this.totalsOf[term.cell]!.push(list[0]!.cell);
      isTotal[list[0]!.cell] = 1;
    });
    this.countArrays = [...counts.values()];
    // A category of a declared variable: a total of 0 there tells nothing by itself.
    const declaredKeys = new Set([...indexed.variables.values()].flat());
    this.yesNo = [...counts.keys()].map((key) => !declaredKeys.has(key));
    // The company total: the largest cell that is a total and no equation's part ('*|*' too).
    const largest = n.reduce((most, value) => Math.max(most, value), 0);
    this.isCompanyTotal = Uint8Array.from(n, (people, cell) =>
      isTotal[cell] === 1 && this.totalsOf[cell]!.length === 0 && people === largest ? 1 : 0,
    );
    this.lastResort = n.reduce((sum, value) => sum + value, 0) + 1;
    this.refused = refusedOf();
    this.suppressPrimary();
    this.queued = new Uint8Array(terms.length);
    this.atRisk = Uint8Array.from(n, (people, cell) => (this.sensitive(cell, people) ? 1 : 0));
    this.hiddenTerms = new Int32Array(terms.length);
    this.hiddenParts = new Int32Array(terms.length);
    this.hiddenAtRisk = new Int32Array(terms.length);
    this.hiddenPeople = new Float64Array(terms.length);
    this.hiddenCounts = this.countArrays.map(() => new Float64Array(terms.length));
    for (let cell = 0; cell < size; cell++) if (this.hidden[cell] === 1) this.tally(cell);
  }

  /** Primary suppression: too few people, everyone in one category, or refused in advance. */
  private suppressPrimary(): void {
    const { n, hidden, reason, refused } = this;
    for (let cell = 0; cell < this.size; cell++) {
      if (n[cell]! < this.minGroupSize) {
        hidden[cell] = 1;
        reason[cell] = n[cell] === 0 ? 'empty' : 'primary';
      } else if (this.countArrays.some((values) => values[cell] === n[cell])) {
        hidden[cell] = 1;
        reason[cell] = 'attribute';
      } else if (refused[cell] === 1) {
        hidden[cell] = 1;
        reason[cell] = 'ledger';
      }
    }
  }

  /** Whether learning `people` of this cell harms someone: too few, or all in one category. */
  readonly sensitive = (cell: number, people: number): boolean =>
    people > 0 &&
    (people < this.minGroupSize ||
      this.refused[cell] === 1 ||
      this.countArrays.some((values) => this.n[cell]! > 0 && values[cell] === this.n[cell]));

  /** The shown cell of `candidates` cheapest to hide; `sparing`: never the company total. */
  cheapestShown(candidates: Iterable<number>, sparing: boolean): number | undefined {
    const { n, hidden, isCompanyTotal } = this;
    let best: number | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const cell of candidates) {
      // An empty cell protects nothing: it is known to be empty (the org chart).
      if (hidden[cell] === 1 || n[cell] === 0 || (sparing && isCompanyTotal[cell] === 1)) continue;
      const cost = complementCost(cell, this, this.lastResort);
      if (cost < bestCost || (cost === bestCost && cell < best!)) {
        best = cell;
        bestCost = cost;
      }
    }
    return best;
  }

  private enqueue(e: number): void {
    if (this.queued[e] === 0) {
      this.queued[e] = 1;
      this.queue.push(e);
    }
  }

  /** Adds a newly suppressed cell to the sums of its equations. */
  private tally(cell: number): void {
    const { n } = this;
    if (n[cell] === 0) return; // a known zero: not an unknown of any equation
    for (const e of this.equationsOf[cell]!) {
      this.hiddenTerms[e]!++;
      if (this.terms[e]![0]!.cell !== cell) this.hiddenParts[e]!++;
      this.hiddenAtRisk[e]! += this.atRisk[cell]!;
      this.hiddenPeople[e]! += n[cell]!;
      this.countArrays.forEach((values, k) => {
        this.hiddenCounts[k]![e]! += values[cell]!;
      });
    }
  }

  /** Suppresses a cell as a complement. */
  hide(cell: number): void {
    this.hidden[cell] = 1;
    this.reason[cell] = 'complementary';
    this.tally(cell);
    for (const e of this.equationsOf[cell]!) this.enqueue(e);
  }

  /** Whether each equation of the cell already has a suppressed term. */
  readonly unpinned = (cell: number): boolean =>
    this.equationsOf[cell]!.every((e) => this.hiddenTerms[e]! > 0);

  /** Whether an equation needs a complement; for a shared category, which complements break it. */
  private needsComplement(e: number): boolean | ((candidate: number) => boolean) {
    const { n, hidden, atRisk } = this;
    const list = this.terms[e]!;
    const count = this.hiddenTerms[e]!;
    if (count === 0 || count === list.length) return false;
    if (count <= 2) {
      const cellsHidden = list
        .filter((term) => hidden[term.cell] === 1 && n[term.cell]! > 0)
        .map((term) => term.cell);
      if (count === 1)
        return atRisk[cellsHidden[0]!] === 1 || this.reason[cellsHidden[0]!] === 'complementary';
      const [x, y] = cellsHidden as [number, number];
      if ((n[x] === 1 && atRisk[y] === 1) || (n[y] === 1 && atRisk[x] === 1)) return true;
    }
    // Suppressed terms of one sign, one of them at risk, whose category total is 0 or everyone.
    const oneSign = this.hiddenParts[e] === 0 || this.hiddenParts[e] === count;
    const people = this.hiddenPeople[e]!;
    // Parts of a shown total that together hold 1 to minGroupSize - 1 people: their sum follows.
    if (oneSign && people > 0 && people < this.minGroupSize && !gateMutants.dropUnions) return true;
    if (!oneSign || this.hiddenAtRisk[e] === 0 || people === 0) return false;
    for (const [k, values] of this.countArrays.entries()) {
      const total = this.hiddenCounts[k]![e]!;
      // Prefer a complement whose count differs from the shared one (0, or everyone).
      if (total === 0 && this.yesNo[k]) return (candidate: number) => values[candidate]! > 0;
      if (total === people) return (candidate: number) => values[candidate] !== n[candidate];
    }
    return false;
  }

  /** The greedy pass over every equation. */
  greedyFromScratch(): void {
    for (let e = 0; e < this.terms.length; e++) this.enqueue(e);
    this.greedy();
  }

  /** Complements for the queued equations until none needs one. */
  private greedy(): void {
    while (this.queue.length > 0) {
      const e = this.queue.pop()!;
      this.queued[e] = 0;
      const need = this.needsComplement(e);
      if (need === false) continue;
      const candidates = this.terms[e]!.map((term) => term.cell);
      // Never the company total here: if nothing else in the equation protects, the audit
      // looks further.
      const pick =
        (need === true ? undefined : this.cheapestShown(candidates.filter(need), true)) ??
        this.cheapestShown(candidates, true);
      if (pick === undefined) continue;
      this.hide(pick);
      this.enqueue(e);
    }
  }

  /** Audit rounds: a complement for each group with a disclosed cell, then the greedy pass. */
  auditUntilSafe(): void {
    const audit = suppressionAuditor(
      this.indexed,
      this.sensitive,
      this.totalsOf,
      this.minGroupSize,
    );
    let before = new Set<number>();
    for (let round = 0; round <= this.size; round++) {
      const { disclosed, groupOf } = audit(this.hidden);
      if (disclosed.length === 0) break;
      // Cells still found after a complement in their group: the cheapest shown term of the
      // group did not break how they are derived, so take a term of the equations that derive
      // them.
      const again = before;
      before = new Set(disclosed.map(([cell]) => cell));
      if (!this.protectDisclosed(disclosed, groupOf, again)) break;
      this.greedy();
    }
  }

  /** One complement per group of disclosed cells; whether any was found. */
  private protectDisclosed(
    disclosed: AuditFindings['disclosed'],
    groupOf: AuditFindings['groupOf'],
    again: ReadonlySet<number>,
  ): boolean {
    const { equationsOf, terms, hidden, indexed, unpinned } = this;
    const { localTo, equationsIn } = equationsWithinGroups(terms, hidden, this.n, groupOf);
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
        this.cheapestShown(derivation.filter(unpinned), sparing) ??
        this.cheapestShown(derivation, sparing) ??
        this.cheapestShown(own.filter(useful), sparing) ??
        this.cheapestShown(inGroup.filter(useful), sparing) ??
        this.cheapestShown(own.filter(unpinned), sparing) ??
        this.cheapestShown(inGroup.filter(unpinned), sparing) ??
        this.cheapestShown(own.filter(breaking), sparing) ??
        this.cheapestShown(inGroup.filter(breaking), sparing) ??
        this.cheapestShown(inGroup, sparing) ??
        (breaks === null
          ? undefined
          : (this.cheapestShown(neighbours().filter(breaks), sparing) ??
            this.cheapestShown(around().filter(breaks), sparing))) ??
        this.cheapestShown(neighbours(), sparing) ??
        this.cheapestShown(around(), sparing);
      // The company total only when nothing else protects the cell.
      const pick = choose(true) ?? choose(false);
      if (pick !== undefined) {
        this.hide(pick);
        progressed = true;
        if (group >= 0) protectedGroups.add(group);
      }
    }
    return progressed;
  }
}

/** What one audit round reports. @internal */
type AuditFindings = ReturnType<ReturnType<typeof suppressionAuditor>>;

/**
 * The equations that lie within one group (all their suppressed terms with people in it): each
 * equation's group (-1 for none) and, by group, its equations. @internal
 */
function equationsWithinGroups(
  terms: ReturnType<typeof indexTable>['terms'],
  hidden: Uint8Array,
  n: readonly number[],
  groupOf: AuditFindings['groupOf'],
): { localTo: Int32Array; equationsIn: Map<number, number[]> } {
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
  return { localTo, equationsIn };
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
