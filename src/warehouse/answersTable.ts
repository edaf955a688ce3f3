/**
 * The columns of an answers table, one row per answer to one question (the long form a warehouse
 * keeps survey answers in). Defaults in brackets:
 *
 * - `surveyId` [`survey_id`]: text; `questionId` [`question_id`]: text;
 *   `respondentId` [`respondent_id`]: text; `teamId` [`team_id`]: text or null (group columns are
 *   any columns, named in `groupBy`);
 * - `answeredAt` [`answered_at`]: the instant of the answer: `timestamptz` on PostgreSQL,
 *   `TIMESTAMP` (UTC) or `TIMESTAMPTZ` on DuckDB, `DateTime` on ClickHouse, `TIMESTAMP` on
 *   BigQuery and Spark SQL, `TIMESTAMP_TZ` or `TIMESTAMP_LTZ` on Snowflake;
 * - `score` [`score`]: a whole number, null for a skipped question.
 */
export interface AnswersColumns {
  readonly surveyId: string;
  readonly questionId: string;
  readonly respondentId: string;
  readonly teamId: string;
  readonly answeredAt: string;
  readonly score: string;
}

/** The default names of {@link AnswersColumns}. */
export const DEFAULT_ANSWERS_COLUMNS: AnswersColumns = {
  surveyId: 'survey_id',
  questionId: 'question_id',
  respondentId: 'respondent_id',
  teamId: 'team_id',
  answeredAt: 'answered_at',
  score: 'score',
};

/** Where the answers are: the table (default `answers`) and its column names. */
export interface AnswersTableOptions {
  /** The table, optionally qualified (`analytics.answers`). Default `answers`. */
  readonly table?: string;
  /** Column names that differ from {@link DEFAULT_ANSWERS_COLUMNS}. */
  readonly columns?: Partial<AnswersColumns>;
}

/** The table name and every column name, defaults filled in. @internal */
export function answersTable(options: AnswersTableOptions): {
  table: string;
  columns: AnswersColumns;
} {
  return {
    table: options.table ?? 'answers',
    columns: { ...DEFAULT_ANSWERS_COLUMNS, ...options.columns },
  };
}
