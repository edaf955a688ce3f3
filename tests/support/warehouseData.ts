/**
 * Seeded answers for the warehouse tests: the same records loaded into DuckDB and counted in
 * memory by the library's own functions: eNPS answers (`q-enps`, 0-10) and a Likert item
 * (`q-like`, 1-5). Many instants sit on or just before a midnight UTC that
 * starts a month (a period boundary), some teams and scores are null.
 */
import { createRandom } from '../../src/core/createRandom.js';
import type { LocalDuckdb } from './localDuckdb.js';

export interface AnswerRecord {
  readonly survey_id: string;
  readonly question_id: string;
  readonly respondent_id: string;
  readonly team_id: string | null;
  /** Milliseconds since the epoch (UTC). */
  readonly answered_at: number;
  readonly score: number | null;
}

const FIRST = Date.UTC(2024, 10, 1);
const LAST = Date.UTC(2026, 1, 1);

/** `count` answers from `seed`. */
export function generateAnswers(seed: number, count: number): AnswerRecord[] {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const teams = ['t1', 't2', 't3', 'team "4"', "o'neil", null];
  const records: AnswerRecord[] = [];
  for (let index = 0; index < count; index++) {
    let at = FIRST + Math.floor(random() * (LAST - FIRST));
    const edge = random();
    if (edge < 0.2) {
      // On a month's first midnight, or the last millisecond before it.
      const day = new Date(at);
      const month = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + (random() < 0.5 ? 0 : 1), 1);
      at = edge < 0.1 ? month : month - 1;
    }
    const question = pick(['q-enps', 'q-enps', 'q-like']);
    const points = question === 'q-like' ? 5 : 11;
    const first = question === 'q-like' ? 1 : 0;
    records.push({
      survey_id: pick(['s1', 's2']),
      question_id: question,
      respondent_id: `r${Math.floor(random() * count)}`,
      team_id: pick(teams),
      answered_at: at,
      score: random() < 0.06 ? null : first + Math.floor(random() * points),
    });
  }
  return records;
}

function text(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/**
 * Loads the records into `table` (answered_at a TIMESTAMP in UTC) and `${table}_tz` (the same as
 * TIMESTAMPTZ).
 */
export async function loadAnswers(
  db: LocalDuckdb,
  table: string,
  records: readonly AnswerRecord[],
): Promise<void> {
  await db.run(
    `CREATE TABLE ${table} (survey_id VARCHAR, question_id VARCHAR, respondent_id VARCHAR, team_id VARCHAR, answered_at TIMESTAMP, score INTEGER)`,
  );
  for (let from = 0; from < records.length; from += 1000) {
    const values = records
      .slice(from, from + 1000)
      .map(
        (r) =>
          `(${text(r.survey_id)}, ${text(r.question_id)}, ${text(r.respondent_id)}, ${text(r.team_id)}, make_timestamp(${r.answered_at * 1000}), ${r.score ?? 'NULL'})`,
      );
    await db.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
  await db.run(
    `CREATE TABLE ${table}_tz AS SELECT * REPLACE (timezone('UTC', answered_at) AS answered_at) FROM ${table}`,
  );
}

/** The first day of the UTC month, quarter or year of an instant, as the readers key periods. */
export function periodStartOf(ms: number, per: 'month' | 'quarter' | 'year'): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const first = per === 'year' ? 1 : per === 'month' ? month : month - ((month - 1) % 3);
  return `${year}-${String(first).padStart(2, '0')}-01`;
}
