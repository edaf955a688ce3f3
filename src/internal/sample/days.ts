/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC) for the sample generator's inner
 * loops, where parsing `YYYY-MM-DD` strings on every step would dominate the run time. Only UTC
 * arithmetic is used, so the results never depend on the machine's time zone. The arithmetic has
 * one home, `src/internal/epochDay.ts`; this file names it as the generator does. @internal
 */
import { type DayNumber, MS_PER_DAY } from '../epochDay.js';

export {
  addYearsToDay as addYears,
  type DayNumber,
  dayFromEpoch as fromDayNumber,
  dayInYear,
  epochDay as toDayNumber,
  isWeekend,
  partsOfDay as partsOf,
  wholeYears,
} from '../epochDay.js';

/** The ISO 8601 instant (UTC, `Z`, whole seconds) `minutes` after midnight of `day`. @internal */
export function instantOf(day: DayNumber, minutes: number): string {
  return `${new Date(day * MS_PER_DAY + Math.round(minutes) * 60_000).toISOString().slice(0, 19)}Z`;
}
