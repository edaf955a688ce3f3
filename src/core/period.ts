import {
  addCalendarDays,
  type CalendarDay,
  calendarDaysBetween,
  isCalendarDay,
} from './calendarDay.js';
import { InternalCustomerError } from './errors.js';

/**
 * A span of calendar days, half-open: `start` is the first day in it and `end` the first day after
 * it, so `{ start: '2025-01-01', end: '2026-01-01' }` is the year 2025 and consecutive periods
 * share their boundary without overlapping.
 */
export interface Period {
  readonly start: CalendarDay;
  readonly end: CalendarDay;
}

/**
 * Builds a {@link Period} from a half-open pair, checking both days and their order.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when a bound is not a calendar day.
 * @throws {InternalCustomerError} `INVALID_PERIOD` when `end` is not after `start`.
 *
 * @example
 * period('2025-01-01', '2026-01-01') // => { start: '2025-01-01', end: '2026-01-01' }
 * period('2025-01-01', '2025-01-01') // => throws INVALID_PERIOD
 */
export function period(start: CalendarDay, end: CalendarDay): Period {
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!isCalendarDay(value)) {
      throw new InternalCustomerError(
        'INVALID_DATE',
        `period requires ${name} as a YYYY-MM-DD calendar day, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (end <= start) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `period requires end after start, got start ${start} and end ${end}`,
    );
  }
  return { start, end };
}

/**
 * Builds a {@link Period} from the inclusive range people type ("1 January to 31 December").
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when a bound is not a calendar day.
 * @throws {InternalCustomerError} `INVALID_PERIOD` when `last` is before `first`.
 *
 * @example
 * periodFromInclusive('2025-01-01', '2025-12-31') // => { start: '2025-01-01', end: '2026-01-01' }
 * periodFromInclusive('2025-03-01', '2025-03-01') // => { start: '2025-03-01', end: '2025-03-02' }
 */
export function periodFromInclusive(first: CalendarDay, last: CalendarDay): Period {
  if (isCalendarDay(first) && isCalendarDay(last) && last < first) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `periodFromInclusive requires last on or after first, got ${first} to ${last}`,
    );
  }
  return period(first, addCalendarDays(last, 1));
}

/**
 * Whether a calendar day lies in a period (`start <= day < end`).
 *
 * @example
 * isInPeriod('2025-12-31', { start: '2025-01-01', end: '2026-01-01' }) // => true
 * isInPeriod('2026-01-01', { start: '2025-01-01', end: '2026-01-01' }) // => false
 */
export function isInPeriod(day: CalendarDay, range: Period): boolean {
  return day >= range.start && day < range.end;
}

/**
 * The number of days in a period.
 *
 * @example
 * periodLength({ start: '2024-01-01', end: '2025-01-01' }) // => 366
 */
export function periodLength(range: Period): number {
  return calendarDaysBetween(range.start, range.end);
}
