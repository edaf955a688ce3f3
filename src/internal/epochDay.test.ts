import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDaysBetween, toCalendarDay } from '../core/calendarDay.js';
import { dayFromEpoch, epochDay, utcDayOf } from './epochDay.js';

describe('epochDay', () => {
  it('agrees with the date-fns based calendar helpers (property)', () => {
    const day = fc
      .integer({ min: -50_000, max: 80_000 })
      .map((n) => addCalendarDays('1970-01-01', n));
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(epochDay(b) - epochDay(a)).toBe(calendarDaysBetween(a, b));
        expect(dayFromEpoch(epochDay(a))).toBe(a);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the UTC day of instants with Z or an offset, as toCalendarDay', () => {
    for (const instant of [
      '2024-02-29T23:30:00Z',
      '2025-01-01T05:00:00+13:00',
      '2025-03-01T23:59:59-05:00',
    ]) {
      expect(utcDayOf(instant)).toBe(toCalendarDay(instant));
    }
  });
});
