import { addCalendarDays, type CalendarDay } from '../core/calendarDay.js';
import { periodFromInclusive } from '../core/period.js';
import { formatNumber } from '../report/formatNumber.js';
import { scorecardChart } from '../report/scorecardChart.js';
import type { Dataset } from '../schemas/dataset.js';
import { scorecards } from '../service/scorecards.js';
import type { ReportSectionSpec } from './organisationReport.js';

/** Options of {@link scorecardSections}. @internal */
export interface ScorecardSectionOptions {
  readonly asOf: CalendarDay;
  readonly minGroupSize: number;
}

/**
 * The manager scorecards of the report: every manager's service metrics over the year up to
 * asOf (direct reports), as a grid coloured by assessment against the targets of
 * `SERVICE_METRICS`; suppressed cells are grey. Nothing when nobody manages anyone. @internal
 */
export function scorecardSections(
  dataset: Dataset,
  options: ScorecardSectionOptions,
): ReportSectionSpec[] {
  const { asOf } = options;
  const year = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const result = scorecards(dataset, { period: year, asOf, minGroupSize: options.minGroupSize });
  if (result.scorecards.length === 0) return [];
  const names = new Map(dataset.employees.map((employee) => [employee.id, employee.name]));
  const cards = [...result.scorecards].sort((a, b) => {
    const left = names.get(a.managerId) ?? a.managerId;
    const right = names.get(b.managerId) ?? b.managerId;
    return left < right ? -1 : left > right ? 1 : 0;
  });
  let assessed = 0;
  let meets = 0;
  for (const card of cards) {
    for (const cell of Object.values(card.metrics)) {
      if (cell.status !== 'shown' || cell.value.assessment === null) continue;
      assessed++;
      if (cell.value.assessment === 'meets') meets++;
    }
  }
  return [
    {
      id: 'scorecards',
      title: `Manager scorecards, ${year.start} to ${asOf}`,
      explanation: `How each manager serves their team (direct reports) over the year, against default targets: one-to-ones, confirmed summaries, needs and concerns handled, ideas answered, survey follow-up, team eNPS, retention and occasions; suppressed metrics are grey.`,
      highlights: [
        { label: 'managers', value: String(cards.length) },
        ...(assessed === 0
          ? []
          : [
              {
                label: 'results meeting their target',
                value: formatNumber(meets / assessed, { percent: true, digits: 0 }),
                detail: `${meets} of ${assessed} shown results with a target`,
              },
            ]),
      ],
      spec: scorecardChart(cards, { names, title: 'Manager scorecards' }),
      notes: [...result.warnings, ...result.issues.slice(0, 3).map((issue) => issue.message)],
    },
  ];
}
