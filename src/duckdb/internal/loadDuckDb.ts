import { InternalCustomerError } from '../../core/errors.js';

/** The parts of `@duckdb/node-api` the engine uses. @internal */
export interface DuckDbApi {
  readonly DuckDBInstance: {
    create(path?: string, options?: Record<string, string>): Promise<DuckDbInstance>;
  };
}

/** @internal */
export interface DuckDbInstance {
  connect(): Promise<DuckDbConnection>;
  closeSync?(): void;
}

/** @internal */
export interface DuckDbConnection {
  runAndReadAll(sql: string): Promise<{ getColumns(): unknown[][] }>;
  closeSync?(): void;
}

let loaded: Promise<DuckDbApi> | undefined;

/** The module name, in a variable so that bundlers leave the optional import alone. */
const MODULE = '@duckdb/node-api';

/**
 * Loads `@duckdb/node-api`, the optional peer dependency, on first use (dynamic `import()`), so
 * that `internal-customer/duckdb` loads without it.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when it is not installed. @internal
 */
export function loadDuckDb(caller: string): Promise<DuckDbApi> {
  loaded ??= (import(MODULE) as Promise<DuckDbApi>).catch((error: unknown) => {
    loaded = undefined;
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires the optional peer dependency @duckdb/node-api (npm install @duckdb/node-api): ${(error as Error).message}`,
    );
  });
  return loaded;
}
