import { describe, expect, it } from 'vitest';
import { addCalendarDays, parseCalendarDay, toCalendarDay } from '../src/index.js';

// Runs in both vitest projects (TZ=UTC and TZ=Pacific/Auckland); see vitest.config.ts.
describe('time zones', () => {
  it('run under the configured zone, so the second project really is in another zone', () => {
    // 15 January is summer in Auckland: UTC+13, an offset of -780 minutes.
    const offset = new Date(2024, 0, 15).getTimezoneOffset();
    expect(['UTC', 'Pacific/Auckland']).toContain(process.env.TZ);
    expect(offset).toBe(process.env.TZ === 'UTC' ? 0 : -780);
  });

  it('give the same calendar arithmetic whatever the zone', () => {
    expect(parseCalendarDay('2024-04-07').toISOString()).toBe('2024-04-07T00:00:00.000Z');
    expect(addCalendarDays('2024-04-06', 1)).toBe('2024-04-07');
    expect(toCalendarDay('2024-04-06T12:30:00Z')).toBe('2024-04-06');
  });
});
