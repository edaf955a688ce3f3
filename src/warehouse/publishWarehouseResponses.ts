import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import {
  type ResponseRateOptions,
  type ResponseRateResult,
  responseRate,
} from '../satisfaction/responseRate.js';
import { type PublishedWarehouseCell, publishGroups } from './internal/publishGroups.js';
import type { WarehousePeriodUnit } from './internal/sqlWriter.js';
import type { WarehouseResponseGroup } from './responseCountsSql.js';

/** Options of {@link publishWarehouseResponses}. */
export interface PublishWarehouseResponsesOptions extends ResponseRateOptions {
  /** The `per` the query was built with (the keys then end with the period's first day). */
  readonly per?: WarehousePeriodUnit;
  /** Minimum respondents behind a shown rate. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
}

const OPTIONS = {
  per: true,
  minGroupSize: true,
  low: true,
  target: true,
  level: true,
} satisfies OptionKeys<PublishWarehouseResponsesOptions>;

type Counts = Pick<WarehouseResponseGroup, 'invited' | 'responded'>;

/**
 * Publishes warehouse invitations and responses ({@link responseCountsFromRows}) through the
 * privacy gate, as `responseRateBy` does: a rate tells how many of a group responded, so per
 * period the groups and their total form one protected table whose n is the respondents (fewer
 * than the minimum hidden, then complementary suppression so that no hidden group follows from
 * the shown ones and the total). Shown cells carry `responseRate(invited, responded)`.
 *
 * Roughly O(groups) plus `suppressTable` per period.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, an unknown
 * option, period unit or level.
 *
 * @example
 * const groups = responseCountsFromRows([{ team_id: 'a', invited: 12, responded: 9 }, { team_id: 'b', invited: 4, responded: 2 }], { groupBy: ['team_id'] });
 * publishWarehouseResponses(groups).map((c) => [c.key?.[0] ?? c.segment, c.cell.status]) // => [['all', 'shown'], ['a', 'suppressed'], ['b', 'suppressed']]
 */
export function publishWarehouseResponses(
  groups: readonly WarehouseResponseGroup[],
  options: PublishWarehouseResponsesOptions = {},
): PublishedWarehouseCell<ResponseRateResult>[] {
  checkOptions(options, OPTIONS, 'publishWarehouseResponses');
  const rateOptions = {
    ...(options.low === undefined ? {} : { low: options.low }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  return publishGroups<Counts, ResponseRateResult>(
    groups.map((group) => ({ key: group.key, aggregate: group })),
    options.per !== undefined,
    {
      // Whoever responded counts; no category, so nothing is shared by everyone.
      categories: [],
      exclusive: false,
      statistics: (counts) => ({ n: counts.responded, counts: {} }),
      merge: (parts) => ({
        invited: parts.reduce((sum, part) => sum + part.invited, 0),
        responded: parts.reduce((sum, part) => sum + part.responded, 0),
      }),
      value: (counts) => responseRate(counts.invited, counts.responded, rateOptions),
      minGroupSize: options.minGroupSize,
    },
  );
}
