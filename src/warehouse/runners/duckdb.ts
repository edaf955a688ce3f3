import type { WarehouseQuery, WarehouseRow, WarehouseRunner, WarehouseValue } from '../types.js';
import { checkDialect, optionalPeer } from './optionalPeer.js';

/**
 * The part of a `@duckdb/node-api` connection the runner uses (structural, so that the types of
 * this library never require the optional package).
 */
export interface DuckdbConnectionLike {
  /** Runs one statement with positional values and reads the whole result. */
  runAndReadAll(sql: string, values?: WarehouseValue[]): Promise<DuckdbResultLike>;
  /** Closes the connection. */
  closeSync(): void;
}

/** The part of a `@duckdb/node-api` result reader the runner uses. */
export interface DuckdbResultLike {
  /** The rows as objects keyed by column name, 64-bit integers and decimals as strings. */
  getRowObjectsJson(): Record<string, unknown>[];
}

/** Options of {@link duckdbRunner}. */
export interface DuckdbRunnerOptions {
  /** A database file, or `':memory:'` (the default): a fresh embedded database. */
  readonly path?: string;
  /**
   * A connection of your own (with your tables, views over Parquet or CSV files, settings); the
   * runner does not close it. When given, `path` is ignored.
   */
  readonly connection?: DuckdbConnectionLike;
}

/**
 * A {@link WarehouseRunner} on embedded DuckDB (`@duckdb/node-api`, an optional peer dependency,
 * imported when the runner is created): no server, reads Parquet and CSV files in place. Queries
 * take their `params` positionally (`?`). Rows come back as objects keyed by column name, with
 * exact values: `BIGINT`, `HUGEINT` (what `SUM` and `COUNT` return) and `DECIMAL` as decimal
 * strings, timestamps as `'YYYY-MM-DD hh:mm:ss'` strings, smaller integers and doubles as
 * numbers. The session time zone is UTC.
 *
 * Node only (the package is a native addon).
 *
 * @throws InternalCustomerError `INVALID_OPTION` when `@duckdb/node-api` is not installed;
 *   `INVALID_INPUT` when a query of another dialect is sent.
 * @example
 * const runner = await duckdbRunner();
 * const rows = await runner.query({ dialect: 'duckdb', sql: 'SELECT 40 + ? AS answer', params: [2] });
 * await runner.close();
 */
export async function duckdbRunner(options: DuckdbRunnerOptions = {}): Promise<WarehouseRunner> {
  let connection = options.connection;
  const owned = connection === undefined;
  if (connection === undefined) {
    const { DuckDBInstance } = await optionalPeer(
      () => import('@duckdb/node-api'),
      'duckdbRunner',
      '@duckdb/node-api',
    );
    const instance = await DuckDBInstance.create(options.path ?? ':memory:');
    const created = await instance.connect();
    await created.run("SET TimeZone = 'UTC'");
    connection = created as unknown as DuckdbConnectionLike;
  }
  const open = connection;
  return {
    dialect: 'duckdb',
    async query(query: WarehouseQuery): Promise<readonly WarehouseRow[]> {
      checkDialect('duckdbRunner', 'duckdb', query.dialect);
      const reader = await open.runAndReadAll(query.sql, [...query.params]);
      return reader.getRowObjectsJson();
    },
    async close(): Promise<void> {
      if (owned) open.closeSync();
    },
  };
}
