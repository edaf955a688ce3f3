import { InternalCustomerError } from '../core/errors.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { dayString, firstOfMonth } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedMethod, companyStints, turnoverFromStints } from './internal/stints.js';
import { checkedRecordsStart, periodWindowWarnings, windowBounds } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';
import type { TurnoverOptions, TurnoverResult } from './turnover.js';

/** Options of {@link turnoverByMonth}. */
export interface TurnoverByMonthOptions extends TurnoverOptions {
  /** The first month, `YYYY-MM`. */
  readonly from: string;
  /** The last month, `YYYY-MM`, inclusive. */
  readonly to: string;
}

/** The options turnoverByMonth knows (an unknown one is an error). */
const TURNOVER_BY_MONTH_OPTIONS = {
  headcountMethod: true,
  level: true,
  from: true,
  to: true,
  recordsStart: true,
} satisfies OptionKeys<TurnoverByMonthOptions>;

/** One month of {@link turnoverByMonth}. */
export interface MonthlyTurnover {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly turnover: TurnoverResult;
}

/** The result of {@link turnoverByMonth}. */
export interface TurnoverByMonthResult {
  readonly months: readonly MonthlyTurnover[];
  readonly warnings: readonly string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(value: unknown, name: string): { year: number; month: number } {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  if (match === null) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `turnoverByMonth requires ${name} as a YYYY-MM month, got ${JSON.stringify(value)}`,
    );
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

/**
 * Turnover month by month, each calendar month a `turnover` of its own (same definitions and
 * options), as the series behind a monthly chart and SHRM's annual rate (the sum of the 12 monthly
 * rates: `annualTurnoverFromMonthly`). A separation belongs to the month of its termination date
 * (the last day employed), so one on 31 January is January's.
 *
 * O(months x (spells + days)); the people are checked once.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when `from` or `to` is not `YYYY-MM`, or a
 * record's day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_PERIOD` when `to` is before `from`.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown headcount method or a level
 * outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-01-31', separationKind: 'involuntary' }] },
 * ];
 * const series = turnoverByMonth(people, { from: '2025-01', to: '2025-03', headcountMethod: 'start-end' });
 * series.months.map((m) => m.month) // => ['2025-01', '2025-02', '2025-03']
 * series.months.map((m) => m.turnover.separations.involuntary) // => [1, 0, 0]
 * series.months[0]?.turnover.rates.total // => 0.5
 * turnoverByMonth(people, { from: '2025-03', to: '2025-01' }) // => throws INVALID_PERIOD
 */
export function turnoverByMonth(
  people: readonly RetentionPerson[],
  options: TurnoverByMonthOptions,
): TurnoverByMonthResult {
  checkOptions(options, TURNOVER_BY_MONTH_OPTIONS, 'turnoverByMonth');
  const from = parseMonth(options?.from, 'from');
  const to = parseMonth(options.to, 'to');
  const count = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  if (count < 1) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `turnoverByMonth requires to on or after from, got ${options.from} to ${options.to}`,
    );
  }
  const method = checkedMethod(options.headcountMethod, 'turnoverByMonth');
  const level = options.level ?? 0.95;
  checkLevel(level, 'turnoverByMonth');
  const recordsStart = checkedRecordsStart(options.recordsStart, 'turnoverByMonth');
  const prepared = preparePeople(people, 'turnoverByMonth');
  const stints = companyStints(prepared);
  const months: MonthlyTurnover[] = [];
  const warnings = periodWindowWarnings(
    windowBounds(prepared),
    firstOfMonth(from.year, from.month),
    recordsStart,
    'turnoverByMonth',
  );
  for (let i = 0; i < count; i++) {
    const start = firstOfMonth(from.year, from.month + i);
    const end = firstOfMonth(from.year, from.month + i + 1);
    const period = { start: dayString(start), end: dayString(end) };
    const { turnover } = turnoverFromStints(
      stints,
      { start, last: end - 1 },
      period,
      method,
      level,
      false,
    );
    const month = period.start.slice(0, 7);
    for (const warning of turnover.warnings) warnings.push(`${month}: ${warning}`);
    months.push({ month, turnover });
  }
  return { months, warnings };
}
