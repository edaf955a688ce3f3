/**
 * Whole days since 1970-01-01 for a `YYYY-MM-DD` calendar day, and the UTC day of an ISO instant,
 * for hot loops over millions of records. Written by hand because date-fns builds a date object
 * per call (with `@date-fns/utc`, a `UTCDate` and a zone lookup), which dominated the profile of
 * the scorecards at 2 million records; `Date.UTC` works on the same proleptic Gregorian UTC
 * calendar. A property test checks both against the date-fns based helpers in core. The caller
 * passes days that are already validated (the schemas check them). @internal
 */
export function epochDay(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    86_400_000
  );
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
