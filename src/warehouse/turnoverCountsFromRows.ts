import { InternalCustomerError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { compareKeys } from '../internal/compareKeys.js';
import type { SeparationCounts, TurnoverResult } from '../retention/turnover.js';
import { turnoverFromCounts } from '../retention/turnoverCounts.js';
import { field, readGroups } from './internal/readGroups.js';
import { checkedPeriodFilter } from './internal/sqlWriter.js';
import { smallCount } from './parseWarehouseCount.js';
import { periodDays, TURNOVER_COLUMNS } from './turnoverSql.js';
import type { WarehouseRow } from './types.js';

/** What turnover over a period adds up from, for one group, as read from the warehouse. */
export interface WarehouseTurnoverGroup {
  /** The values of the `groupBy` columns (`null` where absent). */
  readonly key: readonly (string | null)[];
  /** Spells with a day in the period (the people, when nobody has two). */
  readonly spells: number;
  readonly separations: SeparationCounts;
  /** Separations with no exit kind (counted as other). */
  readonly kindMissing: number;
  readonly hires: number;
  /** Days employed in the period, summed over the spells: average headcount x days. */
  readonly headcountDays: number;
}

/** The result of {@link turnoverCountsFromRows}. */
export interface WarehouseTurnoverCounts {
  readonly period: Period;
  /** Groups ordered by key (nulls first). */
  readonly groups: readonly WarehouseTurnoverGroup[];
}

/** Options of {@link turnoverCountsFromRows}: the query's grouping and period. */
export interface TurnoverCountsFromRowsOptions {
  readonly period: Period;
  readonly groupBy?: readonly string[];
}

const OPTIONS = {
  period: true,
  groupBy: true,
} satisfies OptionKeys<TurnoverCountsFromRowsOptions>;

type Accumulator = Record<(typeof TURNOVER_COLUMNS)[number], number>;

/**
 * Reads the rows of a {@link turnoverSql} query, from any engine, into turnover counts per group
 * (several rows of one key add up exactly); {@link warehouseTurnover} finishes one group (or the
 * merge of several, {@link mergeWarehouseTurnover}) and `publishWarehouseTurnover` publishes them.
 *
 * O(rows).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count that is not a whole number >= 0 (or
 * above 2^53 - 1), or counts that do not add up (kinds to separations, separations to spells, more
 * headcount-days than spells x days).
 * @throws {InternalCustomerError} `INVALID_PERIOD` for an invalid period.
 *
 * @example
 * const row = { spells: 10, separations: 2, voluntary: 1, involuntary: 0, other: 1, kind_missing: 1, regretted_separations: 1, regretted_unknown: 1, hires: 3, headcount_days: '3400' };
 * const [group] = turnoverCountsFromRows([row], { period: { start: '2025-01-01', end: '2026-01-01' } }).groups;
 * [group?.separations.total, group?.headcountDays] // => [2, 3400]
 */
export function turnoverCountsFromRows(
  rows: Iterable<WarehouseRow>,
  options: TurnoverCountsFromRowsOptions,
): WarehouseTurnoverCounts {
  const name = 'turnoverCountsFromRows';
  checkOptions(options, OPTIONS, name);
  const period = checkedPeriodFilter(options.period ?? null, name)!;
  const days = periodDays(period);
  const groups = readGroups<Accumulator>(
    rows,
    { groupBy: options.groupBy ?? [], per: undefined },
    () => Object.fromEntries(TURNOVER_COLUMNS.map((column) => [column, 0])) as Accumulator,
    (counts, row) => {
      for (const column of TURNOVER_COLUMNS)
        counts[column] += smallCount(field(row, column), column);
    },
    name,
  );
  const result: WarehouseTurnoverGroup[] = [];
  for (const { key, acc } of groups.values()) {
    if (
      acc.voluntary + acc.involuntary + acc.other !== acc.separations ||
      acc.separations > acc.spells ||
      acc.kind_missing > acc.other ||
      acc.regretted_separations + acc.regretted_unknown > acc.separations ||
      acc.hires > acc.spells ||
      acc.headcount_days > acc.spells * days
    ) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${name} requires counts that add up (exit kinds to separations, separations and hires to at most the spells, headcount-days to at most spells x ${days} days): group ${JSON.stringify(key)} has ${JSON.stringify(acc)}`,
      );
    }
    result.push(groupOf(key, acc));
  }
  return { period, groups: result.sort((a, b) => compareKeys(a.key, b.key)) };
}

function groupOf(key: readonly (string | null)[], acc: Accumulator): WarehouseTurnoverGroup {
  return {
    key,
    spells: acc.spells,
    separations: {
      total: acc.separations,
      voluntary: acc.voluntary,
      involuntary: acc.involuntary,
      other: acc.other,
      regretted: acc.regretted_separations,
      regrettedUnknown: acc.regretted_unknown,
      transfersOut: 0,
    },
    kindMissing: acc.kind_missing,
    hires: acc.hires,
    headcountDays: acc.headcount_days,
  };
}

/**
 * The turnover counts of several groups together (disjoint spells): every count adds. A monoid
 * whose identity is a group of nothing; the key is the first group's (or none).
 *
 * @example
 * const period = { start: '2025-01-01', end: '2026-01-01' };
 * const row = (team: string, separations: number) => ({ team_id: team, spells: 5, separations, voluntary: separations, involuntary: 0, other: 0, kind_missing: 0, regretted_separations: 0, regretted_unknown: separations, hires: 0, headcount_days: 1500 });
 * const { groups } = turnoverCountsFromRows([row('a', 1), row('b', 2)], { period, groupBy: ['team_id'] });
 * mergeWarehouseTurnover(groups).separations.voluntary // => 3
 */
export function mergeWarehouseTurnover(
  groups: readonly WarehouseTurnoverGroup[],
): WarehouseTurnoverGroup {
  const acc = Object.fromEntries(TURNOVER_COLUMNS.map((column) => [column, 0])) as Accumulator;
  for (const group of groups) {
    acc.spells += group.spells;
    acc.separations += group.separations.total;
    acc.voluntary += group.separations.voluntary;
    acc.involuntary += group.separations.involuntary;
    acc.other += group.separations.other;
    acc.kind_missing += group.kindMissing;
    acc.regretted_separations += group.separations.regretted;
    acc.regretted_unknown += group.separations.regrettedUnknown;
    acc.hires += group.hires;
    acc.headcount_days += group.headcountDays;
  }
  return groupOf(groups[0]?.key ?? [], acc);
}

/** Options of {@link warehouseTurnover}. */
export interface WarehouseTurnoverOptions {
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
}

/**
 * Turnover of one group of warehouse counts over the period: what `turnover(people, period)`
 * gives for the group's spells with the default daily average headcount (headcount-days / days):
 * the same separations, hires, average headcount, person-days, rates, regretted share, intervals
 * and warnings, but `averageHeadcount.snapshots` empty (the warehouse returns headcount-days, not
 * each day's headcount) and no warning about when the records start (pass it a whole history).
 *
 * O(days).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1) or an unknown option.
 *
 * @example
 * const period = { start: '2025-01-01', end: '2026-01-01' };
 * const row = { spells: 4, separations: 1, voluntary: 1, involuntary: 0, other: 0, kind_missing: 0, regretted_separations: 1, regretted_unknown: 0, hires: 0, headcount_days: 4 * 365 };
 * const counts = turnoverCountsFromRows([row], { period });
 * warehouseTurnover(counts.groups[0]!, period).rates.total // => 0.25
 */
export function warehouseTurnover(
  group: WarehouseTurnoverGroup,
  period: Period,
  options: WarehouseTurnoverOptions = {},
): TurnoverResult {
  checkOptions(
    options,
    { level: true } satisfies OptionKeys<WarehouseTurnoverOptions>,
    'warehouseTurnover',
  );
  const days = periodDays(checkedPeriodFilter(period ?? null, 'warehouseTurnover')!);
  // The daily average is personDays / days however they spread over the days: evenly, each day
  // within 32 bits (the counts take daily headcounts).
  const base = Math.floor(group.headcountDays / days);
  const extra = group.headcountDays - base * days;
  const dailyHeadcount = Array.from({ length: days }, (_, day) => base + (day < extra ? 1 : 0));
  const result = turnoverFromCounts(
    {
      period,
      dailyHeadcount,
      separations: group.separations,
      kindMissing: group.kindMissing,
      hires: group.hires,
      people: group.spells,
      firstHire: null,
      firstTermination: null,
    },
    options.level === undefined ? {} : { level: options.level },
  );
  return { ...result, averageHeadcount: { ...result.averageHeadcount, snapshots: [] } };
}
