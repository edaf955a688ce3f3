import { InternalCustomerError } from '../../core/errors.js';
import type { WarehouseQuery, WarehouseRow, WarehouseRunner } from '../types.js';
import { checkDialect, optionalPeer } from './optionalPeer.js';

/** Options of {@link clickhouseRunner}. */
export interface ClickhouseRunnerOptions {
  /** The HTTP interface of one server, e.g. `http://127.0.0.1:8123`; on a cluster, any shard. */
  readonly url: string;
  /** Default `'default'`. */
  readonly database?: string;
  /** Default `'default'`. */
  readonly username?: string;
  /** Default empty. */
  readonly password?: string;
  /** Query settings sent with every query, e.g. `{ max_threads: 2 }`. */
  readonly settings?: Readonly<Record<string, string | number>>;
}

/**
 * A {@link WarehouseRunner} on ClickHouse through `@clickhouse/client` (an optional peer
 * dependency, imported when the runner is created), over the HTTP interface; it works with
 * servers as old as Debian's 18.16. On a cluster, send queries to any shard and read the
 * `Distributed` table. Rows come back in ClickHouse's `JSON` format, exact: `UInt64` and `Int64`
 * (what `count()` and `sum` return) as decimal strings, smaller integers and floats as numbers,
 * `DateTime` as `'YYYY-MM-DD hh:mm:ss'` strings in the server's time zone (so write the SQL with
 * explicit `'UTC'` arguments, as the warehouse builders do).
 *
 * ClickHouse 18.16 takes no query parameters (its `param_` settings are unknown to it), so a
 * query with `params` fails here rather than reaching the server: inline literals through the
 * builders' escaping function.
 *
 * Node only.
 *
 * @throws InternalCustomerError `INVALID_OPTION` when `@clickhouse/client` is not installed;
 *   `INVALID_INPUT` when a query of another dialect, or with parameters, is sent.
 * @example
 * const runner = await clickhouseRunner({ url: 'http://127.0.0.1:8123' });
 * const rows = await runner.query({ dialect: 'clickhouse', sql: 'SELECT count() AS n FROM answers', params: [] });
 * await runner.close();
 */
export async function clickhouseRunner(options: ClickhouseRunnerOptions): Promise<WarehouseRunner> {
  const { createClient, ClickHouseLogLevel } = await optionalPeer(
    () => import('@clickhouse/client'),
    'clickhouseRunner',
    '@clickhouse/client',
  );
  const client = createClient({
    url: options.url,
    database: options.database ?? 'default',
    username: options.username ?? 'default',
    password: options.password ?? '',
    clickhouse_settings: { ...options.settings },
    // Errors reach the caller as exceptions; the client's own logger would print them again.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    dialect: 'clickhouse',
    async query(query: WarehouseQuery): Promise<readonly WarehouseRow[]> {
      checkDialect('clickhouseRunner', 'clickhouse', query.dialect);
      if (query.params.length > 0) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `clickhouseRunner requires a query without params (ClickHouse 18.16 takes none; inline literals through the builders' escaper), got ${query.params.length}`,
        );
      }
      // The client appends FORMAT JSON; a trailing semicolon would end the statement before it.
      const sql = query.sql.replace(/[\s;]+$/, '');
      const result = await client.query({ query: sql, format: 'JSON' });
      const body = await result.json<Record<string, unknown>>();
      return body.data;
    },
    async close(): Promise<void> {
      await client.close();
    },
  };
}
