import type { Period } from '../core/period.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type EnpsCutoffs, resolveCutoffs } from '../satisfaction/classifyEnps.js';
import type { AnswersTableOptions } from './answersTable.js';
import { answerCountsQuery, type ScaleColumns } from './internal/answerCounts.js';
import type { WarehousePeriodUnit } from './internal/sqlWriter.js';
import type { WarehouseDialect, WarehouseQuery } from './types.js';

/** What every warehouse builder groups and filters by. */
export interface WarehouseGrouping {
  /** Columns to group by, as named in the table (quoted for the dialect). Default none. */
  readonly groupBy?: readonly string[];
  /** Also group by the UTC calendar month, quarter or year of the timestamp. Default none. */
  readonly per?: WarehousePeriodUnit;
  /** Count only what falls in `[start, end)`, calendar days at midnight UTC. Default all. */
  readonly period?: Period;
}

/** Options of {@link enpsSql}. */
export interface EnpsSqlOptions extends WarehouseGrouping, AnswersTableOptions {
  readonly dialect: WarehouseDialect;
  /**
   * The eNPS question (a value of the `questionId` column). Default: every row, for a table
   * that holds one question's answers.
   */
  readonly questionId?: string;
  /** Only this survey's answers (a value of the `surveyId` column). Default every survey. */
  readonly surveyId?: string;
  /** The scale (its points are counted). Default 0-10. */
  readonly cutoffs?: Partial<EnpsCutoffs>;
}

const ENPS_SQL_OPTIONS = {
  dialect: true,
  questionId: true,
  surveyId: true,
  cutoffs: true,
  groupBy: true,
  per: true,
  period: true,
  table: true,
  columns: true,
} satisfies OptionKeys<EnpsSqlOptions>;

/** The output columns of the eNPS scale: `s0` for its first point. @internal */
export function enpsScale(cutoffs: EnpsCutoffs): ScaleColumns {
  return {
    min: cutoffs.scaleMin,
    width: cutoffs.scaleMax - cutoffs.scaleMin + 1,
    prefix: 's',
    byValue: false,
    sum: false,
  };
}

/**
 * The SQL that counts eNPS answers where they live: per group (any columns) and calendar period
 * (UTC), the answers at each point of the scale (`s0` ... `s10`: the histogram, from which the
 * categories follow), the skipped ones (`skipped`: a null score) and every answer (`answers`, so
 * that answers off the scale are noticed). Rows of several partitions or warehouses add up; read
 * them with {@link enpsTalliesFromRows}. Each dialect gets its fastest exact form (`countIf` on
 * ClickHouse, `COUNT(*) FILTER (WHERE ...)` on PostgreSQL and DuckDB, `COUNTIF` on BigQuery,
 * `COUNT_IF` on Snowflake and Spark SQL), names quoted, values as parameters (inlined through
 * `clickhouseLiteral` on ClickHouse, which takes none). Table shape: {@link AnswersColumns}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect or option, a name that
 * cannot be quoted, a group column named like an output column, or invalid cut-offs.
 * @throws {InternalCustomerError} `INVALID_PERIOD` for a period that does not end after it starts.
 *
 * @example
 * const query = enpsSql({ dialect: 'postgres', questionId: 'q1', groupBy: ['team_id'], per: 'quarter' });
 * query.params // => ['q1']
 * query.sql.includes('COUNT(*) FILTER (WHERE "score" = 10) AS "s10"') // => true
 * enpsSql({ dialect: 'clickhouse', questionId: "q'1" }).sql.includes("= 'q\\'1'") // => true
 */
export function enpsSql(options: EnpsSqlOptions): WarehouseQuery {
  checkOptions(options, ENPS_SQL_OPTIONS, 'enpsSql');
  return answerCountsQuery(
    options,
    enpsScale(resolveCutoffs(options.cutoffs, 'enpsSql')),
    'enpsSql',
  );
}
