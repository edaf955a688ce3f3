import { InternalCustomerError } from '../core/errors.js';
import { type Reportable, SUPPRESSED } from './reportable.js';

/** The default minimum number of distinct respondents behind a shown statistic (Culture Amp, Qualtrics, Glint, Lattice, 15Five use 5). */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** The default minimum number of respondents before their comments are shown (as Viva Glint). */
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;

/** The lowest minimum group size the library accepts: below 3, a pair can always subtract each other. */
export const LOWEST_MIN_GROUP_SIZE = 3;

/**
 * Checks a minimum group size option and returns it (the default when undefined).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when it is not a whole number of at least 3.
 *
 * @example
 * resolveMinGroupSize(undefined) // => 5
 * resolveMinGroupSize(8) // => 8
 * resolveMinGroupSize(2) // => throws INVALID_OPTION
 */
export function resolveMinGroupSize(
  minGroupSize: number | undefined,
  fallback: number = DEFAULT_MIN_GROUP_SIZE,
  name = 'minGroupSize',
): number {
  const value = minGroupSize ?? fallback;
  if (!Number.isInteger(value) || value < LOWEST_MIN_GROUP_SIZE) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} requires a whole number of at least ${LOWEST_MIN_GROUP_SIZE}, got ${String(value)}`,
    );
  }
  return value;
}

/** What a survey declares about its own threshold; a `Survey` record (schemas) fits. */
export interface SurveyThreshold {
  /** The survey's own minimum group size, promised to its respondents (at least 3). */
  readonly minGroupSize?: number | undefined;
}

/**
 * The minimum group size that applies to results about the answers of one or more surveys: the
 * largest of the caller's `minGroupSize` (default 5), each survey's own `minGroupSize` (what it
 * promised its respondents) and 3 ({@link LOWEST_MIN_GROUP_SIZE}). A caller can raise the
 * threshold, never lower it below what a survey declared. Every function that reports on a
 * survey's answers uses it, and so should a caller that suppresses such results itself.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the caller's or a survey's value is not a whole number of at least 3.
 *
 * @example
 * effectiveMinGroupSize({}) // => 5
 * effectiveMinGroupSize({}, { minGroupSize: 10 }) // => 10
 * effectiveMinGroupSize({ minGroupSize: 7 }, { minGroupSize: 3 }) // => 7
 * effectiveMinGroupSize({ minGroupSize: 4 }, [{ minGroupSize: 6 }, {}, { minGroupSize: 8 }]) // => 8
 * effectiveMinGroupSize({}, { minGroupSize: 2 }) // => throws INVALID_OPTION
 */
export function effectiveMinGroupSize(
  options: { readonly minGroupSize?: number | undefined },
  surveys?: SurveyThreshold | readonly SurveyThreshold[],
): number {
  const list: readonly SurveyThreshold[] =
    surveys === undefined ? [] : Array.isArray(surveys) ? surveys : [surveys as SurveyThreshold];
  let minimum = resolveMinGroupSize(options.minGroupSize);
  for (const survey of list) {
    if (survey.minGroupSize === undefined) continue;
    minimum = Math.max(
      minimum,
      resolveMinGroupSize(survey.minGroupSize, undefined, "a survey's minGroupSize"),
    );
  }
  return minimum;
}

/** Options of {@link suppressSmallGroup}. */
export interface MinGroupSizeOptions {
  /** Minimum distinct respondents behind a shown value. Default 5; values below 3 are refused. */
  readonly minGroupSize?: number;
}

/**
 * Primary suppression of one cell: shows `value` only when `n`, the number of distinct
 * respondents behind that statistic, reaches the minimum group size. An empty group is
 * suppressed the same way, so the output does not tell the two apart.
 *
 * A single cell is only safe alone; when a report also publishes totals or other breakdowns, use
 * `suppressTable` so nothing can be derived by subtraction.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` when `n` is negative or not whole.
 *
 * @example
 * suppressSmallGroup(31, 7) // => { status: 'shown', value: 31, n: 7 }
 * suppressSmallGroup(31, 4) // => { status: 'suppressed' }
 * suppressSmallGroup(31, 0) // => { status: 'suppressed' }
 * suppressSmallGroup(31, 9, { minGroupSize: 10 }) // => { status: 'suppressed' }
 */
export function suppressSmallGroup<T>(
  value: T,
  n: number,
  options: MinGroupSizeOptions = {},
): Reportable<T> {
  const minimum = resolveMinGroupSize(options.minGroupSize);
  if (!Number.isInteger(n) || n < 0) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `suppressSmallGroup requires n as a whole number >= 0, got ${String(n)}`,
    );
  }
  return n >= minimum ? { status: 'shown', value, n } : SUPPRESSED;
}

/** Options of {@link reportComments} and `reportCommentsFor`. */
export interface CommentOptions {
  /** Minimum respondents before comments are shown. At least 10 applies; below 3 refused. */
  readonly minCommentGroupSize?: number;
  /** The survey the comments answer: its own `minGroupSize` applies when larger. */
  readonly survey?: SurveyThreshold;
}

/**
 * The minimum number of respondents before comments are shown: the largest of 10
 * ({@link DEFAULT_MIN_COMMENT_GROUP_SIZE}), the caller's `minCommentGroupSize` and the survey's
 * own `minGroupSize`. Comments identify people by style and content more easily than numbers, so
 * a caller can raise the threshold but not bring it below 10.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a threshold (the caller's or the survey's) below 3 or not whole.
 *
 * @example
 * effectiveMinCommentGroupSize({}) // => 10
 * effectiveMinCommentGroupSize({ minCommentGroupSize: 6 }) // => 10
 * effectiveMinCommentGroupSize({ minCommentGroupSize: 12, survey: { minGroupSize: 15 } }) // => 15
 */
export function effectiveMinCommentGroupSize(options: CommentOptions): number {
  const caller = resolveMinGroupSize(
    options.minCommentGroupSize,
    DEFAULT_MIN_COMMENT_GROUP_SIZE,
    'minCommentGroupSize',
  );
  return Math.max(
    DEFAULT_MIN_COMMENT_GROUP_SIZE,
    caller,
    effectiveMinGroupSize({ minGroupSize: LOWEST_MIN_GROUP_SIZE }, options.survey),
  );
}

/**
 * Primary suppression of free-text comments, which identify people more easily than numbers (by
 * style and content): they are shown only when the group of respondents reaches a separate,
 * higher threshold, {@link effectiveMinCommentGroupSize} (at least 10, as Viva Glint).
 *
 * One group alone only: comments shown for nested or overlapping groups (a department and its
 * team) can be differenced; release those together with `reportCommentsFor`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a threshold below 3.
 *
 * @example
 * reportComments(['More training'], 12) // => { status: 'shown', value: ['More training'], n: 12 }
 * reportComments(['More training'], 9) // => { status: 'suppressed' }
 * reportComments(['More training'], 12, { survey: { minGroupSize: 15 } }) // => { status: 'suppressed' }
 */
export function reportComments(
  comments: readonly string[],
  respondents: number,
  options: CommentOptions = {},
): Reportable<readonly string[]> {
  return suppressSmallGroup<readonly string[]>(comments, respondents, {
    minGroupSize: effectiveMinCommentGroupSize(options),
  });
}
