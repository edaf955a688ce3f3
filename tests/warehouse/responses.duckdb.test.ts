/**
 * Invitations and responses: responseCountsSql on embedded DuckDB, read by
 * responseCountsFromRows, equal the counts taken in memory and give the same responseRate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/createRandom.js';
import { responseRate } from '../../src/satisfaction/responseRate.js';
import {
  responseCountsFromRows,
  responseCountsSql,
} from '../../src/warehouse/responseCountsSql.js';
import { type LocalDuckdb, localDuckdb } from '../support/localDuckdb.js';
import { periodStartOf } from '../support/warehouseData.js';

const random = createRandom(11);
const invitations = Array.from({ length: 3000 }, (_, index) => {
  const at = Date.UTC(2024, 11, 1) + Math.floor(random() * 400 * 86_400_000);
  return {
    person_id: `p${index}`,
    team_id: random() < 0.1 ? null : `t${Math.floor(random() * 5)}`,
    // On the first midnight of a month now and then (a period boundary).
    invited_at: random() < 0.1 ? Date.UTC(2025, Math.floor(random() * 12), 1) : at,
    responded: random() < 0.7,
  };
});
let db: LocalDuckdb;

beforeAll(async () => {
  db = await localDuckdb();
  await db.run(
    'CREATE TABLE invitations (survey_id VARCHAR, person_id VARCHAR, team_id VARCHAR, invited_at TIMESTAMPTZ, responded_at TIMESTAMPTZ)',
  );
  const at = (ms: number) => `make_timestamp(${ms * 1000})::TIMESTAMP AT TIME ZONE 'UTC'`;
  const values = invitations.map(
    (i) =>
      `('s1', '${i.person_id}', ${i.team_id === null ? 'NULL' : `'${i.team_id}'`}, ${at(i.invited_at)}, ${i.responded ? at(i.invited_at + 3_600_000) : 'NULL'})`,
  );
  await db.run(`INSERT INTO invitations VALUES ${values.join(', ')}`);
});
afterAll(() => db.close());

describe('responseCountsSql on DuckDB', () => {
  for (const per of ['month', 'quarter', 'year'] as const) {
    it(`equals the counts in memory per team and ${per}`, async () => {
      const grouping = { groupBy: ['team_id'], per };
      const read = responseCountsFromRows(
        await db.query(responseCountsSql({ dialect: 'duckdb', surveyId: 's1', ...grouping })),
        grouping,
      );
      const expected = new Map<
        string,
        { key: (string | null)[]; invited: number; responded: number }
      >();
      for (const i of invitations) {
        const key = [i.team_id, periodStartOf(i.invited_at, per)];
        const id = JSON.stringify(key);
        const group = expected.get(id) ?? { key, invited: 0, responded: 0 };
        expected.set(id, group);
        group.invited++;
        if (i.responded) group.responded++;
      }
      const sorted = [...expected.values()].sort((a, b) =>
        JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1,
      );
      expect(
        [...read].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1)),
      ).toEqual(sorted);
      for (const group of read)
        expect(responseRate(group.invited, group.responded).invited).toBe(group.invited);
    });
  }

  it('refuses more responses than invitations', () => {
    expect(() => responseCountsFromRows([{ invited: 1, responded: 2 }])).toThrow(/at most as many/);
  });
});
