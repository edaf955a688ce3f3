import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { toCsv } from '../csv/toCsv.js';
import { textTable } from '../report/textTable.js';
import { dataError } from './errors.js';
import { type CliIo, colourAllowed, styles, terminalSafe } from './io.js';

/** The output formats of every command. @internal */
export const FORMATS = ['table', 'json', 'csv'] as const;

/** An output format. @internal */
export type Format = (typeof FORMATS)[number];

/** What a command computed, ready for each format. @internal */
export interface CommandOutput {
  /** The JSON document (`--format json`): stable field names, full precision. */
  readonly json: Readonly<Record<string, unknown>>;
  /** The rows of `--format csv`, in this column order (full precision). */
  readonly csv: {
    readonly columns: readonly string[];
    readonly rows: readonly Record<string, unknown>[];
  };
  /** The human table (`--format table`): heading lines, then the table, then notes. */
  readonly table: {
    readonly title: string;
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
    readonly notes: readonly string[];
    /** How many leading columns hold text (left-aligned); the others are right-aligned. Default 1. */
    readonly textColumns?: number;
  };
}

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target, which
 * is then renamed over it (atomic on one file system), so a failure never leaves half a file.
 * @internal
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = resolve(path);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw dataError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/**
 * Renders an output in a format; colour only for a table on a terminal. The table is for people
 * at a terminal: control characters in its text (values from the data) are escaped. @internal
 */
export function render(output: CommandOutput, format: Format, colour: boolean): string {
  if (format === 'json') return `${JSON.stringify(output.json, null, 2)}\n`;
  if (format === 'csv') {
    // toCsv neutralises text a spreadsheet would run as a formula (a group named "=1+2").
    const rows = output.csv.rows.map((row) =>
      Object.fromEntries(output.csv.columns.map((column) => [column, row[column] ?? undefined])),
    );
    return toCsv(rows, { columns: [...output.csv.columns] });
  }
  const style = styles(colour);
  const textColumns = output.table.textColumns ?? 1;
  const align = output.table.header.map((_, column) => (column < textColumns ? 'left' : 'right'));
  const rows = output.table.rows.map((row) => row.map(terminalSafe));
  const header = output.table.header.map(terminalSafe);
  const lines = textTable(rows, { header, align }).split('\n');
  const body = lines.map((line, index) =>
    index === 0 ? style.bold(line) : /\bsuppressed\b/.test(line) ? style.dim(line) : line,
  );
  return [
    style.bold(terminalSafe(output.table.title)),
    '',
    ...body,
    ...(output.table.notes.length > 0 ? ['', ...output.table.notes.map(terminalSafe)] : []),
    '',
  ].join('\n');
}

/** Writes the output to `--output` (atomically) or standard output. @internal */
export async function emit(
  output: CommandOutput,
  format: Format,
  path: string | undefined,
  io: CliIo,
): Promise<void> {
  if (path !== undefined) {
    await writeFileAtomic(path, render(output, format, false));
    return;
  }
  io.stdout.write(render(output, format, colourAllowed(io.stdout, io.env)));
}
