import { InternalCustomerError } from '../core/errors.js';
import { indexTable } from './checkTable.js';
import { gcd, positiveSupport } from './exactPositiveSupport.js';
import { LOWEST_MIN_GROUP_SIZE } from './minGroupSize.js';
import type { PublishedCell, PublishedReport } from './suppressTable.js';
import type { TableEquation } from './table.js';

/** What a reader could learn, and how. */
export type DisclosureKind = 'below-minimum' | 'attribute' | 'linear' | 'bounds' | 'insider';

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
  let g = 0n;
  for (const value of row.entries.values()) g = gcd(g, value);
  for (const value of row.rhs) g = gcd(g, value);
  const first = row.entries.size > 0 ? row.entries.get(Math.min(...row.entries.keys()))! : 1n;
  const sign = first < 0n ? -1n : 1n;
  if (g === 0n) return;
  const factor = g * sign;
  if (factor === 1n) return;
  for (const [column, value] of row.entries) row.entries.set(column, value / factor);
  row.rhs = row.rhs.map((value) => value / factor);
}

/** row := a * row - b * other, exactly. */
function combine(row: ExactRow, a: bigint, other: ExactRow, b: bigint): void {
  for (const [column, value] of row.entries) row.entries.set(column, a * value);
  for (const [column, value] of other.entries) {
    const next = (row.entries.get(column) ?? 0n) - b * value;
    if (next === 0n) row.entries.delete(column);
    else row.entries.set(column, next);
  }
  row.rhs = row.rhs.map((value, index) => a * value - b * other.rhs[index]!);
  normalise(row);
}

/**
 * Exact reduced row echelon form by fraction-free Gauss-Jordan elimination on big integers, so
 * the decision never depends on rounding or on a lucky prime. @internal
 */
function exactEchelon(input: readonly ExactRow[]): ExactRow[] {
  const rows: ExactRow[] = [];
  const pivotOf: number[] = [];
  for (const source of input) {
    const row: ExactRow = { entries: new Map(source.entries), rhs: [...source.rhs] };
    rows.forEach((pivotRow, index) => {
      const column = pivotOf[index]!;
      const value = row.entries.get(column);
      if (value !== undefined) combine(row, pivotRow.entries.get(column)!, pivotRow, value);
    });
    if (row.entries.size === 0) continue;
    normalise(row);
    const column = Math.min(...row.entries.keys());
    const pivot = row.entries.get(column)!;
    for (const other of rows) {
      const value = other.entries.get(column);
      if (value !== undefined) combine(other, pivot, row, value);
    }
    rows.push(row);
    pivotOf.push(column);
  }
  return rows;
}

/**
 * Checks, independently of how the report was suppressed, that no suppressed cell holding people
 * can be learnt from what the report publishes:
 *
 * 1. Linear: a suppressed cell is disclosed when its unit vector lies in the row space of the
 *    equations restricted to suppressed cells (the shown cells moved to the right-hand side).
 *    Decided exactly, by fraction-free elimination on big integers, per connected group of
 *    suppressed cells so it stays sparse.
 * 2. Bounds: counts are whole and non-negative, so suppressed cells tied by an equation (or a row
 *    of the reduced system) with coefficients of one sign are disclosed when the category total
 *    derivable for them is 0 or equals their derivable n. This checks those rows, not every
 *    positive combination (a full interval audit would need linear programming).
 * 3. Insiders: the member of a one-person suppressed cell knows it; the check adds that knowledge
 *    and looks for newly disclosed cells.
 * 4. Shown cells: none below the minimum group size, and none in which everyone falls in one
 *    category (attribute disclosure).
 *
 * A cell derivable as empty (n = 0) hides nobody and is not a finding.
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
export function verifyNoDisclosure(report: PublishedReport): DisclosureCheck {
  const cells = report.cells;
  const indexed = indexTable(
    'verifyNoDisclosure',
    cells,
    report.equations,
    (index) => cells[index]?.status === 'shown',
  );
  const findings: DisclosureFinding[] = [];
  const minimum = Math.max(report.minGroupSize, LOWEST_MIN_GROUP_SIZE);
  const countKeys = [...indexed.counts.keys()];

  // 4. Shown cells.
  cells.forEach((cell) => {
    if (cell.status !== 'shown') return;
    if (cell.n < minimum) {
      findings.push({
        cell: cell.id,
        kind: 'below-minimum',
        detail: `shown with n = ${cell.n}, below ${minimum}`,
      });
      return;
    }
    for (const key of countKeys) {
      if (cell.n > 0 && (cell.counts?.[key] ?? 0) === cell.n) {
        findings.push({ cell: cell.id, kind: 'attribute', detail: `all ${cell.n} are "${key}"` });
      }
    }
  });

  /**
   * Whether learning a group of `people` in this suppressed cell harms someone: fewer people than
   * the minimum, or a cell in which everyone falls in one category. Cells kept hidden only as
   * complements may be derivable without harm.
   */
  const sensitive = (cell: number, people: bigint): boolean => {
    if (people <= 0n) return false;
    if (people < BigInt(minimum)) return true;
    const n = cells[cell]!.n;
    return (
      n !== undefined && n > 0 && countKeys.some((key) => (cells[cell]!.counts?.[key] ?? 0) === n)
    );
  };

  // Suppressed cells, grouped by breadth-first search over the equations that join them.
  const suppressed = cells.map((cell) => cell.status === 'suppressed');
  const byCell = new Map<number, number[]>();
  indexed.terms.forEach((terms, e) => {
    for (const term of terms) {
      if (!suppressed[term.cell]) continue;
      const list = byCell.get(term.cell) ?? [];
      list.push(e);
      byCell.set(term.cell, list);
    }
  });
  const shownValue = (cell: PublishedCell): bigint[] => [
    BigInt(cell.n),
    ...countKeys.map((key) => BigInt(cell.counts?.[key] ?? 0)),
  ];
  const restrictedRow = (e: number, column: Map<number, number>): ExactRow => {
    const entries = new Map<number, bigint>();
    let rhs = new Array<bigint>(countKeys.length + 1).fill(0n);
    for (const term of indexed.terms[e]!) {
      if (suppressed[term.cell]) {
        entries.set(column.get(term.cell)!, BigInt(term.coefficient));
      } else {
        const values = shownValue(cells[term.cell]!);
        rhs = rhs.map((value, index) => value - BigInt(term.coefficient) * values[index]!);
      }
    }
    return { entries, rhs };
  };

  // Containment: a total holds its parts. The insider check needs what lies inside and around a cell.
  const partsOf = new Map<number, number[]>();
  const totalsOf = new Map<number, number[]>();
  for (const terms of indexed.terms) {
    const total = terms[0]!.cell;
    for (const term of terms.slice(1)) {
      partsOf.set(total, [...(partsOf.get(total) ?? []), term.cell]);
      totalsOf.set(term.cell, [...(totalsOf.get(term.cell) ?? []), total]);
    }
  }

  const visited = new Set<number>();
  let groups = 0;
  for (const start of byCell.keys()) {
    if (visited.has(start)) continue;
    groups++;
    const members: number[] = [];
    const equations = new Set<number>();
    const queue = [start];
    visited.add(start);
    while (queue.length > 0) {
      const cell = queue.shift()!;
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
    const column = new Map(members.map((cell, index) => [cell, index]));
    const rows = [...equations].sort((a, b) => a - b).map((e) => restrictedRow(e, column));
    const reported = new Set<string>();
    const report = (cell: number, kind: DisclosureKind, detail: string) => {
      const key = `${cell}:${kind}`;
      if (reported.has(key)) return;
      reported.add(key);
      findings.push({ cell: cells[cell]!.id, kind, detail });
    };
    const inspect = (
      echelon: readonly ExactRow[],
      insider?: { cell: number; within: ReadonlySet<number>; around: ReadonlySet<number> },
    ) => {
      for (const row of echelon) {
        if (row.entries.size !== 1) continue;
        const [[index, coefficient]] = [...row.entries] as [[number, bigint]];
        const cell = members[index]!;
        const people = row.rhs[0]! / coefficient;
        if (insider === undefined) {
          if (people > 0n && sensitive(cell, people)) {
            report(cell, 'linear', `n = ${people} follows from the published equations`);
          }
          continue;
        }
        // What the insider learns about others: nothing from their own cell or cells inside it;
        // from a cell around it, the others in it.
        if (cell === insider.cell || insider.within.has(cell)) continue;
        const others = insider.around.has(cell) ? people - BigInt(cells[insider.cell]!.n) : people;
        if (others > 0n && sensitive(cell, others)) {
          report(
            cell,
            'insider',
            `n = ${people} follows from the published equations to the one person in "${cells[insider.cell]!.id}"`,
          );
        }
      }
    };
    const echelon = exactEchelon(rows);
    inspect(echelon);
    // Bounds: a combination with positive weights over suppressed cells whose category total is 0
    // (or everyone) tells that category for each of them. Such a combination lives on the cells
    // whose count is 0 (or n): eliminate the other cells first, and read the rows left on them.
    countKeys.forEach((key) => {
      for (const mode of ['none', 'all'] as const) {
        const onSupport = (cell: number) => {
          const count = cells[cell]!.counts?.[key] ?? 0;
          return mode === 'none' ? count === 0 : count === cells[cell]!.n;
        };
        const ordered = [
          ...members.filter((cell) => !onSupport(cell)),
          ...members.filter(onSupport),
        ];
        const firstOnSupport = members.length - members.filter(onSupport).length;
        if (firstOnSupport === members.length) continue;
        const remap = new Map(ordered.map((cell, index) => [column.get(cell)!, index]));
        const remapped = rows.map((row) => ({
          entries: new Map([...row.entries].map(([c, value]) => [remap.get(c)!, value])),
          rhs: row.rhs,
        }));
        // A basis of the derivable combinations that live on these cells only ...
        const basis = exactEchelon(remapped)
          .filter((row) => [...row.entries.keys()].every((c) => c >= firstOnSupport))
          .map((row) => {
            const vector = new Array<bigint>(ordered.length - firstOnSupport).fill(0n);
            for (const [c, value] of row.entries) vector[c - firstOnSupport] = value;
            return vector;
          });
        // ... and the cells some non-negative combination of them reaches.
        for (const j of positiveSupport(basis, ordered.length - firstOnSupport)) {
          const cell = ordered[j + firstOnSupport]!;
          if (sensitive(cell, BigInt(cells[cell]!.n ?? 1))) {
            report(
              cell,
              'bounds',
              `suppressed cells derivable together have ${mode === 'none' ? 'no' : 'only'} "${key}"`,
            );
          }
        }
      }
    });
    if (members.length < 2) continue;
    for (const cell of members) {
      if (cells[cell]!.n !== 1) continue;
      const known: ExactRow = {
        entries: new Map([[column.get(cell)!, 1n]]),
        rhs: shownValue(cells[cell]!),
      };
      const insider = { cell, within: reachable(cell, partsOf), around: reachable(cell, totalsOf) };
      inspect(exactEchelon([...echelon, known]), insider);
    }
  }
  return {
    ok: findings.length === 0,
    findings,
    suppressedCells: suppressed.filter(Boolean).length,
    groups,
  };
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
