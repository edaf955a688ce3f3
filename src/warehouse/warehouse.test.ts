import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { enpsSql } from './enpsSql.js';
import { enpsTalliesFromRows } from './enpsTalliesFromRows.js';
import { favourabilityCountsFromRows } from './favourabilityCountsFromRows.js';
import { favourabilitySql } from './favourabilitySql.js';
import { parseWarehouseCount } from './parseWarehouseCount.js';
import { quoteIdentifier, quoteTableName } from './quoteIdentifier.js';
import { WAREHOUSE_DIALECTS } from './types.js';

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isInternalCustomerError(error) ? error.code : 'other';
  }
  return undefined;
}

const enpsRow = (counts: Partial<Record<string, unknown>>) => ({
  answers: 0,
  skipped: 0,
  ...Object.fromEntries(Array.from({ length: 11 }, (_, k) => [`s${k}`, 0])),
  ...counts,
});

describe('quoteIdentifier', () => {
  it('quotes with double quotes, or backticks on BigQuery, Spark SQL and ClickHouse', () => {
    expect(WAREHOUSE_DIALECTS.map((dialect) => quoteIdentifier('Team Id', dialect))).toEqual([
      '"Team Id"',
      '"Team Id"',
      '`Team Id`',
      '`Team Id`',
      '"Team Id"',
      '`Team Id`',
    ]);
  });

  it('refuses names that cannot be quoted safely, in every dialect', () => {
    for (const dialect of WAREHOUSE_DIALECTS) {
      for (const name of ['', 'a"b', 'a`b', 'a\\b', 'a\nb', 'a\0b', '\ud800', 'x'.repeat(129)]) {
        expect(code(() => quoteIdentifier(name, dialect))).toBe('INVALID_OPTION');
      }
    }
  });

  it('quotes each part of a qualified table name', () => {
    expect(quoteTableName('hr.answers', 'duckdb')).toBe('"hr"."answers"');
    expect(code(() => quoteTableName('hr..answers', 'duckdb'))).toBe('INVALID_OPTION');
  });
});

describe('parseWarehouseCount', () => {
  it('reads numbers, bigints and digit strings exactly, bigints above 2^53 - 1', () => {
    expect(parseWarehouseCount(0)).toBe(0);
    expect(parseWarehouseCount('9007199254740991')).toBe(9007199254740991);
    expect(parseWarehouseCount('9007199254740993')).toBe(9007199254740993n);
    expect(parseWarehouseCount(9007199254740993n)).toBe(9007199254740993n);
    expect(parseWarehouseCount(12n)).toBe(12);
    expect(parseWarehouseCount('000123')).toBe(123);
    expect(parseWarehouseCount(null)).toBe(0);
  });

  it('refuses negatives, fractions, unsafe numbers, signs, blanks and other types', () => {
    for (const value of [
      -1,
      1.5,
      2 ** 53,
      Number.NaN,
      '-1',
      '1.0',
      '1e3',
      ' 1',
      '',
      '+1',
      -1n,
      true,
      undefined,
      {},
    ]) {
      expect(code(() => parseWarehouseCount(value))).toBe('INVALID_INPUT');
    }
  });
});

describe('enpsSql', () => {
  it('passes values as parameters, placeholders per dialect', () => {
    const options = {
      questionId: 'q',
      surveyId: 's',
      period: { start: '2025-01-01', end: '2025-02-01' },
    };
    expect(enpsSql({ dialect: 'postgres', ...options }).sql).toContain('"survey_id" = $2');
    expect(enpsSql({ dialect: 'bigquery', ...options }).sql).toContain('`survey_id` = @p2');
    expect(enpsSql({ dialect: 'duckdb', ...options }).params).toEqual([
      'q',
      's',
      '2025-01-01 00:00:00+00:00',
      '2025-02-01 00:00:00+00:00',
    ]);
    const clickhouse = enpsSql({ dialect: 'clickhouse', ...options, questionId: "x' OR 1=1 --" });
    expect(clickhouse.params).toEqual([]);
    expect(clickhouse.sql).toContain("`question_id` = 'x\\' OR 1=1 --'");
  });

  it('takes other table and column names, quoted', () => {
    const query = enpsSql({
      dialect: 'snowflake',
      questionId: 'q',
      table: 'HR.ANSWERS',
      columns: { score: 'VALUE', answeredAt: 'AT' },
      per: 'month',
    });
    expect(query.sql).toContain('FROM "HR"."ANSWERS"');
    expect(query.sql).toContain('COUNT_IF("VALUE" = 10) AS "s10"');
    expect(query.sql).toContain(`MONTH(CONVERT_TIMEZONE('UTC', "AT")) AS "period_number"`);
  });

  it('refuses unknown dialects and options, unquotable names, clashing group columns, bad periods', () => {
    const valid = { dialect: 'duckdb' as const, questionId: 'q' };
    expect(code(() => enpsSql({ ...valid, dialect: 'mysql' as 'duckdb' }))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, groupby: ['x'] } as never))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, groupBy: ['a"b'] }))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, groupBy: ['s3'] }))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, groupBy: ['team', 'team'] }))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, per: 'week' as 'month' }))).toBe('INVALID_OPTION');
    expect(code(() => enpsSql({ ...valid, questionId: '' }))).toBe('INVALID_OPTION');
    expect(
      code(() => enpsSql({ ...valid, period: { start: '2025-02-01', end: '2025-02-01' } })),
    ).toBe('INVALID_PERIOD');
    expect(code(() => enpsSql({ ...valid, table: 'a;b -- x' }))).toBe(undefined);
    expect(code(() => enpsSql({ ...valid, table: 'a"b' }))).toBe('INVALID_OPTION');
  });
});

describe('enpsTalliesFromRows', () => {
  it('adds several rows of one key, whatever type each count comes as', () => {
    const rows = [
      enpsRow({ team_id: 'a', answers: 2, s9: '1', s3: 1n }),
      enpsRow({ team_id: 'a', answers: '3', skipped: 1, s10: 2 }),
      enpsRow({ team_id: null, answers: 1, s7: 1 }),
    ];
    const result = enpsTalliesFromRows(rows, { groupBy: ['team_id'] });
    expect(result.groups.map((group) => [group.key, group.tally.n, group.skipped])).toEqual([
      [[null], 1, 0],
      [['a'], 4, 1],
    ]);
    expect([result.total.detractors, result.total.passives, result.total.promoters]).toEqual([
      1, 1, 3,
    ]);
  });

  it('keys periods by their first day, from numbers or strings, and reads upper-cased names', () => {
    const rows = [
      enpsRow({ PERIOD_YEAR: '2025', PERIOD_NUMBER: '2', ANSWERS: 1, S0: 1, SKIPPED: 0 }),
      enpsRow({ period_year: 2025n, period_number: 4, answers: 1, s0: 1 }),
    ];
    const result = enpsTalliesFromRows(rows, { per: 'quarter' });
    expect(result.groups.map((group) => group.key)).toEqual([['2025-04-01'], ['2025-10-01']]);
  });

  it('reads an empty result as no groups', () => {
    const result = enpsTalliesFromRows([], { groupBy: ['team_id'] });
    expect(result.groups).toEqual([]);
    expect(result.total.n).toBe(0);
  });

  it('refuses answers off the scale, bad counts, bad periods and unknown options', () => {
    expect(code(() => enpsTalliesFromRows([enpsRow({ answers: 2, s1: 1 })]))).toBe('OUT_OF_RANGE');
    expect(code(() => enpsTalliesFromRows([enpsRow({ answers: 1.5 })]))).toBe('INVALID_INPUT');
    expect(code(() => enpsTalliesFromRows([enpsRow({ s1: '1' + '0'.repeat(17) })]))).toBe(
      'INVALID_INPUT',
    );
    expect(code(() => enpsTalliesFromRows([{ answers: 0 }]))).toBe('INVALID_INPUT');
    expect(
      code(() =>
        enpsTalliesFromRows([enpsRow({ period_year: 2025, period_number: 5 })], { per: 'quarter' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      code(() => enpsTalliesFromRows([enpsRow({ team_id: {} })], { groupBy: ['team_id'] })),
    ).toBe('INVALID_INPUT');
    expect(code(() => enpsTalliesFromRows([], { by: [] } as never))).toBe('INVALID_OPTION');
  });
});

describe('favourabilityCountsFromRows', () => {
  const row = { answers: 3, skipped: 0, a1: 1, a2: 0, a3: 1, a4: 0, a5: 1, score_sum: 9 };

  it('reads counts and checks the sum against them', () => {
    const read = favourabilityCountsFromRows([row, { ...row, score_sum: '9' }], { points: 5 });
    expect(read.groups[0]?.sum).toBe(18);
    expect(read.total.histogram).toEqual([2, 0, 2, 0, 2]);
    // A fractional answer (2.5 counted nowhere, or a sum that the counts do not make) is caught.
    expect(
      code(() => favourabilityCountsFromRows([{ ...row, score_sum: 10 }], { points: 5 })),
    ).toBe('OUT_OF_RANGE');
    expect(code(() => favourabilityCountsFromRows([{ ...row, answers: 4 }], { points: 5 }))).toBe(
      'OUT_OF_RANGE',
    );
  });

  it('refuses a scale outside 2-11 points, in the builder and the reader', () => {
    expect(code(() => favourabilityCountsFromRows([], { points: 12 }))).toBe('INVALID_OPTION');
    expect(code(() => favourabilitySql({ dialect: 'duckdb', questionId: 'q', points: 1 }))).toBe(
      'INVALID_OPTION',
    );
  });
});
