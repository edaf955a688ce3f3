import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { collectCsv } from './collectCsv.js';
import { type CsvDelimiter, readCsv } from './readCsv.js';
import { toCsv } from './toCsv.js';

/** A record with a field of every kind the reader converts. */
const RoundTripSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1).optional(),
  count: z.number().optional(),
  flag: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  attributes: z.record(z.string(), z.string().min(1)).optional(),
  history: z.array(z.strictObject({ status: z.string(), at: z.string() })).optional(),
  answer: z.union([z.number(), z.boolean(), z.null()]),
});
type RoundTrip = z.output<typeof RoundTripSchema>;

/** Text full of what CSV and spreadsheets treat specially, and characters beyond ASCII. */
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', ';', "'", '|', '['),
      fc.constantFrom(' ', 'é', 'Ø', '中', '😀', 'e\u0301', '=HYPERLINK("x")', "'=1+2", '7.5'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text.length > 0);

/** Numbers that `String(n)` writes as plain decimals (no exponent), as the reader accepts. */
const plainNumber = fc
  .oneof(fc.integer(), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
  .map((value) => (Object.is(value, -0) ? 0 : value))
  .filter((value) => !String(value).includes('e'));

const record: fc.Arbitrary<RoundTrip> = fc.record(
  {
    id: awkward,
    text: awkward,
    count: plainNumber,
    flag: fc.boolean(),
    tags: fc.array(fc.oneof(awkward, fc.constant('')), { maxLength: 4 }),
    attributes: fc.dictionary(fc.constantFrom('location', 'role', 'level'), awkward, {
      minKeys: 1,
      noNullPrototype: true,
    }),
    history: fc.array(fc.record({ status: awkward, at: awkward }, { noNullPrototype: true }), {
      maxLength: 3,
    }),
    answer: fc.oneof(plainNumber, fc.boolean(), fc.constant(null)),
  },
  { requiredKeys: ['id', 'answer'], noNullPrototype: true },
);

const delimiter = fc.constantFrom<CsvDelimiter>(',', ';', '\t');

/** Splits text into chunks of bytes at random places, cutting characters in two. */
function chunked(text: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

describe('toCsv and readCsv', () => {
  it('round-trip random records exactly: formulas, quotes, delimiters, line breaks, unicode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        delimiter,
        async (rows, sep) => {
          const text = toCsv(rows, { delimiter: sep });
          const result = await collectCsv(
            readCsv(text, { schema: RoundTripSchema, restoreFormulas: true }),
          );
          expect(result.issues).toEqual([]);
          expect(result.records).toStrictEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read the same records however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (rows, cuts) => {
          const text = toCsv(rows);
          const whole = await collectCsv(readCsv(text, { schema: RoundTripSchema }));
          const pieces = await collectCsv(
            readCsv(chunked(text, cuts), { schema: RoundTripSchema }),
          );
          expect(pieces).toStrictEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });
});
