/**
 * One row against a zod schema, as every entry point reports it: `parseRecords`, the dataset
 * check, the CSV reader's row stage and the tallies share these, so that a row has the same issues
 * whichever way it came in. Not public API: `schemas` and `csv` build on it. @internal
 */
import type * as z from 'zod';
import { InternalCustomerError, type ValidationIssue } from '../../core/errors.js';
import { describeValue } from '../describeValue.js';
import { compiledSchema } from './compiledSchema.js';

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
    return {
      row: rowNumber,
      path,
      code: issue.code,
      message: `${where}: ${detail}`,
      ...extra,
      ...(issue.code === 'invalid_type' ? { expected: issue.expected } : {}),
      ...(issue.code === 'unrecognized_keys' ? {} : { received: value }),
    };
  });
  return { ok: false, issues };
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
