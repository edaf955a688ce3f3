import type { CalendarDay } from '../../core/calendarDay.js';
import { periodFromInclusive } from '../../core/period.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { scorecards } from '../../service/scorecards.js';
import { SERVICE_METRICS } from '../../service/serviceMetrics.js';
import { loadCommandDataset } from '../datasetFolder.js';
import { dataError, usageError } from '../errors.js';
import type { CommandOutput } from '../output.js';

/** Options of `internal-customer scorecards`. @internal */
export interface ScorecardsCommandOptions {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  /** The day of the scorecards; default `to`. */
  readonly asOf?: CalendarDay | undefined;
  readonly scope: 'direct' | 'tree';
  readonly minGroup: number;
  /** A mapping file for one export (or, with a folder, the file its `"file"` names). */
  readonly mapping?: string | undefined;
}

/** The stable columns of `scorecards --format csv`: one row per manager and metric. @internal */
export const SCORECARDS_COLUMNS = [
  'managerId',
  'scope',
  'people',
  'metric',
  'status',
  'value',
  'target',
  'assessment',
] as const;

/**
 * The manager scorecards of a dataset folder (collection files, or exports with their mapping
 * files) through `scorecards`, whose gate suppresses every metric of fewer than --min-group
 * people (with complementary suppression across a tree in `--scope tree`). @internal
 */
export async function scorecardsCommand(
  path: string,
  options: ScorecardsCommandOptions,
): Promise<CommandOutput> {
  if (options.to < options.from)
    throw usageError(
      `--to requires a day on or after --from, got --from ${options.from} --to ${options.to}`,
    );
  const range = periodFromInclusive(options.from, options.to);
  const { dataset, issues } = await loadCommandDataset(path, options.mapping);
  if (issues.length > 0)
    throw dataError(
      `${path} has ${issues.length} issue${issues.length === 1 ? '' : 's'}; nothing was computed`,
      issues,
    );
  const asOf = options.asOf ?? options.to;
  const result = scorecards(dataset, {
    period: range,
    asOf,
    scope: options.scope,
    minGroupSize: options.minGroup,
  });
  const cards = result.scorecards.map((card) => ({
    managerId: card.managerId,
    scope: card.scope,
    people: card.people,
    metrics: Object.fromEntries(
      SERVICE_METRICS.map(({ id }) => {
        const cell = card.metrics[id];
        return [
          id,
          cell.status === 'shown'
            ? {
                status: 'shown' as const,
                value: cell.value.value,
                target: cell.value.target,
                assessment: cell.value.assessment,
              }
            : { status: 'suppressed' as const },
        ];
      }),
    ) as Record<string, { status: string; value?: number | null }>,
  }));
  const csvRows = cards.flatMap((card) =>
    Object.entries(card.metrics).map(([metric, cell]) => ({
      managerId: card.managerId,
      scope: card.scope,
      people: card.people,
      metric,
      ...cell,
    })),
  );
  const show = (unit: string, value: number | null | undefined) =>
    value === null || value === undefined
      ? ''
      : unit === 'share'
        ? formatNumber(value, { percent: true })
        : formatNumber(value);
  return {
    json: {
      command: 'scorecards',
      path,
      period: range,
      asOf: result.asOf,
      scope: result.scope,
      minGroupSize: options.minGroup,
      scorecards: cards,
      organisationMedian: result.organisationMedian,
      issues: result.issues,
      warnings: result.warnings,
    },
    csv: { columns: SCORECARDS_COLUMNS, rows: csvRows },
    table: {
      title: `Manager scorecards (${options.scope} reports) ${options.from} to ${options.to} of ${path}`,
      header: ['manager', 'people', ...SERVICE_METRICS.map((metric) => metric.label)],
      rows: cards.map((card) => [
        card.managerId,
        String(card.people),
        ...SERVICE_METRICS.map((metric) => {
          const cell = card.metrics[metric.id]!;
          return cell.status === 'shown' ? show(metric.unit, cell.value) : 'suppressed';
        }),
      ]),
      notes: [
        'Each metric is measured over the people reporting to the manager (directly, or the whole tree with --scope tree) on each day of the period.',
        suppressionFootnote(options.minGroup, 'people'),
        ...(result.issues.length === 0
          ? []
          : [
              `${result.issues.length} one-to-one${result.issues.length === 1 ? '' : 's'} with someone who did not report to that manager that day left out (listed in --format json, "issues").`,
            ]),
        ...result.warnings,
      ],
    },
  };
}
