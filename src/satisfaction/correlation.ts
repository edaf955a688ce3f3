import { sampleCorrelation } from 'simple-statistics';
import type { Interval } from '../core/estimate.js';
import { normalCriticalValue } from '../core/intervals.js';
import { tCdf } from '../internal/distributions/index.js';

/** A correlation with its test and interval. */
export interface CorrelationTest {
  readonly method: 'pearson' | 'spearman';
  readonly n: number;
  readonly estimate: number;
  readonly pValue: number;
  readonly interval: Interval;
}

/** Ranks with ties given their average rank (as R `rank`). @internal */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => [value, index] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Pearson or Spearman correlation of complete pairs with a two-sided p-value from the t
 * distribution on n - 2 degrees of freedom, t = r sqrt(n - 2) / sqrt(1 - r^2). For Pearson this is
 * R `cor.test(x, y)`, with the Fisher z interval R reports. For Spearman (Pearson on average ranks)
 * the p-value is R `cor.test(x, y, method = "spearman", exact = FALSE)` (the t approximation) and
 * the interval is Fisher z with the Bonett-Wright (2000) variance (1 + r^2 / 2) / (n - 3), which R
 * does not print. Needs n >= 4 and non-constant values; the caller checks. @internal
 */
export function correlationTest(
  x: readonly number[],
  y: readonly number[],
  method: 'pearson' | 'spearman',
  level: number,
): CorrelationTest {
  const n = x.length;
  const estimate =
    method === 'pearson'
      ? sampleCorrelation(x as number[], y as number[])
      : sampleCorrelation(averageRanks(x), averageRanks(y));
  const r = Math.max(-1, Math.min(1, estimate));
  const df = n - 2;
  const t =
    Math.abs(r) === 1 ? Number.POSITIVE_INFINITY : (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const pValue = Number.isFinite(t) ? 2 * tCdf(Math.abs(t), df, true) : 0;
  const z = normalCriticalValue(level);
  const spread =
    method === 'pearson' ? 1 / Math.sqrt(n - 3) : Math.sqrt((1 + (r * r) / 2) / (n - 3));
  const centre = Math.atanh(r);
  return {
    method,
    n,
    estimate: r,
    pValue,
    interval: {
      lower: Math.tanh(centre - z * spread),
      upper: Math.tanh(centre + z * spread),
      level,
      method: method === 'pearson' ? 'fisher-z' : 'bonett-wright',
    },
  };
}
