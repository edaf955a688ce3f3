import { describe, expect, it } from 'vitest';
import { CHECKPOINT_ROWS, hashBytes, RecordIndex, UNHASHED } from './recordIndex.js';

describe('RecordIndex', () => {
  it('keeps every hash and a checkpoint every 64 records as it grows', () => {
    const index = new RecordIndex();
    const rows = 200_000; // past the first arrays (65 536 hashes, 1 024 checkpoints)
    for (let row = 0; row < rows; row++) index.add(row * 10, row * 2 + 1, row % 1000);
    expect(index.count).toBe(rows);
    expect(index.usable).toBe(true);
    expect(index.checkpoint(0)).toEqual({ offset: 0, row: 0, line: 1 });
    expect(index.checkpoint(CHECKPOINT_ROWS - 1)).toEqual({ offset: 0, row: 0, line: 1 });
    const last = rows - 1;
    const start = Math.floor(last / CHECKPOINT_ROWS) * CHECKPOINT_ROWS;
    expect(index.checkpoint(last)).toEqual({ offset: start * 10, row: start, line: start * 2 + 1 });
    // Every row whose hash is wanted, in order; the bit filter lets no other through.
    const like = index.rowsLike(new Set([7, 999]));
    expect(like.length).toBe(400);
    expect(like.every((row) => row % 1000 === 7 || row % 1000 === 999)).toBe(true);
    expect(like).toEqual([...like].sort((a, b) => a - b));
  });

  it('always takes a record whose first field was not hashed, and no hash that only shares low bits', () => {
    const index = new RecordIndex();
    index.add(0, 1, UNHASHED);
    index.add(5, 2, 0x10007); // low 16 bits like 7
    index.add(9, 3, 7);
    expect(index.rowsLike(new Set([7]))).toEqual([0, 2]);
  });

  it('is dropped past 16 M records (then locateRows reads the whole file)', () => {
    const index = new RecordIndex();
    const limit = 1 << 24;
    for (let row = 0; row < limit; row++) index.add(row, row + 1, 1);
    expect(index.usable).toBe(true);
    index.add(limit, limit + 1, 1);
    expect(index.usable).toBe(false);
    expect(index.count).toBe(limit);
  });

  it('hashes bytes as FNV-1a kept to 30 bits', () => {
    expect(hashBytes(new Uint8Array(0), 0, 0)).toBe(0x811c9dc5 & 0x3fffffff);
    const bytes = new TextEncoder().encode('r1');
    expect(hashBytes(bytes, 0, 2)).toBeLessThan(UNHASHED);
  });
});
