/**
 * The warehouse path (enpsSql on embedded DuckDB, enpsTalliesFromRows) equals the in-memory path
 * (enpsTally on the same records) for every grouping and period, on seeded data with answers on
 * and just before period boundaries, null teams and null scores. The DuckDB session's time zone
 * is Pacific/Auckland: periods must still be cut in UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Period } from '../../src/core/period.js';
import { enpsTally } from '../../src/satisfaction/enpsTally.js';
import { enpsSql } from '../../src/warehouse/enpsSql.js';
import { enpsTalliesFromRows } from '../../src/warehouse/enpsTalliesFromRows.js';
import { publishWarehouseEnps } from '../../src/warehouse/publishWarehouseEnps.js';
import { type LocalDuckdb, localDuckdb } from '../support/localDuckdb.js';
import {
  type AnswerRecord,
  generateAnswers,
  loadAnswers,
  periodStartOf,
} from '../support/warehouseData.js';

type Per = 'month' | 'quarter' | 'year' | undefined;

const records = generateAnswers(19, 6000);
let db: LocalDuckdb;

beforeAll(async () => {
  db = await localDuckdb();
  await loadAnswers(db, 'answers', records);
  await loadAnswers(db, 'part_a', records.slice(0, 2500));
  await loadAnswers(db, 'part_b', records.slice(2500));
});
afterAll(() => db.close());

/** The in-memory path: filter, group and tally with the library's enpsTally. */
function inMemory(
  list: readonly AnswerRecord[],
  options: {
    groupBy: readonly (keyof AnswerRecord)[];
    per: Per;
    period?: Period;
    surveyId?: string;
  },
) {
  const groups = new Map<string, { key: (string | null)[]; scores: number[]; skipped: number }>();
  const start =
    options.period === undefined ? -Infinity : Date.parse(`${options.period.start}T00:00:00Z`);
  const end =
    options.period === undefined ? Infinity : Date.parse(`${options.period.end}T00:00:00Z`);
  for (const record of list) {
    if (record.question_id !== 'q-enps') continue;
    if (options.surveyId !== undefined && record.survey_id !== options.surveyId) continue;
    if (record.answered_at < start || record.answered_at >= end) continue;
    const key = options.groupBy.map((name) => record[name] as string | null);
    if (options.per !== undefined) key.push(periodStartOf(record.answered_at, options.per));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, scores: [], skipped: 0 };
    groups.set(id, group);
    if (record.score === null) group.skipped++;
    else group.scores.push(record.score);
  }
  return [...groups.values()]
    .map((group) => ({ key: group.key, tally: enpsTally(group.scores), skipped: group.skipped }))
    .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
}

const sortByKey = <T extends { key: readonly (string | null)[] }>(list: readonly T[]) =>
  [...list].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

const GROUPINGS: readonly (readonly (keyof AnswerRecord)[])[] = [
  [],
  ['team_id'],
  ['team_id', 'survey_id'],
];
const PERS: readonly Per[] = [undefined, 'month', 'quarter', 'year'];

describe('enpsSql on DuckDB', () => {
  for (const table of ['answers', 'answers_tz']) {
    for (const groupBy of GROUPINGS) {
      for (const per of PERS) {
        it(`equals the in-memory tallies on ${table}, grouped by [${groupBy.join(', ')}] per ${per ?? 'nothing'}`, async () => {
          const grouping = { groupBy, ...(per === undefined ? {} : { per }) };
          const rows = await db.query(
            enpsSql({ dialect: 'duckdb', questionId: 'q-enps', table, ...grouping }),
          );
          const result = enpsTalliesFromRows(rows, grouping);
          expect(sortByKey(result.groups)).toEqual(inMemory(records, { groupBy, per }));
        });
      }
    }
  }

  it('filters a period [start, end) at midnight UTC, answers on the boundaries included', async () => {
    const period = { start: '2025-04-01', end: '2025-07-01' };
    for (const per of PERS) {
      const grouping = { groupBy: ['team_id'], ...(per === undefined ? {} : { per }) };
      const rows = await db.query(
        enpsSql({ dialect: 'duckdb', questionId: 'q-enps', surveyId: 's1', period, ...grouping }),
      );
      const expected = inMemory(records, { groupBy: ['team_id'], per, period, surveyId: 's1' });
      expect(sortByKey(enpsTalliesFromRows(rows, grouping).groups)).toEqual(expected);
    }
    const onBoundary = records.filter((r) => r.answered_at === Date.parse('2025-04-01T00:00:00Z'));
    const justBefore = records.filter(
      (r) => r.answered_at === Date.parse('2025-04-01T00:00:00Z') - 1,
    );
    expect(onBoundary.length).toBeGreaterThan(0);
    expect(justBefore.length).toBeGreaterThan(0);
  });

  it('merges the rows of several partitions exactly', async () => {
    const grouping = { groupBy: ['team_id'], per: 'quarter' as const };
    const rows = [
      ...(await db.query(
        enpsSql({ dialect: 'duckdb', questionId: 'q-enps', table: 'part_a', ...grouping }),
      )),
      ...(await db.query(
        enpsSql({ dialect: 'duckdb', questionId: 'q-enps', table: 'part_b', ...grouping }),
      )),
    ];
    const result = enpsTalliesFromRows(rows, grouping);
    expect(sortByKey(result.groups)).toEqual(
      inMemory(records, { groupBy: ['team_id'], per: 'quarter' }),
    );
  });

  it('returns no group for a period without answers', async () => {
    const query = enpsSql({
      dialect: 'duckdb',
      questionId: 'q-enps',
      period: { start: '2030-01-01', end: '2030-02-01' },
    });
    const rows = await db.query(query);
    const result = enpsTalliesFromRows(rows);
    // Without GROUP BY an engine returns one row of zeros: no answers, nothing skipped.
    expect(result.total.n).toBe(0);
    expect(result.skipped).toBe(0);
  });

  it('publishes through the gate: every shown cell has at least the minimum of answers', async () => {
    const grouping = { groupBy: ['team_id'], per: 'quarter' as const };
    const rows = await db.query(enpsSql({ dialect: 'duckdb', questionId: 'q-enps', ...grouping }));
    const published = publishWarehouseEnps(enpsTalliesFromRows(rows, grouping), {
      minGroupSize: 60,
    });
    const shown = published.filter((cell) => cell.cell.status === 'shown');
    expect(shown.length).toBeGreaterThan(0);
    expect(published.some((cell) => cell.cell.status === 'suppressed')).toBe(true);
    for (const cell of shown)
      if (cell.cell.status === 'shown') expect(cell.cell.n).toBeGreaterThanOrEqual(60);
  });
});
