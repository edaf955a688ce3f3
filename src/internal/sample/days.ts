/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC) for the sample generator's inner
 * loops, where parsing `YYYY-MM-DD` strings on every step would dominate the run time. Only UTC
 * arithmetic is used, so the results never depend on the machine's time zone. @internal
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/** The day number of a `YYYY-MM-DD` calendar day (already checked by the caller). @internal */
export function toDayNumber(day: string): DayNumber {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    MS_PER_DAY
  );
}

/** The `YYYY-MM-DD` calendar day of a day number. @internal */
export function fromDayNumber(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO 8601 instant (UTC, `Z`, whole seconds) `minutes` after midnight of `day`. @internal */
export function instantOf(day: DayNumber, minutes: number): string {
  return `${new Date(day * MS_PER_DAY + Math.round(minutes) * 60_000).toISOString().slice(0, 19)}Z`;
}

/** The year, month (1-12) and day of month of a day number. @internal */
export function partsOf(day: DayNumber): { year: number; month: number; date: number } {
  const value = new Date(day * MS_PER_DAY);
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, date: value.getUTCDate() };
}

/**
 * The day number of month/day in `year`; 29 February falls on 28 February in common years
 * (DESIGN.md, Dates). @internal
 */
export function dayInYear(year: number, month: number, date: number): DayNumber {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Date.UTC(year, month - 1, Math.min(date, last)) / MS_PER_DAY;
}

/** The same calendar day `years` years later (or earlier when negative). @internal */
export function addYears(day: DayNumber, years: number): DayNumber {
  const { year, month, date } = partsOf(day);
  return dayInYear(year + years, month, date);
}

/** Whole years from `from` to `to` (age, tenure). @internal */
export function wholeYears(from: DayNumber, to: DayNumber): number {
  const a = partsOf(from);
  const b = partsOf(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.date < a.date)) years -= 1;
  return years;
}

/** Whether a day is a Saturday or a Sunday (1970-01-01, day 0, was a Thursday). @internal */
export function isWeekend(day: DayNumber): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 is Sunday
  return weekday === 0 || weekday === 6;
}
