/**
 * Manager scorecards: how each manager serves the people reporting to them (their "customers")
 * over the year up to asOf: one-to-ones, confirmed summaries, needs and concerns handled, ideas
 * answered, survey follow-up, team eNPS, retention and occasions, each against its default target
 * ("!" below target), with the median manager for comparison. Metrics behind fewer than 5 people
 * (or with no data) are printed as "suppressed". With `--manager ID`, that manager's whole card:
 * every metric with its target and assessment.
 *
 *   npx tsx examples/manager-scorecards.ts                     # the bundled sample organisation
 *   npx tsx examples/manager-scorecards.ts --manager E0003
 *   npx tsx examples/manager-scorecards.ts path/to/data --scope tree
 *
 * Your data: a dataset folder (employees.csv, spells.csv, assignments.csv with managerId,
 * oneOnOnes.csv, ideas.csv, concerns.csv, followUps.csv, occasions.csv, surveys and responses for
 * team eNPS) or a dataset JSON; see examples/lib/dataset.ts.
 */
import {
  addCalendarDays,
  formatNumber,
  managerScorecard,
  periodFromInclusive,
  SERVICE_METRICS,
  scorecards,
  scorecardTable,
  textTable,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

/** The columns of the overview; `--manager` shows every metric. */
const COLUMNS = [
  'oneOnOneCoverage',
  'oneOnOneMedianGap',
  'summariesConfirmed',
  'needsAddressed',
  'teamFollowUp',
  'teamEnps',
  'retentionRate',
  'occasionsAcknowledged',
] as const;

const USAGE =
  '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--manager ID] [--scope direct|tree] [--min-group N]';

/** Computes the scorecards and lays them out; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['manager', 'scope', 'min-group'], USAGE);
  const scope = (args.options.scope ?? 'direct') as 'direct' | 'tree';
  if (scope !== 'direct' && scope !== 'tree') throw new Error(`usage: ${USAGE}`);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const minGroupSize = Number(args.options['min-group'] ?? 5);
  const year = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const options = { period: year, asOf, scope, minGroupSize };
  const names = new Map(dataset.employees.map((employee) => [employee.id, employee.name]));
  const unit = new Map(SERVICE_METRICS.map((metric) => [metric.id, metric.unit]));
  const show = (id: (typeof SERVICE_METRICS)[number]['id'], value: number | null) =>
    value === null
      ? '–'
      : unit.get(id) === 'share'
        ? formatNumber(value, { percent: true, digits: 0 })
        : formatNumber(value, { digits: unit.get(id) === 'rate' ? 2 : 1 });

  if (args.options.manager !== undefined) {
    const id = args.options.manager;
    const { scorecard, organisationMedian } = managerScorecard(id, dataset, options);
    const rows = SERVICE_METRICS.map((metric) => {
      const cell = scorecard.metrics[metric.id];
      const median = show(metric.id, organisationMedian[metric.id]);
      if (cell.status !== 'shown')
        return [metric.practice, metric.id, 'suppressed', '', '', median];
      const { value, target, assessment } = cell.value;
      return [
        metric.practice,
        metric.id,
        show(metric.id, value),
        target === null ? '–' : show(metric.id, target),
        assessment ?? 'no target',
        median,
      ];
    });
    return [
      ...preamble,
      `Scorecard of ${names.get(id) ?? id} (${id}), ${scorecard.people} people reporting (${scope}), ${year.start} to ${asOf}`,
      '',
      textTable(rows, {
        header: ['practice', 'metric', 'value', 'target', 'assessment', 'median manager'],
        align: ['left', 'left', 'right', 'right', 'left', 'right'],
      }),
      '',
      `Upcoming occasions (14 days): ${scorecard.upcomingOccasions.length}`,
    ].join('\n');
  }

  const result = scorecards(dataset, options);
  const cards = [...result.scorecards].sort((a, b) => b.people - a.people);
  const table = scorecardTable(cards, { names, metrics: COLUMNS });
  const median = [
    'median manager',
    '',
    ...COLUMNS.map((id) => show(id, result.organisationMedian[id])),
  ];
  const align = table.header.map((_, index): 'left' | 'right' => (index === 0 ? 'left' : 'right'));
  return [
    ...preamble,
    `Manager scorecards (${scope} reports), ${year.start} to ${asOf}: ${cards.length} manager${cards.length === 1 ? '' : 's'}, largest teams first`,
    '',
    textTable([...table.rows, median], { header: table.header, align }),
    '',
    '"!" below the default target (SERVICE_METRICS); "suppressed": fewer than 5 people behind it, or no data.',
    'Run with --manager ID for every metric of one manager.',
    ...result.warnings.map((warning) => `Note: ${warning}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
