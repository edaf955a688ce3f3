import type { Estimate } from '../core/estimate.js';
import { addMonthsToDay, checkedPeriod } from './internal/days.js';
import { scaleEstimate } from './internal/estimates.js';
import type { TurnoverRates, TurnoverResult } from './turnover.js';

/** The result of {@link annualiseTurnover}. */
export interface AnnualisedTurnover {
  readonly method: 'scaled-by-days';
  /** Days in the period measured. */
  readonly periodDays: number;
  /** Days in the year that starts on the period's first day (365, or 366 across a 29 February). */
  readonly yearDays: number;
  /** yearDays / periodDays. */
  readonly factor: number;
  /** Each rate x factor. */
  readonly rates: TurnoverRates;
  /** Each rate's estimate with its value, standard error and limits x factor (`n` unchanged). */
  readonly estimates: {
    readonly total: Estimate;
    readonly voluntary: Estimate;
    readonly involuntary: Estimate;
    readonly other: Estimate;
    readonly regretted: Estimate;
  };
  readonly warnings: readonly string[];
}

/**
 * Annualises the turnover of a partial period by days: every rate (and its interval) times
 * yearDays / periodDays, where yearDays is the length of the year starting on the period's first
 * day (365, or 366 when it holds a 29 February), so a whole year is left as it is and a quarter of
 * 90 days becomes x 365/90. This assumes the period's pace lasts the year: seasonal turnover
 * (summer quits, year-end layoffs) makes short periods mislead, so prefer the sum of 12 monthly
 * rates (`annualTurnoverFromMonthly`, SHRM) once a year of months exists. The regretted share is a
 * proportion and is not annualised.
 *
 * O(1).
 *
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the result's period does not end after it
 * starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when its bounds are not `YYYY-MM-DD`.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-02-14', separationKind: 'voluntary' }] },
 * ];
 * const quarter = turnover(people, { start: '2025-01-01', end: '2025-04-01' }, { headcountMethod: 'start-end' });
 * quarter.rates.total // => 0.6666666666666666
 * const annual = annualiseTurnover(quarter);
 * annual.factor // => 4.055555555555555
 * annual.rates.total // => 2.7037037037037037
 */
export function annualiseTurnover(result: TurnoverResult): AnnualisedTurnover {
  const range = checkedPeriod(result?.period, 'annualiseTurnover');
  const periodDays = range.last - range.start + 1;
  const yearDays = addMonthsToDay(range.start, 12) - range.start;
  const factor = yearDays / periodDays;
  const warnings: string[] = [];
  if (periodDays < 28) {
    warnings.push(
      `annualiseTurnover: ${periodDays} days multiplied by ${factor.toFixed(1)}; so short a period says little about a year`,
    );
  }
  if (periodDays > yearDays) {
    warnings.push('annualiseTurnover: the period is longer than a year, so the rates scale down');
  }
  const scale = (value: number) => value * factor;
  return {
    method: 'scaled-by-days',
    periodDays,
    yearDays,
    factor,
    rates: {
      total: scale(result.rates.total),
      voluntary: scale(result.rates.voluntary),
      involuntary: scale(result.rates.involuntary),
      other: scale(result.rates.other),
      regretted: scale(result.rates.regretted),
    },
    estimates: {
      total: scaleEstimate(result.estimates.total, factor),
      voluntary: scaleEstimate(result.estimates.voluntary, factor),
      involuntary: scaleEstimate(result.estimates.involuntary, factor),
      other: scaleEstimate(result.estimates.other, factor),
      regretted: scaleEstimate(result.estimates.regretted, factor),
    },
    warnings,
  };
}
