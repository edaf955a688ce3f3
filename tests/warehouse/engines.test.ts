/**
 * The warehouse path on real engines (issue 19): the same million generated answers (and twenty
 * thousand employment spells) loaded into embedded DuckDB, PostgreSQL 15 and a two-shard
 * ClickHouse 18.16 cluster give identical counts and GROUP BY aggregates, per team and per UTC
 * quarter, to each other and to the same aggregates computed here in JavaScript; 64-bit counts
 * come back as strings and parse exactly, a sum above 2^53 included.
 *
 * Needs the servers: run with `npm run test:warehouse`, which starts them (.ci/servers/), runs
 * this project and stops them. IC_WAREHOUSE_ANSWERS sets the number of answers (default 1 000 000).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../../src/core/errors.js';
import { kaplanMeierFromSurvivalCounts } from '../../src/retention/survivalCounts.js';
import { enpsSql } from '../../src/warehouse/enpsSql.js';
import { enpsTalliesFromRows } from '../../src/warehouse/enpsTalliesFromRows.js';
import { favourabilityCountsFromRows } from '../../src/warehouse/favourabilityCountsFromRows.js';
import { favourabilitySql } from '../../src/warehouse/favourabilitySql.js';
import { hireCohortsFromRows } from '../../src/warehouse/hireCohortsFromRows.js';
import { hireCohortsSql } from '../../src/warehouse/hireCohortsSql.js';
import {
  responseCountsFromRows,
  responseCountsSql,
} from '../../src/warehouse/responseCountsSql.js';
import {
  clickhouseRunner,
  duckdbRunner,
  postgresRunner,
} from '../../src/warehouse/runners/index.js';
import { survivalCountsFromRows } from '../../src/warehouse/survivalCountsFromRows.js';
import { survivalSql } from '../../src/warehouse/survivalSql.js';
import {
  turnoverCountsFromRows,
  warehouseTurnover,
} from '../../src/warehouse/turnoverCountsFromRows.js';
import { turnoverSql } from '../../src/warehouse/turnoverSql.js';
import type { WarehouseDialect, WarehouseRow, WarehouseRunner } from '../../src/warehouse/types.js';
import {
  generateAnswers,
  generateInvitations,
  generateSpells,
  timestampText,
} from '../support/warehouse/data.js';
import {
  libraryEnps,
  libraryFavourability,
  libraryHireCohorts,
  libraryResponses,
  librarySurvival,
  libraryTurnover,
} from '../support/warehouse/library.js';
import {
  clickhouseExec,
  loadClickhouse,
  loadDuckdb,
  loadPostgres,
} from '../support/warehouse/load.js';
import {
  enpsPerTeamQuarter,
  leaversPerTeamKind,
  perQuarter,
  perTeam,
  respondentIdSum,
} from '../support/warehouse/reference.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: run the warehouse tests with npm run test:warehouse (it starts the servers)`,
    );
  }
  return value;
}

const pgUrl = required('IC_PG_URL');
const clickhouseUrls = required('IC_CLICKHOUSE_HTTP').split(',');
const cluster = required('IC_CLICKHOUSE_CLUSTER');
const count = Number(process.env.IC_WAREHOUSE_ANSWERS ?? 1_000_000);

const answers = generateAnswers(count);
const spells = generateSpells();
const invitations = generateInvitations();

/** An exact integer from what an engine returns: a bigint, a safe number or a decimal string. */
function exact(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`not an exact integer: ${typeof value} ${String(value)}`);
}

/** Rows as sorted `key|key|count|count` lines: keys as text, the rest as exact integers. */
function lines(rows: readonly WarehouseRow[], keys: readonly string[], counts: readonly string[]) {
  return rows
    .map((row) =>
      [...keys.map((key) => String(row[key])), ...counts.map((name) => exact(row[name]))].join('|'),
    )
    .sort();
}

/** The hand-written SQL of each aggregate, per engine (ClickHouse 18.16 has no EXTRACT(QUARTER)). */
function sql(dialect: WarehouseDialect) {
  const clickhouse = dialect === 'clickhouse';
  const year = clickhouse
    ? "toYear(answered_at, 'UTC')"
    : 'CAST(EXTRACT(YEAR FROM answered_at) AS INTEGER)';
  const quarter = clickhouse
    ? "toQuarter(answered_at, 'UTC')"
    : 'CAST(EXTRACT(QUARTER FROM answered_at) AS INTEGER)';
  const countWhere = (condition: string) =>
    // On 18.16 countIf over a Nullable condition returns NULL for a group where it is always NULL.
    clickhouse
      ? `countIf(ifNull(${condition}, 0))`
      : `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  return {
    count: 'SELECT count(*) AS n FROM answers',
    perTeam:
      'SELECT team_id, count(*) AS n, count(score) AS answered, sum(score) AS total FROM answers GROUP BY team_id',
    perQuarter: `SELECT ${year} AS year, ${quarter} AS quarter, count(*) AS n FROM answers GROUP BY ${year}, ${quarter}`,
    enps: `SELECT team_id, ${year} AS year, ${quarter} AS quarter,
        ${countWhere('score IS NOT NULL AND score <= 6')} AS detractors,
        ${countWhere('score IS NOT NULL AND score IN (7, 8)')} AS passives,
        ${countWhere('score IS NOT NULL AND score >= 9')} AS promoters,
        ${countWhere('score IS NULL')} AS skipped
      FROM answers WHERE question_id = 'enps' GROUP BY team_id, ${year}, ${quarter}`,
    idSum: 'SELECT sum(respondent_id) AS total FROM answers',
    leavers: `SELECT team_id, exit_kind, count(*) AS leavers,
        ${countWhere(clickhouse ? 'regretted = 1' : 'regretted')} AS regretted
      FROM spells WHERE exit_kind IS NOT NULL GROUP BY team_id, exit_kind`,
  };
}

const runners = new Map<WarehouseDialect, WarehouseRunner>();
const loadSeconds = new Map<string, number>();
let duckdbInstance: DuckDBInstance | undefined;

beforeAll(async () => {
  let started = performance.now();
  duckdbInstance = await DuckDBInstance.create(':memory:');
  const connection = await duckdbInstance.connect();
  await loadDuckdb(connection, answers, spells, invitations);
  loadSeconds.set('duckdb', (performance.now() - started) / 1000);
  runners.set('duckdb', await duckdbRunner({ connection }));

  started = performance.now();
  await loadPostgres(pgUrl, answers, spells, invitations);
  loadSeconds.set('postgres', (performance.now() - started) / 1000);
  runners.set('postgres', await postgresRunner({ connectionString: pgUrl }));

  started = performance.now();
  await loadClickhouse(clickhouseUrls, cluster, answers, spells, invitations);
  loadSeconds.set('clickhouse', (performance.now() - started) / 1000);
  runners.set('clickhouse', await clickhouseRunner({ url: clickhouseUrls[0]! }));
  console.log(
    `loaded ${count} answers: ${[...loadSeconds].map(([engine, s]) => `${engine} ${s.toFixed(1)} s`).join(', ')}`,
  );
});

afterAll(async () => {
  for (const runner of runners.values()) await runner.close();
  duckdbInstance?.closeSync();
});

const run = (dialect: WarehouseDialect, text: string) =>
  runners.get(dialect)!.query({ dialect, sql: text, params: [] });

describe.each(['duckdb', 'postgres', 'clickhouse'] as const)('%s', (dialect) => {
  it('holds every generated answer', async () => {
    const [row] = await run(dialect, sql(dialect).count);
    expect(exact(row!.n)).toBe(BigInt(count));
  });

  it('counts and sums per team as computed here', async () => {
    const rows = await run(dialect, sql(dialect).perTeam);
    expect(lines(rows, ['team_id'], ['n', 'answered', 'total'])).toEqual(perTeam(answers));
  });

  it('counts per UTC quarter as computed here', async () => {
    const rows = await run(dialect, sql(dialect).perQuarter);
    expect(lines(rows, ['year', 'quarter'], ['n'])).toEqual(perQuarter(answers));
  });

  it('tallies eNPS per team and UTC quarter as computed here', async () => {
    const rows = await run(dialect, sql(dialect).enps);
    expect(
      lines(
        rows,
        ['team_id', 'year', 'quarter'],
        ['detractors', 'passives', 'promoters', 'skipped'],
      ),
    ).toEqual(enpsPerTeamQuarter(answers));
  });

  it('sums a bigint column above 2^53 exactly', async () => {
    const [row] = await run(dialect, sql(dialect).idSum);
    // A string (or bigint): a JavaScript number would have rounded it.
    expect(typeof row!.total).not.toBe('number');
    const total = exact(row!.total);
    expect(total > 2n ** 53n).toBe(true);
    expect(total).toBe(respondentIdSum(answers));
  });

  it('counts leavers per team and exit kind as computed here', async () => {
    const rows = await run(dialect, sql(dialect).leavers);
    expect(lines(rows, ['team_id', 'exit_kind'], ['leavers', 'regretted'])).toEqual(
      leaversPerTeamKind(spells),
    );
  });

  it('refuses a query of another dialect', async () => {
    const other = dialect === 'duckdb' ? 'postgres' : 'duckdb';
    await expect(
      runners.get(dialect)!.query({ dialect: other, sql: 'SELECT 1', params: [] }),
    ).rejects.toSatisfy((error) => isInternalCustomerError(error, 'INVALID_INPUT'));
  });
});

/** A value computed on first use and kept: the library's results are the same for every engine. */
function once<T>(compute: () => T): () => T {
  let value: { result: T } | undefined;
  return () => {
    value ??= { result: compute() };
    return value.result;
  };
}

const YEAR_2025 = { start: '2025-01-01', end: '2026-01-01' };
const COHORTS = { asOf: '2025-12-31', cohort: 'quarter', horizons: [3, 12, 24] } as const;
const SURVIVAL_WINDOW = { asOf: '2025-12-31', recordsStart: '2018-01-01' };
const library = {
  enps: once(() => libraryEnps(answers)),
  favourability: once(() => libraryFavourability(answers)),
  responses: once(() => libraryResponses(invitations)),
  survival: once(() => librarySurvival(spells, SURVIVAL_WINDOW.asOf, SURVIVAL_WINDOW.recordsStart)),
  turnover: once(() =>
    libraryTurnover(spells, YEAR_2025).map(({ key, turnover }) => ({
      key,
      turnover: { ...turnover, averageHeadcount: { ...turnover.averageHeadcount, snapshots: [] } },
    })),
  ),
  cohorts: once(() =>
    libraryHireCohorts(spells, COHORTS).map(({ key, cohorts }) => ({
      key,
      cohorts: { ...cohorts, warnings: [] },
    })),
  ),
};

/** Runs a builder's query on an engine (ClickHouse: through the Distributed tables). */
const runQuery = (dialect: WarehouseDialect, query: { sql: string; params: readonly unknown[] }) =>
  runners.get(dialect)!.query({ dialect, sql: query.sql, params: query.params as never });

describe.each(['duckdb', 'postgres', 'clickhouse'] as const)(
  'every builder run on %s equals the library in memory',
  (dialect) => {
    it('enpsSql per team and UTC quarter: enpsTally', async () => {
      const grouping = { groupBy: ['team_id'], per: 'quarter' as const };
      const rows = await runQuery(dialect, enpsSql({ dialect, questionId: 'enps', ...grouping }));
      expect(enpsTalliesFromRows(rows, grouping).groups).toEqual(library.enps());
    });

    it('enpsSql per team and UTC month or year, or none, of one survey in a period: enpsTally', async () => {
      // Survey pulse-3 from 1 April to 1 October 2025: boundaries at UTC midnights.
      const period = { start: '2025-04-01', end: '2025-10-01' };
      for (const per of ['month', 'year', undefined] as const) {
        const grouping = { groupBy: ['team_id'], ...(per === undefined ? {} : { per }) };
        const query = enpsSql({
          dialect,
          questionId: 'enps',
          surveyId: 'pulse-3',
          period,
          ...grouping,
        });
        expect(enpsTalliesFromRows(await runQuery(dialect, query), grouping).groups).toEqual(
          libraryEnps(answers, { ...(per === undefined ? {} : { per }), period, survey: 2 }),
        );
      }
    });

    it('favourabilitySql per team and UTC month: favourabilityCounts', async () => {
      const grouping = { groupBy: ['team_id'], per: 'month' as const };
      const query = favourabilitySql({ dialect, questionId: 'q1', points: 5, ...grouping });
      const read = favourabilityCountsFromRows(await runQuery(dialect, query), {
        ...grouping,
        points: 5,
      });
      expect(read.groups.map(({ key, counts }) => ({ key, counts }))).toEqual(
        libraryFavourability(answers),
      );
    });

    it('responseCountsSql per team and UTC year: invitations and responses', async () => {
      const grouping = { groupBy: ['team_id'], per: 'year' as const };
      const query = responseCountsSql({ dialect, surveyId: 'pulse-2', ...grouping });
      expect(responseCountsFromRows(await runQuery(dialect, query), grouping)).toEqual(
        library.responses(),
      );
    });

    it('survivalSql with late entry per team: kaplanMeier with entry times', async () => {
      const query = survivalSql({ dialect, groupBy: ['team_id'], ...SURVIVAL_WINDOW });
      const read = survivalCountsFromRows(await runQuery(dialect, query), { groupBy: ['team_id'] });
      const curves = read.map((group) => ({
        key: group.key,
        curve: kaplanMeierFromSurvivalCounts(group.counts, { atRisk: [...group.atRisk] }),
      }));
      expect(curves).toEqual(library.survival());
    });

    it('turnoverSql per team over 2025: turnover with its daily average headcount', async () => {
      const query = turnoverSql({ dialect, period: YEAR_2025, groupBy: ['team_id'] });
      const read = turnoverCountsFromRows(await runQuery(dialect, query), {
        period: YEAR_2025,
        groupBy: ['team_id'],
      });
      expect(
        read.groups.map((group) => ({
          key: group.key,
          turnover: warehouseTurnover(group, YEAR_2025),
        })),
      ).toEqual(library.turnover());
    });

    it('hireCohortsSql per team and quarter: hireCohorts', async () => {
      const query = hireCohortsSql({ dialect, groupBy: ['team_id'], ...COHORTS });
      const read = hireCohortsFromRows(await runQuery(dialect, query), {
        groupBy: ['team_id'],
        ...COHORTS,
      });
      expect(read).toEqual(library.cohorts());
    });
  },
);

describe('postgres', () => {
  it('returns int8 counts as strings and takes $1 parameters', async () => {
    const rows = await runners.get('postgres')!.query({
      dialect: 'postgres',
      sql: 'SELECT count(*) AS n FROM answers WHERE team_id = $1 AND question_id = $2',
      params: ['t01', 'enps'],
    });
    expect(typeof rows[0]!.n).toBe('string');
    expect(exact(rows[0]!.n)).toBe(
      BigInt(answers.team.filter((team, i) => team === 0 && answers.question[i] === 0).length),
    );
  });
});

describe('timestamps', () => {
  it.each(['duckdb', 'postgres', 'clickhouse'] as const)(
    '%s returns them as UTC text, never as a Date',
    async (dialect) => {
      const rows = await run(
        dialect,
        "SELECT answered_at FROM answers WHERE answered_at >= '2025-03-31 23:59:00' ORDER BY answered_at LIMIT 1",
      );
      // The first answer on or after that minute, found here: the engines must print it alike.
      const from = Date.UTC(2025, 2, 31, 23, 59) / 1000;
      const first = answers.answeredAt.reduce(
        (best, at) => (at >= from && at < best ? at : best),
        Number.POSITIVE_INFINITY,
      );
      expect(rows[0]!.answered_at).toBe(timestampText(first));
    },
  );

  it('postgres runs its session in UTC', async () => {
    const [row] = await run('postgres', 'SHOW TimeZone');
    expect(row).toEqual({ TimeZone: 'UTC' });
  });
});

describe('duckdb', () => {
  it('takes ? parameters', async () => {
    const rows = await runners.get('duckdb')!.query({
      dialect: 'duckdb',
      sql: 'SELECT count(*) AS n FROM answers WHERE team_id = ?',
      params: ['t01'],
    });
    expect(exact(rows[0]!.n)).toBe(BigInt(answers.team.filter((team) => team === 0).length));
  });
});

describe('clickhouse cluster', () => {
  it('spreads the answers over both shards', async () => {
    const perShard = await Promise.all(
      clickhouseUrls.map(async (url) =>
        BigInt((await clickhouseExec(url, 'SELECT count() FROM answers_local')).trim()),
      ),
    );
    expect(perShard).toHaveLength(2);
    for (const n of perShard) expect(n > BigInt(count) / 4n).toBe(true);
    expect(perShard.reduce((a, b) => a + b, 0n)).toBe(BigInt(count));
  });

  it('answers alike through the Distributed table of either shard', async () => {
    const second = await clickhouseRunner({ url: clickhouseUrls[1]! });
    try {
      const rows = await second.query({
        dialect: 'clickhouse',
        sql: sql('clickhouse').perTeam,
        params: [],
      });
      expect(lines(rows, ['team_id'], ['n', 'answered', 'total'])).toEqual(perTeam(answers));
    } finally {
      await second.close();
    }
  });

  it('returns UInt64 counts as strings', async () => {
    const [row] = await run(
      'clickhouse',
      'SELECT count() AS n, toUInt64(18446744073709551615) AS top',
    );
    expect(row).toEqual({ n: '1', top: '18446744073709551615' });
  });

  it('has no EXTRACT(QUARTER ...) on 18.16 (hence toQuarter with an explicit UTC)', async () => {
    await expect(
      run('clickhouse', 'SELECT EXTRACT(QUARTER FROM answered_at) FROM answers LIMIT 1'),
    ).rejects.toThrow();
  });

  it('counts a Nullable condition that is always NULL as 0, where plain countIf gives NULL', async () => {
    const url = clickhouseUrls[0]!;
    await clickhouseExec(url, 'DROP TABLE IF EXISTS all_skipped');
    await clickhouseExec(
      url,
      'CREATE TABLE all_skipped (team_id String, answered_at DateTime, score Nullable(Int8)) ENGINE = MergeTree ORDER BY team_id',
    );
    await clickhouseExec(
      url,
      "INSERT INTO all_skipped VALUES ('x', now(), NULL), ('x', now(), NULL)",
    );
    // The 18.16 trap: countIf over a condition that is NULL for every row of the group.
    const [plain] = await run('clickhouse', 'SELECT countIf(score = 5) AS n FROM all_skipped');
    expect(plain!.n).toBeNull();
    const rows = await run(
      'clickhouse',
      enpsSql({ dialect: 'clickhouse', table: 'all_skipped', groupBy: ['team_id'] }).sql,
    );
    expect([rows[0]!.skipped, rows[0]!.s5, rows[0]!.s10]).toEqual(['2', '0', '0']);
  });

  it('refuses query parameters, which 18.16 does not take', async () => {
    await expect(
      runners.get('clickhouse')!.query({ dialect: 'clickhouse', sql: 'SELECT 1', params: [1] }),
    ).rejects.toSatisfy((error) => isInternalCustomerError(error, 'INVALID_INPUT'));
  });
});
