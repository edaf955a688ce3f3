import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { compareKeys } from '../internal/compareKeys.js';
import type { HireCohortRow, HireCohortsResult } from '../retention/hireCohorts.js';
import { checkedHorizons, type HireCohortsGrouping, retainedColumn } from './hireCohortsSql.js';
import { field, readGroups } from './internal/readGroups.js';
import { checkedAsOfWindow } from './internal/spellQuery.js';
import { checkedUnit } from './internal/sqlWriter.js';
import { smallCount } from './parseWarehouseCount.js';
import type { WarehouseRow } from './types.js';

/** One group's hire-cohort triangle, read from the warehouse. */
export interface WarehouseHireCohortsGroup {
  /** The values of the `groupBy` columns (`null` where absent). */
  readonly key: readonly (string | null)[];
  /** The triangle, as `hireCohorts` gives it (publish it with `publishHireCohorts`). */
  readonly cohorts: HireCohortsResult;
}

/** Options of {@link hireCohortsFromRows}: those the query was built with. */
export type HireCohortsFromRowsOptions = HireCohortsGrouping;

const OPTIONS = {
  asOf: true,
  cohort: true,
  horizons: true,
  recordsStart: true,
  groupBy: true,
} satisfies OptionKeys<HireCohortsGrouping>;

/** `YYYY-MM-DD` of a UTC date's parts, the day clamped to the month's last. */
function dayOf(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1, Math.min(day, last))).toISOString().slice(0, 10);
}

/** A calendar day plus whole months, clamped to the month's end (date-fns `addMonths`). */
function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return dayOf(year, month + months, date);
}

/** The cohort's key and last day from its first day. */
function cohortOf(first: string, unit: 'month' | 'quarter' | 'year') {
  const [year, month] = first.split('-').map(Number) as [number, number];
  const length = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  const key =
    unit === 'month'
      ? first.slice(0, 7)
      : unit === 'quarter'
        ? `${year}-Q${(month + 2) / 3}`
        : String(year);
  const next = dayOf(year, month + length, 1);
  const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { key, last };
}

/**
 * Reads the rows of a {@link hireCohortsSql} query, from any engine, into one hire-cohort triangle
 * per group (several rows of one key and cohort add up exactly), given the options the query was
 * built with: each triangle equals `hireCohorts(people of the group, options)`, a cell null until
 * its anniversary of the cohort's last day has come by asOf, and every cell of a cohort that began
 * before `recordsStart` null (not observed from hire). The warning `hireCohorts` gives when the
 * records probably start late needs every spell, so `warnings` is empty: pass `recordsStart`.
 *
 * O(rows x horizons).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count that is not a whole number >= 0, a
 * missing period column, or more retained than hires.
 * @throws {InternalCustomerError} `INVALID_OPTION`, `INVALID_DATE` as {@link hireCohortsSql}.
 *
 * @example
 * const rows = [{ period_year: 2024, period_number: 1, hires: '2', retained_3: 2, retained_12: 1 }, { period_year: 2025, period_number: 1, hires: 1, retained_3: 1, retained_12: 1 }];
 * const [group] = hireCohortsFromRows(rows, { asOf: '2025-06-30', horizons: [3, 12] });
 * group?.cohorts.rows.map((row) => [row.cohort, row.hires, row.cells.map((cell) => cell.rate)]) // => [['2024-Q1', 2, [1, 0.5]], ['2025-Q1', 1, [1, null]]]
 */
export function hireCohortsFromRows(
  rows: Iterable<WarehouseRow>,
  options: HireCohortsFromRowsOptions,
): WarehouseHireCohortsGroup[] {
  const name = 'hireCohortsFromRows';
  checkOptions(options, OPTIONS, name);
  const horizons = checkedHorizons(options.horizons, name);
  const unit = checkedUnit(options.cohort ?? 'quarter', name)!;
  const { asOf, recordsStart } = checkedAsOfWindow(options.asOf, options.recordsStart, name);
  const groupBy = options.groupBy ?? [];
  const names = horizons.map(retainedColumn);
  const cohorts = readGroups(
    rows,
    { groupBy, per: unit },
    () => ({ hires: 0, retained: horizons.map(() => 0) }),
    (acc, row) => {
      acc.hires += smallCount(field(row, 'hires'), 'hires');
      names.forEach((column, index) => {
        acc.retained[index]! += smallCount(field(row, column), column);
      });
    },
    name,
  );
  const byGroup = new Map<string, { key: (string | null)[]; rows: HireCohortRow[] }>();
  for (const { key, acc } of cohorts.values()) {
    if (acc.hires === 0) continue;
    if (acc.retained.some((retained) => retained > acc.hires)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${name} requires at most as many retained as hires: cohort ${JSON.stringify(key)} has ${acc.hires} hires and ${JSON.stringify(acc.retained)} retained`,
      );
    }
    const first = key[key.length - 1]!;
    const groupKey = key.slice(0, -1);
    const id = JSON.stringify(groupKey);
    let group = byGroup.get(id);
    if (group === undefined) {
      group = { key: groupKey, rows: [] };
      byGroup.set(id, group);
    }
    const { key: cohort, last } = cohortOf(first, unit);
    const observedFromHire = recordsStart === undefined || first >= recordsStart;
    group.rows.push({
      cohort,
      first,
      last,
      hires: acc.hires,
      observedFromHire,
      cells: horizons.map((horizon, index) => {
        const observable = observedFromHire && addMonths(last, horizon) <= asOf;
        return {
          horizon,
          retained: observable ? acc.retained[index]! : null,
          rate: observable ? acc.retained[index]! / acc.hires : null,
        };
      }),
    });
  }
  return [...byGroup.values()]
    .map(({ key, rows: list }) => ({
      key,
      cohorts: {
        asOf,
        cohort: unit,
        horizons,
        rows: list.sort((a, b) => (a.first < b.first ? -1 : 1)),
        warnings: [],
      },
    }))
    .sort((a, b) => compareKeys(a.key, b.key));
}
