import type * as z from 'zod';
import type { ValidationIssue } from '../core/errors.js';
import { recordBatches } from '../internal/csvText/recordBatches.js';
import type { CsvDelimiter, CsvEncoding } from '../internal/csvText/textOptions.js';
import { validationError } from '../internal/rows/parseRow.js';
import { RowStageReader } from './createRowStage.js';
import {
  chunksOf,
  type NormalisedReadOptions,
  normaliseReadOptions,
} from './internal/readOptions.js';

export type { CsvDelimiter, CsvEncoding } from '../internal/csvText/textOptions.js';

/**
 * Where CSV text comes from: a string or bytes (one chunk), or an iterable or async iterable of
 * byte (`Uint8Array`, `Buffer`) or string chunks, such as a Node `Readable` or a generator.
 */
export type CsvSource =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** Options of {@link readCsv} and `readCsvFile`. */
export interface ReadCsvOptions<S extends z.ZodType = z.ZodType> {
  /** The zod schema of one record (for example `EmployeeSchema`); it also guides conversion. */
  readonly schema: S;
  /**
   * From the file's header names to field paths of the schema (`{ "Employee Number": "id",
   * "Location": "attributes.location" }`); a dotted path builds nested objects. Columns not listed
   * are ignored, and a listed header the file lacks is no issue in itself (the schema reports the
   * fields it requires). Without a mapping, a header that is a field path of the schema fills
   * that field and other columns are ignored. `parseCsvMapping` reads one from a JSON file.
   */
  readonly mapping?: Readonly<Record<string, string>>;
  /** `,` `;` or tab. Default: detected from the start of the input (see {@link readCsv}). */
  readonly delimiter?: CsvDelimiter;
  /** Default: from the byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE), UTF-8 without one. */
  readonly encoding?: CsvEncoding;
  /** Read `7,5` as 7.5 in number fields (and refuse `7.5`). Default false. */
  readonly decimalComma?: boolean;
  /**
   * The date-fns format of day fields (`dd/MM/yyyy`, `MM/dd/yyyy`), converted to `YYYY-MM-DD`
   * with `calendarDayFromFormat`. Without it, day fields must already be `YYYY-MM-DD`.
   */
  readonly dateFormat?: string;
  /** Throw one `VALIDATION_FAILED` error with every issue at the end instead of yielding issues. */
  readonly strict?: boolean;
  /**
   * Undo the writer's formula neutralisation: a cell that starts with `'` followed by `=`, `+`,
   * `-`, `@`, tab or carriage return loses that one `'` (so `toCsv` output reads back exactly).
   * Default false: the text is kept as it is.
   */
  readonly restoreFormulas?: boolean;
  /** Names the record type in each issue (as `collection`), as in `parseRecords`. */
  readonly collection?: string;
  /**
   * The record limit, in characters: a record (a long quoted field, or a quote never closed)
   * still unfinished after this much text is refused with `INVALID_INPUT`. Default 16 Mi
   * (16,777,216); records up to it are read in time linear in their length.
   */
  readonly maxRecordChars?: number;
  /**
   * Called with the number of data rows read so far after each piece of text (a chunk of the
   * source: thousands of rows for a file read in 64 KiB chunks) and once at the end, so a caller
   * can show progress on a long read (the command line prints it on standard error). It must not
   * throw; the reading does not wait for it.
   */
  readonly onProgress?: (rowsRead: number) => void;
}

/** A valid record, with the data row it came from (1-based) and the line where it starts. */
export interface CsvRecordItem<T> {
  readonly kind: 'record';
  readonly row: number;
  readonly line: number;
  readonly record: T;
}

/** One problem with a row (or, on row 0, with the file or its header). */
export interface CsvIssueItem {
  readonly kind: 'issue';
  readonly row: number;
  readonly line: number;
  readonly issue: ValidationIssue;
}

/** What {@link readCsv} yields: records and issues, in file order. */
export type CsvItem<T> = CsvRecordItem<T> | CsvIssueItem;

/**
 * The reading loop shared by `readCsv` and `readCsvFile`: splits the text into records
 * (`recordBatches`), numbers them (the first is the header, then data rows from 1) and reads each
 * with the row stage; yields the items of each piece of text as one array, in file order.
 * @internal
 */
export async function* readBatches<T>(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  options: NormalisedReadOptions,
  caller: string,
): AsyncGenerator<CsvItem<T>[], void, undefined> {
  const stage = new RowStageReader<T>(options, caller);
  let headerSeen = false;
  let rows = 0;
  let out: CsvItem<T>[] = [];
  const strictIssues: ValidationIssue[] = [];
  /** In strict mode, keeps the issues for the end and the records in `out`. */
  const keepIssues = () => {
    const kept: CsvItem<T>[] = [];
    for (const item of out) {
      if (item.kind === 'issue') strictIssues.push(item.issue);
      else kept.push(item);
    }
    out = kept;
  };
  for await (const entries of recordBatches(source, options, caller)) {
    for (const entry of entries) {
      if ('problem' in entry)
        stage.malformed(entry.problem, headerSeen ? ++rows : 0, entry.line, out);
      else if (!headerSeen) {
        headerSeen = true;
        stage.header(entry.fields, entry.line, out);
      } else stage.row(entry.fields, ++rows, entry.line, out);
    }
    if (options.strict) keepIssues();
    options.onProgress?.(rows);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (!headerSeen) stage.noHeader(out);
  if (options.strict) keepIssues();
  if (out.length > 0) yield out;
  if (strictIssues.length > 0) throw validationError(caller, strictIssues);
}

/** The reading loop of `readCsv` and `readCsvFile`, item by item. @internal */
export async function* readItems<T>(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  options: NormalisedReadOptions,
  caller: string,
): AsyncGenerator<CsvItem<T>, void, undefined> {
  for await (const batch of readBatches<T>(source, options, caller)) yield* batch;
}

/**
 * Reads CSV text into validated records, streaming: it yields each record (or its issues) as soon
 * as its row is read, so memory stays flat however large the file. The text is split as csv-parse
 * splits it (RFC 4180: quoted fields may hold delimiters, quotes written `""` and line breaks), by
 * a fast splitter that hands the first malformed record and the rest of the input to csv-parse
 * itself; each cell is then converted to the type of the field it fills, found by looking into the
 * zod schema, and the row is validated with the schema (as `parseRecords` does, with zod's
 * compiled parser).
 *
 * Reading the text:
 * - Encoding: `options.encoding`, or the byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE, the mark is
 *   dropped), else UTF-8. Decoding is streaming (a character split across chunks is whole) and
 *   fatal: bytes that are not valid text throw `INVALID_ENCODING`.
 * - Delimiter: `options.delimiter`, or the one of `,` `;` tab that splits the first 50 records of
 *   the first 64 KiB into the same number of fields, more than one (the most fields wins; `,` when
 *   none does). Quoted fields count as one, and a record cut by the end of the sample is ignored.
 * - Lines end in CRLF, LF or CR; blank lines are skipped. The first record is the header.
 *
 * Text to values, by the field's type (optional, default and nullable wrappers looked through):
 * - An empty cell is missing (the field is left out, so a default applies), never 0 or `""`;
 *   for a field that accepts `null` (such as an `AnswerValue`) it is `null`.
 * - Number: only a plain decimal, `-3` or `7.5` (with `decimalComma`, `7,5` and not `7.5`), with
 *   no spaces. `abc`, `1e3`, `7 5`, ` 7`, `+1`, `1,000` are issues naming row, field and text,
 *   never coerced.
 *   Whether 7.5 is an allowed value (an eNPS score is a whole number) is the schema's business.
 * - Boolean: `true` `false` `yes` `no` `1` `0`, in any case.
 * - Day (`z.iso.date()`): with `dateFormat`, text in that format becomes `YYYY-MM-DD` (and other
 *   text is an issue); without it the text must already be `YYYY-MM-DD`.
 * - Array of strings (tags): split on `|`; a cell starting with `[` is a JSON array (the writer uses
 *   that form when a value holds `|`, is empty, or starts with `[`).
 * - Objects and arrays of objects (status histories, needs), records, tuples: JSON; bad JSON is an
 *   issue.
 * - A union of these (an `AnswerValue`: number, string, boolean or null): empty is `null`, a
 *   plain decimal is a number, `true` / `false` (any case) a boolean, `{...}` / `[...]` JSON when
 *   the union has objects, anything else the text.
 * - Any other field (text, enums, `z.any()`): the text as it is.
 *
 * Issues (yielded as items in file order, as `ValidationIssue`s with `row` and `line`):
 * - row 0: an empty input (`empty_file`: no header row; an empty file yields just this issue),
 *   a repeated header name (`duplicate_header`), a mapped path the schema does not have
 *   (`unknown_field`), a path segment `__proto__`, `constructor` or `prototype` (`reserved_key`;
 *   rows are built from arrays into null-prototype objects, and such columns are never set), two
 *   columns for one field (`conflicting_columns`). The offending column is ignored.
 * - a row with more or fewer fields than the header (`column_count`), a row csv-parse cannot read
 *   (`malformed_row`, a misplaced quote), a cell of the wrong type (`invalid_number`,
 *   `invalid_boolean`, `invalid_date`, `invalid_json`), and every issue of the schema.
 * A header-only file yields nothing. Rows count from 1 after the header; `line` is the physical
 * line (1-based) where the row starts. Duplicate ids are not the reader's business: pass the
 * records to `validateDataset`.
 *
 * O(size of the input); memory holds one chunk, the 64 KiB sample and the row being read.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a missing schema or an unknown delimiter,
 * encoding, date format or mapping path (at the call).
 * @throws {InternalCustomerError} `INVALID_INPUT` when the source is not text, bytes or an
 * iterable of them, or a record runs past 16 Mi characters (an unclosed quote).
 * @throws {InternalCustomerError} `INVALID_ENCODING` for bytes that are not valid text, or UTF-16
 * without a byte-order mark and without the encoding option.
 * @throws {InternalCustomerError} `VALIDATION_FAILED` in `strict` mode, after the last row, when
 * there was any issue (records already yielded stay yielded; `collectCsv` returns none).
 *
 * @example
 * const schema = z.object({ id: z.string(), score: EnpsScoreSchema });
 * const items = [];
 * for await (const item of readCsv('id;score\r\ne1;9\r\ne2;7.5\r\n', { schema })) items.push(item);
 * items[0] // => { kind: 'record', row: 1, line: 2, record: { id: 'e1', score: 9 } }
 * items[1].kind // => 'issue'
 * items[1].issue.path // => 'score'
 * readCsv('id\n', { schema, dateFormat: 'banana' }) // => throws INVALID_OPTION
 */
export function readCsv<S extends z.ZodType>(
  source: CsvSource,
  options: ReadCsvOptions<S>,
): AsyncGenerator<CsvItem<z.output<S>>, void, undefined> {
  const normalised = normaliseReadOptions('readCsv', options);
  return readItems<z.output<S>>(chunksOf('readCsv', source), normalised, 'readCsv');
}

/**
 * {@link readCsv}, a piece of text at a time: yields the items (records and issues, in file
 * order, the same as `readCsv` yields one by one) of each chunk of the source as one array. For
 * hot loops over large files: one `await` per chunk instead of one per row (about a third of the
 * time of a loop that only counts). Options, conversions, issues and errors are those of
 * `readCsv` (messages name `readCsv`).
 *
 * O(size of the input); memory holds one chunk and its items.
 *
 * @throws {InternalCustomerError} as {@link readCsv}.
 *
 * @example
 * const schema = z.object({ score: EnpsScoreSchema });
 * let n = 0;
 * for await (const items of readCsvBatches('score\n9\n7\n', { schema })) n += items.length;
 * n // => 2
 */
export function readCsvBatches<S extends z.ZodType>(
  source: CsvSource,
  options: ReadCsvOptions<S>,
): AsyncGenerator<CsvItem<z.output<S>>[], void, undefined> {
  // Named readCsv in messages: the same reading, the same words.
  const normalised = normaliseReadOptions('readCsv', options);
  return readBatches<z.output<S>>(chunksOf('readCsv', source), normalised, 'readCsv');
}
