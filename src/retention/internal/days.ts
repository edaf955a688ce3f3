/**
 * Calendar days as whole numbers (days since 1970-01-01) for the retention module's inner loops,
 * where parsing `YYYY-MM-DD` strings on every step would dominate the run time. Only UTC
 * arithmetic is used (`Date.UTC`, never a local-time constructor), so nothing depends on the
 * machine's time zone; month arithmetic goes through date-fns on UTC dates. @internal
 */
import { UTCDate } from '@date-fns/utc';
// One date-fns module each (not the barrel, which loads all of date-fns: ~90 ms).
import { addMonths } from 'date-fns/addMonths';
import { isCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import type { Period } from '../../core/period.js';

const MS_PER_DAY = 86_400_000;

/** The day number of a `YYYY-MM-DD` day already checked by the caller. @internal */
export function dayNumber(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    MS_PER_DAY
  );
}

/**
 * The day number of a value that must be a calendar day.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` naming the function and the field. @internal
 */
export function checkedDay(value: unknown, functionName: string, what: string): number {
  if (!isCalendarDay(value)) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `${functionName} requires ${what} as a YYYY-MM-DD calendar day, got ${JSON.stringify(value)}`,
    );
  }
  return dayNumber(value);
}

/** The `YYYY-MM-DD` calendar day of a day number. @internal */
export function dayString(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The year and month (1-12) of a day number. @internal */
export function yearMonth(day: number): { year: number; month: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The day number of the first day of a month (months past 12 roll into the next year). @internal */
export function firstOfMonth(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / MS_PER_DAY;
}

/**
 * The same day `months` calendar months later, with date-fns on a UTC date: the day of month is
 * kept, or the month's last day when it has fewer days (31 January + 1 month is 28 or 29
 * February; a 29 February anniversary falls on 28 February in common years). @internal
 */
export function addMonthsToDay(day: number, months: number): number {
  return Math.round(addMonths(new UTCDate(day * MS_PER_DAY), months).getTime() / MS_PER_DAY);
}

/** A checked period as day numbers: `start` the first day, `last` the last day (end - 1). @internal */
export interface DayRange {
  readonly start: number;
  readonly last: number;
}

/**
 * Checks a {@link Period} and returns its days.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for a bound that is not a calendar day.
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the end is not after the start. @internal
 */
export function checkedPeriod(range: Period, functionName: string): DayRange {
  if (range === null || typeof range !== 'object') {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `${functionName} requires a period { start, end }, got ${String(range)}`,
    );
  }
  const start = checkedDay(range.start, functionName, 'period.start');
  const end = checkedDay(range.end, functionName, 'period.end');
  if (end <= start) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `${functionName} requires period.end after period.start, got ${range.start} to ${range.end}`,
    );
  }
  return { start, last: end - 1 };
}

/** The last day of every calendar month that ends inside [start, last]. @internal */
export function monthEndsIn(start: number, last: number): number[] {
  const ends: number[] = [];
  let { year, month } = yearMonth(start);
  for (;;) {
    const monthEnd = firstOfMonth(year, month + 1) - 1;
    if (monthEnd > last) break;
    ends.push(monthEnd);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return ends;
}
