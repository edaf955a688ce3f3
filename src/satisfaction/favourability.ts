import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { wilsonInterval } from '../core/intervals.js';
import { checkLevel } from '../internal/checkLevel.js';
import type { FavourabilityMap } from '../schemas/survey.js';

const DEFAULT_MAPS: Readonly<Record<number, FavourabilityMap>> = {
  2: { favourable: [2], neutral: [], unfavourable: [1] },
  3: { favourable: [3], neutral: [2], unfavourable: [1] },
  4: { favourable: [4], neutral: [2, 3], unfavourable: [1] },
  5: { favourable: [4, 5], neutral: [3], unfavourable: [1, 2] },
  6: { favourable: [4, 5, 6], neutral: [], unfavourable: [1, 2, 3] },
  7: { favourable: [6, 7], neutral: [4, 5], unfavourable: [1, 2, 3] },
  8: { favourable: [6, 7, 8], neutral: [4, 5], unfavourable: [1, 2, 3] },
  9: { favourable: [7, 8, 9], neutral: [4, 5, 6], unfavourable: [1, 2, 3] },
  10: { favourable: [8, 9, 10], neutral: [4, 5, 6, 7], unfavourable: [1, 2, 3] },
  11: { favourable: [10, 11], neutral: [8, 9], unfavourable: [1, 2, 3, 4, 5, 6, 7] },
};

/**
 * The default favourable / neutral / unfavourable split of a 2- to 11-point scale: the map of
 * Microsoft's open-source `vivaglint` package (top 2 of 5 on 5-point scales, as Culture Amp and
 * Lattice). Configure a question's own map in its schema (`favourability`).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a scale outside 2-11 points.
 *
 * @example
 * defaultFavourabilityMap(5) // => { favourable: [4, 5], neutral: [3], unfavourable: [1, 2] }
 */
export function defaultFavourabilityMap(points: number): FavourabilityMap {
  const map = DEFAULT_MAPS[points];
  if (map === undefined || !Number.isInteger(points)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `defaultFavourabilityMap requires 2 to 11 points, got ${String(points)}`,
    );
  }
  return {
    favourable: [...map.favourable],
    neutral: [...map.neutral],
    unfavourable: [...map.unfavourable],
  };
}

/** Options of {@link favourability}. */
export interface FavourabilityOptions {
  /** Points of the scale (answers 1..points). */
  readonly points: number;
  /** Which answers are favourable, neutral, unfavourable. Default {@link defaultFavourabilityMap}. */
  readonly map?: FavourabilityMap;
  /** Confidence level of the interval on the favourable share. Default 0.95. */
  readonly level?: number;
}

/** Favourable, neutral and unfavourable answers of a Likert item. */
export interface FavourabilityResult {
  /** Answers given; the denominator of the shares. */
  readonly n: number;
  /** Skipped answers (`null` / `undefined`), counted apart and never as zeros. */
  readonly skipped: number;
  readonly favourable: number;
  readonly neutral: number;
  readonly unfavourable: number;
  /** Shares 0-1 of the answers given; `null` when none. */
  readonly shares: {
    readonly favourable: number;
    readonly neutral: number;
    readonly unfavourable: number;
  } | null;
  /** Wilson interval on the favourable share; `null` when no answers. */
  readonly interval: Interval | null;
}

/** Throws unless a Likert scale has 2 to 11 points. @internal */
export function checkPoints(points: number, functionName: string): void {
  if (!Number.isInteger(points) || points < 2 || points > 11) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires 2 to 11 points, got ${String(points)}`,
    );
  }
}

/** Throws unless an answer is a whole number from 1 to points. @internal */
export function checkAnswer(answer: number, points: number, functionName: string): void {
  if (!Number.isInteger(answer) || answer < 1 || answer > points) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `${functionName} requires whole answers from 1 to ${points}, got ${String(answer)}`,
    );
  }
}

/** Resolves and checks a favourability map for a scale. @internal */
export function bucketsOf(
  points: number,
  map: FavourabilityMap | undefined,
  functionName: string,
): Int8Array {
  const resolved = map ?? defaultFavourabilityMap(points);
  const bucket = new Int8Array(points + 1).fill(-1);
  const entries: [keyof FavourabilityMap, number][] = [
    ['favourable', 0],
    ['neutral', 1],
    ['unfavourable', 2],
  ];
  for (const [key, index] of entries) {
    for (const answer of resolved[key]) {
      if (!Number.isInteger(answer) || answer < 1 || answer > points || bucket[answer] !== -1) {
        throw new InternalCustomerError(
          'INVALID_OPTION',
          `${functionName} requires a map that puts each of 1-${points} in one bucket; ${String(answer)} in ${key} does not fit`,
        );
      }
      bucket[answer] = index;
    }
  }
  if (bucket.slice(1).includes(-1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires a map that covers every answer 1-${points}`,
    );
  }
  return bucket;
}

/**
 * Favourability of a Likert item: the counts and shares of favourable, neutral and unfavourable
 * answers, with a Wilson interval on the favourable share. Percentages use the answers given as
 * denominator; skipped answers are counted apart. An answer off the scale is invalid input, not
 * silently dropped (some tools let it fall in no bucket).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number from 1 to points.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a scale outside 2-11 points or a map that does not cover it.
 *
 * @example
 * const result = favourability([4, 3, 5, 2, 4, null], { points: 5 });
 * result.shares // => { favourable: 0.6, neutral: 0.2, unfavourable: 0.2 }
 * result.skipped // => 1
 * favourability([6], { points: 5 }) // => throws OUT_OF_RANGE
 */
export function favourability(
  answers: Iterable<number | null | undefined>,
  options: FavourabilityOptions,
): FavourabilityResult {
  const { points } = options;
  checkPoints(points, 'favourability');
  const level = options.level ?? 0.95;
  checkLevel(level, 'favourability');
  const bucket = bucketsOf(points, options.map, 'favourability');
  const counts = [0, 0, 0];
  let skipped = 0;
  for (const answer of answers) {
    if (answer === null || answer === undefined) {
      skipped++;
      continue;
    }
    checkAnswer(answer, points, 'favourability');
    counts[bucket[answer]!]!++;
  }
  const [favourable, neutral, unfavourable] = counts as [number, number, number];
  return favourabilityResult(favourable, neutral, unfavourable, skipped, level);
}

/** The result from the three counts: shares and the Wilson interval, `null` with no answers. @internal */
export function favourabilityResult(
  favourable: number,
  neutral: number,
  unfavourable: number,
  skipped: number,
  level: number,
): FavourabilityResult {
  const n = favourable + neutral + unfavourable;
  return {
    n,
    skipped,
    favourable,
    neutral,
    unfavourable,
    shares:
      n === 0
        ? null
        : { favourable: favourable / n, neutral: neutral / n, unfavourable: unfavourable / n },
    interval: n === 0 ? null : wilsonInterval(favourable, n, level),
  };
}
