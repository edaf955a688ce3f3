import { closeSync, openSync, readSync } from 'node:fs';
import type { ValidationIssue } from '../../core/errors.js';
import { createRowStage, type RowStage } from '../../csv/createRowStage.js';
import type { CsvItem } from '../../csv/readCsv.js';
import { decodeChunks } from '../../internal/csvText/decodeChunks.js';
import { detectDelimiter } from '../../internal/csvText/detectDelimiter.js';
import { createFastRecordParser } from '../../internal/csvText/fastRecordParser.js';
import { fileChunks } from '../../internal/csvText/fileChunks.js';
import { readSample, recordBatches } from '../../internal/csvText/recordBatches.js';
import { type CsvEncoding, SAMPLE_CHARS } from '../../internal/csvText/textOptions.js';
import type { SurveyResponse } from '../../schemas/survey.js';
import { cleanFieldsCounter } from './cleanRules.js';
import {
  addItems,
  type EnpsAggregationParams,
  emptyPartial,
  mergePartial,
  responseSchemaFor,
} from './enpsAggregation.js';
import { GroupCounter, groupId } from './groupCounts.js';
import { planCleanRows } from './planCleanRows.js';
import {
  type CleanSetup,
  type PartResult,
  type PartTask,
  type RowEntry,
  splitPart,
} from './splitRange.js';

export type { PartResult, PartTask } from './splitRange.js';

/** The reading options that cross to a worker (the schema is rebuilt there from the params). @internal */
export interface PartReadOptions {
  readonly mapping: Readonly<Record<string, string>> | undefined;
  readonly encoding: CsvEncoding | undefined;
  readonly collection: string | undefined;
}

/**
 * The row stage of a responses file (`createRowStage` of `csv`): the text as it is (no decimal
 * comma, date format or restored formulas, which the tallies never need). @internal
 */
export function responseRowStage(
  read: PartReadOptions,
  params: EnpsAggregationParams,
): RowStage<SurveyResponse> {
  return createRowStage({
    schema: responseSchemaFor(params.groupBy),
    ...(read.mapping === undefined ? {} : { mapping: read.mapping }),
    ...(read.collection === undefined ? {} : { collection: read.collection }),
    caller: 'csvEnpsTallies',
  });
}

/** Whether a file is read as UTF-8: by the option, or by its first bytes as `readCsv` decides. */
function isUtf8File(path: string, encoding: PartReadOptions['encoding']): boolean {
  if (encoding !== undefined) return encoding === 'utf-8';
  const head = Buffer.alloc(4);
  let length = 0;
  const file = openSync(path, 'r');
  try {
    length = readSync(file, head, 0, 4, 0);
  } finally {
    closeSync(file);
  }
  const bytes = head.subarray(0, length);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return false;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
  return !bytes.includes(0);
}

/**
 * The "valid for sure" rules of a file with this header (undefined when they do not cover its
 * columns: then every row is read the full way). @internal
 */
export function cleanSetup(
  header: readonly string[],
  read: PartReadOptions,
  params: EnpsAggregationParams,
): CleanSetup | undefined {
  const stage = responseRowStage(read, params);
  stage.header(header, 0);
  const plan = planCleanRows(stage.columns!, params);
  return plan === undefined ? undefined : { plan, headerLength: header.length };
}

/**
 * The second stage of a part (after or beside `splitPart`): reads its remaining rows the full way
 * (the row stage of `csv`: conversion, schema, issues, each row numbered as `splitPart` numbered
 * it) and counts them with `addItems`, as they come. @internal
 */
class EntryReader {
  readonly partial = emptyPartial();
  private readonly stage: RowStage<SurveyResponse>;

  constructor(private readonly task: Pick<PartTask, 'header' | 'read' | 'params'>) {
    this.stage = responseRowStage(task.read, task.params);
    // A part after the first: the first part reports the header's issues.
    if (task.header !== undefined) this.stage.header(task.header, 0);
  }

  read(entries: readonly RowEntry[]): void {
    const out: CsvItem<SurveyResponse>[] = [];
    const stage = this.stage;
    for (const entry of entries) {
      if ('problem' in entry) stage.malformed(entry.problem, entry.row, entry.line, out);
      else if (entry.row === 0) stage.header(entry.fields, entry.line, out);
      else stage.row(entry.fields, entry.row, entry.line, out);
    }
    addItems(this.partial, out, this.task.params);
  }

  /** The planned columns and the header's length, once the header is read. */
  get columns() {
    return this.stage.columns;
  }

  /** The part's result with these rows read (for the whole file, an empty one gets its issue). */
  complete(result: PartResult, whole: boolean): PartResult {
    this.read(result.entries);
    if (whole && this.stage.columns === undefined) {
      addItems(this.partial, this.stage.noHeader(), this.task.params);
    }
    mergePartial(this.partial, {
      groups: new Map(result.groups.map((group) => [groupId(group.key), group])),
      issues: [],
    });
    return {
      ...result,
      groups: [...this.partial.groups.values()],
      issues: [...result.issues, ...this.partial.issues],
      entries: [],
    };
  }
}

/** Reads the rows a part left (a worker's result) the full way, on this thread. @internal */
export function finishPart(result: PartResult, task: PartTask): PartResult {
  if (result.entries.length === 0) return result;
  return new EntryReader(task).complete(result, false);
}

/** Reads one part on this thread, both stages, the second as rows come. @internal */
export async function readPart(task: PartTask, whole = false): Promise<PartResult> {
  const second = new EntryReader(task);
  const result = await splitPart(task, (entries) => second.read(entries));
  return second.complete(result, whole);
}

/**
 * Reads a whole file on this thread: from its bytes (`splitPart`, `finishPart`) when it is UTF-8
 * and its delimiter and header are known, else (or when its bytes are not valid UTF-8, so that
 * the error is worded as `readCsv` words it) as text (`recordBatches`), counting the rows that are
 * valid for sure from their fields. @internal
 */
export async function runWhole(
  path: string,
  read: PartReadOptions,
  plan: { readonly delimiter: string; readonly header: readonly string[] } | undefined,
  delimiter: string | undefined,
  params: EnpsAggregationParams,
  size: number,
) {
  if (plan !== undefined && isUtf8File(path, read.encoding)) {
    const task: PartTask = {
      path,
      start: 0,
      end: size,
      delimiter: plan.delimiter,
      header: undefined,
      read,
      params,
      clean: cleanSetup(plan.header, read, params),
    };
    try {
      const result = await readPart(task, true);
      const partial = emptyPartial();
      for (const group of result.groups) partial.groups.set(groupId(group.key), group);
      for (const issue of result.issues) partial.issues.push(issue);
      return { partial, rows: result.rows };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const second = new EntryReader({ header: undefined, read, params });
  let take: ((fields: readonly string[]) => boolean) | undefined;
  let headerLength = -1;
  let rows = 0;
  const entries: RowEntry[] = [];
  for await (const batch of recordBatches(
    fileChunks(path),
    { delimiter, encoding: read.encoding },
    'csvEnpsTallies',
  )) {
    for (const entry of batch) {
      const row = headerLength < 0 ? 0 : ++rows;
      if (!('problem' in entry) && row === 0) {
        headerLength = entry.fields.length;
        // The header is read first, so that the rows after it can be counted from their fields.
        second.read([{ ...entry, row }]);
        const plan = planCleanRows(second.columns!, params);
        if (plan !== undefined) {
          const counter = new GroupCounter(second.partial.groups, params.cutoffs, params.period);
          take = cleanFieldsCounter(plan, params, counter);
        }
        continue;
      }
      if ('fields' in entry && entry.fields.length === headerLength && take?.(entry.fields))
        continue;
      entries.push({ ...entry, row });
    }
    second.read(entries);
    entries.length = 0;
  }
  const result = second.complete(
    { groups: [], issues: [], entries: [], rows, lines: 0, unsure: false },
    true,
  );
  const partial = emptyPartial();
  for (const group of result.groups) partial.groups.set(groupId(group.key), group);
  for (const issue of result.issues) partial.issues.push(issue);
  return { partial, rows };
}

/** Merges the parts' results in file order, numbering rows and lines from the file's start. @internal */
export function mergeParts(results: readonly PartResult[], collection: string | undefined) {
  const partial = emptyPartial();
  let rowOffset = 0;
  let lineOffset = 0;
  const prefix = collection === undefined ? 'row ' : `${collection} row `;
  for (const result of results) {
    const shifted: ValidationIssue[] = result.issues.map((issue) => {
      if (rowOffset === 0 && lineOffset === 0) return issue;
      const local = `${prefix}${issue.row}`;
      const message = issue.message.startsWith(local)
        ? `${prefix}${issue.row + rowOffset}${issue.message.slice(local.length)}`
        : issue.message;
      return {
        ...issue,
        row: issue.row + rowOffset,
        message,
        ...(issue.line === undefined ? {} : { line: issue.line + lineOffset }),
      };
    });
    mergePartial(partial, {
      groups: new Map(result.groups.map((group) => [JSON.stringify(group.key), group])),
      issues: shifted,
    });
    rowOffset += result.rows;
    lineOffset += result.lines;
  }
  return { partial, rows: rowOffset };
}

/**
 * Plans the parts of a UTF-8 file: the delimiter and header as `readCsv` finds them, and
 * boundaries near equal byte shares, each just after a line feed outside quotes (an even number
 * of `"` before it). Returns undefined when the file should be read on one thread (not UTF-8 by
 * its first bytes or the options, too small, or no header in the first 64 KiB). Whether each
 * boundary really is a record boundary is confirmed by reading the parts: a part that meets a
 * malformed record makes the caller read the file on one thread. One pass over the file's bytes
 * (counting quotes with `indexOf`), in blocks, so memory stays flat. @internal
 */
export async function planParts(
  path: string,
  size: number,
  parts: number,
  read: PartReadOptions,
  delimiterOption: string | undefined,
): Promise<{ delimiter: string; header: string[]; boundaries: number[] } | undefined> {
  if (read.encoding !== undefined && read.encoding !== 'utf-8') return undefined;
  const text = decodeChunks(fileChunks(path), read.encoding, 'csvEnpsTallies');
  let start: { readonly sample: string; readonly complete: boolean };
  try {
    start = await readSample(text);
  } catch {
    return undefined; // The reader on one thread reports the encoding problem.
  } finally {
    await text.return();
  }
  const { sample, complete } = start;
  if (sample.length === 0) return undefined;
  const delimiter = delimiterOption ?? (await detectDelimiter(sample, complete));
  const parser = createFastRecordParser(delimiter, 'csvEnpsTallies');
  await parser.write(sample.slice(0, SAMPLE_CHARS));
  const header = parser.queue[0];
  parser.destroy();
  if (header === undefined || !('fields' in header) || (complete && parts > 1)) return undefined;
  const boundaries = parts > 1 ? quoteAwareBoundaries(path, size, parts) : [];
  return { delimiter, header: header.fields, boundaries };
}

/** Byte offsets just after a line feed with an even number of quotes before it, near k/parts of the file. */
function quoteAwareBoundaries(path: string, size: number, parts: number): number[] {
  const targets: number[] = [];
  for (let index = 1; index < parts; index++) targets.push(Math.floor((size * index) / parts));
  const boundaries: number[] = [];
  const block = Buffer.allocUnsafe(4 * 1024 * 1024);
  const file = openSync(path, 'r');
  try {
    let base = 0;
    let odd = false;
    let target = 0;
    while (target < targets.length && base < size) {
      const length = readSync(file, block, 0, block.length, base);
      if (length <= 0) break;
      let position = 0;
      const flipsBefore = (end: number) => {
        let quote = block.indexOf(34, position);
        while (quote >= 0 && quote < end) {
          odd = !odd;
          quote = block.indexOf(34, quote + 1);
        }
        position = end;
      };
      while (target < targets.length) {
        const goal = targets[target]! - base;
        if (goal >= length) break;
        if (goal > position) flipsBefore(goal);
        const feed = block.indexOf(10, position);
        if (feed < 0 || feed >= length) break;
        flipsBefore(feed);
        position = feed + 1;
        if (!odd) {
          const boundary = base + feed + 1;
          if (boundary < size && boundary > (boundaries[boundaries.length - 1] ?? 0)) {
            boundaries.push(boundary);
          }
          target++;
        }
      }
      flipsBefore(length);
      base += length;
    }
  } finally {
    closeSync(file);
  }
  return boundaries;
}
