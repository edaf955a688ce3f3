// The records of a CSV file by the hash of their first field, as scanStructure sees them, so that
// the rows DuckDB flags can be found without a second pass over the file (locateRows.ts).

/** Data records between two checkpoints (where a walk to a record may start). @internal */
export const CHECKPOINT_ROWS = 64;

/** Records indexed at most (4 bytes each): past it, the index is dropped and a walk reads all. */
const MAX_RECORDS = 1 << 24;

/** The first-field "hash" of a record whose first field is quoted or cut by a block's end. @internal */
export const UNHASHED = 0x40000000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of bytes, kept to 30 bits (a fast key, never `UNHASHED`). @internal */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let index = from; index < to; index++) hash = Math.imul(hash ^ bytes[index]!, FNV_PRIME);
  return hash & 0x3fffffff;
}

/** Where a walk over the records may start: a record's byte offset, data row (0-based) and line. @internal */
export interface RecordStart {
  readonly offset: number;
  /** 0-based data row of the record (-1: the header). */
  readonly row: number;
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
}

/**
 * First-field hashes of every data record and a checkpoint (offset and line) every
 * `CHECKPOINT_ROWS` records: about 4.3 bytes a record, dropped past 16 M records. @internal
 */
export class RecordIndex {
  private hashes = new Uint32Array(1 << 16);
  private offsets = new Float64Array(1 << 10);
  private lines = new Float64Array(1 << 10);
  /** Data records indexed. */
  count = 0;
  /** False once the index grew past its limit (then `locateRows` reads the whole file). */
  usable = true;

  /** Adds data record `count`, which starts at `offset` on `line`, with its first field's hash. */
  add(offset: number, line: number, hash: number): void {
    const row = this.count;
    if (!this.usable) return;
    if (row === MAX_RECORDS) {
      this.usable = false;
      this.hashes = new Uint32Array(0);
      return;
    }
    if (row === this.hashes.length) this.hashes = grow(this.hashes);
    this.hashes[row] = hash;
    if (row % CHECKPOINT_ROWS === 0) {
      const checkpoint = row / CHECKPOINT_ROWS;
      if (checkpoint === this.offsets.length) {
        this.offsets = grow(this.offsets);
        this.lines = grow(this.lines);
      }
      this.offsets[checkpoint] = offset;
      this.lines[checkpoint] = line;
    }
    this.count = row + 1;
  }

  /** The data rows (0-based) whose first field may be one of `wanted` (hashes), in order. */
  rowsLike(wanted: ReadonlySet<number>): number[] {
    // A bit per low 16 bits of a wanted hash rules most rows out without a look in the set.
    const bits = new Uint32Array(2048);
    for (const hash of [...wanted, UNHASHED]) bits[(hash & 0xffff) >>> 5]! |= 1 << (hash & 31);
    const rows: number[] = [];
    const hashes = this.hashes;
    for (let row = 0; row < this.count; row++) {
      const hash = hashes[row]!;
      if ((bits[(hash & 0xffff) >>> 5]! & (1 << (hash & 31))) === 0) continue;
      if (hash === UNHASHED || wanted.has(hash)) rows.push(row);
    }
    return rows;
  }

  /** The checkpoint at or before a data row. */
  checkpoint(row: number): RecordStart {
    const checkpoint = Math.floor(row / CHECKPOINT_ROWS);
    return {
      offset: this.offsets[checkpoint]!,
      row: checkpoint * CHECKPOINT_ROWS,
      line: this.lines[checkpoint]!,
    };
  }
}

function grow<T extends Uint32Array | Float64Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}
