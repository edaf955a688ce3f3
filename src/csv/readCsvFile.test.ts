import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isInternalCustomerError } from '../core/errors.js';
import { collectCsv } from './collectCsv.js';
import { readCsvFile } from './readCsvFile.js';

describe('readCsvFile', () => {
  it('rejects with INVALID_INPUT, naming the file, when it does not exist', async () => {
    const path = fileURLToPath(
      new URL('../../tests/fixtures/csv/no-such-file.csv', import.meta.url),
    );
    const error = await collectCsv(readCsvFile(path, { schema: z.object({}) })).catch((e) => e);
    expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/no-such-file\.csv: ENOENT/);
  });

  it('throws INVALID_INPUT at the call for an empty path', () => {
    expect(() => readCsvFile('', { schema: z.object({}) })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
