import type { CalendarDay } from '../core/calendarDay.js';
import type { Estimate } from '../core/estimate.js';
import type { Period } from '../core/period.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { checkedPeriod } from './internal/days.js';
import { proportionEstimate } from './internal/estimates.js';
import { preparePeople } from './internal/people.js';
import { checkedRecordsStart, periodWindowWarnings, windowBounds } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';

/** Options of {@link retentionRate}. */
export interface RetentionRateOptions {
  /** Confidence level of the Wilson interval; default 0.95. */
  readonly level?: number;
  /** The first day the records cover: a period starting before it gets a warning (see `turnover`). */
  readonly recordsStart?: CalendarDay;
}

/** The options retentionRate knows (an unknown one is an error). */
const RETENTION_RATE_OPTIONS = {
  level: true,
  recordsStart: true,
} satisfies OptionKeys<RetentionRateOptions>;

/** The result of {@link retentionRate}. */
export interface RetentionRateResult {
  readonly period: Period;
  /** retained / startHeadcount, 0 when no one was employed at the start. */
  readonly value: number;
  /** Headcount on the period's first day. */
  readonly startHeadcount: number;
  /** Of those, people who did not separate during the period. */
  readonly retained: number;
  /** The proportion with its Wilson interval; `n` is `startHeadcount`. */
  readonly estimate: Estimate;
  readonly warnings: readonly string[];
}

/**
 * The retention rate over a period: of the people employed on its first day, the share still
 * employed when it ends, that is who did not separate during it (turnover.md). New hires are
 * excluded, so it is not 1 - turnover.
 *
 * "Still employed at the end" means still employed after the period's last day: a person whose
 * termination date is the last day left in the period and is not retained (the separation counts
 * in `turnover` for this period). A person who left and was rehired within the period is not
 * retained either (they separated). Transfers between teams and leaves do not matter. Employees and
 * direct temporaries only, as headcount. A proportion, with the Wilson interval.
 *
 * O(people + spells).
 *
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the period does not end after it starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when a day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-12-31', separationKind: 'voluntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2025-03-01' }] },
 * ];
 * const result = retentionRate(people, { start: '2025-01-01', end: '2026-01-01' });
 * [result.startHeadcount, result.retained, result.value] // => [2, 1, 0.5]
 * retentionRate([], { start: '2025-01-01', end: '2026-01-01' }).value // => 0
 */
export function retentionRate(
  people: readonly RetentionPerson[],
  period: Period,
  options: RetentionRateOptions = {},
): RetentionRateResult {
  checkOptions(options, RETENTION_RATE_OPTIONS, 'retentionRate');
  const range = checkedPeriod(period, 'retentionRate');
  const level = options.level ?? 0.95;
  checkLevel(level, 'retentionRate');
  const recordsStart = checkedRecordsStart(options.recordsStart, 'retentionRate');
  const prepared = preparePeople(people, 'retentionRate');
  let startHeadcount = 0;
  let retained = 0;
  for (const person of prepared) {
    if (!person.counted) continue;
    const spell = person.spells.find((s) => s.hire <= range.start && range.start <= s.term);
    if (spell === undefined) continue;
    startHeadcount += 1;
    if (spell.term > range.last) retained += 1;
  }
  const warnings = periodWindowWarnings(
    windowBounds(prepared),
    range.start,
    recordsStart,
    'retentionRate',
  );
  if (startHeadcount === 0) {
    warnings.push(
      'retentionRate: no one was employed on the first day, so the rate is reported as 0',
    );
  }
  return {
    period: { start: period.start, end: period.end },
    value: startHeadcount === 0 ? 0 : retained / startHeadcount,
    startHeadcount,
    retained,
    estimate: proportionEstimate(retained, startHeadcount, level),
    warnings,
  };
}
