import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type CohortUnit, checkedAsOf, checkedCohortUnit, cohortOf } from './internal/cohorts.js';
import { addMonthsToDay, dayString } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedRecordsStart, windowWarnings } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';

/** Options of {@link hireCohorts}. */
export interface HireCohortsOptions {
  /** The day the data describes. */
  readonly asOf: CalendarDay | Date;
  /** How hires are grouped; default `quarter`. */
  readonly cohort?: CohortUnit;
  /** Months after hire at which retention is read; default [3, 6, 12, 24]. */
  readonly horizons?: readonly number[];
  /**
   * The first day the records cover: a cohort that begins before it was not observed from hire
   * (its early leavers are missing), so its cells are null and `observedFromHire` false.
   */
  readonly recordsStart?: CalendarDay;
}

/** The options hireCohorts knows (an unknown one is an error). */
const HIRE_COHORTS_OPTIONS = {
  asOf: true,
  cohort: true,
  horizons: true,
  recordsStart: true,
} satisfies OptionKeys<HireCohortsOptions>;

/** One cell of the triangle: a cohort at a horizon. */
export interface HireCohortCell {
  /** Months after hire. */
  readonly horizon: number;
  /**
   * Hires still employed on their anniversary at this horizon; null until observable and for a
   * cohort not observed from hire.
   */
  readonly retained: number | null;
  /** retained / hires; null when `retained` is (never 0 for "not yet"). */
  readonly rate: number | null;
}

/** One row of the triangle. */
export interface HireCohortRow {
  /** `2025-03`, `2025-Q1` or `2025`. */
  readonly cohort: string;
  readonly first: CalendarDay;
  readonly last: CalendarDay;
  readonly hires: number;
  /**
   * False when the cohort begins before `recordsStart`: its hires who left before then are not in
   * the records, so every cell is null rather than an overstated retention. True without it.
   */
  readonly observedFromHire: boolean;
  readonly cells: readonly HireCohortCell[];
}

/** The result of {@link hireCohorts}. */
export interface HireCohortsResult {
  readonly asOf: CalendarDay;
  readonly cohort: CohortUnit;
  readonly horizons: readonly number[];
  /** Cohorts with at least one hire, oldest first. */
  readonly rows: readonly HireCohortRow[];
  readonly warnings: readonly string[];
}

/**
 * The cohort retention triangle: hires grouped by the month, quarter or year of their hire day,
 * and for each horizon h (months) the share still employed h months after their hire.
 *
 * A hire is retained at h months when still employed on their h-month anniversary (the same day
 * of the month h months later, with date-fns on UTC dates; the month's last day when it has fewer
 * days, so a 29 February or 31 January hire keeps its anniversary at the month's end): their
 * termination date, the last day employed, is on or after it. A cell is observable when the
 * anniversary of the cohort's last possible day has arrived by asOf; until then it is null, not 0,
 * so a young cohort never looks like one that lost everyone. The result is the classic triangle.
 *
 * Each spell is a hire, so a rehire joins the cohort of its new hire day. Employees and direct
 * temporaries only; spells hired after asOf are left out. Leave does not stop the clock. Compare
 * `firstYearAttrition`, which counts the first year as 365 days.
 *
 * With `recordsStart`, spells that ended before it are left out and a cohort beginning before it
 * is marked not `observedFromHire`, its cells null: the people hired then who left before the
 * records start are missing, so its share retained would be overstated (100% for a cohort whose
 * every member is in the records only because they stayed). Without it, a warning says when hires
 * long before the first termination suggest that the records start later.
 *
 * O(hires x horizons).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when asOf, recordsStart or a record's day is not a
 * day.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown cohort unit or horizons that are
 * not whole numbers of months >= 1.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2024-01-15' }] },
 *   { id: 'b', spells: [{ hireDate: '2024-02-01', terminationDate: '2024-06-30', separationKind: 'voluntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2025-02-10' }] },
 * ];
 * const triangle = hireCohorts(people, { asOf: '2025-06-30', horizons: [3, 12] });
 * triangle.rows.map((row) => [row.cohort, row.hires, row.cells.map((cell) => cell.rate)]) // => [['2024-Q1', 2, [1, 0.5]], ['2025-Q1', 1, [1, null]]]
 */
export function hireCohorts(
  people: readonly RetentionPerson[],
  options: HireCohortsOptions,
): HireCohortsResult {
  checkOptions(options, HIRE_COHORTS_OPTIONS, 'hireCohorts');
  const asOf = checkedAsOf(options?.asOf, 'hireCohorts');
  const unit = checkedCohortUnit(options.cohort, 'quarter', 'hireCohorts');
  const horizons = [...(options.horizons ?? [3, 6, 12, 24])];
  if (horizons.length === 0 || horizons.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `hireCohorts requires horizons as whole numbers of months >= 1, got ${JSON.stringify(options.horizons)}`,
    );
  }
  horizons.sort((a, b) => a - b);
  const recordsStart = checkedRecordsStart(options.recordsStart, 'hireCohorts');
  const prepared = preparePeople(people, 'hireCohorts');
  const cohorts = new Map<
    string,
    { first: number; last: number; retained: number[]; hires: number }
  >();
  for (const person of prepared) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      if (spell.hire > asOf) continue;
      if (recordsStart !== undefined && spell.term < recordsStart) continue;
      const cohort = cohortOf(spell.hire, unit);
      let entry = cohorts.get(cohort.key);
      if (entry === undefined) {
        entry = {
          first: cohort.first,
          last: cohort.last,
          retained: horizons.map(() => 0),
          hires: 0,
        };
        cohorts.set(cohort.key, entry);
      }
      entry.hires += 1;
      horizons.forEach((horizon, i) => {
        if (spell.term >= addMonthsToDay(spell.hire, horizon)) entry!.retained[i]! += 1;
      });
    }
  }
  const rows = [...cohorts.keys()].sort().map((key): HireCohortRow => {
    const entry = cohorts.get(key)!;
    const observedFromHire = recordsStart === undefined || entry.first >= recordsStart;
    return {
      cohort: key,
      first: dayString(entry.first),
      last: dayString(entry.last),
      hires: entry.hires,
      observedFromHire,
      cells: horizons.map((horizon, i) => {
        const observable = observedFromHire && addMonthsToDay(entry.last, horizon) <= asOf;
        return {
          horizon,
          retained: observable ? entry.retained[i]! : null,
          rate: observable ? entry.retained[i]! / entry.hires : null,
        };
      }),
    };
  });
  const warnings = windowWarnings(prepared, asOf, recordsStart, 'hireCohorts');
  return { asOf: dayString(asOf), cohort: unit, horizons, rows, warnings };
}
