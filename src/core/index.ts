export {
  addCalendarDays,
  type CalendarDay,
  calendarDayFromFormat,
  calendarDaysBetween,
  formatCalendarDay,
  isCalendarDay,
  parseCalendarDay,
  toCalendarDay,
} from './calendarDay.js';
export { createRandom, type RandomSource } from './createRandom.js';
export {
  type ErrorCode,
  InternalCustomerError,
  isInternalCustomerError,
  VALIDATION_ISSUE_CODES,
  type ValidationIssue,
  type ValidationIssueCode,
} from './errors.js';
export type { Estimate, Interval, IntervalMethod } from './estimate.js';
export {
  normalCriticalValue,
  poissonExactInterval,
  twoSidedNormalPValue,
  wilsonInterval,
} from './intervals.js';
export { isInPeriod, type Period, period, periodFromInclusive, periodLength } from './period.js';
