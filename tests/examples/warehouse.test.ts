/**
 * The warehouse path and the in-memory path give identical results on a 1 M-row responses file:
 * (a) DuckDB converts the CSV to Parquet and runs the example's plain SQL `GROUP BY` (tallies per
 * team and quarter), merged here; (b) every record is read and validated in JavaScript
 * (readCsvFile), kept in memory and tallied with enpsTallyBy. The tallies, and the whole analysis
 * built on them (intervals, trend tests, suppression), are equal. Skipped without
 * `@duckdb/node-api`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResponsesFile } from '../../bench/responsesFile.js';
import {
  analyse,
  type WarehouseTallies,
  warehouseTallies,
} from '../../examples/warehouse-scale.js';
import { toCalendarDay } from '../../src/core/index.js';
import { collectCsv, readCsvFile } from '../../src/csv/index.js';
import { type EnpsTally, enpsTallyBy } from '../../src/satisfaction/index.js';
import { IdSchema, SurveyResponseSchema } from '../../src/schemas/index.js';

const ROWS = 1_000_000;
let folder = '';
let csv = '';
let duckdb: typeof import('@duckdb/node-api') | undefined;
try {
  duckdb = await import('@duckdb/node-api');
} catch {
  duckdb = undefined;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-warehouse-'));
  csv = join(folder, 'responses.csv');
  await writeResponsesFile(csv, { rows: ROWS, teams: 300, seed: 11, invalidShare: 0 });
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** The in-memory path: validated records, grouped by team and UTC quarter, tallied. */
async function inMemory(path: string): Promise<WarehouseTallies> {
  const schema = SurveyResponseSchema.extend({ teamId: IdSchema });
  const { records, issues } = await collectCsv(readCsvFile(path, { schema }));
  expect(issues).toEqual([]);
  const scores = new Map<string, Map<string, number[]>>();
  let skipped = 0;
  for (const record of records) {
    const score = record.answers.enps;
    if (score === null || score === undefined) {
      skipped++;
      continue;
    }
    const day = toCalendarDay(record.submittedAt);
    const quarter = `${Number(day.slice(0, 4))}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    const quarters = scores.get(record.teamId) ?? new Map<string, number[]>();
    const list = quarters.get(quarter) ?? [];
    list.push(score as number);
    quarters.set(quarter, list);
    scores.set(record.teamId, quarters);
  }
  const byTeam = new Map<string, Map<string, EnpsTally>>();
  for (const [team, quarters] of scores) {
    byTeam.set(
      team,
      new Map([...quarters].map(([quarter, list]) => [quarter, enpsTallyBy(list, (s) => s)])),
    );
  }
  return { byTeam, skipped };
}

describe('the warehouse path', () => {
  it.skipIf(duckdb === undefined)(
    'gives the tallies and analysis of the in-memory path on a 1 M-row file',
    async () => {
      const instance = await duckdb!.DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const parquet = join(folder, 'answers.parquet');
      await connection.run(`
        COPY (
          SELECT id AS response_id, surveyId AS survey_id, teamId AS team_id,
                 strptime(submittedAt, '%Y-%m-%dT%H:%M:%SZ') AS submitted_at,
                 CAST("answers.enps" AS TINYINT) AS enps_score
          FROM read_csv('${csv}', header = true, all_varchar = true)
        ) TO '${parquet}' (FORMAT PARQUET)`);
      await connection.run(`CREATE VIEW answers AS SELECT * FROM read_parquet('${parquet}')`);
      const warehouse = await warehouseTallies(connection);
      connection.closeSync();
      const memory = await inMemory(csv);
      expect(warehouse.skipped).toBe(memory.skipped);
      expect(warehouse.byTeam.size).toBe(memory.byTeam.size);
      for (const [team, quarters] of memory.byTeam) {
        expect(warehouse.byTeam.get(team)).toEqual(quarters);
      }
      expect(analyse(warehouse)).toEqual(analyse(memory));
    },
    120_000,
  );
});
