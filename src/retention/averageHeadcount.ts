import type { Period } from '../core/period.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { checkedPeriod } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import {
  averageFromDaily,
  checkedMethod,
  companyStints,
  measureStints,
} from './internal/stints.js';
import type { RetentionPerson } from './retentionPeople.js';

/** How the average headcount over a period is taken. */
export type HeadcountMethod = 'daily' | 'monthly' | 'start-end';

/** Headcount on one day. */
export interface HeadcountSnapshot {
  readonly day: string;
  readonly headcount: number;
}

/** The average headcount over a period and the snapshots it averages. */
export interface AverageHeadcountResult {
  readonly period: Period;
  readonly method: HeadcountMethod;
  /** The mean of `snapshots` (0 for an empty organisation). */
  readonly value: number;
  /** The days averaged: every day (`daily`), each month end (`monthly`), first and last day (`start-end`). */
  readonly snapshots: readonly HeadcountSnapshot[];
  /** Person-days in the period: the sum of the daily headcounts (the exposure). */
  readonly personDays: number;
  /** Days in the period. */
  readonly days: number;
  readonly warnings: readonly string[];
}

/** Options of {@link averageHeadcount}. */
export interface AverageHeadcountOptions {
  /** Which snapshots are averaged; default `daily`. */
  readonly method?: HeadcountMethod;
}

/** The options averageHeadcount knows (an unknown one is an error). */
const AVERAGE_HEADCOUNT_OPTIONS = { method: true } satisfies OptionKeys<AverageHeadcountOptions>;

/**
 * The average headcount over a period, the denominator of turnover rates, by one of the published
 * conventions (say which one you use when you compare):
 *
 * - `daily` (default): the mean of the headcounts of every day in the period, that is person-days
 *   / days, the exposure a rate per head-year is measured against;
 * - `monthly`: the mean of the headcounts on the last day of each calendar month in the period
 *   (SHRM's monthly snapshots); a period that holds no month end uses its last day, with a warning;
 * - `start-end`: (headcount on the first day + headcount on the last day) / 2, the simple
 *   convention (turnover.md: headcount 30 at the start and 40 at the end give 35).
 *
 * Headcount on a day is {@link headcountOn}'s: employees and direct temporaries employed that day,
 * people on leave included. The period is half-open, so its last day is `end - 1`: a person whose
 * termination date is the period's last day is in the end snapshot (employed that day). See
 * https://www.shrm.org/resourcesandtools/tools-and-samples/how-to-guides/pages/determineturnoverrate.aspx.
 *
 * O(people + spells + days).
 *
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the period does not end after it starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when a day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'ada', spells: [{ hireDate: '2024-01-08' }] },
 *   { id: 'ben', spells: [{ hireDate: '2025-01-16' }] },
 * ];
 * const january = { start: '2025-01-01', end: '2025-02-01' };
 * averageHeadcount(people, january).value // => 1.5161290322580645
 * averageHeadcount(people, january, { method: 'start-end' }).value // => 1.5
 * averageHeadcount(people, january, { method: 'monthly' }).value // => 2
 * averageHeadcount([], january).value // => 0
 * averageHeadcount(people, { start: '2025-02-01', end: '2025-01-01' }) // => throws INVALID_PERIOD
 */
export function averageHeadcount(
  people: readonly RetentionPerson[],
  period: Period,
  options: AverageHeadcountOptions = {},
): AverageHeadcountResult {
  checkOptions(options, AVERAGE_HEADCOUNT_OPTIONS, 'averageHeadcount');
  const range = checkedPeriod(period, 'averageHeadcount');
  const method = checkedMethod(options.method, 'averageHeadcount');
  const stints = companyStints(preparePeople(people, 'averageHeadcount'));
  return averageFromDaily(measureStints(stints, range, false).daily, range, period, method);
}
