import { InternalCustomerError } from '../core/errors.js';

/** Cronbach's alpha of a multi-item index. */
export interface CronbachAlphaResult {
  /** Rows used: those with every item answered. */
  readonly n: number;
  /** Rows left out because an item was missing (counted, never silently dropped). */
  readonly excluded: number;
  readonly items: number;
  /** Raw alpha from the covariance matrix: k / (k - 1) (1 - sum var_i / var_total). `null` when undefined. */
  readonly alpha: number | null;
  /** Standardised alpha from the mean inter-item correlation r: k r / (1 + (k - 1) r). */
  readonly standardizedAlpha: number | null;
  /** Mean inter-item correlation. */
  readonly averageCorrelation: number | null;
  /** Alpha with each item left out, in item order. */
  readonly alphaIfDropped: readonly {
    readonly item: number;
    readonly alpha: number | null;
    readonly standardizedAlpha: number | null;
  }[];
  readonly warnings: readonly string[];
}

/**
 * Cronbach's alpha for the reliability of a multi-item index (engagement, a factor), with the
 * standardised alpha and alpha if each item is dropped, as R `psych::alpha` reports them
 * (`raw_alpha`, `std.alpha`, `alpha.drop`). Rows are respondents, columns items; a row with any
 * missing item is left out and counted. Nearly uncorrelated items give alpha near 0, and
 * negatively correlated ones a negative alpha: correct answers that say the items do not form
 * an index.
 *
 * O(n k^2).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for fewer than two items or rows of different lengths.
 *
 * @example
 * const result = cronbachAlpha([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]]);
 * result.alpha // => 0.9649681529
 * result.standardizedAlpha // => 0.9722485996
 */
export function cronbachAlpha(
  rows: readonly (readonly (number | null | undefined)[])[],
): CronbachAlphaResult {
  const k = rows[0]?.length ?? 0;
  if (k < 2)
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `cronbachAlpha requires at least two items, got ${k}`,
    );
  const complete: number[][] = [];
  let excluded = 0;
  rows.forEach((row, index) => {
    if (row.length !== k) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `cronbachAlpha requires rows of ${k} items; row ${index + 1} has ${row.length}`,
      );
    }
    if (row.every((value) => typeof value === 'number' && Number.isFinite(value)))
      complete.push(row as number[]);
    else excluded++;
  });
  const n = complete.length;
  const warnings: string[] = excluded > 0 ? [`${excluded} rows with missing items left out`] : [];
  // Covariance matrix (n - 1), one pass per pair.
  const means = Array.from(
    { length: k },
    (_, j) => complete.reduce((sum, row) => sum + row[j]!, 0) / n,
  );
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of complete) {
    for (let i = 0; i < k; i++) {
      const di = row[i]! - means[i]!;
      for (let j = i; j < k; j++) covariance[i]![j]! += di * (row[j]! - means[j]!);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      covariance[i]![j]! /= n - 1;
      covariance[j]![i] = covariance[i]![j]!;
    }
  }
  const alphasFor = (
    items: readonly number[],
  ): {
    alpha: number | null;
    standardizedAlpha: number | null;
    averageCorrelation: number | null;
  } => {
    const m = items.length;
    if (n < 2 || m < 2) return { alpha: null, standardizedAlpha: null, averageCorrelation: null };
    let total = 0;
    let diagonal = 0;
    let correlations = 0;
    let pairs = 0;
    for (const i of items) {
      diagonal += covariance[i]![i]!;
      for (const j of items) {
        total += covariance[i]![j]!;
        if (j > i) {
          correlations += covariance[i]![j]! / Math.sqrt(covariance[i]![i]! * covariance[j]![j]!);
          pairs++;
        }
      }
    }
    const alpha = total > 0 ? (m / (m - 1)) * (1 - diagonal / total) : null;
    const r = correlations / pairs;
    const valid = Number.isFinite(r);
    return {
      alpha,
      standardizedAlpha: valid ? (m * r) / (1 + (m - 1) * r) : null,
      averageCorrelation: valid ? r : null,
    };
  };
  const all = Array.from({ length: k }, (_, j) => j);
  const whole = alphasFor(all);
  if (covariance.some((row, i) => row[i] === 0))
    warnings.push('an item has no variance: correlations with it are undefined');
  return {
    n,
    excluded,
    items: k,
    ...whole,
    alphaIfDropped: all.map((item) => {
      const rest = alphasFor(all.filter((j) => j !== item));
      return { item, alpha: rest.alpha, standardizedAlpha: rest.standardizedAlpha };
    }),
    warnings,
  };
}
