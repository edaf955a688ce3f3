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
import { fileURLToPath, pathToFileURL } from 'node:url';
import { latestDay, loadDataset } from '../../src/cli/datasetFolder.js';
import { type CalendarDay, isCalendarDay } from '../../src/core/index.js';
import { DEFAULT_SAMPLE_AS_OF } from '../../src/internal/sampleOrganisation.js';
import type { Dataset, ValidationIssue } from '../../src/schemas/index.js';

/** The bundled sample dataset, found next to the examples whatever the working directory. */
export const SAMPLE_DATASET_PATH = fileURLToPath(new URL('../data/dataset.json', import.meta.url));

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

/** Loads the sample or the user's dataset (see the top of this file). */
export async function loadExampleDataset(args: ExampleArguments): Promise<ExampleDataset> {
  const path = args.path ?? SAMPLE_DATASET_PATH;
  const { dataset, issues } = await loadDataset(path);
  const asOf = args.asOf ?? (args.path === undefined ? DEFAULT_SAMPLE_AS_OF : latestDay(dataset));
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
