import type { Interval } from '../core/estimate.js';
import { checkLevel } from '../internal/checkLevel.js';
import { tQuantile } from '../internal/distributions/index.js';
import { checkAnswer, checkPoints } from './favourability.js';

/** Options of {@link likertScore}. */
export interface LikertScoreOptions {
  /** Points of the scale (answers 1..points), 2 to 11. */
  readonly points: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** A Likert item as a 0-100 score. */
export interface LikertScoreResult {
  readonly n: number;
  readonly skipped: number;
  /** Mean answer on the 1..points scale; `null` with no answers. */
  readonly mean: number | null;
  /** Sample standard deviation (n - 1); `null` with fewer than two answers. */
  readonly standardDeviation: number | null;
  /** (mean - 1) / (points - 1) x 100; `null` with no answers. */
  readonly score: number | null;
  /** Standard error of the score; `null` with fewer than two answers. */
  readonly standardError: number | null;
  /** t interval of the score (n - 1 degrees of freedom), clipped to 0-100; `null` with fewer than two answers. */
  readonly interval: Interval | null;
}

/**
 * A Likert item as a score from 0 to 100 (Viva Glint style): (mean - 1) / (points - 1) x 100,
 * with a t interval on the mean (the same as R `t.test(x)$conf.int`, rescaled). Full precision:
 * rounding is a presentation step (R and Python round half to even, JavaScript's `Math.round`
 * half up).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number from 1 to points.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a scale outside 2-11 points or a level outside (0, 1).
 *
 * @example
 * const result = likertScore([4, 3, 5, 2, 4], { points: 5 });
 * [result.mean, result.score] // => [3.6, 65]
 * result.standardDeviation // => 1.140175425
 */
export function likertScore(
  answers: Iterable<number | null | undefined>,
  options: LikertScoreOptions,
): LikertScoreResult {
  const { points } = options;
  checkPoints(points, 'likertScore');
  const level = options.level ?? 0.95;
  checkLevel(level, 'likertScore');
  let n = 0;
  let skipped = 0;
  let mean = 0;
  let squares = 0;
  for (const answer of answers) {
    if (answer === null || answer === undefined) {
      skipped++;
      continue;
    }
    checkAnswer(answer, points, 'likertScore');
    // Welford's update: stable for long runs of answers.
    n++;
    const delta = answer - mean;
    mean += delta / n;
    squares += delta * (answer - mean);
  }
  const scale = 100 / (points - 1);
  if (n === 0)
    return {
      n,
      skipped,
      mean: null,
      standardDeviation: null,
      score: null,
      standardError: null,
      interval: null,
    };
  const score = (mean - 1) * scale;
  if (n < 2)
    return {
      n,
      skipped,
      mean,
      standardDeviation: null,
      score,
      standardError: null,
      interval: null,
    };
  const standardDeviation = Math.sqrt(squares / (n - 1));
  const standardError = (standardDeviation / Math.sqrt(n)) * scale;
  const t = tQuantile((1 - level) / 2, n - 1, true);
  return {
    n,
    skipped,
    mean,
    standardDeviation,
    score,
    standardError,
    interval: {
      lower: Math.max(0, score - t * standardError),
      upper: Math.min(100, score + t * standardError),
      level,
      method: 't',
    },
  };
}
