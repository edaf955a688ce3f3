import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type EnpsResult, enps } from '../satisfaction/enps.js';
import type { UnseededEnpsIntervalMethod } from '../satisfaction/enpsIntervals/registry.js';
import { type EnpsTally, mergeTallies } from '../satisfaction/enpsTally.js';
import type { WarehouseEnpsTallies } from './enpsTalliesFromRows.js';
import { type PublishedWarehouseCell, publishGroups } from './internal/publishGroups.js';

/** Options of {@link publishWarehouseEnps}. */
export interface PublishWarehouseEnpsOptions {
  /**
   * Minimum answers behind a shown cell: the survey's (`effectiveMinGroupSize(options, survey)`
   * gives the larger of a caller's and the survey's). Default 5; below 3 refused.
   */
  readonly minGroupSize?: number;
  /** Interval method (one that needs no `random`). Default `adjusted-wald`. */
  readonly method?: UnseededEnpsIntervalMethod;
  readonly level?: number;
}

const OPTIONS = {
  minGroupSize: true,
  method: true,
  level: true,
} satisfies OptionKeys<PublishWarehouseEnpsOptions>;

/** One published eNPS cell: a group of one period, or the period's total. */
export type PublishedWarehouseEnps = PublishedWarehouseCell<EnpsResult>;

const CATEGORIES = ['detractor', 'passive', 'promoter'];

/**
 * Publishes warehouse eNPS tallies through the privacy gate, as `enpsBy` publishes a breakdown:
 * per period, the groups and their total form one table (`all = groups + missing`) that
 * `suppressTable` protects (fewer answers than the minimum, or everyone in one category, hidden;
 * then complementary suppression, so that no hidden group follows from the shown ones). Shown
 * cells carry the eNPS with its interval; suppressed ones carry nothing.
 *
 * Roughly O(groups) plus `suppressTable` per period.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, an unknown
 * option, method or level.
 *
 * @example
 * const row = (team: string, s: number[]) => ({ team_id: team, answers: s.length, skipped: 0, ...Object.fromEntries(Array.from({ length: 11 }, (_, k) => [`s${k}`, s.filter((x) => x === k).length])) });
 * const tallies = enpsTalliesFromRows([row('a', [9, 9, 10, 3, 7, 8]), row('b', [10, 2])], { groupBy: ['team_id'] });
 * publishWarehouseEnps(tallies).map((c) => [c.key?.[0] ?? c.segment, c.cell.status]) // => [['all', 'shown'], ['a', 'suppressed'], ['b', 'suppressed']]
 */
export function publishWarehouseEnps(
  tallies: WarehouseEnpsTallies,
  options: PublishWarehouseEnpsOptions = {},
): PublishedWarehouseEnps[] {
  checkOptions(options, OPTIONS, 'publishWarehouseEnps');
  const enpsOptions = {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  return publishGroups(
    tallies.groups.map((group) => ({ key: group.key, aggregate: group.tally })),
    tallies.per !== null,
    {
      categories: CATEGORIES,
      exclusive: true,
      statistics: (tally: EnpsTally) => ({
        n: tally.n,
        counts: { detractor: tally.detractors, passive: tally.passives, promoter: tally.promoters },
      }),
      merge: (parts) => mergeTallies(...parts),
      value: (tally) => enps(tally, enpsOptions),
      minGroupSize: options.minGroupSize,
    },
  );
}
