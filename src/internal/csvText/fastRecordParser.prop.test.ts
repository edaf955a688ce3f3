import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFastRecordParser } from './fastRecordParser.js';
import { createRecordParser, type ParsedEntry } from './recordParser.js';

type Parser = ReturnType<typeof createRecordParser>;

/** Feeds chunks to a parser; the entries it produced, and the error it threw (if any). */
async function run(
  parser: Parser,
  chunks: readonly string[],
): Promise<{ entries: ParsedEntry[]; error?: string }> {
  try {
    for (const chunk of chunks) await parser.write(chunk);
    await parser.end();
    return { entries: [...parser.queue] };
  } catch (error) {
    return { entries: [...parser.queue], error: (error as Error).message };
  } finally {
    parser.destroy();
  }
}

/** Cuts text at the given fractions of its length, never inside a character (as decoding never does). */
function chunked(text: string, cuts: readonly number[]): string[] {
  const whole = (point: number) => {
    const code = text.charCodeAt(point);
    return code >= 0xdc00 && code <= 0xdfff ? point + 1 : point;
  };
  const points = [...new Set(cuts.map((cut) => whole(Math.floor(cut * text.length))))].sort(
    (a, b) => a - b,
  );
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks.filter((chunk) => chunk.length > 0);
}

/** CSV-ish text: mostly well-formed records, with every character csv-parse treats specially. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'bc', '7', ' ', 'é', '中', '😀') },
  { weight: 3, arbitrary: fc.constantFrom(',', ';', '\t') },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
  { weight: 2, arbitrary: fc.constantFrom('"', '""') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom('x', ',', '\n', '\r\n', '""', ';', ' '), { maxLength: 5 })
      .map((parts) => `"${parts.join('')}"`),
  },
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 });

describe('createFastRecordParser', () => {
  it('splits records, fields and start lines exactly as csv-parse does, however the text is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, fc.constantFrom(',', ';', '\t'), async (csv, at, delimiter) => {
        const chunks = chunked(csv, at);
        const expected = await run(createRecordParser(delimiter, 'readCsv'), chunks);
        const actual = await run(createFastRecordParser(delimiter, 'readCsv'), chunks);
        expect(actual).toEqual(expected);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
  });

  it('reads well-formed quoted records with line breaks without handing them to csv-parse', async () => {
    const parser = createFastRecordParser(',', 'readCsv');
    await parser.write('id,text\r\n1,"a, ""b""\r\nc"\r\n2,');
    await parser.write('plain\n\n3,"x"');
    await parser.end();
    expect(parser.queue).toEqual([
      { fields: ['id', 'text'], line: 1 },
      { fields: ['1', 'a, "b"\r\nc'], line: 2 },
      { fields: ['2', 'plain'], line: 4 },
      { fields: ['3', 'x'], line: 6 },
    ]);
  });

  it('reports a misplaced quote as csv-parse does and reads on', async () => {
    const chunks = ['id,text\n1,ab"c\n2,ok\n'];
    const expected = await run(createRecordParser(',', 'readCsv'), chunks);
    const actual = await run(createFastRecordParser(',', 'readCsv'), chunks);
    expect(actual).toEqual(expected);
    expect(actual.entries.map((entry) => ('problem' in entry ? 'problem' : 'record'))).toEqual([
      'record',
      'problem',
      'record',
    ]);
  });
});
