/**
 * Retention signals for one manager's team: for each direct report employed on the day, the
 * factors a manager can act on (an overdue one-to-one, an old open concern, an unanswered idea, no
 * promotion or raise for long, a new manager, a tenure at which people here often leave, and, from
 * identified surveys only, a detractor answer or a drop in eNPS), combined into a risk tier by
 * signalRisk. Signals from confidential or anonymous surveys are never used for a person.
 *
 *   npx tsx examples/retention-signals.ts                     # the largest team of the sample
 *   npx tsx examples/retention-signals.ts path/to/data --manager E0003
 *
 * A tier is a prompt for a conversation, never a decision about a person.
 *
 * Your data: a dataset folder (employees.csv, spells.csv, assignments.csv with managerId,
 * oneOnOnes.csv, concerns.csv, ideas.csv, careerEvents.csv, surveys, questions and responses) or a
 * dataset JSON; see examples/lib/dataset.ts.
 */
import {
  formatNumber,
  retentionPeople,
  retentionSignals,
  signalRisk,
  tenureHazard,
  textTable,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--manager EMPLOYEE-ID]';

/** Lists the signals of a team; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['manager'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const employed = new Set(
    dataset.spells
      .filter(
        (s) => s.hireDate <= asOf && (s.terminationDate === undefined || s.terminationDate >= asOf),
      )
      .map((s) => s.employeeId),
  );
  const reportsOf = new Map<string, string[]>();
  for (const a of dataset.assignments) {
    const current = a.validFrom <= asOf && (a.validTo === undefined || a.validTo >= asOf);
    if (!current || a.managerId === undefined || !employed.has(a.employeeId)) continue;
    reportsOf.set(a.managerId, [...(reportsOf.get(a.managerId) ?? []), a.employeeId]);
  }
  const managerId =
    args.options.manager ??
    [...reportsOf].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]?.[0];
  const reports = reportsOf.get(managerId ?? '') ?? [];
  const name = new Map(dataset.employees.map((e) => [e.id, e.name]));
  if (managerId === undefined || reports.length === 0)
    return [...preamble, `No direct reports for ${managerId ?? 'anyone'} on ${asOf}.`].join('\n');

  // The organisation's tenure life table, computed once for the whole team.
  const { bands } = tenureHazard(retentionPeople(dataset), { asOf });
  const rows = reports
    .map((id) => ({ id, risk: signalRisk(retentionSignals(id, dataset, { asOf, bands })) }))
    .sort((a, b) => b.risk.probability - a.risk.probability || a.id.localeCompare(b.id))
    .map(({ id, risk }) => [
      name.get(id) ?? id,
      risk.tier,
      formatNumber(risk.probability, { percent: true, digits: 0 }),
      risk.contributions.map((c) => c.reason).join('; ') || 'no signal present',
    ]);
  return [
    ...preamble,
    `Retention signals of the ${reports.length} direct reports of ${name.get(managerId) ?? managerId} (${managerId})`,
    '',
    textTable(rows, {
      header: ['person', 'tier', 'risk', 'signals present'],
      align: ['left', 'left', 'right', 'left'],
    }),
    '',
    'A tier is a prompt for a conversation about what would make the person stay, never a',
    'decision about pay, promotion or dismissal.',
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
