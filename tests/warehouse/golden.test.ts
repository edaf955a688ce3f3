/**
 * The SQL of every builder, per dialect, against reviewed golden files in
 * tests/fixtures/warehouse/ (`<aggregate>.<dialect>.sql`: the parameters in a comment, then the
 * query), and parsed by node-sql-parser for the dialects that cannot run here (BigQuery,
 * Snowflake, Spark SQL as Hive). After a deliberate change, review the diff and
 * regenerate: `UPDATE_WAREHOUSE_GOLDEN=1 npx vitest run tests/warehouse/golden.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import {
  WAREHOUSE_DIALECTS,
  type WarehouseDialect,
  type WarehouseQuery,
} from '../../src/warehouse/types.js';
import { WAREHOUSE_GOLDEN_CASES } from '../support/warehouseGolden.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'warehouse');
const update = process.env.UPDATE_WAREHOUSE_GOLDEN === '1';

/** The golden text of a query: its parameters as a comment line, then the SQL. */
function golden(query: WarehouseQuery): string {
  const params = JSON.stringify(query.params, (_, value) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
  return `-- params: ${params}\n${query.sql}\n`;
}

/** node-sql-parser's name of a dialect it knows. */
const PARSER_DATABASE: Partial<Record<WarehouseDialect, string>> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  spark: 'hive',
};

/**
 * The query with its placeholders replaced by string literals: node-sql-parser's Snowflake and
 * Hive grammars know no `?` (the engines do). The default names hold no `?` nor `$`.
 */
function withLiterals(query: WarehouseQuery): string {
  if (query.dialect === 'bigquery') return query.sql;
  return query.sql.replaceAll('?', "'x'");
}

describe('warehouse SQL golden files', () => {
  for (const [aggregate, build] of Object.entries(WAREHOUSE_GOLDEN_CASES)) {
    for (const dialect of WAREHOUSE_DIALECTS) {
      it(`${aggregate} on ${dialect} matches its reviewed golden file`, () => {
        const path = join(folder, `${aggregate}.${dialect}.sql`);
        const text = golden(build(dialect));
        if (update || !existsSync(path)) writeFileSync(path, text);
        expect(text).toBe(readFileSync(path, 'utf8'));
      });
      const database = PARSER_DATABASE[dialect];
      if (database === undefined) continue;
      it(`${aggregate} on ${dialect} parses with node-sql-parser (${database})`, () => {
        const parser = new sqlParser.Parser();
        expect(() => parser.astify(withLiterals(build(dialect)), { database })).not.toThrow();
      });
    }
  }
});
