import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanStructure } from './scanStructure.js';

// scanStructure is one hand-written pass over bytes, in blocks. Its reference here is written the
// plain way, on the whole text: blank lines by normalising line breaks, then an RFC 4180
// tokeniser that fails on a misplaced quote and counts each record's fields. Whatever the text
// and however the blocks split it (quotes and CRLF across block ends), the two must agree.

let folder = '';
let count = 0;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-scan-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

const BOM = '\uFEFF';

/** The reference: what scanStructure must answer, from the text as a whole. */
function reference(text: string, separator: string, width: number): boolean {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  // A blank line (a line break at the start or right after another) before any other character.
  const lines = s.replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(/\n+$/, '');
  if (lines.startsWith('\n') || lines.includes('\n\n')) return false;
  const isEnd = (char: string | undefined) =>
    char === undefined || char === separator || char === '\n' || char === '\r';
  let index = 0;
  let fields = 0;
  for (;;) {
    if (s[index] === '"') {
      let from = index + 1;
      for (;;) {
        const quote = s.indexOf('"', from);
        if (quote < 0) return false; // never closed
        if (s[quote + 1] === '"') {
          from = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      if (!isEnd(s[index])) return false; // text after the closing quote
    } else {
      while (!isEnd(s[index])) {
        if (s[index] === '"') return false; // a quote inside an unquoted field
        index++;
      }
    }
    fields++;
    if (index >= s.length) return fields <= width;
    if (s[index] === separator) {
      index++;
      continue;
    }
    if (fields > width) return false;
    fields = 0;
    index += s[index] === '\r' && s[index + 1] === '\n' ? 2 : 1;
    if (index >= s.length) return true;
  }
}

function file(text: string): string {
  const path = join(folder, `s${count++}.csv`);
  writeFileSync(path, text);
  return path;
}

describe('scanStructure', () => {
  it('agrees with the plain reference on any text and any block size', () => {
    const piece = fc.constantFrom(
      'a',
      'bb',
      ',',
      ';',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'é',
      '"x"',
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(piece, { maxLength: 30 }),
        fc.constantFrom(',', ';'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 4, max: 9 }),
        (bom, pieces, separator, width, blockBytes) => {
          const text = (bom ? BOM : '') + pieces.join('');
          const path = file(text);
          expect(scanStructure(path, separator, width, undefined, blockBytes).ok).toBe(
            reference(text, separator, width),
          );
          expect(scanStructure(path, separator, width).ok).toBe(reference(text, separator, width));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers the cases it exists for', () => {
    const cases: [string, number, boolean][] = [
      ['a,b\n1,2\n', 2, true],
      ['a,b\n1,2,\n', 2, false], // an empty trailing field beyond the header's
      ['a,b\n1,"x\n,y"\n', 2, true], // delimiters inside quotes do not count
      ['\na,b\n1,2\n', 2, false], // a blank first line
      ['a,b\n\n1,2\n', 2, false], // a blank line before a record
      ['a,b\n1,2\n\n\n', 2, true], // blank lines at the end
      ['a,b\r\n1,2\r\n', 2, true],
      ['a,b\n1,x"y\n', 2, false], // a quote inside an unquoted field
      ['a,b\n1,"x"y\n', 2, false], // text after a closing quote
      ['a,b\n1,"x""y"\n', 2, true],
      ['a,b\n1,"x\n', 2, false], // never closed
      [`${BOM}"a",b\n1,2\n`, 2, true],
    ];
    for (const [text, width, ok] of cases) {
      expect(reference(text, ',', width), text).toBe(ok);
      for (const blockBytes of [4, 5, 7, 1 << 20]) {
        expect(scanStructure(file(text), ',', width, undefined, blockBytes).ok, text).toBe(ok);
      }
    }
  });
});
