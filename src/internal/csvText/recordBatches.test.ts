import { describe, expect, it } from 'vitest';
import { PIECE_CHARS } from './pieces.js';
import { recordBatches } from './recordBatches.js';

/** A file whose second record holds one quoted field of `length` characters, in 64 KiB chunks. */
function longFieldFile(length: number, close = true): string[] {
  const text = `id,note\n1,"${'x'.repeat(length)}${close ? '"' : ''}\n2,short\n`;
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += 64 * 1024) {
    chunks.push(text.slice(start, start + 64 * 1024));
  }
  return chunks;
}

/** Reads every record; the field lengths of each. */
async function read(chunks: readonly string[], maxRecordChars?: number): Promise<number[][]> {
  const records: number[][] = [];
  for await (const batch of recordBatches(
    chunks,
    { delimiter: ',', encoding: undefined, maxRecordChars },
    'readCsv',
  )) {
    for (const entry of batch) {
      if ('fields' in entry) records.push(entry.fields.map((field) => field.length));
    }
  }
  return records;
}

/** Processor time (user + system, in microseconds) of reading a file, the best of `runs`. */
async function cpuTime(chunks: readonly string[], runs: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    await read(chunks);
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

describe('recordBatches', () => {
  it('reads a field of many pieces in time linear in its length', async () => {
    const small = longFieldFile(1024 * 1024);
    const large = longFieldFile(8 * 1024 * 1024);
    expect(await read(large)).toEqual([
      [2, 4],
      [1, 8 * 1024 * 1024],
      [1, 5],
    ]);
    await cpuTime(small, 2); // warm up
    const ratio = (await cpuTime(large, 1)) / (await cpuTime(small, 3));
    // 8 times the text: about 8 times the work when linear; re-reading the field from its start
    // at every piece of 16 Ki characters (quadratic) made it 60 times or more.
    expect(ratio).toBeLessThan(25);
  });

  it('reads a field up to the record limit, which is an option', async () => {
    const limit = 10 * PIECE_CHARS;
    expect(await read(longFieldFile(limit - 20), limit)).toEqual([
      [2, 4],
      [1, limit - 20],
      [1, 5],
    ]);
  });

  it('says that a field is longer than the record limit, not that a quote is never closed', async () => {
    const limit = 10 * PIECE_CHARS;
    await expect(read(longFieldFile(2 * limit), limit)).rejects.toThrow(
      /^readCsv found a field longer than the record limit of 163840 characters from line 2 \(raise the limit with the maxRecordChars option/,
    );
  });

  it('says that a quote may never be closed when the record runs over many lines', async () => {
    const limit = 10 * PIECE_CHARS;
    const text = `id,note\n1,"open\n${'2,short\n'.repeat(limit / 4)}`;
    await expect(read([text], limit)).rejects.toThrow(
      /a record longer than the record limit of 163840 characters from line 2: a field that long, or a quote never closed/,
    );
  });

  it('says that a line is longer than the record limit when it has no quote', async () => {
    const limit = 10 * PIECE_CHARS;
    const text = `id,note\n1,${'x'.repeat(2 * limit)}\n`;
    await expect(read([text.slice(0, limit), text.slice(limit)], limit)).rejects.toThrow(
      /found a line longer than the record limit of 163840 characters from line 2/,
    );
  });
});
