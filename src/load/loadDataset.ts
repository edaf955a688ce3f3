import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type * as z from 'zod';
import { InternalCustomerError } from '../core/errors.js';
import { collectCsv } from '../csv/collectCsv.js';
import { readCsvFile } from '../csv/readCsvFile.js';
import { DATASET_COLLECTIONS, type Dataset, type DatasetCollection } from '../schemas/dataset.js';
import { assembleDataset, type CollectionPart, type MappedTable } from './assembleDataset.js';
import type { LoadMapping, LoadMappingInput } from './mappingSchema.js';
import type { LoadIssue } from './mapRows.js';
import { parseLoadMapping } from './parseLoadMapping.js';
import { readMappedFile } from './readMappedFile.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  /**
   * Mappings of export files, keyed by the file's path or name (`"HRDataset.csv"`), each a
   * mapping object or the path of a mapping JSON file. In a folder, each `NAME.mapping.json`
   * maps the file its `file` names (default: `NAME.csv`, `NAME.tsv` or `NAME.txt`).
   */
  readonly mappings?: Readonly<Record<string, LoadMappingInput | string>>;
}

/** What {@link loadDataset} gives. */
export interface LoadDatasetResult {
  /** The records that passed every check (`validateDataset`), collection by collection. */
  readonly dataset: Dataset;
  /** Every problem, each naming the file, its row and line; records with issues are left out. */
  readonly issues: readonly LoadIssue[];
  /** Non-fatal conditions, such as hire dates derived from tenure. */
  readonly warnings: readonly string[];
  /** The files read. */
  readonly files: readonly string[];
}

const TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt'];

function loadError(message: string): InternalCustomerError {
  return new InternalCustomerError('INVALID_INPUT', `loadDataset ${message}`);
}

async function mappingOf(given: LoadMappingInput | string): Promise<LoadMapping> {
  if (typeof given !== 'string') return parseLoadMapping(given);
  let text: string;
  try {
    text = await readFile(given, 'utf8');
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `loadDataset could not read the mapping file ${given}: ${(error as Error).message}`,
    );
  }
  try {
    return parseLoadMapping(text);
  } catch (error) {
    throw new InternalCustomerError('INVALID_OPTION', `${given}: ${(error as Error).message}`);
  }
}

/** The collection a file is named after (`employees.csv`), if any. */
function collectionOf(path: string): DatasetCollection | undefined {
  const extension = extname(path).toLowerCase();
  if (!TABLE_EXTENSIONS.includes(extension)) return undefined;
  const name = basename(path, extname(path));
  return Object.hasOwn(DATASET_COLLECTIONS, name) ? (name as DatasetCollection) : undefined;
}

async function readCollection(
  path: string,
  collection: DatasetCollection,
): Promise<{
  part: CollectionPart;
  issues: LoadIssue[];
}> {
  const name = basename(path);
  const schema = DATASET_COLLECTIONS[collection] as z.ZodType;
  let result: Awaited<ReturnType<typeof collectCsv>>;
  try {
    result = await collectCsv(readCsvFile(path, { schema, collection, restoreFormulas: true }));
  } catch (error) {
    throw loadError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const issues = result.issues.map((issue) => ({
    ...issue,
    file: name,
    message: `${name}: ${issue.message}`,
  }));
  const origins = result.recordRows.map((row, index) => ({
    file: name,
    row,
    line: result.recordLines[index]!,
  }));
  return { part: { collection, records: result.records, origins }, issues };
}

/** The files of a folder: collection files, and mapped files with their mappings. */
async function folderSources(
  folder: string,
  given: Map<string, LoadMappingInput | string>,
): Promise<{ path: string; mapping?: LoadMappingInput | string }[]> {
  const names = (await readdir(folder)).sort();
  const sources: { path: string; mapping?: LoadMappingInput | string }[] = [];
  const mapped = new Map<string, LoadMappingInput | string>();
  for (const name of names) {
    if (!name.endsWith('.mapping.json')) continue;
    const path = join(folder, name);
    const mapping = await mappingOf(path);
    const stem = name.slice(0, -'.mapping.json'.length);
    const target =
      mapping.file ??
      names.find((other) => TABLE_EXTENSIONS.some((ext) => other === `${stem}${ext}`));
    if (target === undefined)
      throw loadError(`found ${path}, but no ${stem}.csv, .tsv or .txt beside it (or give "file")`);
    mapped.set(target, mapping);
  }
  for (const name of names) {
    const mapping = given.get(name) ?? given.get(join(folder, name)) ?? mapped.get(name);
    if (mapping !== undefined) sources.push({ path: join(folder, name), mapping });
    else if (collectionOf(name) !== undefined) sources.push({ path: join(folder, name) });
  }
  for (const target of mapped.keys())
    if (!names.includes(target))
      throw loadError(`a mapping in ${folder} names ${target}, which is not there`);
  return sources;
}

/**
 * Loads a dataset from files: a folder, one file, or a list of files. A file named after a
 * collection (`employees.csv`, `spells.csv`, `responses.csv` ..., headers being field paths as
 * `toCsv` writes them) is read as that collection; an export with a mapping (given in
 * `options.mappings`, or `NAME.mapping.json` beside it in a folder) is read with it (see
 * `LoadMappingSchema`: HR files give employees, spells, teams and reporting lines, survey files
 * their survey, questions and responses); a `.json` file is a whole dataset. Files are UTF-8 or
 * UTF-16 (with a byte-order mark), comma, semicolon or tab separated, CRLF or LF. Everything is then
 * validated together (`validateDataset`); issues are returned, not thrown, each naming the file,
 * the row and the line of the record (a duplicate on file row 4 says row 4, whatever rows before
 * it were left out). Node only.
 *
 * O(size of the files + records log records).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a path that cannot be read, a folder with
 * nothing to read, or a file that is neither a collection, mapped, nor a dataset JSON.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a mapping that is not valid.
 *
 * @example
 * const { dataset, issues } = await loadDataset('tests/fixtures/cli/small-dataset');
 * dataset.teams.length // => 4
 * issues // => []
 */
export async function loadDataset(
  source: string | readonly string[],
  options: LoadDatasetOptions = {},
): Promise<LoadDatasetResult> {
  const given = new Map(Object.entries(options.mappings ?? {}));
  const paths = typeof source === 'string' ? [source] : [...source];
  if (paths.length === 0 || paths.some((path) => typeof path !== 'string' || path === ''))
    throw loadError(`requires a folder, a file or a list of files, got ${JSON.stringify(source)}`);
  const sources: { path: string; mapping?: LoadMappingInput | string }[] = [];
  const datasets: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw loadError(`cannot read ${path}: ${(error as Error).message}`);
    }
    if (info.isDirectory()) {
      sources.push(...(await folderSources(path, given)));
      continue;
    }
    const mapping = given.get(path) ?? given.get(basename(path)) ?? given.get(resolve(path));
    if (mapping !== undefined) sources.push({ path, mapping });
    else if (collectionOf(path) !== undefined) sources.push({ path });
    else if (extname(path).toLowerCase() === '.json') datasets.push(path);
    else
      throw loadError(
        `cannot tell what ${path} holds: name it after a collection (employees.csv ...) or give its mapping`,
      );
  }
  if (sources.length === 0 && datasets.length === 0) {
    throw loadError(
      `found nothing to read in ${paths.join(', ')}: no collection file (${Object.keys(
        DATASET_COLLECTIONS,
      )
        .map((collection) => `${collection}.csv`)
        .join(', ')}), no NAME.mapping.json`,
    );
  }
  const issues: LoadIssue[] = [];
  const warnings: string[] = [];
  const tables: MappedTable[] = [];
  const collections: CollectionPart[] = [];
  for (const path of datasets) collections.push(...(await readDatasetJson(path)));
  for (const item of sources) {
    const name = basename(item.path);
    if (item.mapping === undefined) {
      const read = await readCollection(item.path, collectionOf(item.path)!);
      collections.push(read.part);
      issues.push(...read.issues);
      continue;
    }
    const mapping = await mappingOf(item.mapping);
    const read = await readMappedFile(item.path, mapping, { name });
    tables.push({ file: name, mapping, rows: read.rows });
    issues.push(...read.issues);
    warnings.push(...read.warnings);
  }
  const assembled = assembleDataset({ tables, collections });
  return {
    dataset: assembled.dataset,
    issues: [...issues, ...assembled.issues],
    warnings,
    files: [...datasets, ...sources.map((item) => item.path)],
  };
}

/** A dataset JSON file's collections, each record's origin being its place in its array. */
async function readDatasetJson(path: string): Promise<CollectionPart[]> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw loadError(
      `found ${path}, which is not a dataset JSON file (${(error as Error).message}); give a folder of CSV files or a dataset JSON`,
    );
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw loadError(`requires ${path} to hold one object with an array per collection`);
  const name = basename(path);
  return Object.entries(input as Record<string, unknown>).map(([collection, records]) => {
    const list = Array.isArray(records) ? records : [];
    if (!Object.hasOwn(DATASET_COLLECTIONS, collection) || !Array.isArray(records))
      throw loadError(
        `found "${collection}" in ${path}: not a collection with an array of records`,
      );
    return {
      collection: collection as DatasetCollection,
      records: list,
      origins: list.map((_, index) => ({ file: name, row: index + 1, line: 0 })),
    };
  });
}
