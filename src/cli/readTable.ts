import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type * as z from 'zod';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { loadCsvMapping } from '../csv/loadCsvMapping.js';
import type { CsvMapping } from '../csv/parseCsvMapping.js';
import { readCsvBatches } from '../csv/readCsv.js';
import type { LoadMapping } from '../load/mappingSchema.js';
import { parseLoadMapping } from '../load/parseLoadMapping.js';
import { dataError, usageError } from './errors.js';
import type { CliIo } from './io.js';
import { type Progress, progressBar } from './progress.js';
import { foldMappedTable, readMappedTable } from './readMappedTable.js';

/** The reading options of a `--mapping` file, and the renames its `columns` make. @internal */
export interface ColumnMapping {
  readonly reading: Omit<CsvMapping, 'mapping'>;
  /** Name given by the mapping file -> header in the CSV file. */
  readonly headerOf: ReadonlyMap<string, string>;
  /** A mapping file of the `load` module (with `"kind"`): value maps, day formats, derivations. */
  readonly load?: LoadMapping;
}

/**
 * Reads `--mapping file.json`: a mapping of the `load` module (it has `"kind"`), or the csv
 * module's renames (`"columns"`), or nothing. @internal
 */
export async function columnMapping(path: string | undefined): Promise<ColumnMapping> {
  if (path === undefined) return { reading: {}, headerOf: new Map() };
  let mapping: CsvMapping;
  try {
    const text = await readFile(path, 'utf8');
    if (/^\uFEFF?\s*\{[\s\S]*"kind"\s*:/.test(text)) {
      return { reading: {}, headerOf: new Map(), load: parseLoadMapping(text) };
    }
    mapping = await loadCsvMapping(path);
  } catch (error) {
    throw usageError(`--mapping ${path}: ${(error as Error).message}`);
  }
  const { mapping: columns, ...reading } = mapping;
  const headerOf = new Map<string, string>();
  for (const [header, name] of Object.entries(columns)) headerOf.set(name, header);
  return { reading, headerOf };
}

/** One field the command reads: its name in the record, the column and the flag that named it. @internal */
export interface FieldColumn {
  readonly field: string;
  /** The name the user gave (a header, or a name the mapping file gives a header). */
  readonly column: string;
  /** The flag or convention that named it, for messages (`--score`, `employees file`). */
  readonly source: string;
}

/** The records, their rows and every issue of a CSV read. @internal */
export interface TableRead<T> {
  readonly records: T[];
  readonly recordRows: number[];
}

const MAX_ISSUES_SHOWN = 20;

/** Formats issues for standard error: the first twenty, then how many more. @internal */
export function issueLines(issues: readonly ValidationIssue[]): string[] {
  const lines = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map(
      (issue) => `  - ${issue.line === undefined ? '' : `line ${issue.line}: `}${issue.message}`,
    );
  if (issues.length > MAX_ISSUES_SHOWN)
    lines.push(`  ... and ${issues.length - MAX_ISSUES_SHOWN} more issues`);
  return lines;
}

async function* fileChunks(
  path: string,
  progress: Progress,
): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let done = 0;
  try {
    for await (const chunk of stream) {
      done += (chunk as Uint8Array).length;
      progress.update(done);
      yield chunk as Uint8Array;
    }
  } finally {
    stream.destroy();
  }
}

/**
 * Reads a CSV file (or standard input for `-`) into validated records, with the columns the
 * command needs: each field is filled from the header the user named, directly or through the
 * `--mapping` file's renames. Any issue fails the command with exit code 2: a file that cannot be
 * read, an empty file, a column that is not in the header, a value of the wrong type or off its
 * scale. Shows a progress bar on standard error for long reads from a terminal. @internal
 */
export async function readTable<S extends z.ZodType>(
  file: string,
  schema: S,
  fields: readonly FieldColumn[],
  mapping: ColumnMapping,
  io: CliIo,
): Promise<TableRead<z.output<S>>> {
  if (mapping.load !== undefined) return readMappedTable(file, schema, fields, mapping.load, io);
  const records: z.output<S>[] = [];
  const recordRows: number[] = [];
  await foldTable(file, schema, fields, mapping, io, (record, row) => {
    records.push(record);
    recordRows.push(row);
  });
  return { records, recordRows };
}

/**
 * Reads a table as {@link readTable} does, with the same checks and messages, but hands each
 * valid record to `visit` as it is read instead of keeping it, so that memory stays flat
 * whatever the file's size: a command that counts (eNPS, favourability) keeps only its counts.
 * Any issue still fails the command once the whole file is read, with every row and line named;
 * what `visit` counted is then discarded with the error. A `load` mapping (`"kind"`) streams too
 * (`foldMappedTable`). Progress (rows read, and bytes of a file) goes to standard error as
 * `io.progress` says: on a terminal only by default. @internal
 */
export async function foldTable<S extends z.ZodType>(
  file: string,
  schema: S,
  fields: readonly FieldColumn[],
  mapping: ColumnMapping,
  io: CliIo,
  visit: (record: z.output<S>, row: number) => void,
): Promise<void> {
  if (mapping.load !== undefined)
    return foldMappedTable(file, schema, fields, mapping.load, io, visit);
  const readerMapping: Record<string, string> = {};
  const columnOf = new Map<string, FieldColumn>();
  for (const field of fields) {
    const header = mapping.headerOf.get(field.column) ?? field.column;
    if (Object.hasOwn(readerMapping, header)) {
      throw usageError(
        `${field.source} names column "${field.column}", which another option already uses`,
      );
    }
    readerMapping[header] = field.field;
    columnOf.set(field.field, field);
  }
  const name = file === '-' ? 'standard input' : file;
  let size = 0;
  if (file !== '-') {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      size = info.size;
    } catch (error) {
      throw dataError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const progress = progressBar(io.stderr, size, `reading ${name}`, { mode: io.progress?.mode });
  const source = file === '-' ? io.stdin : fileChunks(file, progress);
  const readIssues: ValidationIssue[] = [];
  try {
    // A piece of the file at a time: one await per chunk, not per row.
    for await (const items of readCsvBatches(source, {
      ...mapping.reading,
      schema,
      mapping: readerMapping,
      onProgress: (rows) => progress.rows(rows),
    }))
      for (const item of items) {
        if (item.kind === 'record') visit(item.record, item.row);
        else readIssues.push(item.issue);
      }
  } catch (error) {
    if (isInternalCustomerError(error)) throw dataError(`cannot read ${name}: ${error.message}`);
    throw error;
  } finally {
    progress.finish();
  }
  // A required column missing from the header leaves its field undefined on every row (an empty
  // cell is null): report it once, by the name the user gave.
  const missing = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const issue of readIssues) {
    const field = columnOf.get(issue.path);
    if (field !== undefined && /received undefined/.test(issue.message)) {
      if (!missing.has(issue.path)) {
        missing.add(issue.path);
        issues.push({
          row: 0,
          path: issue.path,
          code: 'missing_column',
          message: `column "${field.column}" (${field.source}) is not in the header of ${name}`,
        });
      }
      continue;
    }
    // Name the column as the user did, not the command's internal field.
    issues.push(
      field === undefined
        ? issue
        : {
            ...issue,
            path: field.column,
            message: issue.message.replace(`, ${field.field}:`, `, column "${field.column}":`),
          },
    );
  }
  if (issues.length > 0) {
    const rows = new Set(issues.filter((issue) => issue.row > 0).map((issue) => issue.row));
    const where = rows.size === 0 ? '' : ` in ${rows.size} row${rows.size === 1 ? '' : 's'}`;
    throw dataError(
      `${name} has ${issues.length} issue${issues.length === 1 ? '' : 's'}${where}; nothing was computed`,
      issues,
    );
  }
}
