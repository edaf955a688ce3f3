import { InternalCustomerError } from '../../../core/errors.js';
import { describeValue } from '../../../internal/describeValue.js';

/** Scores and 0/1 labels, checked. */
export interface CheckedScores {
  readonly scores: Float64Array;
  readonly labels: Uint8Array;
  readonly positives: number;
}

/** Checks scores and labels: same length, finite scores, labels 0/1 or booleans. */
export function checkScores(
  scores: ArrayLike<number>,
  labels: ArrayLike<number | boolean>,
  fn: string,
): CheckedScores {
  if (
    scores === null ||
    labels === null ||
    typeof scores !== 'object' ||
    typeof labels !== 'object' ||
    typeof scores.length !== 'number' ||
    typeof labels.length !== 'number'
  ) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${fn} requires arrays of scores and labels, got ${describeValue(scores)} and ${describeValue(labels)}`,
    );
  }
  if (scores.length !== labels.length) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${fn} requires as many labels as scores, got ${scores.length} scores and ${labels.length} labels`,
    );
  }
  const n = scores.length;
  const s = new Float64Array(n);
  const l = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const score = scores[i];
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${fn} requires finite scores, got ${describeValue(score)} at index ${i}`,
      );
    }
    const label = labels[i];
    if (label !== 0 && label !== 1 && label !== true && label !== false) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${fn} requires labels 0/1 or true/false, got ${describeValue(label)} at index ${i}`,
      );
    }
    s[i] = score;
    l[i] = label === 1 || label === true ? 1 : 0;
    positives += l[i]!;
  }
  return { scores: s, labels: l, positives };
}

/** Indices sorted by score, ascending (ties in input order). */
export function orderByScore(scores: Float64Array): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return order;
}

/**
 * The Mann-Whitney AUC of checked scores: (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0), R_1 the sum of
 * the mid-ranks of the positives, so a tie between a positive and a negative counts one half.
 */
export function mannWhitneyAuc(scores: Float64Array, labels: Uint8Array): number {
  const n = scores.length;
  const order = orderByScore(scores);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (labels[order[t]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
