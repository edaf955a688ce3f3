import { statSync } from 'node:fs';
import { InternalCustomerError } from '../core/errors.js';
import {
  csvEnpsTallies,
  type EnpsTalliesOptions,
  type EnpsTalliesResult,
  talliesResult,
} from '../csv/csvEnpsTallies.js';
import {
  addItems,
  aggregationParams,
  type EnpsAggregationParams,
  emptyPartial,
  responseSchemaFor,
} from '../csv/internal/enpsAggregation.js';
import { partOptions, planParts } from '../csv/internal/enpsParts.js';
import { type Column, planColumns } from '../csv/internal/planColumns.js';
import { normaliseReadOptions } from '../csv/internal/readOptions.js';
import { type CsvItem, RowReader } from '../csv/readCsv.js';
import type { SurveyResponse } from '../schemas/survey.js';
import { type DuckDbConnection, loadDuckDb } from './internal/loadDuckDb.js';
import { scanStructure } from './internal/scanStructure.js';

/** Options of {@link duckdbEnpsTallies}: those of `csvEnpsTallies`, less `workers`. */
export interface DuckDbEnpsTalliesOptions extends Omit<EnpsTalliesOptions, 'workers'> {
  /** DuckDB threads. Default: DuckDB's (one per core). */
  readonly threads?: number;
}

const CALLER = 'duckdbEnpsTallies';

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A column reference by position (the header's own names may repeat or need quoting). */
function col(index: number): string {
  return `c${index}`;
}

/**
 * An id (`IdSchema`) for sure: non-empty, first and last characters printable ASCII (so not white
 * space, which is all that `trim` removes). `.` does not match a line break, which is fine: such
 * an id is only read again.
 */
function idRule(c: string): string {
  return `regexp_full_match(${c}, '[!-~](.*[!-~])?')`;
}

/**
 * The SQL that says a row is valid for sure (then it is counted in SQL); any other row is read
 * again by the JavaScript reader, which decides and words its issues. So each rule only needs to
 * imply `readCsv`'s verdict, and the results are the same by construction. Undefined when a
 * column the rules do not know is mapped (then the JavaScript reader reads the whole file).
 */
function cleanRule(
  columns: readonly Column[],
  params: EnpsAggregationParams,
): { clean: string; score: number } | undefined {
  const rules: string[] = [];
  const byPath = new Map(columns.map((column) => [column.path, column.index]));
  const scorePath = `answers.${params.question}`;
  const score = byPath.get(scorePath);
  for (const required of ['id', 'surveyId', 'submittedAt']) {
    if (!byPath.has(required)) return undefined;
  }
  if (score === undefined) return undefined;
  for (const name of params.groupBy) {
    if (!byPath.has(name) && name !== 'respondentId') return undefined;
  }
  const { scaleMin, scaleMax } = params.cutoffs;
  const points: string[] = [];
  for (let value = scaleMin; value <= scaleMax; value++) points.push(sqlString(String(value)));
  for (const column of columns) {
    const c = col(column.index);
    const path = column.path;
    if (
      path === 'id' ||
      path === 'surveyId' ||
      (params.groupBy.includes(path) && path !== 'respondentId')
    ) {
      rules.push(idRule(c));
    } else if (path === 'respondentId') {
      rules.push(`(${c} IS NULL OR ${idRule(c)})`);
    } else if (path === 'submittedAt') {
      rules.push(
        // YYYY-MM-DDTHH:MM:SSZ with a real day and hour (zod's datetime accepts all of these).
        `(${c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z' AND substr(${c}, 12, 2) <= '23' AND left(${c}, 4) >= '1000' AND try_cast(left(${c}, 10) AS DATE) IS NOT NULL)`,
      );
    } else if (path === scorePath) {
      rules.push(`(${c} IS NULL OR ${c} IN (${points.join(', ')}))`);
    } else if (path.startsWith('answers.') && column.segments.length === 2) {
      // Any text is an answer; only a decimal too long for a finite number is not.
      rules.push(`(${c} IS NULL OR length(${c}) <= 300)`);
    } else if (path === 'comments') {
      rules.push(`(${c} IS NULL OR ${c} = '[]')`);
    } else {
      return undefined;
    }
  }
  // NULL (an empty cell in a rule) is not clean.
  return { clean: `coalesce(${rules.join(' AND ')}, false)`, score };
}

/** Line breaks in a row's text as `readCsv` counts lines (CRLF, LF and CR each one). */
function breaksSql(count: number): string {
  const all = `concat_ws(chr(31), ${Array.from({ length: count }, (_, i) => col(i)).join(', ')})`;
  return `(length(${all}) - length(replace(${all}, chr(10), '')) + length(${all}) - length(replace(${all}, chr(13), '')) - (length(${all}) - length(replace(${all}, chr(13) || chr(10), ''))) // 2)`;
}

function periodSql(c: string, params: EnpsAggregationParams): string | undefined {
  switch (params.period) {
    case undefined:
      return undefined;
    case 'year':
      return `left(${c}, 4) || '-01-01'`;
    case 'month':
      return `left(${c}, 7) || '-01'`;
    case 'quarter':
      return `left(${c}, 5) || lpad(CAST(((CAST(substr(${c}, 6, 2) AS INTEGER) - 1) // 3) * 3 + 1 AS VARCHAR), 2, '0') || '-01'`;
  }
}

function breaksOf(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let index = 0; index < field.length; index++) {
      const code = field.charCodeAt(index);
      if (code === 10) breaks++;
      else if (code === 13) {
        breaks++;
        if (field.charCodeAt(index + 1) === 10) index++;
      }
    }
  }
  return breaks;
}

/**
 * eNPS tallies per group of a survey-responses CSV file, computed by DuckDB (embedded, no server):
 * the same options, result and issues as `csvEnpsTallies` (from `internal-customer/csv`), for
 * files too large to read quickly in JavaScript. `@duckdb/node-api` is an optional peer dependency,
 * loaded on first call (`npm install @duckdb/node-api`).
 *
 * How the results stay the same: DuckDB reads the file (`read_csv`, every column as text, strict)
 * and applies, in SQL, rules that each imply `readCsv`'s verdict (an id is non-empty with
 * printable ASCII at both ends; an instant is `YYYY-MM-DDTHH:MM:SS(.fff)Z` on a real day; an
 * answer is one of `0` ... `10` or empty ...). Rows that pass are counted with one `GROUP BY`
 * (a histogram column per scale point). Every other row, rare in practice, is read again by the
 * JavaScript reader from DuckDB's values, which decides it and words its issues, with its row
 * and line numbers. Whatever DuckDB and `readCsv` could read differently (a misplaced quote, a
 * blank line between records, a ragged row, text that is not UTF-8, a mapped column the rules
 * do not cover) makes the whole file go through `csvEnpsTallies` instead: slower, never different.
 * `duckdbEnpsTallies.test.ts` compares the two on files full of near-valid rows.
 *
 * O(size of the file), in DuckDB's threads; memory stays flat (DuckDB streams the file).
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
  const fallback = () => csvEnpsTallies(path, { ...rest, workers: 1 });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${CALLER} could not read ${path}: ${(error as Error).message}`,
    );
  }
  const read = {
    mapping: checked.mapping,
    encoding: checked.encoding,
    decimalComma: false,
    dateFormat: undefined,
    restoreFormulas: false,
    collection: params.collection,
  };
  // The delimiter and header exactly as readCsv finds them (planned as one part of two).
  const plan = await planParts(path, size, 1, read, checked.delimiter).catch(() => undefined);
  if (plan === undefined) return fallback();
  const schema = responseSchemaFor(params.groupBy);
  const planned = planColumns(plan.header, schema, checked.mapping);
  if (planned.problems.length > 0) return fallback();
  const rule = cleanRule(planned.columns, params);
  if (rule === undefined) return fallback();

  const width = plan.header.length;
  const names = Array.from({ length: width }, (_, i) => `${sqlString(col(i))}: 'VARCHAR'`);
  const source = `read_csv(${sqlString(path)}, auto_detect = false, header = true, delim = ${sqlString(plan.delimiter)}, quote = '"', escape = '"', columns = {${names.join(', ')}}, strict_mode = true, null_padding = false, max_line_size = 16777216)`;
  const byPath = new Map(planned.columns.map((column) => [column.path, column.index]));
  const groupSql = params.groupBy.map((name) => {
    const index = byPath.get(name);
    return index === undefined ? 'NULL' : col(index);
  });
  const period = periodSql(col(byPath.get('submittedAt')!), params);
  if (period !== undefined) groupSql.push(period);
  const keys = groupSql.map((sql, i) => `${sql} AS k${i}`);
  const { scaleMin, scaleMax } = params.cutoffs;
  const score = col(rule.score);
  const histogram: string[] = [];
  for (let value = scaleMin; value <= scaleMax; value++) {
    histogram.push(`count(*) FILTER (WHERE ${score} = ${sqlString(String(value))})`);
  }

  const instance = await api.DuckDBInstance.create(
    ':memory:',
    threads === undefined ? {} : { threads: String(threads) },
  );
  let connection: DuckDbConnection | undefined;
  try {
    connection = await instance.connect();
    const columnsSql = Array.from({ length: width }, (_, i) => col(i));
    // First scan: the rows valid for sure, counted per group. The others only say whether any.
    const query = connection.runAndReadAll(
      `SELECT ${[`${rule.clean} AS clean`, ...keys, ...histogram, `count(*) FILTER (WHERE ${score} IS NULL)`, 'count(*)'].join(', ')} FROM ${source} GROUP BY ALL`,
    );
    query.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    // While DuckDB reads the file in its threads, check its structure here.
    const structure = scanStructure(path, plan.delimiter);
    const grouped = await query;
    if (!structure.ok) return fallback();
    const partial = emptyPartial();
    const keyCount = groupSql.length;
    let rows = 0;
    let unsure = 0;
    for (const values of grouped.getRows()) {
      const count = Number(values[values.length - 1]);
      rows += count;
      if (values[0] !== true) {
        unsure += count;
        continue;
      }
      const key = values
        .slice(1, 1 + keyCount)
        .map((value) => (value === null ? null : String(value)));
      const counts = values.slice(1 + keyCount, values.length - 1).map(Number);
      partial.groups.set(JSON.stringify(key), {
        key,
        histogram: counts.slice(0, counts.length - 1),
        skipped: counts[counts.length - 1]!,
      });
    }
    if (unsure > 0) {
      // Second scan, only when some row is not valid for sure: those rows, numbered, and the
      // line breaks inside every row that has any (for the line numbers).
      const breaks = breaksSql(width);
      const anyBreak = columnsSql
        .map((c) => `contains(${c}, chr(10)) OR contains(${c}, chr(13))`)
        .join(' OR ');
      const detail = await connection.runAndReadAll(
        `SELECT row, clean, CASE WHEN has_breaks THEN ${breaks} ELSE 0 END, ${columnsSql.join(', ')} FROM (SELECT row_number() OVER () AS row, ${rule.clean} AS clean, (${anyBreak}) AS has_breaks, * FROM ${source}) WHERE NOT clean OR has_breaks ORDER BY row`,
      );
      const reader = new RowReader<SurveyResponse>(partOptions(read, params), 'readCsv');
      reader.presetHeader(plan.header);
      // Lines: the header's, then each row's own plus the line breaks inside earlier rows.
      const headerLines = 1 + breaksOf(plan.header);
      let before = 0;
      const out: CsvItem<SurveyResponse>[] = [];
      for (const values of detail.getRows()) {
        const row = Number(values[0]);
        if (values[1] !== true) {
          const fields = values.slice(3).map((value) => (value === null ? '' : String(value)));
          reader.handleRow(fields, headerLines + row + before, row, out);
        }
        before += Number(values[2]);
      }
      addItems(partial, out, params);
    }
    // The SQL groups and the re-read rows share keys: merge them (JSON keys on both sides).
    return talliesResult(regroup(partial), rows, params.cutoffs);
  } catch (error) {
    if (error instanceof InternalCustomerError) throw error;
    // DuckDB refused the file (ragged rows, a quote never closed, invalid UTF-8 ...).
    return fallback();
  } finally {
    connection?.closeSync?.();
    instance.closeSync?.();
  }
}

/** Re-keys groups by their JSON key, merging groups that the two sides keyed differently. */
function regroup(partial: ReturnType<typeof emptyPartial>) {
  const merged = emptyPartial();
  for (const group of partial.groups.values()) {
    const id = JSON.stringify(group.key);
    const existing = merged.groups.get(id);
    if (existing === undefined) {
      merged.groups.set(id, {
        key: group.key,
        histogram: [...group.histogram],
        skipped: group.skipped,
      });
    } else {
      for (let index = 0; index < group.histogram.length; index++)
        existing.histogram[index]! += group.histogram[index]!;
      existing.skipped += group.skipped;
    }
  }
  for (const issue of partial.issues) merged.issues.push(issue);
  return merged;
}
