import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { FavourabilityResult } from '../satisfaction/favourability.js';
import {
  favourabilityFromCounts,
  mergeFavourabilityCounts,
} from '../satisfaction/favourabilityCounts.js';
import type { WarehouseFavourabilityCounts } from './favourabilityCountsFromRows.js';
import { type PublishedWarehouseCell, publishGroups } from './internal/publishGroups.js';

/** Options of {@link publishWarehouseFavourability}. */
export interface PublishWarehouseFavourabilityOptions {
  /** Minimum answers behind a shown cell (the survey's). Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  readonly level?: number;
}

const OPTIONS = {
  minGroupSize: true,
  level: true,
} satisfies OptionKeys<PublishWarehouseFavourabilityOptions>;

const CATEGORIES = ['favourable', 'neutral', 'unfavourable'];

/**
 * Publishes warehouse Likert counts through the privacy gate: per period, the groups and their
 * total as one protected table (primary and complementary suppression, everyone in one of
 * favourable, neutral, unfavourable hidden too). Shown cells carry `favourabilityFromCounts`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, an unknown
 * option or level.
 *
 * @example
 * const row = (team: string, a: number[]) => ({ team_id: team, answers: a.reduce((x, y) => x + y), skipped: 0, a1: a[0], a2: a[1], a3: a[2], a4: a[3], a5: a[4], score_sum: a.reduce((sum, count, i) => sum + count * (i + 1), 0) });
 * const counts = favourabilityCountsFromRows([row('a', [1, 1, 2, 3, 3]), row('b', [0, 2, 1, 2, 3])], { points: 5, groupBy: ['team_id'] });
 * publishWarehouseFavourability(counts).map((c) => c.cell.status === 'shown' && c.cell.value.favourable) // => [11, 6, 5]
 */
export function publishWarehouseFavourability(
  counts: WarehouseFavourabilityCounts,
  options: PublishWarehouseFavourabilityOptions = {},
): PublishedWarehouseCell<FavourabilityResult>[] {
  checkOptions(options, OPTIONS, 'publishWarehouseFavourability');
  const level = options.level === undefined ? {} : { level: options.level };
  return publishGroups(
    counts.groups.map((group) => ({ key: group.key, aggregate: group.counts })),
    counts.per !== null,
    {
      categories: CATEGORIES,
      exclusive: true,
      statistics: (aggregate) => {
        const result = favourabilityFromCounts(aggregate);
        return {
          n: result.n,
          counts: {
            favourable: result.favourable,
            neutral: result.neutral,
            unfavourable: result.unfavourable,
          },
        };
      },
      merge: (parts) => mergeFavourabilityCounts(...parts),
      value: (aggregate) => favourabilityFromCounts(aggregate, level),
      minGroupSize: options.minGroupSize,
    },
  );
}
