import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import {
  addCalendarDays,
  calendarDayFromFormat,
  calendarDaysBetween,
  formatCalendarDay,
  isCalendarDay,
  parseCalendarDay,
  toCalendarDay,
} from './calendarDay.js';

describe('isCalendarDay', () => {
  it('accepts 29 February in a leap year and refuses it in a common year', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('1900-02-29')).toBe(false);
  });

  it('refuses days that do not exist and other formats', () => {
    for (const text of [
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-01',
      '31/12/2024',
      '12/31/2024',
      '2024-12-31T00:00:00Z',
      '',
      ' 2024-01-01',
    ]) {
      expect(isCalendarDay(text), text).toBe(false);
    }
  });

  it('refuses values that are not strings', () => {
    expect(isCalendarDay(20240101)).toBe(false);
    expect(isCalendarDay(new Date())).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
  });
});

describe('parseCalendarDay', () => {
  it('gives midnight UTC whatever the machine time zone', () => {
    expect(parseCalendarDay('2024-03-31').toISOString()).toBe('2024-03-31T00:00:00.000Z');
  });

  it('throws INVALID_DATE for a day that does not exist', () => {
    expect(codeOf(() => parseCalendarDay('2023-02-29'))).toBe('INVALID_DATE');
  });
});

describe('addCalendarDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('is unaffected by daylight-saving changes in the local zone', () => {
    // 2024-04-07 and 2024-09-29 are DST changes in Pacific/Auckland; 2024-03-31 in Europe.
    expect(addCalendarDays('2024-04-06', 1)).toBe('2024-04-07');
    expect(addCalendarDays('2024-09-28', 2)).toBe('2024-09-30');
    expect(addCalendarDays('2024-03-30', 2)).toBe('2024-04-01');
  });
});

describe('calendarDaysBetween', () => {
  it('counts whole days and is negative backwards', () => {
    expect(calendarDaysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(calendarDaysBetween('2024-12-31', '2024-01-01')).toBe(-365);
    expect(calendarDaysBetween('2024-09-28', '2024-09-30')).toBe(2);
  });
});

describe('formatCalendarDay', () => {
  it('formats the UTC day of an instant', () => {
    expect(formatCalendarDay(new Date('2024-06-30T23:59:59.999Z'))).toBe('2024-06-30');
  });

  it('throws INVALID_DATE for an invalid Date', () => {
    expect(codeOf(() => formatCalendarDay(new Date('nope')))).toBe('INVALID_DATE');
  });
});

describe('toCalendarDay', () => {
  it('takes the UTC day of an instant with an offset', () => {
    expect(toCalendarDay('2025-01-01T05:00:00+13:00')).toBe('2024-12-31');
    expect(toCalendarDay(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01');
  });

  it('throws INVALID_DATE for text that is neither', () => {
    expect(codeOf(() => toCalendarDay('yesterday'))).toBe('INVALID_DATE');
    expect(codeOf(() => toCalendarDay('2024-02-30'))).toBe('INVALID_DATE');
  });
});

describe('calendarDayFromFormat', () => {
  it('reads day-first and month-first formats when configured', () => {
    expect(calendarDayFromFormat('31/12/2024', 'dd/MM/yyyy')).toBe('2024-12-31');
    expect(calendarDayFromFormat('12/31/2024', 'MM/dd/yyyy')).toBe('2024-12-31');
    expect(calendarDayFromFormat('29/02/2024', 'dd/MM/yyyy')).toBe('2024-02-29');
  });

  it('refuses days that do not exist, the other order and partial text', () => {
    expect(codeOf(() => calendarDayFromFormat('12/31/2024', 'dd/MM/yyyy'))).toBe('INVALID_DATE');
    expect(codeOf(() => calendarDayFromFormat('29/02/2023', 'dd/MM/yyyy'))).toBe('INVALID_DATE');
    expect(codeOf(() => calendarDayFromFormat('1/2/2024', 'dd/MM/yyyy'))).toBe('INVALID_DATE');
    expect(codeOf(() => calendarDayFromFormat('31/12/2024 extra', 'dd/MM/yyyy'))).toBe(
      'INVALID_DATE',
    );
  });
});
