import { closeSync, openSync, readSync } from 'node:fs';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Checks, in two passes over a UTF-8 file's bytes (in blocks, flat memory), what the DuckDB
 * engine relies on to give the same rows and line numbers as `readCsv`: first, every quote sits
 * where RFC 4180 allows it (opening a field, doubled inside a quoted field, or closing one before
 * a delimiter or line break), so `readCsv` would read no malformed record (DuckDB would read
 * `x"y` as text), visiting only the quotes (`indexOf`, at memory speed); then the lines
 * (`linesAsDuckDbReadsThem`): no record wider than the header, no blank line before a record.
 * `width` is the header's number of fields. @internal
 */
export function scanStructure(path: string, delimiter: string, width: number): { ok: boolean } {
  const separator = delimiter.charCodeAt(0);
  const block = Buffer.allocUnsafe(4 * 1024 * 1024);
  const file = openSync(path, 'r');
  let inside = false;
  /** The byte before the block, for a quote at its start. */
  let before = -1;
  /** A quote at the very end of the previous block, inside a quoted field, waiting for its next byte. */
  let pendingQuote = false;
  let base = 0;
  try {
    for (;;) {
      const length = readSync(file, block, 0, block.length, base);
      if (length <= 0) break;
      const at = (index: number) => (index < 0 ? before : index < length ? block[index]! : -2);
      let index = 0;
      if (pendingQuote) {
        pendingQuote = false;
        const next = block[0]!;
        if (next === QUOTE) index = 1;
        else if (next === separator || next === LF || next === CR) inside = false;
        else return { ok: false };
      }
      for (;;) {
        const quote = block.indexOf(QUOTE, index);
        if (quote < 0 || quote >= length) break;
        if (!inside) {
          const previous = base === 0 && quote === 0 ? LF : at(quote - 1);
          if (previous !== separator && previous !== LF && previous !== CR) {
            // A quote after a byte-order mark at the very start opens the first field.
            if (!(base === 0 && quote === 3 && block[0] === 0xef)) return { ok: false };
          }
          inside = true;
          index = quote + 1;
          continue;
        }
        if (quote + 1 === length) {
          pendingQuote = true;
          index = length;
          break;
        }
        const next = block[quote + 1]!;
        if (next === QUOTE) {
          index = quote + 2;
          continue;
        }
        if (next !== separator && next !== LF && next !== CR) return { ok: false };
        inside = false;
        index = quote + 1;
      }
      before = block[length - 1]!;
      base += length;
    }
  } finally {
    closeSync(file);
  }
  if (pendingQuote) inside = false;
  if (inside) return { ok: false };
  return { ok: linesAsDuckDbReadsThem(path, separator, width) };
}

const hasBom = (block: Buffer, length: number) =>
  length >= 3 && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf;

/**
 * The line checks, in one pass over the bytes: no record has more fields than the header
 * (delimiters outside quotes counted per line), because DuckDB drops empty trailing fields beyond
 * the header's (`a,b,c,` against 3 columns reads as 3 fields, even in strict mode) where readCsv
 * reports the column count; and no blank line precedes a record (a line break at the very start,
 * after a byte-order mark if any, or right after another one, also inside quotes to stay simple):
 * both readers skip blank lines, but they shift line numbers, and DuckDB takes a blank first line
 * for the header. Blank lines only at the end shift nothing.
 */
function linesAsDuckDbReadsThem(path: string, separator: number, width: number): boolean {
  const file = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(4 * 1024 * 1024);
    let base = 0;
    let inside = false;
    let delimiters = 0;
    let last = -1;
    // The start of the file counts as a line break: a break right there is a blank line.
    let breaksInARow = 1;
    let blank = false;
    for (;;) {
      const length = readSync(file, block, 0, block.length, base);
      if (length <= 0) break;
      for (let index = base === 0 && hasBom(block, length) ? 3 : 0; index < length; index++) {
        const code = block[index]!;
        if (code === LF || code === CR) {
          if (breaksInARow > 0 && !(last === CR && code === LF)) blank = true;
          breaksInARow++;
          if (!inside) {
            if (delimiters >= width) return false;
            delimiters = 0;
          }
        } else {
          if (blank) return false;
          breaksInARow = 0;
          if (code === QUOTE) inside = !inside;
          else if (code === separator && !inside) delimiters++;
        }
        last = code;
      }
      base += length;
    }
    return delimiters < width;
  } finally {
    closeSync(file);
  }
}
