import { UTCDate } from '@date-fns/utc';
import { addMonths } from 'date-fns/addMonths';
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCalendarDay } from '../core/calendarDay.js';
import {
  addMonthsToDay,
  addYearsToDay,
  dayFromEpoch,
  dayInYear,
  epochDay,
  instantMs,
  isWeekend,
  monthEndsIn,
  partsOfDay,
  utcDayOf,
  wholeYears,
} from './epochDay.js';

// The reference is date-fns on UTC dates (and Date itself), independent of the hand-written
// civil-from-days arithmetic under test.
const utc = (epoch: number) => new UTCDate(epoch * 86_400_000);
const isoOf = (date: Date) => date.toISOString().slice(0, 10);
/** Days from 0001-01-01 to 9999-12-31 and a little around 1970. */
const anyDay = fc.oneof(
  fc.integer({ min: -719_162, max: 2_932_896 }),
  fc.integer({ min: -800, max: 800 }),
);

describe('epochDay', () => {
  it('agrees with date-fns on day differences and back (property)', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        const dayA = isoOf(utc(a));
        const dayB = isoOf(utc(b));
        expect(epochDay(dayB) - epochDay(dayA)).toBe(differenceInCalendarDays(utc(b), utc(a)));
        expect(epochDay(dayA)).toBe(a);
        expect(dayFromEpoch(a)).toBe(dayA);
      }),
      { numRuns: 500 },
    );
  });

  it('splits a day into year, month and day of month as Date does (property)', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const date = utc(day);
        expect(partsOfDay(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          date: date.getUTCDate(),
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('adds months and years as date-fns addMonths and addYears (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500_000, max: 2_500_000 }),
        fc.integer({ min: -240, max: 240 }),
        (day, months) => {
          expect(addMonthsToDay(day, months)).toBe(
            differenceInCalendarDays(addMonths(utc(day), months), utc(0)),
          );
          expect(addYearsToDay(day, Math.trunc(months / 12))).toBe(
            differenceInCalendarDays(addYears(utc(day), Math.trunc(months / 12)), utc(0)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps 31 January + 1 month at the end of February, and 29 February on 28 in common years', () => {
    expect(dayFromEpoch(addMonthsToDay(epochDay('2025-01-31'), 1))).toBe('2025-02-28');
    expect(dayFromEpoch(addMonthsToDay(epochDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dayFromEpoch(addYearsToDay(epochDay('2024-02-29'), 1))).toBe('2025-02-28');
    expect(dayFromEpoch(dayInYear(2025, 14, 31))).toBe('2026-02-28');
    expect(dayFromEpoch(dayInYear(2025, 0, 15))).toBe('2024-12-15');
  });

  it('counts whole years, weekends and month ends', () => {
    expect(wholeYears(epochDay('2000-02-29'), epochDay('2001-02-28'))).toBe(0);
    expect(wholeYears(epochDay('2000-02-29'), epochDay('2001-03-01'))).toBe(1);
    expect(isWeekend(epochDay('2026-12-05'))).toBe(true); // a Saturday
    expect(isWeekend(epochDay('2026-12-07'))).toBe(false); // a Monday
    expect(monthEndsIn(epochDay('2024-01-15'), epochDay('2024-03-31')).map(dayFromEpoch)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it('is NaN for strings that are not real calendar days', () => {
    for (const day of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '2025-01-1x', ''])
      expect(epochDay(day)).toBeNaN();
    expect(epochDay('2024-02-29')).toBe(19_782);
    expect(epochDay('0050-01-01')).toBe(Date.parse('0050-01-01T00:00:00Z') / 86_400_000);
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

describe('instantMs', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  // Instants in every form the hand-written path reads, and near misses it must leave to Date.parse.
  const instant = fc
    .record({
      ms: fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }),
      offset: fc.integer({ min: -24 * 60, max: 24 * 60 }),
      fraction: fc.constantFrom('', '.', '.1', '.12', '.123', '.1234'),
      zone: fc.constantFrom('Z', 'offset', 'none', 'z', '+0100'),
      tweak: fc.constantFrom('none', 'hour24', 'day31', 'feb29', 'second60'),
    })
    .map(({ ms, offset, fraction, zone, tweak }) => {
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
      const sign = offset < 0 ? '-' : '+';
      const suffix =
        zone === 'Z'
          ? 'Z'
          : zone === 'offset'
            ? `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
            : zone === 'none'
              ? ''
              : zone;
      const base = `${local}${fraction}${suffix}`;
      if (tweak === 'hour24') return `${base.slice(0, 11)}24${base.slice(13)}`;
      if (tweak === 'day31') return `${base.slice(0, 8)}31${base.slice(10)}`;
      if (tweak === 'feb29') return `${base.slice(0, 5)}02-29${base.slice(10)}`;
      if (tweak === 'second60') return `${base.slice(0, 17)}60${base.slice(19)}`;
      return base;
    });

  it('gives the milliseconds Date.parse gives, for any form (property)', () => {
    fc.assert(
      fc.property(instant, (text) => {
        expect(Object.is(instantMs(text), Date.parse(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads Z, offsets and milliseconds exactly', () => {
    expect(instantMs('2025-01-01T10:00:00Z')).toBe(Date.UTC(2025, 0, 1, 10));
    expect(instantMs('2025-01-01T10:00:00.250Z')).toBe(Date.UTC(2025, 0, 1, 10, 0, 0, 250));
    expect(instantMs('2025-01-01T05:00:00+13:00')).toBe(Date.UTC(2024, 11, 31, 16));
    expect(instantMs('2025-03-01T23:59:59-05:00')).toBe(Date.UTC(2025, 2, 2, 4, 59, 59));
    expect(instantMs('not an instant')).toBeNaN();
  });
});
