import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isInternalCustomerError, VALIDATION_ISSUE_CODES } from '../core/errors.js';
import { EmployeeSchema, EmploymentSpellSchema } from './employee.js';
import { parseRecords } from './parseRecords.js';
import { CalendarDaySchema, EnpsScoreSchema } from './primitives.js';

const ScoreRow = z.strictObject({ id: z.string(), score: EnpsScoreSchema });

describe('parseRecords', () => {
  it('returns nothing and no issues for no rows', () => {
    expect(parseRecords(ScoreRow, [])).toEqual({ records: [], recordRows: [], issues: [] });
  });

  it('refuses every bad score with its row, field and value, and keeps the good rows', () => {
    const rows = [
      { id: 'a', score: 9 },
      { id: 'b', score: 11 },
      { id: 'c', score: -1 },
      { id: 'd', score: 7.5 },
      { id: 'e', score: '' },
      { id: 'f', score: 'abc' },
      { id: 'g', score: Number.NaN },
      { id: 'h' },
      { id: 'i', score: 0 },
      { id: 'j', score: 10 },
    ];
    const { records, recordRows, issues } = parseRecords(ScoreRow, rows);
    expect(records).toEqual([
      { id: 'a', score: 9 },
      { id: 'i', score: 0 },
      { id: 'j', score: 10 },
    ]);
    expect(recordRows).toEqual([1, 9, 10]);
    expect(issues.map((issue) => [issue.row, issue.path, issue.code])).toEqual([
      [2, 'score', 'too_big'],
      [3, 'score', 'too_small'],
      [4, 'score', 'invalid_type'],
      [5, 'score', 'invalid_type'],
      [6, 'score', 'invalid_type'],
      [7, 'score', 'invalid_type'],
      [8, 'score', 'invalid_type'],
    ]);
    expect(issues[0]?.message).toBe('row 2, score: Too big: expected number to be <=10 (got 11)');
    expect(issues[3]?.message).toContain('(got "")');
    expect(issues[4]?.message).toContain('(got "abc")');
    expect(issues[5]?.message).toContain('(got NaN)');
    expect(issues[6]?.message).toContain('(got missing)');
  });

  it('accounts for every row: records plus rows with issues equal the input', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: String(i), score: (i * 7) % 14 }));
    const { records, issues } = parseRecords(ScoreRow, rows);
    const rowsWithIssues = new Set(issues.map((issue) => issue.row));
    expect(records.length + rowsWithIssues.size).toBe(rows.length);
  });

  it('accepts only ISO calendar days: not 31/12/2024, not 12/31/2024, not 29 February of a common year', () => {
    const Row = z.strictObject({ day: CalendarDaySchema });
    const { records, issues } = parseRecords(Row, [
      { day: '2024-12-31' },
      { day: '31/12/2024' },
      { day: '12/31/2024' },
      { day: '2023-02-29' },
      { day: '2024-02-29' },
    ]);
    expect(records).toEqual([{ day: '2024-12-31' }, { day: '2024-02-29' }]);
    expect(issues.map((issue) => [issue.row, issue.code])).toEqual([
      [2, 'invalid_format'],
      [3, 'invalid_format'],
      [4, 'invalid_format'],
    ]);
  });

  it('refuses __proto__ keys without touching any prototype, and constructor as an attribute', () => {
    const rows = [
      JSON.parse('{"id":"e1","name":"Ada","__proto__":{"polluted":true}}'),
      JSON.parse('{"id":"e2","name":"Ben","attributes":{"__proto__":{"polluted":true}}}'),
      { id: 'e3', name: 'Cy', attributes: { constructor: 'x' } },
    ];
    const { records, issues } = parseRecords(EmployeeSchema, rows);
    expect(records).toEqual([]);
    expect(issues.map((issue) => [issue.row, issue.path, issue.code])).toEqual([
      [1, '__proto__', 'reserved_key'],
      [2, 'attributes.__proto__', 'reserved_key'],
      [3, 'attributes.constructor', 'invalid_key'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports unknown fields rather than dropping them silently', () => {
    const { issues } = parseRecords(EmployeeSchema, [{ id: 'e1', name: 'Ada', salary: 1 }]);
    expect(issues).toEqual([
      { row: 1, path: '', code: 'unrecognized_keys', message: 'row 1: unknown field "salary"' },
    ]);
  });

  it('numbers rows from firstRow and names the collection', () => {
    const { issues } = parseRecords(ScoreRow, [{ id: 'x', score: 12 }], {
      firstRow: 41,
      collection: 'scores',
    });
    expect(issues[0]).toMatchObject({ row: 41, collection: 'scores' });
  });

  it('throws VALIDATION_FAILED listing every issue in strict mode', () => {
    const rows = [
      {
        employeeId: 'e1',
        hireDate: '2024-05-01',
        terminationDate: '2024-04-30',
        separationKind: 'voluntary',
      },
      { employeeId: 'e2', hireDate: '2024-02-30' },
    ];
    try {
      parseRecords(EmploymentSpellSchema, rows, { strict: true });
      expect.unreachable();
    } catch (error) {
      expect(isInternalCustomerError(error, 'VALIDATION_FAILED')).toBe(true);
      if (!isInternalCustomerError(error)) return;
      expect(error.issues.map((issue) => issue.row)).toEqual([1, 2]);
      expect(error.message).toContain('parseRecords found 2 issues');
      expect(error.message).toContain('terminationDate 2024-04-30 is before hireDate 2024-05-01');
    }
  });

  it('reads a million rows from a generator without overflowing the stack', () => {
    function* rows() {
      for (let i = 0; i < 1_000_000; i++) yield { id: 'x', score: i % 12 };
    }
    const { records, issues } = parseRecords(ScoreRow, rows());
    expect(records.length).toBe(916_667);
    expect(issues.length).toBe(83_333);
  });
});

describe('parseRecords issues as data', () => {
  it('names what was expected and what was received, with a code from the closed list', () => {
    const { issues } = parseRecords(z.object({ score: EnpsScoreSchema, name: z.string() }), [
      { score: 11, name: 3 },
    ]);
    expect(issues.map((issue) => [issue.code, issue.path, issue.expected, issue.received])).toEqual(
      [
        ['too_big', 'score', undefined, '11'],
        ['invalid_type', 'name', 'string', '3'],
      ],
    );
    for (const issue of issues) expect(VALIDATION_ISSUE_CODES).toContain(issue.code);
  });
});
