/**
 * The shared vocabulary of the warehouse module (issue 19): the SQL dialects it writes, a query
 * with its parameters, and the runner that sends a query to an engine and returns its rows.
 *
 * The SQL builders (one per aggregate, per dialect) return a `WarehouseQuery`; a runner (DuckDB,
 * PostgreSQL, ClickHouse; each an optional peer dependency imported lazily) executes it; the
 * readers turn its rows into the library's aggregates exactly, and the results go through the
 * privacy gate like everything else.
 *
 * @module
 */

/** The SQL dialects the warehouse builders write, one closed list. */
export const WAREHOUSE_DIALECTS = [
  'duckdb',
  'postgres',
  'clickhouse',
  'bigquery',
  'snowflake',
  'spark',
] as const;

/** One of {@link WAREHOUSE_DIALECTS}. */
export type WarehouseDialect = (typeof WAREHOUSE_DIALECTS)[number];

/** A value passed as a query parameter (or, on ClickHouse 18.16, inlined through one escaper). */
export type WarehouseValue = string | number | bigint | boolean | null;

/**
 * A query for one dialect: its text and, where the engine takes them, its positional
 * parameters in order (`$1` on PostgreSQL, `?` on DuckDB, Snowflake and Spark, `@p1` on
 * BigQuery). On ClickHouse 18.16 `params` is empty: literals are inlined through one escaping
 * function.
 */
export interface WarehouseQuery {
  readonly dialect: WarehouseDialect;
  readonly sql: string;
  readonly params: readonly WarehouseValue[];
}

/**
 * One result row as an engine returns it: counts may come back as numbers, bigints or strings
 * (ClickHouse `UInt64` and `pg` `int8` / `numeric` arrive as strings). Readers parse them to
 * exact integers, never by concatenation.
 */
export type WarehouseRow = Readonly<Record<string, unknown>>;

/** Sends queries of one dialect to one engine. */
export interface WarehouseRunner {
  readonly dialect: WarehouseDialect;
  /** Runs one query and returns every row. */
  query(query: WarehouseQuery): Promise<readonly WarehouseRow[]>;
  /** Releases the connection (a no-op where there is none). */
  close(): Promise<void>;
}
