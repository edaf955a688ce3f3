import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as z from 'zod';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { collectCsv } from '../csv/collectCsv.js';
import { readCsvFile } from '../csv/readCsvFile.js';
import { latestDay } from '../internal/latestDay.js';
import {
  DATASET_COLLECTIONS,
  type Dataset,
  type DatasetCollection,
  validateDataset,
} from '../schemas/dataset.js';
import { dataError } from './errors.js';

export { latestDay };

/** A dataset read from disk, with where it came from. @internal */
export interface LoadedDataset {
  readonly dataset: Dataset;
  /** Issues of the files (CSV rows) and of `validateDataset`; records with issues are left out. */
  readonly issues: readonly ValidationIssue[];
  /** The files read. */
  readonly files: readonly string[];
}

/**
 * Reads a dataset: a folder holding one CSV file per collection, named as in `examples/data/`
 * (`employees.csv`, `teams.csv`, `spells.csv`, `assignments.csv`, `surveys.csv`, `questions.csv`,
 * `responses.csv` ...; any subset, headers being field paths such as `attributes.department` or
 * `answers.enps`, as `toCsv` writes them), or a dataset JSON file (one object with an array per
 * collection, as `examples/data/dataset.json`). Every record is validated (`validateDataset`);
 * issues are returned, not thrown. @internal
 */
export async function loadDataset(path: string): Promise<LoadedDataset> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw dataError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (info.isFile()) {
    let input: unknown;
    try {
      input = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw dataError(
        `${path} is not a dataset JSON file (${(error as Error).message}); give a folder of CSV files or a dataset JSON`,
      );
    }
    const { dataset, issues } = validateDataset(input);
    return { dataset, issues, files: [path] };
  }
  const names = new Set(await readdir(path));
  const input: Partial<Record<DatasetCollection, unknown[]>> = {};
  const issues: ValidationIssue[] = [];
  const files: string[] = [];
  for (const [collection, schema] of Object.entries(DATASET_COLLECTIONS) as [
    DatasetCollection,
    z.ZodType,
  ][]) {
    const name = `${collection}.csv`;
    if (!names.has(name)) continue;
    const file = join(path, name);
    files.push(file);
    try {
      const result = await collectCsv(
        readCsvFile(file, { schema, collection, restoreFormulas: true }),
      );
      input[collection] = result.records;
      for (const issue of result.issues)
        issues.push({ ...issue, message: `${name}: ${issue.message}` });
    } catch (error) {
      if (isInternalCustomerError(error)) throw dataError(`cannot read ${file}: ${error.message}`);
      throw error;
    }
  }
  if (files.length === 0) {
    throw dataError(
      `${path} holds no dataset CSV file (${Object.keys(DATASET_COLLECTIONS)
        .map((collection) => `${collection}.csv`)
        .join(', ')})`,
    );
  }
  // Rows read from files are checked here, whatever their static type.
  const { dataset, issues: datasetIssues } = validateDataset(input as unknown);
  return { dataset, issues: [...issues, ...datasetIssues], files };
}
