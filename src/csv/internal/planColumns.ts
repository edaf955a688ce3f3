import type * as z from 'zod';
import type { ValidationIssueCode } from '../../core/errors.js';
import { describeValue } from '../../internal/describeValue.js';
import { RESERVED_KEYS } from '../../schemas/primitives.js';
import { type FieldKind, resolveField } from './fieldKind.js';

/** A column of the file that fills a field of the record. @internal */
export interface Column {
  /** Position of the column in each row (0-based). */
  readonly index: number;
  /** The field's dotted path, and the same split. */
  readonly path: string;
  readonly segments: readonly string[];
  readonly field: FieldKind;
}

/** A problem with the header or the mapping, reported once as an issue of row 0. @internal */
export interface HeaderProblem {
  readonly path: string;
  readonly code: ValidationIssueCode;
  readonly message: string;
}

function reservedSegment(segments: readonly string[]): string | undefined {
  return segments.find((segment) => RESERVED_KEYS.has(segment));
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Decides which column fills which field. With a mapping, a header listed in it fills the field
 * path it names and other columns are ignored; without one, a header that is a field path of the
 * schema fills that field. Refused, each with one problem: a repeated header name (the later
 * column), a path with a `__proto__`, `constructor` or `prototype` segment, a mapped path the
 * schema does not have, and a column whose path equals or contains another's. @internal
 */
export function planColumns(
  header: readonly string[],
  schema: z.core.$ZodType,
  mapping: Readonly<Record<string, string>> | undefined,
): { columns: Column[]; problems: HeaderProblem[] } {
  const columns: Column[] = [];
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, number>();

  if (mapping !== undefined) {
    for (const [name, path] of Object.entries(mapping)) {
      const reserved = reservedSegment(path.split('.'));
      if (reserved !== undefined) {
        problems.push({
          path,
          code: 'reserved_key',
          message: `mapping: column ${describeValue(name)} targets "${path}", and "${reserved}" is a reserved key (it could change object prototypes); the column is ignored`,
        });
      }
    }
  }

  header.forEach((name, index) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.push({
        path: '',
        code: 'duplicate_header',
        message: `header: column ${index + 1} repeats the name ${describeValue(name)} of column ${earlier + 1}; it is ignored`,
      });
      return;
    }
    seen.set(name, index);
    if (mapping !== undefined && !Object.hasOwn(mapping, name)) return;
    const path = mapping === undefined ? name : mapping[name]!;
    const segments = path.split('.');
    const reserved = reservedSegment(segments);
    if (reserved !== undefined) {
      if (mapping === undefined) {
        problems.push({
          path,
          code: 'reserved_key',
          message: `header: column ${index + 1} is named ${describeValue(name)}, and "${reserved}" is a reserved key (it could change object prototypes); it is ignored`,
        });
      }
      return;
    }
    const field = resolveField(schema, segments);
    if (field === undefined) {
      if (mapping !== undefined) {
        problems.push({
          path,
          code: 'unknown_field',
          message: `mapping: column ${describeValue(name)} targets "${path}", which is not a field of the schema; the column is ignored`,
        });
      }
      return;
    }
    const clash = columns.find((column) => overlaps(column.path, path));
    if (clash !== undefined) {
      problems.push({
        path,
        code: 'conflicting_columns',
        message: `header: column ${index + 1} (${describeValue(name)}) fills "${path}", which column ${clash.index + 1} already fills ("${clash.path}"); it is ignored`,
      });
      return;
    }
    columns.push({ index, path, segments, field });
  });
  return { columns, problems };
}
