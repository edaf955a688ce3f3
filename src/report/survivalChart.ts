import { InternalCustomerError } from '../core/errors.js';
import type { Reportable } from '../privacy/reportable.js';
import type { KaplanMeierResult } from '../retention/kaplanMeier.js';
import type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
import { baseSpec, COLOURS, display, levelText } from './internal/chart.js';

/** One curve of {@link survivalChart}. */
export interface SurvivalChartCurve {
  /** The curve's label in the legend (a department, "everyone"). */
  readonly label: string;
  /** A Kaplan-Meier table, or a stratum of `tenureSurvival`, possibly suppressed. */
  readonly curve: KaplanMeierResult | Reportable<KaplanMeierResult>;
}

/** Options of {@link survivalChart}. */
export interface SurvivalChartOptions extends ChartOptions {
  /** The time axis's title. Default `months employed`. */
  readonly timeTitle?: string;
  /** Draw each curve's confidence band. Default true. */
  readonly band?: boolean;
  /**
   * The label of one curve to draw in colour, with its band, over the others in light grey and
   * without a legend: one panel of small multiples (one chart per group, every panel on the same
   * axes), the way to compare more than 8 curves, whose colours would otherwise repeat.
   */
  readonly highlight?: string;
}

function unwrap(
  curve: KaplanMeierResult | Reportable<KaplanMeierResult>,
): KaplanMeierResult | null {
  if ('status' in curve) return curve.status === 'shown' ? curve.value : null;
  return curve;
}

/**
 * A Vega-Lite chart of Kaplan-Meier curves (the probability of still being employed after t) as
 * step lines from S(0) = 1, each with its pointwise confidence band (the table's own interval
 * type and level), and a dashed line at 50% where each curve crosses its median tenure. Only the
 * times where someone left are drawn (S only changes there), plus each curve's last time.
 * Suppressed curves (from `tenureSurvival` with `by`) are named in the subtitle, not drawn; a
 * single curve gets no legend.
 * Survival and limits are rounded to 4 decimals, times to 2 (half away from zero,
 * {@link roundForDisplay}). Up to 8 curves are told apart by colour; for more, draw small
 * multiples: one chart per curve with `highlight` (the others grey behind it, so that every panel
 * has the same axes), as the report's tenure survival by department does. O(rows of the tables).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a width or height that is not a positive
 * number, or a `highlight` that is no drawn curve's label.
 *
 * @example
 * const km = kaplanMeier([3, 5, 5, 8, 12], [1, 1, 0, 1, 0]);
 * const spec = survivalChart([{ label: 'everyone', curve: km }, { label: 'Sales', curve: { status: 'suppressed' } }]);
 * spec.data.values.map((row) => [row.time, row.survival]) // => [[0, 1], [3, 0.8], [5, 0.6], [8, 0.3], [12, 0.3]]
 * spec.title.subtitle.endsWith('Suppressed (too few people): Sales') // => true
 * const panel = survivalChart([{ label: 'everyone', curve: km }, { label: 'Support', curve: kaplanMeier([2, 4], [1, 0]) }], { highlight: 'Support' });
 * panel.data.values.filter((row) => row.highlighted).map((row) => row.survival) // => [1, 0.5, 0.5]
 */
export function survivalChart(
  curves: readonly SurvivalChartCurve[],
  options: SurvivalChartOptions = {},
): VegaLiteSpec {
  const { highlight } = options;
  const suppressed: string[] = [];
  const values: Record<string, unknown>[] = [];
  let interval: { level: number; type: string } | undefined;
  for (const { label, curve } of curves) {
    const km = unwrap(curve);
    if (km === null) {
      suppressed.push(label);
      continue;
    }
    interval ??= { level: km.level, type: km.confType };
    const highlighted = highlight === undefined ? {} : { highlighted: label === highlight };
    values.push({
      curve: label,
      ...highlighted,
      time: 0,
      survival: 1,
      lower: 1,
      upper: 1,
      atRisk: km.n,
    });
    const last = km.time.length - 1;
    km.time.forEach((time, i) => {
      if (km.events[i] === 0 && i !== last) return;
      values.push({
        curve: label,
        ...highlighted,
        time: display(time, 2),
        survival: display(km.survival[i], 4),
        lower: display(km.lower[i], 4),
        upper: display(km.upper[i], 4),
        atRisk: km.atRisk[i],
      });
    });
  }
  if (highlight !== undefined && !values.some((row) => row.highlighted === true)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `survivalChart requires highlight as the label of a drawn curve, got ${JSON.stringify(highlight)}`,
    );
  }
  const drawn = curves.map((curve) => curve.label).filter((label) => !suppressed.includes(label));
  const color =
    highlight === undefined
      ? { field: 'curve', type: 'nominal', title: null, sort: drawn }
      : { value: COLOURS.line };
  const x = {
    field: 'time',
    type: 'quantitative',
    title: options.timeTitle ?? 'months employed',
    // With every curve suppressed the axis still needs a domain.
    ...(values.length === 0 ? { scale: { domain: [0, 1] } } : {}),
  };
  const y = {
    field: 'survival',
    type: 'quantitative',
    title: highlight === undefined ? 'still employed' : null,
    scale: { domain: [0, 1] },
    axis: { format: '%', ...(highlight === undefined ? {} : { tickCount: 4 }) },
  };
  const band = options.band ?? true;
  const how =
    interval === undefined || !band
      ? 'Share still employed after t'
      : `Share still employed after t; bands: ${levelText(interval.level)} interval (${interval.type})`;
  const mine = highlight === undefined ? [] : [{ filter: 'datum.highlighted' }];
  return {
    ...baseSpec('survivalChart', options, {
      title: highlight ?? 'Tenure survival (Kaplan-Meier)',
      subtitle:
        suppressed.length === 0
          ? how
          : `${how}. Suppressed (too few people): ${suppressed.join(', ')}`,
      width: 520,
      height: 300,
    }),
    data: { values },
    layer: [
      ...(highlight === undefined
        ? []
        : [
            {
              transform: [{ filter: '!datum.highlighted' }],
              mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1, color: '#d4d4d4' },
              encoding: { x, y, detail: { field: 'curve', type: 'nominal' } },
            },
          ]),
      ...(band
        ? [
            {
              transform: [...mine, { filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
              mark: { type: 'area', interpolate: 'step-after', opacity: 0.15 },
              encoding: {
                x,
                y: { field: 'lower', type: 'quantitative' },
                y2: { field: 'upper' },
                color,
              },
            },
          ]
        : []),
      {
        mark: { type: 'rule', color: '#999', strokeDash: [4, 4] },
        encoding: { y: { datum: 0.5, type: 'quantitative' } },
      },
      {
        ...(highlight === undefined ? {} : { transform: mine }),
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x,
          y,
          color:
            highlight === undefined
              ? {
                  ...color,
                  // One curve needs no legend: the title names it.
                  legend:
                    drawn.length < 2
                      ? null
                      : {
                          symbolType: 'stroke',
                          symbolStrokeWidth: 3,
                          symbolOpacity: 1,
                          labelLimit: 0,
                        },
                }
              : color,
          tooltip: [
            { field: 'curve', title: 'curve' },
            { field: 'time', title: x.title },
            { field: 'survival', title: 'still employed', format: '.1%' },
            { field: 'lower', title: 'lower', format: '.1%' },
            { field: 'upper', title: 'upper', format: '.1%' },
            { field: 'atRisk', title: 'at risk' },
          ],
        },
      },
    ],
  };
}
