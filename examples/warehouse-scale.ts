/**
 * Beyond one machine: aggregate where the data lives, merge exactly here.
 *
 * Survey answers outgrow any one process (100 000 people x 50 questions x 12 pulses is 60 million
 * answers a year). This script generates eNPS answers where they are counted, counts them per team
 * and quarter with one plain SQL `GROUP BY` there, and analyses the counts here: per-quarter eNPS
 * with intervals, quarter-on-quarter change tests (Benjamini-Hochberg adjusted) and the latest
 * quarter per team behind complementary suppression, checked by verifyNoDisclosure. What comes
 * back is small (teams x quarters rows of 12 counts) and merges exactly (eNPS tallies are a
 * monoid), whatever the partitioning of the warehouse. Two engines:
 *
 * - DuckDB (the default), embedded, no server: the answers are written as Parquet (a million by
 *   default) and read in place. The SQL uses only `SUM(CASE ...)`, `EXTRACT` and `GROUP BY`.
 * - ClickHouse (`--engine clickhouse`), a cluster of shards: a MergeTree table on each shard, a
 *   Distributed table over them; each shard generates its share of the answers itself with
 *   `INSERT ... SELECT ... FROM numbers(...)` (Debian's ClickHouse 18.16 reads no Parquet), 100
 *   million by default. 18.16 has no `EXTRACT(QUARTER ...)`: its SQL uses `toQuarter(t, 'UTC')`
 *   and `countIf`, so the same periods are cut in UTC. The shards' HTTP URLs and the cluster come
 *   from IC_CLICKHOUSE_HTTP (comma-separated) and IC_CLICKHOUSE_CLUSTER, or --clickhouse and
 *   --cluster; .ci/servers/start.sh starts such a cluster of two on this machine.
 *
 *   npx tsx examples/warehouse-scale.ts                      # DuckDB, 1 000 000 answers
 *   npx tsx examples/warehouse-scale.ts --rows 100000000     # DuckDB, 100 million
 *   bash .ci/servers/start.sh && set -a && . .tmp/warehouse-servers.env && set +a
 *   npx tsx examples/warehouse-scale.ts --engine clickhouse  # the cluster, 100 million answers
 *   bash .ci/servers/stop.sh
 *
 * Times measured on the 2-core development machine while it was shared with other work (load
 * average 17 to 21), so upper bounds: DuckDB, 1 M answers: Parquet written in 2.5 s, counted in
 * 1.6 s. ClickHouse 18.16, two shards on the same machine, 100 M answers: generated in 332 s (both
 * shards at once), counted per team and quarter in 30 s (23 s again; 8 000 rows came back), a
 * plain `count()` in 0.4 s.
 *
 * Needs `@duckdb/node-api` (npm install @duckdb/node-api), or for ClickHouse `@clickhouse/client`
 * (npm install @clickhouse/client). DuckDB's files go to .tmp/warehouse/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  benjaminiHochberg,
  compareEnps,
  type EnpsTally,
  enps,
  enpsTallyFromHistogram,
  mergeTallies,
  suppressTable,
  teamTreeTable,
  toReportables,
  verifyNoDisclosure,
} from 'internal-customer';

/** The one query, plain SQL: answers per scale point, per team and quarter. */
export const TALLY_SQL = `
SELECT
  team_id,
  EXTRACT(YEAR FROM submitted_at) AS year,
  EXTRACT(QUARTER FROM submitted_at) AS quarter,
  ${Array.from({ length: 11 }, (_, k) => `SUM(CASE WHEN enps_score = ${k} THEN 1 ELSE 0 END) AS s${k}`).join(',\n  ')},
  SUM(CASE WHEN enps_score IS NULL THEN 1 ELSE 0 END) AS skipped
FROM answers
GROUP BY team_id, EXTRACT(YEAR FROM submitted_at), EXTRACT(QUARTER FROM submitted_at)`;

/**
 * The same query for ClickHouse, whose 18.16 has no `EXTRACT(QUARTER ...)`: periods with an
 * explicit `'UTC'`, counts with `countIf` (its fastest form). The columns are those of
 * {@link TALLY_SQL}, in the same order.
 */
export function clickhouseTallySql(table: string): string {
  return `
SELECT
  team_id,
  toYear(submitted_at, 'UTC') AS year,
  toQuarter(submitted_at, 'UTC') AS quarter,
  ${Array.from({ length: 11 }, (_, k) => `countIf(enps_score = ${k}) AS s${k}`).join(',\n  ')},
  countIf(isNull(enps_score)) AS skipped
FROM ${table}
GROUP BY team_id, year, quarter`;
}

/** Tallies per team and quarter (`2025-Q1`), merged from whatever rows the warehouse returned. */
export interface WarehouseTallies {
  /** team -> quarter -> tally. */
  readonly byTeam: ReadonlyMap<string, ReadonlyMap<string, EnpsTally>>;
  readonly skipped: number;
}

/**
 * Merges the rows of {@link TALLY_SQL} (several rows for one key are fine: partial results of
 * partitions or of several warehouses add up exactly).
 */
export function mergeWarehouseRows(rows: readonly (readonly unknown[])[]): WarehouseTallies {
  const byTeam = new Map<string, Map<string, EnpsTally>>();
  let skipped = 0;
  for (const row of rows) {
    const team = String(row[0]);
    const quarter = `${Number(row[1])}-Q${Number(row[2])}`;
    const tally = enpsTallyFromHistogram(row.slice(3, 14).map(Number));
    skipped += Number(row[14]);
    const quarters = byTeam.get(team) ?? new Map<string, EnpsTally>();
    const earlier = quarters.get(quarter);
    quarters.set(quarter, earlier === undefined ? tally : mergeTallies(earlier, tally));
    byTeam.set(team, quarters);
  }
  return { byTeam, skipped };
}

/** Runs the query on a DuckDB connection where `answers` is a table or view. */
export async function warehouseTallies(connection: DuckDBConnection): Promise<WarehouseTallies> {
  const result = await connection.runAndReadAll(TALLY_SQL);
  return mergeWarehouseRows(result.getRows() as unknown[][]);
}

/** What the analysis finds: per quarter, the change tests, and the latest quarter per team. */
export interface WarehouseAnalysis {
  readonly quarters: readonly {
    readonly quarter: string;
    readonly n: number;
    readonly score: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly change: number | null;
    readonly adjustedPValue: number | null;
  }[];
  readonly latestQuarter: string;
  readonly teams: readonly {
    readonly team: string;
    readonly n: number;
    readonly score: number | null;
  }[];
  readonly suppressed: number;
  readonly disclosureChecked: boolean;
}

/** Intervals, trend tests and suppression, all from the merged tallies. */
export function analyse(tallies: WarehouseTallies, minGroupSize = 5): WarehouseAnalysis {
  const byQuarter = new Map<string, EnpsTally[]>();
  for (const quarters of tallies.byTeam.values()) {
    for (const [quarter, tally] of quarters)
      byQuarter.set(quarter, [...(byQuarter.get(quarter) ?? []), tally]);
  }
  const ordered = [...byQuarter.keys()].sort();
  const company = ordered.map((quarter) => mergeTallies(...byQuarter.get(quarter)!));
  const comparisons = company.map((tally, index) =>
    index === 0 ? null : compareEnps(tally, company[index - 1]!),
  );
  const adjusted = benjaminiHochberg(comparisons.map((comparison) => comparison?.pValue ?? null));
  const quarters = ordered.map((quarter, index) => {
    const result = enps(company[index]!);
    return {
      quarter,
      n: result.n,
      score: result.score,
      lower: result.interval?.lower ?? null,
      upper: result.interval?.upper ?? null,
      change: comparisons[index]?.difference ?? null,
      adjustedPValue: adjusted[index] ?? null,
    };
  });
  const latestQuarter = ordered[ordered.length - 1] ?? '';
  // The latest quarter per team, as a flat team tree under the company, with suppression.
  const teamIds = [...tallies.byTeam.keys()].sort();
  const direct = new Map<string, { n: number; counts: Record<string, number> }>();
  direct.set('company', { n: 0, counts: { detractor: 0, passive: 0, promoter: 0 } });
  for (const team of teamIds) {
    const tally = tallies.byTeam.get(team)?.get(latestQuarter);
    direct.set(team, {
      n: tally?.n ?? 0,
      counts: {
        detractor: tally?.detractors ?? 0,
        passive: tally?.passives ?? 0,
        promoter: tally?.promoters ?? 0,
      },
    });
  }
  const report = suppressTable(
    teamTreeTable(
      [{ id: 'company' }, ...teamIds.map((id) => ({ id, parentId: 'company' }))],
      direct,
    ),
    { minGroupSize },
  );
  const published = toReportables(report);
  const teams = teamIds.map((team) => {
    const cell = published.get(`team:${team}`);
    const tally = tallies.byTeam.get(team)?.get(latestQuarter);
    return {
      team,
      n: cell?.status === 'shown' ? cell.n : 0,
      score: cell?.status === 'shown' && tally !== undefined ? enps(tally).score : null,
    };
  });
  return {
    quarters,
    latestQuarter,
    teams,
    suppressed: teams.filter((team) => team.score === null).length,
    disclosureChecked: verifyNoDisclosure(report).ok,
  };
}

/**
 * Writes `rows` eNPS answers as Parquet with DuckDB alone (deterministic: scores, teams and days
 * come from hashes of the row number): 2 000 teams of varied size, the four quarters of 2025,
 * about 3% skipped answers.
 */
export async function generateAnswers(
  connection: DuckDBConnection,
  path: string,
  rows: number,
): Promise<void> {
  await connection.run(`
    COPY (
      SELECT
        'r' || i AS response_id,
        'pulse-2025' AS survey_id,
        't' || lpad(CAST(CAST(sqrt(hash(i, 1) % 4000000) AS INTEGER) AS VARCHAR), 4, '0') AS team_id,
        TIMESTAMP '2025-01-01' + to_seconds(CAST(hash(i, 2) % 31536000 AS BIGINT)) AS submitted_at,
        -- Scores lean by team (some teams happier than others); about 3% skip the question.
        CASE WHEN hash(i, 3) % 100 < 3 THEN NULL
             ELSE CAST(least(10, 3 + hash(i, 4) % 7 + hash(i, 5) % 2
               + CAST(sqrt(hash(i, 1) % 4000000) AS INTEGER) % 3) AS TINYINT) END AS enps_score
      FROM range(${rows}) t(i)
    ) TO '${path.replaceAll("'", "''")}' (FORMAT PARQUET, ROW_GROUP_SIZE 1000000)`);
}

/** The database of the ClickHouse run, on every shard: `answers_local` and `answers` in it. */
export const CLICKHOUSE_DATABASE = 'warehouse_scale';

/**
 * Creates, on every shard, a MergeTree table `answers_local` and a Distributed table `answers`
 * over all of them, then has each shard generate its share of `rows` answers itself, all shards at
 * once, with `INSERT ... SELECT ... FROM numbers(...)`: the same shape of data as
 * {@link generateAnswers} (2 000 teams of varied size, 2025, about 3% skipped), from ClickHouse's
 * own hashes.
 */
export async function generateAnswersOnClickhouse(
  shards: readonly ClickHouseClient[],
  cluster: string,
  rows: number,
): Promise<void> {
  const db = CLICKHOUSE_DATABASE;
  for (const shard of shards) {
    for (const query of [
      `CREATE DATABASE IF NOT EXISTS ${db}`,
      `DROP TABLE IF EXISTS ${db}.answers`,
      `DROP TABLE IF EXISTS ${db}.answers_local`,
      `CREATE TABLE ${db}.answers_local (response_id String, survey_id String, team_id String,
         submitted_at DateTime('UTC'), enps_score Nullable(Int8))
       ENGINE = MergeTree ORDER BY (team_id, submitted_at)`,
      `CREATE TABLE ${db}.answers AS ${db}.answers_local
       ENGINE = Distributed(${cluster}, ${db}, answers_local, rand())`,
    ])
      await shard.command({ query });
  }
  const share = Math.ceil(rows / shards.length);
  // team: 't' and four digits (18.16 has no leftPad); x is the team's number, 0 to 1 999.
  const x = 'toUInt32(sqrt(cityHash64(i, 1) % 4000000))';
  await Promise.all(
    shards.map((shard, k) => {
      const from = Math.min(rows, k * share);
      const count = Math.min(rows, from + share) - from;
      return shard.command({
        query: `
          INSERT INTO ${db}.answers_local
          SELECT
            concat('r', toString(i)) AS response_id,
            'pulse-2025' AS survey_id,
            concat('t', substring(toString(10000 + ${x}), 2)) AS team_id,
            toDateTime('2025-01-01 00:00:00', 'UTC') + toUInt32(cityHash64(i, 2) % 31536000) AS submitted_at,
            if(cityHash64(i, 3) % 100 < 3, NULL,
               toInt8(least(10, 3 + cityHash64(i, 4) % 7 + cityHash64(i, 5) % 2 + ${x} % 3))) AS enps_score
          FROM (SELECT number + ${from} AS i FROM numbers(${count}))`,
      });
    }),
  );
}

/** Runs the query on the cluster (through the Distributed table of the first shard). */
export async function clickhouseTallies(shard: ClickHouseClient): Promise<WarehouseTallies> {
  const result = await shard.query({
    query: clickhouseTallySql(`${CLICKHOUSE_DATABASE}.answers`),
    format: 'JSONCompact',
  });
  // Counts arrive as strings (UInt64); per team and quarter they are far below 2^53.
  return mergeWarehouseRows((await result.json<unknown[]>()).data);
}

/** The analysis as the lines the script prints. */
function describeAnalysis(tallies: WarehouseTallies): string[] {
  const analysis = analyse(tallies);
  const lines = ['quarter   answers       eNPS   95% interval      change   adjusted p'];
  for (const q of analysis.quarters) {
    lines.push(
      `${q.quarter}  ${String(q.n).padStart(11)}  ${(q.score ?? Number.NaN).toFixed(2).padStart(7)}   [${q.lower?.toFixed(2)}, ${q.upper?.toFixed(2)}]   ${q.change === null ? '     -' : q.change.toFixed(2).padStart(6)}   ${q.adjustedPValue === null ? '-' : q.adjustedPValue.toPrecision(3)}`,
    );
  }
  const shown = analysis.teams.filter((team) => team.score !== null);
  const sorted = [...shown].sort((a, b) => a.score! - b.score!);
  lines.push(
    '',
    `${analysis.latestQuarter}, per team: ${shown.length} shown, ${analysis.suppressed} suppressed; verifyNoDisclosure: ${analysis.disclosureChecked ? 'ok' : 'FAILED'}.`,
    `Lowest: ${sorted
      .slice(0, 3)
      .map((t) => `${t.team} ${t.score!.toFixed(1)} (n ${t.n})`)
      .join(', ')}`,
    `Highest: ${sorted
      .slice(-3)
      .map((t) => `${t.team} ${t.score!.toFixed(1)} (n ${t.n})`)
      .join(', ')}`,
    `Skipped answers (counted apart): ${tallies.skipped.toLocaleString('en')}.`,
  );
  return lines;
}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function groupCount(tallies: WarehouseTallies): number {
  let groups = 0;
  for (const quarters of tallies.byTeam.values()) groups += quarters.size;
  return groups;
}

async function onDuckdb(argv: readonly string[], rows: number): Promise<string> {
  const folder = option(argv, 'folder') ?? join('.tmp', 'warehouse');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `answers-${rows}.parquet`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const lines: string[] = [];
  let started = performance.now();
  await generateAnswers(connection, path, rows);
  lines.push(`Wrote ${rows.toLocaleString('en')} answers to ${path} in ${seconds(started)} s.`);
  // In a warehouse `answers` is the table; here a view over the Parquet file.
  await connection.run(
    `CREATE VIEW answers AS SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`,
  );
  started = performance.now();
  const tallies = await warehouseTallies(connection);
  lines.push(
    `Counted them per team and quarter in ${seconds(started)} s (${groupCount(tallies)} rows came back):`,
    TALLY_SQL.trim(),
    '',
    ...describeAnalysis(tallies),
  );
  connection.closeSync();
  return lines.join('\n');
}

async function onClickhouse(argv: readonly string[], rows: number): Promise<string> {
  const urls = (option(argv, 'clickhouse') ?? process.env.IC_CLICKHOUSE_HTTP ?? '')
    .split(',')
    .filter((url) => url !== '');
  const cluster = option(argv, 'cluster') ?? process.env.IC_CLICKHOUSE_CLUSTER;
  if (urls.length === 0 || cluster === undefined) {
    throw new Error(
      '--engine clickhouse requires the shards (--clickhouse URL,URL or IC_CLICKHOUSE_HTTP) and the cluster (--cluster NAME or IC_CLICKHOUSE_CLUSTER); .ci/servers/start.sh starts a cluster of two here',
    );
  }
  const { createClient } = await import('@clickhouse/client');
  // A long INSERT ... SELECT sends no rows back until it ends: no request timeout, and progress
  // headers every 10 s keep the connection busy.
  const shards = urls.map((url) =>
    createClient({
      url,
      request_timeout: 3_600_000,
      clickhouse_settings: {
        send_progress_in_http_headers: 1,
        http_headers_progress_interval_ms: '10000',
      },
    }),
  );
  try {
    const lines: string[] = [];
    let started = performance.now();
    await generateAnswersOnClickhouse(shards, cluster, rows);
    lines.push(
      `Generated ${rows.toLocaleString('en')} answers on ${shards.length} shards (cluster ${cluster}) in ${seconds(started)} s.`,
    );
    started = performance.now();
    const tallies = await clickhouseTallies(shards[0]!);
    lines.push(
      `Counted them per team and quarter in ${seconds(started)} s (${groupCount(tallies)} rows came back):`,
      clickhouseTallySql(`${CLICKHOUSE_DATABASE}.answers`).trim(),
      '',
      ...describeAnalysis(tallies),
    );
    return lines.join('\n');
  } finally {
    await Promise.all(shards.map((shard) => shard.close()));
  }
}

export async function main(argv: readonly string[]): Promise<string> {
  const engine = option(argv, 'engine') ?? process.env.IC_WAREHOUSE_ENGINE ?? 'duckdb';
  if (engine !== 'duckdb' && engine !== 'clickhouse') {
    throw new Error(`--engine requires duckdb or clickhouse, got ${engine}`);
  }
  const rows = Number(
    option(argv, 'rows') ??
      process.env.IC_WAREHOUSE_ROWS ??
      (engine === 'clickhouse' ? 100_000_000 : 1_000_000),
  );
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows requires a whole number >= 1');
  return engine === 'clickhouse' ? onClickhouse(argv, rows) : onDuckdb(argv, rows);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
