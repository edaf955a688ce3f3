import { InternalCustomerError } from '../../core/errors.js';
import { checkScores, orderByScore } from './internal/scores.js';

/** One point of a ROC curve: flag everyone scoring at least `threshold`. */
export interface RocPoint {
  readonly threshold: number;
  /** Share of the leavers flagged (sensitivity, recall). */
  readonly truePositiveRate: number;
  /** Share of the stayers flagged (1 - specificity). */
  readonly falsePositiveRate: number;
  readonly truePositives: number;
  readonly falsePositives: number;
}

/** The result of {@link rocCurve}. */
export interface RocCurveResult {
  /** From (0, 0) at threshold +Infinity to (1, 1) at the lowest score, one point per distinct score. */
  readonly points: readonly RocPoint[];
  /** Trapezoidal area under the points (equal to `rocAuc`). */
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * The ROC curve of risk scores: for each distinct score as a threshold (flag everyone at or above
 * it), the share of leavers flagged against the share of stayers flagged (Fawcett 2006, "An
 * introduction to ROC analysis", Pattern Recognition Letters 27; algorithm 2). Tied scores make one
 * diagonal step, so the trapezoidal area equals the Mann-Whitney AUC of `rocAuc`. Use it to pick a
 * threshold with a known cost in false alarms, and chart it with `report`.
 *
 * O(n log n).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the lengths differ, a score is not finite,
 * a label is not 0/1 or a boolean, or the labels are all of one kind.
 *
 * @example
 * const curve = rocCurve([0.9, 0.4, 0.4, 0.1], [1, 0, 1, 0]);
 * curve.points.map((p) => [p.falsePositiveRate, p.truePositiveRate]) // => [[0, 0], [0, 0.5], [0.5, 1], [1, 1]]
 * curve.points[2].threshold // => 0.4
 * curve.auc // => 0.875
 */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number | boolean>,
): RocCurveResult {
  const checked = checkScores(scores, labels, 'rocCurve');
  const n = checked.scores.length;
  const positives = checked.positives;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `rocCurve requires at least one positive and one negative label, got ${positives} positive of ${n}`,
    );
  }
  const order = orderByScore(checked.scores).reverse();
  const points: RocPoint[] = [
    {
      threshold: Number.POSITIVE_INFINITY,
      truePositiveRate: 0,
      falsePositiveRate: 0,
      truePositives: 0,
      falsePositives: 0,
    },
  ];
  let tp = 0;
  let fp = 0;
  let area = 0;
  let i = 0;
  while (i < n) {
    const threshold = checked.scores[order[i]!]!;
    const [tpBefore, fpBefore] = [tp, fp];
    while (i < n && checked.scores[order[i]!] === threshold) {
      if (checked.labels[order[i]!] === 1) tp++;
      else fp++;
      i++;
    }
    area += ((fp - fpBefore) * (tp + tpBefore)) / 2;
    points.push({
      threshold,
      truePositiveRate: tp / positives,
      falsePositiveRate: fp / negatives,
      truePositives: tp,
      falsePositives: fp,
    });
  }
  return { points, auc: area / (positives * negatives), positives, negatives };
}
