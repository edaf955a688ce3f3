/**
 * The audit step of {@link suppressTable}: which suppressed cells a reader could still learn from
 * everything a table publishes. Works modulo a prime on independent blocks of the system, and
 * remembers the blocks it has audited, so that the audit after a few more complements only
 * looks again at the blocks they changed. @internal
 */
import { type Constraint, type Model, solve } from 'yalps';
import { gateMutants } from '../internal/gateMutants.js';
import { type IndexedTable, statisticLayout, statisticValue } from './checkTable.js';
import { type ModularBlock, ModularEchelon, modularBlocks } from './modularEchelon.js';

/**
 * A suppressed cell that can still be learnt; for a finding through a shared category (bounds),
 * which complements would break it (those whose count for that category differs). @internal
 */
export type Disclosure = readonly [cell: number, breaks: ((candidate: number) => boolean) | null];

/** What the audit of one block found, and the cells whose n it pins. @internal */
interface BlockAudit {
  readonly found: readonly Disclosure[];
  readonly pinnedN: ReadonlySet<number>;
}

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
  minGroupSize: number,
): (hidden: Uint8Array) => SuppressionAudit {
  const auditor = new Auditor(indexed, sensitive, totalsOf, minGroupSize);
  return (hidden) => auditor.audit(hidden);
}

/** A sparse row: coefficient by column. @internal */
type Row = ReadonlyMap<number, number>;

/** The findings of one block under way. @internal */
interface BlockFindings {
  readonly columns: readonly number[];
  readonly rows: readonly Row[];
  readonly found: Map<number, ((candidate: number) => boolean) | null>;
  readonly pinnedN: Set<number>;
  /** The statistics whose own system keeps no row after the first peeling (rowsNearZeros). */
  readonly barren: Set<number>;
}

/** Records a finding; a derivation (null) wins over a bounds finding. @internal */
function flag(
  block: BlockFindings,
  cell: number,
  breaks: ((candidate: number) => boolean) | null,
): void {
  const { found } = block;
  if (!found.has(cell) || (found.get(cell) !== null && breaks === null)) found.set(cell, breaks);
}

/**
 * The blocks of one connected component of suppressed cells, and its rows that the rows before
 * them imply (by equation). @internal
 */
interface ComponentBlocks {
  readonly blocks: ModularBlock[];
  readonly implied: number[];
}

/** The audit of one table, with the blocks audited so far. @internal */
class Auditor {
  private readonly n: readonly number[];
  private readonly terms: IndexedTable['terms'];
  private readonly partsOfTotal: number[][] = [];
  private readonly holding = new Map<number, Set<number>>();
  // The unknowns of the joint system: statistic s of cell c is column c x width + s.
  private readonly statistics: ReturnType<typeof statisticLayout>['statistics'];
  private readonly variables: ReturnType<typeof statisticLayout>['variables'];
  private readonly width: number;
  private readonly shift: number;
  private readonly declared: boolean;
  /**
   * The one variable of a table that has one (an answer: detractor, passive, promoter). Its
   * categories then split the joint system exactly: each category's equations and counts >= 0
   * stand alone, n is their sum (its own equations follow), so the non-negative solutions are
   * those of each category's own system taken together, and n is pinned when every category is.
   */
  private readonly single: ReturnType<typeof statisticLayout>['variables'][number] | undefined;
  private readonly known = new Map<string, BlockAudit>();
  private readonly blockKeys = new WeakMap<ModularBlock, string>();
  /** The blocks of each connected component of suppressed cells at the last audit, by its smallest cell. */
  private components = new Map<number, ComponentBlocks>();
  /** The suppressed cells at the last audit. */
  private hiddenBefore: Uint8Array | undefined;

  constructor(
    indexed: IndexedTable,
    private readonly sensitive: (cell: number, people: number) => boolean,
    private readonly totalsOf: readonly (readonly number[])[],
    private readonly minGroupSize: number,
  ) {
    const { n, terms } = indexed;
    this.n = n;
    this.terms = terms;
    const layout = statisticLayout(indexed);
    terms.forEach((equation, e) => {
      const total = equation[0]!.cell;
      const list = this.partsOfTotal[total] ?? [];
      list.push(e);
      this.partsOfTotal[total] = list;
    });
    const { statistics, variables } = layout;
    this.statistics = statistics;
    this.variables = variables;
    this.width = statistics.length;
    this.shift = n.length * this.width;
    this.values = new Float64Array(this.shift);
    for (let cell = 0; cell < n.length; cell++)
      statistics.forEach((statistic, s) => {
        this.values[cell * this.width + s] = statisticValue(indexed, cell, statistic);
      });
    this.declared = variables.some((variable) => !variable.binary);
    this.single = variables.length === 1 ? variables[0] : undefined;
  }

  /** Whether `cell` lies inside `total` (a part, or a part of a part ...). */
  private below(total: number, cell: number): boolean {
    const { partsOfTotal, terms } = this;
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
  }

  /** The totals around `cell` (those it is a part of, and theirs ...). */
  private around(cell: number): Set<number> {
    const seen = new Set<number>();
    const stack = [cell];
    while (stack.length > 0) {
      for (const total of this.totalsOf[stack.pop()!]!) {
        if (seen.has(total)) continue;
        seen.add(total);
        stack.push(total);
      }
    }
    return seen;
  }

  /**
   * The cells that hold the one person of a one-person cell: the finest cell they are in (down
   * the parts that hold one person) and every total around it. Around the one-person cell alone
   * would miss a total that holds it only through a breakdown (`team:org` = `team:org|x` +
   * `team:org|y`, which hold `team:a|x` and `team:a|y`).
   */
  private holdingPerson(insider: number): Set<number> {
    const { n, terms } = this;
    const known = this.holding.get(insider);
    if (known !== undefined) return known;
    let atom = insider;
    const seen = new Set([atom]);
    for (;;) {
      const next = (this.partsOfTotal[atom] ?? [])
        .flatMap((e) => terms[e]!.slice(1))
        .find((term) => n[term.cell]! > 0 && !seen.has(term.cell));
      if (next === undefined) break;
      atom = next.cell;
      seen.add(atom);
    }
    const cells = this.around(atom).add(atom);
    this.holding.set(insider, cells);
    return cells;
  }

  /** How many other people the one person of `insider` learns about by knowing `cell`. */
  private othersLearnt(insider: number, cell: number): number {
    const { n } = this;
    if (cell === insider || this.below(insider, cell)) return 0;
    return this.holdingPerson(insider).has(cell) ? n[cell]! - n[insider]! : n[cell]!;
  }

  /** Statistic s of cell c at c x width + s, read once (the audit reads them very often). */
  private readonly values: Float64Array;

  private readonly valueAt = (column: number): number => this.values[column]!;

  private readonly isZeroColumn = (column: number): boolean => this.values[column] === 0;

  /**
   * Whether a cell ties its statistics together for the attacker: an empty cell, or one whose
   * count is n for a yes/no count (or any cell, once variables are declared). Without such cells,
   * the forced zeros of the joint system are those of each statistic's own system.
   */
  private readonly coupling = (cell: number): boolean =>
    this.declared ||
    this.n[cell] === 0 ||
    this.variables.some(
      (variable) => this.valueAt(cell * this.width + variable.statistics[1]!) === 0,
    );

  /**
   * Audits one block, given its echelon form and the parts of the equations that fall in it;
   * returns its findings and the cells whose n it pins (for insiders in other blocks).
   */
  private auditBlock({ columns, echelon }: ModularBlock, rows: readonly Row[]): BlockAudit {
    const block: BlockFindings = {
      columns,
      rows,
      found: new Map(),
      pinnedN: new Set(),
      barren: new Set(),
    };
    this.inspect(block, echelon);
    this.solveJoint(block, []);
    if (block.found.size === 0) this.inspectUnions(block, echelon);
    // A member of a one-person suppressed cell knows that cell: add it as known and look again,
    // once the block hides everything from everyone else (its next complement changes the block,
    // which is then audited again).
    if (columns.length >= 2 && block.found.size === 0) {
      for (const cell of columns) {
        if (this.n[cell] !== 1) continue;
        const withInsider = echelon.clone();
        withInsider.insert(new Map([[cell, 1]]));
        this.inspect(block, withInsider, cell);
        this.solveJoint(
          block,
          this.statistics.map((_, s) => cell * this.width + s),
          cell,
        );
      }
    }
    return { found: [...block.found], pinnedN: block.pinnedN };
  }

  /**
   * Unions: cells in no other cell (leaves: a team without sub-teams, a team's direct members),
   * each of 1 to minGroupSize - 1 people and not pinned, whose sum the equations pin while it
   * holds fewer than minGroupSize people (a team and one of its sub-teams shown, the two others
   * of 2 hidden). A set's sum is pinned when it reduces to nothing by the echelon form; each set
   * grows from its first cell by a cell that cancels the first column its reduction still holds.
   * Every cell of such a set is flagged.
   */
  private inspectUnions(block: BlockFindings, form: ModularEchelon): void {
    if (gateMutants.dropUnions) return;
    const { n, minGroupSize } = this;
    const small = block.columns.filter(
      (cell) =>
        this.partsOfTotal[cell] === undefined &&
        n[cell]! > 0 &&
        n[cell]! < minGroupSize - 1 &&
        form.reduce(new Map([[cell, 1]])).size > 0,
    );
    if (small.length < 2) return;
    const cancelling = new Map<number, number[]>();
    for (const cell of small) {
      for (const column of form.reduce(new Map([[cell, 1]])).keys()) {
        const list = cancelling.get(column);
        if (list === undefined) cancelling.set(column, [cell]);
        else list.push(cell);
      }
    }
    let steps = 100_000;
    const grow = (set: readonly number[], people: number): boolean => {
      if (--steps < 0) return false;
      const left = form.reduce(new Map(set.map((cell) => [cell, 1])));
      if (left.size === 0) {
        for (const cell of set) flag(block, cell, null);
        return true;
      }
      const first = Math.min(...left.keys());
      return (cancelling.get(first) ?? []).some(
        (cell) =>
          cell > set[0]! &&
          !set.includes(cell) &&
          people + n[cell]! < minGroupSize &&
          grow([...set, cell], people + n[cell]!),
      );
    };
    for (const cell of small) if (!block.found.has(cell)) grow([cell], n[cell]!);
  }

  /** The cells an echelon form pins, flagged when that harms someone. */
  private inspect(block: BlockFindings, form: ModularEchelon, insider?: number): void {
    for (const row of form.rows) {
      if (row.size !== 1) continue;
      const [cell] = row.keys();
      if (insider === undefined) block.pinnedN.add(cell!);
      const people = insider === undefined ? this.n[cell!]! : this.othersLearnt(insider, cell!);
      if (people > 0 && this.sensitive(cell!, people)) flag(block, cell!, null);
    }
  }

  /**
   * Rows over cells as rows over statistic s; made once per block and statistic (the insiders of
   * a block solve the same rows again), and never changed by their readers.
   */
  private copies(system: readonly Row[], s: number): Map<number, number>[] {
    let byStatistic = this.copied.get(system);
    if (byStatistic === undefined) {
      byStatistic = [];
      this.copied.set(system, byStatistic);
    }
    const width = this.width;
    byStatistic[s] ??= system.map(
      (row) => new Map([...row].map(([cell, value]) => [cell * width + s, value])),
    );
    return byStatistic[s];
  }

  private readonly copied = new WeakMap<readonly Row[], Map<number, number>[][]>();

  /**
   * Non-negativity pins to 0 every unknown that is 0 in all non-negative solutions (forced
   * zeros); they join the system as equations, and whatever they pin is checked like a cell the
   * equations pin. The unknowns: n and every count of each cell, and n minus each yes/no count;
   * the system: the equations for n and every count, and each variable's categories adding up
   * to n. Without coupling cells, each statistic is solved on its own (as fast as before).
   */
  private solveJoint(block: BlockFindings, known: readonly number[], insider?: number): void {
    const { columns, rows } = block;
    const { width, single, statistics, variables, valueAt } = this;
    const systems: { rows: Map<number, number>[]; statistic?: number }[] = [];
    const knownRows = known.map((column) => new Map([[column, 1]]));
    const ownSystem = (s: number) => [
      ...this.copies(rows, s),
      ...knownRows.filter((row) => row.keys().next().value! % width === s),
    ];
    // The statistics whose own systems were solved with forced zeros (one variable only).
    const solvedAlone = new Set<number>();
    if (single !== undefined) {
      for (const s of single.statistics) {
        if (!columns.some((cell) => valueAt(cell * width + s) === 0)) continue;
        solvedAlone.add(s);
        // An insider whose count is 0 here adds a known zero, which keeps no row in the peeling
        // (rowsNearZeros): when it kept none without them, nothing is forced with them either.
        if (insider !== undefined && valueAt(insider * width + s) === 0 && block.barren.has(s))
          continue;
        systems.push({ rows: ownSystem(s), statistic: s });
      }
    } else if (columns.some(this.coupling)) {
      const joint = statistics.flatMap((statistic, s) =>
        statistic.kind === 'rest' ? [] : this.copies(rows, s),
      );
      for (const cell of columns) {
        for (const variable of variables) {
          const link = new Map([[cell * width, 1]]);
          for (const s of variable.statistics) link.set(cell * width + s, -1);
          joint.push(link);
        }
      }
      systems.push({ rows: [...joint, ...knownRows] });
    } else {
      statistics.forEach((statistic, s) => {
        if (statistic.kind === 'rest') return;
        // No zero among the unknowns: nothing to force.
        if (!columns.some((cell) => valueAt(cell * width + s) === 0)) return;
        systems.push({ rows: ownSystem(s), statistic: s });
      });
    }
    const forced = new Set<number>();
    const pinned = new Set<number>();
    // The insider's own zeros are known to them anyway; without other forced zeros, what they
    // pin is what the elimination with their cell pinned (inspect) found already.
    const knownSet = new Set(known);
    for (const { rows: system, statistic } of systems) {
      const barren =
        insider === undefined && statistic !== undefined
          ? () => block.barren.add(statistic)
          : undefined;
      const zeros = [...this.forcedZeros(system, this.isZeroColumn, barren)].filter(
        (column) => !knownSet.has(column),
      );
      if (zeros.length === 0) continue;
      const form = new ModularEchelon();
      for (const row of system) form.insert(row);
      for (const column of zeros) {
        forced.add(column);
        form.insert(new Map([[column, 1]]));
      }
      for (const row of form.rows) if (row.size === 1) pinned.add(row.keys().next().value!);
    }
    // A category pinned at 0 in its own system is a forced zero of the joint one.
    if (single !== undefined)
      for (const column of pinned) if (valueAt(column) === 0) forced.add(column);
    if (forced.size === 0) return;
    this.flagForced(block, forced, pinned, solvedAlone, insider);
  }

  /** The findings of the forced zeros and what they pin, as in {@link Auditor.solveJoint}. */
  private flagForced(
    block: BlockFindings,
    forced: ReadonlySet<number>,
    pinned: ReadonlySet<number>,
    solvedAlone: ReadonlySet<number>,
    insider: number | undefined,
  ): void {
    const { n, width, single, variables, valueAt, sensitive, minGroupSize } = this;
    for (const cell of block.columns) {
      if (insider !== undefined && (cell === insider || this.below(insider, cell))) continue;
      const self = insider !== undefined && this.holdingPerson(insider).has(cell) ? 1 : 0;
      // With one variable, n is pinned when each category count is: a category whose system
      // gained no forced zero is pinned only with n by the elimination alone (inspect).
      const nPinned =
        single === undefined
          ? pinned.has(cell * width)
          : single.statistics.every((s) => solvedAlone.has(s) && pinned.has(cell * width + s));
      if (nPinned) {
        if (insider === undefined) block.pinnedN.add(cell);
        const people = n[cell]! - self;
        if (people > 0 && people < minGroupSize && sensitive(cell, people)) flag(block, cell, null);
      }
      if (!sensitive(cell, n[cell]! - self)) continue;
      for (const variable of variables) {
        const zero = variable.statistics.filter((s) => forced.has(cell * width + s));
        if (zero.length === variable.statistics.length - 1) {
          // A complement breaks this only if it holds someone in one of those categories.
          flag(block, cell, (candidate) => zero.some((s) => valueAt(candidate * width + s) > 0));
        }
        if (insider !== undefined) continue;
        for (const s of variable.statistics) {
          const count = valueAt(cell * width + s);
          if (pinned.has(cell * width + s) && count > 0 && count < minGroupSize)
            flag(block, cell, null);
        }
      }
    }
  }

  /**
   * The unknowns among `unknowns` that are 0 in every non-negative solution of `system` (the true
   * values solve it): none when no combination of the rows lives on the zero unknowns alone. The
   * rows that cannot take part in such a combination are dropped first ({@link rowsNearZeros}),
   * which leaves nothing in most blocks; then none when no combination of the rows left lives on
   * the zero unknowns (eliminated last); else the zero unknowns that no change keeping every
   * equation can raise, by one LP over the rows left.
   */
  private forcedZeros(
    system: readonly ReadonlyMap<number, number>[],
    isZero: (column: number) => boolean,
    onBarren?: () => void,
  ): Set<number> {
    if (gateMutants.dropNonNegativity) return new Set();
    if (!system.some((row) => [...row.keys()].some(isZero))) return new Set();
    const { rows: core, rootOf, zeroRoot } = rowsNearZeros(system, isZero, onBarren);
    if (core.length === 0) return new Set();
    const unknowns = [...new Set(core.flatMap((row) => [...row.keys()]))];
    const zeros = unknowns.filter(zeroRoot);
    if (zeros.length === 0) return new Set();
    // Known unknowns (a row of their own) can be cancelled: the zero ones are forced, and a row
    // whose other unknowns are all 0 and of one sign forces them all; such zeros can be cancelled
    // too. Whatever is left needs the LP only if a combination of its rows lives on zeros.
    const forced = new Set<number>();
    for (const row of core) if (row.size === 1) forced.add(row.keys().next().value!);
    const settled = new Set(forced);
    const open = (row: ReadonlyMap<number, number>) =>
      [...row].filter(([column]) => !settled.has(column));
    for (let changed = true; changed; ) {
      changed = false;
      for (const row of core) {
        const entries = open(row);
        if (entries.length === 0 || !entries.every(([column]) => zeroRoot(column))) continue;
        if (entries.some(([, v]) => v > 0) && entries.some(([, v]) => v < 0)) continue;
        for (const [column] of entries) {
          forced.add(column);
          settled.add(column);
        }
        changed = true;
      }
    }
    const zeroSet = new Set(zeros);
    const form = new ModularEchelon();
    for (const row of core) {
      const entries = open(row);
      if (entries.length > 0)
        form.insert(new Map(entries.map(([c, v]) => [zeroSet.has(c) ? c + this.shift : c, v])));
    }
    if (form.rows.some((row) => row.size > 0 && [...row.keys()].every((c) => c >= this.shift))) {
      const movable = new Set(movableWithin(core, unknowns, zeros));
      for (const column of zeros) if (!movable.has(column)) forced.add(column);
    }
    for (const column of forced) if (!zeroRoot(column)) forced.delete(column);
    // Every unknown merged into a forced one.
    const result = new Set<number>();
    for (const row of system)
      for (const column of row.keys())
        if (isZero(column) && forced.has(rootOf(column))) result.add(column);
    return result;
  }

  /**
   * {@link modularBlocks} of the rows, kept between audits by connected component of their
   * columns (blocks never span two). A component with no cell suppressed since the last audit has
   * the same cells and rows as then (a cell joining an equation of the component joins the
   * component), so the same blocks; the rows of the other components are split again, together.
   */
  private blocksByComponent(
    rows: readonly ReadonlyMap<number, number>[],
    equationOf: readonly number[],
    hidden: Uint8Array,
  ): { blockOf: Int32Array; blocks: ModularBlock[]; implied: Uint8Array } {
    const size = this.n.length;
    const before = this.hiddenBefore;
    // Every row counts here: an implied row joins the columns of one component too.
    const component = groups(rows, new Uint8Array(rows.length), size);
    // Per component (by its root): its smallest cell, and whether a cell of it is new.
    const smallest = new Int32Array(size).fill(-1);
    const changed = new Uint8Array(size);
    for (let cell = 0; cell < size; cell++) {
      const root = component[cell]!;
      if (root < 0) continue;
      if (smallest[root] === -1) smallest[root] = cell;
      if (before === undefined || before[cell] === 0) changed[root] = 1;
    }
    const next = new Map<number, ComponentBlocks>();
    const redo = new Uint8Array(size);
    for (let cell = 0; cell < size; cell++) {
      if (component[cell] !== cell) continue;
      const kept = changed[cell] === 1 ? undefined : this.components.get(smallest[cell]!);
      if (kept === undefined) {
        redo[cell] = 1;
        next.set(smallest[cell]!, { blocks: [], implied: [] });
      } else next.set(smallest[cell]!, kept);
    }
    const ownerOf = (index: number) =>
      next.get(smallest[component[rows[index]!.keys().next().value!]!]!)!;
    const indices: number[] = [];
    rows.forEach((row, index) => {
      if (redo[component[row.keys().next().value!]!] === 1) indices.push(index);
    });
    if (indices.length > 0) {
      const found = modularBlocks(
        indices.map((index) => rows[index]!),
        size,
      );
      for (const block of found.blocks)
        next.get(smallest[component[block.columns[0]!]!]!)!.blocks.push(block);
      indices.forEach((index, k) => {
        if (found.implied[k] === 1) ownerOf(index).implied.push(equationOf[index]!);
      });
    }
    const rowOf = new Int32Array(this.terms.length);
    equationOf.forEach((e, index) => {
      rowOf[e] = index;
    });
    const blockOf = new Int32Array(size).fill(-1);
    const blocks: ModularBlock[] = [];
    const implied = new Uint8Array(rows.length);
    for (const { blocks: own, implied: impliedEquations } of next.values()) {
      for (const block of own) {
        for (const cell of block.columns) blockOf[cell] = blocks.length;
        blocks.push(block);
      }
      for (const e of impliedEquations) implied[rowOf[e]!] = 1;
    }
    this.components = next;
    this.hiddenBefore = hidden.slice();
    return { blockOf, blocks, implied };
  }

  /** A block's cells, sorted, as the key of its findings; kept with the block. */
  private keyOf(block: ModularBlock): string {
    let key = this.blockKeys.get(block);
    if (key === undefined) {
      key = Int32Array.from(block.columns).sort().join(',');
      this.blockKeys.set(block, key);
    }
    return key;
  }

  /** Audits a set of suppressed cells, reusing the findings of blocks audited before. */
  audit(hidden: Uint8Array): SuppressionAudit {
    const { n, terms } = this;
    const rows: Map<number, number>[] = [];
    const equationOf: number[] = [];
    terms.forEach((list, e) => {
      const row = new Map<number, number>();
      // An empty cell is a known zero: no unknown.
      for (const term of list)
        if (hidden[term.cell] === 1 && n[term.cell]! > 0) row.set(term.cell, term.coefficient);
      if (row.size > 0) {
        rows.push(row);
        equationOf.push(e);
      }
    });
    const { blockOf, blocks, implied } = this.blocksByComponent(rows, equationOf, hidden);
    // The block's cells name what is audited: every one of them is suppressed, so each
    // equation's part in the block is its terms on these cells, and the same cells give the
    // same parts, hence the same findings.
    const keys = blocks.map((block) => this.keyOf(block));
    const fresh = Uint8Array.from(keys, (key) => (this.known.has(key) ? 0 : 1));
    // Each equation's part in each block not audited yet: they span the block's row space (it
    // is a direct summand), with the equations' own coefficients, which the LP needs.
    const partsIn = new Map<number, Map<number, number>[]>();
    for (const row of rows) {
      const parts = new Map<number, Map<number, number>>();
      for (const [cell, value] of row) {
        const block = blockOf[cell]!;
        if (fresh[block] === 0) continue;
        let part = parts.get(block);
        if (part === undefined) {
          part = new Map();
          parts.set(block, part);
        }
        part.set(cell, value);
      }
      for (const [block, part] of parts) {
        const list = partsIn.get(block);
        if (list === undefined) partsIn.set(block, [part]);
        else list.push(part);
      }
    }
    const disclosed = new Map<number, Disclosure>();
    const derivable = new Set<number>();
    blocks.forEach((block, index) => {
      for (const row of block.echelon.rows)
        if (row.size === 1) derivable.add(row.keys().next().value!);
      const key = keys[index]!;
      let audited = this.known.get(key);
      if (audited === undefined) {
        audited = this.auditBlock(block, partsIn.get(index) ?? []);
        this.known.set(key, audited);
      }
      for (const cell of audited.pinnedN) derivable.add(cell);
      for (const entry of audited.found)
        if (!disclosed.has(entry[0])) disclosed.set(entry[0], entry);
    });
    // An insider who knows a derivable total around them, in another block, learns the others in it.
    for (let insider = 0; insider < n.length; insider++) {
      if (hidden[insider] !== 1 || n[insider] !== 1 || blockOf[insider]! < 0) continue;
      for (const total of this.holdingPerson(insider)) {
        if (disclosed.has(total) || !derivable.has(total) || blockOf[total] === blockOf[insider])
          continue;
        const people = n[total]! - n[insider]!;
        if (people > 0 && this.sensitive(total, people)) disclosed.set(total, [total, null]);
      }
    }
    return {
      disclosed: [...disclosed.values()].sort((a, b) => a[0] - b[0]),
      groupOf: groups(rows, implied, n.length),
    };
  }
}

/**
 * The rows of `system` that may take part in a combination living on the zero columns alone,
 * after merging the unknowns the rows make equal (`rootOf` maps an unknown to its column): a row
 * holding a non-zero column that no other row left holds cannot (its multiplier must be 0), so it
 * goes, and the rows it shared columns with are looked at again. A column known exactly (a row of
 * its own) can be cancelled by that row, so it keeps no row in. Near-linear. @internal
 */
function rowsNearZeros(
  input: readonly ReadonlyMap<number, number>[],
  isZero: (column: number) => boolean,
  onBarren?: () => void,
): MergedRows {
  const first = peel(input, isZero);
  if (first.length === 0) {
    onBarren?.();
    return { rows: [], rootOf: (column) => column, zeroRoot: isZero };
  }
  const { rows, rootOf, zeroRoot } = mergeEqualChanges(first, isZero);
  return { rows: peel(rows, zeroRoot), rootOf, zeroRoot };
}

/** The peeling of {@link rowsNearZeros}. O(entries). @internal */
function peel(
  system: readonly ReadonlyMap<number, number>[],
  zeroRoot: (column: number) => boolean,
): ReadonlyMap<number, number>[] {
  const known = new Set<number>();
  for (const row of system) if (row.size === 1) known.add(row.keys().next().value!);
  const holders = new Map<number, number[]>();
  system.forEach((row, r) => {
    if (row.size === 1) return;
    for (const column of row.keys()) {
      if (known.has(column) || zeroRoot(column)) continue;
      const list = holders.get(column);
      if (list === undefined) holders.set(column, [r]);
      else list.push(r);
    }
  });
  const gone = new Uint8Array(system.length);
  const stack: number[] = [];
  for (const [, list] of holders) if (list.length === 1) stack.push(list[0]!);
  const live = new Map<number, number>(); // column -> rows left that hold it
  for (const [column, list] of holders) live.set(column, list.length);
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (gone[r] === 1) continue;
    gone[r] = 1;
    for (const column of system[r]!.keys()) {
      const count = live.get(column);
      if (count === undefined) continue;
      live.set(column, count - 1);
      if (count - 1 === 1) {
        const holder = holders.get(column)!.find((other) => gone[other] === 0);
        if (holder !== undefined) stack.push(holder);
      }
    }
  }
  const kept = system.filter((row, r) => row.size > 1 && gone[r] === 0);
  if (kept.length === 0) return [];
  const used = new Set<number>();
  for (const row of kept) for (const column of row.keys()) used.add(column);
  return [...kept, ...system.filter((row) => row.size === 1 && used.has(row.keys().next().value!))];
}

/** Rows over merged unknowns: each unknown's column, and whether a column holds a zero. @internal */
interface MergedRows {
  readonly rows: readonly ReadonlyMap<number, number>[];
  readonly rootOf: (column: number) => number;
  readonly zeroRoot: (column: number) => boolean;
}

/** The merging of {@link rowsNearZeros}. @internal */
function mergeEqualChanges(
  input: readonly ReadonlyMap<number, number>[],
  isZero: (column: number) => boolean,
): MergedRows {
  // The rows constrain changes of the unknowns (a change keeping every equation). Unknowns whose
  // changes they make equal share one column: x_a = x_b (a cell equal to its only suppressed
  // part), and two rows alike but for one unknown each that no other row holds (the rest
  // n - count of two equal cells). Rows that became the same are kept once. A shared column
  // stays >= 0 when any unknown in it is 0, which keeps every forced zero.
  const same = new Map<number, number>();
  const find = (column: number): number => {
    let root = column;
    while (same.has(root)) root = same.get(root)!;
    if (root !== column) same.set(column, root);
    return root;
  };
  const join = (a: number, b: number): boolean => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return false;
    same.set(Math.max(ra, rb), Math.min(ra, rb));
    return true;
  };
  const keyOf = (entries: readonly (readonly [number, number])[]) => {
    const sign = entries[0]![1] < 0 ? -1 : 1;
    return entries.map(([c, v]) => `${c}:${sign * v}`).join(',');
  };
  for (const row of input) {
    if (row.size !== 2) continue;
    const [[a, x], [b, y]] = [...row] as [[number, number], [number, number]];
    if (x + y === 0) join(a, b);
  }
  let system: Map<number, number>[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const seen = new Set<string>();
    system = [];
    for (const row of input) {
      const merged = new Map<number, number>();
      for (const [column, value] of row) {
        const root = find(column);
        const next = (merged.get(root) ?? 0) + value;
        if (next === 0) merged.delete(root);
        else merged.set(root, next);
      }
      if (merged.size === 0) continue;
      const entries = [...merged].sort((p, q) => p[0] - q[0]);
      if (entries.length === 2 && entries[0]![1] + entries[1]![1] === 0)
        changed = join(entries[0]![0], entries[1]![0]) || changed;
      const key = keyOf(entries);
      if (seen.has(key)) continue;
      seen.add(key);
      system.push(merged);
    }
    if (changed) continue;
    const occurrences = new Map<number, number>();
    for (const row of system)
      for (const column of row.keys()) occurrences.set(column, (occurrences.get(column) ?? 0) + 1);
    const alike = new Map<string, number>();
    for (const row of system) {
      const own = [...row.keys()].filter((column) => occurrences.get(column) === 1);
      if (own.length !== 1 || row.size < 3) continue;
      const rest = [...row].filter(([column]) => column !== own[0]).sort((p, q) => p[0] - q[0]);
      const sign = rest[0]![1] < 0 ? -1 : 1;
      const key = `${keyOf(rest)}|${sign * row.get(own[0]!)!}`;
      const twin = alike.get(key);
      if (twin === undefined) alike.set(key, own[0]!);
      else changed = join(twin, own[0]!) || changed;
    }
  }
  // A merged unknown is kept >= 0 (a zero to raise) when any unknown in it is 0.
  const zeroRoots = new Set<number>();
  for (const row of input)
    for (const column of row.keys()) if (isZero(column)) zeroRoots.add(find(column));
  return { rows: system, rootOf: find, zeroRoot: (column) => zeroRoots.has(column) };
}

/**
 * Connected groups of the columns of the rows not implied by others (union-find): each column's
 * group is one of its columns, -1 for a column in no row.
 */
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
