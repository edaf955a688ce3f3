import { Parser } from 'csv-parse';
import { InternalCustomerError } from '../../core/errors.js';

/** One record as csv-parse split it, with the physical line (1-based) where it starts. */
export interface ParsedRecord {
  readonly fields: string[];
  readonly line: number;
}

/** A record csv-parse could not read (an unclosed or misplaced quote), and where. */
export interface ParseProblem {
  readonly problem: string;
  readonly line: number;
}

export type ParsedEntry = ParsedRecord | ParseProblem;

/**
 * The default record limit: text written without a single record ending in it. A longer record
 * is refused rather than held, since a quote that is never closed would otherwise pull the rest
 * of the file into memory.
 */
export const MAX_PENDING_CHARS = 16 * 1024 * 1024;

/**
 * The error for a record longer than the limit, from the text held of it: a quoted field that
 * runs on without a line break is a long field; one that swallowed line breaks may also be a
 * quote never closed; a record without a quote is a long line. @internal
 */
export function recordTooLong(
  caller: string,
  limit: number,
  line: number,
  held: string,
): InternalCustomerError {
  const raise = 'raise the limit with the maxRecordChars option if the data is right';
  const longer = `longer than the record limit of ${limit} characters from line ${line}`;
  const what = !held.includes('"')
    ? `a line ${longer}`
    : /[\r\n]/.test(held.slice(held.indexOf('"')))
      ? `a record ${longer}: a field that long, or a quote never closed`
      : `a field ${longer}`;
  return new InternalCustomerError('INVALID_INPUT', `${caller} found ${what} (${raise})`);
}

/** Ends parsing at the first problem (delimiter detection needs no more). @internal */
export class StopParsing extends Error {}

/** Counts line breaks inside a field (CRLF, LF or CR each count one) and the CRLFs among them. */
function breaksIn(field: string): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (let index = 0; index < field.length; index++) {
    const code = field.charCodeAt(index);
    if (code === 13) {
      breaks++;
      if (field.charCodeAt(index + 1) === 10) {
        crlf++;
        index++;
      }
    } else if (code === 10) {
      breaks++;
    }
  }
  return { breaks, crlf };
}

/**
 * Drives csv-parse (its documented Node stream `Parser`) for the CSV reader. Records arrive as
 * arrays (never `columns: true`, so a header cannot name an object key) into `queue`; the readable
 * side is always drained, so writing never waits on it. The settings are the fast ones: no
 * casting, no `raw`, no `info` objects, no `on_record`.
 *
 * - `relax_column_count`: a row with too many or too few fields is kept; the reader reports it.
 * - `skip_empty_lines`: blank lines are not rows.
 * - `skip_records_with_error`: a record with a misplaced quote becomes a problem entry and reading
 *   goes on with the next record.
 * - `record_delimiter`: CRLF, LF or CR, each wherever it appears.
 *
 * Lines: csv-parse's `info.lines` counts a CRLF inside a quoted field twice; the start line is
 * corrected for that and for the line breaks inside the record's own fields. @internal
 */
export function createRecordParser(
  delimiter: string,
  caller: string,
  {
    stopAtProblem = false,
    firstLine = 1,
    crlfBefore = 0,
    maxRecordChars = MAX_PENDING_CHARS,
  }: {
    readonly stopAtProblem?: boolean;
    readonly firstLine?: number;
    readonly crlfBefore?: number;
    readonly maxRecordChars?: number;
  } = {},
) {
  // Lines count from `firstLine` when the text starts further into a file (the fast parser hands
  // csv-parse the rest of a file from a record boundary, after `crlfBefore` CRLFs inside quoted
  // fields, which csv-parse's own count, quoted in its messages, counts twice).
  const offset = firstLine - 1;
  const messageOffset = offset + crlfBefore;
  const queue: ParsedEntry[] = [];
  let crlfSoFar = 0;
  let lastSkip = '';
  let pending = 0;
  let lastLine = offset;
  let failure: unknown;
  const parser = new Parser({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const where = `${String(error?.records)}:${String(error?.lines)}`;
      // csv-parse may report one bad record twice (at the quote and at the record's end).
      if (where === lastSkip) return undefined;
      lastSkip = where;
      const lines = typeof error?.lines === 'number' ? error.lines + offset : lastLine + 1;
      let problem = error?.message ?? 'unreadable record';
      if (messageOffset !== 0) {
        problem = problem.replace(
          /at line (\d+)/,
          (_, n: string) => `at line ${Number(n) + messageOffset}`,
        );
      }
      queue.push({ problem, line: lines - crlfSoFar });
      // Thrown from on_skip, csv-parse stops and fails the write with it.
      if (stopAtProblem) throw new StopParsing();
      return undefined;
    },
  });
  // Records are taken from 'data' events, which a flowing stream emits synchronously as csv-parse
  // pushes each record, so `parser.info.lines` is the line where that record ends. (`on_record`
  // or `info: true` would give the same, at the cost of two object copies per record, which
  // triples the parsing time.)
  parser.on('data', (fields: string[]) => {
    let breaks = 0;
    for (const field of fields) {
      if (field.includes('\n') || field.includes('\r')) {
        const found = breaksIn(field);
        breaks += found.breaks;
        crlfSoFar += found.crlf;
      }
    }
    lastLine = parser.info.lines - crlfSoFar + offset;
    queue.push({ fields, line: lastLine - breaks });
  });
  // A new stream starts flowing on the next turn; until then pushes would wait in its buffer.
  let flowing: Promise<void> | undefined = new Promise((resolve) => setImmediate(resolve));
  parser.on('error', (error: unknown) => {
    failure ??= error;
  });

  const settle = (resolve: () => void, reject: (error: unknown) => void) => (error?: unknown) => {
    if (error !== undefined && error !== null) reject(error);
    else if (failure !== undefined) reject(failure);
    else resolve();
  };

  return {
    queue,
    /** Parses one chunk of text; its records are in `queue` when the promise settles. */
    async write(text: string): Promise<void> {
      if (text.length === 0) return;
      if (flowing !== undefined) {
        await flowing;
        flowing = undefined;
      }
      const before = queue.length;
      await new Promise<void>((resolve, reject) => {
        parser.write(text, settle(resolve, reject));
      });
      pending = queue.length > before ? 0 : pending + text.length;
      if (pending > maxRecordChars) {
        // csv-parse holds the record's text itself; this chunk tells whether it runs over lines.
        throw recordTooLong(caller, maxRecordChars, lastLine + 1, `"${text}`);
      }
    },
    /** Parses what is left; the last records are in `queue` when the promise settles. */
    async end(): Promise<void> {
      await flowing;
      await new Promise<void>((resolve, reject) => {
        parser.end(settle(resolve, reject));
      });
    },
    destroy(): void {
      parser.destroy();
    },
  };
}
