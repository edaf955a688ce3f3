/**
 * The verifier's search for small unions: suppressed cells that no equation pins one by one, but
 * whose sum does (a team of 10 shown, one of its sub-teams of 6 shown: the other two sub-teams of
 * 2 are 4 people together, with their counts). Exact, on big integers; the suppression has its
 * own search, modulo a prime (suppressionAudit.ts), and shares no code with this one. @internal
 */
import { gcd } from './exactPositiveSupport.js';

/** A row of a reduced echelon form: coefficient by column (the pivot is its smallest column). */
interface EchelonRow {
  readonly entries: ReadonlyMap<number, bigint>;
}

/** Where the search of a report stops (sets tried): far above what a tree or a breakdown needs. */
const SEARCH_BUDGET = 200_000;

/**
 * The sets of at least two `candidates` whose sum lies in the row space of `rows` (so a reader
 * derives it) and whose people add up to at most `most`. `rows` is a reduced echelon form
 * (Gauss-Jordan: a pivot column occurs in its own row only). A set is derivable when the sum of
 * its unit vectors reduces to 0: each column reduces to itself (not a pivot) or to minus its
 * row's other entries over the pivot; scaled by the least common multiple of the pivots, these
 * are whole numbers. The search adds, to a set whose reduced sum is not 0, a candidate that
 * cancels its first column left over, and never a candidate before the set's first: so every
 * derivable set is found once from its smallest member, and the people budget prunes it to sets
 * of a few cells. Sets that contain a smaller derivable set are left out.
 *
 * O(candidates x branching^(most - 1)), cut off after {@link SEARCH_BUDGET} sets.
 */
export function smallUnions(
  rows: readonly EchelonRow[],
  candidates: readonly number[],
  people: (column: number) => number,
  most: number,
): number[][] {
  if (candidates.length < 2 || most < 2) return [];
  const pivotOf = new Map<number, EchelonRow>();
  let scale = 1n;
  for (const row of rows) {
    let pivot = Number.POSITIVE_INFINITY;
    for (const column of row.entries.keys()) if (column < pivot) pivot = column;
    pivotOf.set(pivot, row);
    const value = row.entries.get(pivot)!;
    const size = value < 0n ? -value : value;
    scale = (scale * size) / gcd(scale, size);
  }
  const reduced = new Map<number, Map<number, bigint>>();
  for (const column of candidates) {
    const row = pivotOf.get(column);
    if (row === undefined) {
      reduced.set(column, new Map([[column, scale]]));
      continue;
    }
    const factor = scale / row.entries.get(column)!;
    const vector = new Map<number, bigint>();
    for (const [c, value] of row.entries) if (c !== column) vector.set(c, -factor * value);
    reduced.set(column, vector);
  }
  const holding = new Map<number, number[]>();
  for (const column of candidates) {
    for (const c of reduced.get(column)!.keys()) {
      const list = holding.get(c);
      if (list === undefined) holding.set(c, [column]);
      else list.push(column);
    }
  }
  const found: number[][] = [];
  let budget = SEARCH_BUDGET;
  const extend = (chosen: number[], sum: Map<number, bigint>, count: number): void => {
    if (--budget < 0) return;
    if (sum.size === 0) {
      found.push([...chosen].sort((a, b) => a - b));
      return;
    }
    let open = Number.POSITIVE_INFINITY;
    for (const c of sum.keys()) if (c < open) open = c;
    for (const next of holding.get(open) ?? []) {
      if (next <= chosen[0]! || chosen.includes(next)) continue;
      const more = count + people(next);
      if (more > most) continue;
      const after = new Map(sum);
      for (const [c, value] of reduced.get(next)!) {
        const total = (after.get(c) ?? 0n) + value;
        if (total === 0n) after.delete(c);
        else after.set(c, total);
      }
      chosen.push(next);
      extend(chosen, after, more);
      chosen.pop();
    }
  };
  for (const first of [...candidates].sort((a, b) => a - b)) {
    if (people(first) >= most) continue;
    extend([first], new Map(reduced.get(first)!), people(first));
  }
  const distinct = [...new Map(found.map((set) => [set.join(','), set])).values()];
  return distinct.filter(
    (set) =>
      !distinct.some((other) => other.length < set.length && other.every((c) => set.includes(c))),
  );
}
