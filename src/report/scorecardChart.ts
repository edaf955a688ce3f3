import { InternalCustomerError } from '../core/errors.js';
import type { Scorecard } from '../service/scorecards.js';
import type { ServiceMetricId } from '../service/serviceMetrics.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, display } from './internal/chart.js';
import { DEFAULT_METRICS, formatMetricValue, LABELS } from './internal/scorecard.js';

/** Options of {@link scorecardChart}. `width` and `height` are the size of one cell. */
export interface ScorecardChartOptions extends ChartOptions {
  /**
   * The metrics shown, as columns in this order. Default: ten that cover every practice
   * (one-to-one coverage and gap, confirmed summaries, needs addressed, open concerns, ideas
   * decided, team follow-up, team eNPS, retention, occasions acknowledged).
   */
  readonly metrics?: readonly ServiceMetricId[];
  /** The name shown for a manager id (default the id). */
  readonly names?: ReadonlyMap<string, string>;
}

/**
 * A Vega-Lite grid of manager scorecards (`scorecards` or `managerScorecard` of the service
 * module): one row per manager (with the number of people reporting), one column per metric, each
 * cell labelled with the value in its unit (shares as whole percentages, days and scores to one
 * decimal, half away from zero: {@link roundForDisplay}) and coloured by its assessment: green when
 * it meets the target, orange when below, white when the metric has no target, grey with a dash
 * when suppressed (too few people behind it, or no data: the two look the same). The tooltip
 * gives the target. Rows keep the given order. O(managers x metrics).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown metric, or a width or height that
 * is not a positive number.
 *
 * @example
 * const card = {
 *   managerId: 'm1', scope: 'direct', people: 7, upcomingOccasions: [],
 *   metrics: { oneOnOneCoverage: { status: 'shown', value: { value: 0.857, target: 0.9, assessment: 'below' }, n: 7 }, teamEnps: { status: 'suppressed' } },
 * };
 * const spec = scorecardChart([card], { metrics: ['oneOnOneCoverage', 'teamEnps'], names: new Map([['m1', 'Ada']]) });
 * spec.data.values.map((cell) => [cell.manager, cell.metric, cell.label, cell.assessment]) // => [['Ada (7)', '1:1 coverage', '86%', 'below'], ['Ada (7)', 'team eNPS', '–', 'suppressed']]
 * scorecardChart([card], { metrics: ['speed'] }) // => throws INVALID_OPTION
 */
export function scorecardChart(
  cards: readonly Scorecard[],
  options: ScorecardChartOptions = {},
): VegaLiteSpec {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  for (const id of metrics) {
    if (!Object.hasOwn(LABELS, id)) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `scorecardChart requires metrics of SERVICE_METRICS, got ${JSON.stringify(id)}`,
      );
    }
  }
  const rowOf = (card: Scorecard) =>
    `${options.names?.get(card.managerId) ?? card.managerId} (${card.people})`;
  const values = cards.flatMap((card) =>
    metrics.map((id) => {
      const cell = card.metrics[id];
      const manager = rowOf(card);
      if (cell === undefined || cell.status !== 'shown') {
        return {
          manager,
          managerId: card.managerId,
          metric: LABELS[id],
          metricId: id,
          label: '–',
          value: null,
          target: null,
          assessment: 'suppressed',
          n: null,
        };
      }
      const { value, target, assessment } = cell.value;
      return {
        manager,
        managerId: card.managerId,
        metric: LABELS[id],
        metricId: id,
        label: formatMetricValue(id, value),
        value: display(value, 4),
        target: target === null ? 'none' : formatMetricValue(id, target),
        assessment: assessment ?? 'no target',
        n: cell.n,
      };
    }),
  );
  const x = {
    field: 'metric',
    type: 'nominal',
    sort: metrics.map((id) => LABELS[id]),
    title: null,
    axis: { orient: 'top', labelAngle: -35, labelLimit: 170 },
  };
  const y = {
    field: 'manager',
    type: 'nominal',
    sort: [...new Set(cards.map(rowOf))],
    title: null,
    axis: { labelLimit: 220 },
  };
  return {
    ...baseSpec('scorecardChart', options, {
      title: 'Manager scorecards',
      subtitle:
        'Green: meets the target; orange: below; white: no target; grey: suppressed or no data',
      width: { step: 78 },
      height: { step: 20 },
    }),
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'assessment',
            type: 'nominal',
            title: null,
            scale: {
              domain: ['meets', 'below', 'no target', 'suppressed'],
              range: ['#b8e0b0', '#fdc58c', '#f7f7f7', COLOURS.suppressed],
            },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'manager', title: 'manager' },
            { field: 'metric', title: 'metric' },
            { field: 'label', title: 'value' },
            { field: 'target', title: 'target' },
            { field: 'assessment', title: 'assessment' },
            { field: 'n', title: 'people behind it' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10, color: '#222' },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
