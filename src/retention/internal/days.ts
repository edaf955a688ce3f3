/**
 * The retention module's checks of calendar days and periods, as day numbers. The arithmetic
 * itself has one home, `src/internal/epochDay.ts` (issue 17): this file re-exports it under the
 * names the module uses. @internal
 */
import { isCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import type { Period } from '../../core/period.js';
import { epochDay } from '../../internal/epochDay.js';

export {
  addMonthsToDay,
  dayFromEpoch as dayString,
  epochDay as dayNumber,
  firstOfMonth,
  monthEndsIn,
  partsOfDay as yearMonth,
} from '../../internal/epochDay.js';

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
  return epochDay(value);
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
