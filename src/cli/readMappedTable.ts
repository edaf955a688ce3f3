import type * as z from 'zod';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { parseRow } from '../internal/rows/parseRow.js';
import type { LoadMapping } from '../load/mappingSchema.js';
import { readMappedFile } from '../load/readMappedFile.js';
import { dataError, usageError } from './errors.js';
import type { CliIo } from './io.js';

/** A field the command reads, as `readTable` takes it. @internal */
interface Field {
  readonly field: string;
  readonly column: string;
  readonly source: string;
}

/**
 * The mapped field a command's column names: a field of the mapping (`attributes.department`,
 * `answers.recommend`), or its short name (`department`, `recommend`); the employees file's own
 * columns (`id`, `hireDate` ...) are the mapped fields of those names, derived or not.
 */
function mappedKey(field: Field, mapping: LoadMapping): string | undefined {
  if (field.source === 'employees file') return field.column;
  const candidates = [
    field.column,
    `attributes.${field.column}`,
    `protectedAttributes.${field.column}`,
    `answers.${field.column}`,
  ];
  const found = candidates.find((key) => Object.hasOwn(mapping.fields, key));
  if (found !== undefined) return found;
  // A column of the file named by its header: the field the mapping fills from it.
  for (const [key, rule] of Object.entries(mapping.fields)) {
    const column = typeof rule === 'string' ? rule : rule.column;
    if (column === field.column) return key;
  }
  return undefined;
}

/**
 * Reads a file with a mapping file of the `load` module (`"kind": "employees" | "responses"`):
 * every row is mapped (value maps, missing texts, day formats, derived fields), then the fields
 * the command needs are taken from the mapped row and checked with the command's schema. Any
 * issue fails the command with exit code 2, naming the file's row and line. Warnings (a hire date
 * derived from tenure) go to standard error. @internal
 */
export async function readMappedTable<S extends z.ZodType>(
  file: string,
  schema: S,
  fields: readonly Field[],
  mapping: LoadMapping,
  io: CliIo,
): Promise<{ records: z.output<S>[]; recordRows: number[] }> {
  if (file === '-')
    throw usageError('a mapping file with "kind" reads a file, not standard input: give its path');
  const keys = fields.map((field) => {
    const key = mappedKey(field, mapping);
    if (key === undefined) {
      throw dataError(
        `${field.source} names "${field.column}", which the mapping does not fill (its fields: ${Object.keys(mapping.fields).join(', ')})`,
      );
    }
    return key;
  });
  let read: Awaited<ReturnType<typeof readMappedFile>>;
  try {
    read = await readMappedFile(file, mapping);
  } catch (error) {
    if (isInternalCustomerError(error)) throw dataError(`cannot read ${file}: ${error.message}`);
    throw error;
  }
  for (const warning of read.warnings) io.stderr.write(`internal-customer: warning: ${warning}\n`);
  const issues: ValidationIssue[] = [...read.issues];
  const records: z.output<S>[] = [];
  const recordRows: number[] = [];
  for (const { values, row, line } of read.rows) {
    const target: Record<string, unknown> = {};
    fields.forEach((field, index) => {
      const value = values[keys[index]!];
      if (field.source === 'employees file') {
        if (value !== undefined) target[field.field] = value;
        else if (field.field === 'id' || field.field === 'hireDate') target[field.field] = null;
      } else if (field.field === 'group') {
        target.group = value === undefined ? null : String(value);
      } else target[field.field] = value ?? null;
    });
    const result = parseRow(schema, target, row, { line });
    if (result.ok) {
      records.push(result.record as z.output<S>);
      recordRows.push(row);
    } else {
      for (const issue of result.issues) {
        const field = fields.find((item) => item.field === issue.path);
        issues.push({
          ...issue,
          message: `${file} ${issue.message.replace(`, ${issue.path}:`, `, ${field === undefined ? issue.path : `column "${field.column}"`}:`)}`,
        });
      }
    }
  }
  if (issues.length > 0) {
    const rows = new Set(issues.filter((issue) => issue.row > 0).map((issue) => issue.row));
    throw dataError(
      `${file} has ${issues.length} issue${issues.length === 1 ? '' : 's'}${rows.size === 0 ? '' : ` in ${rows.size} row${rows.size === 1 ? '' : 's'}`}; nothing was computed`,
      issues,
    );
  }
  return { records, recordRows };
}
