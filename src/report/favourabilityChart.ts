import { InternalCustomerError } from '../core/errors.js';
import type { Reportable } from '../privacy/reportable.js';
import type { FavourabilityResult } from '../satisfaction/favourability.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, percent, wrapWords } from './internal/chart.js';

/** One bar of {@link favourabilityChart}: an item's label and its favourability. */
export interface FavourabilityChartItem {
  /** The text shown for the item (its question text or id). */
  readonly label: string;
  /** A `favourability` result, or a cell of a breakdown (`favourabilityBy`), possibly suppressed. */
  readonly result: FavourabilityResult | Reportable<FavourabilityResult>;
}

/** Options of {@link favourabilityChart}. `height` is the height of one bar. */
export interface FavourabilityChartOptions extends ChartOptions {
  /** Item labels wrap onto lines of at most this many characters (never cut). Default 40. */
  readonly labelChars?: number;
}

/** Pixels between two lines of an item's label. */
const LINE_HEIGHT = 13;

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
 * from zero, {@link roundForDisplay}); bars of 8% or more are labelled. Item labels are wrapped
 * onto several lines, never cut, and bars grow to fit them. O(items).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for `labelChars` that is not a positive integer.
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
  const labelChars = options.labelChars ?? 40;
  if (!(Number.isInteger(labelChars) && labelChars > 0)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `favourabilityChart requires labelChars as a positive integer, got ${String(labelChars)}`,
    );
  }
  // Every label gets as many lines as the longest, its own centred among blank ones, so that one
  // offset centres each on its bar.
  const wraps = new Map(items.map((item) => [item.label, wrapWords(item.label, labelChars)]));
  const lines = Math.max(1, ...[...wraps.values()].map((wrap) => wrap.length));
  const wrapped = (label: string) => {
    const wrap = wraps.get(label)!;
    const above = Math.floor((lines - wrap.length) / 2);
    const below = lines - wrap.length - above;
    return [...Array(above).fill(''), ...wrap, ...Array(below).fill('')].join('\n');
  };
  interface Segment {
    readonly item: string;
    readonly wrapped: string;
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
          wrapped: wrapped(item.label),
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
        wrapped: wrapped(item.label),
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
      height: { step: Math.max(26, LINE_HEIGHT * lines + 8) },
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
      y: {
        field: 'wrapped',
        type: 'nominal',
        sort: null,
        title: null,
        axis: {
          labelLimit: 0,
          labelLineHeight: LINE_HEIGHT,
          labelOffset: ((1 - lines) * LINE_HEIGHT) / 2,
          labelExpr: "split(datum.label, '\\n')",
        },
      },
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
            legend: { orient: 'bottom', direction: 'horizontal', columns: 2 },
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
