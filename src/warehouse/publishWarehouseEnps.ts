import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type BreakdownTally, suppressBreakdown } from '../organisation/breakdown.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type EnpsResult, enps } from '../satisfaction/enps.js';
import type { UnseededEnpsIntervalMethod } from '../satisfaction/enpsIntervals/registry.js';
import { type EnpsTally, mergeTallies } from '../satisfaction/enpsTally.js';
import type { WarehouseEnpsTallies } from './enpsTalliesFromRows.js';

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

/** One published cell: a group of one period, or the period's total. */
export interface PublishedWarehouseEnps {
  /** The period's first day, or null without periods. */
  readonly period: string | null;
  /** `all` (every answer of the period), `group`, or `missing` (no value in any group column). */
  readonly segment: 'all' | 'group' | 'missing';
  /** The group's values of the `groupBy` columns; null for `all` and `missing`. */
  readonly key: readonly (string | null)[] | null;
  readonly cell: Reportable<EnpsResult>;
}

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
  const byPeriod = new Map<string | null, Map<string | null, EnpsTally>>();
  const keys = new Map<string, readonly (string | null)[]>();
  const periods = tallies.per !== null;
  for (const { key, tally } of tallies.groups) {
    const period = periods ? key[key.length - 1]! : null;
    const values = periods ? key.slice(0, -1) : key;
    const id = values.every((value) => value === null)
      ? null
      : values.length === 1
        ? values[0]!
        : JSON.stringify(values);
    if (id !== null) keys.set(id, values);
    let groups = byPeriod.get(period);
    if (groups === undefined) {
      groups = new Map();
      byPeriod.set(period, groups);
    }
    const earlier = groups.get(id);
    groups.set(id, earlier === undefined ? tally : mergeTallies(earlier, tally));
  }
  const grouped = tallies.groups.some((group) => group.key.length > (periods ? 1 : 0));
  const result: PublishedWarehouseEnps[] = [];
  const enpsOptions = {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  for (const [period, groups] of byPeriod) {
    const breakdown = new Map<string | null, BreakdownTally>();
    for (const [id, tally] of groups) {
      breakdown.set(id, {
        n: tally.n,
        counts: { detractor: tally.detractors, passive: tally.passives, promoter: tally.promoters },
      });
    }
    const segments = suppressBreakdown(breakdown, {
      categories: CATEGORIES,
      variables: { answer: CATEGORIES },
      grouped,
      ...(options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize }),
    });
    for (const { segment, group, cell } of segments) {
      const tally =
        segment === 'all'
          ? mergeTallies(...groups.values())
          : groups.get(segment === 'missing' ? null : group);
      result.push({
        period,
        segment,
        key: segment === 'group' && group !== null ? (keys.get(group) ?? null) : null,
        cell:
          cell.status === 'shown' && tally !== undefined
            ? { status: 'shown', value: enps(tally, enpsOptions), n: cell.n }
            : SUPPRESSED,
      });
    }
  }
  return result;
}
