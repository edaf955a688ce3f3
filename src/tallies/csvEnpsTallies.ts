import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InternalCustomerError, type ValidationIssue } from '../core/errors.js';
import type { CsvDelimiter, CsvEncoding } from '../csv/readCsv.js';
import { checkTextOptions } from '../internal/csvText/textOptions.js';
import type { EnpsCutoffs } from '../satisfaction/classifyEnps.js';
import type { EnpsTally } from '../satisfaction/enpsTally.js';
import { enpsTallyFromHistogram } from '../satisfaction/enpsTallyFromHistogram.js';
import {
  aggregationParams,
  compareKeys,
  type EnpsPartial,
  type EnpsPeriod,
} from './internal/enpsAggregation.js';
import {
  cleanSetup,
  finishPart,
  mergeParts,
  type PartReadOptions,
  type PartTask,
  planParts,
  readPart,
  responseRowStage,
  runWhole,
} from './internal/enpsParts.js';
import { startWorkers } from './internal/runWorkers.js';

/** Options of {@link csvEnpsTallies}. */
export interface EnpsTalliesOptions {
  /** The eNPS question's id: its answers are in the column `answers.<question>`. */
  readonly question: string;
  /**
   * Columns to group by, such as `['teamId']` or `['surveyId']`. A column that is not a field of
   * `SurveyResponse` is an id (non-empty, no surrounding white space), checked like the others.
   * Default: none (one group).
   */
  readonly groupBy?: readonly string[];
  /** Also group by the UTC month, quarter or year of `submittedAt` (its first day in the key). */
  readonly period?: EnpsPeriod;
  /** Scale and cut-offs. Default 0-10 with detractors 0-6, passives 7-8, promoters 9-10. */
  readonly cutoffs?: Partial<EnpsCutoffs>;
  /** From the file's header names to field paths, as `readCsv`'s `mapping`. */
  readonly mapping?: Readonly<Record<string, string>>;
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: CsvEncoding;
  /** Names the record type in each issue. */
  readonly collection?: string;
  /**
   * Threads that read a large file: this one and `workers - 1` worker threads. Default: one per
   * core (at most 4) for files of 32 MiB or more, else 1 (this thread only). See
   * {@link csvEnpsTallies}.
   */
  readonly workers?: number;
}

/** One group's tally. */
export interface EnpsGroupTally {
  /** The values of the `groupBy` columns (`null` where absent), then the period's first day. */
  readonly key: readonly (string | null)[];
  readonly tally: EnpsTally;
  /** Responses of the group that skipped the question (counted apart, never as zeros). */
  readonly skipped: number;
}

/** The result of {@link csvEnpsTallies}. */
export interface EnpsTalliesResult {
  /** Groups with at least one response, ordered by key. */
  readonly groups: readonly EnpsGroupTally[];
  /** The tally of every counted answer (the merge of the groups). */
  readonly total: EnpsTally;
  /** Responses that skipped the question. */
  readonly skipped: number;
  /** Data rows in the file (valid or not). */
  readonly rows: number;
  /** Every issue, in file order, as `readCsv` reports them, plus `invalid_score`. */
  readonly issues: readonly ValidationIssue[];
}

/** Files from this size up are read in parallel by default. */
const PARALLEL_BYTES = 32 * 1024 * 1024;

/**
 * A part's size when a file is read in parallel: parts are handed to the threads as they free
 * up, so that a thread that starts late (a worker loads for about 0.2 s) or shares its core reads
 * fewer. At most {@link MAX_PARTS} parts.
 */
const PART_BYTES = 4 * 1024 * 1024;
const MAX_PARTS = 256;

/** Turns a partial result into the public one. @internal */
export function talliesResult(
  partial: EnpsPartial,
  rows: number,
  cutoffs: EnpsCutoffs,
): EnpsTalliesResult {
  const groups = [...partial.groups.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((group) => ({
      key: group.key,
      tally: enpsTallyFromHistogram(group.histogram, { cutoffs }),
      skipped: group.skipped,
    }));
  const histogram = new Array<number>(cutoffs.scaleMax - cutoffs.scaleMin + 1).fill(0);
  let skipped = 0;
  for (const group of partial.groups.values()) {
    for (let index = 0; index < histogram.length; index++)
      histogram[index]! += group.histogram[index]!;
    skipped += group.skipped;
  }
  return {
    groups,
    total: enpsTallyFromHistogram(histogram, { cutoffs }),
    skipped,
    rows,
    issues: partial.issues,
  };
}

/**
 * eNPS tallies per group (team, survey, month ...) of a survey-responses CSV file, read, validated
 * and counted in one streaming pass: parse (RFC 4180, as `readCsv`), validate every row with
 * `SurveyResponseSchema` (plus an id check for each group column that is not a response field),
 * and count each response's answer to `question` in its group's histogram. An empty answer is
 * skipped (counted apart); an answer that is not a whole number on the scale (`11`, `7.5`, `"n/a"`)
 * is an `invalid_score` issue and the row counts nowhere. Every invalid row has at least one issue,
 * numbered by data row and line as `readCsv` numbers them.
 *
 * How it is fast: a line that is valid for sure (ids non-empty with printable ASCII at both ends,
 * `submittedAt` as `YYYY-MM-DDTHH:MM:SS(.fff)Z` on a real day, the answer one of the scale's
 * points or empty, no comment ...) and holds no quote is counted straight from its UTF-8 bytes,
 * without decoding it, splitting it into strings or building a record. Every other line (quoted
 * fields, a rule broken or in doubt) is read the full way, as `readCsv` reads it, and the two
 * keep one row and line count, so the tallies, rows and issues are those of `readCsv` followed by
 * a count (the rules only ever imply what the schema decides; property tests check both).
 *
 * Large files are read by several threads (`node:worker_threads`): the file is cut into byte
 * ranges of about 4 MiB that each start just after a line feed outside quotes (an even number of
 * `"` before it), so no quoted field with a line break is cut; this thread and the workers each
 * take the next range as soon as they are free (a worker loads for a moment, and a busy core
 * reads fewer ranges), read, validate and count it; the partial tallies are merged exactly
 * (tallies are a monoid) and the issues renumbered. If any range meets a malformed record (after
 * which quote counting cannot be trusted) the file is read again on one thread, so the result is
 * always that of the single-threaded reader. Memory stays flat whatever the file's size: each
 * thread holds a chunk and the group counts.
 *
 * O(size of the file) / workers.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a missing question, an invalid groupBy,
 * period, worker count or reading option.
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be read.
 * @throws {InternalCustomerError} `INVALID_ENCODING` for bytes that are not valid text.
 *
 * @example
 * const { groups, issues } = await csvEnpsTallies('src/tallies/fixtures/team-responses.csv', { question: 'enps', groupBy: ['teamId'] });
 * groups.map((group) => [group.key[0], group.tally.n, group.skipped]) // => [['t1', 2, 1], ['t2', 1, 0]]
 * issues.map((issue) => [issue.row, issue.code]) // => [[4, 'invalid_score']]
 * csvEnpsTallies('x.csv', { question: '' }) // => throws INVALID_OPTION
 */
export function csvEnpsTallies(
  path: string,
  options: EnpsTalliesOptions,
): Promise<EnpsTalliesResult> {
  return runCsvEnpsTallies(path, options).then(({ result }) => result);
}

/**
 * `csvEnpsTallies` with how many threads read the file's parts (1 when it was read on this thread
 * alone, also after a parallel attempt that failed or met a malformed record), so that tests can
 * check that the parallel path ran. Throws synchronously for invalid options, as
 * `csvEnpsTallies` does. @internal
 */
export function runCsvEnpsTallies(
  path: string,
  options: EnpsTalliesOptions,
): Promise<{ readonly result: EnpsTalliesResult; readonly threads: number }> {
  const invalid = (message: string) => new InternalCustomerError('INVALID_OPTION', message);
  if (options === null || typeof options !== 'object') {
    throw invalid('csvEnpsTallies requires an options object with the question');
  }
  const params = aggregationParams(options, 'csvEnpsTallies', invalid);
  const { workers } = options;
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
    throw invalid(
      `csvEnpsTallies requires workers as a whole number from 1 to 64, got ${String(workers)}`,
    );
  }
  // The reading options are checked as readCsv checks them.
  const { delimiter, encoding } = checkTextOptions('csvEnpsTallies', options);
  const read: PartReadOptions = {
    mapping: options.mapping,
    encoding,
    collection: params.collection,
  };
  responseRowStage(read, params);
  if (typeof path !== 'string' || path === '') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `csvEnpsTallies requires the path of a CSV file, got ${JSON.stringify(path)}`,
    );
  }
  return run(path, read, delimiter, params, workers);
}

async function run(
  path: string,
  read: PartReadOptions,
  delimiter: CsvDelimiter | undefined,
  params: ReturnType<typeof aggregationParams>,
  workers: number | undefined,
): Promise<{ readonly result: EnpsTalliesResult; readonly threads: number }> {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `csvEnpsTallies could not read ${path}: ${(error as Error).message}`,
    );
  }
  const count =
    workers ?? (size >= PARALLEL_BYTES ? Math.min(4, Math.max(1, availableParallelism())) : 1);
  // Worker threads load while the parts are planned.
  const pool = count > 1 ? startWorkers(count - 1) : undefined;
  const parts = count > 1 ? Math.max(count, Math.min(MAX_PARTS, Math.ceil(size / PART_BYTES))) : 1;
  const plan = await planParts(path, size, parts, read, delimiter).catch(() => undefined);
  if (pool !== undefined) {
    if (plan === undefined || plan.boundaries.length === 0) pool.release();
    else {
      const clean = cleanSetup(plan.header, read, params);
      const starts = [0, ...plan.boundaries];
      const tasks: PartTask[] = starts.map((start, index) => ({
        path,
        start,
        end: plan.boundaries[index] ?? size,
        delimiter: plan.delimiter,
        header: index === 0 ? undefined : plan.header,
        read,
        params,
        clean,
      }));
      // This thread reads parts too, from the first, while the workers load.
      const results = await pool.run(tasks, readPart, finishPart).catch(() => undefined);
      // A part that failed (an unreadable part ...) or is unsure: the single-threaded reader
      // reports the file exactly.
      if (results !== undefined && !results.some((result) => result.unsure)) {
        const { partial, rows } = mergeParts(results, params.collection);
        return { result: talliesResult(partial, rows, params.cutoffs), threads: count };
      }
    }
  }
  const { partial, rows } = await runWhole(path, read, plan, delimiter, params, size);
  return { result: talliesResult(partial, rows, params.cutoffs), threads: 1 };
}
