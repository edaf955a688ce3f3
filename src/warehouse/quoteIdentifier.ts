import { InternalCustomerError } from '../core/errors.js';
import type { WarehouseDialect } from './types.js';

/** Backticks on BigQuery, Spark SQL and ClickHouse; double quotes elsewhere (standard SQL). */
function quoteOf(dialect: WarehouseDialect): string {
  return dialect === 'bigquery' || dialect === 'spark' || dialect === 'clickhouse' ? '`' : '"';
}

/** Nothing that could end or escape a quoted name: no quotes, backslash, control or lone surrogate. */
const UNSAFE = /["`\\\p{Cc}\p{Cs}]/u;

/**
 * Quotes a column name for a dialect: wrapped in double quotes (PostgreSQL, DuckDB, Snowflake) or
 * backticks (BigQuery, Spark SQL, ClickHouse), so that any name the engine accepts, with its
 * case kept, is read as a name and never as SQL. A name that cannot be quoted safely (empty,
 * longer than 128 characters, or with a quote, backslash, control character or lone surrogate)
 * is refused rather than escaped, so no engine's escaping rules need to be relied on.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a name that cannot be quoted safely.
 *
 * @example
 * quoteIdentifier('team_id', 'postgres') // => '"team_id"'
 * quoteIdentifier('team_id', 'bigquery') // => '`team_id`'
 * quoteIdentifier('a"; DROP TABLE x; --', 'postgres') // => throws INVALID_OPTION
 */
export function quoteIdentifier(name: string, dialect: WarehouseDialect): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 128 || UNSAFE.test(name)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `quoteIdentifier requires a name of 1 to 128 characters without quotes, backslashes or control characters, got ${JSON.stringify(name)}`,
    );
  }
  const quote = quoteOf(dialect);
  return `${quote}${name}${quote}`;
}

/**
 * Quotes a table name, optionally qualified by its schema, dataset or project with dots
 * (`analytics.answers`): each part quoted on its own by {@link quoteIdentifier}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a part that cannot be quoted safely.
 *
 * @example
 * quoteTableName('analytics.answers', 'snowflake') // => '"analytics"."answers"'
 * quoteTableName('my-project.hr.answers', 'bigquery') // => '`my-project`.`hr`.`answers`'
 */
export function quoteTableName(name: string, dialect: WarehouseDialect): string {
  if (typeof name !== 'string') return quoteIdentifier(name, dialect);
  return name
    .split('.')
    .map((part) => quoteIdentifier(part, dialect))
    .join('.');
}
