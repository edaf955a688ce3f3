import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvFile } from '../csv/readCsvFile.js';
import { csvEnpsTallies, talliesResult } from './csvEnpsTallies.js';
import {
  addItems,
  aggregationParams,
  type EnpsAggregationParams,
  emptyPartial,
  mergePartial,
  responseSchemaFor,
} from './internal/enpsAggregation.js';
import {
  cleanSetup,
  finishPart,
  mergeParts,
  type PartReadOptions,
  readPart,
} from './internal/enpsParts.js';
import { splitPart } from './internal/splitRange.js';

// splitPart and the second stage count the lines that are valid for sure from their bytes and reads every other
// line the full way. Whatever the file (quoted fields over several lines, blank lines, CRLF or
// CR line ends, a byte-order mark, misplaced quotes, text that is not UTF-8) and however it
// arrives in chunks, it must give what readCsv followed by addItems gives.

let folder = '';
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-range-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

const READ: PartReadOptions = { mapping: undefined, encoding: undefined, collection: undefined };

const cell = {
  id: fc.constantFrom('r1', 'r2', 'x', '', ' t1', 'é', '"q,1"'),
  team: fc.constantFrom('t1', 't2', 'tё', '', 't1 ', '"t\n2"'),
  instant: fc.constantFrom(
    '2025-03-31T23:59:59Z',
    '2024-02-29T12:00:00Z',
    '2025-02-29T12:00:00Z',
    '2025-06-30T10:00:00.250Z',
    '2025-04-01T00:30:00+02:00',
    '',
  ),
  score: fc.constantFrom('0', '6', '9', '10', '', '11', '7.5', '07', '"8"', 'x"y'),
  comments: fc.constantFrom('', '[]', '"[{""text"":""two\nlines""}]"', '"[{""text"":""a\r\nb""}]"'),
};
const HEADER = ['id', 'surveyId', 'teamId', 'submittedAt', 'answers.enps', 'comments'];
const line = fc
  .tuple(cell.id, cell.id, cell.team, cell.instant, cell.score, cell.comments)
  .map((cells) => cells.join(','));
/** A file: rows, sometimes blank lines or a ragged row, one line ending, maybe a mark. */
const file = fc
  .record({
    lines: fc.array(
      fc.oneof(
        { weight: 12, arbitrary: line },
        { weight: 1, arbitrary: fc.constantFrom('', 'r9,s1') },
      ),
      { maxLength: 40 },
    ),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    mark: fc.boolean(),
    last: fc.boolean(),
  })
  .map(({ lines, newline, mark, last }) => {
    const text = [HEADER.join(','), ...lines].join(newline);
    return `${mark ? '\ufeff' : ''}${text}${last ? newline : ''}`;
  });

const paramsOf = (period: EnpsAggregationParams['period']) =>
  aggregationParams(
    { question: 'enps', groupBy: ['teamId'], period },
    'test',
    (message) => new Error(message),
  );

/** readCsv's items counted with addItems: the result the fast reader must give. */
async function reference(path: string, params: EnpsAggregationParams) {
  const partial = emptyPartial();
  let rows = 0;
  const schema = responseSchemaFor(params.groupBy);
  const items = [];
  for await (const item of readCsvFile(path, { schema, delimiter: ',' })) {
    items.push(item);
    if (item.row > rows) rows = item.row;
  }
  addItems(partial, items, params);
  return talliesResult(partial, rows, params.cutoffs);
}

/** Byte offsets just after a line feed with an even number of quotes before it. */
function recordStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  let quotes = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] === 34) quotes++;
    else if (bytes[index] === 10 && quotes % 2 === 0 && index + 1 < bytes.length) {
      starts.push(index + 1);
    }
  }
  return starts;
}

let count = 0;

describe('splitPart and finishPart', () => {
  it('gives the result of readCsv and addItems, however the file is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(undefined, 'month' as const),
        async (text, chunkBytes, period) => {
          const path = join(folder, `whole-${count++}.csv`);
          writeFileSync(path, text);
          const params = paramsOf(period);
          const task = {
            path,
            start: 0,
            end: Buffer.byteLength(text),
            delimiter: ',',
            header: undefined,
            read: READ,
            params,
            clean: cleanSetup(HEADER, READ, params),
            chunkBytes,
          };
          const result = await readPart(task, true);
          const partial = emptyPartial();
          mergePartial(partial, {
            groups: new Map(result.groups.map((group) => [JSON.stringify(group.key), group])),
            issues: result.issues,
          });
          expect(talliesResult(partial, result.rows, params.cutoffs)).toEqual(
            await reference(path, params),
          );
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('gives the same result read in parts that start at record boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        file.filter((text) => !text.includes('\r')),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        async (text, cuts) => {
          const path = join(folder, `parts-${count++}.csv`);
          const bytes = Buffer.from(text);
          writeFileSync(path, bytes);
          const params = paramsOf('quarter');
          const starts = recordStarts(bytes).slice(1); // after the header
          if (starts.length === 0) return;
          const boundaries = [
            ...new Set(cuts.map((cut) => starts[Math.floor(cut * (starts.length - 1))]!)),
          ].sort((a, b) => a - b);
          const header = text
            .replace(/^\ufeff/, '')
            .split('\n', 1)[0]!
            .split(',');
          const results = await Promise.all(
            [0, ...boundaries].map((start, index) => {
              const task = {
                path,
                start,
                end: boundaries[index] ?? bytes.length,
                delimiter: ',',
                header: index === 0 ? undefined : header,
                read: READ,
                params,
                clean: cleanSetup(header, READ, params),
              };
              // As a worker reads a part (rows left over read after), or as this thread does.
              return index % 2 === 1
                ? splitPart(task).then((result) => finishPart(result, task))
                : readPart(task);
            }),
          );
          if (results.some((result) => result.unsure)) return; // read again on one thread
          const { partial, rows } = mergeParts(results, undefined);
          expect(talliesResult(partial, rows, params.cutoffs)).toEqual(
            await reference(path, params),
          );
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });

  it('leaves text that is not UTF-8 to readCsv, which reports it', async () => {
    const path = join(folder, 'latin1.csv');
    const rows = ['id,surveyId,teamId,submittedAt,answers.enps'];
    for (let i = 0; i < 5000; i++) rows.push(`r${i},s1,t1,2025-03-01T10:00:00Z,9`);
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from([0x72, 0xe9, 0x2c, 0x0a])]),
    );
    const error = await csvEnpsTallies(path, { question: 'enps', workers: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(String(error)).toMatch(/requires valid UTF-8 text: the bytes \d+ to \d+/);
  });
});
