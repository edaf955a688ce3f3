/**
 * Tenure survival with late entry: survivalSql on embedded DuckDB, read by survivalCountsFromRows
 * (numbers at risk summed from entry counts) and finished by kaplanMeierFromSurvivalCounts, equals
 * kaplanMeier(times, events, { entry }) of the same spells, per group, with spells on the edges
 * (a one-day spell, leaving on asOf or on the records' first day, hired on asOf).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/createRandom.js';
import { epochDay } from '../../src/internal/epochDay.js';
import { kaplanMeier } from '../../src/retention/kaplanMeier.js';
import { kaplanMeierFromSurvivalCounts } from '../../src/retention/survivalCounts.js';
import { survivalCountsFromRows } from '../../src/warehouse/survivalCountsFromRows.js';
import { survivalSql } from '../../src/warehouse/survivalSql.js';
import { type LocalDuckdb, localDuckdb } from '../support/localDuckdb.js';

interface Spell {
  readonly team_id: string | null;
  readonly hired_on: string;
  readonly left_on: string | null;
}

const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const AS_OF = '2025-12-31';
const RECORDS_START = '2022-01-01';

function generateSpells(seed: number, count: number): Spell[] {
  const random = createRandom(seed);
  const first = epochDay('2018-01-01');
  const last = epochDay('2026-03-01');
  const spells: Spell[] = [
    { team_id: 'a', hired_on: '2024-05-01', left_on: '2024-05-01' },
    { team_id: 'a', hired_on: '2020-05-01', left_on: AS_OF },
    { team_id: 'a', hired_on: AS_OF, left_on: null },
    { team_id: 'b', hired_on: '2019-05-01', left_on: '2022-01-01' },
    { team_id: 'b', hired_on: '2019-05-01', left_on: '2021-12-31' },
    { team_id: 'b', hired_on: RECORDS_START, left_on: '2023-01-01' },
  ];
  for (let index = 0; index < count; index++) {
    const hired = first + Math.floor(random() * (last - first));
    const left = random() < 0.4 ? null : hired + Math.floor(random() * 2000);
    spells.push({
      team_id: random() < 0.1 ? null : `t${Math.floor(random() * 4)}`,
      hired_on: day(hired),
      left_on: left === null ? null : day(left),
    });
  }
  return spells;
}

const spells = generateSpells(3, 3000);
let db: LocalDuckdb;

beforeAll(async () => {
  db = await localDuckdb();
  await db.run(
    'CREATE TABLE spells (person_id VARCHAR, team_id VARCHAR, hired_on DATE, left_on DATE)',
  );
  const text = (value: string | null) => (value === null ? 'NULL' : `'${value}'`);
  const values = spells.map(
    (s, i) => `('p${i}', ${text(s.team_id)}, ${text(s.hired_on)}, ${text(s.left_on)})`,
  );
  await db.run(`INSERT INTO spells VALUES ${values.join(', ')}`);
});
afterAll(() => db.close());

/** The in-memory path: each spell's time, event and entry, then kaplanMeier per team. */
function inMemory(recordsStart: string | undefined) {
  const asOf = epochDay(AS_OF);
  const start = recordsStart === undefined ? undefined : epochDay(recordsStart);
  const groups = new Map<string | null, { times: number[]; events: number[]; entry: number[] }>();
  for (const spell of spells) {
    const hired = epochDay(spell.hired_on);
    if (hired > asOf) continue;
    const left = spell.left_on === null ? null : epochDay(spell.left_on);
    const ended = left !== null && left <= asOf;
    const exit = ended ? left : asOf;
    if (start !== undefined && exit < start) continue;
    const group = groups.get(spell.team_id) ?? { times: [], events: [], entry: [] };
    groups.set(spell.team_id, group);
    group.times.push(exit - hired + 1);
    group.events.push(ended ? 1 : 0);
    group.entry.push(start !== undefined && hired < start ? start - hired : 0);
  }
  return groups;
}

describe('survivalSql on DuckDB', () => {
  for (const recordsStart of [undefined, RECORDS_START]) {
    it(`equals kaplanMeier with entry times per team (records from ${recordsStart ?? 'hire'})`, async () => {
      const query = survivalSql({
        dialect: 'duckdb',
        asOf: AS_OF,
        groupBy: ['team_id'],
        ...(recordsStart === undefined ? {} : { recordsStart }),
      });
      const read = survivalCountsFromRows(await db.query(query), { groupBy: ['team_id'] });
      const expected = inMemory(recordsStart);
      expect(read.map((group) => group.key[0])).toEqual(
        [...expected.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1)),
      );
      for (const group of read) {
        const input = expected.get(group.key[0] ?? null)!;
        const curve = kaplanMeierFromSurvivalCounts(group.counts, { atRisk: [...group.atRisk] });
        expect(curve).toEqual(kaplanMeier(input.times, input.events, { entry: input.entry }));
      }
    });
  }

  it('merges partial rows of one key and time', async () => {
    const rows = await db.query(
      survivalSql({ dialect: 'duckdb', asOf: AS_OF, recordsStart: RECORDS_START }),
    );
    const halves = rows.flatMap((row) => {
      const half = (name: string) => Math.floor(Number(row[name]) / 2);
      const first = {
        ...row,
        events: half('events'),
        censored: half('censored'),
        entered: half('entered'),
      };
      const rest = (name: string) =>
        String(BigInt(row[name] as bigint) - BigInt(first[name as 'events']));
      return [
        first,
        { ...row, events: rest('events'), censored: rest('censored'), entered: rest('entered') },
      ];
    });
    expect(survivalCountsFromRows(halves)).toEqual(survivalCountsFromRows(rows));
  });
});
