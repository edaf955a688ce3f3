import type { CalendarDay } from '../core/calendarDay.js';
import type { Estimate } from '../core/estimate.js';
import type { Period } from '../core/period.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import type { AverageHeadcountResult, HeadcountMethod } from './averageHeadcount.js';
import { checkedPeriod } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedMethod, companyStints, turnoverFromStints } from './internal/stints.js';
import { checkedRecordsStart, periodWindowWarnings, windowBounds } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';

/** Counts of separations by kind (BLS JOLTS) and regret. */
export interface SeparationCounts {
  /** All separations: voluntary + involuntary + other. */
  readonly total: number;
  /** Quits. */
  readonly voluntary: number;
  /** Layoffs and discharges. */
  readonly involuntary: number;
  /** Retirement, death, disability, transfers (JOLTS "other"); includes `transfersOut`. */
  readonly other: number;
  /** Separations the organisation regretted (`regretted: true`). */
  readonly regretted: number;
  /** Separations with no `regretted` flag, counted as not regretted. */
  readonly regrettedUnknown: number;
  /** Transfers out of a team counted as its separations (team breakdowns only; else 0). */
  readonly transfersOut: number;
}

/** Turnover rates over a period (not annualised): separations of a kind / average headcount. */
export interface TurnoverRates {
  readonly total: number;
  readonly voluntary: number;
  readonly involuntary: number;
  readonly other: number;
  readonly regretted: number;
}

/** Each rate as an {@link Estimate}, and the regretted share. */
export interface TurnoverEstimates {
  /** Rates: exact Poisson (Garwood) interval of the count / average headcount; `n` is the count. */
  readonly total: Estimate;
  readonly voluntary: Estimate;
  readonly involuntary: Estimate;
  readonly other: Estimate;
  readonly regretted: Estimate;
  /** A proportion of separations: Wilson interval; `n` is all separations. */
  readonly regrettedShare: Estimate;
}

/** The result of `turnover`. */
export interface TurnoverResult {
  readonly period: Period;
  /** The definition used, in words. */
  readonly definition: string;
  readonly separations: SeparationCounts;
  /** Hires (spells starting) in the period. */
  readonly hires: number;
  /** Transfers into the team in the period (team breakdowns only; else 0). */
  readonly transfersIn: number;
  readonly averageHeadcount: AverageHeadcountResult;
  readonly rates: TurnoverRates;
  /** Regretted separations / all separations (0 with no separation). */
  readonly regrettedShare: number;
  readonly estimates: TurnoverEstimates;
  readonly warnings: readonly string[];
}

/** Options of {@link turnover}. */
export interface TurnoverOptions {
  /** How the average headcount is taken (see `averageHeadcount`); default `daily`. */
  readonly headcountMethod?: HeadcountMethod;
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
  /**
   * The first day the records cover: a period starting before it gets a warning (the people who
   * left before it are missing). Without it, a warning says when the period starts before the
   * first termination in the data and hires predate that by more than a year.
   */
  readonly recordsStart?: CalendarDay;
}

/** The options turnover knows (an unknown one is an error). */
const TURNOVER_OPTIONS = {
  headcountMethod: true,
  level: true,
  recordsStart: true,
} satisfies OptionKeys<TurnoverOptions>;

/**
 * Turnover over a period: separations / average headcount (SHRM), with separations split as BLS
 * JOLTS does (voluntary quits, involuntary layoffs and discharges, other), regretted turnover and
 * the regretted share of separations. Rates are for the period as given; see `annualiseTurnover`
 * and `annualTurnoverFromMonthly` for annual rates.
 *
 * Treatments (DESIGN.md: the termination date is the last day employed):
 * - a separation belongs to the period holding its termination date, so one on the period's last
 *   day counts in this period (and the person is in that day's headcount);
 * - a rehire is a hire; the earlier spell's termination is a separation; a person who leaves and
 *   comes back within the period is one separation and one hire, and counts once a day;
 * - a transfer between teams is not a separation of the company (see `turnoverByTeam`);
 * - people on leave stay in the headcount and leave is not a separation;
 * - contractors and agency staff are neither headcount nor separations (SHRM);
 * - a separation without a kind counts as `other` and one without `regretted` as not regretted,
 *   both reported (warnings, `regrettedUnknown`).
 *
 * Uncertainty: a rate over average headcount is not a binomial proportion (it can exceed 1 in a
 * high-churn team), so each rate's interval is the exact Poisson (Garwood) interval of the count
 * divided by the average headcount; the regretted share is a proportion, with a Wilson interval
 * (turnover.md). With an average headcount of 0 every rate is 0 with the interval [0, Infinity)
 * and a warning. Sources: SHRM https://www.shrm.org/resourcesandtools/tools-and-samples/how-to-guides/pages/determineturnoverrate.aspx;
 * BLS JOLTS https://www.bls.gov/jlt/jltdef.htm; ISO 30414:2018.
 *
 * O(people + spells + days).
 *
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the period does not end after it starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when a day (recordsStart too) is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown headcount method or a level
 * outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people (a termination before its
 * hire, overlapping spells ...).
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'c', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'd', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-12-31', separationKind: 'voluntary', regretted: true }] },
 * ];
 * const year = { start: '2025-01-01', end: '2026-01-01' };
 * const result = turnover(people, year, { headcountMethod: 'start-end' });
 * result.averageHeadcount.value // => 4
 * result.rates.total // => 0.25
 * result.rates.voluntary // => 0.25
 * result.regrettedShare // => 1
 * result.estimates.total.interval.upper // => 1.392910848
 * turnover([], year).rates.total // => 0
 */
export function turnover(
  people: readonly RetentionPerson[],
  period: Period,
  options: TurnoverOptions = {},
): TurnoverResult {
  checkOptions(options, TURNOVER_OPTIONS, 'turnover');
  const range = checkedPeriod(period, 'turnover');
  const method = checkedMethod(options.headcountMethod, 'turnover');
  const level = options.level ?? 0.95;
  checkLevel(level, 'turnover');
  const recordsStart = checkedRecordsStart(options.recordsStart, 'turnover');
  const prepared = preparePeople(people, 'turnover');
  const result = turnoverFromStints(companyStints(prepared), range, period, method, level, false);
  const window = periodWindowWarnings(
    windowBounds(prepared),
    range.start,
    recordsStart,
    'turnover',
  );
  const { turnover: measured } = result;
  return window.length === 0
    ? measured
    : { ...measured, warnings: [...window, ...measured.warnings] };
}
