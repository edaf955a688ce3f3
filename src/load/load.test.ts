import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import {
  assembleDataset,
  DayProblem,
  dayFormatsOf,
  foldMappedFile,
  inspectFile,
  loadDataset,
  loadMappingJsonSchema,
  mapRows,
  parseLoadMapping,
  readDay,
  readMappedFile,
  starterMapping,
} from './index.js';

const fixtures = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'load');

describe('readDay', () => {
  it('reads each pattern in its order, one or two digits where the letter is single', () => {
    expect(readDay('7/4/2011', 'M/D/YYYY')).toBe('2011-07-04');
    expect(readDay('07/04/2011', 'MM/DD/YYYY')).toBe('2011-07-04');
    expect(readDay('7/4/2011', 'D/M/YYYY')).toBe('2011-04-07');
    expect(readDay('04/07/2011', 'DD/MM/YYYY')).toBe('2011-07-04');
    expect(readDay('4.7.2011', 'D.M.YYYY')).toBe('2011-07-04');
    expect(readDay('2011-07-04', 'YYYY-MM-DD')).toBe('2011-07-04');
    expect(readDay('5/16/2011 0:00', 'M/D/YYYY')).toBe('2011-05-16');
  });

  it('refuses days that do not exist and texts of another format, naming the format', () => {
    expect(readDay('2/30/2024', 'M/D/YYYY')).toEqual(
      new DayProblem('is not a day written as M/D/YYYY'),
    );
    expect(readDay('2/29/2023', 'M/D/YYYY')).toBeInstanceOf(DayProblem);
    expect(readDay('2/29/2024', 'M/D/YYYY')).toBe('2024-02-29');
    expect(readDay('7/4/2011', 'MM/DD/YYYY')).toBeInstanceOf(DayProblem);
    expect(readDay('2011-07-04', 'D.M.YYYY')).toBeInstanceOf(DayProblem);
  });

  it('reads Excel 1900 serials, refusing 60 (the fictitious 1900-02-29)', () => {
    // Excel: =DATE(1900,1,1) is 1, =DATE(1900,2,28) is 59, =DATE(1900,3,1) is 61, =DATE(2020,1,1) is 43831.
    expect(readDay('1', 'excel-1900')).toBe('1900-01-01');
    expect(readDay('59', 'excel-1900')).toBe('1900-02-28');
    expect((readDay('60', 'excel-1900') as DayProblem).detail).toMatch(/fictitious 1900-02-29/);
    expect(readDay('61', 'excel-1900')).toBe('1900-03-01');
    expect(readDay('43831', 'excel-1900')).toBe('2020-01-01');
    expect(readDay('43831.75', 'excel-1900')).toBe('2020-01-01');
    expect(readDay('0', 'excel-1900')).toBeInstanceOf(DayProblem);
    expect(readDay('1/1/2020', 'excel-1900')).toBeInstanceOf(DayProblem);
  });

  it('reads Excel 1904 serials (day 0 is 1904-01-01, 1462 days after the 1900 system)', () => {
    expect(readDay('0', 'excel-1904')).toBe('1904-01-01');
    expect(readDay(String(43831 - 1462), 'excel-1904')).toBe('2020-01-01');
  });

  it('reads two-digit years only with the century pivot given, in the hundred years from it', () => {
    const pivot = { twoDigitYearStart: 1950 };
    expect(readDay('03/04/21', 'M/D/YY', pivot)).toBe('2021-03-04');
    expect(readDay('03/04/21', 'D/M/YY', pivot)).toBe('2021-04-03');
    expect(readDay('3.4.49', 'D.M.YY', pivot)).toBe('2049-04-03');
    expect(readDay('3.4.50', 'D.M.YY', pivot)).toBe('1950-04-03');
    expect(readDay('31/12/99', 'DD/MM/YY', pivot)).toBe('1999-12-31');
    expect(readDay('3-4-00', 'D-M-YY', pivot)).toBe('2000-04-03');
    expect(readDay('03/04/21', 'M/D/YY', { twoDigitYearStart: 1900 })).toBe('1921-03-04');
    expect(readDay('03/04/21', 'M/D/YY', { twoDigitYearStart: 1922 })).toBe('2021-03-04');
    // 2/29/00 exists in 2000, not in 1900.
    expect(readDay('2/29/00', 'M/D/YY', pivot)).toBe('2000-02-29');
    expect(readDay('2/29/00', 'M/D/YY', { twoDigitYearStart: 1900 })).toBeInstanceOf(DayProblem);
    expect(readDay('03/04/2021', 'M/D/YY', pivot)).toBeInstanceOf(DayProblem);
    expect((readDay('03/04/21', 'M/D/YY') as DayProblem).detail).toMatch(
      /without a century pivot \("twoDigitYearStart"/,
    );
  });

  it('never guesses the century of a two-digit year in a four-digit format: it says so', () => {
    expect((readDay('03/04/21', 'M/D/YYYY') as DayProblem).detail).toBe(
      'is not a day written as M/D/YYYY: its year has two digits, which are never guessed (declare "date": "M/D/YY" with a century pivot, "twoDigitYearStart": 1950 for example)',
    );
    expect((readDay('3.4.21', 'D.M.YYYY') as DayProblem).detail).toMatch(/"date": "D\.M\.YY"/);
    expect((readDay('3/4/2', 'M/D/YYYY') as DayProblem).detail).toBe(
      'is not a day written as M/D/YYYY',
    );
  });

  it('finds the formats a column can be in, several when its days cannot tell', () => {
    expect(dayFormatsOf(['7/4/2011', '12/31/2012'])).toEqual(['M/D/YYYY']);
    expect(dayFormatsOf(['31.12.2012'])).toEqual(['D.M.YYYY', 'DD.MM.YYYY']);
    expect(dayFormatsOf(['03/04/2020']).length).toBe(4);
    expect(dayFormatsOf([])).toEqual([]);
    // Two-digit years are never proposed: their century needs a pivot someone declares.
    expect(dayFormatsOf(['03/04/21'])).toEqual([]);
  });
});

describe('parseLoadMapping', () => {
  it('reads a mapping from JSON text with a byte-order mark', () => {
    const mapping = parseLoadMapping(
      '\ufeff{ "kind": "employees", "fields": { "id": "Id", "hireDate": "Start" } }',
    );
    expect(mapping.fields).toEqual({ id: 'Id', hireDate: 'Start' });
  });

  it('refuses unknown keys, fields its kind cannot fill, and derived fields without what they need', () => {
    const refuse = (value: unknown) => {
      try {
        parseLoadMapping(value);
      } catch (error) {
        return [
          isInternalCustomerError(error) ? error.code : String(error),
          (error as Error).message,
        ];
      }
      return undefined;
    };
    expect(
      refuse({ kind: 'employees', fields: { id: 'Id', hireDate: 'S' }, delimeter: ';' })?.[0],
    ).toBe('INVALID_OPTION');
    expect(
      refuse({ kind: 'employees', fields: { id: 'Id', hireDate: 'S', salary: 'Pay' } })?.[1],
    ).toMatch(/fields\.salary/);
    expect(
      refuse({
        kind: 'employees',
        fields: { id: 'Id', tenure: { column: 'T', unit: 'years' } },
      })?.[1],
    ).toMatch(/asOf/);
    expect(
      refuse({ kind: 'employees', fields: { id: 'Id', tenure: 'T' }, asOf: '2025-12-31' })?.[1],
    ).toMatch(/unit/);
    expect(refuse({ kind: 'responses', fields: { 'answers.q1': 'Q1' } })?.[1]).toMatch(/survey/);
    expect(
      refuse({ kind: 'responses', survey: { id: 's' }, fields: { 'answers.q1': 'Q1' } })?.[1],
    ).toMatch(/questions/);
    expect(
      refuse({
        kind: 'employees',
        fields: { id: { column: 'A', constant: 'x' }, hireDate: 'S' },
      })?.[0],
    ).toBe('INVALID_OPTION');
    expect(refuse('{ nope')?.[1]).toMatch(/not JSON/);
    expect(
      refuse({ kind: 'employees', fields: { '__proto__.x': 'A', id: 'I', hireDate: 'S' } })?.[0],
    ).toBe('INVALID_OPTION');
  });

  it('asks a two-digit year format for its century pivot, and the pivot for such a format', () => {
    const problem = (rule: Record<string, unknown>) => {
      try {
        parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: rule } });
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem({ column: 'Start', date: 'M/D/YY' })).toMatch(
      /fields\.hireDate: "date": "M\/D\/YY" writes years with two digits, which are never guessed: give the century pivot "twoDigitYearStart"/,
    );
    expect(problem({ column: 'Start', date: 'M/D/YYYY', twoDigitYearStart: 1950 })).toMatch(
      /"twoDigitYearStart" belongs to a "date" format with two-digit years/,
    );
    expect(problem({ column: 'Start', date: 'M/D/YY', twoDigitYearStart: 50 })).toBeDefined();
    expect(problem({ column: 'Start', date: 'M/D/YY', twoDigitYearStart: 1950 })).toBeUndefined();
  });

  it('has a published JSON Schema equal to the one generated from the zod schema', () => {
    const file = join(import.meta.dirname, '..', '..', 'docs', 'mapping.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(loadMappingJsonSchema());
  });
});

const HEADER = ['Id', 'Name', 'Sex', 'Start', 'End', 'Status'];
const STATUS = {
  'N/A-StillEmployed': false,
  Active: false,
  'Voluntarily Terminated': true,
  'Terminated for Cause': true,
};

describe('mapRows', () => {
  const mapping = parseLoadMapping({
    kind: 'employees',
    missing: ['N/A', '12/12/2999', '0000-00-00'],
    fields: {
      id: 'Id',
      name: 'Name',
      'protectedAttributes.sex': { column: 'Sex', values: { M: 'male', F: 'female' } },
      hireDate: { column: 'Start', date: 'M/D/YYYY' },
      terminationDate: { column: 'End', date: 'M/D/YYYY' },
      left: { column: 'Status', values: STATUS },
      separationKind: {
        column: 'Status',
        values: {
          Active: null,
          'Voluntarily Terminated': 'voluntary',
          'Terminated for Cause': 'involuntary',
        },
      },
      workerType: { constant: 'employee' },
    },
  });
  const rows = (...cells: string[][]) =>
    cells.map((fields, index) => ({ fields, row: index + 1, line: index + 2 }));

  it('reads sentinels as missing, trims "M ", maps values and keeps a termination date only for leavers', () => {
    const { rows: out, issues } = mapRows(
      HEADER,
      rows(
        ['1', 'Ada', 'M ', '7/4/2011', '12/12/2999', 'Active'],
        ['2', 'Ben', 'F', '1/2/2012', '3/4/2015', 'Voluntarily Terminated'],
        ['3', 'Cy', 'F', '1/2/2012', '3/4/2015', 'Active'],
      ),
      mapping,
    );
    expect(issues).toEqual([]);
    expect(out.map((row) => row.values)).toEqual([
      {
        id: '1',
        name: 'Ada',
        'protectedAttributes.sex': 'male',
        hireDate: '2011-07-04',
        workerType: 'employee',
      },
      {
        id: '2',
        name: 'Ben',
        'protectedAttributes.sex': 'female',
        hireDate: '2012-01-02',
        terminationDate: '2015-03-04',
        separationKind: 'voluntary',
        workerType: 'employee',
      },
      {
        id: '3',
        name: 'Cy',
        'protectedAttributes.sex': 'female',
        hireDate: '2012-01-02',
        workerType: 'employee',
      },
    ]);
  });

  it('makes a row issue of a value off the map, a day in another format and a leaver without a day', () => {
    const { rows: out, issues } = mapRows(
      HEADER,
      rows(
        ['1', 'Ada', 'X', '7/4/2011', '', 'Active'],
        ['2', 'Ben', 'F', '31/12/2011', '', 'Active'],
        ['3', 'Cy', 'F', '1/2/2012', '0000-00-00', 'Terminated for Cause'],
      ),
      mapping,
      { file: 'hr.csv' },
    );
    expect(out).toEqual([]);
    expect(issues.map((issue) => [issue.row, issue.line, issue.path, issue.code])).toEqual([
      [1, 2, 'protectedAttributes.sex', 'invalid_value'],
      [2, 3, 'hireDate', 'invalid_date'],
      [3, 4, 'terminationDate', 'custom'],
    ]);
    expect(issues[1]?.message).toBe(
      'hr.csv row 2 (line 3), hireDate (column "Start"): "31/12/2011" is not a day written as M/D/YYYY',
    );
    expect(issues[0]?.file).toBe('hr.csv');
  });

  it('asks for a date format when a column is not ISO and none is declared', () => {
    const plain = parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: 'Start' } });
    const { issues } = mapRows(['Id', 'Start'], rows(['1', '7/4/2011']), plain);
    expect(issues[0]?.message).toMatch(
      /not a day written as YYYY-MM-DD \(declare the column's "date" format/,
    );
  });

  it('reads two-digit years with the declared pivot, and makes a row issue of them without', () => {
    const withPivot = parseLoadMapping({
      kind: 'employees',
      fields: { id: 'Id', hireDate: { column: 'Start', date: 'D/M/YY', twoDigitYearStart: 1940 } },
    });
    const read = mapRows(['Id', 'Start'], rows(['1', '03/04/21'], ['2', '31/12/39']), withPivot);
    expect(read.issues).toEqual([]);
    expect(read.rows.map((row) => row.values.hireDate)).toEqual(['2021-04-03', '2039-12-31']);
    const without = parseLoadMapping({
      kind: 'employees',
      fields: { id: 'Id', hireDate: { column: 'Start', date: 'D/M/YYYY' } },
    });
    const refused = mapRows(['Id', 'Start'], rows(['1', '03/04/21']), without, { file: 'hr.csv' });
    expect(refused.rows).toEqual([]);
    expect(refused.issues[0]?.message).toBe(
      'hr.csv row 1 (line 2), hireDate (column "Start"): "03/04/21" is not a day written as D/M/YYYY: its year has two digits, which are never guessed (declare "date": "D/M/YY" with a century pivot, "twoDigitYearStart": 1950 for example)',
    );
  });

  it('names a mapped column missing from the header', () => {
    const { issues } = mapRows(['Id', 'Start'], [], mapping, { file: 'hr.csv' });
    expect(issues.map((issue) => [issue.row, issue.code, issue.path])).toContainEqual([
      0,
      'missing_column',
      'name',
    ]);
  });

  it('derives a hire date from tenure and the as-of day (or the termination day), with a warning', () => {
    const tenure = parseLoadMapping({
      kind: 'employees',
      asOf: '2025-12-31',
      fields: {
        id: 'Id',
        tenure: { column: 'Years', unit: 'years' },
        left: 'Left',
        terminationDate: { default: '2025-06-30' },
        separationKind: { default: 'other' },
      },
    });
    const { rows: out, warnings } = mapRows(
      ['Id', 'Years', 'Left'],
      rows(['1', '3', '0'], ['2', '2', 'yes'], ['3', '0', 'No']),
      tenure,
    );
    expect(out.map((row) => row.values)).toEqual([
      { id: '1', hireDate: '2022-12-31' },
      { id: '2', hireDate: '2023-06-30', terminationDate: '2025-06-30', separationKind: 'other' },
      { id: '3', hireDate: '2025-12-31' },
    ]);
    expect(warnings[0]).toMatch(
      /hire date of 3 rows is derived from tenure in whole years .* precise to about a year/,
    );
  });
});

describe('assembleDataset', () => {
  it('joins reporting lines by manager name and builds teams from a department column', () => {
    const mapping = parseLoadMapping({
      kind: 'employees',
      fields: { id: 'Id', name: 'Name', hireDate: 'Start', managerName: 'Boss', team: 'Dept' },
    });
    const values = [
      { id: 'm', name: 'Mia', hireDate: '2020-01-01', team: 'Sales' },
      { id: 'a', name: 'Ada', hireDate: '2021-01-01', team: 'Sales', managerName: 'Mia' },
      { id: 'b', name: 'Ben', hireDate: '2021-01-01', team: 'Ops', managerName: 'Nobody' },
    ];
    const { dataset, issues } = assembleDataset({
      tables: [
        {
          file: 'hr.csv',
          mapping,
          rows: values.map((v, i) => ({ row: i + 1, line: i + 2, values: v })),
        },
      ],
    });
    expect(dataset.teams.map((team) => team.id)).toEqual(['Sales', 'Ops']);
    expect(dataset.assignments.map((a) => [a.employeeId, a.managerId, a.teamId])).toEqual([
      ['m', undefined, 'Sales'],
      ['a', 'm', 'Sales'],
      ['b', undefined, 'Ops'],
    ]);
    expect(issues.map((issue) => [issue.file, issue.row, issue.line, issue.code])).toEqual([
      ['hr.csv', 3, 4, 'unknown_reference'],
    ]);
  });
});

describe('loadDataset', () => {
  it('names the file row and line of a duplicate after an invalid row (row 4, not 3)', async () => {
    // Regression: the duplicate was reported by its place among valid records, "employees row 3".
    const { issues } = await loadDataset(join(fixtures, 'duplicate-row'));
    const duplicate = issues.find((issue) => issue.code === 'duplicate');
    expect([duplicate?.row, duplicate?.line, duplicate?.file]).toEqual([4, 5, 'employees.csv']);
    expect(duplicate?.message).toBe(
      'employees.csv row 4 (line 5): employee id "e1" duplicates row 1 (line 2)',
    );
  });

  it('reads a UTF-16 LE tab-separated company file and its survey, joined by employee id', async () => {
    const { dataset, issues } = await loadDataset(join(fixtures, 'company'));
    expect(issues).toEqual([]);
    expect(dataset.employees).toHaveLength(124);
    expect(dataset.teams.map((team) => team.id).sort()).toEqual([
      'Admin Offices',
      'IT/IS',
      'Production',
      'Sales',
    ]);
    expect(dataset.assignments.filter((a) => a.managerId !== undefined)).toHaveLength(120);
    expect(dataset.responses.length).toBeGreaterThan(50);
    expect(dataset.responses.every((response) => response.respondentId !== undefined)).toBe(true);
    expect(new Set(dataset.employees.map((e) => e.protectedAttributes.gender))).toEqual(
      new Set(['male', 'female']),
    );
  });

  it('reads a UTF-8 file with a byte-order mark and CRLF line ends, given as a file with its mapping', async () => {
    const file = join(fixtures, 'hr-dataset', 'HRDataset.csv');
    const { dataset, issues, files } = await loadDataset([file], {
      mappings: { 'HRDataset.csv': join(fixtures, 'hr-dataset', 'HRDataset.mapping.json') },
    });
    expect(issues).toEqual([]);
    expect(files).toEqual([file]);
    expect(dataset.employees[0]?.name).toBe('Surname1, Given1');
    expect(
      dataset.spells.filter((spell) => spell.separationKind === 'involuntary').length,
    ).toBeGreaterThan(0);
  });

  it('reads each attrition shape: sentinels, tenure only with a warning, a 0/1 flag with Excel days', async () => {
    for (const [folder, leavers] of [
      ['attrition-status', 'some'],
      ['attrition-tenure', 'some'],
      ['attrition-flag', 'some'],
    ] as const) {
      const { dataset, issues, warnings } = await loadDataset(join(fixtures, folder));
      expect(issues, folder).toEqual([]);
      expect(dataset.spells.length, folder).toBeGreaterThan(50);
      if (leavers === 'some')
        expect(
          dataset.spells.some((s) => s.terminationDate !== undefined),
          folder,
        ).toBe(true);
      expect(warnings.length > 0, folder).toBe(folder === 'attrition-tenure');
    }
  });

  it('reads a mapped file row by row with readMappedFile, issues naming file, row and line', async () => {
    const mapping = parseLoadMapping({
      kind: 'employees',
      fields: { id: 'EmpID', hireDate: 'DateofHire' },
    });
    const { rows, issues } = await readMappedFile(
      join(fixtures, 'hr-dataset', 'HRDataset.csv'),
      mapping,
      {
        name: 'HRDataset.csv',
      },
    );
    expect(rows).toEqual([]);
    expect(issues[0]?.message).toMatch(
      /^HRDataset\.csv row 1 \(line 2\), hireDate \(column "DateofHire"\): "\d+\/\d+\/\d{4}" is not a day written as YYYY-MM-DD/,
    );
  });

  it('streams a mapped file row by row with foldMappedFile: the rows readMappedFile keeps, and progress', async () => {
    const path = join(fixtures, 'hr-dataset', 'HRDataset.csv');
    const mapping = parseLoadMapping(
      readFileSync(join(fixtures, 'hr-dataset', 'HRDataset.mapping.json'), 'utf8'),
    );
    const visited: unknown[] = [];
    const progress: number[] = [];
    const folded = await foldMappedFile(path, mapping, (row) => visited.push(row), {
      onProgress: (rows) => progress.push(rows),
    });
    const whole = await readMappedFile(path, mapping);
    expect(visited).toEqual(whole.rows);
    expect(folded.issues).toEqual(whole.issues);
    expect(folded.rows).toBe(90);
    expect(progress.at(-1)).toBe(90);
  });

  it('refuses a path that does not exist and a file it cannot place', async () => {
    await expect(loadDataset(join(fixtures, 'nope'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(loadDataset(join(fixtures, 'company', 'company.tsv'))).rejects.toThrow(
      /give its mapping/,
    );
  });
});

describe('the README', () => {
  it('shows mapping files that parseLoadMapping accepts', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const section = /## Mapping files[\s\S]*?\n## /.exec(readme)?.[0] ?? '';
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) =>
      match[1]!.replace(/^ {2}/gm, ''),
    );
    expect(blocks.length).toBe(2);
    for (const block of blocks) expect(() => parseLoadMapping(block)).not.toThrow();
  });
});

describe('starterMapping and inspectFile', () => {
  it('guesses fields, day formats, value maps and missing texts, each listed to confirm', () => {
    const { mapping } = starterMapping(
      ['EmpID', 'Sex', 'DateofHire', 'DateofTermination', 'EmploymentStatus', 'Department'],
      [
        ['1', 'M ', '7/4/2011', '12/12/2999', 'Active', 'Sales'],
        ['2', 'F', '12/31/2012', '3/1/2015', 'Voluntarily Terminated', 'IT'],
        ['3', 'F', '1/2/2013', '5/1/2016', 'Terminated for Cause', 'IT'],
      ],
    );
    expect(mapping.kind).toBe('employees');
    expect(mapping.missing).toEqual(['12/12/2999']);
    const fields = mapping.fields as Record<string, unknown>;
    expect(fields.hireDate).toEqual({ column: 'DateofHire', date: 'M/D/YYYY' });
    expect(fields['protectedAttributes.sex']).toEqual({
      column: 'Sex',
      values: { M: 'male', F: 'female' },
    });
    expect(fields.separationKind).toEqual({
      column: 'EmploymentStatus',
      values: {
        Active: null,
        'Voluntarily Terminated': 'voluntary',
        'Terminated for Cause': 'involuntary',
      },
    });
    expect((mapping.toConfirm as string[]).length).toBeGreaterThan(5);
    // Refused until confirmed; accepted once the list is emptied.
    expect(() => parseLoadMapping(mapping)).toThrow(/points to confirm/);
    expect(parseLoadMapping({ ...mapping, toConfirm: [] }).kind).toBe('employees');
  });

  it('says when the days cannot tell month from day', () => {
    const { mapping } = starterMapping(
      ['Id', 'Start Date', 'Left'],
      [
        ['1', '03/04/2020', 'No'],
        ['2', '05/06/2021', 'Yes'],
      ],
    );
    expect(
      (mapping.toConfirm as string[]).find((line) => line.startsWith('fields.hireDate')),
    ).toMatch(/M\/D\/YYYY or D\/M\/YYYY: the values cannot tell/);
  });

  it('finds a survey file: respondent, answer scales, eNPS on 0-10', async () => {
    const found = await inspectFile(join(fixtures, 'company', 'engagement.tsv'));
    expect([found.encoding, found.byteOrderMark, found.delimiter, found.lineEnd]).toEqual([
      'utf-16le',
      true,
      '\t',
      'CRLF',
    ]);
    const { mapping } = found.mapping;
    expect(mapping.kind).toBe('responses');
    expect(mapping.questions).toMatchObject({
      recommend010: { kind: 'enps' },
      growth: { kind: 'likert', points: 5 },
    });
    expect((mapping.fields as Record<string, unknown>).submittedAt).toEqual({
      column: 'Submitted',
      date: 'D.M.YYYY',
    });
    expect((mapping.fields as Record<string, unknown>).respondentId).toBe('EmployeeID');
  });

  it('writes a mapping that reads its file once confirmed, for each fixture with dates', async () => {
    for (const path of [
      'hr-dataset/HRDataset.csv',
      'attrition-status/attrition.csv',
      'company/company.tsv',
    ]) {
      const { mapping } = (await inspectFile(join(fixtures, path))).mapping;
      const { issues } = await readMappedFile(
        join(fixtures, path),
        parseLoadMapping({ ...mapping, toConfirm: [] }),
      );
      expect(issues, path).toEqual([]);
    }
  });
});
