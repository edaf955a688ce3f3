/** Hire cohorts (calendar month, quarter or year of the hire day) and `asOf` days. @internal */
import { type CalendarDay, toCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import { dayNumber, firstOfMonth, yearMonth } from './days.js';

/** The calendar unit hires are grouped by. */
export type CohortUnit = 'month' | 'quarter' | 'year';

/** A cohort's key (`2025-03`, `2025-Q1`, `2025`) and its first and last day. @internal */
export interface Cohort {
  readonly key: string;
  readonly first: number;
  readonly last: number;
}

/**
 * Checks a cohort unit option.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown unit. @internal
 */
export function checkedCohortUnit(
  value: unknown,
  fallback: CohortUnit,
  functionName: string,
): CohortUnit {
  const unit = value ?? fallback;
  if (unit !== 'month' && unit !== 'quarter' && unit !== 'year') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires cohort 'month', 'quarter' or 'year', got ${JSON.stringify(unit)}`,
    );
  }
  return unit;
}

/** The cohort of a hire day. @internal */
export function cohortOf(day: number, unit: CohortUnit): Cohort {
  const { year, month } = yearMonth(day);
  if (unit === 'month') {
    return {
      key: `${year}-${String(month).padStart(2, '0')}`,
      first: firstOfMonth(year, month),
      last: firstOfMonth(year, month + 1) - 1,
    };
  }
  if (unit === 'quarter') {
    const quarter = Math.floor((month - 1) / 3) + 1;
    return {
      key: `${year}-Q${quarter}`,
      first: firstOfMonth(year, 3 * quarter - 2),
      last: firstOfMonth(year, 3 * quarter + 1) - 1,
    };
  }
  return { key: String(year), first: firstOfMonth(year, 1), last: firstOfMonth(year + 1, 1) - 1 };
}

/**
 * The day number of an `asOf` (a calendar day, a `Date` or an ISO 8601 instant: its UTC day).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` naming the function. @internal
 */
export function checkedAsOf(value: CalendarDay | Date, functionName: string): number {
  try {
    return dayNumber(toCalendarDay(value));
  } catch {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `${functionName} requires asOf as a calendar day, a Date or an ISO 8601 instant, got ${JSON.stringify(value)}`,
    );
  }
}
