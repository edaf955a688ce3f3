/**
 * Runs a `WarehouseQuery` through embedded DuckDB (`@duckdb/node-api`) directly, for the
 * warehouse tests: no runner of the library involved. Rows come back as DuckDB gives them
 * (counts as bigints).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { WarehouseQuery, WarehouseRow } from '../../src/warehouse/types.js';

export interface LocalDuckdb {
  run(sql: string): Promise<void>;
  query(query: WarehouseQuery): Promise<WarehouseRow[]>;
  close(): void;
}

/** An in-memory database whose session time zone is not UTC (the SQL must not depend on it). */
export async function localDuckdb(timeZone = 'Pacific/Auckland'): Promise<LocalDuckdb> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`SET TimeZone = '${timeZone}'`);
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    async query(query) {
      if (query.dialect !== 'duckdb') throw new Error(`a ${query.dialect} query given to DuckDB`);
      const reader = await connection.runAndReadAll(
        query.sql,
        query.params as (string | number | bigint | boolean | null)[],
      );
      return reader.getRowObjects() as WarehouseRow[];
    },
    close: () => connection.closeSync(),
  };
}
