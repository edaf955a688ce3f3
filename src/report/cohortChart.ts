import type { PublishedHireCohortRow } from '../retention/publishHireCohorts.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, percent } from './internal/chart.js';

/** Options of {@link cohortChart}. `width` and `height` are the size of one cell. */
export type CohortChartOptions = ChartOptions;

/**
 * A Vega-Lite chart of the cohort retention triangle as published by `publishHireCohorts` (the
 * privacy gate over `hireCohorts`): one row per hire cohort, one column per horizon (months after
 * hire), each cell coloured by the share of the cohort still employed and labelled with it. Cells
 * not yet observable (`null`) are left white and marked `·`, never drawn as 0; suppressed cells
 * are grey with a dash, and a cohort whose hires are suppressed has its label without them. Rates
 * are whole percentages for display (half away from zero, {@link roundForDisplay}). O(cells).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive number.
 *
 * @example
 * const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, spells: [{ hireDate: '2024-01-15' }] }));
 * const published = publishHireCohorts(hireCohorts(people, { asOf: '2024-06-30', horizons: [3, 12] }));
 * const spec = cohortChart(published.rows);
 * spec.data.values.map((cell) => [cell.cohort, cell.horizon, cell.rate, cell.status]) // => [['2024-Q1', '3 months', 100, 'shown'], ['2024-Q1', '12 months', null, 'pending']]
 */
export function cohortChart(
  rows: readonly PublishedHireCohortRow[],
  options: CohortChartOptions = {},
): VegaLiteSpec {
  const horizons = [...new Set(rows.flatMap((row) => row.cells.map((cell) => cell.horizon)))].sort(
    (a, b) => a - b,
  );
  const name = (horizon: number) => `${horizon} month${horizon === 1 ? '' : 's'}`;
  interface Cell {
    readonly cohort: string;
    readonly cohortLabel: string;
    readonly horizon: string;
    readonly rate: number | null;
    readonly retained: number | null;
    readonly hires: number | null;
    readonly status: 'shown' | 'pending' | 'suppressed';
    readonly label: string;
  }
  const values = rows.flatMap((row): Cell[] => {
    const hires = row.hires.status === 'shown' ? row.hires.value : null;
    const cohortLabel = hires === null ? row.cohort : `${row.cohort} (${hires} hired)`;
    return row.cells.map((cell): Cell => {
      const base = { cohort: row.cohort, cohortLabel, horizon: name(cell.horizon), hires };
      if (cell.retained === null)
        return { ...base, rate: null, retained: null, status: 'pending', label: '·' };
      if (cell.retained.status !== 'shown')
        return { ...base, rate: null, retained: null, status: 'suppressed', label: '–' };
      const rate = percent(cell.retained.value.rate, 0);
      return {
        ...base,
        rate,
        retained: cell.retained.value.retained,
        status: 'shown',
        label: `${rate}`,
      };
    });
  });
  const labels = [...new Set(values.map((value) => value.cohortLabel))];
  const x = {
    field: 'horizon',
    type: 'ordinal',
    sort: horizons.map(name),
    title: 'after hire',
    axis: { orient: 'top', labelAngle: 0 },
  };
  const y = { field: 'cohortLabel', type: 'ordinal', sort: labels, title: null };
  return {
    ...baseSpec('cohortChart', options, {
      title: 'Retention by hire cohort',
      subtitle: '% still employed; · not yet observable; grey: suppressed',
      width: { step: 64 },
      height: { step: 20 },
    }),
    data: { values },
    encoding: { x, y },
    layer: [
      {
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'rate',
            type: 'quantitative',
            title: '% retained',
            legend: { orient: 'top', direction: 'horizontal', gradientLength: 160 },
            scale: { scheme: 'blues', domain: [0, 100] },
          },
          tooltip: [
            { field: 'cohort', title: 'cohort' },
            { field: 'horizon', title: 'after' },
            { field: 'rate', title: '% retained' },
            { field: 'retained', title: 'retained' },
            { field: 'hires', title: 'hires' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.status === 'suppressed'" }],
        mark: {
          type: 'rect',
          fill: COLOURS.suppressed,
          stroke: COLOURS.suppressedStroke,
          strokeDash: [3, 2],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label', type: 'nominal' },
          color: {
            condition: { test: 'datum.rate !== null && datum.rate >= 70', value: 'white' },
            value: '#222',
          },
        },
      },
    ],
  };
}
