import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordParser } from '../../csv/internal/recordParser.js';
import { locateRows } from './locateRows.js';
import { RecordIndex } from './recordIndex.js';
import { scanStructure } from './scanStructure.js';

// locateRows numbers the records DuckDB flagged by walking the bytes by hand, from the start or
// from the checkpoint scanStructure noted before each one. Its reference is csv-parse (the
// parser readCsv falls back to) over the whole text: the rows and lines it gives the records with
// the wanted fields. Files of up to 300 records cross several checkpoints (every 64 records), and
// small blocks cut records, quotes and CRLFs.

let folder = '';
let count = 0;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-locate-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

const cell = fc.constantFrom('r1', 'r2', 'x', '', 'é', '"a,b"', '"a\nb"', '"q""r"', '"\r\n"', '7');
const record = fc.array(cell, { minLength: 3, maxLength: 3 });

/** The data records of a text as csv-parse reads them: fields, row (1-based) and line. */
async function reference(text: string) {
  const parser = createRecordParser(',', 'test');
  await parser.write(text);
  await parser.end();
  return parser.queue.slice(1).map((entry, position) => {
    if (!('fields' in entry)) throw new Error('malformed');
    return { fields: entry.fields, row: position + 1, line: entry.line };
  });
}

describe('locateRows', () => {
  it('finds and numbers the wanted records as csv-parse does, with and without the index', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 0, maxLength: 300 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 5, max: 200 }),
        async (records, newline, bom, picks, blockBytes) => {
          const text =
            (bom ? '\uFEFF' : '') +
            ['a,b,c', ...records.map((cells) => cells.join(','))].join(newline) +
            newline;
          const path = join(folder, `l${count++}.csv`);
          writeFileSync(path, text);
          const all = await reference(text.replace(/^\uFEFF/, ''));
          expect(all.length).toBe(records.length);
          // Wanted: the fields of some records, as often as they occur.
          const wanted = new Map<string, number>();
          for (const pick of picks) {
            if (all.length === 0) break;
            wanted.set(JSON.stringify(all[pick % all.length]!.fields), 0);
          }
          for (const { fields } of all) {
            const key = JSON.stringify(fields);
            if (wanted.has(key)) wanted.set(key, wanted.get(key)! + 1);
          }
          const expected = all.filter(({ fields }) => wanted.has(JSON.stringify(fields)));

          const index = new RecordIndex();
          const structure = scanStructure(path, ',', 3, index, blockBytes);
          expect(structure).toEqual({ ok: true, rows: records.length });
          const viaIndex = await locateRows(path, ',', wanted, index, blockBytes);
          const whole = await locateRows(path, ',', wanted, undefined, blockBytes);
          expect(viaIndex).toEqual({ found: expected, rows: records.length });
          expect(whole).toEqual({ found: expected, rows: records.length });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says a row is missing when DuckDB saw it more often than the file has it', async () => {
    const path = join(folder, 'missing.csv');
    writeFileSync(path, 'a,b\nr1,1\nr2,2\n');
    const index = new RecordIndex();
    scanStructure(path, ',', 2, index);
    const wanted = new Map([[JSON.stringify(['r1', '1']), 2]]);
    expect(await locateRows(path, ',', wanted, index)).toBeUndefined();
    expect(await locateRows(path, ',', wanted)).toBeUndefined();
  });
});
