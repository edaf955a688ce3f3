import { describe, expect, it } from 'vitest';
import { collectCsv } from './collectCsv.js';
import type { CsvItem } from './readCsv.js';

describe('collectCsv', () => {
  it('gathers records with their rows and lines, and issues, in file order', async () => {
    const items: CsvItem<{ id: string }>[] = [
      { kind: 'record', row: 1, line: 2, record: { id: 'a' } },
      {
        kind: 'issue',
        row: 2,
        line: 3,
        issue: { row: 2, line: 3, path: 'id', code: 'too_small', message: 'row 2, id: empty' },
      },
      { kind: 'record', row: 3, line: 5, record: { id: 'c' } },
    ];
    expect(await collectCsv(items)).toEqual({
      records: [{ id: 'a' }, { id: 'c' }],
      recordRows: [1, 3],
      recordLines: [2, 5],
      issues: [items[1]?.kind === 'issue' ? items[1].issue : undefined],
    });
  });

  it('returns empty lists for no items', async () => {
    expect(await collectCsv([])).toEqual({
      records: [],
      recordRows: [],
      recordLines: [],
      issues: [],
    });
  });
});
