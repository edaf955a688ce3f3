/**
 * What an eNPS interval method is: its description (id, label, reference, whether it needs a
 * seeded `random`) and `interval(tally, level, options)`, which computes the limits on the
 * proportion scale (-1..1). Each method has its file in this folder; `registry.ts` lists them, and
 * `enps`, `compareEnps`, `enpsBy`, the error messages and the README's table of methods all come
 * from that list. @internal
 */

import type { RandomSource } from '../../core/createRandom.js';
import { normalCriticalValue } from '../../core/intervals.js';
import type { EnpsTally } from '../enpsTally.js';

/** Options an interval method may read (a subset of `EnpsOptions`). */
export interface EnpsIntervalOptions {
  /** Bootstrap resamples. Default 10 000. */
  readonly resamples?: number;
  /** Seeded random source (`createRandom(seed)`), required by the methods that resample. */
  readonly random?: RandomSource;
}

/** An interval's limits on the proportion scale (-1..1). @internal */
export interface EnpsIntervalLimits {
  readonly lower: number;
  readonly upper: number;
  /**
   * The method's own standard error, when it has one other than Rocks' sqrt(var / n) (the
   * bootstrap's resamples' standard deviation); without it `enps` reports Rocks'.
   */
  readonly standardError?: number;
}

/** A normal approximation: the interval is centre +- z SE. @internal */
export interface NormalApproximation {
  readonly centre: number;
  readonly standardError: number;
}

/** The category counts an approximation needs. @internal */
export interface EnpsCounts {
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
}

/** One eNPS interval method. @internal */
export interface EnpsIntervalDefinition<Id extends string = string> {
  /** The `method` option's value and the `interval.method` of results. */
  readonly id: Id;
  /** A short name for tables and charts. */
  readonly label: string;
  /** What it is and when to use it, in one sentence (the README's table shows it). */
  readonly description: string;
  /** The public source of its definition. */
  readonly reference: string;
  /** Whether it needs a seeded `random` (methods that resample). */
  readonly needsRandom: boolean;
  /**
   * Checks the method's own options before anything is counted.
   *
   * @throws {InternalCustomerError} `INVALID_OPTION` for an invalid option.
   */
  readonly checkOptions?: (options: EnpsIntervalOptions, functionName: string) => void;
  /**
   * For the methods that are a normal approximation: the centre and standard error, on the
   * proportion scale. `compareEnps` adds two groups' variances, so only these methods compare.
   */
  readonly normal?: (tally: EnpsCounts) => NormalApproximation;
  /** The limits for a tally with at least one answer, at `level` (in (0, 1), already checked). */
  readonly interval: (
    tally: EnpsTally,
    level: number,
    options: EnpsIntervalOptions,
  ) => EnpsIntervalLimits;
}

/**
 * Declares a method, keeping its literal id and which optional parts it has, so that the
 * registry's types (`EnpsIntervalMethod`, the methods that compare) follow from the list. @internal
 */
export function defineEnpsInterval<const Definition extends EnpsIntervalDefinition>(
  definition: Definition,
): Definition {
  return definition;
}

/** The limits centre +- z SE of a normal approximation, z = Phi^-1(1 - (1 - level) / 2). @internal */
export function normalLimits(
  approximation: NormalApproximation,
  level: number,
): EnpsIntervalLimits {
  const z = normalCriticalValue(level);
  return {
    lower: approximation.centre - z * approximation.standardError,
    upper: approximation.centre + z * approximation.standardError,
  };
}
