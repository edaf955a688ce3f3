import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import {
  type FavourabilityCounts,
  favourabilityCounts,
  mergeFavourabilityCounts,
} from '../satisfaction/favourabilityCounts.js';
import type { FavourabilityMap } from '../schemas/survey.js';
import { likertScale } from './favourabilitySql.js';
import { readAnswerCounts } from './internal/answerCounts.js';
import type { WarehousePeriodUnit } from './internal/sqlWriter.js';
import type { WarehouseRow } from './types.js';

/** Options of {@link favourabilityCountsFromRows}. */
export interface FavourabilityCountsFromRowsOptions {
  readonly groupBy?: readonly string[];
  readonly per?: WarehousePeriodUnit;
  /** Points of the scale, as given to `favourabilitySql`. */
  readonly points: number;
  /** Default `defaultFavourabilityMap(points)`. */
  readonly map?: FavourabilityMap;
}

const OPTIONS = {
  groupBy: true,
  per: true,
  points: true,
  map: true,
} satisfies OptionKeys<FavourabilityCountsFromRowsOptions>;

/** One group's Likert counts, read from the warehouse. */
export interface WarehouseFavourabilityGroup {
  /** The values of the `groupBy` columns (`null` where absent), then the period's first day. */
  readonly key: readonly (string | null)[];
  /** Answers per point and skipped answers: `favourabilityFromCounts` finishes them. */
  readonly counts: FavourabilityCounts;
  /** The sum of the answers given (their mean is sum / answers given). */
  readonly sum: number;
}

/** The result of {@link favourabilityCountsFromRows}. */
export interface WarehouseFavourabilityCounts {
  /** Groups ordered by key (nulls first). */
  readonly groups: readonly WarehouseFavourabilityGroup[];
  /** Every counted answer (the merge of the groups). */
  readonly total: FavourabilityCounts;
  /** The period the keys end with (their last value is its first day), or null. */
  readonly per: WarehousePeriodUnit | null;
}

/**
 * Reads the rows of a {@link favourabilitySql} query, from any engine, into the mergeable counts
 * of `favourability` per group (several rows of one key add up exactly), with the sum of the
 * answers; the sum is checked against the counts, so a fractional or off-scale answer is caught.
 *
 * O(rows x points).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count that is not a whole number >= 0 (or is
 * above 2^53 - 1), a missing period column, or a group value that is not text, a number or null.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a group with answers off the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown option, a bad scale or map.
 *
 * @example
 * const row = { answers: 4, skipped: 1, a1: 0, a2: 0, a3: 1, a4: '1', a5: 1n, score_sum: '12' };
 * const { total } = favourabilityCountsFromRows([row], { points: 5 });
 * [total.histogram, total.skipped] // => [[0, 0, 1, 1, 1], 1]
 */
export function favourabilityCountsFromRows(
  rows: Iterable<WarehouseRow>,
  options: FavourabilityCountsFromRowsOptions,
): WarehouseFavourabilityCounts {
  const name = 'favourabilityCountsFromRows';
  checkOptions(options, OPTIONS, name);
  const scale = likertScale(options.points, name);
  // The resolved map and its checks, as favourabilityCounts makes them.
  const empty = favourabilityCounts([], {
    points: options.points,
    ...(options.map === undefined ? {} : { map: options.map }),
  });
  const read = readAnswerCounts(rows, options, scale, name);
  const groups = read.groups.map(({ key, histogram, skipped }) => {
    let sum = 0;
    for (let offset = 0; offset < histogram.length; offset++)
      sum += (offset + 1) * histogram[offset]!;
    return { key, counts: { ...empty, histogram, skipped }, sum };
  });
  return {
    groups,
    total: mergeFavourabilityCounts(empty, ...groups.map((group) => group.counts)),
    per: read.per,
  };
}
