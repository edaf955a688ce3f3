/**
 * Bulk loaders of the warehouse tests: the canonical tables `answers` and `spells`, created and
 * filled with the same generated rows (data.ts) in embedded DuckDB (appender), PostgreSQL (COPY
 * FROM STDIN) and the two-shard ClickHouse cluster (a MergeTree table `<name>_local` on each shard,
 * a Distributed table `<name>` over them, filled by HTTP INSERTs of tab-separated text through the
 * Distributed table, sharded by respondent).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { dateValue, timestampValue } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  type Answers,
  answersTsv,
  EXIT_KINDS,
  type Invitations,
  invitationsTsv,
  QUESTIONS,
  respondentId,
  type Spells,
  SURVEYS,
  spellsTsv,
  TEAMS,
} from './data.js';

/** Rows per INSERT or COPY chunk (about 13 MB of text). */
const CHUNK = 250_000;

const tsvChunks = new WeakMap<Answers, readonly string[]>();

/** The answers as tab-separated text in chunks, written once and shared by PostgreSQL and ClickHouse. */
function answerChunks(answers: Answers): readonly string[] {
  let chunks = tsvChunks.get(answers);
  if (chunks === undefined) {
    chunks = Array.from({ length: Math.ceil(answers.count / CHUNK) }, (_, k) =>
      answersTsv(answers, k * CHUNK, Math.min(answers.count, (k + 1) * CHUNK)),
    );
    tsvChunks.set(answers, chunks);
  }
  return chunks;
}

export const DUCKDB_TABLES = [
  `CREATE TABLE answers (survey_id VARCHAR, question_id VARCHAR, respondent_id BIGINT,
     team_id VARCHAR, answered_at TIMESTAMP, score TINYINT)`,
  `CREATE TABLE spells (person_id BIGINT, team_id VARCHAR, hired_on DATE, left_on DATE,
     exit_kind VARCHAR, regretted BOOLEAN)`,
  `CREATE TABLE invitations (survey_id VARCHAR, person_id BIGINT, team_id VARCHAR,
     invited_at TIMESTAMP, responded_at TIMESTAMP)`,
];

export const POSTGRES_TABLES = [
  'DROP TABLE IF EXISTS answers, spells, invitations',
  `CREATE UNLOGGED TABLE answers (survey_id text, question_id text, respondent_id bigint,
     team_id text, answered_at timestamp, score smallint)`,
  `CREATE UNLOGGED TABLE spells (person_id bigint, team_id text, hired_on date, left_on date,
     exit_kind text, regretted boolean)`,
  `CREATE UNLOGGED TABLE invitations (survey_id text, person_id bigint, team_id text,
     invited_at timestamp, responded_at timestamp)`,
];

const CLICKHOUSE_COLUMNS = {
  answers: `survey_id String, question_id String, respondent_id Int64, team_id String,
    answered_at DateTime('UTC'), score Nullable(Int8)`,
  spells: `person_id Int64, team_id String, hired_on Date, left_on Nullable(Date),
    exit_kind Nullable(String), regretted Nullable(UInt8)`,
  invitations: `survey_id String, person_id Int64, team_id String, invited_at DateTime('UTC'),
    responded_at Nullable(DateTime('UTC'))`,
};
const CLICKHOUSE_ORDER = {
  answers: '(team_id, answered_at)',
  spells: 'person_id',
  invitations: '(survey_id, person_id)',
};
const CLICKHOUSE_SHARDING = {
  answers: 'intHash64(respondent_id)',
  spells: 'intHash64(person_id)',
  invitations: 'intHash64(person_id)',
};

/** Runs one statement on a ClickHouse server's HTTP interface (body: data for an INSERT). */
export async function clickhouseExec(url: string, sql: string, body?: string): Promise<string> {
  const target = new URL(url);
  let payload: string = sql;
  if (body !== undefined) {
    target.searchParams.set('query', sql);
    payload = body;
  }
  const response = await fetch(target, { method: 'POST', body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse at ${url}: ${text.slice(0, 500)}`);
  return text;
}

export async function loadDuckdb(
  connection: DuckDBConnection,
  answers: Answers,
  spells: Spells,
  invitations: Invitations,
): Promise<void> {
  for (const statement of DUCKDB_TABLES) await connection.run(statement);
  const ids = Array.from(
    { length: Math.max(answers.person.reduce((a, b) => Math.max(a, b), 0) + 1, spells.count) },
    (_, k) => respondentId(k),
  );
  const appender = await connection.createAppender('answers');
  for (let i = 0; i < answers.count; i++) {
    appender.appendVarchar(SURVEYS[answers.survey[i]!]!);
    appender.appendVarchar(QUESTIONS[answers.question[i]!]!);
    appender.appendBigInt(ids[answers.person[i]!]!);
    appender.appendVarchar(TEAMS[answers.team[i]!]!);
    appender.appendTimestamp(timestampValue(BigInt(answers.answeredAt[i]!) * 1_000_000n));
    const score = answers.score[i]!;
    if (score < 0) appender.appendNull();
    else appender.appendTinyInt(score);
    appender.endRow();
  }
  appender.closeSync();
  const spellAppender = await connection.createAppender('spells');
  for (let k = 0; k < spells.count; k++) {
    spellAppender.appendBigInt(ids[k]!);
    spellAppender.appendVarchar(TEAMS[spells.team[k]!]!);
    spellAppender.appendDate(dateValue(spells.hiredOn[k]!));
    const left = spells.leftOn[k]!;
    if (left < 0) spellAppender.appendNull();
    else spellAppender.appendDate(dateValue(left));
    const kind = spells.exitKind[k]!;
    if (kind < 0) spellAppender.appendNull();
    else spellAppender.appendVarchar(EXIT_KINDS[kind]!);
    const regretted = spells.regretted[k]!;
    if (regretted < 0) spellAppender.appendNull();
    else spellAppender.appendBoolean(regretted === 1);
    spellAppender.endRow();
  }
  spellAppender.closeSync();
  const invitationAppender = await connection.createAppender('invitations');
  const at = (seconds: number) => timestampValue(BigInt(seconds) * 1_000_000n);
  for (let i = 0; i < invitations.count; i++) {
    invitationAppender.appendVarchar(SURVEYS[invitations.survey[i]!]!);
    invitationAppender.appendBigInt(ids[invitations.person[i]!]!);
    invitationAppender.appendVarchar(TEAMS[invitations.team[i]!]!);
    invitationAppender.appendTimestamp(at(invitations.invitedAt[i]!));
    const responded = invitations.respondedAt[i]!;
    if (responded < 0) invitationAppender.appendNull();
    else invitationAppender.appendTimestamp(at(responded));
    invitationAppender.endRow();
  }
  invitationAppender.closeSync();
}

export async function loadPostgres(
  connectionString: string,
  answers: Answers,
  spells: Spells,
  invitations: Invitations,
): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const statement of POSTGRES_TABLES) await client.query(statement);
    await pipeline(
      Readable.from(answerChunks(answers)),
      client.query(copyFrom('COPY answers FROM STDIN')),
    );
    await pipeline(
      Readable.from([spellsTsv(spells)]),
      client.query(copyFrom('COPY spells FROM STDIN')),
    );
    await pipeline(
      Readable.from([invitationsTsv(invitations)]),
      client.query(copyFrom('COPY invitations FROM STDIN')),
    );
    for (const table of ['answers', 'spells', 'invitations'])
      await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}

/**
 * Creates the MergeTree table on every shard and the Distributed table on every shard (so either
 * can be asked), then inserts through the Distributed table of the first shard, synchronously
 * (`insert_distributed_sync`), so that both shards hold their rows when it returns.
 */
export async function loadClickhouse(
  urls: readonly string[],
  cluster: string,
  answers: Answers,
  spells: Spells,
  invitations: Invitations,
): Promise<void> {
  for (const table of ['answers', 'spells', 'invitations'] as const) {
    for (const url of urls) {
      await clickhouseExec(url, `DROP TABLE IF EXISTS ${table}`);
      await clickhouseExec(url, `DROP TABLE IF EXISTS ${table}_local`);
      await clickhouseExec(
        url,
        `CREATE TABLE ${table}_local (${CLICKHOUSE_COLUMNS[table]}) ENGINE = MergeTree ORDER BY ${CLICKHOUSE_ORDER[table]}`,
      );
      await clickhouseExec(
        url,
        `CREATE TABLE ${table} AS ${table}_local ENGINE = Distributed(${cluster}, default, ${table}_local, ${CLICKHOUSE_SHARDING[table]})`,
      );
    }
  }
  const insert = (table: string, body: string) => {
    const url = new URL(urls[0]!);
    url.searchParams.set('insert_distributed_sync', '1');
    return clickhouseExec(url.href, `INSERT INTO ${table} FORMAT TabSeparated`, body);
  };
  for (const chunk of answerChunks(answers)) await insert('answers', chunk);
  await insert('spells', spellsTsv(spells));
  await insert('invitations', invitationsTsv(invitations));
}
