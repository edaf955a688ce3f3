import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDaysBetween, toCalendarDay } from '../core/calendarDay.js';
import { dayFromEpoch, epochDay, instantMs, utcDayOf } from './epochDay.js';

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
