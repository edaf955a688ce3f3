import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from './calendarDay.js';
import { isInternalCustomerError } from './errors.js';
import { isInPeriod, period, periodFromInclusive, periodLength } from './period.js';

describe('period', () => {
  it('is half-open: the start is in, the end is out', () => {
    const year = period('2025-01-01', '2026-01-01');
    expect(isInPeriod('2025-01-01', year)).toBe(true);
    expect(isInPeriod('2025-12-31', year)).toBe(true);
    expect(isInPeriod('2026-01-01', year)).toBe(false);
    expect(isInPeriod('2024-12-31', year)).toBe(false);
  });

  it('throws INVALID_PERIOD when the end is not after the start', () => {
    for (const [start, end] of [
      ['2025-01-02', '2025-01-01'],
      ['2025-01-01', '2025-01-01'],
    ] as const) {
      try {
        period(start, end);
        expect.unreachable();
      } catch (error) {
        expect(isInternalCustomerError(error, 'INVALID_PERIOD')).toBe(true);
      }
    }
  });

  it('throws INVALID_DATE for a bound that is not a day', () => {
    expect(() => period('2025-02-30', '2025-03-01')).toThrowError(/start as a YYYY-MM-DD/);
  });
});

describe('periodFromInclusive', () => {
  it('turns the inclusive range people type into a half-open period', () => {
    expect(periodFromInclusive('2024-01-01', '2024-12-31')).toEqual({
      start: '2024-01-01',
      end: '2025-01-01',
    });
    expect(periodLength(periodFromInclusive('2024-01-01', '2024-12-31'))).toBe(366);
  });

  it('contains exactly the days from first to last (property)', () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => addCalendarDays('1990-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: -5, max: 805 }),
        (first, length, offset) => {
          const last = addCalendarDays(first, length);
          const range = periodFromInclusive(first, last);
          const probe = addCalendarDays(first, offset);
          expect(periodLength(range)).toBe(length + 1);
          expect(isInPeriod(probe, range)).toBe(offset >= 0 && offset <= length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throws INVALID_PERIOD when last is before first', () => {
    expect(() => periodFromInclusive('2024-12-31', '2024-01-01')).toThrowError(
      /last on or after first/,
    );
  });
});
