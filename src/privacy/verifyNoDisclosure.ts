import { InternalCustomerError } from '../core/errors.js';
import { indexTable, type LayoutVariable, statisticLayout, statisticValue } from './checkTable.js';
import { gcd, positiveSupport } from './exactPositiveSupport.js';
import { ledgerAttackReport, type VerifyLedgerOptions } from './ledgerAttack.js';
import { LOWEST_MIN_GROUP_SIZE } from './minGroupSize.js';
import type { PublishedCell, PublishedReport } from './suppressTable.js';
import type { TableEquation } from './table.js';
import { smallUnions } from './unionAttack.js';

/** What a reader could learn, and how. */
export type DisclosureKind =
  | 'below-minimum'
  | 'attribute'
  | 'linear'
  | 'bounds'
  | 'insider'
  | 'union';

/** One way a report discloses a cell. */
export interface DisclosureFinding {
  readonly cell: string;
  readonly kind: DisclosureKind;
  readonly detail: string;
}

/** The result of {@link verifyNoDisclosure}. */
export interface DisclosureCheck {
  readonly ok: boolean;
  readonly findings: readonly DisclosureFinding[];
  /** Suppressed cells, and connected groups of them checked by elimination. */
  readonly suppressedCells: number;
  readonly groups: number;
}

/** A sparse row of exact integers with its right-hand sides (n, then each count). @internal */
interface ExactRow {
  entries: Map<number, bigint>;
  rhs: bigint[];
}

function normalise(row: ExactRow): void {
  // The gcd of the entries and right-hand sides; once it is 1, no other entry can change it.
  let g = 0n;
  for (const value of row.entries.values()) if (g !== 1n) g = gcd(g, value);
  for (const value of row.rhs) if (g !== 1n) g = gcd(g, value);
  let firstColumn = Number.POSITIVE_INFINITY;
  for (const column of row.entries.keys()) if (column < firstColumn) firstColumn = column;
  const first = row.entries.size > 0 ? row.entries.get(firstColumn)! : 1n;
  const sign = first < 0n ? -1n : 1n;
  if (g === 0n) return;
  const factor = g * sign;
  if (factor === 1n) return;
  for (const [column, value] of row.entries) row.entries.set(column, value / factor);
  row.rhs = row.rhs.map((value) => value / factor);
}

/** row := a * row - b * other, exactly; then divided by the common factor unless told not to. */
function combine(row: ExactRow, a: bigint, other: ExactRow, b: bigint, reduce = true): void {
  if (a !== 1n) for (const [column, value] of row.entries) row.entries.set(column, a * value);
  for (const [column, value] of other.entries) {
    const next = (row.entries.get(column) ?? 0n) - b * value;
    if (next === 0n) row.entries.delete(column);
    else row.entries.set(column, next);
  }
  row.rhs = row.rhs.map((value, index) => a * value - b * other.rhs[index]!);
  if (reduce) normalise(row);
}

/**
 * Exact reduced row echelon form by fraction-free Gauss-Jordan elimination on big integers, so
 * the decision never depends on rounding or on a lucky prime. Each row's pivot is its smallest
 * column; rows are taken from the sparsest, and an index of the rows holding each column keeps
 * the elimination sparse. @internal
 */
function exactEchelon(input: readonly ExactRow[]): ExactRow[] {
  const rows: ExactRow[] = [];
  const pivotRowOf = new Map<number, number>();
  const rowsHolding = new Map<number, Set<number>>();
  const hold = (column: number, row: number) => {
    const set = rowsHolding.get(column);
    if (set === undefined) rowsHolding.set(column, new Set([row]));
    else set.add(row);
  };
  const order = input.map((_, index) => index);
  order.sort((a, b) => input[a]!.entries.size - input[b]!.entries.size || a - b);
  for (const index of order) {
    const source = input[index]!;
    const row: ExactRow = { entries: new Map(source.entries), rhs: [...source.rhs] };
    // One pass over the row's own columns: a pivot row holds no other pivot column.
    for (const column of [...row.entries.keys()]) {
      const pivotRow = pivotRowOf.get(column);
      const value = row.entries.get(column);
      if (pivotRow === undefined || value === undefined) continue;
      combine(row, rows[pivotRow]!.entries.get(column)!, rows[pivotRow]!, value, false);
    }
    if (row.entries.size === 0) continue;
    normalise(row);
    let column = Number.POSITIVE_INFINITY;
    for (const c of row.entries.keys()) if (c < column) column = c;
    const pivot = row.entries.get(column)!;
    const at = rows.length;
    for (const other of [...(rowsHolding.get(column) ?? [])]) {
      const target = rows[other]!;
      const before = [...target.entries.keys()];
      combine(target, pivot, row, target.entries.get(column)!);
      for (const c of before) if (!target.entries.has(c)) rowsHolding.get(c)?.delete(other);
      for (const c of target.entries.keys()) hold(c, other);
    }
    rows.push(row);
    pivotRowOf.set(column, at);
    for (const c of row.entries.keys()) hold(c, at);
  }
  return rows;
}

/** The rows of an echelon form split by shared columns: their row spaces add up directly. */
function components(echelon: readonly ExactRow[]): ExactRow[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.get(x) !== x) {
      const up = parent.get(parent.get(x)!)!;
      parent.set(x, up);
      x = up;
    }
    return x;
  };
  for (const row of echelon) {
    let first: number | undefined;
    for (const column of row.entries.keys()) {
      if (!parent.has(column)) parent.set(column, column);
      if (first === undefined) first = find(column);
      else parent.set(find(column), first);
    }
  }
  const byRoot = new Map<number, ExactRow[]>();
  for (const row of echelon) {
    const root = find(row.entries.keys().next().value!);
    const list = byRoot.get(root);
    if (list === undefined) byRoot.set(root, [row]);
    else list.push(row);
  }
  return [...byRoot.values()];
}

/**
 * The cells of `columns` (within `rows`) that are 0 in every non-negative solution: the zero
 * coordinates that some non-negative combination of the rows, living on zero coordinates only,
 * reaches (Tucker's theorem of alternatives: a coordinate that no such combination reaches can be
 * raised by some change that keeps every equation and stays non-negative). The rows are
 * eliminated with the other coordinates first, so the rows left on the zero coordinates span every
 * combination that lives there; an exact simplex finds which of them can be reached. @internal
 */
function forcedZeros(
  rows: readonly ExactRow[],
  columns: readonly number[],
  isZero: (column: number) => boolean,
  onBarren?: () => void,
): Set<number> {
  if (!columns.some(isZero)) return new Set();
  const candidates = combinable(rows, isZero);
  if (candidates.length === 0) {
    onBarren?.();
    return new Set();
  }
  const { merged, representative } = mergeEqualUnknowns(candidates);
  // A merged unknown must stay >= 0 in a change when any unknown in it is 0.
  const zeroSet = new Set(columns.filter(isZero).map(representative));
  const zero = (column: number) => zeroSet.has(column);
  const involved = combinable(merged, zero);
  if (involved.length === 0) return new Set();
  const inCore = new Set(involved.flatMap((row) => [...row.entries.keys()]));
  const core = [...inCore];
  const zeros = core.filter(zero);
  if (zeros.length === 0) return new Set();
  const others = core.filter((column) => !zero(column));
  const remap = new Map([...others, ...zeros].map((column, index) => [column, index]));
  const first = others.length;
  const basis = exactEchelon(
    involved.map((row) => ({
      entries: new Map([...row.entries].map(([c, value]) => [remap.get(c)!, value])),
      rhs: row.rhs,
    })),
  )
    .filter((row) => [...row.entries.keys()].every((c) => c >= first))
    .map((row) => {
      const vector = new Array<bigint>(zeros.length).fill(0n);
      for (const [c, value] of row.entries) vector[c - first] = value;
      return vector;
    });
  if (basis.length === 0) return new Set();
  const reached = new Set([...positiveSupport(basis, zeros.length)].map((j) => zeros[j]!));
  return new Set(columns.filter((column) => isZero(column) && reached.has(representative(column))));
}

/**
 * The rows, read as equations on changes of the unknowns (right-hand sides 0), with unknowns whose
 * changes they make equal replaced by one of them (the smallest), and rows that then repeat
 * dropped: x_a - x_b = 0 (a cell with one suppressed part), and two rows that differ only in one
 * coordinate each, held by no other row (n minus a count in two equal cells). The caller keeps a
 * merged unknown >= 0 when any unknown in it is 0, so the zero coordinates reached stay the
 * same. @internal
 */
function mergeEqualUnknowns(rows: readonly ExactRow[]): {
  merged: ExactRow[];
  representative: (column: number) => number;
} {
  const alias = new Map<number, number>();
  const representative = (column: number): number => {
    const next = alias.get(column);
    return next === undefined ? column : representative(next);
  };
  const unite = (a: number, b: number) => {
    const [x, y] = [representative(a), representative(b)].sort((p, q) => p - q) as [number, number];
    if (x === y) return false;
    alias.set(y, x);
    return true;
  };
  const signature = (entries: readonly [number, bigint][]) => {
    const flip = entries[0]![1] < 0n ? -1n : 1n;
    return entries.map(([c, v]) => `${c}*${v * flip}`).join(' ');
  };
  for (;;) {
    let united = false;
    const bySignature = new Map<string, ExactRow>();
    for (const row of rows) {
      const entries = new Map<number, bigint>();
      for (const [c, v] of row.entries) {
        const r = representative(c);
        const sum = (entries.get(r) ?? 0n) + v;
        if (sum === 0n) entries.delete(r);
        else entries.set(r, sum);
      }
      const sorted = [...entries].sort((p, q) => p[0] - q[0]);
      if (sorted.length === 0) continue;
      if (sorted.length === 2 && sorted[0]![1] === -sorted[1]![1])
        united = unite(sorted[0]![0], sorted[1]![0]) || united;
      bySignature.set(signature(sorted), { entries, rhs: row.rhs });
    }
    const merged = [...bySignature.values()];
    if (united) continue;
    const holders = new Map<number, number>();
    for (const row of merged)
      for (const c of row.entries.keys()) holders.set(c, (holders.get(c) ?? 0) + 1);
    const twins = new Map<string, number>();
    for (const row of merged) {
      const single = [...row.entries.keys()].filter((c) => holders.get(c) === 1);
      if (single.length !== 1 || row.entries.size < 3) continue;
      const [own] = single as [number];
      const others = [...row.entries].filter(([c]) => c !== own).sort((p, q) => p[0] - q[0]);
      const flip = others[0]![1] < 0n ? -1n : 1n;
      const key = `${signature(others)} / ${row.entries.get(own)! * flip}`;
      const twin = twins.get(key);
      if (twin === undefined) twins.set(key, own);
      else united = unite(twin, own) || united;
    }
    if (!united) return { merged, representative };
  }
}

/**
 * The rows that a combination living on zero coordinates only can use. A row with a non-zero
 * coordinate that it alone holds (among the rows still in) must have multiplier 0 in such a
 * combination: drop it, and look again at the rows that shared its coordinates. A coordinate with
 * a unit row of its own (known to an insider) can always be cancelled, so it holds nobody in.
 * Usually nothing is left, and no elimination or LP is needed. @internal
 */
function combinable(rows: readonly ExactRow[], isZero: (column: number) => boolean): ExactRow[] {
  const fixed = new Set<number>();
  for (const row of rows) if (row.entries.size === 1) fixed.add(row.entries.keys().next().value!);
  const sharing = (column: number) => !fixed.has(column) && !isZero(column);
  const rowsOf = new Map<number, Set<number>>();
  rows.forEach((row, index) => {
    if (row.entries.size === 1) return;
    for (const column of row.entries.keys()) {
      if (!sharing(column)) continue;
      const holders = rowsOf.get(column);
      if (holders === undefined) rowsOf.set(column, new Set([index]));
      else holders.add(index);
    }
  });
  const alive = new Set(rows.flatMap((row, index) => (row.entries.size > 1 ? [index] : [])));
  let pending = [...rowsOf.values()].filter((holders) => holders.size === 1);
  while (pending.length > 0) {
    const next: Set<number>[] = [];
    for (const holders of pending) {
      if (holders.size !== 1) continue;
      const [index] = holders as Set<number> & { size: 1 };
      const dropped = index!;
      if (!alive.delete(dropped)) continue;
      for (const column of rows[dropped]!.entries.keys()) {
        const others = rowsOf.get(column);
        if (others === undefined) continue;
        others.delete(dropped);
        if (others.size === 1) next.push(others);
      }
    }
    pending = next;
  }
  if (alive.size === 0) return [];
  const kept = [...alive].map((index) => rows[index]!);
  const touched = new Set(kept.flatMap((row) => [...row.entries.keys()]));
  return [
    ...kept,
    ...rows.filter(
      (row) => row.entries.size === 1 && touched.has(row.entries.keys().next().value!),
    ),
  ];
}

/** The coordinates an echelon form pins (a row with one entry), with their values. @internal */
function pinnedBy(echelon: readonly ExactRow[]): Map<number, bigint> {
  const pinned = new Map<number, bigint>();
  for (const row of echelon) {
    if (row.entries.size !== 1) continue;
    const [[column, coefficient]] = [...row.entries] as [[number, bigint]];
    pinned.set(column, row.rhs[0]! / coefficient);
  }
  return pinned;
}

const unitRow = (column: number, value: bigint): ExactRow => ({
  entries: new Map([[column, 1n]]),
  rhs: [value],
});

/**
 * Checks, independently of how the report was suppressed, that no suppressed cell holding people
 * can be learnt from what the report publishes, as an exact attacker would. The unknowns are, for
 * every suppressed cell, its n, each category count and, for a count that is a yes/no variable of
 * its own, n minus the count; the attacker knows every published equation (for n and each count),
 * that the counts of a variable's categories add up to n, and that every unknown is a whole number
 * >= 0.
 *
 * 1. Linear: an unknown is pinned when its unit vector lies in the row space of the equations
 *    restricted to suppressed cells (the shown cells moved to the right-hand side). Decided
 *    exactly, by fraction-free elimination on big integers, per connected group of suppressed
 *    cells, then per part of the reduced rows on disjoint cells (their row spaces add up directly).
 * 2. Forced zeros: non-negativity pins to 0 every unknown that is 0 in all non-negative solutions
 *    (a cell `c` = `c|<1y` shown forces `c|1-3y` = `c|3y+` = 0). They are the zero coordinates a
 *    non-negative combination of the equations reaches, found by an exact rational simplex; they
 *    join the equations as known zeros, and step 1 runs again on each part that gained some. On
 *    one tree or one breakdown (a totally unimodular system) the rational bounds are the integer
 *    ones; over several overlapping breakdowns an integer attacker may know more (NP-hard to
 *    decide in general).
 * 3. A suppressed cell at risk (1 to minGroupSize - 1 people, or everyone in one category) is
 *    disclosed when its n, or one of its category counts, is pinned to 1 to minGroupSize - 1, or
 *    when every category of one variable but one is pinned to 0 (everyone shares that category;
 *    for a yes/no count, the count or the rest).
 *    Unions: a set of suppressed cells that lie in no other cell (a team without sub-teams), none
 *    pinned alone, whose sum is pinned and holds 1 to minGroupSize - 1 people is a finding of kind
 *    `union` (a team minus its one shown sub-team, when two sub-teams of 2 are hidden). Sets of
 *    at most minGroupSize - 1 people are searched exactly (unionAttack.ts).
 * 4. Insiders: the member of a one-person suppressed cell knows it; the check adds that knowledge
 *    and looks for newly disclosed cells around and beside it.
 * 5. Shown cells: none below the minimum group size, and none in which everyone falls in one
 *    category (attribute disclosure).
 *
 * 6. With `ledger` (the release ledger and who is in the report's cells): the attacker also holds
 *    every earlier release of the same statistic, read as a shown value over its population. The
 *    people of each cell are split by the earlier releases that hold them, and a group of 1 to
 *    minGroupSize - 1 people whose size follows from the report and the earlier releases together
 *    is a finding (the same combination gives their values): the department of 13 released
 *    earlier and 12 of them now give away the thirteenth. This part works on people counts: an
 *    attribute disclosure that needs the ledger (a hidden cell of 6, all detractors, equal to an
 *    earlier release minus a shown cell) is not looked for.
 *
 * A cell derivable as empty (n = 0) hides nobody and is not a finding.
 *
 * Near-linear for team and manager trees (10 000 managers in about a second), plus exact
 * elimination and one exact LP per part of the suppressed cells that holds a zero.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for unknown cells, duplicate ids or equations that do not add up.
 *
 * @example
 * const leaky = {
 *   minGroupSize: 5,
 *   equations: [{ total: 'org', parts: ['a', 'b'] }],
 *   cells: [
 *     { id: 'org', n: 14, status: 'shown' },
 *     { id: 'a', n: 3, status: 'suppressed' },
 *     { id: 'b', n: 11, status: 'shown' },
 *   ],
 * };
 * verifyNoDisclosure(leaky).findings // => [{ cell: 'a', kind: 'linear', detail: 'n = 3 follows from the published equations' }]
 */
export function verifyNoDisclosure(
  report: PublishedReport,
  options: VerifyNoDisclosureOptions = {},
): DisclosureCheck {
  if (options.ledger !== undefined) return withLedger(report, options.ledger);
  return verifyWith(report, true);
}

/**
 * {@link verifyNoDisclosure} without the insider shortcuts of {@link GroupCheck.solve} (every
 * system solved in full), for the tests that compare the two. @internal
 */
export function verifyNoDisclosureInFull(report: PublishedReport): DisclosureCheck {
  return verifyWith(report, false);
}

function verifyWith(report: PublishedReport, shortcuts: boolean): DisclosureCheck {
  const check = { ...verification(report), shortcuts };
  const { cells, indexed } = check;
  // 5. Shown cells.
  shownCellFindings(check);

  // Suppressed cells, grouped by breadth-first search over the equations that join them. A
  // suppressed empty cell is a known zero (the org chart tells that a team is empty): it is no
  // unknown, and protects nothing.
  const hiddenCells = cells.filter((cell) => cell.status === 'suppressed').length;
  const suppressed = cells.map((cell) => cell.status === 'suppressed' && cell.n !== 0);
  const byCell = new Map<number, number[]>();
  indexed.terms.forEach((terms, e) => {
    for (const term of terms) {
      if (!suppressed[term.cell]) continue;
      const list = byCell.get(term.cell) ?? [];
      list.push(e);
      byCell.set(term.cell, list);
    }
  });
  const { partsOf, totalsOf } = containment(indexed);

  const visited = new Set<number>();
  let groups = 0;
  for (const start of byCell.keys()) {
    if (visited.has(start)) continue;
    groups++;
    const members: number[] = [];
    const equations = new Set<number>();
    const queue = [start];
    visited.add(start);
    for (let next = 0; next < queue.length; next++) {
      const cell = queue[next]!;
      members.push(cell);
      for (const e of byCell.get(cell) ?? []) {
        if (equations.has(e)) continue;
        equations.add(e);
        for (const term of indexed.terms[e]!) {
          if (suppressed[term.cell] && !visited.has(term.cell)) {
            visited.add(term.cell);
            queue.push(term.cell);
          }
        }
      }
    }
    new GroupCheck(check, suppressed, members, equations).run(partsOf, totalsOf);
  }
  return {
    ok: check.findings.length === 0,
    findings: check.findings,
    suppressedCells: hiddenCells,
    groups,
  };
}

/** Options of {@link verifyNoDisclosure}. */
export interface VerifyNoDisclosureOptions {
  /**
   * What was released earlier (the release ledger) and who is in the report's cells: the
   * attacker also holds every earlier release of the same statistic. Default: no earlier release.
   */
  readonly ledger?: VerifyLedgerOptions;
}

/**
 * The report's own check, plus the check of the report beside the earlier releases
 * (`ledgerAttackReport`: people counts of cells, atoms and earlier releases; a group of 1 to k-1
 * people pinned there has its values pinned by the same combination). @internal
 */
function withLedger(report: PublishedReport, ledger: VerifyLedgerOptions): DisclosureCheck {
  const own = verifyNoDisclosure(report);
  const attack = verifyNoDisclosure(ledgerAttackReport(report, ledger));
  const seen = new Set(own.findings.map((finding) => `${finding.kind}|${finding.cell}`));
  const findings = [
    ...own.findings,
    ...attack.findings
      .filter((finding) => !finding.cell.startsWith('ledger:'))
      .filter((finding) => !seen.has(`${finding.kind}|${finding.cell}`))
      .map((finding) => ({ ...finding, detail: `${finding.detail}, with the release ledger` })),
  ];
  return { ...own, ok: findings.length === 0, findings };
}

/** What the checks of one report share: its layout, its findings so far, and what is at risk. @internal */
interface Verification {
  readonly cells: readonly PublishedCell[];
  readonly indexed: ReturnType<typeof indexTable>;
  readonly findings: DisclosureFinding[];
  readonly minimum: number;
  readonly statistics: ReturnType<typeof statisticLayout>['statistics'];
  readonly variables: readonly LayoutVariable[];
  readonly width: number;
  readonly declared: boolean;
  /**
   * The one variable of a report that has one. Its categories split the attacker's system
   * exactly: each category's equations with counts >= 0 stand alone, and n is their sum (its own
   * equations follow from theirs), so the non-negative solutions are those of each category's own
   * system taken together.
   */
  readonly onlyVariable: LayoutVariable | undefined;
  readonly value: (cell: number, s: number) => number;
  /** Whether {@link GroupCheck.solve} may skip what it knows to find nothing new. */
  readonly shortcuts?: boolean;
  /**
   * Whether learning about `people` of this suppressed cell harms someone: fewer people than the
   * minimum, or a cell in which everyone falls in one category. Cells kept hidden only as
   * complements may be derivable without harm.
   */
  readonly sensitive: (cell: number, people: number) => boolean;
}

/** Indexes a report for the checks. @internal */
function verification(report: PublishedReport): Verification {
  const cells = report.cells;
  const indexed = indexTable(
    'verifyNoDisclosure',
    cells,
    report.equations,
    (index) => cells[index]?.status === 'shown',
  );
  const minimum = Math.max(report.minGroupSize, LOWEST_MIN_GROUP_SIZE);
  const { statistics, variables } = statisticLayout(indexed);
  const width = statistics.length;
  // Read once: the checks read them very often.
  const values = new Float64Array(cells.length * width);
  for (let cell = 0; cell < cells.length; cell++)
    for (let s = 0; s < width; s++)
      values[cell * width + s] = statisticValue(indexed, cell, statistics[s]!);
  const value = (cell: number, s: number) => values[cell * width + s]!;
  /** The category everyone in a cell shares, if any. */
  const sharedCategory = (cell: number): string | undefined => {
    const n = indexed.n[cell]!;
    if (!(n > 0)) return undefined;
    for (const variable of variables)
      for (const s of attributeCategories(variable))
        if (value(cell, s) === n) return categoryOf(variable, s);
    return undefined;
  };
  return {
    cells,
    indexed,
    findings: [],
    minimum,
    statistics,
    variables,
    width,
    declared: variables.some((variable) => !variable.binary),
    onlyVariable: variables.length === 1 ? variables[0] : undefined,
    value,
    sensitive: (cell, people) =>
      people > 0 && (people < minimum || sharedCategory(cell) !== undefined),
  };
}

/** The categories whose count equal to n is attribute disclosure (a yes/no count: the count). @internal */
function attributeCategories(variable: LayoutVariable): readonly number[] {
  return variable.binary ? variable.statistics.slice(0, 1) : variable.statistics;
}

/** The name of statistic `s` of a variable. @internal */
function categoryOf(variable: LayoutVariable, s: number): string {
  return variable.categories[variable.statistics.indexOf(s)]!;
}

/** Step 5: shown cells below the minimum, or in which everyone falls in one category. @internal */
function shownCellFindings({ cells, findings, minimum, variables, value }: Verification): void {
  cells.forEach((cell, index) => {
    if (cell.status !== 'shown') return;
    if (cell.n < minimum) {
      findings.push({
        cell: cell.id,
        kind: 'below-minimum',
        detail: `shown with n = ${cell.n}, below ${minimum}`,
      });
      return;
    }
    for (const variable of variables) {
      for (const s of attributeCategories(variable)) {
        if (cell.n > 0 && value(index, s) === cell.n) {
          findings.push({
            cell: cell.id,
            kind: 'attribute',
            detail: `all ${cell.n} are "${categoryOf(variable, s)}"`,
          });
        }
      }
    }
  });
}

/** Containment: a total holds its parts. The insider check needs what lies inside and around a cell. @internal */
function containment(indexed: ReturnType<typeof indexTable>): {
  partsOf: Map<number, number[]>;
  totalsOf: Map<number, number[]>;
} {
  const partsOf = new Map<number, number[]>();
  const totalsOf = new Map<number, number[]>();
  for (const terms of indexed.terms) {
    const total = terms[0]!.cell;
    for (const term of terms.slice(1)) {
      const parts = partsOf.get(total);
      if (parts === undefined) partsOf.set(total, [term.cell]);
      else parts.push(term.cell);
      const around = totalsOf.get(term.cell);
      if (around === undefined) totalsOf.set(term.cell, [total]);
      else around.push(total);
    }
  }
  return { partsOf, totalsOf };
}

/** What {@link GroupCheck.solve} finds in a part. @internal */
interface Solved {
  readonly forced: Set<number>;
  readonly linear: Set<number>;
  readonly pinned: Set<number>;
  readonly members: number[];
}

/** An insider: the one person of a one-person suppressed cell, and the cells within and around it. @internal */
interface Insider {
  readonly cell: number;
  readonly within: ReadonlySet<number>;
  readonly around: ReadonlySet<number>;
}

/**
 * The checks of one group of suppressed cells joined by equations. Column `index x width + s` is
 * statistic s of the member at `index`. @internal
 */
class GroupCheck {
  private readonly memberIndex: Map<number, number>;
  private readonly width: number;
  /**
   * The equations for n, over the members (the same for every count, whose right-hand sides
   * differ); they decide what is derivable by elimination alone, for every statistic at once.
   */
  private readonly rows: ExactRow[];
  private readonly reported = new Set<string>();
  /** Per part, the statistics whose own system keeps no row after the peeling (combinable). */
  private readonly barren = new Map<readonly ExactRow[], Set<number>>();

  constructor(
    private readonly check: Verification,
    suppressed: readonly boolean[],
    private readonly members: readonly number[],
    equations: ReadonlySet<number>,
  ) {
    const { indexed } = check;
    this.width = check.width;
    const memberIndex = new Map(members.map((cell, index) => [cell, index]));
    this.memberIndex = memberIndex;
    this.rows = [...equations]
      .sort((x, y) => x - y)
      .map((e) => {
        const entries = new Map<number, bigint>();
        let rhs = 0n;
        for (const term of indexed.terms[e]!) {
          if (suppressed[term.cell])
            entries.set(memberIndex.get(term.cell)!, BigInt(term.coefficient));
          else rhs -= BigInt(term.coefficient) * BigInt(indexed.n[term.cell]!);
        }
        return { entries, rhs: [rhs] };
      });
  }

  private barrenOf(part: readonly ExactRow[]): Set<number> {
    let set = this.barren.get(part);
    if (set === undefined) {
      set = new Set();
      this.barren.set(part, set);
    }
    return set;
  }

  private column(cell: number, s: number): number {
    return this.memberIndex.get(cell)! * this.width + s;
  }

  private readonly isZero = (c: number): boolean =>
    this.check.value(this.members[Math.floor(c / this.width)]!, c % this.width) === 0;

  /**
   * Rows over members as rows over statistic s (right-hand sides are not needed: every pinned
   * unknown takes its true value); made once per part and statistic (each insider of the part
   * solves them again), and never changed by their readers (the elimination copies its input).
   */
  private copies(system: readonly ExactRow[], s: number): ExactRow[] {
    let byStatistic = this.copied.get(system);
    if (byStatistic === undefined) {
      byStatistic = [];
      this.copied.set(system, byStatistic);
    }
    const width = this.width;
    byStatistic[s] ??= system.map((row) => ({
      entries: new Map([...row.entries].map(([m, value]) => [m * width + s, value])),
      rhs: [0n],
    }));
    return byStatistic[s];
  }

  private readonly copied = new WeakMap<readonly ExactRow[], ExactRow[][]>();

  private readonly coupling = (m: number): boolean => {
    const { declared, indexed, variables, value } = this.check;
    const cell = this.members[m]!;
    return (
      declared ||
      indexed.n[cell] === 0 ||
      variables.some((variable) => value(cell, variable.statistics[1]!) === 0)
    );
  };

  private report(cell: number, kind: DisclosureKind, detail: string): void {
    const key = `${cell}:${kind}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.check.findings.push({ cell: this.check.cells[cell]!.id, kind, detail });
  }

  /** The findings of the group: each part alone, then with each insider. */
  run(partsOf: ReadonlyMap<number, number[]>, totalsOf: ReadonlyMap<number, number[]>): void {
    const parts = components(exactEchelon(this.rows));
    const solved = parts.map((part) => this.solve(part));
    for (const result of solved) this.inspect(result, result.members);
    if (this.members.length < 2) return;
    for (const part of parts) this.inspectUnions(part, partsOf);
    this.inspectInsiders(parts, solved, partsOf, totalsOf);
  }

  /**
   * What a part pins: by elimination, and with the forced zeros. The unknowns are n and every
   * count of each member, and n minus each yes/no count; the equations hold for n and every
   * count, and each variable's categories add up to n. Without a coupling member (an empty cell,
   * or one whose count is n for a yes/no count), the forced zeros of the joint system are those
   * of each statistic's own system, which are smaller. With an insider, `known` pins their cell.
   */
  private solve(part: readonly ExactRow[], known: readonly number[] = []): Solved {
    const { statistics, variables, onlyVariable } = this.check;
    const { width, members, isZero } = this;
    const partMembers = [...new Set(part.flatMap((row) => [...row.entries.keys()]))];
    const linear = new Set<number>();
    for (const m of pinnedBy(part).keys())
      for (let s = 0; s < width; s++) linear.add(m * width + s);
    const knownRows = known.map((c) => unitRow(c, 0n));
    const systems: { rows: ExactRow[]; unknowns: number[]; statistic?: number }[] = [];
    const alone = (s: number) => ({
      rows: [
        ...this.copies(part, s),
        ...knownRows.filter((row) => [...row.entries.keys()][0]! % width === s),
      ],
      unknowns: partMembers.map((m) => m * width + s),
      statistic: s,
    });
    if (onlyVariable !== undefined) {
      for (const s of onlyVariable.statistics) systems.push(alone(s));
    } else if (partMembers.some(this.coupling)) {
      const joint = statistics.flatMap((statistic, s) =>
        statistic.kind === 'rest' ? [] : this.copies(part, s),
      );
      for (const m of partMembers) {
        for (const variable of variables) {
          const entries = new Map([[m * width, 1n]]);
          for (const s of variable.statistics) entries.set(m * width + s, -1n);
          joint.push({ entries, rhs: [0n] });
        }
      }
      systems.push({
        rows: [...joint, ...knownRows],
        unknowns: partMembers.flatMap((m) => statistics.map((_, s) => m * width + s)),
      });
    } else {
      statistics.forEach((statistic, s) => {
        if (statistic.kind !== 'rest') systems.push(alone(s));
      });
    }
    const forced = new Set<number>();
    const pinned = new Set(linear);
    const barren = this.check.shortcuts === true ? this.barrenOf(part) : new Set<number>();
    const insider =
      known.length > 0 && this.check.shortcuts === true ? Math.floor(known[0]! / width) : undefined;
    let withInsider: number[] | undefined;
    for (const system of systems) {
      const s = system.statistic;
      // An insider whose count is 0 in a statistic whose own system keeps no row after the
      // peeling (combinable) adds a known zero, which keeps no row in either: nothing is forced.
      const zeros =
        insider !== undefined && s !== undefined && barren.has(s) && isZero(insider * width + s)
          ? new Set<number>()
          : forcedZeros(system.rows, system.unknowns, isZero, () => {
              if (insider === undefined && s !== undefined) barren.add(s);
            });
      for (const c of zeros) forced.add(c);
      const extra = [...zeros].filter((c) => !linear.has(c));
      if (extra.length === 0 && known.length === 0) continue;
      if (extra.length === 0 && s !== undefined && insider !== undefined) {
        // Elimination alone with the insider's cell known: the same members for every statistic.
        withInsider ??= [...pinnedBy(exactEchelon([...part, unitRow(insider, 0n)])).keys()];
        for (const m of withInsider) pinned.add(m * width + s);
        continue;
      }
      const form = exactEchelon([...system.rows, ...extra.map((c) => unitRow(c, 0n))]);
      for (const c of pinnedBy(form).keys()) pinned.add(c);
    }
    // One variable: n is the sum of its categories, pinned when each of them is; a category
    // pinned at 0 is a forced zero too (each category's own system, unlike the joint one, may
    // pin it by a row of its own, which no combination needs).
    if (onlyVariable !== undefined) {
      for (const c of pinned) if (isZero(c)) forced.add(c);
      for (const m of partMembers) {
        if (onlyVariable.statistics.every((s) => pinned.has(m * width + s))) pinned.add(m * width);
      }
    }
    return { forced, linear, pinned, members: partMembers.map((m) => members[m]!) };
  }

  /**
   * The findings of one part. With an insider: nothing about their own cell or the cells inside
   * it; about a cell around it, the others in it.
   */
  private inspect(
    { forced, linear, pinned }: Solved,
    partCells: readonly number[],
    insider?: Insider,
  ): void {
    const { cells, indexed, minimum, variables, value, sensitive } = this.check;
    const kindOf = (columns: readonly number[]): DisclosureKind =>
      insider !== undefined ? 'insider' : columns.every((c) => linear.has(c)) ? 'linear' : 'bounds';
    const by = insider === undefined ? '' : ` to the one person in "${cells[insider.cell]!.id}"`;
    for (const cell of partCells) {
      if (insider !== undefined && (cell === insider.cell || insider.within.has(cell))) continue;
      const self = insider?.around.has(cell) ? 1 : 0;
      if (pinned.has(this.column(cell, 0))) {
        const n = indexed.n[cell]!;
        const people = n - self;
        if (people > 0 && sensitive(cell, people) && people < minimum)
          this.report(
            cell,
            kindOf([this.column(cell, 0)]),
            `n = ${n} follows from the published equations${kindOf([this.column(cell, 0)]) === 'bounds' ? ' and counts being >= 0' : ''}${by}`,
          );
      }
      const people = indexed.n[cell]! - self;
      if (!sensitive(cell, people)) continue;
      for (const variable of variables) {
        const zero = variable.statistics.filter((s) => forced.has(this.column(cell, s)));
        const shared =
          variable.binary && insider === undefined
            ? zero.length >= 1
            : zero.length === variable.statistics.length - 1;
        if (shared) {
          const rest = variable.statistics.find((s) => !zero.includes(s))!;
          const columns = zero.map((s) => this.column(cell, s));
          this.report(
            cell,
            kindOf(columns),
            `everyone in it is known to be "${categoryOf(variable, rest)}"${by}`,
          );
        }
        if (insider !== undefined) continue;
        for (const s of variable.statistics) {
          const count = value(cell, s);
          if (pinned.has(this.column(cell, s)) && count > 0 && count < minimum)
            this.report(
              cell,
              kindOf([this.column(cell, s)]),
              `"${categoryOf(variable, s)}" = ${count} follows from the published equations`,
            );
        }
      }
    }
  }

  /**
   * Small unions: cells that lie in no other cell (a leaf team, a team's direct members in one
   * group) of 1 to minGroupSize - 1 people, none pinned alone, whose sum is pinned and holds
   * fewer than minGroupSize people (a team minus one shown sub-team, when two sub-teams of 2 are
   * hidden). The same combination gives every count of the union.
   */
  private inspectUnions(part: readonly ExactRow[], partsOf: ReadonlyMap<number, number[]>): void {
    const { cells, indexed, minimum, findings } = this.check;
    const pinned = pinnedBy(part);
    const cellOf = (m: number) => this.members[m]!;
    const columns = new Set(part.flatMap((row) => [...row.entries.keys()]));
    const candidates = [...columns].filter((m) => {
      const n = indexed.n[cellOf(m)]!;
      return !pinned.has(m) && !partsOf.has(cellOf(m)) && n > 0 && n < minimum;
    });
    const people = (m: number) => indexed.n[cellOf(m)]!;
    for (const union of smallUnions(part, candidates, people, minimum - 1)) {
      const ids = union.map((m) => cells[cellOf(m)]!.id);
      const total = union.reduce((sum, m) => sum + people(m), 0);
      const key = `${ids.join(' + ')}:union`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      findings.push({
        cell: ids.join(' + '),
        kind: 'union',
        detail: `n = ${total} of these cells together follows from the published equations`,
      });
    }
  }

  /**
   * Insiders: the one person of a one-person cell adds what they know to their part; the cells
   * pinned in the other parts of the group are known to everyone, and around the insider they
   * tell about the others in them.
   */
  private inspectInsiders(
    parts: readonly ExactRow[][],
    solved: readonly Solved[],
    partsOf: ReadonlyMap<number, number[]>,
    totalsOf: ReadonlyMap<number, number[]>,
  ): void {
    const { cells, indexed, statistics } = this.check;
    const partCells = solved.map((result) => result.members);
    const partOf = new Map<number, number>();
    partCells.forEach((list, index) => {
      for (const cell of list) partOf.set(cell, index);
    });
    for (const cell of this.members) {
      if (indexed.n[cell] !== 1) continue;
      const own = partOf.get(cell);
      if (own === undefined) continue;
      // Around: every cell that holds this person, from the finest cell they are in (down the
      // parts that hold one person), so that a total holding the cell only through a breakdown
      // counts too.
      let atom = cell;
      const down = new Set([atom]);
      for (;;) {
        const next = partsOf.get(atom)?.find((part) => cells[part]!.n > 0 && !down.has(part));
        if (next === undefined) break;
        atom = next;
        down.add(atom);
      }
      const around = reachable(atom, totalsOf).add(atom);
      const insider = { cell, within: reachable(cell, partsOf), around };
      const known = statistics.map((_, s) => this.column(cell, s));
      this.inspect(this.solve(parts[own]!, known), partCells[own]!, insider);
      // Cells pinned in the other parts, around the insider: the others in them.
      solved.forEach((other, index) => {
        if (index === own) return;
        this.inspect(
          { ...other, forced: new Set() },
          partCells[index]!.filter((c) => around.has(c)),
          insider,
        );
      });
    }
  }
}

/**
 * Checks several reports together, as a reader who sees all of them would: cells with the same id
 * are the same group of people (they must hold the same values), a cell shown in any report is
 * shown, and every report's equations apply. Differencing across reports (the same team filtered
 * two ways) is the caller's responsibility: publish the filtered groups as cells with ids of
 * their own and add the equation that ties them (`team = filtered + rest`) so this check sees it.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when one cell id carries different values in two reports.
 *
 * @example
 * const byTeam = { minGroupSize: 5, equations: [{ total: 'org', parts: ['a', 'b'] }], cells: [
 *   { id: 'org', n: 14, status: 'shown' }, { id: 'a', n: 3, status: 'suppressed' }, { id: 'b', n: 11, status: 'suppressed' }] };
 * const bTeamOnly = { minGroupSize: 5, equations: [], cells: [{ id: 'b', n: 11, status: 'shown' }] };
 * verifyNoDisclosure(byTeam).ok // => true
 * verifyReports([byTeam, bTeamOnly]).ok // => false
 */
export function verifyReports(reports: readonly PublishedReport[]): DisclosureCheck {
  const cells = new Map<string, PublishedCell>();
  const equations = new Map<string, TableEquation>();
  for (const report of reports) {
    for (const cell of report.cells) {
      const earlier = cells.get(cell.id);
      if (
        earlier !== undefined &&
        JSON.stringify(valuesOf(earlier)) !== JSON.stringify(valuesOf(cell))
      ) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `verifyReports: cell "${cell.id}" holds different values in two reports`,
        );
      }
      if (earlier === undefined || cell.status === 'shown') cells.set(cell.id, cell);
    }
    for (const equation of report.equations) {
      equations.set(JSON.stringify([equation.total, [...equation.parts].sort()]), equation);
    }
  }
  return verifyNoDisclosure({
    cells: [...cells.values()],
    equations: [...equations.values()],
    minGroupSize: Math.max(...reports.map((report) => report.minGroupSize), LOWEST_MIN_GROUP_SIZE),
  });
}

/** Every cell reachable from `start` along `edges` (not `start` itself). @internal */
function reachable(start: number, edges: ReadonlyMap<number, readonly number[]>): Set<number> {
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length > 0) {
    for (const next of edges.get(stack.pop()!) ?? []) {
      if (next !== start && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

function valuesOf(cell: PublishedCell): unknown {
  return [cell.n, Object.entries(cell.counts ?? {}).sort(), Object.entries(cell.sums ?? {}).sort()];
}
