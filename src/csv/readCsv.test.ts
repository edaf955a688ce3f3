import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { validateDataset } from '../schemas/dataset.js';
import { EmployeeSchema, EmploymentSpellSchema } from '../schemas/employee.js';
import { IdeaSchema } from '../schemas/feedback.js';
import { CareerEventSchema } from '../schemas/organisation.js';
import { AttributesSchema, EnpsScoreSchema, IdSchema } from '../schemas/primitives.js';
import { QuestionSchema, SurveyResponseSchema } from '../schemas/survey.js';
import { collectCsv } from './collectCsv.js';
import { loadCsvMapping } from './loadCsvMapping.js';
import { type CsvSource, type ReadCsvOptions, readCsv } from './readCsv.js';
import { readCsvFile } from './readCsvFile.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../tests/fixtures/csv/${name}`, import.meta.url));

function readFixture<S extends z.ZodType>(name: string, options: ReadCsvOptions<S>) {
  return collectCsv(readCsvFile(fixture(name), options));
}

function read<S extends z.ZodType>(source: CsvSource, options: ReadCsvOptions<S>) {
  return collectCsv(readCsv(source, options));
}

const summary = (issues: readonly ValidationIssue[]) =>
  issues.map((issue) => [issue.row, issue.path, issue.code]);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Feeds bytes one at a time, so that every multi-byte character is split across chunks. */
function* byteByByte(bytes: Uint8Array): Generator<Uint8Array> {
  for (let index = 0; index < bytes.length; index++) yield bytes.subarray(index, index + 1);
}

/** The three employees of tests/fixtures/csv/employees-*.csv, as EmployeeSchema parses them. */
const EMPLOYEES = [
  {
    id: 'e1',
    name: 'Zoë Ødegård',
    workerType: 'employee',
    birthDate: '1990-02-28',
    shareBirthday: true,
    preferredOneOnOneDays: 14,
    attributes: { location: 'Oslo' },
    protectedAttributes: { gender: 'female' },
  },
  {
    id: 'e2',
    name: 'Émile Dubois',
    workerType: 'employee',
    shareBirthday: false,
    attributes: { location: 'Lyon, FR' },
    protectedAttributes: { gender: 'male' },
  },
  {
    id: 'e3',
    name: 'Ana Lima',
    workerType: 'employee',
    birthDate: '1985-12-31',
    shareBirthday: true,
    preferredOneOnOneDays: 30,
    attributes: { location: 'São Paulo' },
    protectedAttributes: {},
  },
];

const ScoreRow = z.strictObject({ id: IdSchema, score: EnpsScoreSchema });

describe('readCsv', () => {
  describe('progress', () => {
    it('calls onProgress with the data rows read after each piece of text, rising to the total', async () => {
      const seen: number[] = [];
      const chunks = ['score\n1\n2\n', '3\n4', '\n5\n'];
      const items = [];
      for await (const item of readCsv(chunks, {
        schema: z.object({ score: z.number() }),
        onProgress: (rows) => seen.push(rows),
      }))
        items.push(item);
      expect(items).toHaveLength(5);
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(5);
    });

    it('refuses an onProgress that is not a function', () => {
      expect(() =>
        readCsv('a\n1\n', { schema: z.object({ a: z.number() }), onProgress: 5 as never }),
      ).toThrow(/onProgress to be a function/);
    });
  });

  describe('text and format', () => {
    it('reads UTF-8 without a byte-order mark, comma-separated, with LF lines', async () => {
      const result = await readFixture('employees-utf8.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('drops a UTF-8 byte-order mark and reads CRLF lines', async () => {
      const result = await readFixture('employees-utf8-bom.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('reads UTF-16 LE from its byte-order mark', async () => {
      const result = await readFixture('employees-utf16le.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('reads UTF-16 BE from its byte-order mark', async () => {
      const result = await readFixture('employees-utf16be.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('refuses UTF-16 without a byte-order mark unless the encoding is given', async () => {
      const error = await rejection(
        readFixture('employees-utf16le-no-bom.csv', { schema: EmployeeSchema }),
      );
      expect(isInternalCustomerError(error, 'INVALID_ENCODING')).toBe(true);
      const result = await readFixture('employees-utf16le-no-bom.csv', {
        schema: EmployeeSchema,
        encoding: 'utf-16le',
      });
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('detects a semicolon delimiter', async () => {
      const result = await readFixture('employees-semicolon.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('detects a tab delimiter', async () => {
      const result = await readFixture('employees-tab.tsv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('uses the delimiter it is given instead of detecting one', async () => {
      const result = await readFixture('employees-semicolon.csv', {
        schema: EmployeeSchema,
        delimiter: ',',
      });
      expect(result.records).toEqual([]);
      // Split on commas, "e2;Émile Dubois;;no;;Lyon, FR;male" has one field more than the header.
      expect(summary(result.issues)).toContainEqual([2, '', 'column_count']);
    });

    it('detects the delimiter when the sample ends inside a quoted field', async () => {
      const note = `"${'a; b, c\n'.repeat(9000)}"`; // ~80 KiB in one quoted cell, past the sample
      const text = `id;note\r\ne1;${note}\r\ne2;short\r\n`;
      const result = await read(text, {
        schema: z.strictObject({ id: z.string(), note: z.string() }),
      });
      expect(result.issues).toEqual([]);
      expect(result.records.map((record) => record.id)).toEqual(['e1', 'e2']);
    });

    it('decodes characters split across chunks when UTF-8 bytes arrive one at a time', async () => {
      const bytes = readFileSync(fixture('employees-utf8-bom.csv'));
      const result = await read(byteByByte(bytes), { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('decodes UTF-16 BE fed one byte at a time', async () => {
      const bytes = readFileSync(fixture('employees-utf16be.csv'));
      const result = await read(byteByByte(bytes), { schema: EmployeeSchema });
      expect(result.records).toStrictEqual(EMPLOYEES);
    });

    it('throws INVALID_ENCODING for bytes that are not UTF-8, naming where they are', async () => {
      const error = await rejection(readFixture('invalid-utf8.csv', { schema: EmployeeSchema }));
      expect(isInternalCustomerError(error, 'INVALID_ENCODING')).toBe(true);
      expect((error as Error).message).toMatch(/readCsvFile requires valid UTF-8 text/);
    });

    it('throws INVALID_ENCODING when the input ends inside a character', async () => {
      const bytes = readFileSync(fixture('truncated-utf8.csv'));
      const error = await rejection(read(byteByByte(bytes), { schema: EmployeeSchema }));
      expect(isInternalCustomerError(error, 'INVALID_ENCODING')).toBe(true);
      expect((error as Error).message).toMatch(/ends inside a character/);
    });

    it('reads quoted fields holding delimiters, doubled quotes, JSON and line breaks', async () => {
      const result = await readFixture('ideas-quoted-multiline.csv', { schema: IdeaSchema });
      expect(result.records.map((idea) => idea.title)).toEqual([
        'Quiet room\r\nfor "focus" time',
        'Shorter, calmer\nstand-ups',
        'Plain',
      ]);
      expect(result.records[1]?.statusHistory).toEqual([
        { status: 'raised', at: '2024-03-02T09:00:00Z' },
        { status: 'adopted', at: '2024-03-09T09:00:00Z' },
      ]);
    });

    it('gives each item its data row and the physical line where it starts', async () => {
      const items = [];
      for await (const item of readCsvFile(fixture('ideas-quoted-multiline.csv'), {
        schema: IdeaSchema,
      })) {
        items.push([item.kind, item.row, item.line]);
      }
      // Rows 1 and 2 each span two lines; row 3 has bad JSON.
      expect(items).toEqual([
        ['record', 1, 2],
        ['record', 2, 4],
        ['issue', 3, 6],
        ['record', 4, 7],
      ]);
    });

    it('reads lines ended by a lone carriage return', async () => {
      const result = await read('id,score\re1,9\re2,10\r', { schema: ScoreRow });
      expect(result.records).toEqual([
        { id: 'e1', score: 9 },
        { id: 'e2', score: 10 },
      ]);
    });

    it('reads a last line that has no line break', async () => {
      const result = await read('id,score\r\ne1,9\r\ne2,"1\r\n0"', { schema: ScoreRow });
      expect(result.recordRows).toEqual([1]);
      expect(result.recordLines).toEqual([2]);
      expect(result.issues.map((issue) => [issue.row, issue.line, issue.code])).toEqual([
        [2, 3, 'invalid_number'],
      ]);
    });

    it('skips blank lines, which are not rows', async () => {
      const result = await read('id,score\n\ne1,9\n\n\ne2,10\n', { schema: ScoreRow });
      expect(result.records).toHaveLength(2);
      expect(result.recordRows).toEqual([1, 2]);
      expect(result.recordLines).toEqual([3, 6]);
    });

    it('reads from a string, bytes, an array of chunks, a generator and a Node Readable', async () => {
      const text = 'id,score\ne1,9\n';
      const bytes = new TextEncoder().encode(text);
      const sources: CsvSource[] = [
        text,
        bytes,
        ['id,sc', 'ore\ne1', ',9\n'],
        byteByByte(bytes),
        Readable.from([Buffer.from(bytes)]),
      ];
      for (const source of sources) {
        expect((await read(source, { schema: ScoreRow })).records).toEqual([
          { id: 'e1', score: 9 },
        ]);
      }
    });

    it('stops reading the source when the consumer stops early', async () => {
      let pulled = 0;
      let closed = false;
      async function* source() {
        try {
          yield 'id,score\n';
          for (let index = 0; index < 1_000_000; index++) {
            pulled++;
            yield `e${index},${index % 11}\n`.repeat(1000);
          }
        } finally {
          closed = true;
        }
      }
      for await (const item of readCsv(source(), { schema: ScoreRow })) {
        expect(item.kind).toBe('record');
        break;
      }
      expect(closed).toBe(true);
      expect(pulled).toBeLessThan(20);
    });
  });

  describe('text to values', () => {
    it('accepts only plain decimals in a number field and names row, field and text otherwise', async () => {
      const result = await readFixture('scores.csv', { schema: ScoreRow });
      expect(result.records).toEqual([
        { id: 'r1', score: 9 },
        { id: 'r7', score: 0 },
        { id: 'r11', score: 10 },
      ]);
      expect(summary(result.issues)).toEqual([
        [2, 'score', 'too_big'], // 11: the schema's range
        [3, 'score', 'too_small'], // -1
        [4, 'score', 'invalid_type'], // 7.5 is read, then refused: a score is a whole number
        [5, 'score', 'invalid_type'], // empty: missing, not 0
        [6, 'score', 'invalid_number'], // abc
        [8, 'score', 'invalid_number'], // 1e3
        [9, 'score', 'invalid_number'], // 7 5
        [10, 'score', 'invalid_number'], // 1,000
      ]);
      const messages = result.issues.map((issue) => issue.message);
      expect(messages).toContain(
        'row 6, score: "abc" is not a plain decimal number such as -3 or 7.5',
      );
      expect(messages).toContain(
        'row 10, score: "1,000" is not a plain decimal number such as -3 or 7.5',
      );
      expect(messages[2]).toMatch(/^row 4, score: .*\(got 7\.5\)$/);
      expect(result.issues.map((issue) => issue.line)).toEqual([3, 4, 5, 6, 7, 9, 10, 11]);
    });

    it('treats an empty cell as missing, never 0 or an empty string', async () => {
      const result = await readFixture('employees-utf8.csv', { schema: EmployeeSchema });
      const e2 = result.records[1]!;
      expect(Object.hasOwn(e2, 'birthDate')).toBe(false);
      expect(Object.hasOwn(e2, 'preferredOneOnOneDays')).toBe(false);
      expect(result.records[2]?.protectedAttributes).toEqual({});
    });

    it('reads 7,5 as 7.5 with decimalComma and refuses 1.000 there', async () => {
      const result = await readFixture('career-decimal-comma.csv', {
        schema: CareerEventSchema,
        decimalComma: true,
      });
      expect(result.records).toStrictEqual([
        { employeeId: 'e1', kind: 'pay-change', date: '2024-03-01', changePercent: 7.5 },
        { employeeId: 'e2', kind: 'pay-change', date: '2024-03-01', changePercent: -3 },
        { employeeId: 'e3', kind: 'promotion', date: '2024-03-01' },
      ]);
      expect(summary(result.issues)).toEqual([[4, 'changePercent', 'invalid_number']]);
      expect(result.issues[0]?.message).toBe(
        'row 4, changePercent: "1.000" is not a plain decimal number such as -3 or 7,5',
      );
    });

    it('refuses 7,5 in a number field without decimalComma, where 1.000 is one', async () => {
      const result = await readFixture('career-decimal-comma.csv', { schema: CareerEventSchema });
      expect(summary(result.issues)).toEqual([[1, 'changePercent', 'invalid_number']]);
      expect(result.records.at(-1)?.changePercent).toBe(1);
    });

    it('reads booleans from true, false, yes, no, 1 and 0 in any case', async () => {
      const text =
        'id,name,shareBirthday\na,A,YES\nb,B,no\nc,C,1\nd,D,0\ne,E,True\nf,F,FALSE\ng,G,maybe\n';
      const result = await read(text, { schema: EmployeeSchema });
      expect(result.records.map((employee) => employee.shareBirthday)).toEqual([
        true,
        false,
        true,
        false,
        true,
        false,
      ]);
      expect(summary(result.issues)).toEqual([[7, 'shareBirthday', 'invalid_boolean']]);
    });

    // Days are strings compared as strings: these hold under TZ=UTC and TZ=Pacific/Auckland.
    it('accepts only YYYY-MM-DD days without dateFormat, and not 29 February 2023', async () => {
      const result = await readFixture('spells-iso.csv', { schema: EmploymentSpellSchema });
      expect(result.records).toEqual([
        { employeeId: 'e1', hireDate: '2024-12-31' },
        { employeeId: 'e2', hireDate: '2024-02-29' },
      ]);
      expect(summary(result.issues)).toEqual([
        [3, 'hireDate', 'invalid_format'],
        [4, 'hireDate', 'invalid_format'], // 31/12/2024
      ]);
    });

    it('converts dd/MM/yyyy days with dateFormat and refuses 29/02/2023 and ISO days', async () => {
      const result = await readFixture('spells-dmy.csv', {
        schema: EmploymentSpellSchema,
        dateFormat: 'dd/MM/yyyy',
      });
      expect(result.records).toEqual([
        { employeeId: 'e1', hireDate: '2024-12-31' },
        { employeeId: 'e2', hireDate: '2024-02-29' },
      ]);
      expect(summary(result.issues)).toEqual([
        [3, 'hireDate', 'invalid_date'],
        [4, 'hireDate', 'invalid_date'],
      ]);
      expect(result.issues[0]?.message).toBe(
        'row 3, hireDate: "29/02/2023" is not a day written as dd/MM/yyyy',
      );
    });

    it('converts MM/dd/yyyy days with dateFormat and refuses 31/12/2024', async () => {
      const result = await readFixture('spells-mdy.csv', {
        schema: EmploymentSpellSchema,
        dateFormat: 'MM/dd/yyyy',
      });
      expect(result.records).toEqual([
        { employeeId: 'e1', hireDate: '2024-12-31' },
        { employeeId: 'e2', hireDate: '2024-02-29' },
      ]);
      expect(summary(result.issues)).toEqual([
        [3, 'hireDate', 'invalid_date'],
        [4, 'hireDate', 'invalid_date'],
      ]);
    });

    it('splits a list of strings on | and reads a cell starting with [ as JSON', async () => {
      const text = [
        'id,surveyId,text,kind,tags',
        'q1,s1,Would you recommend us?,enps,intent-to-stay|engagement-index',
        'q2,s1,Any ideas?,text,"[""a|b"",""c""]"',
        'q3,s1,Happy?,yesNo,',
      ].join('\n');
      const result = await read(text, { schema: QuestionSchema });
      expect(result.issues).toEqual([]);
      expect(result.records.map((question) => question.tags)).toEqual([
        ['intent-to-stay', 'engagement-index'],
        ['a|b', 'c'],
        [],
      ]);
    });

    it('looks through optional, default, nullable and readonly wrappers to the field type', async () => {
      const schema = z.strictObject({
        a: z.number().nullable(),
        b: z.number().optional().default(5),
        c: z.boolean().readonly().optional(),
        d: z.string().date().nullable(),
      });
      const result = await read('a,b,c,d\n,,yes,31/12/2024\n7.5,-3,no,\n', {
        schema,
        dateFormat: 'dd/MM/yyyy',
      });
      expect(result.issues).toEqual([]);
      expect(result.records).toStrictEqual([
        { a: null, b: 5, c: true, d: '2024-12-31' },
        { a: 7.5, b: -3, c: false, d: null },
      ]);
    });

    it('finds a field in any option of a discriminated union', async () => {
      const text =
        'id,surveyId,text,kind,points\nq1,s1,Growth,likert,5\nq2,s1,Growth,likert,five\n';
      const result = await read(text, { schema: QuestionSchema });
      expect(result.records[0]).toMatchObject({ kind: 'likert', points: 5 });
      expect(summary(result.issues)).toEqual([[2, 'points', 'invalid_number']]);
    });

    it('reads an object field as JSON and reports bad JSON', async () => {
      const result = await readFixture('ideas-quoted-multiline.csv', { schema: IdeaSchema });
      expect(summary(result.issues)).toEqual([[3, 'statusHistory', 'invalid_json']]);
      expect(result.issues[0]?.message).toMatch(
        /^row 3, statusHistory: "\[\{\\"status\\":\\"raised\\"" is not valid JSON/,
      );
    });

    it('reads union answers: empty as null, plain numbers, true or false, else the text', async () => {
      const text = [
        'id,surveyId,submittedAt,answers.q1,answers.q2,answers.q3,answers.q4,answers.q5',
        'r1,s1,2025-03-01T10:00:00Z,9,,TRUE,abc,7.5',
      ].join('\r\n');
      const result = await read(text, { schema: SurveyResponseSchema });
      expect(result.issues).toEqual([]);
      expect(result.records[0]?.answers).toStrictEqual({
        q1: 9,
        q2: null,
        q3: true,
        q4: 'abc',
        q5: 7.5,
      });
    });

    it('leaves whether 7.5 is a valid eNPS answer to the schema and the dataset check', async () => {
      const text = 'id,surveyId,submittedAt,answers.q1\r\nr1,s1,2025-03-01T10:00:00Z,7.5\r\n';
      const { records } = await read(text, { schema: SurveyResponseSchema });
      const { issues } = validateDataset({
        surveys: [{ id: 's1', name: 'Pulse', confidentiality: 'anonymous', opensOn: '2025-03-01' }],
        questions: [{ id: 'q1', surveyId: 's1', text: 'Recommend?', kind: 'enps' }],
        responses: records,
      });
      expect(summary(issues)).toEqual([[1, 'answers.q1', 'off_scale']]);
    });

    it('restores formulas the writer neutralised when asked, and only then', async () => {
      const text = "id,name\ne1,'=1+2\ne2,''@x\ne3,'plain\n";
      const schema = z.strictObject({ id: z.string(), name: z.string() });
      const kept = await read(text, { schema });
      expect(kept.records.map((row) => row.name)).toEqual(["'=1+2", "''@x", "'plain"]);
      const restored = await read(text, { schema, restoreFormulas: true });
      expect(restored.records.map((row) => row.name)).toEqual(['=1+2', "'@x", "'plain"]);
    });
  });

  describe('columns and mapping', () => {
    it('maps header names to field paths and ignores unmapped columns', async () => {
      // hr-export-mapping.json: { "columns": { "Employee Number": "id", ... }, "delimiter": ";",
      // "dateFormat": "dd/MM/yyyy" }; the Salary column is not mapped.
      const mapping = await loadCsvMapping(fixture('hr-export-mapping.json'));
      const result = await readFixture('hr-export.csv', { schema: EmployeeSchema, ...mapping });
      expect(result.issues).toEqual([]);
      expect(result.records[0]).toStrictEqual({
        id: '1001',
        name: 'Zoë Ødegård',
        workerType: 'employee',
        birthDate: '1990-02-28',
        shareBirthday: false,
        attributes: { location: 'Oslo' },
        protectedAttributes: { gender: 'female' },
      });
      expect(result.records[1]?.birthDate).toBe('1985-12-31');
    });

    it('ignores headers that are not fields of the schema when there is no mapping', async () => {
      const result = await read('id,score,comment\ne1,9,great\n', { schema: ScoreRow });
      expect(result.issues).toEqual([]);
      expect(result.records).toEqual([{ id: 'e1', score: 9 }]);
    });

    it('reports a mapped path that is not a field of the schema, once', async () => {
      const result = await read('Id,Score\ne1,9\ne2,8\n', {
        schema: ScoreRow,
        mapping: { Id: 'id', Score: 'scores' },
      });
      expect(summary(result.issues)).toEqual([
        [0, 'scores', 'unknown_field'],
        [1, 'score', 'invalid_type'],
        [2, 'score', 'invalid_type'],
      ]);
    });

    it('reports a repeated header name and ignores the later column', async () => {
      const result = await readFixture('duplicate-header.csv', { schema: EmployeeSchema });
      expect(summary(result.issues)).toEqual([[0, '', 'duplicate_header']]);
      expect(result.issues[0]?.message).toBe(
        'header: column 3 repeats the name "name" of column 2; it is ignored',
      );
      expect(result.records.map((employee) => employee.name)).toEqual(['Ada']);
    });

    it('reports two columns that fill one field', async () => {
      const result = await read('Id,Emp No,Score\ne1,e9,9\n', {
        schema: ScoreRow,
        mapping: { Id: 'id', 'Emp No': 'id', Score: 'score' },
      });
      expect(summary(result.issues)).toEqual([[0, 'id', 'conflicting_columns']]);
      expect(result.records).toEqual([{ id: 'e1', score: 9 }]);
    });
  });

  describe('structure', () => {
    it('yields no records and no issues for a header-only file', async () => {
      const result = await readFixture('header-only.csv', { schema: EmployeeSchema });
      expect(result).toEqual({ records: [], recordRows: [], recordLines: [], issues: [] });
    });

    it('yields no records and one empty_file issue for an empty file', async () => {
      const result = await readFixture('empty.csv', { schema: EmployeeSchema });
      expect(result.records).toEqual([]);
      expect(result.issues).toEqual([
        {
          row: 0,
          line: 1,
          path: '',
          code: 'empty_file',
          message: 'readCsvFile found no header row: the input is empty (or only blank lines)',
        },
      ]);
      expect(summary((await read('\r\n\r\n', { schema: EmployeeSchema })).issues)).toEqual([
        [0, '', 'empty_file'],
      ]);
    });

    it('reports rows with too many or too few fields and reads the others', async () => {
      const result = await readFixture('ragged.csv', { schema: EmployeeSchema });
      expect(result.records.map((employee) => employee.id)).toEqual(['e1', 'e4']);
      expect(summary(result.issues)).toEqual([
        [2, '', 'column_count'],
        [3, '', 'column_count'],
      ]);
      expect(result.issues.map((issue) => issue.message)).toEqual([
        'row 2: has 3 fields, the header has 2',
        'row 3: has 1 field, the header has 2',
      ]);
    });

    it('reports a row csv-parse cannot read and goes on with the next one', async () => {
      const result = await read('id,name\ne1,Ada "the first" L\ne2,Ben\n', {
        schema: EmployeeSchema,
      });
      expect(summary(result.issues)).toEqual([[1, '', 'malformed_row']]);
      expect(result.recordRows).toEqual([2]);
    });

    it('reports a quote left open at the end of the file', async () => {
      const result = await read('id,name\ne1,Ada\ne2,"Ben\n', { schema: EmployeeSchema });
      expect(result.records.map((employee) => employee.id)).toEqual(['e1']);
      expect(result.issues.map((issue) => [issue.row, issue.line, issue.code])).toEqual([
        [2, 3, 'malformed_row'],
      ]);
      expect(result.issues[0]?.message).toMatch(/Quote Not Closed/);
    });

    it('throws INVALID_INPUT rather than read a whole file into one unclosed quote', async () => {
      function* source() {
        yield 'id,note\ne1,"';
        for (let mebibyte = 0; mebibyte < 20; mebibyte++) yield 'x'.repeat(1024 * 1024);
      }
      const error = await rejection(read(source(), { schema: ScoreRow, delimiter: ',' }));
      expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
      expect((error as Error).message).toMatch(
        /found a field longer than the record limit of 16777216 characters from line 2 /,
      );
    });

    it('reads a field up to maxRecordChars and refuses a longer one, saying so', async () => {
      const note = 'x'.repeat(40_000);
      const NoteRow = z.strictObject({ id: IdSchema, note: z.string() });
      const result = await read(`id,note\ne1,"${note}"\n`, {
        schema: NoteRow,
        maxRecordChars: 50_000,
      });
      expect(result.issues).toEqual([]);
      const error = await rejection(
        read([`id,note\ne1,"${note}`, note, note, '"\n'], {
          schema: NoteRow,
          maxRecordChars: 50_000,
        }),
      );
      expect((error as Error).message).toMatch(
        /^readCsv found a field longer than the record limit of 50000 characters from line 2 \(raise the limit with the maxRecordChars option/,
      );
      expect(() => readCsv('id\n', { schema: ScoreRow, maxRecordChars: 10 })).toThrow(
        /readCsv requires maxRecordChars to be a whole number of at least 1024, got 10/,
      );
    });

    it('accepts two people with one id: the dataset check reports the duplicate', async () => {
      // The reader validates one row at a time; uniqueness across rows is validateDataset's job.
      const result = await readFixture('duplicate-ids.csv', { schema: EmployeeSchema });
      expect(result.issues).toEqual([]);
      expect(result.records.map((employee) => employee.id)).toEqual(['e1', 'e1']);
      const { dataset, issues } = validateDataset({ employees: result.records });
      expect(dataset.employees).toHaveLength(1);
      expect(summary(issues)).toEqual([[2, '', 'duplicate']]);
    });

    it('never lets __proto__ or constructor columns reach a prototype', async () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      const result = await readFixture('prototype-pollution.csv', { schema: EmployeeSchema });
      expect(summary(result.issues)).toEqual([
        [0, '__proto__', 'reserved_key'],
        [0, 'constructor', 'reserved_key'],
        [0, 'attributes.__proto__', 'reserved_key'],
        [0, 'attributes.constructor', 'reserved_key'],
      ]);
      expect(result.records).toStrictEqual([
        {
          id: 'e1',
          name: 'Ada',
          workerType: 'employee',
          shareBirthday: false,
          attributes: {},
          protectedAttributes: {},
        },
      ]);
      // A schema that accepts any key (a record) still never receives them.
      const loose = await readFixture('prototype-pollution.csv', {
        schema: z.record(z.string(), z.unknown()),
      });
      expect(loose.records).toEqual([{ id: 'e1', name: 'Ada' }]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(Object.getPrototypeOf(result.records[0])).toBe(Object.prototype);
    });

    it('reports a mapping that targets a reserved key and never sets it', async () => {
      const result = await read('id,score,x\ne1,9,{}\n', {
        schema: z.looseObject({ id: z.string(), score: EnpsScoreSchema }),
        mapping: { id: 'id', score: 'score', x: 'constructor.prototype' },
      });
      expect(summary(result.issues)).toEqual([[0, 'constructor.prototype', 'reserved_key']]);
      expect(result.records).toEqual([{ id: 'e1', score: 9 }]);
      expect(Object.hasOwn(result.records[0]!, 'constructor')).toBe(false);
    });
  });

  describe('strict mode and errors', () => {
    it('throws one VALIDATION_FAILED error listing every issue in strict mode', async () => {
      const error = await rejection(readFixture('scores.csv', { schema: ScoreRow, strict: true }));
      expect(isInternalCustomerError(error, 'VALIDATION_FAILED')).toBe(true);
      const issues = (error as { issues: ValidationIssue[] }).issues;
      expect(issues.map((issue) => issue.row)).toEqual([2, 3, 4, 5, 6, 8, 9, 10]);
      expect((error as Error).message).toMatch(/^readCsvFile found 8 issues:\n {2}- row 2, score/);
    });

    it('yields only records in strict mode when there is no issue', async () => {
      const result = await readFixture('employees-utf8.csv', {
        schema: EmployeeSchema,
        strict: true,
      });
      expect(result.records).toHaveLength(3);
    });

    it('throws INVALID_OPTION at the call for a missing schema or an unknown option value', () => {
      const cases: unknown[] = [
        undefined,
        {},
        { schema: {} },
        { schema: ScoreRow, delimiter: '|' },
        { schema: ScoreRow, encoding: 'latin1' },
        { schema: ScoreRow, dateFormat: 'banana' },
        { schema: ScoreRow, decimalComma: 'yes' },
        { schema: ScoreRow, mapping: { Id: 'attributes..id' } },
        { schema: ScoreRow, mapping: ['id'] },
      ];
      for (const options of cases) {
        expect(() => readCsv('id\n', options as ReadCsvOptions)).toThrow(
          expect.objectContaining({ code: 'INVALID_OPTION' }),
        );
      }
    });

    it('throws INVALID_INPUT at the call for a source that is not text', () => {
      for (const source of [42, null, { text: 'id' }]) {
        expect(() => readCsv(source as unknown as CsvSource, { schema: ScoreRow })).toThrow(
          expect.objectContaining({ code: 'INVALID_INPUT' }),
        );
      }
    });

    it('throws INVALID_INPUT for a chunk that is neither bytes nor a string', async () => {
      const error = await rejection(read([42] as unknown as CsvSource, { schema: ScoreRow }));
      expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
    });

    it('names the collection in each issue when given one', async () => {
      const result = await read('id,score\ne1,abc\n', { schema: ScoreRow, collection: 'scores' });
      expect(result.issues[0]).toMatchObject({
        collection: 'scores',
        message: 'scores row 1, score: "abc" is not a plain decimal number such as -3 or 7.5',
      });
    });
  });

  describe('the IBM HR attrition file', () => {
    const path = fileURLToPath(
      new URL('../../examples/data/ibm-hr-attrition/emp_attrition.csv', import.meta.url),
    );
    const exists = existsSync(path);
    if (!exists) {
      console.info(
        `Skipping the IBM HR attrition tests: ${path} is absent (a clone has no shared/).`,
      );
    }

    // Employee fields without the name (the file has only numbers); attributes are free.
    const { name: _name, ...employeeFields } = EmployeeSchema.shape;
    const AttritionEmployee = z.strictObject({
      ...employeeFields,
      attributes: AttributesSchema,
      protectedAttributes: AttributesSchema,
    });

    it.skipIf(!exists)('reads 1470 employees with no issue through a mapping file', async () => {
      const mapping = await loadCsvMapping(fixture('ibm-attrition-mapping.json'));
      const result = await collectCsv(readCsvFile(path, { schema: AttritionEmployee, ...mapping }));
      expect(result.issues).toEqual([]);
      expect(result.records).toHaveLength(1470);
      expect(result.records[0]).toStrictEqual({
        id: '1',
        workerType: 'employee',
        shareBirthday: false,
        attributes: {
          department: 'Sales',
          jobRole: 'Sales Executive',
          jobLevel: 2,
          overTime: 'Yes',
          yearsAtCompany: 6,
          attrition: 'Yes',
        },
        protectedAttributes: { age: 41, gender: 'Female', maritalStatus: 'Single' },
      });
      expect(result.recordLines.at(-1)).toBe(1471);
      expect(result.records.filter((e) => e.attributes.attrition === 'Yes')).toHaveLength(237);
    });

    it.skipIf(!exists)('strips the byte-order mark: the first header is Age', async () => {
      for await (const item of readCsvFile(path, { schema: z.record(z.string(), z.string()) })) {
        expect(item.kind).toBe('record');
        if (item.kind === 'record') expect(Object.keys(item.record)[0]).toBe('Age');
        break;
      }
    });
  });
});
