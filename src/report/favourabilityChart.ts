import type { Reportable } from '../privacy/reportable.js';
import type { FavourabilityResult } from '../satisfaction/favourability.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, percent } from './internal/chart.js';

/** One bar of {@link favourabilityChart}: an item's label and its favourability. */
export interface FavourabilityChartItem {
  /** The text shown for the item (its question text or id). */
  readonly label: string;
  /** A `favourability` result, or a cell of a breakdown (`favourabilityBy`), possibly suppressed. */
  readonly result: FavourabilityResult | Reportable<FavourabilityResult>;
}

/** Options of {@link favourabilityChart}. `height` is the height of one bar. */
export type FavourabilityChartOptions = ChartOptions;

const CATEGORIES = ['Unfavourable', 'Neutral', 'Favourable', 'Suppressed'] as const;

function unwrap(
  result: FavourabilityResult | Reportable<FavourabilityResult>,
): FavourabilityResult | null {
  if ('status' in result) return result.status === 'shown' ? result.value : null;
  return result;
}

/**
 * A Vega-Lite chart of favourability per item: one horizontal bar per item, split into
 * unfavourable (red), neutral (grey) and favourable (green) shares of the answers given, in the
 * order the items are given, as survey platforms show it. A suppressed item (a `Reportable` that is
 * not shown) or an item nobody answered is drawn as a full grey bar labelled "suppressed" or "no
 * answers", never as zero. Shares are percentages rounded to one decimal for display (half away
 * from zero, {@link roundForDisplay}); bars of 8% or more are labelled. O(items).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive number.
 *
 * @example
 * const spec = favourabilityChart([
 *   { label: 'I can grow here', result: favourability([4, 3, 5, 2, 4], { points: 5 }) },
 *   { label: 'My workload is fair', result: { status: 'suppressed' } },
 * ]);
 * spec.data.values.filter((row) => row.item === 'I can grow here').map((row) => [row.category, row.share]) // => [['Unfavourable', 20], ['Neutral', 20], ['Favourable', 60]]
 * spec.data.values.find((row) => row.item === 'My workload is fair').label // => 'suppressed'
 */
export function favourabilityChart(
  items: readonly FavourabilityChartItem[],
  options: FavourabilityChartOptions = {},
): VegaLiteSpec {
  interface Segment {
    readonly item: string;
    readonly category: (typeof CATEGORIES)[number];
    readonly order: number;
    readonly share: number | null;
    readonly count: number | null;
    readonly n: number | null;
    readonly label: string;
  }
  const values = items.flatMap((item): Segment[] => {
    const result = unwrap(item.result);
    if (result === null || result.shares === null) {
      return [
        {
          item: item.label,
          category: 'Suppressed',
          order: 3,
          share: 100,
          count: null,
          n: null,
          label: result === null ? 'suppressed' : 'no answers',
        },
      ];
    }
    const shares = result.shares;
    return (
      [
        ['Unfavourable', shares.unfavourable, result.unfavourable],
        ['Neutral', shares.neutral, result.neutral],
        ['Favourable', shares.favourable, result.favourable],
      ] as const
    ).map(([category, share, count], order) => {
      const shown = percent(share, 1);
      return {
        item: item.label,
        category,
        order,
        share: shown,
        count,
        n: result.n,
        label: shown !== null && shown >= 8 ? `${Math.round(shown)}%` : '',
      };
    });
  });
  return {
    ...baseSpec('favourabilityChart', options, {
      title: 'Favourability by item',
      subtitle: 'Share of answers given: unfavourable, neutral, favourable',
      width: 420,
      height: { step: 26 },
    }),
    data: { values },
    transform: [
      {
        stack: 'share',
        groupby: ['item'],
        sort: [{ field: 'order', order: 'ascending' }],
        as: ['start', 'end'],
      },
      { calculate: '(datum.start + datum.end) / 2', as: 'middle' },
    ],
    encoding: {
      y: { field: 'item', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'start',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            title: '% of answers',
          },
          x2: { field: 'end' },
          color: {
            field: 'category',
            type: 'nominal',
            title: null,
            scale: {
              domain: [...CATEGORIES],
              range: [
                COLOURS.unfavourable,
                COLOURS.neutral,
                COLOURS.favourable,
                COLOURS.suppressed,
              ],
            },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'item', title: 'item' },
            { field: 'category', title: 'category' },
            { field: 'share', title: '% of answers', format: '.1f' },
            { field: 'count', title: 'answers' },
            { field: 'n', title: 'n' },
          ],
        },
      },
      {
        mark: { type: 'text', color: '#222', fontSize: 11 },
        encoding: {
          x: { field: 'middle', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}
