import { InternalCustomerError } from '../../core/errors.js';
import { checkScores, mannWhitneyAuc } from './internal/scores.js';

/**
 * The area under the ROC curve of risk scores: the probability that a random leaver scores higher
 * than a random stayer, ties counting one half. Computed as the Mann-Whitney statistic with
 * mid-ranks, AUC = (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0) (Hanley & McNeil 1982, Radiology 143;
 * https://en.wikipedia.org/wiki/Receiver_operating_characteristic#Area_under_the_curve), equal to
 * the trapezoidal area under {@link rocCurve}. Matches R `pROC::auc(labels, scores)`.
 *
 * 0.5 is chance, 1 a perfect ranking. Judge a model by its cross-validated AUC, never its AUC on
 * the rows it was fitted to.
 *
 * O(n log n).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the lengths differ, a score is not finite,
 * a label is not 0/1 or a boolean, or the labels are all of one kind (the AUC is undefined).
 *
 * @example
 * rocAuc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]) // => 1
 * rocAuc([0.9, 0.4, 0.4, 0.1], [1, 0, 1, 0]) // => 0.875
 * rocAuc([0.5, 0.5], [true, false]) // => 0.5
 * rocAuc([0.2, 0.4], [1, 1]) // => throws INVALID_INPUT
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  const checked = checkScores(scores, labels, 'rocAuc');
  if (checked.positives === 0 || checked.positives === checked.scores.length) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `rocAuc requires at least one positive and one negative label, got ${checked.positives} positive of ${checked.scores.length}`,
    );
  }
  return mannWhitneyAuc(checked.scores, checked.labels);
}
