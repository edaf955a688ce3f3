import { closeSync, openSync, readSync } from 'node:fs';
import { createFastRecordParser } from '../../csv/internal/fastRecordParser.js';
import { BREAK, byteKinds, CR, LF, OTHER, QUOTE_KIND, startsWithBom } from './byteKinds.js';
import {
  CHECKPOINT_ROWS,
  hashBytes,
  type RecordIndex,
  type RecordStart,
  UNHASHED,
} from './recordIndex.js';

const BLOCK_BYTES = 4 * 1024 * 1024;

/** Blocks of a walk from a checkpoint (a few records). */
const SHORT_BLOCK_BYTES = 64 * 1024;

/** One record found: its fields as `readCsv` splits them, its data row (1-based) and first line. @internal */
export interface LocatedRow {
  readonly fields: string[];
  readonly row: number;
  readonly line: number;
}

interface Candidate {
  readonly bytes: Uint8Array;
  /** 1-based data row. */
  readonly row: number;
  readonly line: number;
}

/**
 * Walks the records of a file from a record's start (known offset, data row and line), as
 * `scanStructure` reads them (it has checked the quoting and that no blank line precedes a
 * record), and keeps the bytes of each record `pick` takes (by its 0-based data row and the hash
 * of its first field: `UNHASHED` when quoted or cut by a block's end). Stops at the first record
 * after `lastRow`. Returns the data records seen (the header not counted).
 */
function walk(
  file: number,
  from: RecordStart,
  lastRow: number,
  kinds: Uint8Array,
  pick: (row: number, hash: number) => boolean,
  out: Candidate[],
  block: Uint8Array,
): number {
  /** The bytes of a candidate record read in earlier blocks. */
  let pieces: Uint8Array[] = [];
  let candidate = false;
  let recordStart = 0;
  let recordLine = from.line;
  /** 0-based data row of the record being read (-1: the header). */
  let row = from.row - 1;
  let breaks = from.line - 1;
  let inside = false;
  let atStart = true;
  let last = LF;
  let base = from.offset;
  for (;;) {
    const length = readSync(file, block, 0, block.length, base);
    if (length <= 0) break;
    let at = base === 0 && startsWithBom(block, length) ? 3 : 0;
    recordStart = 0;
    while (at < length) {
      const code = block[at]!;
      const kind = kinds[code]!;
      if (kind === BREAK) {
        if (!(code === LF && last === CR)) breaks++;
        if (!inside && !atStart) {
          if (candidate) {
            const tail = block.slice(recordStart, at);
            const bytes = pieces.length === 0 ? tail : Buffer.concat([...pieces, tail]);
            out.push({ bytes, row: row + 1, line: recordLine });
            pieces = [];
            candidate = false;
          }
          atStart = true;
        }
        last = code;
        at++;
        continue;
      }
      if (atStart) {
        atStart = false;
        row++;
        if (row > lastRow) return row;
        recordStart = at;
        recordLine = breaks + 1;
        let hash = UNHASHED;
        if (kind !== QUOTE_KIND) {
          let end = at;
          while (end < length && kinds[block[end]!] === OTHER) end++;
          if (end < length) hash = hashBytes(block, at, end);
          if (end > at) {
            candidate = row >= 0 && pick(row, hash);
            last = block[end - 1]!;
            at = end;
            continue;
          }
        }
        candidate = row >= 0 && pick(row, hash);
      }
      if (kind === OTHER) {
        at++;
        while (at < length && kinds[block[at]!] === OTHER) at++;
        last = block[at - 1]!;
        continue;
      }
      // The quoting was checked: each quote opens, doubles or closes a quoted field.
      if (kind === QUOTE_KIND) inside = !inside;
      last = code;
      at++;
    }
    if (candidate && !atStart) pieces.push(block.slice(recordStart, length));
    base += length;
  }
  if (candidate && !atStart)
    out.push({ bytes: Buffer.concat(pieces), row: row + 1, line: recordLine });
  return row + 1;
}

/**
 * Finds the rows of a file that DuckDB flagged (their fields, with `''` for an empty cell, keyed
 * by `JSON.stringify`, with how often DuckDB saw each) and numbers them as `readCsv` does: data
 * row (the header is row 0) and the physical line where the record starts. A record is a
 * candidate when its first field is quoted or its bytes hash like a wanted row's first field;
 * only candidates are decoded and split (`createFastRecordParser`), and kept when their fields are
 * a wanted row's, as often as DuckDB saw it.
 *
 * With the `index` that `scanStructure` filled, the candidates are known by their rows, and each
 * is read from the checkpoint before it (at most `CHECKPOINT_ROWS` records earlier): a few bytes
 * a row, not the file again. Without it (a file of over 16 M records), one pass over the file.
 * DuckDB gives no row numbers in a parallel scan (`row_number()` and `WITH ORDINALITY` make it
 * read on one thread), and no reader numbers the records of a file without splitting them all,
 * so this is written by hand.
 *
 * Returns the rows found in file order and the file's data rows, or undefined when a wanted row
 * is not found exactly as often (then the caller reads the file with `csvEnpsTallies`).
 * `blockBytes` is for tests. @internal
 */
export async function locateRows(
  path: string,
  delimiter: string,
  wanted: ReadonlyMap<string, number>,
  index?: RecordIndex,
  blockBytes = BLOCK_BYTES,
): Promise<{ readonly found: LocatedRow[]; readonly rows: number } | undefined> {
  const kinds = byteKinds(delimiter);
  const firstFields = new Set<number>();
  for (const key of wanted.keys()) {
    const first = Buffer.from((JSON.parse(key) as string[])[0] ?? '');
    firstFields.add(hashBytes(first, 0, first.length));
  }
  const candidates: Candidate[] = [];
  let rows: number;
  const file = openSync(path, 'r');
  try {
    if (index?.usable) {
      const block = new Uint8Array(Math.min(blockBytes, SHORT_BLOCK_BYTES));
      const like = index.rowsLike(firstFields);
      let next = 0;
      while (next < like.length) {
        // The candidates up to the next checkpoint, read from the one before them.
        const start = index.checkpoint(like[next]!);
        const until = start.row + CHECKPOINT_ROWS - 1;
        const wantedRows = new Set<number>();
        while (next < like.length && like[next]! <= until) wantedRows.add(like[next++]!);
        const lastRow = Math.max(...wantedRows);
        walk(file, start, lastRow, kinds, (row) => wantedRows.has(row), candidates, block);
      }
      rows = index.count;
    } else {
      const start: RecordStart = { offset: 0, row: -1, line: 1 };
      const pick = (_row: number, hash: number) => hash === UNHASHED || firstFields.has(hash);
      const block = new Uint8Array(blockBytes);
      rows = walk(file, start, Number.POSITIVE_INFINITY, kinds, pick, candidates, block);
    }
  } finally {
    closeSync(file);
  }
  // The candidates, one record each, split as readCsv splits them.
  // ignoreBOM: a record that starts with U+FEFF keeps it, as readCsv keeps it mid-file.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parser = createFastRecordParser(delimiter, 'duckdbEnpsTallies');
  for (const { bytes } of candidates) await parser.write(`${decoder.decode(bytes)}\n`);
  await parser.end();
  if (parser.queue.length !== candidates.length) return undefined;
  const left = new Map(wanted);
  const found: LocatedRow[] = [];
  parser.queue.forEach((entry, position) => {
    if (!('fields' in entry)) return;
    const key = JSON.stringify(entry.fields);
    const count = left.get(key);
    if (count === undefined) return;
    if (count === 1) left.delete(key);
    else left.set(key, count - 1);
    const { row, line } = candidates[position]!;
    found.push({ fields: entry.fields, row, line });
  });
  return left.size === 0 ? { found, rows } : undefined;
}
