import type * as z from 'zod';
import type { ValidationIssue } from '../core/errors.js';
import { parseRow, validationError } from '../internal/rows/parseRow.js';

/** Options of {@link parseRecords}. */
export interface ParseRecordsOptions {
  /** Throw one `VALIDATION_FAILED` error listing every issue instead of returning them. Default false. */
  readonly strict?: boolean;
  /** The number of the first row, for rows that continue an earlier batch. Default 1. */
  readonly firstRow?: number;
  /** Names the record type in each issue (as `collection`). */
  readonly collection?: string;
}

/** The result of {@link parseRecords}. */
export interface ParseRecordsResult<T> {
  /** The valid rows, parsed (defaults filled in), in input order. */
  readonly records: T[];
  /** The row number of each record, parallel to `records`. */
  readonly recordRows: number[];
  /** One or more issues for every row that is not in `records`. */
  readonly issues: ValidationIssue[];
}

/**
 * Validates rows against a record schema and returns the valid records with one or more issues for
 * every invalid row: nothing is dropped without an issue, and nothing is coerced (an empty string
 * is not 0, `"7.5"` is not a score, `2024-02-30` is not a day). Each issue names the row (1-based),
 * the field as a dotted path, a code (zod's issue code, or `reserved_key`) and the offending value.
 *
 * Rows are read from any iterable, one at a time; memory grows with the records kept, not with
 * intermediate copies. O(rows x fields).
 *
 * @throws {InternalCustomerError} `VALIDATION_FAILED` in `strict` mode when any row is invalid,
 * with every issue in `.issues`.
 *
 * @example
 * const rows = [{ score: 9 }, { score: 11 }, { score: '7' }];
 * const { records, issues } = parseRecords(z.object({ score: EnpsScoreSchema }), rows);
 * records // => [{ score: 9 }]
 * issues.map((issue) => [issue.row, issue.path, issue.code]) // => [[2, 'score', 'too_big'], [3, 'score', 'invalid_type']]
 */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  rows: Iterable<unknown>,
  options: ParseRecordsOptions = {},
): ParseRecordsResult<z.output<S>> {
  const firstRow = options.firstRow ?? 1;
  const records: z.output<S>[] = [];
  const recordRows: number[] = [];
  const issues: ValidationIssue[] = [];
  let rowNumber = firstRow;
  for (const row of rows) {
    const result = parseRow(schema, row, rowNumber, { collection: options.collection });
    if (result.ok) {
      records.push(result.record);
      recordRows.push(rowNumber);
    } else {
      for (const issue of result.issues) issues.push(issue);
    }
    rowNumber++;
  }
  if (options.strict === true && issues.length > 0) {
    throw validationError('parseRecords', issues);
  }
  return { records, recordRows, issues };
}
