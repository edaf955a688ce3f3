/**
 * Turnover over the last twelve full months: each month's separations as a share of its average
 * headcount (SHRM), split voluntary / involuntary (BLS JOLTS) and regretted, then the annual rate
 * two ways: the sum of the twelve monthly rates (SHRM) and the year's own rate with its exact
 * Poisson interval, and the last quarter's rate annualised by days.
 *
 *   npx tsx examples/turnover.ts                       # the bundled sample organisation
 *   npx tsx examples/turnover.ts path/to/data --as-of 2025-12-31
 *
 * Your data: a dataset folder (employees.csv, spells.csv) or a dataset JSON; see
 * examples/lib/dataset.ts.
 */
import {
  addCalendarDays,
  annualiseTurnover,
  annualTurnoverFromMonthly,
  formatNumber,
  periodFromInclusive,
  retentionPeople,
  textTable,
  turnover,
  turnoverByMonth,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

/** The twelve full months up to asOf (`YYYY-MM`), the last being asOf's month if it ends there. */
function lastTwelveMonths(asOf: string): { from: string; to: string; first: string; last: string } {
  const endsMonth = addCalendarDays(asOf, 1).endsWith('-01');
  let year = Number(asOf.slice(0, 4));
  let month = Number(asOf.slice(5, 7));
  if (!endsMonth) {
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  const to = `${year}-${String(month).padStart(2, '0')}`;
  const fromYear = month === 12 ? year : year - 1;
  const fromMonth = month === 12 ? 1 : month + 1;
  const from = `${fromYear}-${String(fromMonth).padStart(2, '0')}`;
  const last = addCalendarDays(
    `${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`,
    -1,
  );
  return { from, to, first: `${from}-01`, last };
}

/** Computes and lays out the tables; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const people = retentionPeople(dataset);
  const { from, to, first, last } = lastTwelveMonths(asOf);
  const series = turnoverByMonth(people, { from, to });
  const pct = (value: number) => formatNumber(value, { percent: true, digits: 2 });
  const rows = series.months.map(({ month, turnover: t }) => [
    month,
    formatNumber(t.averageHeadcount.value),
    String(t.separations.total),
    String(t.separations.voluntary),
    String(t.separations.involuntary),
    String(t.separations.regretted),
    pct(t.rates.total),
    pct(t.rates.voluntary),
    pct(t.rates.regretted),
  ]);
  const annual = annualTurnoverFromMonthly(series);
  const year = turnover(people, periodFromInclusive(first, last));
  const interval = year.estimates.total.interval;
  const quarterStart = `${series.months.at(-3)!.month}-01`;
  const quarter = annualiseTurnover(turnover(people, periodFromInclusive(quarterStart, last)));
  const one = (value: number) => formatNumber(value, { percent: true });
  return [
    ...preamble,
    `Monthly turnover, ${from} to ${to} (employees and direct temporaries; contractors and agency staff excluded)`,
    '',
    textTable(rows, {
      header: [
        'month',
        'avg headcount',
        'leavers',
        'voluntary',
        'involuntary',
        'regretted',
        'turnover',
        'voluntary %',
        'regretted %',
      ],
    }),
    '',
    `Annual turnover (sum of the 12 monthly rates, SHRM): ${one(annual.rates.total)}; voluntary ${one(annual.rates.voluntary)}, involuntary ${one(annual.rates.involuntary)}, regretted ${one(annual.rates.regretted)}`,
    `The year ${first} to ${last} as one period: ${one(year.rates.total)} (95% CI ${one(interval.lower)} to ${one(interval.upper)}, exact Poisson), ` +
      `${year.separations.total} separations over an average headcount of ${formatNumber(year.averageHeadcount.value)}; ` +
      `${one(year.regrettedShare)} of separations were regretted`,
    `The last quarter (${quarterStart} to ${last}) annualised (x ${formatNumber(quarter.factor, { digits: 2 })}, days in a year / days): ${one(quarter.rates.total)}; voluntary ${one(quarter.rates.voluntary)}, regretted ${one(quarter.rates.regretted)}`,
    ...[...series.warnings, ...annual.warnings, ...year.warnings, ...quarter.warnings].map(
      (warning) => `Note: ${warning}`,
    ),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
