import { decodeChunks } from './decodeChunks.js';
import { detectDelimiter } from './detectDelimiter.js';
import { createFastRecordParser } from './fastRecordParser.js';
import { pieceEnd } from './pieces.js';
import type { ParsedEntry } from './recordParser.js';
import { type CsvEncoding, SAMPLE_CHARS } from './textOptions.js';

/**
 * Reads the first 64 KiB of text (or all of it, if shorter): the sample that decides the
 * delimiter, and whether it is the whole text. @internal
 */
export async function readSample(
  text: AsyncGenerator<string, void, undefined>,
): Promise<{ readonly sample: string; readonly complete: boolean }> {
  const parts: string[] = [];
  let size = 0;
  while (size < SAMPLE_CHARS) {
    const next = await text.next();
    if (next.done === true) return { sample: parts.join(''), complete: true };
    parts.push(next.value);
    size += next.value.length;
  }
  return { sample: parts.join(''), complete: false };
}

/**
 * Splits CSV text into records, streaming, as the CSV readers read it: decodes the chunks
 * (`decodeChunks`), decides the delimiter from a sample of the first 64 KiB unless one is given
 * (`detectDelimiter`), and splits the text with the fast splitter in pieces of 16 Ki characters
 * (`pieceEnd`), so that few records are alive at once (records that outlive a young-generation
 * collection make the collector's work much larger). Yields the records (and unreadable ones) of
 * each piece, in file order, in an array that is reused: read it before asking for the next.
 *
 * O(size of the input); memory holds one chunk, the sample and the records of one piece.
 * @internal
 */
export async function* recordBatches(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  options: {
    readonly delimiter: string | undefined;
    readonly encoding: CsvEncoding | undefined;
    /** The longest record read, in characters. Default 16 Mi. */
    readonly maxRecordChars?: number | undefined;
  },
  caller: string,
): AsyncGenerator<ParsedEntry[], void, undefined> {
  const text = decodeChunks(source, options.encoding, caller);
  let parser: ReturnType<typeof createFastRecordParser> | undefined;
  try {
    const { sample, complete } = await readSample(text);
    let backlog = sample;
    const delimiter = options.delimiter ?? (await detectDelimiter(backlog, complete));
    const active = createFastRecordParser(delimiter, caller, options.maxRecordChars);
    parser = active;
    let ended = complete;
    for (;;) {
      if (backlog.length > 0) {
        const cut = pieceEnd(backlog, 0);
        const piece = cut === backlog.length ? backlog : backlog.slice(0, cut);
        backlog = cut === backlog.length ? '' : backlog.slice(cut);
        await active.write(piece);
      } else if (ended) {
        await active.end();
        if (active.queue.length > 0) yield active.queue;
        return;
      } else {
        const next = await text.next();
        if (next.done === true) ended = true;
        else backlog = next.value;
        continue;
      }
      if (active.queue.length > 0) {
        yield active.queue;
        active.queue.length = 0;
      }
    }
  } finally {
    parser?.destroy();
    await text.return();
  }
}
