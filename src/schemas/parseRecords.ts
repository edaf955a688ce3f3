import type * as z from 'zod';
import { InternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { compiledSchema } from './compiledSchema.js';

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

const MAX_VALUE_TEXT = 80;

/** Describes the offending value for a message, shortened. @internal */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Whether the own-`__proto__`-key scan of {@link parseRow} would find anything in a value (the
 * same walk, without building paths). @internal
 */
export function hasReservedKey(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasReservedKey(item, depth + 1)) return true;
    return false;
  }
  // Own enumerable keys, as Object.keys gives them, without building the array.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return true;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object' && hasReservedKey(item, depth + 1)) return true;
  }
  return false;
}

/** Finds own `__proto__` keys (JSON.parse creates them), which zod would skip without a word. */
function reservedKeyPaths(value: unknown, path: string[], found: string[][], depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      reservedKeyPaths(item, [...path, String(index)], found, depth + 1);
    }
    return;
  }
  // Object.keys lists an own "__proto__" key; reading it through the object would not.
  for (const key of Object.keys(value)) {
    if (key === '__proto__') found.push([...path, key]);
    else
      reservedKeyPaths((value as Record<string, unknown>)[key], [...path, key], found, depth + 1);
  }
}

/**
 * Validates one row against a schema, returning the parsed record or its issues. Shared by
 * {@link parseRecords}, the dataset check and the CSV reader so that every entry point reports
 * problems the same way. @internal
 */
export function parseRow<S extends z.ZodType>(
  schema: S,
  row: unknown,
  rowNumber: number,
  context: {
    readonly collection?: string | undefined;
    readonly line?: number | undefined;
    /** The caller has checked that `hasReservedKey(row)` is false (the CSV reader knows its keys). */
    readonly noReservedKeys?: boolean;
  } = {},
): { ok: true; record: z.output<S> } | { ok: false; issues: ValidationIssue[] } {
  const reserved: string[][] = [];
  if (context.noReservedKeys !== true && hasReservedKey(row, 0)) {
    reservedKeyPaths(row, [], reserved, 0);
  }
  // zod's own compiled parser: the same results and issues as schema.safeParse, faster.
  const result = reserved.length > 0 ? undefined : compiledSchema(schema).safeParse(row);
  if (result?.success === true) return { ok: true, record: result.data };
  // Only a row with issues pays for their wording.
  const extra = {
    ...(context.collection === undefined ? {} : { collection: context.collection }),
    ...(context.line === undefined ? {} : { line: context.line }),
  };
  const rowText =
    context.collection === undefined
      ? `row ${rowNumber}`
      : `${context.collection} row ${rowNumber}`;
  if (result === undefined) {
    return {
      ok: false,
      issues: reserved.map((path) => ({
        row: rowNumber,
        path: path.join('.'),
        code: 'reserved_key',
        message: `${rowText}: the key "__proto__" is not allowed (it could change object prototypes)`,
        ...extra,
      })),
    };
  }
  const issues = result.error.issues.map((issue): ValidationIssue => {
    const path = issue.path.map(String).join('.');
    const where = path === '' ? rowText : `${rowText}, ${path}`;
    const value = describeValue(valueAt(row, issue.path));
    const detail =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : `${issue.message} (got ${value})`;
    return { row: rowNumber, path, code: issue.code, message: `${where}: ${detail}`, ...extra };
  });
  return { ok: false, issues };
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

/** Builds the strict-mode error listing every issue. @internal */
export function validationError(
  functionName: string,
  issues: readonly ValidationIssue[],
): InternalCustomerError {
  const shown = issues.slice(0, 20).map((issue) => `  - ${issue.message}`);
  const more = issues.length > 20 ? [`  ... and ${issues.length - 20} more`] : [];
  return new InternalCustomerError(
    'VALIDATION_FAILED',
    [
      `${functionName} found ${issues.length} issue${issues.length === 1 ? '' : 's'}:`,
      ...shown,
      ...more,
    ].join('\n'),
    issues,
  );
}
