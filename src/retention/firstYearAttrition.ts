import type { CalendarDay } from '../core/calendarDay.js';
import type { Estimate } from '../core/estimate.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { type CohortUnit, checkedAsOf, checkedCohortUnit, cohortOf } from './internal/cohorts.js';
import { dayString } from './internal/days.js';
import { proportionEstimate } from './internal/estimates.js';
import { preparePeople } from './internal/people.js';
import { checkedRecordsStart, entryDays, windowWarnings } from './internal/window.js';
import {
  type ConfidenceType,
  countByTime,
  kaplanMeierFromCounts,
  survivalOptions,
} from './kaplanMeier.js';
import type { RetentionPerson } from './retentionPeople.js';
import { survivalAt } from './survivalAt.js';

/** Options of {@link firstYearAttrition}. */
export interface FirstYearAttritionOptions {
  /** The day the data describes: later terminations are unknown, current spells censored there. */
  readonly asOf: CalendarDay | Date;
  /** How hires are grouped; default `year`. */
  readonly cohort?: CohortUnit;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** The Kaplan-Meier interval for cohorts still in follow-up; default `log` (R's default). */
  readonly confType?: ConfidenceType;
  /**
   * The first day the records cover: hires before it are observed from then only (late entry),
   * spells that ended before it are left out. See {@link firstYearAttrition}.
   */
  readonly recordsStart?: CalendarDay;
}

/** The options firstYearAttrition knows (an unknown one is an error). */
const FIRST_YEAR_OPTIONS = {
  asOf: true,
  cohort: true,
  level: true,
  confType: true,
  recordsStart: true,
} satisfies OptionKeys<FirstYearAttritionOptions>;

/** One hire cohort of {@link firstYearAttrition}. */
export interface FirstYearCohort {
  /** `2025-03`, `2025-Q1` or `2025`. */
  readonly cohort: string;
  readonly first: CalendarDay;
  readonly last: CalendarDay;
  readonly hires: number;
  /** Hires known by `asOf` to have left within 365 days (final once `complete`). */
  readonly leftWithinYear: number;
  /** Whether every possible hire day of the cohort has 365 days of follow-up by `asOf`. */
  readonly complete: boolean;
  /** Whether every hire of the cohort is on or after `recordsStart` (true without it). */
  readonly observedFromHire: boolean;
  /**
   * `cohort`: leftWithinYear / hires (Wilson); `kaplan-meier`: 1 - S(365 days) (Greenwood, with
   * late entry for hires before `recordsStart`); `not-observed`: no hire of the cohort was
   * observed in their first year (every one was hired 365 days or more before `recordsStart`).
   */
  readonly method: 'cohort' | 'kaplan-meier' | 'not-observed';
  /** First-year attrition as a proportion 0-1, `n` is `hires`; null when `not-observed`. */
  readonly attrition: Estimate | null;
}

/** The result of {@link firstYearAttrition}. */
export interface FirstYearAttritionResult {
  readonly asOf: CalendarDay;
  /** Cohorts with at least one hire, oldest first. */
  readonly cohorts: readonly FirstYearCohort[];
  readonly warnings: readonly string[];
}

const YEAR_DAYS = 365;

/**
 * First-year (new-hire) attrition by hire cohort: the share of a cohort's hires who left within
 * 365 days of their hire (turnover.md).
 *
 * A hire "left within 365 days" when they were employed 365 days or fewer (terminationDate -
 * hireDate + 1 <= 365; the termination date is the last day employed). A cohort is `complete`
 * when its last possible hire day has 365 days of follow-up (last + 364 <= asOf); its attrition
 * is then the proportion leftWithinYear / hires with a Wilson interval. A cohort still in
 * follow-up would be biased by the naive share (leavers / hires undercounts, leavers / those
 * followed up overcounts), so it uses 1 - S_KM(365 days) from the Kaplan-Meier curve of its hires
 * in days (leavers are events at their days employed, others censored at asOf), with the interval
 * 1 - the band of S (a null limit of S becomes 0 or 1). While no one in the cohort can yet have
 * 365 days, that is 1 - S at the longest follow-up, a lower bound: a warning says so.
 *
 * Each spell is a hire, so a rehire joins the cohort of its new hire day. Employees and direct
 * temporaries only; spells hired after asOf are left out. Cohort cells are not suppressed: hires
 * and departures are known in the organisation, but publish small cohorts with care.
 *
 * With `recordsStart`, the records hold the hires before it only if they were still employed on
 * it: those who left earlier are missing, so the share of leavers would understate attrition. A
 * cohort with such hires is not `observedFromHire`; its attrition is 1 - S(365 days) of the
 * Kaplan-Meier curve with late entry (each earlier hire enters at recordsStart - hireDate days, R
 * `survfit(Surv(entry, days, status) ~ 1)`), conditional on surviving to the earliest entry of the
 * cohort (a warning gives it when above 0); when every hire of the cohort entered at 365 days or
 * more, nothing is known of its first year: `not-observed`, attrition null. Without
 * `recordsStart`, a warning says when hires long before the first termination suggest that the
 * records start later.
 *
 * O(hires + cohorts x days of follow-up).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when asOf, recordsStart or a record's day is not a
 * day.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown cohort unit or interval type, or a
 * level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2023-02-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2023-03-01', terminationDate: '2023-09-30', separationKind: 'voluntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2023-06-01', terminationDate: '2024-05-30', separationKind: 'voluntary' }] },
 *   { id: 'd', spells: [{ hireDate: '2023-07-01', terminationDate: '2024-07-01', separationKind: 'involuntary' }] },
 *   { id: 'e', spells: [{ hireDate: '2025-01-06' }] },
 * ];
 * // c was employed 365 days (a first-year leaver), d 367 days (not).
 * const result = firstYearAttrition(people, { asOf: '2025-06-30' });
 * result.cohorts.map((c) => [c.cohort, c.hires, c.leftWithinYear, c.complete, c.method]) // => [['2023', 4, 2, true, 'cohort'], ['2025', 1, 0, false, 'kaplan-meier']]
 * result.cohorts[0]?.attrition.value // => 0.5
 */
export function firstYearAttrition(
  people: readonly RetentionPerson[],
  options: FirstYearAttritionOptions,
): FirstYearAttritionResult {
  checkOptions(options, FIRST_YEAR_OPTIONS, 'firstYearAttrition');
  const asOf = checkedAsOf(options?.asOf, 'firstYearAttrition');
  const unit = checkedCohortUnit(options.cohort, 'year', 'firstYearAttrition');
  const { confType, level } = survivalOptions(options, 'firstYearAttrition');
  const recordsStart = checkedRecordsStart(options.recordsStart, 'firstYearAttrition');
  const prepared = preparePeople(people, 'firstYearAttrition');
  const cohorts = new Map<
    string,
    { first: number; last: number; hires: number[]; ends: number[] }
  >();
  for (const person of prepared) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      if (spell.hire > asOf) continue;
      if (recordsStart !== undefined && spell.term < recordsStart) continue;
      const cohort = cohortOf(spell.hire, unit);
      let entry = cohorts.get(cohort.key);
      if (entry === undefined) {
        entry = { first: cohort.first, last: cohort.last, hires: [], ends: [] };
        cohorts.set(cohort.key, entry);
      }
      entry.hires.push(spell.hire);
      // The last day known to be employed: the termination if it is known by asOf.
      entry.ends.push(spell.term <= asOf ? spell.term : Number.POSITIVE_INFINITY);
    }
  }
  const warnings = windowWarnings(prepared, asOf, recordsStart, 'firstYearAttrition');
  const rows: FirstYearCohort[] = [];
  for (const key of [...cohorts.keys()].sort()) {
    const entry = cohorts.get(key)!;
    const hires = entry.hires.length;
    let left = 0;
    for (let i = 0; i < hires; i++) {
      if (entry.ends[i]! - entry.hires[i]! + 1 <= YEAR_DAYS) left += 1;
    }
    const complete = entry.last + YEAR_DAYS - 1 <= asOf;
    const entries = entry.hires.map((hire) => entryDays(hire, recordsStart));
    const firstEntry = Math.min(...entries);
    const observedFromHire = firstEntry === 0 && entries.every((days) => days === 0);
    let attrition: Estimate | null;
    let method: FirstYearCohort['method'] = 'kaplan-meier';
    if (firstEntry >= YEAR_DAYS) {
      attrition = null;
      method = 'not-observed';
    } else if (complete && observedFromHire) {
      attrition = proportionEstimate(left, hires, level);
      method = 'cohort';
    } else {
      const times = new Float64Array(hires);
      const events = new Uint8Array(hires);
      for (let i = 0; i < hires; i++) {
        const known = entry.ends[i]! !== Number.POSITIVE_INFINITY;
        times[i] = (known ? entry.ends[i]! : asOf) - entry.hires[i]! + 1;
        events[i] = known ? 1 : 0;
      }
      const km = kaplanMeierFromCounts(
        countByTime(
          times,
          events,
          'firstYearAttrition',
          observedFromHire ? undefined : Float64Array.from(entries),
        ),
        confType,
        level,
      );
      const at = survivalAt(km, YEAR_DAYS);
      attrition = {
        value: 1 - at.survival,
        standardError: at.standardError ?? 0,
        interval: {
          lower: at.upper === null ? 0 : 1 - at.upper,
          upper: at.lower === null ? 1 : 1 - at.lower,
          level,
          method: confType,
        },
        n: hires,
      };
      if (firstEntry > 0) {
        warnings.push(
          `firstYearAttrition: cohort ${key} is observed from ${firstEntry} days of tenure (its hires before recordsStart enter late); its attrition is conditional on staying that long`,
        );
      }
      const longest = asOf - Math.min(...entry.hires) + 1;
      if (longest < YEAR_DAYS) {
        warnings.push(
          `firstYearAttrition: cohort ${key} has at most ${longest} days of follow-up; its attrition is 1 - S(${longest} days), a lower bound`,
        );
      }
    }
    rows.push({
      cohort: key,
      first: dayString(entry.first),
      last: dayString(entry.last),
      hires,
      leftWithinYear: left,
      complete,
      observedFromHire,
      method,
      attrition,
    });
  }
  return { asOf: dayString(asOf), cohorts: rows, warnings };
}
