/**
 * Do people stay longer in some departments than in others? The log-rank test of tenure (hire to
 * leaving, or to today for people still employed) across departments, with the observed and
 * expected number of leavers in each (logRank; R's survdiff gives the same numbers). A department
 * with far more leavers than expected loses people sooner than the rest. Departments of fewer than
 * 5 people are left out of the test and not shown.
 *
 *   npx tsx examples/log-rank.ts                              # the bundled sample organisation
 *   npx tsx examples/log-rank.ts path/to/data --by location
 *
 * Your data: a dataset folder (employees.csv with the attribute, spells.csv) or a dataset JSON;
 * see examples/lib/dataset.ts.
 */
import { calendarDaysBetween, formatNumber, logRank, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--by ATTRIBUTE]';
const MIN_GROUP_SIZE = 5;

/** Runs the test; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['by'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const attribute = args.options.by ?? 'department';
  const groupOf = new Map(dataset.employees.map((e) => [e.id, e.attributes[attribute]]));
  // One observation per employment spell: years from hire to leaving (an event) or to asOf.
  const spells = dataset.spells.flatMap((spell) => {
    const group = groupOf.get(spell.employeeId);
    if (group === undefined || spell.hireDate > asOf) return [];
    const left = spell.terminationDate !== undefined && spell.terminationDate <= asOf;
    const end = left ? spell.terminationDate! : asOf;
    return [
      { group: String(group), years: calendarDaysBetween(spell.hireDate, end) / 365.25, left },
    ];
  });
  const size = new Map<string, number>();
  for (const s of spells) size.set(s.group, (size.get(s.group) ?? 0) + 1);
  const kept = spells.filter((s) => size.get(s.group)! >= MIN_GROUP_SIZE);
  const test = logRank(
    kept.map((s) => s.years),
    kept.map((s) => (s.left ? 1 : 0)),
    kept.map((s) => s.group),
  );
  const rows = test.groups.map((g) => [
    g.group,
    String(g.n),
    String(g.observed),
    formatNumber(g.expected, { digits: 1 }),
    formatNumber(g.observed / g.expected, { digits: 2 }),
  ]);
  const left = [...size].filter(([, n]) => n < MIN_GROUP_SIZE).length;
  return [
    ...preamble,
    `Tenure by ${attribute}: log-rank test, ${kept.length} employment spells`,
    '',
    textTable(rows, {
      header: [attribute, 'people', 'left', 'expected', 'left / expected'],
      align: ['left', 'right', 'right', 'right', 'right'],
    }),
    '',
    `Chi-square ${formatNumber(test.chiSquare, { digits: 1 })} on ${test.degreesOfFreedom} degrees of freedom, p ${test.pValue < 0.001 ? '< 0.001' : formatNumber(test.pValue, { digits: 3 })}`,
    test.pValue < 0.05
      ? `Tenure differs between ${attribute}s more than chance would explain.`
      : `No evidence that tenure differs between ${attribute}s.`,
    ...(left > 0
      ? [`${left} ${attribute}(s) of fewer than ${MIN_GROUP_SIZE} people left out.`]
      : []),
    ...test.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
