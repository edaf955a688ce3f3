import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleRecords } from './detectDelimiter.js';

// The delimiter is decided by the first 50 records of a sample, split slice by slice until there
// are enough: the records must be those of the whole sample split at once.
const piece = fc.constantFrom('a', 'bc', '7', ',', ';', '\t', '\n', '\r\n', '"', '"x,\n""y"', 'é');
const sample = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));

describe('sampleRecords', () => {
  it('gives the first records of the whole sample, however small the slices', async () => {
    await fc.assert(
      fc.asyncProperty(
        sample,
        fc.boolean(),
        fc.constantFrom(',', ';', '\t'),
        fc.integer({ min: 1, max: 64 }),
        async (text, complete, delimiter, slice) => {
          const whole = await sampleRecords(text, complete, delimiter, Number.POSITIVE_INFINITY);
          expect(await sampleRecords(text, complete, delimiter, slice)).toEqual(whole);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
