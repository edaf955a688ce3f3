import { InternalCustomerError } from '../core/errors.js';
import type { Scorecard } from '../service/scorecards.js';
import type { ServiceMetricId } from '../service/serviceMetrics.js';
import { DEFAULT_METRICS, formatMetricValue, LABELS } from './internal/scorecard.js';
import type { ReportCellTone, ReportTable } from './reportPage.js';

/** Options of {@link scorecardTable}. */
export interface ScorecardTableOptions {
  /** The metrics shown, as columns in this order. Default: the same ten as {@link scorecardChart}. */
  readonly metrics?: readonly ServiceMetricId[];
  /** The name shown for a manager id (default the id). */
  readonly names?: ReadonlyMap<string, string>;
  /** The mark after a value below its target. Default `!`. */
  readonly belowMark?: string;
  /** The text of a suppressed metric. Default `suppressed`; a grid coloured by `tones` may use `–`. */
  readonly suppressedText?: string;
}

/**
 * Manager scorecards as a table of text for a terminal ({@link textTable}) or a report page: one
 * row per manager (name, people reporting), one column per metric with the value in its unit
 * (shares as whole percentages, days and scores to one decimal, half away from zero:
 * {@link roundForDisplay}), followed by `!` when below its target, `suppressed` for a suppressed
 * metric (too few people, or no data). Its `tones` colour the grid on a report page
 * ({@link reportPage}): `good` when a value meets its target, `poor` when below, `muted` when
 * suppressed. O(managers x metrics).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown metric.
 *
 * @example
 * const card = {
 *   managerId: 'm1', scope: 'direct', people: 7, upcomingOccasions: [],
 *   metrics: { oneOnOneCoverage: { status: 'shown', value: { value: 0.857, target: 0.9, assessment: 'below' }, n: 7 }, teamEnps: { status: 'suppressed' } },
 * };
 * const table = scorecardTable([card], { metrics: ['oneOnOneCoverage', 'teamEnps'] });
 * [table.header, table.rows] // => [['manager', 'people', '1:1 coverage', 'team eNPS'], [['m1', '7', '86%!', 'suppressed']]]
 * table.tones // => [[null, null, 'poor', 'muted']]
 * scorecardTable([card], { metrics: ['speed'] }) // => throws INVALID_OPTION
 */
export function scorecardTable(
  cards: readonly Scorecard[],
  options: ScorecardTableOptions = {},
): ReportTable {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  for (const id of metrics) {
    if (!Object.hasOwn(LABELS, id)) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `scorecardTable requires metrics of SERVICE_METRICS, got ${JSON.stringify(id)}`,
      );
    }
  }
  const below = options.belowMark ?? '!';
  const suppressed = options.suppressedText ?? 'suppressed';
  const tone = (id: ServiceMetricId, card: Scorecard): ReportCellTone => {
    const cell = card.metrics[id];
    if (cell === undefined || cell.status !== 'shown') return 'muted';
    const assessment = cell.value.assessment;
    return assessment === 'meets' ? 'good' : assessment === 'below' ? 'poor' : null;
  };
  return {
    header: ['manager', 'people', ...metrics.map((id) => LABELS[id])],
    rows: cards.map((card) => [
      options.names?.get(card.managerId) ?? card.managerId,
      String(card.people),
      ...metrics.map((id) => {
        const cell = card.metrics[id];
        if (cell === undefined || cell.status !== 'shown') return suppressed;
        const text = formatMetricValue(id, cell.value.value);
        return cell.value.assessment === 'below' ? `${text}${below}` : text;
      }),
    ]),
    tones: cards.map((card) => [null, null, ...metrics.map((id) => tone(id, card))]),
  };
}
