import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCsv } from '../csv/collectCsv.js';
import { csvEnpsTallies, type EnpsTalliesOptions } from '../csv/csvEnpsTallies.js';
import { responseSchemaFor } from '../csv/internal/enpsAggregation.js';
import { readCsvFile } from '../csv/readCsvFile.js';
import { duckdbEnpsTallies, runDuckDbTallies } from './duckdbEnpsTallies.js';

// Inputs on which duckdbEnpsTallies once differed from csvEnpsTallies (whose result is that of
// readCsv + the schema + a count), found in review: DuckDB drops empty trailing fields beyond the
// header's, and takes a blank first line for the header. scanStructure now sends both files
// through csvEnpsTallies.

let folder = '';
let count = 0;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-review-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

function file(text: string): string {
  const path = join(folder, `f${count++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function both(path: string, options: EnpsTalliesOptions) {
  const js = await csvEnpsTallies(path, { ...options, workers: 1 });
  const duck = await duckdbEnpsTallies(path, options);
  return { js, duck };
}

describe('duckdbEnpsTallies: rows DuckDB reads differently', () => {
  it('a row with one extra, empty trailing field (trailing delimiter) is a column_count issue, not a counted answer', async () => {
    // Row 1 has 5 fields against a header of 4: readCsv reports column_count and counts nothing.
    // DuckDB's read_csv (strict_mode = true, null_padding = false) silently drops the empty
    // trailing field(s) (`x,y,z,`, `x,y,z,,` and `x,y,z,""` all read as 3 fields), so the row
    // is "clean" in SQL and counted. No row is flagged, so no cross-check with the JS splitter
    // ever runs (the row total is only compared when some row is flagged).
    const path = file(
      'id,surveyId,submittedAt,answers.enps\n' +
        'r1,s1,2024-01-01T00:00:00Z,7,\n' +
        'r2,s1,2024-01-01T00:00:00Z,9\n',
    );
    const { js, duck } = await both(path, { question: 'enps' });
    // The reference (readCsv + the schema): one promoter, one column_count issue.
    const { records, issues } = await collectCsv(
      readCsvFile(path, { schema: responseSchemaFor([]) }),
    );
    expect(records.length).toBe(1);
    expect(issues.map((issue) => [issue.row, issue.code])).toEqual([[1, 'column_count']]);
    expect(js.total.n).toBe(1);
    expect(js.issues.map((issue) => issue.code)).toEqual(['column_count']);
    // DuckDB alone would give n = 2 (a passive 7 counted) and no issue.
    expect(duck.total).toEqual(js.total);
    expect(duck.issues).toEqual(js.issues);
  });

  it('a row with a trailing delimiter is not counted even when every row has one', async () => {
    const path = file(
      'id,surveyId,submittedAt,answers.enps\n' +
        'r1,s1,2024-01-01T00:00:00Z,7,\n' +
        'r2,s1,2024-01-01T00:00:00Z,9,\n',
    );
    const { js, duck } = await both(path, { question: 'enps', groupBy: ['surveyId'] });
    expect(js.total.n).toBe(0);
    expect(js.issues.length).toBe(2);
    // DuckDB alone would count both rows (n = 2) and report no issue.
    expect(duck).toEqual(js);
  });

  it('a blank first line makes DuckDB read the real header as a data row', async () => {
    // readCsv skips the blank line; its header is line 2. DuckDB's `header = true` takes the blank
    // line as the header and reads the real header as a data row; with a mapping whose header
    // names happen to pass the rules, that header row would be counted.
    const mapping = {
      r0: 'id',
      s0: 'surveyId',
      '2024-01-01T00:00:00Z': 'submittedAt',
      '7': 'answers.enps',
    };
    for (const start of ['\n', '\ufeff\n', '\ufeff\r\n']) {
      const path = file(`${start}r0,s0,2024-01-01T00:00:00Z,7\nr1,s1,2024-01-01T00:00:00Z,9\n`);
      const { js, duck } = await both(path, { question: 'enps', mapping });
      expect(js.rows).toBe(1);
      expect(js.total.n).toBe(1);
      // DuckDB alone would give rows = 2 and n = 2 (the header's "7" counted as a passive).
      expect({ start, rows: duck.rows, total: duck.total }).toEqual({
        start,
        rows: js.rows,
        total: js.total,
      });
    }
  });
});

describe('duckdbEnpsTallies: values that start with U+FEFF', () => {
  // Found in review: node-api decodes each text value with a TextDecoder that drops a leading
  // U+FEFF, which readCsv keeps and the schema refuses as white space. DuckDB's text now comes
  // back behind a '|', so every such row is read (and found in the file) as readCsv reads it.
  const header = 'id,surveyId,teamId,submittedAt,answers.enps,comments\n';
  const rows = {
    id: '\ufeffr1,s1,t1,2025-03-31T23:59:59Z,0,',
    score: 'r1,s1,t1,2025-03-31T23:59:59Z,\ufeff9,',
    groupId: 'r1,s1,\ufefft1,2025-03-31T23:59:59Z,9,',
    surveyId: 'r1,\ufeffs1,t1,2025-03-31T23:59:59Z,9,',
    submittedAt: 'r1,s1,t1,\ufeff2025-03-31T23:59:59Z,9,',
    comments: 'r1,s1,t1,2025-03-31T23:59:59Z,9,\ufeff[]',
  };
  for (const [name, row] of Object.entries(rows)) {
    it(`reads a row whose ${name} starts with U+FEFF as readCsv does, on DuckDB`, async () => {
      const options = { question: 'enps', groupBy: ['teamId'], period: 'month' } as const;
      const path = file(
        `${header}r0,s1,t1,2025-03-01T10:00:00Z,7,\n${row}\nr2,s1,t1,2025-03-02T10:00:00Z,10,\n`,
      );
      const expected = await csvEnpsTallies(path, { ...options, workers: 1 });
      expect(expected.issues.length).toBeGreaterThan(0);
      const { result, engine } = await runDuckDbTallies(path, options);
      expect(engine).toBe('duckdb');
      expect(result).toEqual(expected);
    });
  }
});
