import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { EnpsScoreSchema, IdSchema } from '../schemas/primitives.js';
import { readCsv } from './readCsv.js';

const ROWS = 1_000_000;
const ROWS_PER_CHUNK = 2_000;

describe('readCsv', () => {
  it('reads a million rows from a stream, holding only a few chunks at a time', async () => {
    let produced = 0;
    let furthestAhead = 0;
    let records = 0;
    async function* source() {
      const encoder = new TextEncoder();
      yield encoder.encode('id,score,team\r\n');
      for (let start = 0; start < ROWS; start += ROWS_PER_CHUNK) {
        let text = '';
        for (let row = start; row < start + ROWS_PER_CHUNK; row++) {
          text += `e${row},${row % 11},t${row % 7}\r\n`;
        }
        produced += ROWS_PER_CHUNK;
        furthestAhead = Math.max(furthestAhead, produced - records);
        yield encoder.encode(text);
      }
    }
    const schema = z.strictObject({ id: IdSchema, score: EnpsScoreSchema, team: z.string() });
    let scoreSum = 0;
    let lastLine = 0;
    for await (const item of readCsv(source(), { schema })) {
      if (item.kind !== 'record') throw new Error(item.issue.message);
      records++;
      scoreSum += item.record.score;
      lastLine = item.line;
    }
    expect(records).toBe(ROWS);
    expect(lastLine).toBe(ROWS + 1);
    // sum of (row mod 11) over 0..999999: 90909 full cycles of 0..10 (55 each), then 0..0.
    expect(scoreSum).toBe(90_909 * 55 + 0);
    // The reader pulls the source as it goes: never more than the 64 KiB sample and a chunk ahead.
    expect(furthestAhead).toBeLessThanOrEqual(6 * ROWS_PER_CHUNK);
  });
});
