// The first stage of the eNPS file readers: bytes to counts and the rows to read the full way.
// Kept free of the schemas and date libraries, so that a worker thread that runs it loads in a
// few milliseconds (the second stage, `finishPart` in enpsParts.ts, loads them).
import { isUtf8 } from 'node:buffer';
import type { ValidationIssue } from '../../core/errors.js';
import { createFastRecordParser } from '../../internal/csvText/fastRecordParser.js';
import { reusedChunks } from '../../internal/csvText/fileChunks.js';
import { pieceEnd } from '../../internal/csvText/pieces.js';
import type { ParsedEntry } from '../../internal/csvText/recordParser.js';
import { CleanLines, type CleanPlan, cleanFieldsCounter } from './cleanRules.js';
import type { EnpsAggregationParams } from './enpsAggregation.js';
import type { PartReadOptions } from './enpsParts.js';
import { type EnpsGroupCounts, GroupCounter } from './groupCounts.js';

const LF = 10;

/** Bytes without a line feed held back before they are read as text (a very long record). */
const CARRY_BYTES = 1024 * 1024;

/** Entries handed to a sink at a time. */
const SINK_ENTRIES = 1024;

/** A record (or an unreadable one) to read the full way, with its data row (0: before the header). @internal */
export type RowEntry = ParsedEntry & { readonly row: number };

/**
 * Which lines `splitPart` passes over (reads from their bytes): `CleanLines` counts the lines
 * valid for sure; another filter may pass over lines it has no use for. A line passed over must
 * be one simple record (no quote, no carriage return but before its line feed, not blank).
 * @internal
 */
export interface LineFilter {
  /** The position of the line feed that ends the line last checked. */
  readonly lineEnd: number;
  /** Checks the line from `start` (a line feed follows): whether to pass over it. */
  check(bytes: Buffer, start: number): boolean;
  /** Takes the line last checked (when it is passed over). */
  count(): void;
}

/** The "valid for sure" rules planned from the header (`planCleanRows`), and its length. @internal */
export interface CleanSetup {
  readonly plan: CleanPlan;
  readonly headerLength: number;
}

/** One part of a file for one thread (plain data: it crosses to workers). @internal */
export interface PartTask {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly delimiter: string;
  /** The header, for every part but the first. */
  readonly header: readonly string[] | undefined;
  readonly read: PartReadOptions;
  readonly params: EnpsAggregationParams;
  /** Undefined: every row is read the full way. */
  readonly clean: CleanSetup | undefined;
  /** The size of the chunks read (default: `fileChunks`'s); tests vary it. */
  readonly chunkBytes?: number;
}

/** What a part gives: counts, the rows still to read the full way, issues once they are read. @internal */
export interface PartResult {
  readonly groups: EnpsGroupCounts[];
  readonly issues: ValidationIssue[];
  /** Rows still to read the full way (`finishPart`), in file order. */
  readonly entries: RowEntry[];
  /** Data rows (valid or not). */
  readonly rows: number;
  /** Physical lines (line breaks in the part). */
  readonly lines: number;
  /** A malformed record, or no header in the first part: read the file again on one thread. */
  readonly unsure: boolean;
}

/**
 * Reads a byte range of a UTF-8 CSV file: counts each line that is valid for sure
 * (`CleanLines`, from its bytes) when the text before it ends at a record boundary, splits every
 * other line with the fast splitter (itself counting the records valid for sure from their
 * fields), and returns the rest as entries numbered as `readCsv` numbers them, for `finishPart`
 * to read the full way. The splitter is told of each line passed over, so its line numbers are
 * those of reading everything. After a malformed record (csv-parse took over) every record is an
 * entry. Lines are only passed over within whole lines of valid UTF-8 (`isUtf8`); other bytes
 * reach the `TextDecoder`, whose `TypeError` callers meet by reading the file with `readCsv`,
 * which words it. A byte-order mark is dropped at the file's start only (as `readCsv` does), so a
 * part from the middle reads exactly the text that reading the whole file gives there.
 *
 * O(bytes of the range); memory holds one chunk, the group counts and the entries.
 *
 * A hot loop, kept in one function on purpose: it walks every byte of a part of a file of up to
 * tens of millions of lines, with the line, record and group state in locals shared by the
 * byte-level and splitter paths; the per-line work is inlined for the `csvEnpsTallies` speed goal
 * (`npm run bench -- scale`). @internal
 */
export async function splitPart(
  task: PartTask,
  sink?: (entries: RowEntry[]) => void,
  filter?: LineFilter,
): Promise<PartResult> {
  const { params, clean } = task;
  const first = task.header === undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: !first });
  const parser = createFastRecordParser(task.delimiter, 'csvEnpsTallies');
  const groups = new Map<string, EnpsGroupCounts>();
  const counter = new GroupCounter(groups, params.cutoffs, params.period);
  const lines: LineFilter | undefined =
    filter ??
    (clean === undefined
      ? undefined
      : new CleanLines(clean.plan, params, clean.headerLength, task.delimiter, counter));
  const takeFields =
    clean === undefined ? undefined : cleanFieldsCounter(clean.plan, params, counter);
  let entries: RowEntry[] = [];
  let headerSeen = !first;
  let rows = 0;
  let malformed = false;

  const drain = () => {
    for (const entry of parser.queue) {
      if ('problem' in entry) {
        malformed = true;
        entries.push({ problem: entry.problem, line: entry.line, row: headerSeen ? ++rows : 0 });
      } else if (!headerSeen) {
        headerSeen = true;
        entries.push({ fields: entry.fields, line: entry.line, row: 0 });
      } else {
        const row = ++rows;
        const { fields } = entry;
        if (fields.length === clean?.headerLength && takeFields!(fields)) continue;
        entries.push({ fields, line: entry.line, row });
      }
    }
    parser.queue.length = 0;
    // With a sink, entries go as they come, so that memory stays flat on a whole file.
    if (sink !== undefined && entries.length >= SINK_ENTRIES) {
      sink(entries);
      entries = [];
    }
  };
  const feed = async (text: string) => {
    for (let start = 0; start < text.length; ) {
      const end = pieceEnd(text, start);
      await parser.write(start === 0 && end === text.length ? text : text.slice(start, end));
      drain();
      start = end;
    }
  };
  const decode = (bytes: Buffer, start: number, end: number) =>
    decoder.decode(bytes.subarray(start, end), { stream: true });

  /** Whether text was read up to the middle of a line (the next bytes continue it). */
  let midLine = false;
  /** Reads whole lines `data[0, end)` (`end` just after a line feed). */
  const lineRun = async (data: Buffer, end: number) => {
    // Lines of bytes are only counted from valid UTF-8 (else the decoder reports the bytes).
    const countable = lines !== undefined && isUtf8(data.subarray(0, end));
    let batch = -1;
    let position = 0;
    if (midLine) {
      batch = 0;
      position = data.indexOf(LF) + 1;
      midLine = false;
    }
    while (position < end) {
      if (!countable) {
        if (batch < 0) batch = position;
        break;
      }
      if (!headerSeen) {
        // Line by line until the header is read (it may span lines), then the fast way.
        const next = data.indexOf(LF, position) + 1;
        await feed(decode(data, batch < 0 ? position : batch, next));
        batch = -1;
        position = next;
        continue;
      }
      const isClean = lines.check(data, position);
      const next = lines.lineEnd + 1;
      if (isClean) {
        if (batch >= 0) {
          await feed(decode(data, batch, position));
          batch = -1;
        }
        if (parser.idle()) {
          lines.count();
          parser.skipLine();
          rows++;
          position = next;
          continue;
        }
      }
      if (batch < 0) batch = position;
      position = next;
    }
    if (batch >= 0) await feed(decode(data, batch, end));
  };

  try {
    /** Bytes after the last line feed read so far (the start of a line). */
    let carry: Buffer | undefined;
    const range = { start: task.start, end: task.end };
    for await (const chunk of reusedChunks(task.path, range, task.chunkBytes)) {
      let from = 0;
      if (carry !== undefined) {
        // The line begun in the previous chunk, completed (the chunk itself is not copied).
        const feedAt = chunk.indexOf(LF);
        if (feedAt < 0) {
          // (concat copies: the chunk's buffer is read into again.)
          carry = Buffer.concat([carry, chunk]);
          if (carry.length >= CARRY_BYTES) {
            await feed(decode(carry, 0, carry.length));
            midLine = true;
            carry = undefined;
          }
          continue;
        }
        const line = Buffer.concat([carry, chunk.subarray(0, feedAt + 1)]);
        carry = undefined;
        await lineRun(line, line.length);
        from = feedAt + 1;
      }
      const last = chunk.lastIndexOf(LF);
      if (last < from) {
        const rest = chunk.subarray(from);
        if (rest.length >= CARRY_BYTES) {
          await feed(decode(rest, 0, rest.length));
          midLine = true;
        } else if (rest.length > 0) carry = Buffer.from(rest);
        continue;
      }
      await lineRun(from === 0 ? chunk : chunk.subarray(from), last + 1 - from);
      // A copy: the chunk's buffer is read into again.
      if (last + 1 < chunk.length) carry = Buffer.from(chunk.subarray(last + 1));
    }
    if (carry !== undefined) await feed(decode(carry, 0, carry.length));
    await feed(decoder.decode());
    await parser.end();
    drain();
  } finally {
    parser.destroy();
  }
  if (sink !== undefined && entries.length > 0) {
    sink(entries);
    entries = [];
  }
  return {
    groups: [...groups.values()],
    issues: [],
    entries,
    rows,
    lines: parser.linesRead(),
    unsure: malformed || parser.handedOver() || (first && !headerSeen),
  };
}
