/**
 * Whole days since 1970-01-01 for a `YYYY-MM-DD` calendar day, the milliseconds of an ISO
 * instant, and the UTC day of an instant, for hot loops over millions of records. Written by hand
 * because date-fns builds a date object per call (with `@date-fns/utc`, a `UTCDate` and a zone
 * lookup), which dominated the profile of the scorecards at 2 million records, and `Date.parse`
 * plus `Date.UTC` with the string slicing around them still cost more than the rest of a
 * scorecard. The arithmetic reads character codes and counts days with the civil-from-days
 * algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms",
 * https://howardhinnant.github.io/date_algorithms.html), on the same proleptic Gregorian UTC
 * calendar as `Date`. Property tests check them against date-fns and `Date.parse`. Anything that
 * is not the plain form falls back to `Date.parse`. @internal
 */

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
      day * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset * 60_000;
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
  return new Date(epoch * 86_400_000).toISOString().slice(0, 10);
}
