import { calendarDaysBetween } from '../core/calendarDay.js';
import type { Period } from '../core/period.js';
import type { EnpsTrendResult } from '../satisfaction/enpsTrend.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { formatNumber } from './formatNumber.js';
import { baseSpec, COLOURS, display, levelText } from './internal/chart.js';

/** Options of {@link enpsTrendChart}. */
export type EnpsTrendChartOptions = ChartOptions;

/** Wald limits are not clipped by `enps`; the chart clips them to the scale. @internal */
function clip(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.min(100, Math.max(-100, value));
}

/** A suppressed period's row: its place on the axis and nothing else (no n, no score). @internal */
const SUPPRESSED_ROW = {
  status: 'suppressed',
  score: null,
  lower: null,
  upper: null,
  n: null,
  change: null,
  pValue: null,
  significant: false,
  flag: '',
} as const;

/** `2025-Q1` for a quarter, `2025-03` for a month, the first day for a week. @internal */
function periodLabel(range: Period): string {
  const days = calendarDaysBetween(range.start, range.end);
  const [year, month] = range.start.split('-');
  if (days >= 89 && days <= 92) return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
  if (days >= 28 && days <= 31) return `${year}-${month}`;
  return range.start;
}

/**
 * A Vega-Lite chart of an eNPS trend (the result of `enpsTrend`): the score per period as a line,
 * its confidence interval as a shaded band, and the periods whose change from the previous one
 * `enpsTrend` flagged as significant drawn as larger red points labelled with the change.
 * Suppressed periods (too few answers, none, or all in one category: `enpsTrend` does not tell
 * which) keep their place on the axis and break the line and the band, a gap; their row carries
 * no score, no interval and no n, so neither the drawing, the tooltip nor the spec's data can
 * show them. Interval limits beyond -100 or 100 are clipped to the scale. Scores and limits are
 * rounded to one decimal for display (half away from zero, {@link roundForDisplay}); the tooltip
 * of a shown period gives n and the change's p-value.
 *
 * Use it to show whether a movement is more than noise: a band that overlaps the previous point
 * and an unflagged change mean "no evidence of change". O(periods).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive number.
 *
 * @example
 * const answers = [
 *   ...Array.from({ length: 40 }, (_, i) => ({ submittedAt: '2025-01-15T09:00:00Z', score: i % 2 ? 9 : 5 })),
 *   ...Array.from({ length: 40 }, (_, i) => ({ submittedAt: '2025-04-15T09:00:00Z', score: i % 5 ? 9 : 7 })),
 *   { submittedAt: '2025-07-01T09:00:00Z', score: 0 },
 * ];
 * const spec = enpsTrendChart(enpsTrend(answers, { interval: 'quarter', asOf: '2025-09-30' }));
 * spec.data.values.map((row) => [row.period, row.score, row.n, row.significant]) // => [['2025-Q1', 0, 40, false], ['2025-Q2', 80, 40, true], ['2025-Q3', null, null, false]]
 * spec.layer.length // => 5
 * enpsTrendChart({ points: [], warnings: [] }, { width: -1 }) // => throws INVALID_OPTION
 */
export function enpsTrendChart(
  trend: EnpsTrendResult,
  options: EnpsTrendChartOptions = {},
): VegaLiteSpec {
  const firstShown = trend.points.find((point) => point.result.status === 'shown')?.result;
  const interval = firstShown?.status === 'shown' ? firstShown.value.interval : undefined;
  const values = trend.points.map((point) => {
    const label = { period: periodLabel(point.period), start: point.period.start };
    if (point.result.status !== 'shown') return { ...label, ...SUPPRESSED_ROW };
    const result = point.result.value;
    return {
      ...label,
      status: 'shown',
      score: display(result.score, 1),
      lower: display(clip(result.interval?.lower), 1),
      upper: display(clip(result.interval?.upper), 1),
      n: point.result.n,
      change: display(point.change?.difference, 1),
      pValue: display(point.change?.adjustedPValue ?? point.change?.pValue, 4),
      significant: point.change?.significant === true,
      flag:
        point.change?.significant === true
          ? formatNumber(point.change.difference, { digits: 1, signed: true })
          : '',
    };
  });
  const width = Math.max(320, 56 * values.length);
  // Labels such as 2025-Q3 lie flat from 56 pixels a period, slanted below that.
  const perPeriod = (options.width ?? width) / Math.max(1, values.length);
  const x = {
    field: 'period',
    type: 'ordinal',
    sort: null,
    title: null,
    axis: { labelAngle: perPeriod < 56 ? -45 : 0 },
  };
  const band =
    interval === undefined || interval === null
      ? 'the band is the confidence interval'
      : `band: ${levelText(interval.level)} interval (${interval.method})`;
  return {
    ...baseSpec('enpsTrendChart', options, {
      title: 'eNPS over time',
      subtitle: `${band}; red: a significant change`,
      width,
      height: 260,
    }),
    data: { values },
    layer: [
      {
        // A suppressed period's null limits break the band (and below, the line): a gap.
        mark: {
          type: 'area',
          opacity: 0.25,
          color: COLOURS.band,
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          x,
          y: {
            field: 'lower',
            type: 'quantitative',
            title: 'eNPS',
            // With no data the axis still needs a domain: the whole scale.
            scale: values.length === 0 ? { domain: [-100, 100] } : { zero: false },
          },
          y2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'rule', color: '#999', strokeDash: [4, 4] },
        encoding: { y: { datum: 0, type: 'quantitative' } },
      },
      {
        mark: {
          type: 'line',
          color: COLOURS.line,
          strokeWidth: 2,
          invalid: 'break-paths-show-domains',
        },
        encoding: { x, y: { field: 'score', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, opacity: 1 },
        encoding: {
          x,
          y: { field: 'score', type: 'quantitative' },
          color: {
            condition: { test: 'datum.significant', value: COLOURS.flagged },
            value: COLOURS.line,
          },
          size: { condition: { test: 'datum.significant', value: 110 }, value: 45 },
          tooltip: [
            { field: 'period', title: 'period' },
            { field: 'score', title: 'eNPS', format: '.1f' },
            { field: 'lower', title: 'lower', format: '.1f' },
            { field: 'upper', title: 'upper', format: '.1f' },
            { field: 'n', title: 'answers' },
            { field: 'change', title: 'change', format: '+.1f' },
            { field: 'pValue', title: 'p-value' },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -12, color: COLOURS.flagged, fontWeight: 'bold' },
        encoding: {
          x,
          y: { field: 'score', type: 'quantitative' },
          text: { field: 'flag', type: 'nominal' },
        },
      },
    ],
  };
}
