/**
 * The warehouse path (issue 19) on 10 M answers, in embedded DuckDB and on the two-shard
 * ClickHouse cluster of `.ci/servers/`: the whole path (`enpsSql` per team and UTC quarter, run
 * through the library's runner, read by `enpsTalliesFromRows`, published through the gate by
 * `publishWarehouseEnps`) against the same generated SQL run through the engine's own client in
 * the same run (goal: the path adds under 10%). For scale, a plain `count()` and a hand-written
 * `GROUP BY` of the same counts are reported beside that SQL.
 *
 * Needs the servers: `bash .ci/servers/with-servers.sh npm run bench -- warehouse` (the group is
 * not in the default `npm run bench`). Without IC_CLICKHOUSE_HTTP only the DuckDB cases run.
 * IC_BENCH_ANSWERS sets the number of answers (default 10 000 000).
 */
import { createClient } from '@clickhouse/client';
import { DuckDBInstance } from '@duckdb/node-api';
import { enpsSql } from '../src/warehouse/enpsSql.js';
import { enpsTalliesFromRows } from '../src/warehouse/enpsTalliesFromRows.js';
import { publishWarehouseEnps } from '../src/warehouse/publishWarehouseEnps.js';
import { clickhouseRunner, duckdbRunner } from '../src/warehouse/runners/index.js';
import type { WarehouseDialect, WarehouseQuery, WarehouseRunner } from '../src/warehouse/types.js';
import type { BenchCase } from './harness.js';

const answers = Number(process.env.IC_BENCH_ANSWERS ?? 10_000_000);
const size = `${answers.toLocaleString('en-GB').replaceAll(',', ' ')} answers`;
const grouping = { groupBy: ['team_id'], per: 'quarter' as const };

/** Columns of the generated answers, from the row number n, in each engine's functions. */
const GENERATED = {
  // 40 teams, 5 questions (enps first), 0-10 scores with about 2% skipped, two years of seconds.
  duckdb: (n: string) => `'t' || lpad(CAST(hash(${n}, 1) % 40 + 1 AS VARCHAR), 2, '0') AS team_id,
    CASE hash(${n}, 2) % 5 WHEN 0 THEN 'enps' ELSE 'q' || CAST(hash(${n}, 2) % 5 AS VARCHAR) END AS question_id,
    CAST(hash(${n}, 3) % 20000 AS BIGINT) AS respondent_id,
    make_timestamp(CAST(1704067200 + hash(${n}, 4) % 63158400 AS BIGINT) * 1000000) AS answered_at,
    CASE WHEN hash(${n}, 5) % 100 < 2 THEN NULL ELSE CAST(hash(${n}, 6) % 11 AS TINYINT) END AS score`,
  clickhouse: (
    n: string,
  ) => `concat('t', if(intHash32(${n}) % 40 < 9, '0', ''), toString(intHash32(${n}) % 40 + 1)) AS team_id,
    if(intHash32(${n} + 1) % 5 = 0, 'enps', concat('q', toString(intHash32(${n} + 1) % 5))) AS question_id,
    toInt64(intHash32(${n} + 2) % 20000) AS respondent_id,
    toDateTime(1704067200 + intHash32(${n} + 3) % 63158400, 'UTC') AS answered_at,
    if(intHash32(${n} + 4) % 100 < 2, NULL, toInt8(intHash32(${n} + 5) % 11)) AS score`,
};

/** A hand-written GROUP BY of the same counts: categories rather than each scale point. */
function handWritten(dialect: 'duckdb' | 'clickhouse'): string {
  if (dialect === 'clickhouse') {
    return `SELECT team_id, toYear(answered_at, 'UTC') AS y, toQuarter(answered_at, 'UTC') AS q,
      countIf(score <= 6) AS detractors, countIf(score >= 9) AS promoters, count(score) AS n
      FROM answers WHERE question_id = 'enps' GROUP BY team_id, y, q`;
  }
  return `SELECT team_id, year(answered_at) AS y, quarter(answered_at) AS q,
    count(*) FILTER (WHERE score <= 6) AS detractors, count(*) FILTER (WHERE score >= 9) AS promoters,
    count(score) AS n FROM answers WHERE question_id = 'enps' GROUP BY team_id, y, q`;
}

/** The whole warehouse path: query through the runner, read, merge, analyse, publish. */
async function warehousePath(runner: WarehouseRunner, query: WarehouseQuery) {
  const rows = await runner.query(query);
  const cells = publishWarehouseEnps(enpsTalliesFromRows(rows, grouping));
  if (cells.length < 40) throw new Error(`only ${cells.length} cells published`);
  return cells;
}

function cases(
  engine: string,
  dialect: WarehouseDialect,
  runner: WarehouseRunner,
  client: (sql: string, params: readonly unknown[]) => Promise<unknown>,
): BenchCase[] {
  const query = enpsSql({ dialect, questionId: 'enps', ...grouping });
  const generated = () => client(query.sql, query.params);
  const baselineName = `the same enpsSql through ${engine}'s own client`;
  return [
    {
      name: `warehouse path on ${engine}: enpsSql, runner, enpsTalliesFromRows, publishWarehouseEnps`,
      size,
      goal: '< 1.1x its SQL alone',
      run: () => warehousePath(runner, query),
      baselineName,
      baseline: generated,
      meets: (median, baseline) => median < 1.1 * baseline,
      iterations: 7,
    },
    {
      name: `plain count() on ${engine} (scale)`,
      size,
      goal: 'reference (not a goal)',
      run: () => client('SELECT count(*) AS n FROM answers', []),
      baselineName,
      baseline: generated,
      meets: () => true,
      iterations: 5,
    },
    {
      name: `hand-written GROUP BY team and quarter on ${engine} (scale)`,
      size,
      goal: 'reference (not a goal)',
      run: () => client(handWritten(dialect === 'clickhouse' ? 'clickhouse' : 'duckdb'), []),
      baselineName,
      baseline: generated,
      meets: () => true,
      iterations: 5,
    },
  ];
}

export const warehouseCases: BenchCase[] = [];

// --- DuckDB, embedded ----------------------------------------------------------------------------
{
  const started = performance.now();
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(
    `CREATE TABLE answers AS SELECT ${GENERATED.duckdb('range')} FROM range(${answers})`,
  );
  console.log(
    `warehouse bench: DuckDB loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const runner = await duckdbRunner({ connection });
  warehouseCases.push(
    ...cases('DuckDB', 'duckdb', runner, (sql, params) =>
      connection
        .runAndReadAll(sql, params as (string | number)[])
        .then((reader) => reader.getRows()),
    ),
  );
}

// --- ClickHouse, two shards ----------------------------------------------------------------------
const urls = process.env.IC_CLICKHOUSE_HTTP?.split(',') ?? [];
const cluster = process.env.IC_CLICKHOUSE_CLUSTER ?? 'ic_cluster';
if (urls.length === 0) {
  console.log('warehouse bench: IC_CLICKHOUSE_HTTP is not set; the ClickHouse cases are skipped');
} else {
  const started = performance.now();
  const perShard = Math.ceil(answers / urls.length);
  for (const [shard, url] of urls.entries()) {
    const admin = createClient({ url });
    const run = (query: string) => admin.command({ query });
    await run('DROP TABLE IF EXISTS answers');
    await run('DROP TABLE IF EXISTS answers_local');
    await run(`CREATE TABLE answers_local (team_id String, question_id String, respondent_id Int64,
      answered_at DateTime('UTC'), score Nullable(Int8)) ENGINE = MergeTree ORDER BY (team_id, answered_at)`);
    await run(
      `CREATE TABLE answers AS answers_local ENGINE = Distributed(${cluster}, default, answers_local, intHash64(respondent_id))`,
    );
    // Each shard generates its own half (18.16 reads no Parquet; nothing crosses the network).
    const from = shard * perShard;
    const count = Math.min(perShard, answers - from);
    await run(
      `INSERT INTO answers_local SELECT ${GENERATED.clickhouse('n')} FROM (SELECT number + ${from} AS n FROM numbers(${count}))`,
    );
    await run('OPTIMIZE TABLE answers_local FINAL');
    await admin.close();
  }
  console.log(
    `warehouse bench: ClickHouse loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const runner = await clickhouseRunner({ url: urls[0]! });
  const client = createClient({ url: urls[0]! });
  warehouseCases.push(
    ...cases('ClickHouse (2 shards)', 'clickhouse', runner, async (sql) =>
      (await client.query({ query: sql, format: 'JSON' })).json(),
    ),
  );
}
