import { isUtf8 } from 'node:buffer';
import type { SurveyResponse } from '../../schemas/survey.js';
import { type CsvItem, RowReader } from '../readCsv.js';
import { fileChunks } from '../readCsvFile.js';
import { CleanLines } from './cleanLines.js';
import { cleanFieldsCounter, planCleanRows } from './cleanRows.js';
import {
  addItems,
  type EnpsAggregationParams,
  type EnpsPartial,
  GroupCounter,
} from './enpsAggregation.js';
import { createFastRecordParser } from './fastRecordParser.js';
import { pieceEnd } from './pieces.js';
import type { NormalisedReadOptions } from './readOptions.js';

const LF = 10;

/** Bytes without a line feed held back before they are read as text (a very long record). */
const CARRY_BYTES = 1024 * 1024;

/** What reading a range found. @internal */
export interface RangeStats {
  /** Data rows read (valid or not). */
  readonly rows: number;
  /** Physical lines read (line breaks in the range). */
  readonly lines: number;
  /** Whether any record was malformed (csv-parse took over). */
  readonly malformed: boolean;
  /** Whether the range held the header (or it was given). */
  readonly headerSeen: boolean;
}

/** The range of a UTF-8 file to read, and how. @internal */
export interface RangeTask {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly delimiter: string;
  /** The header, for a range after it; undefined for a range from the file's start. */
  readonly header: readonly string[] | undefined;
  /** The whole file: an empty one is an `empty_file` issue, as `readCsv` reports it. */
  readonly whole: boolean;
  /** The size of the chunks read (default: `fileChunks`'s); tests vary it. */
  readonly chunkBytes?: number;
}

/**
 * Reads a byte range of a UTF-8 CSV file and counts its eNPS answers into `partial`, with the
 * result of `readCsv` followed by `addItems` (the same tallies, rows, lines and issues), faster:
 * a line that is valid for sure (`CleanLines`) is counted from its bytes, when the text before it
 * ends at a record boundary; every other line is decoded and read the full way (fast splitter,
 * `RowReader`, schema), and the splitter and reader are told of each line passed over, so that
 * they number the rest as if they had read it. After a malformed record (csv-parse took over)
 * everything is read the full way. Lines are only passed over within whole lines of valid UTF-8
 * (`isUtf8`), so decoding errors surface from the `TextDecoder`: a `TypeError`, which callers
 * meet by reading the file again with `readCsv`, which words them.
 *
 * O(bytes of the range); memory holds one chunk and the group counts. @internal
 */
export async function tallyRange(
  task: RangeTask,
  options: NormalisedReadOptions,
  params: EnpsAggregationParams,
  partial: EnpsPartial,
): Promise<RangeStats> {
  // A byte-order mark is dropped at the file's start only (as `readCsv` does), so a range from
  // the middle reads exactly the text that reading the whole file gives there.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: task.header !== undefined });
  const parser = createFastRecordParser(task.delimiter, 'csvEnpsTallies');
  const counter = new GroupCounter(partial, params);
  let lines: CleanLines | undefined;
  const reader = new RowReader<SurveyResponse>(options, 'csvEnpsTallies', (columns, width) => {
    const plan = planCleanRows(columns, params);
    if (plan === undefined) return undefined;
    lines = new CleanLines(plan, params, width, task.delimiter, counter);
    return cleanFieldsCounter(plan, params, counter);
  });
  if (task.header !== undefined) reader.presetHeader(task.header);
  const out: CsvItem<SurveyResponse>[] = [];
  let malformed = false;

  const drain = () => {
    for (const entry of parser.queue) {
      if ('problem' in entry) malformed = true;
      reader.handle(entry, out);
    }
    parser.queue.length = 0;
    addItems(partial, out, params);
    out.length = 0;
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

  try {
    let carry: Buffer | undefined;
    /** Whether text was read up to the middle of a line (the next bytes continue it). */
    let midLine = false;
    for await (const chunk of fileChunks(
      task.path,
      { start: task.start, end: task.end },
      task.chunkBytes,
    )) {
      const data = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      carry = undefined;
      const last = data.lastIndexOf(LF);
      if (last < 0) {
        if (data.length < CARRY_BYTES) carry = data;
        else {
          await feed(decode(data, 0, data.length));
          midLine = true;
        }
        continue;
      }
      const end = last + 1;
      if (end < data.length) carry = data.subarray(end);
      // Lines of bytes are only counted from valid UTF-8 (else the decoder reports the bytes).
      const countable = isUtf8(data.subarray(0, end));
      let batch = -1;
      let position = 0;
      if (midLine) {
        batch = 0;
        position = data.indexOf(LF) + 1;
        midLine = false;
      }
      while (position < end) {
        if (lines === undefined || !countable) {
          if (batch < 0) batch = position;
          break;
        }
        const clean = lines.check(data, position);
        const next = lines.lineEnd + 1;
        if (clean) {
          if (batch >= 0) {
            await feed(decode(data, batch, position));
            batch = -1;
          }
          if (parser.idle()) {
            lines.count();
            parser.skipLine();
            reader.skipRow();
            position = next;
            continue;
          }
        }
        if (batch < 0) batch = position;
        position = next;
      }
      if (batch >= 0) await feed(decode(data, batch, end));
    }
    if (carry !== undefined) await feed(decode(carry, 0, carry.length));
    await feed(decoder.decode());
    await parser.end();
    drain();
    if (task.whole) {
      reader.finish(out);
      addItems(partial, out, params);
    }
  } finally {
    parser.destroy();
  }
  return {
    rows: reader.rowCount,
    lines: parser.linesRead(),
    malformed: malformed || parser.handedOver(),
    headerSeen: reader.hasHeader,
  };
}
