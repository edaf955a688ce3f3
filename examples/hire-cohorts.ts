/**
 * The hire-cohort retention triangle: people grouped by the quarter (or month, or year) they were
 * hired, and for each cohort the share still employed 3, 6, 12 and 24 months after their hire
 * (hireCohorts). Read down a column to see whether newer cohorts stay better than older ones;
 * blank cells have not been reached yet. The last three years of cohorts unless `--since` says. Cohorts of fewer than 5 hires are suppressed.
 *
 *   npx tsx examples/hire-cohorts.ts                          # the bundled sample organisation
 *   npx tsx examples/hire-cohorts.ts path/to/data --cohort year
 *
 * Your data: a dataset folder (employees.csv, spells.csv) or a dataset JSON; see
 * examples/lib/dataset.ts.
 */
import {
  addCalendarDays,
  type CohortUnit,
  formatNumber,
  hireCohorts,
  retentionPeople,
  suppressSmallGroup,
  textTable,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE =
  '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--cohort month|quarter|year] [--since YYYY-MM-DD]';
const HORIZONS = [3, 6, 12, 24];

/** Computes the triangle; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['cohort', 'since'], USAGE);
  const cohort = (args.options.cohort ?? 'quarter') as CohortUnit;
  if (!['month', 'quarter', 'year'].includes(cohort)) throw new Error(`usage: ${USAGE}`);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const triangle = hireCohorts(retentionPeople(dataset), { asOf, cohort, horizons: HORIZONS });
  // The last three years of cohorts by default: older ones have long reached every horizon.
  const since = args.options.since ?? addCalendarDays(asOf, -3 * 365);
  const rows = triangle.rows
    .filter((row) => row.first >= since)
    .map((row) => {
      const shown = suppressSmallGroup(row, row.hires);
      if (shown.status !== 'shown') return [row.cohort, 'fewer than 5', ...HORIZONS.map(() => '')];
      return [
        row.cohort,
        String(row.hires),
        ...row.cells.map((cell) =>
          formatNumber(cell.rate, { percent: true, digits: 0, missing: '' }),
        ),
      ];
    });
  return [
    ...preamble,
    `Share of each hire ${cohort} since ${since} still employed after 3, 6, 12 and 24 months`,
    '',
    textTable(rows, {
      header: [cohort, 'hires', ...HORIZONS.map((h) => `${h} months`)],
      align: ['left', 'right', ...HORIZONS.map(() => 'right' as const)],
    }),
    ...triangle.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
