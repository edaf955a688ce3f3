import { UTCDate } from '@date-fns/utc';
// One date-fns module each (not the barrel, which loads all of date-fns: ~90 ms).
import { addDays } from 'date-fns/addDays';
import { format as formatDate } from 'date-fns/format';
import { formatISO } from 'date-fns/formatISO';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { epochDay } from '../internal/epochDay.js';
import { InternalCustomerError } from './errors.js';

/** A calendar day as `YYYY-MM-DD` (no time, no zone), as records store hire dates and birthdays. */
export type CalendarDay = string;

/**
 * Whether a string is a real calendar day in `YYYY-MM-DD` form (`2024-02-29` is, `2023-02-29` and
 * `2024-02-30` are not).
 *
 * @example
 * isCalendarDay('2024-02-29') // => true
 * isCalendarDay('2023-02-29') // => false
 * isCalendarDay('31/12/2024') // => false
 */
export function isCalendarDay(value: unknown): value is CalendarDay {
  return typeof value === 'string' && !Number.isNaN(epochDay(value));
}

/**
 * Parses a calendar day into a date at midnight UTC. The value is a `UTCDate` (from
 * `@date-fns/utc`, typed here as `Date` so that the public types do not depend on that package), so
 * date-fns arithmetic on it never depends on the machine's time zone.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when the string is not a real `YYYY-MM-DD` day.
 *
 * @example
 * parseCalendarDay('2024-02-29').toISOString() // => '2024-02-29T00:00:00.000Z'
 * parseCalendarDay('2024-02-30') // => throws INVALID_DATE
 */
export function parseCalendarDay(value: CalendarDay): Date {
  if (!isCalendarDay(value)) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `parseCalendarDay requires a calendar day as YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return new UTCDate(`${value}T00:00:00.000Z`);
}

/**
 * Formats a date as the calendar day it falls on in UTC.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for an invalid `Date`.
 *
 * @example
 * formatCalendarDay(new Date('2024-12-31T23:30:00Z')) // => '2024-12-31'
 */
export function formatCalendarDay(date: Date): CalendarDay {
  if (!isValid(date)) {
    throw new InternalCustomerError('INVALID_DATE', 'formatCalendarDay requires a valid Date');
  }
  return formatISO(new UTCDate(date.getTime()), { representation: 'date' });
}

/**
 * The calendar day `amount` days after (or before, when negative) `day`.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when `day` is not a calendar day.
 *
 * @example
 * addCalendarDays('2024-02-28', 1) // => '2024-02-29'
 * addCalendarDays('2025-01-01', -1) // => '2024-12-31'
 */
export function addCalendarDays(day: CalendarDay, amount: number): CalendarDay {
  return formatCalendarDay(addDays(parseCalendarDay(day), amount));
}

/**
 * The number of calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when either is not a calendar day.
 *
 * @example
 * calendarDaysBetween('2024-01-01', '2025-01-01') // => 366
 */
export function calendarDaysBetween(from: CalendarDay, to: CalendarDay): number {
  parseCalendarDay(from);
  parseCalendarDay(to);
  return epochDay(to) - epochDay(from);
}

/**
 * The calendar day of an `asOf` value: a calendar day is returned as it is; an instant (a `Date` or
 * an ISO 8601 date-time) gives the UTC day it falls on.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when the value is neither.
 *
 * @example
 * toCalendarDay('2025-03-01') // => '2025-03-01'
 * toCalendarDay('2025-03-01T23:59:59+13:00') // => '2025-03-01'
 * toCalendarDay('2025-03-01T23:59:59-05:00') // => '2025-03-02'
 */
export function toCalendarDay(value: CalendarDay | Date): CalendarDay {
  if (value instanceof Date) return formatCalendarDay(value);
  if (isCalendarDay(value)) return value;
  const time = Date.parse(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `toCalendarDay requires a calendar day or an ISO 8601 instant, got ${JSON.stringify(value)}`,
    );
  }
  return formatCalendarDay(new Date(time));
}

/**
 * Reads a day written in a configured format (date-fns tokens such as `dd/MM/yyyy` or
 * `MM/dd/yyyy`) into `YYYY-MM-DD`. Strict: the text must be exactly the formatted day, so
 * `31/02/2024` and `1/13/2024` are refused rather than rolled over.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when the text is not a real day in that format.
 *
 * @example
 * calendarDayFromFormat('31/12/2024', 'dd/MM/yyyy') // => '2024-12-31'
 * calendarDayFromFormat('12/31/2024', 'MM/dd/yyyy') // => '2024-12-31'
 * calendarDayFromFormat('29/02/2023', 'dd/MM/yyyy') // => throws INVALID_DATE
 */
export function calendarDayFromFormat(text: string, format: string): CalendarDay {
  // Parsing at UTC midnight keeps the result independent of the machine's zone.
  const parsed = parse(text, format, new UTCDate(0));
  // The round trip refuses what date-fns' parser tolerates (missing leading zeros, extra text).
  if (!isValid(parsed) || formatDate(parsed, format) !== text) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `calendarDayFromFormat requires a day written as ${format}, got ${JSON.stringify(text)}`,
    );
  }
  return formatISO(parsed, { representation: 'date' });
}
