import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeResponsesFile } from '../../bench/responsesFile.js';
import { isInternalCustomerError } from '../core/errors.js';
import { csvEnpsTallies } from '../csv/csvEnpsTallies.js';
import { InstantSchema } from '../schemas/primitives.js';
import { duckdbEnpsTallies, runDuckDbTallies } from './duckdbEnpsTallies.js';
import { instantSql } from './internal/ruleSql.js';

let folder = '';
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-duckdb-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

// DuckDB is an engine for large files; its comparisons run once (under TZ=UTC).
const once = process.env.TZ === 'Pacific/Auckland' ? it.skip : it;

/** Cells next to valid ones: each is valid for one rule, invalid for another, or in between. */
const idCell = fc.constantFrom(
  'r1',
  'team-7',
  'x',
  '',
  ' t1',
  't1 ',
  't\u00a01',
  'é',
  '"a,b"',
  '"a\nb"',
);
const instantCell = fc.constantFrom(
  '2025-03-31T23:59:59Z',
  '2025-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '2025-02-29T12:00:00Z',
  '2025-04-01T00:30:00+02:00',
  '2025-03-31T23:30:00-02:00',
  '2025-06-30T10:00:00.250Z',
  '2025-06-30T24:00:00Z',
  '2025-06-30 10:00:00Z',
  '0999-06-30T10:00:00Z',
  '',
);
const scoreCell = fc.constantFrom(
  '0',
  '6',
  '7',
  '9',
  '10',
  '',
  '07',
  '-0',
  '10.0',
  '11',
  '7.5',
  'abc',
  'true',
  '"8"',
);
const commentsCell = fc.constantFrom(
  '',
  '[]',
  '"[{""text"":""Fine, thanks""}]"',
  '"[{""text"":""two\nlines""}]"',
  '"[{""text"":""""}]"',
  '[oops',
);
const otherCell = fc.constantFrom('4', '', 'free text', '1'.repeat(400), 'TRUE');
const row = fc.tuple(idCell, idCell, idCell, instantCell, scoreCell, otherCell, commentsCell);

function csv(rows: readonly (readonly string[])[], newline: string): string {
  const header = 'id,surveyId,teamId,submittedAt,answers.enps,answers.other,comments';
  return [header, ...rows.map((cells) => cells.join(','))].join(newline) + newline;
}

describe('duckdbEnpsTallies', () => {
  once(
    'gives the same tallies, rows and issues as csvEnpsTallies on near-valid files',
    async () => {
      let file = 0;
      const engines = { duckdb: 0, csv: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(row, { minLength: 1, maxLength: 150 }),
          fc.constantFrom('\n', '\r\n'),
          fc.constantFrom(undefined, 'quarter' as const, 'month' as const),
          async (rows, newline, period) => {
            const path = join(folder, `near-${file++}.csv`);
            writeFileSync(path, csv(rows, newline));
            const options = {
              question: 'enps',
              groupBy: ['teamId'],
              ...(period === undefined ? {} : { period }),
            };
            const expected = await csvEnpsTallies(path, { ...options, workers: 1 });
            const { result, engine } = await runDuckDbTallies(path, options);
            engines[engine]++;
            expect(result).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
      // Most files are read by DuckDB (with rows to find and number), not handed to the JS reader.
      expect(engines.duckdb).toBeGreaterThan(engines.csv);
    },
    60_000,
  );

  once(
    'gives the same result on a generated file of 50 000 responses',
    async () => {
      const path = join(folder, 'generated.csv');
      await writeResponsesFile(path, { rows: 50_000, teams: 40, seed: 9, invalidShare: 0.01 });
      const options = {
        question: 'enps',
        groupBy: ['teamId', 'surveyId'],
        period: 'quarter',
      } as const;
      const expected = await csvEnpsTallies(path, { ...options, workers: 1 });
      const { result: actual, engine } = await runDuckDbTallies(path, options);
      expect(engine).toBe('duckdb');
      expect(actual.issues.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    },
    30_000,
  );

  once(
    'falls back to the JavaScript reader where DuckDB would read the file differently',
    async () => {
      const files = {
        strayQuote:
          'id,surveyId,teamId,submittedAt,answers.enps\nr1,s1,t"1,2025-03-01T10:00:00Z,9\nr2,s1,t1,2025-03-01T10:00:00Z,3\n',
        blankLine:
          'id,surveyId,teamId,submittedAt,answers.enps\nr1,s1,t1,2025-03-01T10:00:00Z,9\n\nr2,s1,t1,2025-03-01T10:00:00Z,x\n',
        ragged:
          'id,surveyId,teamId,submittedAt,answers.enps\nr1,s1,t1,2025-03-01T10:00:00Z,9,extra\nr2,s1,t1,2025-03-01T10:00:00Z,3\n',
        unclosed: 'id,surveyId,teamId,submittedAt,answers.enps\nr1,s1,t1,2025-03-01T10:00:00Z,"9\n',
        duplicateHeader:
          'id,id,surveyId,teamId,submittedAt,answers.enps\nr1,r1,s1,t1,2025-03-01T10:00:00Z,9\n',
        noScoreColumn: 'id,surveyId,teamId,submittedAt\nr1,s1,t1,2025-03-01T10:00:00Z\n',
      };
      for (const [name, text] of Object.entries(files)) {
        const path = join(folder, `${name}.csv`);
        writeFileSync(path, text);
        const options = { question: 'enps', groupBy: ['teamId'] };
        const { result, engine } = await runDuckDbTallies(path, options);
        expect(engine, name).toBe('csv');
        expect(result, name).toEqual(await csvEnpsTallies(path, { ...options, workers: 1 }));
      }
    },
    30_000,
  );

  once('reads a file with a header and no rows itself', async () => {
    const path = join(folder, 'header-only.csv');
    writeFileSync(path, 'id,surveyId,teamId,submittedAt,answers.enps\n');
    const options = { question: 'enps', groupBy: ['teamId'] };
    const { result, engine } = await runDuckDbTallies(path, options);
    expect(engine).toBe('duckdb');
    expect(result).toEqual(await csvEnpsTallies(path, { ...options, workers: 1 }));
  });

  once('gives the result its documentation example shows', async () => {
    const { groups } = await duckdbEnpsTallies('src/csv/fixtures/team-responses.csv', {
      question: 'enps',
      groupBy: ['teamId'],
    });
    expect(groups.map((group) => [group.key[0], group.tally.n])).toEqual([
      ['t1', 2],
      ['t2', 1],
    ]);
  });

  once(
    'counts an instant in SQL only where zod accepts it (every one-character edit near the edges)',
    async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const connection = await (await DuckDBInstance.create(':memory:')).connect();
      const bases = [
        '2024-02-29T23:59:59Z',
        '2023-02-28T00:00:00Z',
        '1900-02-28T12:30:45Z',
        '2000-02-29T09:05:07Z',
        '1000-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '2025-04-30T24:00:00Z',
        '2025-06-30T10:60:00Z',
        '2025-06-30T10:00:60Z',
        '2025-13-01T10:00:00Z',
        '2025-00-10T10:00:00Z',
        '2025-01-00T10:00:00Z',
        '2025-01-32T10:00:00Z',
        '0999-12-31T23:59:59Z',
      ];
      const characters = [...'0123456789 +-:.TZtz/_aA\t\n', '\u00a0', 'é', '٣', '０'];
      const texts = new Set<string>();
      for (const base of bases) {
        texts.add(base);
        for (const character of characters) texts.add(character + base).add(base + character);
        for (let index = 0; index < base.length; index++) {
          texts.add(base.slice(0, index) + base.slice(index + 1));
          for (const character of characters) {
            texts.add(base.slice(0, index) + character + base.slice(index + 1));
            texts.add(base.slice(0, index) + character + base.slice(index));
          }
        }
      }
      const values = [...texts].map((text) => `(${`'${text.replaceAll("'", "''")}'`})`).join(', ');
      const rows = (
        await connection.runAndReadAll(`SELECT s, ${instantSql('s')} FROM (VALUES ${values}) t(s)`)
      ).getRows();
      const accepted = rows.filter((row) => row[1] === true).map((row) => String(row[0]));
      expect(accepted.length).toBeGreaterThan(100);
      expect(accepted.filter((text) => !InstantSchema.safeParse(text).success)).toEqual([]);
      connection.closeSync();
    },
  );

  it('refuses a missing question and a bad thread count', async () => {
    await expect(duckdbEnpsTallies('x.csv', { question: '' })).rejects.toThrow(/question/);
    await expect(duckdbEnpsTallies('x.csv', { question: 'enps', threads: 0 })).rejects.toThrow(
      /threads/,
    );
  });

  it('says how to install @duckdb/node-api when it is missing', async () => {
    vi.resetModules();
    vi.doMock('@duckdb/node-api', () => {
      throw new Error('Cannot find package @duckdb/node-api');
    });
    try {
      const { duckdbEnpsTallies: withoutDuckDb } = await import('./duckdbEnpsTallies.js');
      const error = await withoutDuckDb('x.csv', { question: 'enps' }).catch((e: unknown) => e);
      expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
      expect(String(error)).toMatch(/npm install @duckdb\/node-api/);
    } finally {
      vi.doUnmock('@duckdb/node-api');
      vi.resetModules();
    }
  });
});
