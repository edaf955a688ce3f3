import { statSync } from 'node:fs';
import { InternalCustomerError } from '../core/errors.js';
import {
  csvEnpsTallies,
  type EnpsTalliesOptions,
  type EnpsTalliesResult,
  talliesResult,
} from '../csv/csvEnpsTallies.js';
import { type CleanPlan, isCleanId } from '../csv/internal/cleanRules.js';
import {
  addItems,
  aggregationParams,
  type EnpsAggregationParams,
  emptyPartial,
  mergePartial,
  responseSchemaFor,
} from '../csv/internal/enpsAggregation.js';
import {
  type PartReadOptions,
  partOptions,
  planParts,
  tallyReadOptions,
} from '../csv/internal/enpsParts.js';
import { countAnswer, periodOfMonth } from '../csv/internal/groupCounts.js';
import { planCleanRows } from '../csv/internal/planCleanRows.js';
import { planColumns } from '../csv/internal/planColumns.js';
import { normaliseReadOptions } from '../csv/internal/readOptions.js';
import { type CsvItem, RowReader } from '../csv/readCsv.js';
import type { SurveyResponse } from '../schemas/survey.js';
import {
  type DuckDbApi,
  type DuckDbConnection,
  type DuckDbInstance,
  loadDuckDb,
} from './internal/loadDuckDb.js';
import { locateRows } from './internal/locateRows.js';
import { RecordIndex } from './internal/recordIndex.js';
import { col, rowRules, sqlString } from './internal/ruleSql.js';
import { scanStructure } from './internal/scanStructure.js';

/** Options of {@link duckdbEnpsTallies}: those of `csvEnpsTallies`, less `workers`. */
export interface DuckDbEnpsTalliesOptions extends Omit<EnpsTalliesOptions, 'workers'> {
  /** DuckDB threads. Default: DuckDB's (one per core). */
  readonly threads?: number;
}

const CALLER = 'duckdbEnpsTallies';

/** The one instance per thread count, kept between calls (it holds no data between them). */
const instances = new Map<string, Promise<DuckDbInstance>>();

function instanceFor(api: DuckDbApi, threads: number | undefined): Promise<DuckDbInstance> {
  const key = String(threads ?? '');
  let instance = instances.get(key);
  if (instance === undefined) {
    instance = api.DuckDBInstance.create(
      ':memory:',
      threads === undefined ? {} : { threads: String(threads) },
    );
    instance.catch(() => instances.delete(key));
    instances.set(key, instance);
  }
  return instance;
}

/**
 * eNPS tallies per group of a survey-responses CSV file, computed by DuckDB (embedded, no server):
 * the same options, result and issues as `csvEnpsTallies` (from `internal-customer/csv`), with
 * the validity rules decided in SQL. `@duckdb/node-api` is an optional peer dependency, loaded on
 * first call (`npm install @duckdb/node-api`). Speed: on a 2-core machine it is slower than
 * `csvEnpsTallies` with two threads (10 M rows: about 4.5 s against 2.7 s), because the SQL rules
 * alone cost about 1.8 times a plain DuckDB `GROUP BY` (BENCHMARKS.md); prefer it where DuckDB has
 * more cores to scan with, and measure.
 *
 * How the results stay the same: DuckDB reads the file once (`read_csv`, every column as text,
 * strict, in parallel) and decides, in SQL, the "valid for sure" rules that `csvEnpsTallies` uses
 * (`cleanRules.ts`: an id is non-empty with printable ASCII at both ends; an instant is
 * `YYYY-MM-DDTHH:MM:SSZ` on a real day and hour; an answer is one of the scale's points or empty;
 * no comment ...), each of which implies `readCsv`'s verdict. Group ids are checked once per
 * distinct value in JavaScript (a failing one makes DuckDB check them row by row instead). One
 * `GROUP BY` gives the valid rows' counts per group and score, and every other row (rare in
 * practice) with its fields. Those are read the full way (conversion, schema) once per distinct
 * row, from DuckDB's fields: a valid one is counted as often as DuckDB saw it. Meanwhile this
 * thread passes once over the bytes (`scanStructure`), checking what DuckDB reads differently
 * and noting where each record starts and a hash of its first field; a row with an issue is then
 * found from the checkpoint before it (`locateRows`) to number its row and line, since DuckDB
 * cannot number rows in a parallel scan (`row_number()` and `WITH ORDINALITY` make it
 * single-threaded). Whatever DuckDB and `readCsv` could read differently (a misplaced quote, a
 * blank line between records, a record wider than the header, a ragged row, text that is not
 * UTF-8, a record over 2 MB, a mapped column the rules do not cover, a different number of rows,
 * a row not found) makes the whole file go through `csvEnpsTallies` instead: slower, never
 * different.
 * `duckdbEnpsTallies.test.ts` compares the two on files full of near-valid rows, and checks the
 * SQL instant rule against zod on every one-character edit of instants near the edges.
 *
 * O(size of the file), in DuckDB's threads and one pass of this thread beside them; memory holds
 * the groups, the rows that are not valid for sure, and about 4 bytes a record for finding them
 * (dropped past 16 M records: then the rows with issues are found by a second pass). One
 * in-memory DuckDB instance per thread count is kept between calls.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when `@duckdb/node-api` is not installed, or
 * for the options `csvEnpsTallies` refuses.
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be read.
 *
 * @example
 * // (tests/examples.test.ts runs the examples of the root and csv entries; this one is checked
 * // in duckdbEnpsTallies.test.ts, which compares with csvEnpsTallies's checked example.)
 * const { groups } = await duckdbEnpsTallies('src/csv/fixtures/team-responses.csv', { question: 'enps', groupBy: ['teamId'] });
 * groups.map((group) => [group.key[0], group.tally.n]); // [['t1', 2], ['t2', 1]]
 */
export async function duckdbEnpsTallies(
  path: string,
  options: DuckDbEnpsTalliesOptions,
): Promise<EnpsTalliesResult> {
  return (await runDuckDbTallies(path, options)).result;
}

/**
 * `duckdbEnpsTallies` with which engine gave the result: `duckdb`, or `csv` when the file went
 * through `csvEnpsTallies` (and why), so that tests can check which path ran. @internal
 */
export async function runDuckDbTallies(
  path: string,
  options: DuckDbEnpsTalliesOptions,
): Promise<{
  readonly result: EnpsTalliesResult;
  readonly engine: 'duckdb' | 'csv';
  readonly why?: string;
}> {
  const invalid = (message: string) => new InternalCustomerError('INVALID_OPTION', message);
  if (options === null || typeof options !== 'object') {
    throw invalid(`${CALLER} requires an options object with the question`);
  }
  const params = aggregationParams(options, CALLER, invalid);
  const { threads, ...rest } = options;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw invalid(`${CALLER} requires threads as a whole number >= 1, got ${String(threads)}`);
  }
  const checked = normaliseReadOptions(CALLER, {
    ...rest,
    schema: { _zod: {}, safeParse: () => undefined },
  });
  if (typeof path !== 'string' || path === '') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${CALLER} requires the path of a CSV file, got ${JSON.stringify(path)}`,
    );
  }
  const api = await loadDuckDb(CALLER);
  const fallback = async (why: string) => ({
    result: await csvEnpsTallies(path, { ...rest, workers: 1 }),
    engine: 'csv' as const,
    why,
  });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${CALLER} could not read ${path}: ${(error as Error).message}`,
    );
  }
  const planned = await planQuery(path, size, checked, params);
  if ('why' in planned) return fallback(planned.why);
  const { read, plan, rules, width, groupIds, keyColumns, others, sqlFor } = planned;

  let connection: DuckDbConnection | undefined;
  try {
    connection = await (await instanceFor(api, threads)).connect();
    const query = connection.runAndReadAll(sqlFor(groupIds));
    query.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    // While DuckDB reads the file in its threads, check its structure here.
    const index = new RecordIndex();
    const structure = scanStructure(path, plan.delimiter, width, index);
    const grouped = await query;
    if (!structure.ok) return fallback('structure');
    const setup = {
      path,
      plan,
      read,
      params,
      rules,
      keyColumns,
      others,
      records: structure.rows,
      index,
    };
    let result = await tallies(grouped.getColumns(), { ...setup, perValue: groupIds });
    if (result === 'recheck') {
      // A group id that is not an id for sure (" Sales"): the ids are checked row by row.
      const again = await connection.runAndReadAll(sqlFor(new Set()));
      result = await tallies(again.getColumns(), { ...setup, perValue: new Set() });
    }
    return result === undefined || result === 'recheck'
      ? fallback('rows not as the rules promised')
      : { result, engine: 'duckdb' };
  } catch (error) {
    if (error instanceof InternalCustomerError) throw error;
    // DuckDB refused the file (ragged rows, a quote never closed, invalid UTF-8 ...).
    return fallback(`DuckDB: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    connection?.closeSync?.();
  }
}

/**
 * The query of `duckdbEnpsTallies` for a file (after reading its header as `readCsv` does), or why
 * the file must go through `csvEnpsTallies`. `rulesOnly` is the floor of any engine that decides
 * the rules in SQL: the same scan and rules, one count, nothing else (the benchmarks time it).
 * @internal
 */
export async function planQuery(
  path: string,
  size: number,
  checked: ReturnType<typeof normaliseReadOptions>,
  params: EnpsAggregationParams,
) {
  const read = tallyReadOptions(checked, params.collection);
  // The delimiter and header exactly as readCsv finds them.
  const plan = await planParts(path, size, 1, read, checked.delimiter).catch(() => undefined);
  if (plan === undefined) return { why: 'no delimiter or header' };
  const planned = planColumns(plan.header, responseSchemaFor(params.groupBy), checked.mapping);
  if (planned.problems.length > 0) return { why: 'the header has problems' };
  const rules = planCleanRows(planned.columns, params);
  if (rules === undefined) return { why: 'the rules do not cover the columns' };

  const width = plan.header.length;
  const names = Array.from({ length: width }, (_, i) => `${sqlString(col(i))}: 'VARCHAR'`);
  // DuckDB's default line size (2 MB): a larger one makes it read the file on one thread; a
  // longer record makes DuckDB refuse the file, and csvEnpsTallies reads it.
  const source = `read_csv(${sqlString(path)}, auto_detect = false, header = true, delim = ${sqlString(plan.delimiter)}, quote = '"', escape = '"', columns = {${names.join(', ')}}, strict_mode = true, null_padding = false)`;
  const groupIds = new Set<number>();
  for (const { index, rule } of rules.rules) {
    const path = planned.columns.find((column) => column.index === index)!.path;
    if ((rule === 'id' || rule === 'optionalId') && params.groupBy.includes(path)) {
      groupIds.add(index);
    }
  }
  // Rows by validity, group key, score text and period month; every row that is not clean also
  // by its other fields (to be read the full way). The key's columns are taken as they are, so
  // only the other fields need a CASE.
  const keyColumns = [...new Set([...rules.groups, rules.score])].filter(
    (index): index is number => index !== undefined,
  );
  const period = params.period === undefined ? 'NULL' : `left(${col(rules.instant)}, 7)`;
  const others = Array.from({ length: width }, (_, i) => i).filter((i) => !keyColumns.includes(i));
  // The text columns come back behind a '|' (added to the grouped rows only): node-api decodes
  // each value with a TextDecoder that drops a leading U+FEFF, which readCsv keeps (and the
  // schema refuses as white space), so a value must never start a decoded string.
  const grouped = (perValue: ReadonlySet<number>) =>
    `SELECT clean, ${keyColumns.map((i) => `${col(i)} AS k${i}`).join(', ')}, CASE WHEN clean THEN ${period} END AS month, ${others.map((i) => `CASE WHEN NOT clean THEN ${col(i)} END AS k${i}`).join(', ')}, count(*) AS n FROM (SELECT *, ${rowRules(rules, perValue, params.cutoffs)} AS clean FROM ${source}) GROUP BY ALL`;
  const sqlFor = (perValue: ReadonlySet<number>) =>
    `SELECT clean, ${keyColumns.map((i) => `'|' || k${i}`).join(', ')}, month, ${others.map((i) => `'|' || k${i}`).join(', ')}, n FROM (${grouped(perValue)})`;
  const rulesOnly = `SELECT count(*) FILTER (WHERE ${rowRules(rules, groupIds, params.cutoffs)}), ${Array.from({ length: width }, (_, i) => `count(${col(i)})`).join(', ')} FROM ${source}`;
  return { read, plan, rules, width, groupIds, keyColumns, others, sqlFor, rulesOnly };
}

/**
 * Turns DuckDB's rows into the result: counts the clean rows' groups (checking the values that
 * are checked once per value), and reads each other row (rare in practice) the full way, once per
 * distinct row, from the fields DuckDB gives: a valid one is counted as often as DuckDB saw it;
 * one with an issue is found in the file (`locateRows`) to number its row and line, and read
 * again there. `'recheck'` when a group key is not an id for sure (its rows were counted before
 * their ids were checked); undefined when anything else is not as DuckDB's rules promised (a row
 * not found, a different number of rows): then `csvEnpsTallies` reads the file.
 */
async function tallies(
  columns: readonly (readonly unknown[])[],
  setup: {
    readonly path: string;
    readonly plan: { readonly delimiter: string; readonly header: string[] };
    readonly read: PartReadOptions;
    readonly params: EnpsAggregationParams;
    readonly rules: CleanPlan;
    readonly perValue: ReadonlySet<number>;
    readonly keyColumns: readonly number[];
    readonly others: readonly number[];
    /** The file's data rows, as the structure scan counted its records. */
    readonly records: number;
    /** Where the structure scan saw each record start. */
    readonly index: RecordIndex;
  },
): Promise<EnpsTalliesResult | 'recheck' | undefined> {
  const { params, rules, perValue, keyColumns, others } = setup;
  const { scaleMin, scaleMax } = params.cutoffs;
  const points = new Map<string, number>();
  for (let value = scaleMin; value <= scaleMax; value++)
    points.set(String(value), value - scaleMin);
  const width = keyColumns.length + others.length;
  const partial = emptyPartial();
  const flagged = new Map<string, { readonly fields: string[]; count: number }>();
  let rows = 0;
  /** A text value of the result without the '|' before it (see `planQuery`). */
  const text = (value: unknown) =>
    value === null || value === undefined ? null : String(value).slice(1);
  /** Each file column's values in the result (the key's, then the period, the others). */
  const byColumn: (readonly unknown[])[] = [];
  keyColumns.forEach((index, position) => {
    byColumn[index] = columns[1 + position]!;
  });
  others.forEach((index, position) => {
    byColumn[index] = columns[2 + keyColumns.length + position]!;
  });
  // No rows: DuckDB gives no columns at all.
  const cleanColumn = columns[0] ?? [];
  const months = columns[1 + keyColumns.length]!;
  const counts = columns[columns.length - 1]!;
  const perValueRules = [...perValue].map((index) => ({
    values: byColumn[index]!,
    rule: rules.rules.find((entry) => entry.index === index)!.rule,
  }));
  const groupValues = rules.groups.map((index) =>
    index === undefined ? undefined : byColumn[index]!,
  );
  const scores = byColumn[rules.score]!;
  for (let row = 0; row < cleanColumn.length; row++) {
    const count = Number(counts[row]);
    rows += count;
    if (cleanColumn[row] !== true) {
      const fields: string[] = [];
      for (let index = 0; index < width; index++) {
        const value = byColumn[index]![row];
        fields.push(text(value) ?? '');
      }
      const key = JSON.stringify(fields);
      const seen = flagged.get(key);
      if (seen === undefined) flagged.set(key, { fields, count });
      else seen.count += count;
      continue;
    }
    // Group ids are checked here, once per distinct value.
    for (const { values, rule } of perValueRules) {
      const value = text(values[row]);
      if (value === null ? rule === 'id' : !isCleanId(value)) return 'recheck';
    }
    const key = groupValues.map((values) => (values === undefined ? null : text(values[row])));
    const score = text(scores[row]);
    const offset = score === null ? -1 : points.get(score);
    if (offset === undefined) return undefined;
    if (params.period !== undefined) {
      const month = String(months[row]);
      key.push(periodOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)), params.period));
    }
    const group = countAnswer(partial.groups, key, offset, points.size);
    // countAnswer counted one: the others of the row's group.
    if (offset < 0) group.skipped += count - 1;
    else group.histogram[offset]! += count - 1;
  }
  if (rows !== setup.records) return undefined;
  if (flagged.size === 0) return talliesResult(partial, rows, params.cutoffs);

  // Each other row the full way, once: counted when valid, else found in the file.
  const options = partOptions(setup.read, params);
  const reader = new RowReader<SurveyResponse>(options, CALLER);
  reader.presetHeader(setup.plan.header);
  const wanted = new Map<string, number>();
  for (const [key, { fields, count }] of flagged) {
    const out: CsvItem<SurveyResponse>[] = [];
    reader.handleRow(fields, 1, 1, out);
    const one = emptyPartial();
    addItems(one, out, params);
    if (one.issues.length > 0) {
      wanted.set(key, count);
      continue;
    }
    for (const group of one.groups.values()) {
      group.skipped *= count;
      for (let index = 0; index < group.histogram.length; index++) group.histogram[index]! *= count;
    }
    mergePartial(partial, one);
  }
  if (wanted.size > 0) {
    const located = await locateRows(setup.path, setup.plan.delimiter, wanted, setup.index);
    if (located === undefined || located.rows !== rows) return undefined;
    const numbered = new RowReader<SurveyResponse>(options, CALLER);
    numbered.presetHeader(setup.plan.header);
    const out: CsvItem<SurveyResponse>[] = [];
    for (const { fields, line, row } of located.found) numbered.handleRow(fields, line, row, out);
    addItems(partial, out, params);
  }
  return talliesResult(partial, rows, params.cutoffs);
}
