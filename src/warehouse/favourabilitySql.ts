import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { AnswersTableOptions } from './answersTable.js';
import type { WarehouseGrouping } from './enpsSql.js';
import { answerCountsQuery, type ScaleColumns } from './internal/answerCounts.js';
import type { WarehouseDialect, WarehouseQuery } from './types.js';

/** Options of {@link favourabilitySql}. */
export interface FavourabilitySqlOptions extends WarehouseGrouping, AnswersTableOptions {
  readonly dialect: WarehouseDialect;
  /**
   * The Likert item (a value of the `questionId` column). Default: every row, for a table
   * that holds one question's answers.
   */
  readonly questionId?: string;
  /** Only this survey's answers. Default every survey. */
  readonly surveyId?: string;
  /** Points of the scale (answers 1..points), 2 to 11. */
  readonly points: number;
}

const OPTIONS = {
  dialect: true,
  questionId: true,
  surveyId: true,
  points: true,
  groupBy: true,
  per: true,
  period: true,
  table: true,
  columns: true,
} satisfies OptionKeys<FavourabilitySqlOptions>;

/** The output columns of a Likert scale: `a1` ... `a<points>`, and `score_sum`. @internal */
export function likertScale(points: number, functionName: string): ScaleColumns {
  if (!Number.isInteger(points) || points < 2 || points > 11) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires 2 to 11 points, got ${String(points)}`,
    );
  }
  return { min: 1, width: points, prefix: 'a', byValue: true, sum: true };
}

/**
 * The SQL that counts a Likert item's answers where they live, per group and UTC period: the
 * answers of each point (`a1` ... `a5` on 5 points), the skipped ones (`skipped`), every answer
 * (`answers`) and their sum (`score_sum`, for the mean; checked against the counts when read).
 * Read the rows with {@link favourabilityCountsFromRows}; the same table shape, dialect forms
 * and parameters as {@link enpsSql}.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown dialect or option, a scale outside
 * 2-11 points, a name that cannot be quoted, or a group column named like an output column.
 * @throws {InternalCustomerError} `INVALID_PERIOD` for a period that does not end after it starts.
 *
 * @example
 * const query = favourabilitySql({ dialect: 'clickhouse', questionId: 'q7', points: 5, per: 'month' });
 * query.sql.includes('countIf(ifNull(`score` = 5, 0)) AS `a5`') // => true
 * query.sql.includes('SUM(`score`) AS `score_sum`') // => true
 */
export function favourabilitySql(options: FavourabilitySqlOptions): WarehouseQuery {
  checkOptions(options, OPTIONS, 'favourabilitySql');
  return answerCountsQuery(
    options,
    likertScale(options.points, 'favourabilitySql'),
    'favourabilitySql',
  );
}
