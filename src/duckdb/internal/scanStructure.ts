import { closeSync, openSync, readSync } from 'node:fs';
import { BREAK, byteKinds, CR, LF, OTHER, QUOTE, SEPARATOR, startsWithBom } from './byteKinds.js';
import { hashBytes, type RecordIndex, UNHASHED } from './recordIndex.js';

const BLOCK_BYTES = 4 * 1024 * 1024;

const NOT_OK = { ok: false, rows: 0 } as const;

/**
 * Checks, in one pass over a UTF-8 file's bytes (in blocks, flat memory), what the DuckDB engine
 * relies on to give the same rows and line numbers as `readCsv`:
 * - every quote sits where RFC 4180 allows it: opening a field, doubled inside a quoted field, or
 *   closing one before a delimiter, a line break or the end (so `readCsv` reads no malformed
 *   record; DuckDB would read `x"y` as text), and the last quoted field is closed;
 * - no record has more fields than the header (`width`), counting delimiters outside quotes:
 *   DuckDB drops empty trailing fields beyond the header's (`a,b,c,` against 3 columns reads as 3
 *   fields, even in strict mode) where `readCsv` reports the column count;
 * - no blank line precedes a record: a line break at the very start (after a byte-order mark if
 *   any) or right after another one (CRLF is one break; also inside quotes, to stay simple). Both
 *   readers skip blank lines, but they shift line numbers, and DuckDB takes a blank first line for
 *   the header. Blank lines only at the end shift nothing.
 *
 * With them it counts the data rows (records after the header), which DuckDB's must equal, and,
 * given an `index`, records where each data record starts and the hash of its first field, so
 * that `locateRows` finds the rows DuckDB flags without reading the whole file again.
 *
 * Written by hand (no CSV parser reports these facts): a byte's kind comes from a 256-entry
 * table, and the bytes that are none of delimiter, quote or line break are passed over in a tight
 * loop, so the pass costs about a nanosecond and a half a byte. `blockBytes` is for tests (blocks
 * that split quotes and line breaks). @internal
 */
export function scanStructure(
  path: string,
  delimiter: string,
  width: number,
  index?: RecordIndex,
  blockBytes = BLOCK_BYTES,
): { readonly ok: boolean; readonly rows: number } {
  const emptyHash = hashBytes(new Uint8Array(0), 0, 0);
  const separator = delimiter.charCodeAt(0);
  const kinds = byteKinds(delimiter);
  const block = new Uint8Array(blockBytes);
  const file = openSync(path, 'r');
  let inside = false;
  let delimiters = 0;
  /** The byte before the one looked at; the start of the file counts as a line break. */
  let last = LF;
  let breaksInARow = 1;
  let blank = false;
  /** A quote ended the previous block inside a quoted field: doubled or closing, by the next byte. */
  let pendingQuote = false;
  /** Records started (the header is the first), and whether the next byte starts one. */
  let records = 0;
  let atRecordStart = true;
  /** Line breaks so far (a CRLF is one). */
  let lines = 0;
  let base = 0;
  try {
    for (;;) {
      const length = readSync(file, block, 0, block.length, base);
      if (length <= 0) break;
      let at = base === 0 && startsWithBom(block, length) ? 3 : 0;
      if (pendingQuote) {
        pendingQuote = false;
        const next = block[0]!;
        if (next === QUOTE) {
          at = 1;
          last = QUOTE;
        } else if (kinds[next] === SEPARATOR || kinds[next] === BREAK) {
          inside = false;
        } else {
          return NOT_OK;
        }
      }
      while (at < length) {
        const code = block[at]!;
        const kind = kinds[code]!;
        if (kind !== BREAK) {
          if (blank) return NOT_OK;
          breaksInARow = 0;
          if (atRecordStart) {
            records++;
            atRecordStart = false;
            if (index !== undefined && records > 1) {
              if (kind !== OTHER) {
                index.add(base + at, lines + 1, kind === SEPARATOR ? emptyHash : UNHASHED);
              } else {
                // The first field's bytes, hashed for locateRows (cut by the block's end: unhashed).
                const start = at;
                while (at < length && kinds[block[at]!] === OTHER) at++;
                const hash = at === length ? UNHASHED : hashBytes(block, start, at);
                index.add(base + start, lines + 1, hash);
                last = block[at - 1]!;
                continue;
              }
            }
          }
        }
        if (kind === OTHER) {
          at++;
          while (at < length && kinds[block[at]!] === OTHER) at++;
          last = block[at - 1]!;
          continue;
        }
        if (kind === SEPARATOR) {
          if (!inside) delimiters++;
        } else if (kind === BREAK) {
          if (!(last === CR && code === LF)) {
            if (breaksInARow > 0) blank = true;
            lines++;
          }
          breaksInARow++;
          if (!inside) {
            if (delimiters >= width) return NOT_OK;
            delimiters = 0;
            atRecordStart = true;
          }
        } else if (!inside) {
          // An opening quote starts a field.
          if (last !== separator && last !== LF && last !== CR) return NOT_OK;
          inside = true;
        } else if (at + 1 === length) {
          pendingQuote = true;
        } else {
          const next = block[at + 1]!;
          if (next === QUOTE) {
            at += 2;
            last = QUOTE;
            continue;
          }
          if (next !== separator && next !== LF && next !== CR) return NOT_OK;
          inside = false;
        }
        last = code;
        at++;
      }
      base += length;
    }
  } finally {
    closeSync(file);
  }
  // A quote at the very end closes the last field.
  if (pendingQuote) inside = false;
  return { ok: !inside && delimiters < width, rows: Math.max(0, records - 1) };
}
