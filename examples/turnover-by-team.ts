/**
 * Turnover per team over the last twelve months, counted two ways: with a move to another team
 * counted as leaving the team it left (what a team lead feels), and not (what the organisation
 * loses), with turnoverByTeam. Teams of fewer than 5 people are suppressed, and how people left
 * (here, how many moved out) where fewer than 5 left or all the same way.
 *
 *   npx tsx examples/turnover-by-team.ts                      # the bundled sample organisation
 *   npx tsx examples/turnover-by-team.ts path/to/data --as-of 2025-12-31
 *
 * Your data: a dataset folder (employees.csv, spells.csv, assignments.csv, teams.csv) or a dataset
 * JSON; see examples/lib/dataset.ts.
 */
import {
  addCalendarDays,
  formatNumber,
  periodFromInclusive,
  retentionPeople,
  textTable,
  turnoverByTeam,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

/** Computes both views; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const year = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const people = retentionPeople(dataset);
  const moved = turnoverByTeam(people, year, { transfers: 'separation' });
  const stayed = turnoverByTeam(people, year, { transfers: 'not-separation' });
  const team = new Map(dataset.teams.map((t) => [t.id, t.name]));
  const pct = (value: number) => formatNumber(value, { percent: true });
  const other = new Map(stayed.teams.map((t) => [t.teamId, t.total]));
  const rows = moved.teams.map((row) => {
    const name = team.get(row.teamId) ?? row.teamId;
    const without = other.get(row.teamId);
    if (row.total.status !== 'shown' || without?.status !== 'shown')
      return [name, 'suppressed', '', '', ''];
    const a = row.total.value;
    // How people left (a move out is one way) is shown only where enough left, not all alike.
    const movedOut =
      row.turnover.status === 'shown' ? String(row.turnover.value.separations.transfersOut) : '-';
    return [
      name,
      formatNumber(a.averageHeadcount.value, { digits: 1 }),
      movedOut,
      pct(a.rate),
      pct(without.value.rate),
    ];
  });
  return [
    ...preamble,
    `Turnover by team, ${year.start} to ${asOf}`,
    '',
    textTable(rows, {
      header: ['team', 'avg headcount', 'moved out', 'moves count', "moves don't"],
      align: ['left', 'right', 'right', 'right', 'right'],
    }),
    '',
    '"moves count": a move to another team counts as leaving this team; "moves don\'t": only',
    'leaving the organisation counts.',
    ...moved.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
