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

// duckdbEnpsTallies = csvEnpsTallies on random files of cells that sit on every rule's edge
// (quoted or not, with delimiters, quotes, line breaks, NUL, U+FEFF, white space), in three
// delimiters, LF, CRLF, CR or mixed line ends, with or without a byte-order mark and a final line
// break, rows repeated across checkpoints, column mappings, other questions, scales, groupings and
// periods. Adapted from the review that found the U+FEFF difference.

const idText = fc.constantFrom(
  'r1',
  'r2',
  'team-7',
  'x',
  '',
  ' t1',
  't1 ',
  '\tt',
  't\u00a01',
  'é',
  '\ufefft1',
  'a,b',
  'a;b',
  'a\tb',
  'a\nb',
  'a\r\nb',
  'q"r',
  'a\u0000',
  '[]',
);
const instantText = fc.oneof(
  instantCell,
  fc.constantFrom(' 2025-03-31T23:59:59Z', '\ufeff2025-03-31T23:59:59Z'),
);
const scoreText = fc.oneof(
  scoreCell.filter((cell) => !cell.startsWith('"')),
  fc.constantFrom(' 8', '\ufeff8', '1e1'),
);
const otherText = fc.constantFrom('4', '', 'free text', '1'.repeat(400), 'TRUE', 'x\r\ny', ' ');
const commentsText = fc.constantFrom(
  '',
  '[]',
  '[{"text":"Fine, thanks"}]',
  '[{"text":"two\nlines"}]',
  '[{"text":"two\r\nlines"}]',
  '[oops',
  ' []',
  '\ufeff[]',
);

const HEADER = [
  'id',
  'surveyId',
  'respondentId',
  'teamId',
  'submittedAt',
  'answers.enps',
  'answers.other',
  'comments',
];

function quote(text: string, delimiter: string, force: boolean): string {
  const needs = [delimiter, '"', '\n', '\r'].some((special) => text.includes(special));
  return needs || force ? `"${text.replaceAll('"', '""')}"` : text;
}

const edgeRow = fc.record({
  cells: fc.tuple(idText, idText, idText, idText, instantText, scoreText, otherText, commentsText),
  quoted: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
});

const file = fc.record({
  pool: fc.array(edgeRow, { minLength: 1, maxLength: 30 }),
  picks: fc.array(fc.nat(), { maxLength: 300 }),
  delimiter: fc.constantFrom(',', ';', '\t'),
  newlines: fc.oneof(
    { arbitrary: fc.constantFrom(['\n'], ['\r\n'], ['\r']), weight: 4 },
    {
      arbitrary: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 3 }),
      weight: 1,
    },
  ),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  mostlyClean: fc.boolean(),
  groupBy: fc.subarray(['teamId', 'surveyId', 'respondentId']),
  period: fc.constantFrom(undefined, 'month' as const, 'quarter' as const),
  variant: fc.constantFrom('plain', 'mapping', 'other'),
  cutoffs: fc.constantFrom(undefined, { scaleMin: 1, scaleMax: 5, detractorMax: 2, passiveMax: 3 }),
});

describe('duckdbEnpsTallies = csvEnpsTallies (property)', () => {
  once(
    'on random files of edge cells, with repeated rows, mappings, delimiters and line ends',
    async () => {
      const engines = { duckdb: 0, csv: 0 };
      let count = 0;
      await fc.assert(
        fc.asyncProperty(file, async (f) => {
          const lines: string[] = [];
          const order = f.picks.length === 0 ? f.pool.map((_, i) => i) : f.picks;
          order.forEach((pick, i) => {
            if (f.mostlyClean && i % 3 !== 0) {
              const cells = [`c${i % 50}`, 's1', '', `t${i % 4}`, '2025-03-01T10:00:00Z'];
              lines.push([...cells, String(i % 6), '', ''].join(f.delimiter));
              return;
            }
            const { cells, quoted } = f.pool[pick % f.pool.length]!;
            lines.push(cells.map((c, j) => quote(c, f.delimiter, quoted[j]!)).join(f.delimiter));
          });
          const header = f.variant === 'mapping' ? HEADER.map((_, i) => `Col ${i}`) : HEADER;
          const all = [header.join(f.delimiter), ...lines];
          let text = f.bom ? '\ufeff' : '';
          all.forEach((line, i) => {
            text += line;
            if (i < all.length - 1 || f.finalNewline) text += f.newlines[i % f.newlines.length];
          });
          const path = join(folder, `f${count++}.csv`);
          writeFileSync(path, text);
          const options = {
            question: f.variant === 'other' ? 'other' : 'enps',
            groupBy: f.groupBy,
            ...(f.cutoffs === undefined ? {} : { cutoffs: f.cutoffs }),
            ...(f.period === undefined ? {} : { period: f.period }),
            ...(f.variant === 'mapping'
              ? { mapping: Object.fromEntries(HEADER.map((name, i) => [`Col ${i}`, name])) }
              : {}),
          };
          const expected = await csvEnpsTallies(path, { ...options, workers: 1 });
          const { result, engine } = await runDuckDbTallies(path, options);
          engines[engine]++;
          expect(result).toEqual(expected);
        }),
        { numRuns: 150, seed: 20261127 },
      );
      // Most files are read by DuckDB, not handed to the JavaScript reader.
      expect(engines.duckdb).toBeGreaterThan(engines.csv);
    },
    120_000,
  );
});
