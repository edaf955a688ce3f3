import { InternalCustomerError } from '../core/errors.js';
import type { SeparationCounts, TurnoverRates } from './turnover.js';
import type { TurnoverByMonthResult } from './turnoverByMonth.js';

/** The result of {@link annualTurnoverFromMonthly}. */
export interface AnnualTurnoverFromMonthlyResult {
  readonly method: 'sum-of-monthly-rates';
  /** The first and last month summed (`YYYY-MM`). */
  readonly from: string;
  readonly to: string;
  /** Each rate summed over the 12 months (SHRM), not averaged. */
  readonly rates: TurnoverRates;
  /** The separations of the 12 months added up. */
  readonly separations: SeparationCounts;
  readonly warnings: readonly string[];
}

/**
 * The annual turnover rate from 12 monthly rates, as SHRM defines it: the sum of the 12 monthly
 * rates (each separations / that month's average headcount), not their mean, for every kind of
 * rate. The separations are summed too, for re-aggregation. Give a 12-month slice of a longer
 * series for a rolling year (`{ ...series, months: series.months.slice(-12) }`); for a shorter
 * period scale by days with `annualiseTurnover`.
 * See SHRM, "How do we calculate monthly turnover rates?":
 * https://www.shrm.org/mena/topics-tools/tools/hr-answers/how-calculate-monthly-turnover-rates-company.
 *
 * O(12).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` unless the series holds exactly 12 months.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'c', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'd', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-04-30', separationKind: 'voluntary' }] },
 * ];
 * const series = turnoverByMonth(people, { from: '2025-01', to: '2025-12', headcountMethod: 'start-end' });
 * annualTurnoverFromMonthly(series).rates.total // => 0.25
 * annualTurnoverFromMonthly({ ...series, months: series.months.slice(1) }) // => throws INVALID_INPUT
 */
export function annualTurnoverFromMonthly(
  series: TurnoverByMonthResult,
): AnnualTurnoverFromMonthlyResult {
  const months = series?.months;
  if (!Array.isArray(months) || months.length !== 12) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `annualTurnoverFromMonthly requires exactly 12 months, got ${String(months?.length)}`,
    );
  }
  const rates = { total: 0, voluntary: 0, involuntary: 0, other: 0, regretted: 0 };
  const separations = {
    total: 0,
    voluntary: 0,
    involuntary: 0,
    other: 0,
    regretted: 0,
    regrettedUnknown: 0,
    transfersOut: 0,
  };
  const warnings: string[] = [];
  for (const { month, turnover } of months) {
    for (const key of Object.keys(rates) as (keyof typeof rates)[])
      rates[key] += turnover.rates[key];
    for (const key of Object.keys(separations) as (keyof typeof separations)[]) {
      separations[key] += turnover.separations[key];
    }
    if (turnover.averageHeadcount.value === 0) {
      warnings.push(`${month}: the average headcount is 0; its rates count as 0 in the sum`);
    }
  }
  return {
    method: 'sum-of-monthly-rates',
    from: months[0]!.month,
    to: months[11]!.month,
    rates,
    separations,
    warnings,
  };
}
