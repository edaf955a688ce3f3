import { closeSync, openSync, readSync } from 'node:fs';
import type { ValidationIssue } from '../../core/errors.js';
import type { SurveyResponse } from '../../schemas/survey.js';
import {
  type CsvItem,
  RowReader,
  readBatches,
  SAMPLE_CHARS,
  type ShortcutReading,
} from '../readCsv.js';
import { cleanFieldsCounter } from './cleanRules.js';
import { decodeChunks } from './decodeChunks.js';
import { detectDelimiter } from './detectDelimiter.js';
import {
  addItems,
  type EnpsAggregationParams,
  type EnpsPartial,
  emptyPartial,
  mergePartial,
  responseSchemaFor,
} from './enpsAggregation.js';
import { createFastRecordParser } from './fastRecordParser.js';
import { fileChunks } from './fileChunks.js';
import { GroupCounter, groupId } from './groupCounts.js';
import { planCleanRows } from './planCleanRows.js';
import { planColumns } from './planColumns.js';
import type { NormalisedReadOptions } from './readOptions.js';
import {
  type CleanSetup,
  type LineFilter,
  type PartResult,
  type PartTask,
  type RowEntry,
  splitPart,
} from './splitRange.js';

export type { PartResult, PartTask } from './splitRange.js';

/** The reading options that cross to a worker (the schema is rebuilt there from the params). @internal */
export interface PartReadOptions {
  readonly mapping: Readonly<Record<string, string>> | undefined;
  readonly encoding: NormalisedReadOptions['encoding'];
  readonly decimalComma: boolean;
  readonly dateFormat: string | undefined;
  readonly restoreFormulas: boolean;
  readonly collection: string | undefined;
}

/**
 * The reading options of an eNPS file reader from the checked ones: text as it is (no decimal
 * comma, date format or restored formulas, which the tallies never need). @internal
 */
export function tallyReadOptions(
  checked: Pick<NormalisedReadOptions, 'mapping' | 'encoding'>,
  collection: string | undefined,
): PartReadOptions {
  return {
    mapping: checked.mapping,
    encoding: checked.encoding,
    decimalComma: false,
    dateFormat: undefined,
    restoreFormulas: false,
    collection,
  };
}

/** The normalised reading options of a responses file. @internal */
export function partOptions(read: PartReadOptions, params: EnpsAggregationParams) {
  return {
    schema: responseSchemaFor(params.groupBy),
    mapping: read.mapping,
    delimiter: undefined,
    encoding: read.encoding,
    decimalComma: read.decimalComma,
    dateFormat: read.dateFormat,
    strict: false,
    restoreFormulas: read.restoreFormulas,
    collection: read.collection,
  } satisfies NormalisedReadOptions;
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

/** The `readBatches` shortcut that counts the rows valid for sure (the text form of the rules). */
function fieldsShortcut(params: EnpsAggregationParams, partial: EnpsPartial): ShortcutReading {
  return {
    shortcut: (columns) => {
      const plan = planCleanRows(columns, params);
      return plan === undefined
        ? undefined
        : cleanFieldsCounter(
            plan,
            params,
            new GroupCounter(partial.groups, params.cutoffs, params.period),
          );
    },
    rows: 0,
  };
}

/**
 * The "valid for sure" rules of a file with this header (undefined when they do not cover its
 * columns, or formulas are restored: then every row is read the full way). @internal
 */
export function cleanSetup(
  header: readonly string[],
  read: PartReadOptions,
  params: EnpsAggregationParams,
): CleanSetup | undefined {
  if (read.restoreFormulas) return undefined;
  const { columns } = planColumns(header, responseSchemaFor(params.groupBy), read.mapping);
  const plan = planCleanRows(columns, params);
  return plan === undefined ? undefined : { plan, headerLength: header.length };
}

/**
 * The second stage of a part (after or beside `splitPart`): reads its remaining rows the full way
 * (`RowReader`: conversion, schema, issues, each row numbered as `splitPart` numbered it) and
 * counts them with `addItems`, as they come. @internal
 */
class EntryReader {
  readonly partial = emptyPartial();
  private readonly reader: RowReader<SurveyResponse>;

  constructor(private readonly task: PartTask) {
    this.reader = new RowReader<SurveyResponse>(
      partOptions(task.read, task.params),
      'csvEnpsTallies',
    );
    if (task.header !== undefined) this.reader.presetHeader(task.header);
  }

  read(entries: readonly RowEntry[]): void {
    const out: CsvItem<SurveyResponse>[] = [];
    for (const entry of entries) this.reader.handleAt(entry, entry.row, out);
    addItems(this.partial, out, this.task.params);
  }

  /** The part's result with these rows read (for the whole file, an empty one gets its issue). */
  complete(result: PartResult, whole: boolean): PartResult {
    this.read(result.entries);
    if (whole) {
      const out: CsvItem<SurveyResponse>[] = [];
      this.reader.finish(out);
      addItems(this.partial, out, this.task.params);
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
 * Reads a part with a line filter (`splitPart`), reading the full way only the records `keep`
 * takes (and the header). @internal
 */
export async function readPartRows(
  task: PartTask,
  keep: (entry: RowEntry) => boolean,
  filter: LineFilter,
): Promise<PartResult> {
  const second = new EntryReader(task);
  const taken = (entries: readonly RowEntry[]) =>
    entries.filter((entry) => entry.row === 0 || keep(entry));
  const result = await splitPart(task, (entries) => second.read(taken(entries)), filter);
  return second.complete({ ...result, entries: taken(result.entries) }, false);
}

/**
 * Reads a whole file on this thread: from its bytes (`splitPart`, `finishPart`) when it is UTF-8
 * and its delimiter and header are known, else (or when its bytes are not valid UTF-8, so that
 * the error is worded as `readCsv` words it) as text with `readBatches`. @internal
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
  const options = { ...partOptions(read, params), delimiter: delimiter as never };
  const partial = emptyPartial();
  const shortcut = fieldsShortcut(params, partial);
  for await (const batch of readBatches<SurveyResponse>(
    fileChunks(path),
    options,
    'csvEnpsTallies',
    undefined,
    shortcut,
  )) {
    addItems(partial, batch, params);
  }
  return { partial, rows: shortcut.rows };
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
  const pieces: string[] = [];
  let complete = false;
  try {
    let length = 0;
    while (length < SAMPLE_CHARS) {
      const next = await text.next();
      if (next.done === true) {
        complete = true;
        break;
      }
      pieces.push(next.value);
      length += next.value.length;
    }
  } catch {
    return undefined; // The reader on one thread reports the encoding problem.
  } finally {
    await text.return();
  }
  const sample = pieces.join('');
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
