import { InternalCustomerError } from '../core/errors.js';
import { checkLevel } from '../internal/checkLevel.js';
import type { FavourabilityMap } from '../schemas/survey.js';
import {
  bucketsOf,
  checkAnswer,
  type FavourabilityResult,
  favourabilityResult,
} from './favourability.js';

/**
 * Answers of a Likert item counted per scale point, with the scale and the favourability map they
 * will be read with: the mergeable partial result of {@link favourability}.
 */
export interface FavourabilityCounts {
  /** Points of the scale (answers 1..points). */
  readonly points: number;
  /** Which answers are favourable, neutral and unfavourable. */
  readonly map: FavourabilityMap;
  /** Answers per point: `histogram[k - 1]` answers of k. */
  readonly histogram: readonly number[];
  /** Skipped answers (`null` / `undefined`). */
  readonly skipped: number;
}

/** Options of {@link favourabilityCounts}. */
export interface FavourabilityCountsOptions {
  /** Points of the scale (answers 1..points). */
  readonly points: number;
  /** Default `defaultFavourabilityMap(points)`. */
  readonly map?: FavourabilityMap;
}

function sortedMap(map: FavourabilityMap): FavourabilityMap {
  const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
  return {
    favourable: sorted(map.favourable),
    neutral: sorted(map.neutral),
    unfavourable: sorted(map.unfavourable),
  };
}

function resolvedMap(points: number, map: FavourabilityMap | undefined, name: string) {
  if (!Number.isInteger(points) || points < 2 || points > 11) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} requires 2 to 11 points, got ${String(points)}`,
    );
  }
  const buckets = bucketsOf(points, map, name);
  const resolved: FavourabilityMap = { favourable: [], neutral: [], unfavourable: [] };
  const keys = ['favourable', 'neutral', 'unfavourable'] as const;
  for (let answer = 1; answer <= points; answer++) {
    (resolved[keys[buckets[answer]!]!] as number[]).push(answer);
  }
  return { buckets, map: sortedMap(resolved) };
}

/**
 * Counts the answers of a Likert item per scale point: the streaming form of
 * {@link favourability}. Count each chunk (a file's part, a worker's share, a warehouse
 * `GROUP BY`), merge with {@link mergeFavourabilityCounts}, and finish with
 * {@link favourabilityFromCounts}: the result equals `favourability` of all the answers at once.
 *
 * O(answers).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number from 1 to points.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a scale outside 2-11 points or a map that does not cover it.
 *
 * @example
 * const counts = favourabilityCounts([4, 3, 5, null], { points: 5 });
 * counts.histogram // => [0, 0, 1, 1, 1]
 * counts.skipped // => 1
 * favourabilityCounts([6], { points: 5 }) // => throws OUT_OF_RANGE
 */
export function favourabilityCounts(
  answers: Iterable<number | null | undefined>,
  options: FavourabilityCountsOptions,
): FavourabilityCounts {
  const { points } = options;
  const { map } = resolvedMap(points, options.map, 'favourabilityCounts');
  const histogram = new Array<number>(points).fill(0);
  let skipped = 0;
  for (const answer of answers) {
    if (answer === null || answer === undefined) {
      skipped++;
      continue;
    }
    checkAnswer(answer, points, 'favourabilityCounts');
    histogram[answer - 1]!++;
  }
  return { points, map, histogram, skipped };
}

function sameMap(a: FavourabilityMap, b: FavourabilityMap): boolean {
  const same = (x: readonly number[], y: readonly number[]) =>
    x.length === y.length && x.every((value, index) => value === y[index]);
  return (
    same(a.favourable, b.favourable) &&
    same(a.neutral, b.neutral) &&
    same(a.unfavourable, b.unfavourable)
  );
}

/**
 * Merges favourability counts exactly: histograms and skipped answers add. A monoid
 * (associative, order-free), whose identity is the counts of no answers
 * (`favourabilityCounts([], { points })`).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for counts of different scales or maps, or none.
 *
 * @example
 * const merged = mergeFavourabilityCounts(favourabilityCounts([5, 4], { points: 5 }), favourabilityCounts([1, null], { points: 5 }));
 * merged.histogram // => [1, 0, 0, 1, 1]
 * merged.skipped // => 1
 * mergeFavourabilityCounts(favourabilityCounts([5], { points: 5 }), favourabilityCounts([5], { points: 7 })) // => throws INVALID_INPUT
 */
export function mergeFavourabilityCounts(
  ...counts: readonly FavourabilityCounts[]
): FavourabilityCounts {
  const first = counts[0];
  if (first === undefined) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      'mergeFavourabilityCounts requires at least one counts object (its scale)',
    );
  }
  const histogram = new Array<number>(first.points).fill(0);
  let skipped = 0;
  for (const part of counts) {
    if (part.points !== first.points || !sameMap(part.map, first.map)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `mergeFavourabilityCounts requires counts of one scale and map, got ${first.points} and ${part.points} points`,
      );
    }
    for (let index = 0; index < histogram.length; index++)
      histogram[index]! += part.histogram[index]!;
    skipped += part.skipped;
  }
  return { points: first.points, map: first.map, histogram, skipped };
}

/**
 * Favourability from counted answers: the same result as {@link favourability} on all the answers
 * behind the counts (counts, shares and the Wilson interval on the favourable share).
 *
 * O(points).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for counts whose histogram does not match their scale.
 *
 * @example
 * const counts = mergeFavourabilityCounts(favourabilityCounts([4, 3], { points: 5 }), favourabilityCounts([5, 2, 4, null], { points: 5 }));
 * favourabilityFromCounts(counts).shares // => { favourable: 0.6, neutral: 0.2, unfavourable: 0.2 }
 */
export function favourabilityFromCounts(
  counts: FavourabilityCounts,
  options: { readonly level?: number } = {},
): FavourabilityResult {
  const level = options.level ?? 0.95;
  checkLevel(level, 'favourabilityFromCounts');
  const { buckets } = resolvedMap(counts.points, counts.map, 'favourabilityFromCounts');
  if (counts.histogram.length !== counts.points) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `favourabilityFromCounts requires one count per scale point (${counts.points}), got ${counts.histogram.length}`,
    );
  }
  const totals = [0, 0, 0];
  for (let answer = 1; answer <= counts.points; answer++) {
    totals[buckets[answer]!]! += counts.histogram[answer - 1]!;
  }
  const [favourable, neutral, unfavourable] = totals as [number, number, number];
  return favourabilityResult(favourable, neutral, unfavourable, counts.skipped, level);
}
