import { InternalCustomerError } from '../core/errors.js';
import type { Reportable } from '../privacy/reportable.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, display, percent } from './internal/chart.js';

/** One cell of {@link heatmapChart}: a row (a team), a column (an item) and a reportable value. */
export interface HeatmapCell {
  /** The row's label (a team name); rows appear in the order of their first cell. */
  readonly row: string;
  /** The column's label (an item); columns appear in the order of their first cell. */
  readonly column: string;
  /** The value, or a suppressed cell. */
  readonly cell: Reportable<number>;
}

/** Options of {@link heatmapChart}. `width` and `height` are the size of one cell. */
export interface HeatmapChartOptions extends ChartOptions {
  /**
   * What the values are: `share` (0-1, shown as % on a 0-100 scale, as favourability), or
   * `score` (-100..100, as eNPS). Default `share`.
   */
  readonly scale?: 'share' | 'score';
  /** The legend's title. Default `% favourable` for shares, `eNPS` for scores. */
  readonly valueTitle?: string;
  /**
   * How columns are labelled: `text`, each column's label in full (never cut, however long), or
   * `numbers`, 1, 2, ... in column order, for long labels such as survey items: narrower and
   * legible on a phone, with the full label in the tooltip; show the key beside the chart (the
   * report page's `legend`). Default `text`.
   */
  readonly columnLabels?: 'text' | 'numbers';
}

/**
 * A Vega-Lite heatmap of reportable values, rows by columns (teams by survey items, say): each
 * shown cell coloured on a red-yellow-green scale and labelled with its value, each suppressed
 * cell drawn grey with a dashed border and a dash, so a reader sees at once which results are
 * withheld (too few respondents, or derivable from the others) and never mistakes them for low
 * scores. Pair it with `favourabilityBy` or `enpsBy`, which suppress with complementary
 * suppression across the cells published together. Values are rounded for display (half away from
 * zero, {@link roundForDisplay}): shares to whole percentages, scores to one decimal. Labels are
 * never cut: long column labels are better numbered (`columnLabels: 'numbers'`) with a key beside
 * the chart; the colour legend sits above the chart, so that it adds no width. O(cells).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown scale or column labelling, or a
 * width or height that is not a positive number.
 * @throws {InternalCustomerError} `INVALID_INPUT` for two cells at the same row and column.
 *
 * @example
 * const spec = heatmapChart([
 *   { row: 'Sales', column: 'Growth', cell: { status: 'shown', value: 0.625, n: 8 } },
 *   { row: 'Support', column: 'Growth', cell: { status: 'suppressed' } },
 * ]);
 * spec.data.values.map((row) => [row.row, row.value, row.status]) // => [['Sales', 63, 'shown'], ['Support', null, 'suppressed']]
 * const cell = { status: 'suppressed' } as const;
 * const numbered = heatmapChart([{ row: 'Sales', column: 'I can see a future for myself here', cell }, { row: 'Sales', column: 'My workload is fair', cell }], { columnLabels: 'numbers' });
 * numbered.data.values.map((row) => row.key) // => ['1', '2']
 * heatmapChart([], { scale: 'stars' }) // => throws INVALID_OPTION
 */
export function heatmapChart(
  cells: readonly HeatmapCell[],
  options: HeatmapChartOptions = {},
): VegaLiteSpec {
  const scale = options.scale ?? 'share';
  if (scale !== 'share' && scale !== 'score') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `heatmapChart requires scale 'share' or 'score', got ${JSON.stringify(scale)}`,
    );
  }
  const labels = options.columnLabels ?? 'text';
  if (labels !== 'text' && labels !== 'numbers') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `heatmapChart requires columnLabels 'text' or 'numbers', got ${JSON.stringify(labels)}`,
    );
  }
  const seen = new Set<string>();
  const rows: string[] = [];
  const columns: string[] = [];
  for (const { row, column } of cells) {
    const key = JSON.stringify([row, column]);
    if (seen.has(key)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `heatmapChart requires one cell per row and column, got ${key} twice`,
      );
    }
    seen.add(key);
    if (!rows.includes(row)) rows.push(row);
    if (!columns.includes(column)) columns.push(column);
  }
  const values = cells.map(({ row, column, cell }) => {
    const value =
      cell.status !== 'shown'
        ? null
        : scale === 'share'
          ? percent(cell.value, 0)
          : display(cell.value, 1);
    return {
      row,
      column,
      key: labels === 'numbers' ? String(columns.indexOf(column) + 1) : column,
      status: cell.status,
      value,
      n: cell.status === 'shown' ? cell.n : null,
      label: value === null ? '–' : scale === 'share' ? `${value}` : value.toFixed(1),
    };
  });
  const domain = scale === 'share' ? [0, 100] : [-100, 100];
  const valueTitle = options.valueTitle ?? (scale === 'share' ? '% favourable' : 'eNPS');
  const x = {
    field: 'key',
    type: 'nominal',
    sort: labels === 'numbers' ? columns.map((_, i) => String(i + 1)) : columns,
    title: null,
    axis:
      labels === 'numbers'
        ? { orient: 'top', labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold' }
        : { orient: 'top', labelAngle: -40, labelLimit: 0 },
  };
  const y = { field: 'row', type: 'nominal', sort: rows, title: null, axis: { labelLimit: 0 } };
  return {
    ...baseSpec(
      'heatmapChart',
      { ...options },
      {
        title: scale === 'share' ? 'Favourability by team and item' : 'eNPS by team',
        subtitle:
          'Grey dashed cells are suppressed: too few respondents, or derivable from the others',
        width: { step: labels === 'numbers' ? 30 : 46 },
        height: { step: 20 },
      },
    ),
    data: { values },
    encoding: { x, y },
    layer: [
      {
        transform: [{ filter: "datum.status === 'shown'" }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: valueTitle,
            legend: { orient: 'top', direction: 'horizontal', gradientLength: 160 },
            scale: {
              scheme: 'redyellowgreen',
              domain,
              ...(scale === 'score' ? { domainMid: 0 } : {}),
            },
          },
          tooltip: [
            { field: 'row', title: 'row' },
            { field: 'column', title: 'column' },
            { field: 'value', title: valueTitle },
            { field: 'n', title: 'respondents' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.status !== 'shown'" }],
        mark: {
          type: 'rect',
          fill: COLOURS.suppressed,
          stroke: COLOURS.suppressedStroke,
          strokeDash: [3, 2],
          strokeWidth: 1,
        },
        encoding: {
          tooltip: [
            { field: 'row', title: 'row' },
            { field: 'column', title: 'column' },
            { field: 'status', title: 'status' },
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
