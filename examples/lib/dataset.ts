/**
 * The one loader the examples share: the bundled fictional sample organisation by default, or
 * the user's own data when a path is given. "Your own data" is either
 *
 * - a folder of CSV files named like `examples/data/*.csv` (`employees.csv`, `teams.csv`,
 *   `spells.csv`, `assignments.csv`, `surveys.csv`, `questions.csv`, `responses.csv` ...; any
 *   subset, each with a header row of field paths such as `attributes.department` or
 *   `answers.enps`, as `toCsv` writes them), or
 * - a dataset JSON file (one object with an array per record type, as `examples/data/dataset.json`).
 *
 * Every record is validated; records with issues are left out and counted in the output.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CalendarDay, isCalendarDay } from 'internal-customer/core';
import { collectCsv, readCsvFile } from 'internal-customer/csv';
import {
  DATASET_COLLECTIONS,
  type Dataset,
  type DatasetCollection,
  type ValidationIssue,
  validateDataset,
} from 'internal-customer/schemas';

/** The bundled sample dataset, found next to the examples whatever the working directory. */
export const SAMPLE_DATASET_PATH = fileURLToPath(new URL('../data/dataset.json', import.meta.url));

/** The "today" of the bundled sample: the last day it simulates (see examples/data/README.md). */
export const SAMPLE_AS_OF: CalendarDay = '2026-09-30';

/**
 * The first day the bundled sample has records of, like a real extract: people hired before it
 * are in the data only because they were still employed on it (late entry, see `recordsStart`).
 */
export const SAMPLE_RECORDS_START: CalendarDay = '2022-10-01';

/** What an example was asked to do: `[path] [--as-of YYYY-MM-DD] [--name value ...]`. */
export interface ExampleArguments {
  /** A dataset folder or JSON file; the bundled sample when absent. */
  readonly path?: string;
  readonly asOf?: CalendarDay;
  /** Other `--name value` options, by name without the dashes. */
  readonly options: Readonly<Record<string, string>>;
}

/** Reads `[path] [--as-of YYYY-MM-DD] [--name value ...]`, refusing options not in `allowed`. */
export function parseExampleArguments(
  argv: readonly string[],
  allowed: readonly string[] = [],
  usage = '[dataset-folder-or-json] [--as-of YYYY-MM-DD]',
): ExampleArguments {
  let path: string | undefined;
  let asOf: string | undefined;
  const options: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument.startsWith('--')) {
      const name = argument.slice(2);
      const value = argv[++index];
      if (value === undefined) throw new Error(`${argument} needs a value; usage: ${usage}`);
      if (name === 'as-of') {
        if (!isCalendarDay(value))
          throw new Error(`--as-of requires a calendar day as YYYY-MM-DD, got ${value}`);
        asOf = value;
      } else if (allowed.includes(name)) {
        options[name] = value;
      } else {
        throw new Error(`unknown option ${argument}; usage: ${usage}`);
      }
    } else if (path === undefined) {
      path = argument;
    } else {
      throw new Error(`one dataset at a time, got ${path} and ${argument}; usage: ${usage}`);
    }
  }
  return {
    ...(path === undefined ? {} : { path }),
    ...(asOf === undefined ? {} : { asOf }),
    options,
  };
}

/** A loaded dataset, the day counted as today and a line saying where it came from. */
export interface ExampleDataset {
  readonly dataset: Dataset;
  readonly asOf: CalendarDay;
  readonly source: string;
  readonly issues: readonly ValidationIssue[];
  /** Lines to print first: the source and how many records were left out. */
  readonly preamble: readonly string[];
}

/**
 * Reads a dataset JSON file, or a folder of CSV files named after the collections
 * (`employees.csv` ...), with the published CSV reader; every record is validated by
 * `validateDataset` and records with issues are left out (the issues are returned).
 */
export async function readDataset(
  path: string,
): Promise<{ dataset: Dataset; issues: readonly ValidationIssue[] }> {
  if ((await stat(path)).isFile()) {
    return validateDataset(JSON.parse(await readFile(path, 'utf8')) as unknown);
  }
  const names = new Set(await readdir(path));
  const input: Partial<Record<DatasetCollection, unknown[]>> = {};
  const issues: ValidationIssue[] = [];
  for (const [collection, schema] of Object.entries(DATASET_COLLECTIONS)) {
    if (!names.has(`${collection}.csv`)) continue;
    const file = join(path, `${collection}.csv`);
    const read = await collectCsv(readCsvFile(file, { schema, collection, restoreFormulas: true }));
    input[collection as DatasetCollection] = read.records;
    for (const issue of read.issues)
      issues.push({ ...issue, message: `${file}: ${issue.message}` });
  }
  if (Object.keys(input).length === 0) throw new Error(`${path} holds no dataset CSV file`);
  // Rows read from files: of unknown shape until validateDataset has checked them.
  const validated = validateDataset(input as unknown);
  return { dataset: validated.dataset, issues: [...issues, ...validated.issues] };
}

/**
 * The latest day the records mention (hires, leaving days, team moves, survey answers,
 * one-to-ones): the "today" of a dataset given without one.
 */
export function latestDay(dataset: Dataset): CalendarDay | undefined {
  const days: (string | undefined)[] = [
    ...dataset.spells.flatMap((s) => [s.hireDate, s.terminationDate]),
    ...dataset.assignments.flatMap((a) => [a.validFrom, a.validTo]),
    ...dataset.responses.map((r) => new Date(r.submittedAt).toISOString().slice(0, 10)),
    ...dataset.oneOnOnes.map((o) => o.date),
  ];
  let latest: string | undefined;
  for (const day of days)
    if (day !== undefined && (latest === undefined || day > latest)) latest = day;
  return latest;
}

/** Loads the sample or the user's dataset (see the top of this file). */
export async function loadExampleDataset(args: ExampleArguments): Promise<ExampleDataset> {
  const path = args.path ?? SAMPLE_DATASET_PATH;
  const { dataset, issues } = await readDataset(path);
  const asOf = args.asOf ?? (args.path === undefined ? SAMPLE_AS_OF : latestDay(dataset));
  if (asOf === undefined) throw new Error(`${path} has no dated records`);
  const source = args.path === undefined ? 'the bundled fictional sample organisation' : args.path;
  const preamble = [`Data: ${source}, as of ${asOf}`];
  if (issues.length > 0) {
    preamble.push(
      `  ${issues.length} issue${issues.length === 1 ? '' : 's'}: records with issues are left out (first: ${issues[0]!.message})`,
    );
  }
  return { dataset, asOf, source, issues, preamble };
}

/**
 * Runs an example's `main` when the file is executed (`npx tsx examples/<name>.ts [args]`), not
 * when a test imports it: prints the text, or the error message with exit code 1.
 */
export function runWhenExecuted(
  moduleUrl: string,
  main: (argv: readonly string[]) => Promise<string>,
): void {
  const executed =
    process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
  if (!executed) return;
  main(process.argv.slice(2)).then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
