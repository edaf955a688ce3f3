import type { WarehouseQuery, WarehouseRow, WarehouseRunner } from '../types.js';
import { checkDialect, optionalPeer } from './optionalPeer.js';

/**
 * The part of a `pg` client or pool the runner uses (structural, so that the types of this
 * library never require the optional package).
 */
export interface PostgresClientLike {
  /** Runs one statement with `$1`, `$2`, ... bound to `values`. */
  query(
    text: string,
    values: unknown[],
  ): Promise<{ readonly rows: readonly Record<string, unknown>[] }>;
}

/** Options of {@link postgresRunner}: a connection string, or a client of your own. */
export type PostgresRunnerOptions =
  | {
      /** `postgres://user@host:port/database`; the runner opens one connection and closes it. */
      readonly connectionString: string;
    }
  | {
      /** A connected `pg` client or pool of your own; the runner does not close it. */
      readonly client: PostgresClientLike;
    };

// Type OIDs of PostgreSQL (pg_type): date, timestamp, timestamptz.
const DATE_OIDS = new Set([1082, 1114, 1184]);

/**
 * A {@link WarehouseRunner} on PostgreSQL through `pg` (an optional peer dependency, imported when
 * the runner is created). Queries take their `params` as `$1`, `$2`, ... Rows come back as `pg`
 * gives them, exact: `int8` (what `COUNT` and `SUM` of integers return) and `numeric` as decimal
 * strings, `int4` and `float8` as numbers; on a connection the runner opens itself, dates and
 * timestamps stay strings too (no JavaScript `Date`, no local time) and the session time zone is
 * UTC, so periods are cut in UTC.
 *
 * Node only.
 *
 * @throws InternalCustomerError `INVALID_OPTION` when `pg` is not installed; `INVALID_INPUT`
 *   when a query of another dialect is sent.
 * @example
 * const runner = await postgresRunner({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
 * const rows = await runner.query({ dialect: 'postgres', sql: 'SELECT count(*) AS n FROM answers WHERE team_id = $1', params: ['t01'] });
 * await runner.close();
 */
export async function postgresRunner(options: PostgresRunnerOptions): Promise<WarehouseRunner> {
  let client: PostgresClientLike;
  let end: (() => Promise<void>) | undefined;
  if ('client' in options) {
    client = options.client;
  } else {
    const pg = await optionalPeer(() => import('pg'), 'postgresRunner', 'pg');
    const { Client, types } = pg.default ?? pg;
    const created = new Client({
      connectionString: options.connectionString,
      options: '-c TimeZone=UTC',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          DATE_OIDS.has(oid)
            ? (value: string) => value
            : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
      },
    });
    await created.connect();
    client = created;
    end = () => created.end();
  }
  return {
    dialect: 'postgres',
    async query(query: WarehouseQuery): Promise<readonly WarehouseRow[]> {
      checkDialect('postgresRunner', 'postgres', query.dialect);
      const result = await client.query(query.sql, [...query.params]);
      return result.rows;
    },
    async close(): Promise<void> {
      await end?.();
    },
  };
}
