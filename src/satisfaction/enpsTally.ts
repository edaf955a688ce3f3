import { InternalCustomerError } from '../core/errors.js';
import { checkScore, type EnpsCutoffs, resolveCutoffs, sameCutoffs } from './classifyEnps.js';

/**
 * Counts of eNPS answers per category, with the histogram of answers (one count per scale point,
 * from `scaleMin`) when known and the cut-offs they were counted with. Tallies merge exactly
 * ({@link mergeTallies}), so partial tallies from files, workers or SQL `GROUP BY` combine.
 */
export interface EnpsTally {
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
  readonly n: number;
  /** Answers per scale point, or `null` when the tally was made from category counts alone. */
  readonly histogram: readonly number[] | null;
  readonly cutoffs: EnpsCutoffs;
}

/** Options of {@link enpsTally}. */
export interface EnpsTallyOptions {
  /** Scale and cut-offs. Default 0-10 with detractors 0-6, passives 7-8, promoters 9-10. */
  readonly cutoffs?: Partial<EnpsCutoffs>;
}

/** Category counts from a histogram of answers, one count per scale point. @internal */
export function fromHistogram(histogram: number[], cutoffs: EnpsCutoffs): EnpsTally {
  let detractors = 0;
  let passives = 0;
  let promoters = 0;
  for (let index = 0; index < histogram.length; index++) {
    const score = cutoffs.scaleMin + index;
    const count = histogram[index]!;
    if (score <= cutoffs.detractorMax) detractors += count;
    else if (score <= cutoffs.passiveMax) passives += count;
    else promoters += count;
  }
  return {
    detractors,
    passives,
    promoters,
    n: detractors + passives + promoters,
    histogram,
    cutoffs,
  };
}

/** From this many answers up, {@link countBytes} spreads its counts over interleaved histograms. */
const LANES_FROM = 1024;

/**
 * Answers per byte value (0 to 255) of a `Uint8Array`, exactly (Float64 counts). A single histogram
 * is slow when answers repeat (one team's constant answers, sorted or skewed data): each increment
 * waits for the store of the previous one to the same slot, while a plain three-counter loop
 * predicts its branches well there. Eight histograms side by side, the 8 answers of each step
 * counted in different ones, break that chain, so the count costs the same on every data shape
 * (bench/satisfaction.bench.ts: within 1.2x of the three-counter loop on uniform, constant,
 * skewed and sorted answers). Documented hot loop.
 */
function countBytes(bytes: Uint8Array): Float64Array {
  const counts = new Float64Array(256);
  const length = bytes.length;
  if (length < LANES_FROM) {
    for (let index = 0; index < length; index++) counts[bytes[index]!]!++;
    return counts;
  }
  const lanes = new Float64Array(8 * 256);
  let index = 0;
  for (; index + 7 < length; index += 8) {
    lanes[bytes[index]!]!++;
    lanes[256 | bytes[index + 1]!]!++;
    lanes[512 | bytes[index + 2]!]!++;
    lanes[768 | bytes[index + 3]!]!++;
    lanes[1024 | bytes[index + 4]!]!++;
    lanes[1280 | bytes[index + 5]!]!++;
    lanes[1536 | bytes[index + 6]!]!++;
    lanes[1792 | bytes[index + 7]!]!++;
  }
  for (; index < length; index++) lanes[bytes[index]!]!++;
  for (let value = 0; value < 256; value++) {
    let total = 0;
    for (let lane = 0; lane < 8 * 256; lane += 256) total += lanes[lane | value]!;
    counts[value] = total;
  }
  return counts;
}

/**
 * Tallies eNPS answers: category counts and the histogram. Accepts arrays, typed arrays
 * (`Uint8Array` is the compact form for millions of answers) and any iterable; `null` and
 * `undefined` are not answers and are refused, so skipped answers must be filtered by the caller
 * (they are counted apart, never as zeros).
 *
 * One pass, O(n), no allocation per answer.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number on the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for invalid cut-offs.
 *
 * @example
 * const tally = enpsTally([10, 9, 8, 7, 6, 0]);
 * [tally.detractors, tally.passives, tally.promoters, tally.n] // => [2, 2, 2, 6]
 * enpsTally(new Uint8Array([9, 9, 3])).promoters // => 2
 * enpsTally([7.5]) // => throws OUT_OF_RANGE
 */
export function enpsTally(
  scores: ArrayLike<number> | Iterable<number>,
  options: EnpsTallyOptions = {},
): EnpsTally {
  const cutoffs = resolveCutoffs(options.cutoffs, 'enpsTally');
  const width = cutoffs.scaleMax - cutoffs.scaleMin + 1;
  const histogram = new Array<number>(width).fill(0);
  const { scaleMin } = cutoffs;
  if (
    scores instanceof Uint8Array ||
    scores instanceof Int8Array ||
    scores instanceof Uint16Array ||
    scores instanceof Int16Array
  ) {
    // Typed integer arrays hold whole numbers of a known range: count every possible value with
    // no branch in the loop, then check the counts off the scale. A value is counted in the slot
    // of its bits read as an unsigned number (two's complement when signed).
    let counts: Float64Array;
    if (scores instanceof Uint8Array) counts = countBytes(scores);
    else if (scores instanceof Int8Array)
      counts = countBytes(new Uint8Array(scores.buffer, scores.byteOffset, scores.length));
    else {
      counts = new Float64Array(65_536);
      for (let index = 0; index < scores.length; index++) counts[scores[index]! & 0xffff]!++;
    }
    const span = counts.length;
    const lowest = scores instanceof Int8Array || scores instanceof Int16Array ? -span / 2 : 0;
    for (let value = lowest; value < lowest + span; value++) {
      const count = counts[value & (span - 1)]!;
      if (count === 0) continue;
      if (value < scaleMin || value - scaleMin >= width) checkScore(value, cutoffs, 'enpsTally');
      histogram[value - scaleMin] = count;
    }
    return fromHistogram(histogram, cutoffs);
  }
  const add = (score: number) => {
    const offset = score - scaleMin;
    // One comparison chain covers NaN, fractions and the range; the slow path only names the problem.
    if (!(offset >= 0 && offset < width && offset === Math.floor(offset)))
      checkScore(score, cutoffs, 'enpsTally');
    histogram[offset]!++;
  };
  if (Array.isArray(scores) || ArrayBuffer.isView(scores)) {
    const list = scores as ArrayLike<number>;
    for (let index = 0; index < list.length; index++) add(list[index]!);
  } else if (typeof (scores as Iterable<number>)[Symbol.iterator] === 'function') {
    for (const score of scores as Iterable<number>) add(score);
  } else {
    const list = scores as ArrayLike<number>;
    for (let index = 0; index < list.length; index++) add(list[index]!);
  }
  return fromHistogram(histogram, cutoffs);
}

/**
 * Tallies the eNPS answers held in a field of each item (`{ score }` objects, response rows), one
 * pass without building an array of scores.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number on the scale.
 *
 * @example
 * enpsTallyBy([{ score: 9 }, { score: 4 }], (row) => row.score).n // => 2
 */
export function enpsTallyBy<T>(
  items: Iterable<T>,
  score: (item: T) => number,
  options: EnpsTallyOptions = {},
): EnpsTally {
  const cutoffs = resolveCutoffs(options.cutoffs, 'enpsTallyBy');
  const width = cutoffs.scaleMax - cutoffs.scaleMin + 1;
  const histogram = new Array<number>(width).fill(0);
  const scaleMin = cutoffs.scaleMin;
  for (const item of items) {
    const value = score(item);
    const offset = value - scaleMin;
    if (!(offset >= 0 && offset < width && offset === Math.floor(offset)))
      checkScore(value, cutoffs, 'enpsTallyBy');
    histogram[offset]!++;
  }
  return fromHistogram(histogram, cutoffs);
}

/**
 * A tally from category counts alone (as a warehouse `GROUP BY` or another tool returns them);
 * it has no histogram.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for counts that are negative or not whole.
 *
 * @example
 * enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 }).n // => 100
 */
export function enpsTallyFromCounts(
  counts: { readonly detractors: number; readonly passives: number; readonly promoters: number },
  options: EnpsTallyOptions = {},
): EnpsTally {
  const cutoffs = resolveCutoffs(options.cutoffs, 'enpsTallyFromCounts');
  for (const [key, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `enpsTallyFromCounts requires whole counts >= 0, got ${key} ${String(value)}`,
      );
    }
  }
  const { detractors, passives, promoters } = counts;
  return {
    detractors,
    passives,
    promoters,
    n: detractors + passives + promoters,
    histogram: null,
    cutoffs,
  };
}

/**
 * The empty tally: the identity of {@link mergeTallies}.
 *
 * @example
 * emptyTally().n // => 0
 */
export function emptyTally(cutoffs?: Partial<EnpsCutoffs>): EnpsTally {
  const resolved = resolveCutoffs(cutoffs, 'emptyTally');
  return fromHistogram(
    new Array<number>(resolved.scaleMax - resolved.scaleMin + 1).fill(0),
    resolved,
  );
}

/**
 * Merges tallies exactly: counts and histograms add. A monoid: associative, with
 * {@link emptyTally} as identity, and order does not matter. The histogram survives only when
 * every tally has one. No tallies give the empty tally on the default scale.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for tallies made with different scales or cut-offs.
 *
 * @example
 * const merged = mergeTallies(enpsTally([9, 10]), enpsTally([3]));
 * [merged.promoters, merged.detractors, merged.n] // => [2, 1, 3]
 * mergeTallies(enpsTally([9]), enpsTally([9], { cutoffs: { detractorMax: 5 } })) // => throws INVALID_INPUT
 */
export function mergeTallies(...tallies: readonly EnpsTally[]): EnpsTally {
  const first = tallies[0];
  if (first === undefined) return emptyTally();
  let detractors = 0;
  let passives = 0;
  let promoters = 0;
  let histogram: number[] | null =
    first.histogram === null ? null : new Array<number>(first.histogram.length).fill(0);
  for (const tally of tallies) {
    if (!sameCutoffs(tally.cutoffs, first.cutoffs)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `mergeTallies requires tallies with the same scale and cut-offs, got ${JSON.stringify(first.cutoffs)} and ${JSON.stringify(tally.cutoffs)}`,
      );
    }
    detractors += tally.detractors;
    passives += tally.passives;
    promoters += tally.promoters;
    if (histogram !== null && tally.histogram !== null) {
      for (let index = 0; index < histogram.length; index++)
        histogram[index]! += tally.histogram[index]!;
    } else {
      histogram = null;
    }
  }
  return {
    detractors,
    passives,
    promoters,
    n: detractors + passives + promoters,
    histogram,
    cutoffs: first.cutoffs,
  };
}
