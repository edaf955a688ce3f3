import type * as z from 'zod';
import type { ValidationIssue } from '../core/errors.js';
import {
  describeValue,
  hasReservedKey,
  parseRow,
  validationError,
} from '../schemas/parseRecords.js';
import { type CellOptions, CellProblem, convertCell } from './internal/convertCell.js';
import { decodeChunks } from './internal/decodeChunks.js';
import { detectDelimiter } from './internal/detectDelimiter.js';
import { createFastRecordParser } from './internal/fastRecordParser.js';
import { restoreFormula } from './internal/formulas.js';
import { pieceEnd } from './internal/pieces.js';
import { type Column, planColumns } from './internal/planColumns.js';
import {
  chunksOf,
  type NormalisedReadOptions,
  normaliseReadOptions,
} from './internal/readOptions.js';
import type { ParsedEntry } from './internal/recordParser.js';

/** A field delimiter the CSV module reads and writes: comma, semicolon or tab. */
export type CsvDelimiter = ',' | ';' | '\t';

/** A text encoding the CSV reader understands. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

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

/** How much text decides the delimiter. @internal */
export const SAMPLE_CHARS = 64 * 1024;

/**
 * The prototype of the objects rows are built into: empty and without a prototype of its own, so
 * that a row has no inherited keys (`"toString" in row` is false, as for `Object.create(null)`),
 * while V8 keeps the rows themselves as fast objects rather than dictionaries.
 */
const ROW_PROTOTYPE: object = Object.freeze(Object.create(null));

/** Sets a value at a path of objects without inherited keys; paths never hold reserved keys. */
function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown) {
  let node = target;
  const last = segments.length - 1;
  for (let index = 0; index < last; index++) {
    const key = segments[index]!;
    let next = node[key] as Record<string, unknown> | undefined;
    if (next === undefined) {
      next = Object.create(ROW_PROTOTYPE) as Record<string, unknown>;
      node[key] = next;
    }
    node = next;
  }
  node[segments[last]!] = value;
}

function covers(failed: readonly string[], path: string): boolean {
  return failed.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/**
 * A consumer that decides some rows itself from their fields (the eNPS readers count rows that
 * are valid for sure without building records): given the planned columns, a function that takes
 * a row (as many fields as the header) and returns true when it has dealt with it, so the reader
 * yields nothing for it; or undefined to read every row the full way. @internal
 */
export type RowShortcut = (
  columns: readonly Column[],
  headerLength: number,
) => ((fields: readonly string[]) => boolean) | undefined;

/** A {@link RowShortcut} for `readBatches`, and the data rows read (filled in at the end). @internal */
export interface ShortcutReading {
  readonly shortcut: RowShortcut;
  rows: number;
}

/** Turns parsed records into items, row by row. @internal */
export class RowReader<T> {
  private columns: Column[] | undefined;
  private headerLength = 0;
  private rows = 0;
  private readonly cell: CellOptions;
  private take: ((fields: readonly string[]) => boolean) | undefined;

  constructor(
    private readonly options: NormalisedReadOptions,
    private readonly caller: string,
    private readonly shortcut?: RowShortcut,
  ) {
    this.cell = { decimalComma: options.decimalComma, dateFormat: options.dateFormat };
  }

  private plan(header: readonly string[]) {
    const plan = planColumns(header, this.options.schema, this.options.mapping);
    this.columns = plan.columns;
    this.headerLength = header.length;
    // The shortcut sees the text as it is: not with restored formulas.
    if (this.shortcut !== undefined && !this.options.restoreFormulas) {
      this.take = this.shortcut(plan.columns, header.length);
    }
    return plan;
  }

  /** Data rows read so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Whether the header has been read (or preset). */
  get hasHeader(): boolean {
    return this.columns !== undefined;
  }

  /**
   * Takes the header of a file whose first part another reader reads (and reports the header's
   * problems): plans the columns without reporting anything.
   */
  presetHeader(fields: readonly string[]): void {
    this.plan(this.options.restoreFormulas ? fields.map(restoreFormula) : fields);
  }

  /** Reads a record (or an unreadable one) known to be data row `row` (0: before the header). */
  handleAt(entry: ParsedEntry, row: number, out: CsvItem<T>[]): void {
    this.rows = row > 0 ? row - 1 : 0;
    this.handle(entry, out);
  }

  /** Reads one data row known to be row `row` of its file (another engine found it). */
  handleRow(fields: string[], line: number, row: number, out: CsvItem<T>[]): void {
    this.rows = row - 1;
    this.handle({ fields, line }, out);
  }

  /** `row 3`, or `employees row 3` with a collection, as `parseRow` writes it. */
  private where(row: number): string {
    const collection = this.options.collection;
    const text = row === 0 ? 'header' : `row ${row}`;
    return collection === undefined ? text : `${collection} ${text}`;
  }

  private issue(row: number, line: number, issue: Omit<ValidationIssue, 'row' | 'line'>) {
    const collection = this.options.collection;
    return {
      kind: 'issue' as const,
      row,
      line,
      issue: {
        row,
        ...issue,
        ...(collection === undefined ? {} : { collection }),
        line,
      },
    };
  }

  handle(entry: ParsedEntry, out: CsvItem<T>[]): void {
    if ('problem' in entry) {
      const row = this.columns === undefined ? 0 : ++this.rows;
      out.push(
        this.issue(row, entry.line, {
          path: '',
          code: 'malformed_row',
          message: `${this.where(row)}: csv-parse could not read it: ${entry.problem}`,
        }),
      );
      return;
    }
    const { fields, line } = entry;
    const restore = this.options.restoreFormulas;
    if (this.columns === undefined) {
      const plan = this.plan(restore ? fields.map(restoreFormula) : fields);
      for (const problem of plan.problems) out.push(this.issue(0, line, problem));
      return;
    }
    const row = ++this.rows;
    if (fields.length !== this.headerLength) {
      out.push(
        this.issue(row, line, {
          path: '',
          code: 'column_count',
          message: `${this.where(row)}: has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${this.headerLength}`,
        }),
      );
      return;
    }
    if (this.take?.(fields) === true) return;
    const target = Object.create(ROW_PROTOTYPE) as Record<string, unknown>;
    // Keys come from the planned columns, which are never reserved; only JSON cells can hold an
    // own "__proto__" key, so only they are scanned here.
    let reservedInCells = false;
    let problems: ReturnType<RowReader<T>['issue']>[] | undefined;
    let failed: string[] | undefined;
    for (const column of this.columns) {
      let text = fields[column.index]!;
      if (text === '') {
        if (column.field.acceptsNull) setPath(target, column.segments, null);
        continue;
      }
      if (restore) text = restoreFormula(text);
      const value = convertCell(text, column.field, this.cell);
      if (value instanceof CellProblem) {
        problems ??= [];
        failed ??= [];
        problems.push(
          this.issue(row, line, {
            path: column.path,
            code: value.code,
            message: `${this.where(row)}, ${column.path}: ${describeValue(text)} ${value.detail}`,
          }),
        );
        failed.push(column.path);
        continue;
      }
      if (typeof value === 'object' && value !== null && hasReservedKey(value)) {
        reservedInCells = true;
      }
      setPath(target, column.segments, value);
    }
    const result = parseRow(this.options.schema, target, row, {
      collection: this.options.collection,
      line,
      noReservedKeys: !reservedInCells,
    });
    if (result.ok && problems === undefined) {
      out.push({ kind: 'record', row, line, record: result.record as T });
      return;
    }
    if (problems !== undefined) for (const problem of problems) out.push(problem);
    if (!result.ok) {
      for (const issue of result.issues) {
        // A field that could not be converted is absent; do not report it twice.
        if (failed !== undefined && covers(failed, issue.path)) continue;
        out.push({ kind: 'issue', row, line, issue });
      }
    }
  }

  finish(out: CsvItem<T>[]): void {
    if (this.columns !== undefined) return;
    out.push(
      this.issue(0, 1, {
        path: '',
        code: 'empty_file',
        message: `${this.caller} found no header row: the input is empty (or only blank lines)`,
      }),
    );
  }
}

/**
 * A part of a file read on its own (by a worker): the delimiter and header found at the start of
 * the file, and what reading the part found. @internal
 */
export interface CsvPart {
  readonly delimiter: string;
  /** The header's fields, for a part that starts after the header; absent for the first part. */
  readonly header?: readonly string[];
  /** Filled in when the part has been read. */
  readonly stats: {
    /** Data rows read (valid or not). */
    rows: number;
    /** Physical lines read (line breaks in the part). */
    lines: number;
    /** Whether any record was malformed, so the part may not start or end at a record. */
    malformed: boolean;
    /** Whether the part held the header (the first part must). */
    headerSeen: boolean;
  };
}

/**
 * The reading loop shared by `readCsv`, `readCsvFile` and the parallel readers: yields the items
 * of each chunk as one array, in file order. @internal
 */
export async function* readBatches<T>(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  options: NormalisedReadOptions,
  caller: string,
  part?: CsvPart,
  shortcut?: ShortcutReading,
): AsyncGenerator<CsvItem<T>[], void, undefined> {
  const text = decodeChunks(source, options.encoding, caller);
  const reader = new RowReader<T>(options, caller, shortcut?.shortcut);
  if (part?.header !== undefined) reader.presetHeader(part.header);
  let out: CsvItem<T>[] = [];
  const strictIssues: ValidationIssue[] = [];
  let parser: ReturnType<typeof createFastRecordParser> | undefined;
  try {
    // A small sample decides the delimiter; the rest streams through.
    const parts: string[] = [];
    let size = 0;
    let complete = false;
    while (size < SAMPLE_CHARS) {
      const next = await text.next();
      if (next.done === true) {
        complete = true;
        break;
      }
      parts.push(next.value);
      size += next.value.length;
    }
    const sample = parts.join('');
    const delimiter =
      part?.delimiter ?? options.delimiter ?? (await detectDelimiter(sample, complete));
    const active = createFastRecordParser(delimiter, caller);
    parser = active;

    const drain = (): void => {
      for (const entry of active.queue) {
        if (part !== undefined && 'problem' in entry) part.stats.malformed = true;
        reader.handle(entry, out);
      }
      active.queue.length = 0;
    };

    // Text is parsed in slices (pieceEnd), so that few rows are alive at once (rows
    // that outlive a young-generation collection make the collector's work much larger).
    let backlog = sample;
    let ended = complete;
    let finished = false;
    for (;;) {
      if (options.strict) {
        const kept: CsvItem<T>[] = [];
        for (const item of out) {
          if (item.kind === 'issue') strictIssues.push(item.issue);
          else kept.push(item);
        }
        out = kept;
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
      if (finished) break;
      if (backlog.length > 0) {
        const cut = pieceEnd(backlog, 0);
        const piece = cut === backlog.length ? backlog : backlog.slice(0, cut);
        backlog = cut === backlog.length ? '' : backlog.slice(cut);
        await active.write(piece);
        drain();
        continue;
      }
      if (ended) {
        await active.end();
        drain();
        if (shortcut !== undefined) shortcut.rows = reader.rowCount;
        if (part === undefined) reader.finish(out);
        else {
          part.stats.rows = reader.rowCount;
          part.stats.lines = active.linesRead();
          part.stats.headerSeen = reader.hasHeader;
          if (active.handedOver()) part.stats.malformed = true;
        }
        finished = true;
        continue;
      }
      const next = await text.next();
      if (next.done === true) {
        ended = true;
        continue;
      }
      backlog = next.value;
    }
    if (strictIssues.length > 0) throw validationError(caller, strictIssues);
  } finally {
    parser?.destroy();
    await text.return();
  }
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
