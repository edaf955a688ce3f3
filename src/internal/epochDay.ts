/**
 * Day numbers, the one home of calendar arithmetic on whole days (issue 17): whole days since
 * 1970-01-01 for a `YYYY-MM-DD` calendar day and back, the milliseconds of an ISO instant, the UTC
 * day of an instant, a day's year, month and day of month, and month and year arithmetic. Used by
 * `core`'s calendar-day helpers, `retention`, `service` and the sample generator. Written by hand
 * because date-fns builds a date object per call (with `@date-fns/utc`, a `UTCDate` and a zone
 * lookup), which dominated the profile of the scorecards at 2 million records, and `Date.parse`
 * plus `Date.UTC` with the string slicing around them still cost more than the rest of a
 * scorecard. The arithmetic reads character codes and counts days with the civil-from-days
 * algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms",
 * https://howardhinnant.github.io/date_algorithms.html), on the same proleptic Gregorian UTC
 * calendar as `Date`. Property tests check them against date-fns and `Date.parse`. Anything that
 * is not the plain form falls back to `Date.parse`. @internal
 */

/** Milliseconds in a day (UTC days have no leap seconds in ECMAScript time). @internal */
export const MS_PER_DAY = 86_400_000;

const ZERO = 48;
const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at) - ZERO;
  return code >= 0 && code <= 9 ? code : Number.NaN;
};
const two = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whether year-month-day is a real date (month 1-12, day within the month). */
function isDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!);
}

/** The day number of the `YYYY-MM-DD` at the start of a string, or NaN. */
function leadingDay(text: string): number {
  // Small-integer arithmetic only (no NaN in the hot path): each digit checked as unsigned <= 9.
  const y0 = text.charCodeAt(0) - ZERO;
  const y1 = text.charCodeAt(1) - ZERO;
  const y2 = text.charCodeAt(2) - ZERO;
  const y3 = text.charCodeAt(3) - ZERO;
  const m0 = text.charCodeAt(5) - ZERO;
  const m1 = text.charCodeAt(6) - ZERO;
  const d0 = text.charCodeAt(8) - ZERO;
  const d1 = text.charCodeAt(9) - ZERO;
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return isDate(year, month, day) ? daysFromCivil(year, month, day) : Number.NaN;
}

/**
 * Whole days since 1970-01-01 of a `YYYY-MM-DD` calendar day (negative before); NaN for a
 * string that is not a real calendar day. @internal
 */
export function epochDay(day: string): number {
  return day.length === 10 ? leadingDay(day) : Number.NaN;
}

/**
 * Milliseconds since the epoch of an ISO 8601 instant, as `Date.parse` gives them. The plain
 * forms `YYYY-MM-DDTHH:MM:SS`, optionally with three decimals, then `Z` or `+HH:MM` are read by
 * hand; anything else goes to `Date.parse`. @internal
 */
export function instantMs(instant: string): number {
  const length = instant.length;
  let zone = 19;
  let ms = 0;
  if (instant.charCodeAt(19) === 46 /* . */) {
    ms = two(instant, 20) * 10 + digit(instant, 22);
    zone = 23;
  }
  if (
    (length === zone + 1 || length === zone + 6) &&
    instant.charCodeAt(10) === 84 /* T */ &&
    instant.charCodeAt(13) === 58 &&
    instant.charCodeAt(16) === 58
  ) {
    const day = leadingDay(instant);
    const hour = two(instant, 11);
    const minute = two(instant, 14);
    const second = two(instant, 17);
    let offset = 0;
    const sign = instant.charCodeAt(zone);
    if (length === zone + 1) offset = sign === 90 /* Z */ ? 0 : Number.NaN;
    else if ((sign === 43 || sign === 45) /* + - */ && instant.charCodeAt(zone + 3) === 58) {
      const hours = two(instant, zone + 1);
      const minutes = two(instant, zone + 4);
      offset =
        hours <= 23 && minutes <= 59 ? (sign === 43 ? 1 : -1) * (hours * 60 + minutes) : Number.NaN;
    } else offset = Number.NaN;
    const value =
      day * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset * 60_000;
    if (hour <= 23 && minute <= 59 && second <= 59 && !Number.isNaN(value)) return value;
  }
  return Date.parse(instant);
}

/** The UTC calendar day of an ISO 8601 instant (`Z` or an offset). @internal */
export function utcDayOf(instant: string): string {
  if (instant.endsWith('Z')) return instant.slice(0, 10);
  return new Date(Date.parse(instant)).toISOString().slice(0, 10);
}

/** The calendar day `epoch` days after 1970-01-01. @internal */
export function dayFromEpoch(epoch: number): string {
  return new Date(epoch * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A calendar day as a whole number of days since 1970-01-01 (UTC). @internal */
export type DayNumber = number;

/** The year, month (1-12) and day of month of a day number (civil-from-days). @internal */
export function partsOfDay(day: DayNumber): { year: number; month: number; date: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

/** The number of days in a month (1-12) of a year of the proleptic Gregorian calendar. @internal */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * The day number of month/day in `year`, months past 12 (or below 1) rolling into the next (or
 * previous) years; a day past the month's end falls on its last day, so 29 February falls on 28
 * February in common years (DESIGN.md, Dates). @internal
 */
export function dayInYear(year: number, month: number, date: number): DayNumber {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return daysFromCivil(y, m, Math.min(date, daysInMonth(y, m)));
}

/** The day number of the first day of a month (months past 12 roll into the next year). @internal */
export function firstOfMonth(year: number, month: number): DayNumber {
  return dayInYear(year, month, 1);
}

/**
 * The same day `months` calendar months later (earlier when negative): the day of month is kept,
 * or the month's last day when it has fewer days (31 January + 1 month is 28 or 29 February), as
 * date-fns `addMonths`. @internal
 */
export function addMonthsToDay(day: DayNumber, months: number): DayNumber {
  const { year, month, date } = partsOfDay(day);
  return dayInYear(year, month + months, date);
}

/** The same calendar day `years` years later (or earlier when negative). @internal */
export function addYearsToDay(day: DayNumber, years: number): DayNumber {
  const { year, month, date } = partsOfDay(day);
  return dayInYear(year + years, month, date);
}

/** Whole years from `from` to `to` (age, tenure). @internal */
export function wholeYears(from: DayNumber, to: DayNumber): number {
  const a = partsOfDay(from);
  const b = partsOfDay(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.date < a.date)) years -= 1;
  return years;
}

/** Whether a day is a Saturday or a Sunday (1970-01-01, day 0, was a Thursday). @internal */
export function isWeekend(day: DayNumber): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 is Sunday
  return weekday === 0 || weekday === 6;
}

/** The last day of every calendar month that ends inside [start, last]. @internal */
export function monthEndsIn(start: DayNumber, last: DayNumber): DayNumber[] {
  const ends: DayNumber[] = [];
  const { year, month } = partsOfDay(start);
  for (let next = month + 1; ; next++) {
    const monthEnd = firstOfMonth(year, next) - 1;
    if (monthEnd > last) break;
    ends.push(monthEnd);
  }
  return ends;
}
