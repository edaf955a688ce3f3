import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { ConfidenceType, KaplanMeierResult } from '../retention/kaplanMeier.js';
import { kaplanMeierFromSurvivalCounts } from '../retention/survivalCounts.js';
import { type PublishedWarehouseCell, publishGroups } from './internal/publishGroups.js';
import { mergeWarehouseSurvival, type WarehouseSurvivalGroup } from './survivalCountsFromRows.js';

/** Options of {@link publishWarehouseSurvival}. */
export interface PublishWarehouseSurvivalOptions {
  /** Minimum spells behind a shown curve. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  readonly level?: number;
  readonly confType?: ConfidenceType;
}

const OPTIONS = {
  minGroupSize: true,
  level: true,
  confType: true,
} satisfies OptionKeys<PublishWarehouseSurvivalOptions>;

const CATEGORIES = ['left', 'stayed'];

/**
 * Publishes warehouse survival counts ({@link survivalCountsFromRows}) through the privacy gate:
 * the groups and their total as one protected table (`all = groups + missing`), each spell left
 * or still employed (one categorical variable), so that a curve is hidden when fewer spells than
 * the minimum are behind it, when everyone in it left or everyone stayed, or to protect another
 * hidden curve (complementary suppression). Shown cells carry the Kaplan-Meier curve with late
 * entry (`kaplanMeierFromSurvivalCounts` with the numbers at risk); the total is the merged
 * counts' curve.
 *
 * Roughly O(groups x times) plus `suppressTable`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, an unknown
 * option, confidence type or level.
 *
 * @example
 * const rows = [3, 4, 5, 6, 7, 8].map((time) => ({ team_id: time < 8 ? 'a' : 'b', time, events: time % 2, censored: 1 - (time % 2), entered: 0 }));
 * const cells = publishWarehouseSurvival(survivalCountsFromRows(rows, { groupBy: ['team_id'] }));
 * cells.map((c) => [c.key?.[0] ?? c.segment, c.cell.status]) // => [['all', 'shown'], ['a', 'suppressed'], ['b', 'suppressed']]
 */
export function publishWarehouseSurvival(
  groups: readonly WarehouseSurvivalGroup[],
  options: PublishWarehouseSurvivalOptions = {},
): PublishedWarehouseCell<KaplanMeierResult>[] {
  checkOptions(options, OPTIONS, 'publishWarehouseSurvival');
  const curve = {
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(options.confType === undefined ? {} : { confType: options.confType }),
  };
  return publishGroups(
    groups.map((group) => ({ key: group.key, aggregate: group })),
    false,
    {
      categories: CATEGORIES,
      exclusive: true,
      statistics: ({ counts }) => ({
        n: counts.n,
        counts: { left: counts.totalEvents, stayed: counts.n - counts.totalEvents },
      }),
      merge: mergeWarehouseSurvival,
      value: (group) =>
        kaplanMeierFromSurvivalCounts(group.counts, { ...curve, atRisk: [...group.atRisk] }),
      minGroupSize: options.minGroupSize,
    },
  );
}
