import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type EnpsCutoffs, resolveCutoffs } from '../satisfaction/classifyEnps.js';
import { type EnpsTally, mergeTallies } from '../satisfaction/enpsTally.js';
import { enpsTallyFromHistogram } from '../satisfaction/enpsTallyFromHistogram.js';
import { enpsScale } from './enpsSql.js';
import { readAnswerCounts } from './internal/answerCounts.js';
import type { WarehousePeriodUnit } from './internal/sqlWriter.js';
import type { WarehouseRow } from './types.js';

/** Options of {@link enpsTalliesFromRows}: the grouping and scale the query was built with. */
export interface EnpsTalliesFromRowsOptions {
  readonly groupBy?: readonly string[];
  readonly per?: WarehousePeriodUnit;
  readonly cutoffs?: Partial<EnpsCutoffs>;
}

const OPTIONS = {
  groupBy: true,
  per: true,
  cutoffs: true,
} satisfies OptionKeys<EnpsTalliesFromRowsOptions>;

/** One group's eNPS tally, read from the warehouse. */
export interface WarehouseEnpsGroup {
  /** The values of the `groupBy` columns (`null` where absent), then the period's first day. */
  readonly key: readonly (string | null)[];
  readonly tally: EnpsTally;
  /** Answers of the group that skipped the question (counted apart, never as zeros). */
  readonly skipped: number;
}

/** The result of {@link enpsTalliesFromRows}. */
export interface WarehouseEnpsTallies {
  /** Groups with at least one answer or skip, ordered by key (nulls first). */
  readonly groups: readonly WarehouseEnpsGroup[];
  /** Every counted answer (the merge of the groups). */
  readonly total: EnpsTally;
  readonly skipped: number;
  /** The period the keys end with (their last value is its first day), or null. */
  readonly per: WarehousePeriodUnit | null;
}

/**
 * Reads the rows of an {@link enpsSql} query, from any engine, into eNPS tallies per group:
 * several rows of one key (partitions, shards, several warehouses) add up exactly, counts are
 * read by `parseWarehouseCount` (numbers, bigints or digit strings), never concatenated. The
 * tallies equal those of `enpsTally` on the same answers; publish them with
 * {@link publishWarehouseEnps}.
 *
 * One pass over the rows, one map look-up each: O(rows x scale points).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count that is not a whole number >= 0 (or is
 * above 2^53 - 1), a missing period column, or a group column that is not text, a number or null.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a group with answers off the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown option or invalid cut-offs.
 *
 * @example
 * const row = { team_id: 't1', answers: '4', skipped: '1', s0: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0, s6: '1', s7: 0, s8: 0, s9: 1n, s10: '1' };
 * const result = enpsTalliesFromRows([row, row], { groupBy: ['team_id'] });
 * result.groups[0]?.key // => ['t1']
 * [result.total.detractors, result.total.promoters, result.skipped] // => [2, 4, 2]
 */
export function enpsTalliesFromRows(
  rows: Iterable<WarehouseRow>,
  options: EnpsTalliesFromRowsOptions = {},
): WarehouseEnpsTallies {
  const name = 'enpsTalliesFromRows';
  checkOptions(options, OPTIONS, name);
  const cutoffs = resolveCutoffs(options.cutoffs, name);
  const scale = enpsScale(cutoffs);
  const read = readAnswerCounts(rows, options, scale, name);
  let skipped = 0;
  const result: WarehouseEnpsGroup[] = read.groups.map((group) => {
    skipped += group.skipped;
    return {
      key: group.key,
      tally: enpsTallyFromHistogram(group.histogram, { cutoffs }),
      skipped: group.skipped,
    };
  });
  const total =
    result.length === 0
      ? enpsTallyFromHistogram(new Array<number>(scale.width).fill(0), { cutoffs })
      : mergeTallies(...result.map((group) => group.tally));
  return { groups: result, total, skipped, per: read.per };
}
