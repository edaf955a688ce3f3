/**
 * Likert counts and sums: favourabilitySql on embedded DuckDB read by favourabilityCountsFromRows
 * equal favourabilityCounts (and the sum) on the same records, for every grouping and period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { favourabilityCounts } from '../../src/satisfaction/favourabilityCounts.js';
import { favourabilityCountsFromRows } from '../../src/warehouse/favourabilityCountsFromRows.js';
import { favourabilitySql } from '../../src/warehouse/favourabilitySql.js';
import { publishWarehouseFavourability } from '../../src/warehouse/publishWarehouseFavourability.js';
import { type LocalDuckdb, localDuckdb } from '../support/localDuckdb.js';
import {
  type AnswerRecord,
  generateAnswers,
  loadAnswers,
  periodStartOf,
} from '../support/warehouseData.js';

type Per = 'month' | 'quarter' | 'year' | undefined;
const records = generateAnswers(7, 5000);
let db: LocalDuckdb;

beforeAll(async () => {
  db = await localDuckdb();
  await loadAnswers(db, 'answers', records);
});
afterAll(() => db.close());

function inMemory(
  list: readonly AnswerRecord[],
  groupBy: readonly (keyof AnswerRecord)[],
  per: Per,
  period?: { start: string; end: string },
) {
  const start = period === undefined ? -Infinity : Date.parse(`${period.start}T00:00:00Z`);
  const end = period === undefined ? Infinity : Date.parse(`${period.end}T00:00:00Z`);
  const groups = new Map<string, { key: (string | null)[]; answers: (number | null)[] }>();
  for (const record of list) {
    if (record.question_id !== 'q-like' || record.answered_at < start || record.answered_at >= end)
      continue;
    const key = groupBy.map((name) => record[name] as string | null);
    if (per !== undefined) key.push(periodStartOf(record.answered_at, per));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, answers: [] };
    groups.set(id, group);
    group.answers.push(record.score);
  }
  return [...groups.values()]
    .map(({ key, answers }) => ({
      key,
      counts: favourabilityCounts(answers, { points: 5 }),
      sum: answers.reduce<number>((sum, answer) => sum + (answer ?? 0), 0),
    }))
    .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
}

const sortByKey = <T extends { key: readonly (string | null)[] }>(list: readonly T[]) =>
  [...list].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

describe('favourabilitySql on DuckDB', () => {
  for (const groupBy of [[], ['team_id'], ['team_id', 'survey_id']] as const) {
    for (const per of [undefined, 'month', 'quarter', 'year'] as const) {
      it(`equals favourabilityCounts grouped by [${groupBy.join(', ')}] per ${per ?? 'nothing'}`, async () => {
        const grouping = { groupBy, ...(per === undefined ? {} : { per }) };
        const rows = await db.query(
          favourabilitySql({ dialect: 'duckdb', questionId: 'q-like', points: 5, ...grouping }),
        );
        const read = favourabilityCountsFromRows(rows, { points: 5, ...grouping });
        const expected = inMemory(records, groupBy, per);
        expect(expected.length).toBeGreaterThan(0);
        expect(sortByKey(read.groups)).toEqual(expected);
      });
    }
  }

  it('filters a period and publishes through the gate', async () => {
    const period = { start: '2025-01-01', end: '2025-07-01' };
    const grouping = { groupBy: ['team_id'], per: 'quarter' as const };
    const rows = await db.query(
      favourabilitySql({ dialect: 'duckdb', questionId: 'q-like', points: 5, period, ...grouping }),
    );
    const read = favourabilityCountsFromRows(rows, { points: 5, ...grouping });
    expect(sortByKey(read.groups)).toEqual(inMemory(records, ['team_id'], 'quarter', period));
    const published = publishWarehouseFavourability(read, { minGroupSize: 60 });
    expect(new Set(published.map((cell) => cell.period))).toEqual(
      new Set(['2025-01-01', '2025-04-01']),
    );
    for (const cell of published)
      if (cell.cell.status === 'shown') expect(cell.cell.n).toBeGreaterThanOrEqual(60);
    expect(published.some((cell) => cell.cell.status === 'suppressed')).toBe(true);
  });
});
