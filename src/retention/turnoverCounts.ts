import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { checkedDay, checkedPeriod, dayString } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import {
  checkedMethod,
  companyStints,
  measureStints,
  turnoverFromMeasure,
} from './internal/stints.js';
import { checkedRecordsStart, periodWindowWarnings, windowBounds } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';
import type { SeparationCounts, TurnoverOptions, TurnoverResult } from './turnover.js';

/**
 * What turnover over a period adds up from, for a set of people: the numerators (separations by
 * kind, hires) and the denominator's raw material (the headcount of every day, whose sum is the
 * person-days). The mergeable partial result of `turnover`.
 */
export interface TurnoverCounts {
  readonly period: Period;
  /** Headcount on each day of the period, first day first. */
  readonly dailyHeadcount: readonly number[];
  readonly separations: SeparationCounts;
  /** Separations with no separation kind (counted as other). */
  readonly kindMissing: number;
  readonly hires: number;
  /** People with at least one day employed in the period. */
  readonly people: number;
  /**
   * The first hire and the first termination among all counted spells (not only the period's),
   * `null` when there is none: they let {@link turnoverFromCounts} give `turnover`'s warning when
   * the records probably start after the period does. Merged by taking the earlier.
   */
  readonly firstHire: CalendarDay | null;
  readonly firstTermination: CalendarDay | null;
}

/**
 * Counts what turnover over a period is computed from, for one chunk of people: the streaming
 * form of `turnover`. Split people into chunks (each person, with all their spells, in one
 * chunk), count each chunk (in a worker, or as each file part arrives), merge with
 * {@link mergeTurnoverCounts} and finish with {@link turnoverFromCounts}: the result equals
 * `turnover` of everyone at once, for every headcount method, since daily headcounts,
 * separations and hires all add across disjoint sets of people. (Unique ids are checked within a
 * chunk only.)
 *
 * O(people + spells + days).
 *
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the period does not end after it starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when a day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const year = { start: '2025-01-01', end: '2026-01-01' };
 * const counts = turnoverCounts([{ id: 'a', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-06-30', separationKind: 'voluntary' }] }], year);
 * counts.separations.voluntary // => 1
 * counts.dailyHeadcount.length // => 365
 */
export function turnoverCounts(people: readonly RetentionPerson[], period: Period): TurnoverCounts {
  const range = checkedPeriod(period, 'turnoverCounts');
  const prepared = preparePeople(people, 'turnoverCounts');
  const measure = measureStints(companyStints(prepared), range, false);
  const bounds = windowBounds(prepared);
  return {
    period: { start: period.start, end: period.end },
    dailyHeadcount: Array.from(measure.daily),
    separations: measure.separations,
    kindMissing: measure.kindMissing,
    hires: measure.hires,
    people: measure.people,
    firstHire: dayOrNull(bounds.firstHire),
    firstTermination: dayOrNull(bounds.firstTermination),
  };
}

const dayOrNull = (day: number): CalendarDay | null =>
  day === Number.POSITIVE_INFINITY ? null : dayString(day);

/** The earlier of two days, either missing (`null`). */
const earlier = (a: CalendarDay | null, b: CalendarDay | null): CalendarDay | null =>
  a === null ? b : b === null || a <= b ? a : b;

const SEPARATION_KEYS = [
  'total',
  'voluntary',
  'involuntary',
  'other',
  'regretted',
  'regrettedUnknown',
  'transfersOut',
] as const;

/**
 * Merges turnover counts of disjoint sets of people over one period exactly: daily headcounts,
 * separations, hires and people add. A monoid (associative, order-free), whose identity is the
 * counts of nobody (`turnoverCounts([], period)`).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for counts over different periods, or none.
 *
 * @example
 * const year = { start: '2025-01-01', end: '2026-01-01' };
 * const a = turnoverCounts([{ id: 'a', spells: [{ hireDate: '2020-01-01' }] }], year);
 * const b = turnoverCounts([{ id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-12-31', separationKind: 'involuntary' }] }], year);
 * mergeTurnoverCounts(a, b).dailyHeadcount[0] // => 2
 * mergeTurnoverCounts(a, b).separations.involuntary // => 1
 */
export function mergeTurnoverCounts(...counts: readonly TurnoverCounts[]): TurnoverCounts {
  const first = counts[0];
  if (first === undefined) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      'mergeTurnoverCounts requires at least one counts object (its period)',
    );
  }
  const daily = new Array<number>(first.dailyHeadcount.length).fill(0);
  const separations = Object.fromEntries(SEPARATION_KEYS.map((key) => [key, 0])) as Record<
    (typeof SEPARATION_KEYS)[number],
    number
  >;
  let kindMissing = 0;
  let hires = 0;
  let people = 0;
  let firstHire: CalendarDay | null = null;
  let firstTermination: CalendarDay | null = null;
  for (const part of counts) {
    if (
      part.period.start !== first.period.start ||
      part.period.end !== first.period.end ||
      part.dailyHeadcount.length !== daily.length
    ) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `mergeTurnoverCounts requires counts over one period, got ${first.period.start}..${first.period.end} and ${part.period.start}..${part.period.end}`,
      );
    }
    for (let day = 0; day < daily.length; day++) daily[day]! += part.dailyHeadcount[day]!;
    for (const key of SEPARATION_KEYS) separations[key] += part.separations[key];
    kindMissing += part.kindMissing;
    hires += part.hires;
    people += part.people;
    firstHire = earlier(firstHire, part.firstHire);
    firstTermination = earlier(firstTermination, part.firstTermination);
  }
  return {
    period: first.period,
    dailyHeadcount: daily,
    separations,
    kindMissing,
    hires,
    people,
    firstHire,
    firstTermination,
  };
}

/** Options of {@link turnoverFromCounts}: those of `turnover`. */
export type TurnoverCountsOptions = TurnoverOptions;

/** The options turnoverFromCounts knows (an unknown one is an error). */
const TURNOVER_COUNTS_OPTIONS = {
  headcountMethod: true,
  level: true,
  recordsStart: true,
} satisfies OptionKeys<TurnoverCountsOptions>;

/**
 * Turnover from counts: the same result as `turnover(people, period, options)` on all the people
 * behind the counts (rates, intervals, the average headcount by any method, warnings).
 *
 * O(days).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown headcount method or a level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_PERIOD` for counts over an invalid period.
 *
 * @example
 * const year = { start: '2025-01-01', end: '2026-01-01' };
 * const counts = turnoverCounts([
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-12-31', separationKind: 'voluntary' }] },
 * ], year);
 * turnoverFromCounts(counts, { headcountMethod: 'start-end' }).rates.total // => 0.5
 */
export function turnoverFromCounts(
  counts: TurnoverCounts,
  options: TurnoverCountsOptions = {},
): TurnoverResult {
  checkOptions(options, TURNOVER_COUNTS_OPTIONS, 'turnoverFromCounts');
  const range = checkedPeriod(counts.period, 'turnoverFromCounts');
  const method = checkedMethod(options.headcountMethod, 'turnoverFromCounts');
  const level = options.level ?? 0.95;
  checkLevel(level, 'turnoverFromCounts');
  if (counts.dailyHeadcount.length !== range.last - range.start + 1) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `turnoverFromCounts requires one headcount per day of the period, got ${counts.dailyHeadcount.length}`,
    );
  }
  const measure = {
    daily: Int32Array.from(counts.dailyHeadcount),
    separations: counts.separations,
    kindMissing: counts.kindMissing,
    hires: counts.hires,
    transfersIn: 0,
    people: counts.people,
  };
  const measured = turnoverFromMeasure(measure, range, counts.period, method, level).turnover;
  const bounds = {
    firstHire: boundDay(counts.firstHire),
    firstTermination: boundDay(counts.firstTermination),
  };
  const recordsStart = checkedRecordsStart(options.recordsStart, 'turnoverFromCounts');
  const window = periodWindowWarnings(bounds, range.start, recordsStart, 'turnover');
  return window.length === 0
    ? measured
    : { ...measured, warnings: [...window, ...measured.warnings] };
}

const boundDay = (day: CalendarDay | null): number =>
  day === null ? Number.POSITIVE_INFINITY : checkedDay(day, 'turnoverFromCounts', 'first day');
