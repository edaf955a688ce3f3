import type * as z from 'zod';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { parseRow } from '../internal/rows/parseRow.js';
import type { LoadMapping } from '../load/mappingSchema.js';
import type { MappedRow } from '../load/mapRows.js';
import { foldMappedFile } from '../load/readMappedFile.js';
import { dataError, usageError } from './errors.js';
import type { CliIo } from './io.js';
import { progressBar } from './progress.js';

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
 * Reads a file with a mapping file of the `load` module (`"kind": "employees" | "responses"`),
 * streaming: every row is mapped as it is read (value maps, missing texts, day formats, derived
 * fields), the fields the command needs are taken from the mapped row and checked with the
 * command's schema, and each valid record is handed to `visit`, then dropped (memory stays flat
 * whatever the file's size). Any issue fails the command with exit code 2 once the whole file is
 * read, naming the file's row and line; what `visit` counted is then discarded with the error.
 * Warnings (a hire date derived from tenure) go to standard error. @internal
 */
export async function foldMappedTable<S extends z.ZodType>(
  file: string,
  schema: S,
  fields: readonly Field[],
  mapping: LoadMapping,
  io: CliIo,
  visit: (record: z.output<S>, row: number) => void,
): Promise<void> {
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
  const recordIssues: ValidationIssue[] = [];
  const take = ({ values, row, line }: MappedRow) => {
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
      // Records of a file with issues are not counted: the command fails at the end.
      if (recordIssues.length === 0) visit(result.record as z.output<S>, row);
      return;
    }
    for (const issue of result.issues) {
      const field = fields.find((item) => item.field === issue.path);
      recordIssues.push({
        ...issue,
        message: `${file} ${issue.message.replace(`, ${issue.path}:`, `, ${field === undefined ? issue.path : `column "${field.column}"`}:`)}`,
      });
    }
  };
  const progress = progressBar(io.stderr, 0, `reading ${file}`, { mode: io.progress?.mode });
  let read: Awaited<ReturnType<typeof foldMappedFile>>;
  try {
    read = await foldMappedFile(file, mapping, take, {
      onProgress: (rows) => progress.rows(rows),
    });
  } catch (error) {
    if (isInternalCustomerError(error)) throw dataError(`cannot read ${file}: ${error.message}`);
    throw error;
  } finally {
    progress.finish();
  }
  for (const warning of read.warnings) io.stderr.write(`internal-customer: warning: ${warning}\n`);
  const issues: ValidationIssue[] = [...read.issues.sort((a, b) => a.row - b.row), ...recordIssues];
  if (issues.length > 0) {
    const rows = new Set(issues.filter((issue) => issue.row > 0).map((issue) => issue.row));
    throw dataError(
      `${file} has ${issues.length} issue${issues.length === 1 ? '' : 's'}${rows.size === 0 ? '' : ` in ${rows.size} row${rows.size === 1 ? '' : 's'}`}; nothing was computed`,
      issues,
    );
  }
}

/** {@link foldMappedTable}, keeping every record (for commands that need them all). @internal */
export async function readMappedTable<S extends z.ZodType>(
  file: string,
  schema: S,
  fields: readonly Field[],
  mapping: LoadMapping,
  io: CliIo,
): Promise<{ records: z.output<S>[]; recordRows: number[] }> {
  const records: z.output<S>[] = [];
  const recordRows: number[] = [];
  await foldMappedTable(file, schema, fields, mapping, io, (record, row) => {
    records.push(record);
    recordRows.push(row);
  });
  return { records, recordRows };
}
