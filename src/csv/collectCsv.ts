import type { ValidationIssue } from '../core/errors.js';
import type { CsvItem } from './readCsv.js';

/** What {@link collectCsv} gathers: the records, their data rows, and every issue. */
export interface CollectCsvResult<T> {
  /** The valid records, in file order. */
  readonly records: T[];
  /** The data row (1-based) of each record, parallel to `records`. */
  readonly recordRows: number[];
  /** The physical line where each record starts, parallel to `records`. */
  readonly recordLines: number[];
  /** Every issue, in file order (row 0: the file or its header). */
  readonly issues: ValidationIssue[];
}

/**
 * Collects the items of `readCsv` or `readCsvFile` into records and issues, the shape
 * `parseRecords` returns: the convenience for files that fit in memory. Memory grows with the
 * records kept.
 *
 * O(items).
 *
 * @throws {InternalCustomerError} whatever the reader throws (`INVALID_ENCODING`, `INVALID_INPUT`,
 * and `VALIDATION_FAILED` in strict mode) rejects the promise.
 *
 * @example
 * const schema = z.object({ id: z.string(), score: EnpsScoreSchema });
 * const { records, recordRows, issues } = await collectCsv(readCsv('id,score\ne1,9\ne2,abc\ne3,11\n', { schema }));
 * records // => [{ id: 'e1', score: 9 }]
 * recordRows // => [1]
 * issues.map((issue) => [issue.row, issue.path, issue.code]) // => [[2, 'score', 'invalid_number'], [3, 'score', 'too_big']]
 */
export async function collectCsv<T>(
  items: AsyncIterable<CsvItem<T>> | Iterable<CsvItem<T>>,
): Promise<CollectCsvResult<T>> {
  const records: T[] = [];
  const recordRows: number[] = [];
  const recordLines: number[] = [];
  const issues: ValidationIssue[] = [];
  for await (const item of items) {
    if (item.kind === 'record') {
      records.push(item.record);
      recordRows.push(item.row);
      recordLines.push(item.line);
    } else {
      issues.push(item.issue);
    }
  }
  return { records, recordRows, recordLines, issues };
}
