/**
 * How long people stay: the Kaplan-Meier curve of tenure (the share still employed t years after
 * their hire, leavers as events and current staff censored, as R `survfit`) for everyone, and the
 * median tenure per department with its 95% interval. Departments too small to show, or whose
 * figures could be worked out from the others, are printed as "suppressed".
 *
 *   npx tsx examples/tenure-survival.ts                    # the bundled sample organisation
 *   npx tsx examples/tenure-survival.ts path/to/data --by location
 *
 * Your data: a dataset folder (employees.csv with an `attributes.department` column, spells.csv)
 * or a dataset JSON; see examples/lib/dataset.ts.
 */
import {
  formatNumber,
  kmMedian,
  retentionPeople,
  survivalAt,
  survivalByGroup,
  textTable,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--by ATTRIBUTE] [--min-group N]';

/** Computes and lays out the tables; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['by', 'min-group'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const attribute = args.options.by ?? 'department';
  const minGroupSize = Number(args.options['min-group'] ?? 5);
  const people = retentionPeople(dataset);
  const value = new Map(dataset.employees.map((e) => [e.id, e.attributes[attribute]]));
  // Through the privacy module: people and leavers per group in one table with the total, so a
  // hidden group cannot be derived from the others (survivalByGroup, internal-customer/organisation).
  const segments = survivalByGroup(people, {
    asOf,
    unit: 'years',
    minGroupSize,
    level: 0.95,
    groupOf: (person) => {
      const key = value.get(person.id);
      return key === undefined ? null : String(key);
    },
  });
  const everyone = segments.find((segment) => segment.segment === 'all')!;
  const years = (v: number | null) => formatNumber(v, { missing: 'not reached' });
  const lines = [...preamble];
  if (everyone.curve.status !== 'shown') {
    return [...lines, `Fewer than ${minGroupSize} people: nothing is shown.`].join('\n');
  }
  const km = everyone.curve.value;
  const curveRows = [0.5, 1, 2, 3, 5, 10, 15, 20].map((t) => {
    const point = survivalAt(km, t);
    return [
      formatNumber(t),
      formatNumber(point.survival, { percent: true }),
      `${formatNumber(point.lower, { percent: true })} to ${formatNumber(point.upper, { percent: true })}`,
      String(point.atRisk),
    ];
  });
  const median = kmMedian(km);
  lines.push(
    `Tenure survival (Kaplan-Meier) of ${everyone.curve.n} people, ${km.totalEvents} departures`,
    '',
    textTable(curveRows, {
      header: ['years', 'still employed', '95% interval (log)', 'at risk'],
      align: ['right', 'right', 'right', 'right'],
    }),
    '',
    `Median tenure (years): ${years(median.quantile)} (95% CI ${years(median.lower)} to ${years(median.upper)})`,
    '',
    `Median tenure by ${attribute} (minimum group size ${minGroupSize})`,
    '',
  );
  const groupRows = segments
    .filter((segment) => segment.segment !== 'all')
    .map((segment) => {
      const name = segment.segment === 'missing' ? `(no ${attribute})` : segment.group!;
      if (segment.curve.status !== 'shown') return [name, '', '', 'suppressed', '', ''];
      const m = kmMedian(segment.curve.value);
      return [
        name,
        String(segment.curve.n),
        String(segment.leavers),
        years(m.quantile),
        `${years(m.lower)} to ${years(m.upper)}`,
        formatNumber(survivalAt(segment.curve.value, 1).survival, { percent: true }),
      ];
    });
  lines.push(
    textTable(groupRows, {
      header: [attribute, 'people', 'left', 'median (years)', '95% interval', 'after 1 year'],
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    }),
    '',
    'Each employment spell is one tenure (a rehire restarts the clock); "not reached": more than half are still employed at the longest tenure observed.',
  );
  return lines.join('\n');
}

runWhenExecuted(import.meta.url, main);
