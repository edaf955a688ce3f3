import type { TurnoverByMonthResult } from '../retention/turnoverByMonth.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, display, percent } from './internal/chart.js';

/** Options of {@link turnoverChart}. */
export type TurnoverChartOptions = ChartOptions;

const KINDS = [
  ['voluntary', 'Voluntary', '#e6550d'],
  ['involuntary', 'Involuntary', '#756bb1'],
  ['other', 'Other', '#969696'],
] as const;

/**
 * A Vega-Lite chart of monthly turnover (`turnoverByMonth`): one stacked bar per month, split into
 * voluntary, involuntary and other separations (BLS JOLTS), each as a percentage of the month's
 * average headcount (SHRM), with the regretted rate as a line when the data says which separations
 * were regretted (some separation in the months carries the `regretted` flag; without one the
 * chart never mentions regret). The tooltip gives the separations and the average headcount
 * behind each rate. Rates are percentages rounded to two decimals
 * (half away from zero, {@link roundForDisplay}). O(months).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive number.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2020-01-01' }] },
 *   { id: 'b', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-01-31', separationKind: 'involuntary' }] },
 * ];
 * const spec = turnoverChart(turnoverByMonth(people, { from: '2025-01', to: '2025-02' }));
 * spec.data.values.filter((row) => row.kind === 'Involuntary').map((row) => [row.month, row.rate]) // => [['2025-01', 50], ['2025-02', 0]]
 * JSON.stringify(spec).includes('regretted') // => false
 */
export function turnoverChart(
  series: TurnoverByMonthResult,
  options: TurnoverChartOptions = {},
): VegaLiteSpec {
  const flagged = series.months.some(
    ({ turnover }) => turnover.separations.regrettedUnknown < turnover.separations.total,
  );
  const values = series.months.flatMap(({ month, turnover }) =>
    KINDS.map(([key, kind]) => ({
      month,
      kind,
      rate: percent(turnover.rates[key], 2),
      separations: turnover.separations[key],
      averageHeadcount: display(turnover.averageHeadcount.value, 1),
      ...(flagged
        ? {
            regrettedRate: percent(turnover.rates.regretted, 2),
            regretted: turnover.separations.regretted,
          }
        : {}),
    })),
  );
  const x = { field: 'month', type: 'ordinal', title: null, axis: { labelAngle: -45 } };
  return {
    ...baseSpec('turnoverChart', options, {
      title: 'Monthly turnover',
      subtitle: `% of average headcount, by kind (BLS JOLTS)${flagged ? '; line: regretted' : ''}`,
      width: Math.max(320, 30 * series.months.length),
      height: 240,
    }),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y: {
            field: 'rate',
            type: 'quantitative',
            stack: 'zero',
            title: '% of average headcount',
          },
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: {
              domain: KINDS.map(([, kind]) => kind),
              range: KINDS.map(([, , colour]) => colour),
            },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          order: { field: 'kind', sort: 'descending' },
          tooltip: [
            { field: 'month', title: 'month' },
            { field: 'kind', title: 'kind' },
            { field: 'rate', title: '% of headcount', format: '.2f' },
            { field: 'separations', title: 'separations' },
            { field: 'averageHeadcount', title: 'average headcount' },
          ],
        },
      },
      ...(flagged ? [regrettedLine(x)] : []),
    ],
  };
}

/** The regretted rate as a dashed line over the bars. */
function regrettedLine(x: Record<string, unknown>): Record<string, unknown> {
  return {
    transform: [{ filter: "datum.kind === 'Voluntary'" }],
    mark: {
      type: 'line',
      color: COLOURS.flagged,
      point: { color: COLOURS.flagged },
      strokeDash: [5, 3],
    },
    encoding: {
      x,
      y: { field: 'regrettedRate', type: 'quantitative' },
      tooltip: [
        { field: 'month', title: 'month' },
        { field: 'regrettedRate', title: '% regretted', format: '.2f' },
        { field: 'regretted', title: 'regretted separations' },
      ],
    },
  };
}
