import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../tests/fixtures/csv/generate.js';

describe('CSV fixtures', () => {
  it('are the bytes tests/fixtures/csv/generate.ts writes', () => {
    for (const [name, content] of Object.entries(FIXTURES)) {
      const expected = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const actual = readFileSync(new URL(`../../tests/fixtures/csv/${name}`, import.meta.url));
      expect(Buffer.compare(actual, expected), name).toBe(0);
    }
  });
});
