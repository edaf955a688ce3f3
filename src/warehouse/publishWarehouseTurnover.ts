import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { TurnoverResult } from '../retention/turnover.js';
import { type PublishedWarehouseCell, publishGroups } from './internal/publishGroups.js';
import {
  mergeWarehouseTurnover,
  type WarehouseTurnoverCounts,
  warehouseTurnover,
} from './turnoverCountsFromRows.js';

/** Options of {@link publishWarehouseTurnover}. */
export interface PublishWarehouseTurnoverOptions {
  /** Minimum spells (people) behind a shown cell. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  readonly level?: number;
}

const OPTIONS = {
  minGroupSize: true,
  level: true,
} satisfies OptionKeys<PublishWarehouseTurnoverOptions>;

const KINDS = ['stayed', 'voluntary', 'involuntary', 'other'];

/**
 * Publishes warehouse turnover counts ({@link turnoverCountsFromRows}) through the privacy gate:
 * the groups and their total as one protected table (`all = groups + missing`), each spell of the
 * period stayed or separated by one exit kind (one categorical variable), so that a group is
 * hidden when fewer spells than the minimum are behind it, when all of them left the same way or
 * nobody left (everyone shares the trait), or to protect another hidden group. Shown cells carry
 * {@link warehouseTurnover}; the total is that of the merged counts.
 *
 * Roughly O(groups + days) plus `suppressTable`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, an unknown
 * option or level.
 *
 * @example
 * const period = { start: '2025-01-01', end: '2026-01-01' };
 * const row = (team: string, spells: number, voluntary: number) => ({ team_id: team, spells, separations: voluntary + 1, voluntary, involuntary: 1, other: 0, kind_missing: 0, regretted_separations: 0, regretted_unknown: 0, hires: 0, headcount_days: spells * 300 });
 * const counts = turnoverCountsFromRows([row('a', 20, 2), row('b', 30, 3), row('c', 3, 1)], { period, groupBy: ['team_id'] });
 * publishWarehouseTurnover(counts).map((c) => [c.key?.[0] ?? c.segment, c.cell.status]) // => [['all', 'shown'], ['a', 'suppressed'], ['b', 'shown'], ['c', 'suppressed']]
 */
export function publishWarehouseTurnover(
  counts: WarehouseTurnoverCounts,
  options: PublishWarehouseTurnoverOptions = {},
): PublishedWarehouseCell<TurnoverResult>[] {
  checkOptions(options, OPTIONS, 'publishWarehouseTurnover');
  const level = options.level === undefined ? {} : { level: options.level };
  return publishGroups(
    counts.groups.map((group) => ({ key: group.key, aggregate: group })),
    false,
    {
      categories: KINDS,
      exclusive: true,
      statistics: (group) => ({
        n: group.spells,
        counts: {
          stayed: group.spells - group.separations.total,
          voluntary: group.separations.voluntary,
          involuntary: group.separations.involuntary,
          other: group.separations.other,
        },
      }),
      merge: mergeWarehouseTurnover,
      value: (group) => warehouseTurnover(group, counts.period, level),
      minGroupSize: options.minGroupSize,
    },
  );
}
