import {
  type PublishedHireCohorts,
  type PublishHireCohortsOptions,
  publishHireCohorts,
} from '../retention/publishHireCohorts.js';
import type { WarehouseHireCohortsGroup } from './hireCohortsFromRows.js';

/** One group's published triangle. */
export interface PublishedWarehouseHireCohorts {
  /** The values of the `groupBy` columns (`null` where absent). */
  readonly key: readonly (string | null)[];
  readonly published: PublishedHireCohorts;
}

/**
 * Publishes each group's hire-cohort triangle ({@link hireCohortsFromRows}) through the privacy
 * gate with `publishHireCohorts`: a cohort of fewer hires than the minimum hidden whole, a
 * horizon hidden when 1 to k-1 hires left since the previous one or fewer than k are still
 * employed, with complementary suppression within the triangle. The groups are published side by
 * side, with no total across them: do not publish one beside them (a total minus the shown groups
 * would tell a hidden one); query without `groupBy` for the organisation's triangle instead.
 *
 * O(groups x cohorts x horizons) plus `suppressTable` per group.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const rows = [{ team_id: 'a', period_year: 2024, period_number: 1, hires: 6, retained_3: 6, retained_12: 4 }];
 * const [team] = publishWarehouseHireCohorts(hireCohortsFromRows(rows, { asOf: '2025-06-30', horizons: [3, 12], groupBy: ['team_id'] }));
 * team?.published.rows[0]?.cells.map((cell) => cell.retained?.status) // => ['shown', 'suppressed']
 */
export function publishWarehouseHireCohorts(
  groups: readonly WarehouseHireCohortsGroup[],
  options: PublishHireCohortsOptions = {},
): PublishedWarehouseHireCohorts[] {
  return groups.map((group) => ({
    key: group.key,
    published: publishHireCohorts(group.cohorts, options),
  }));
}
