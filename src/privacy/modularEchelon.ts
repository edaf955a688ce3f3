/**
 * Sparse linear algebra modulo a prime for the suppression audit: a reduced row echelon form
 * built row by row, and the split of a system into independent blocks. The audit is a fast
 * heuristic (a rank mod p can only be lower than over the rationals, which errs towards
 * suppressing more); `verifyNoDisclosure` decides exactly, with code that shares nothing with
 * this. @internal
 */

/** A prime below 2^26, so that products of two residues stay exact in doubles. */
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

/** row -= factor * other, dropping the entries that reach 0. */
function subtractMultiple(
  row: Map<number, number>,
  factor: number,
  other: ReadonlyMap<number, number>,
): void {
  for (const [column, value] of other) {
    const next = ((row.get(column) ?? 0) - mulMod(factor, value) + P) % P;
    if (next === 0) row.delete(column);
    else row.set(column, next);
  }
}

/**
 * A sparse reduced row echelon form mod P, built row by row: each row's pivot is its smallest
 * column, with coefficient 1, and no other row has an entry in a pivot column. @internal
 */
export class ModularEchelon {
  readonly rows: Map<number, number>[] = [];
  readonly pivotRow = new Map<number, number>();
  readonly rowsWithColumn = new Map<number, Set<number>>();

  clone(): ModularEchelon {
    const copy = new ModularEchelon();
    copy.absorb(this);
    return copy;
  }

  /**
   * The input reduced by the pivot rows (entries mod P, zeros dropped). One pass over the input's
   * columns is enough: a pivot row has no entry in another pivot column.
   */
  reduce(input: ReadonlyMap<number, number>): Map<number, number> {
    const row = new Map<number, number>();
    for (const [column, value] of input) {
      const v = ((value % P) + P) % P;
      if (v !== 0) row.set(column, v);
    }
    for (const column of [...row.keys()]) {
      const pivot = this.pivotRow.get(column);
      const factor = row.get(column);
      if (pivot !== undefined && factor !== undefined)
        subtractMultiple(row, factor, this.rows[pivot]!);
    }
    return row;
  }

  /** Adds a row; returns whether it was independent of the rows before. */
  insert(input: ReadonlyMap<number, number>): boolean {
    const row = this.reduce(input);
    if (row.size === 0) return false;
    let pivotColumn = Number.POSITIVE_INFINITY;
    for (const column of row.keys()) if (column < pivotColumn) pivotColumn = column;
    const inverse = modInverse(row.get(pivotColumn)!);
    for (const [c, v] of row) row.set(c, mulMod(v, inverse));
    const index = this.rows.length;
    for (const other of [...(this.rowsWithColumn.get(pivotColumn) ?? [])]) {
      const target = this.rows[other]!;
      const before = new Set(target.keys());
      subtractMultiple(target, target.get(pivotColumn)!, row);
      for (const c of before) if (!target.has(c)) this.rowsWithColumn.get(c)?.delete(other);
      for (const c of target.keys()) if (!before.has(c)) this.track(c, other);
    }
    this.rows.push(row);
    this.pivotRow.set(pivotColumn, index);
    for (const c of row.keys()) this.track(c, index);
    return true;
  }

  /** Takes over the rows of an echelon form on other columns (the union is still reduced). */
  absorb(other: ModularEchelon): void {
    const offset = this.rows.length;
    for (const row of other.rows) this.rows.push(new Map(row));
    for (const [column, row] of other.pivotRow) this.pivotRow.set(column, row + offset);
    for (const [column, rows] of other.rowsWithColumn) {
      const set = this.rowsWithColumn.get(column) ?? new Set<number>();
      for (const row of rows) set.add(row + offset);
      this.rowsWithColumn.set(column, set);
    }
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

/** One independent block of a system: its columns and the echelon form of its rows. @internal */
export interface ModularBlock {
  readonly columns: number[];
  readonly echelon: ModularEchelon;
}

/**
 * Splits the row space of a sparse system into blocks on disjoint columns, so that the row space
 * is the direct sum of the blocks' row spaces: a vector lies in it exactly when its part on each
 * block lies in that block's. Rows are taken from the sparsest; each is reduced block by block,
 * and only the blocks where a remainder is left are joined by it. A row implied by the rows
 * before it (a grand total that adds up sub-totals already known) joins nothing, where grouping
 * by shared columns alone would join every block it touches into one.
 *
 * `blockOf[column]` is the block of each column, or -1 for a column in no row; `implied[row]` is 1
 * for a row that joined nothing because the rows before it imply it. Blocks are merged
 * smaller into larger: O(entries x log(blocks)) plus the elimination within each block.
 * @internal
 */
export function modularBlocks(
  rows: readonly ReadonlyMap<number, number>[],
  columnCount: number,
): { blockOf: Int32Array; blocks: ModularBlock[]; implied: Uint8Array } {
  const blockOf = new Int32Array(columnCount).fill(-1);
  const implied = new Uint8Array(rows.length);
  const blocks: (ModularBlock | undefined)[] = [];
  const order = rows
    .map((_, index) => index)
    .sort((a, b) => rows[a]!.size - rows[b]!.size || a - b);
  for (const index of order) {
    const parts = new Map<number, Map<number, number>>();
    const remainder = new Map<number, number>();
    for (const [column, value] of rows[index]!) {
      const block = blockOf[column]!;
      if (block < 0) {
        remainder.set(column, value);
        continue;
      }
      let part = parts.get(block);
      if (part === undefined) {
        part = new Map();
        parts.set(block, part);
      }
      part.set(column, value);
    }
    const joined: number[] = [];
    for (const [block, part] of parts) {
      const left = blocks[block]!.echelon.reduce(part);
      if (left.size === 0) continue;
      joined.push(block);
      for (const [column, value] of left) remainder.set(column, value);
    }
    if (remainder.size === 0) {
      implied[index] = 1;
      continue;
    }
    let target = joined[0];
    for (const block of joined)
      if (blocks[block]!.columns.length > blocks[target!]!.columns.length) target = block;
    if (target === undefined) {
      target = blocks.length;
      blocks.push({ columns: [], echelon: new ModularEchelon() });
    }
    const into = blocks[target]!;
    for (const block of joined) {
      if (block === target) continue;
      const from = blocks[block]!;
      into.echelon.absorb(from.echelon);
      for (const column of from.columns) {
        blockOf[column] = target;
        into.columns.push(column);
      }
      blocks[block] = undefined;
    }
    for (const column of remainder.keys()) {
      if (blockOf[column]! >= 0) continue;
      blockOf[column] = target;
      into.columns.push(column);
    }
    into.echelon.insert(remainder);
  }
  // Number the blocks left, in order.
  const alive: ModularBlock[] = [];
  const renumber = new Int32Array(blocks.length).fill(-1);
  blocks.forEach((block, index) => {
    if (block === undefined) return;
    renumber[index] = alive.length;
    alive.push(block);
  });
  for (let column = 0; column < columnCount; column++)
    if (blockOf[column]! >= 0) blockOf[column] = renumber[blockOf[column]!]!;
  return { blockOf, blocks: alive, implied };
}
