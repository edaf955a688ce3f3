import type { Reportable } from '../privacy/reportable.js';
import type { HireCohortRow } from '../retention/hireCohorts.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, percent } from './internal/chart.js';

/** One row of {@link cohortChart}: a hire cohort's label and its row of `hireCohorts`, possibly suppressed. */
export interface CohortChartRow {
  /** The cohort (`2025-Q1`), shown even when the row is suppressed. */
  readonly cohort: string;
  /** The row of the triangle, or a suppressed cell (a cohort of too few hires). */
  readonly row: Reportable<HireCohortRow>;
}

/** Options of {@link cohortChart}. `width` and `height` are the size of one cell. */
export type CohortChartOptions = ChartOptions;

/**
 * A Vega-Lite chart of the cohort retention triangle (`hireCohorts`): one row per hire cohort,
 * one column per horizon (months after hire), each cell coloured by the share of the cohort still
 * employed and labelled with it. Cells not yet observable (`null` in the triangle) are left white
 * and marked `·`, never drawn as 0; suppressed cohorts (wrap each row with `suppressSmallGroup(row,
 * row.hires)` so a cohort of two hires does not reveal who left) are grey with a dash. Rates are
 * whole percentages for display (half away from zero, {@link roundForDisplay}). O(cells).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive number.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2024-01-15' }] },
 *   { id: 'b', spells: [{ hireDate: '2024-02-01', terminationDate: '2024-06-30', separationKind: 'voluntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2025-02-10' }] },
 * ];
 * const triangle = hireCohorts(people, { asOf: '2025-06-30', horizons: [3, 12] });
 * const spec = cohortChart(triangle.rows.map((row) => ({ cohort: row.cohort, row: { status: 'shown', value: row, n: row.hires } })));
 * spec.data.values.map((cell) => [cell.cohort, cell.horizon, cell.rate, cell.status]) // => [['2024-Q1', '3 months', 100, 'shown'], ['2024-Q1', '12 months', 50, 'shown'], ['2025-Q1', '3 months', 100, 'shown'], ['2025-Q1', '12 months', null, 'pending']]
 */
export function cohortChart(
  rows: readonly CohortChartRow[],
  options: CohortChartOptions = {},
): VegaLiteSpec {
  const horizons = [
    ...new Set(
      rows.flatMap((entry) =>
        entry.row.status === 'shown' ? entry.row.value.cells.map((cell) => cell.horizon) : [],
      ),
    ),
  ].sort((a, b) => a - b);
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
  const values = rows.flatMap(({ cohort, row }): Cell[] => {
    if (row.status !== 'shown') {
      return horizons.map((horizon) => ({
        cohort,
        cohortLabel: cohort,
        horizon: name(horizon),
        rate: null,
        retained: null,
        hires: null,
        status: 'suppressed',
        label: '–',
      }));
    }
    return row.value.cells.map((cell) => {
      const rate = percent(cell.rate, 0);
      return {
        cohort,
        cohortLabel: `${cohort} (${row.value.hires} hired)`,
        horizon: name(cell.horizon),
        rate,
        retained: cell.retained,
        hires: row.value.hires,
        status: rate === null ? 'pending' : 'shown',
        label: rate === null ? '·' : `${rate}`,
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
      subtitle:
        '% of each cohort still employed; · not yet observable; grey: suppressed (too few hires)',
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
