import { createFastRecordParser } from './fastRecordParser.js';
import { pieceEnd } from './pieces.js';
import { type ParsedEntry, StopParsing } from './recordParser.js';

/** The delimiters the reader considers, in order of preference on a tie. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How many records of the sample decide. */
const SAMPLE_RECORDS = 50;

/** How much of the sample is split at a time. */
const SLICE_CHARS = 4096;

/**
 * Picks the delimiter of a CSV sample: among `,` `;` and tab, the ones that split the first records
 * (up to 50) of the sample into the same number of fields, more than one, without a quoting error;
 * of those the one giving the most fields (on a tie the earlier in that list). `,` when none does.
 * The sample is split as csv-parse splits it, so quoted fields count as one; when the sample is not the whole
 * input, the record it cuts (possibly inside a quoted field) is left out rather than misread.
 * @internal
 */
export async function detectDelimiter(sample: string, complete: boolean): Promise<Delimiter> {
  let best: Delimiter = ',';
  let bestCount = 1;
  for (const delimiter of DELIMITERS) {
    // A wrong delimiter can make every quote a problem; any problem among the records that
    // decide disqualifies it.
    const entries = await sampleRecords(sample, complete, delimiter);
    if (entries.length === 0) continue;
    let count: number | undefined;
    let consistent = true;
    for (const entry of entries) {
      if (!('fields' in entry) || (count !== undefined && entry.fields.length !== count)) {
        consistent = false;
        break;
      }
      count = entry.fields.length;
    }
    if (consistent && count !== undefined && count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The first records (up to 50) of a sample split with `delimiter`, as csv-parse splits them (the
 * fast splitter gives csv-parse's records). The sample is split slice by slice until enough
 * records decide: a wrong delimiter can hand the sample to csv-parse, which would otherwise build
 * an error for every record of 64 KiB. Records do not depend on how the text is cut
 * (`fastRecordParser.prop.test.ts`; `detectDelimiter.prop.test.ts` compares whole samples).
 * @internal
 */
export async function sampleRecords(
  sample: string,
  complete: boolean,
  delimiter: string,
  sliceChars = SLICE_CHARS,
): Promise<ParsedEntry[]> {
  const parser = createFastRecordParser(delimiter, 'readCsv');
  try {
    for (let start = 0; start < sample.length && parser.queue.length < SAMPLE_RECORDS; ) {
      const end = pieceEnd(sample, start, sliceChars);
      await parser.write(sample.slice(start, end));
      start = end;
    }
    if (complete && parser.queue.length < SAMPLE_RECORDS) await parser.end();
    else await parser.flush();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  } finally {
    parser.destroy();
  }
  return parser.queue.slice(0, SAMPLE_RECORDS);
}
