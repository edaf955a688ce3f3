/**
 * Runners of the warehouse module (issue 19): send a {@link WarehouseQuery} to an engine and
 * return its rows, exactly. Each engine's client is an optional peer dependency, imported when a
 * runner is created: `@duckdb/node-api` (embedded DuckDB), `pg` (PostgreSQL), `@clickhouse/client`
 * (ClickHouse). Node only: this entry is kept apart from the browser-safe modules.
 *
 * @module
 */
// The shared vocabulary, so that this entry documents and types itself alone.
export {
  WAREHOUSE_DIALECTS,
  type WarehouseDialect,
  type WarehouseQuery,
  type WarehouseRow,
  type WarehouseRunner,
  type WarehouseValue,
} from '../types.js';
export {
  type ClickhouseRunnerOptions,
  clickhouseRunner,
} from './clickhouse.js';
export {
  type DuckdbConnectionLike,
  type DuckdbResultLike,
  type DuckdbRunnerOptions,
  duckdbRunner,
} from './duckdb.js';
export {
  type PostgresClientLike,
  type PostgresRunnerOptions,
  postgresRunner,
} from './postgres.js';
