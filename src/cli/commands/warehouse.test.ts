import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../../../tests/support/cliScratch.js';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';

const folder = scratchFolder('warehouse');

async function cli(
  argv: readonly string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        out += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        err += text;
        return true;
      },
    },
    stdin: (async function* () {
      yield stdin;
    })(),
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** A row of an eNPS export: `counts[k]` answers of k. */
function enpsRow(team: string | null, year: number, quarter: number, counts: readonly number[]) {
  const row: Record<string, unknown> = {
    team_id: team,
    period_year: year,
    period_number: quarter,
    answers: counts.reduce((a, b) => a + b, 0),
    skipped: 0,
  };
  for (let k = 0; k <= 10; k++) row[`s${k}`] = counts[k] ?? 0;
  return row;
}

describe('internal-customer sql', () => {
  it('prints BigQuery SQL grouped by team and quarter, with no parameters to list', async () => {
    const { code, out } = await cli([
      'sql',
      'enps',
      '--dialect',
      'bigquery',
      '--table',
      'hr.answers',
      '--group-by',
      'team_id,quarter',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('FROM `hr`.`answers`');
    expect(out).toContain(
      "CAST(EXTRACT(QUARTER FROM DATE(`answered_at`, 'UTC')) AS INT64) AS `period_number`",
    );
    expect(out.trimEnd().endsWith(';')).toBe(true);
    new sqlParser.Parser().astify(out.replace(/;\s*$/, ''), { database: 'bigquery' });
  });

  it('lists parameters in a comment, one JSON string a line, so no value can end the comment', async () => {
    const { code, out } = await cli([
      'sql',
      'enps',
      '--dialect',
      'postgres',
      '--question',
      "q1\nDROP TABLE x; --'",
      '--from',
      '2025-01-01',
      '--to',
      '2025-03-31',
    ]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('-- parameters, in order (positional):');
    expect(lines[1]).toBe('--   $1 "q1\\nDROP TABLE x; --\'"');
    expect(lines[2]).toBe('--   $2 "2025-01-01 00:00:00+00:00"');
    expect(lines[3]).toBe('--   $3 "2025-04-01 00:00:00+00:00"');
    expect(out).not.toMatch(/^DROP/m);
  });

  it('inlines plain values with --inline and refuses any other', async () => {
    const plain = await cli([
      'sql',
      'favourability',
      '--dialect',
      'snowflake',
      '--question',
      'growth-1',
      '--points',
      '5',
      '--inline',
      '--group-by',
      'team_id,month',
    ]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(`WHERE "question_id" = 'growth-1'`);
    expect(plain.out).not.toContain('?');
    const hostile = await cli([
      'sql',
      'enps',
      '--dialect',
      'duckdb',
      '--question',
      "x' OR 1=1 --",
      '--inline',
    ]);
    expect(hostile.code).toBe(1);
    expect(hostile.err).toContain('--inline takes only plain values');
  });

  it('writes ClickHouse values as escaped literals', async () => {
    const { out } = await cli(['sql', 'enps', '--dialect', 'clickhouse', '--question', "it's"]);
    expect(out).toContain("`question_id` = 'it\\'s'");
    expect(out.startsWith('SELECT')).toBe(true);
  });

  it('refuses an unknown dialect or aggregate, unquotable names and a lone --from', async () => {
    expect((await cli(['sql', 'enps', '--dialect', 'mysql'])).code).toBe(1);
    expect((await cli(['sql', 'nps', '--dialect', 'duckdb'])).code).toBe(1);
    expect((await cli(['sql', 'enps', '--dialect', 'duckdb', '--group-by', 'a"b'])).code).toBe(1);
    expect((await cli(['sql', 'enps', '--dialect', 'duckdb', '--from', '2025-01-01'])).code).toBe(
      1,
    );
    expect((await cli(['sql', 'favourability', '--dialect', 'duckdb'])).code).toBe(1);
    expect(
      (await cli(['sql', 'enps', '--dialect', 'duckdb', '--group-by', 'month,year'])).code,
    ).toBe(1);
  });
});

describe('internal-customer merge', () => {
  const rows = [
    enpsRow('a', 2025, 1, [1, 0, 0, 0, 0, 0, 1, 2, 2, 3, 3]),
    enpsRow('a', 2025, 1, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
    enpsRow('b', 2025, 1, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
    enpsRow('c', 2025, 1, [0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 3]),
  ];

  it('merges a JSON export and publishes it through the gate', async () => {
    const file = join(folder, 'enps.json');
    writeFileSync(file, JSON.stringify(rows));
    const { code, out } = await cli([
      'merge',
      file,
      '--aggregate',
      'enps',
      '--group-by',
      'team_id,quarter',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const cells = (
      JSON.parse(out) as {
        rows: { segment: string; group: string | null; status: string; n: number | null }[];
      }
    ).rows;
    expect(cells.map((cell) => [cell.group ?? cell.segment, cell.status, cell.n])).toEqual([
      ['all', 'shown', 23],
      ['a', 'shown', 13],
      ['b', 'suppressed', null],
      ['c', 'suppressed', null],
    ]);
    // b (2 answers) is hidden, and c with it: all - a - c would give b away.
  });

  it('reads CSV exports (counts as text, an empty cell as NULL) from standard input', async () => {
    const header = Object.keys(rows[0]!);
    const csv = [
      header.join(','),
      ...rows.map((row) =>
        header.map((key) => (row[key] === null ? '' : String(row[key]))).join(','),
      ),
    ].join('\n');
    const { code, out } = await cli(
      ['merge', '-', '--aggregate', 'enps', '--group-by', 'team_id,quarter', '--format', 'csv'],
      csv,
    );
    expect(code).toBe(0);
    expect(out.split(/\r?\n/)[0]).toBe('period,segment,group,status,n,value,lower,upper');
    expect(out).toContain('2025-01-01,group,b,suppressed,,,,');
  });

  it('refuses counts that are not whole numbers, with exit code 2', async () => {
    const file = join(folder, 'bad.json');
    writeFileSync(file, JSON.stringify([{ ...rows[0], s3: '1.5' }]));
    const { code, err } = await cli([
      'merge',
      file,
      '--aggregate',
      'enps',
      '--group-by',
      'team_id,quarter',
    ]);
    expect(code).toBe(2);
    expect(err).toContain('whole number');
  });
});

describe('internal-customer sql and merge: responses, survival, turnover and cohorts', () => {
  /** Writes rows to a JSON file and merges them, returning the published cells. */
  async function merged(name: string, rows: readonly object[], args: readonly string[]) {
    const file = join(folder, `${name}.json`);
    writeFileSync(file, JSON.stringify(rows));
    const { code, out, err } = await cli(['merge', file, ...args, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    return (
      JSON.parse(out) as {
        rows: {
          period: string | null;
          group: string | null;
          segment: string;
          status: string;
          value: number | null;
        }[];
      }
    ).rows;
  }

  it('prints the SQL of each spells aggregate and of response counts', async () => {
    const turnover = await cli([
      'sql',
      'turnover',
      '--dialect',
      'postgres',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
    ]);
    expect(turnover.out).toContain('AS "headcount_days"');
    const cohorts = await cli([
      'sql',
      'cohorts',
      '--dialect',
      'spark',
      '--as-of',
      '2025-12-31',
      '--horizons',
      '3,12',
      '--cohort',
      'month',
    ]);
    expect(cohorts.out).toContain('add_months(`hired_on`, 12)');
    const survival = await cli([
      'sql',
      'survival',
      '--dialect',
      'duckdb',
      '--as-of',
      '2025-12-31',
      '--records-start',
      '2022-01-01',
    ]);
    expect(survival.out).toContain('AS "entered"');
    const responses = await cli([
      'sql',
      'responses',
      '--dialect',
      'bigquery',
      '--survey',
      's1',
      '--group-by',
      'team_id,year',
    ]);
    expect(responses.out).toContain('COUNTIF(`responded_at` IS NOT NULL)');
    for (const result of [turnover, cohorts, survival, responses]) expect(result.code).toBe(0);
  });

  it('refuses a spells aggregate without its day, or with a period in --group-by', async () => {
    expect((await cli(['sql', 'survival', '--dialect', 'duckdb'])).err).toContain('--as-of');
    expect((await cli(['sql', 'turnover', '--dialect', 'duckdb'])).err).toContain(
      '--from and --to',
    );
    const withPeriod = await cli([
      'sql',
      'cohorts',
      '--dialect',
      'duckdb',
      '--as-of',
      '2025-12-31',
      '--group-by',
      'quarter',
    ]);
    expect([withPeriod.code, withPeriod.err.includes('--cohort')]).toEqual([1, true]);
  });

  it('merges turnover counts and suppresses a small team', async () => {
    const row = (team: string, spells: number, voluntary: number) => ({
      team_id: team,
      spells,
      separations: voluntary + 1,
      voluntary,
      involuntary: 1,
      other: 0,
      kind_missing: 0,
      regretted_separations: 0,
      regretted_unknown: voluntary + 1,
      hires: 0,
      headcount_days: spells * 365,
    });
    const cells = await merged(
      'turnover',
      [row('a', 20, 2), row('b', 30, 3), row('c', 40, 1), row('d', 3, 1)],
      [
        '--aggregate',
        'turnover',
        '--from',
        '2025-01-01',
        '--to',
        '2025-12-31',
        '--group-by',
        'team_id',
      ],
    );
    const byGroup = Object.fromEntries(cells.map((c) => [c.group ?? c.segment, c]));
    expect(byGroup.d?.status).toBe('suppressed');
    expect(byGroup.all?.value).toBeCloseTo((100 * 11) / 93, 10);
  });

  it('merges survival counts, response counts and hire cohorts through the gate', async () => {
    const survival = await merged(
      'survival',
      [10, 20, 30, 40, 50, 60].map((time) => ({
        time,
        events: time % 20 === 0 ? 1 : 0,
        censored: time % 20 === 0 ? 0 : 1,
        entered: 0,
      })),
      ['--aggregate', 'survival', '--as-of', '2025-12-31'],
    );
    expect(survival.map((c) => [c.segment, c.status, c.value])).toEqual([['all', 'shown', 60]]);
    const responses = await merged(
      'responses',
      [
        { team_id: 'a', invited: 10, responded: 8 },
        { team_id: 'b', invited: 10, responded: 2 },
      ],
      ['--aggregate', 'responses', '--group-by', 'team_id'],
    );
    expect(responses.map((c) => [c.group ?? c.segment, c.status])).toEqual([
      ['all', 'shown'],
      ['a', 'suppressed'],
      ['b', 'suppressed'],
    ]);
    const cohorts = await merged(
      'cohorts',
      [{ period_year: 2024, period_number: 1, hires: 12, retained_3: 12, retained_12: 6 }],
      ['--aggregate', 'cohorts', '--as-of', '2025-12-31', '--horizons', '3,12'],
    );
    expect(cohorts.map((c) => [c.period, c.group, c.status, c.value])).toEqual([
      ['2024-01-01', '3 months', 'shown', 100],
      ['2024-01-01', '12 months', 'shown', 50],
    ]);
  });
});
