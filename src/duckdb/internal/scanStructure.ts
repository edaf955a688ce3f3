import { closeSync, openSync, readSync } from 'node:fs';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Byte kinds of the scan (`OTHER` bytes are passed over in a tight loop). */
const OTHER = 0;
const SEPARATOR = 1;
const QUOTE_KIND = 2;
const BREAK = 3;

const BLOCK_BYTES = 4 * 1024 * 1024;

const hasBom = (block: Uint8Array, length: number) =>
  length >= 3 && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf;

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
 * Written by hand (no CSV parser reports these facts): a byte's kind comes from a 256-entry
 * table, and the bytes that are none of delimiter, quote or line break are passed over in a tight
 * loop, so the pass costs about a nanosecond and a half a byte. `blockBytes` is for tests (blocks
 * that split quotes and line breaks). @internal
 */
export function scanStructure(
  path: string,
  delimiter: string,
  width: number,
  blockBytes = BLOCK_BYTES,
): { ok: boolean } {
  const separator = delimiter.charCodeAt(0);
  const kinds = new Uint8Array(256);
  kinds[separator] = SEPARATOR;
  kinds[QUOTE] = QUOTE_KIND;
  kinds[LF] = BREAK;
  kinds[CR] = BREAK;
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
  let base = 0;
  try {
    for (;;) {
      const length = readSync(file, block, 0, block.length, base);
      if (length <= 0) break;
      let index = base === 0 && hasBom(block, length) ? 3 : 0;
      if (pendingQuote) {
        pendingQuote = false;
        const next = block[0]!;
        if (next === QUOTE) {
          index = 1;
          last = QUOTE;
        } else if (kinds[next] === SEPARATOR || kinds[next] === BREAK) {
          inside = false;
        } else {
          return { ok: false };
        }
      }
      while (index < length) {
        const code = block[index]!;
        const kind = kinds[code]!;
        if (kind === OTHER) {
          if (blank) return { ok: false };
          breaksInARow = 0;
          index++;
          while (index < length && kinds[block[index]!] === OTHER) index++;
          last = block[index - 1]!;
          continue;
        }
        if (kind === BREAK) {
          if (breaksInARow > 0 && !(last === CR && code === LF)) blank = true;
          breaksInARow++;
          if (!inside) {
            if (delimiters >= width) return { ok: false };
            delimiters = 0;
          }
        } else {
          if (blank) return { ok: false };
          breaksInARow = 0;
          if (kind === SEPARATOR) {
            if (!inside) delimiters++;
          } else if (!inside) {
            // An opening quote starts a field.
            if (last !== separator && last !== LF && last !== CR) return { ok: false };
            inside = true;
          } else if (index + 1 === length) {
            pendingQuote = true;
          } else {
            const next = block[index + 1]!;
            if (next === QUOTE) {
              index += 2;
              last = QUOTE;
              continue;
            }
            if (next !== separator && next !== LF && next !== CR) return { ok: false };
            inside = false;
          }
        }
        last = code;
        index++;
      }
      base += length;
    }
  } finally {
    closeSync(file);
  }
  // A quote at the very end closes the last field.
  if (pendingQuote) inside = false;
  return { ok: !inside && delimiters < width };
}
