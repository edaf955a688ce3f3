import type { RandomSource } from '../core/createRandom.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { checkLevel } from '../internal/checkLevel.js';
import type { EnpsCutoffs } from './classifyEnps.js';
import {
  DEFAULT_ENPS_INTERVAL_METHOD,
  type EnpsIntervalMethod,
  enpsIntervalDefinition,
  type UnseededEnpsIntervalMethod,
} from './enpsIntervals/registry.js';
import { enpsVariance } from './enpsIntervals/wald.js';
import { type EnpsTally, type EnpsTallyOptions, enpsTally } from './enpsTally.js';

export type { EnpsIntervalMethod } from './enpsIntervals/registry.js';

/**
 * Options of {@link enps}. `method` is one of `ENPS_INTERVAL_METHODS` (default `adjusted-wald`,
 * Rocks 2016); the methods that resample (`bootstrap`) need a seeded `random`
 * (`createRandom(seed)`), and omitting it is a type error, not only a runtime one.
 */
export type EnpsOptions = EnpsTallyOptions & {
  /** Confidence level. Default 0.95. */
  readonly level?: number;
  /** Bootstrap resamples. Default 10 000. */
  readonly resamples?: number;
} & (
    | {
        /** Interval method, one of `ENPS_INTERVAL_METHODS`. Default `adjusted-wald`. */
        readonly method?: UnseededEnpsIntervalMethod;
        /** Seeded random source (`createRandom(seed)`), required by the methods that resample. */
        readonly random?: RandomSource;
      }
    | {
        /** A method that resamples (`bootstrap`). */
        readonly method: Exclude<EnpsIntervalMethod, UnseededEnpsIntervalMethod>;
        readonly random: RandomSource;
      }
  );

/**
 * An employee NPS with the counts behind it. `score` and everything about it are on the
 * conventional -100..100 scale; `proportions` are 0-1. With no answers, `n` is 0 and the score,
 * its standard error and interval are `null` (never NaN).
 */
export interface EnpsResult {
  readonly n: number;
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
  readonly proportions: {
    readonly detractors: number;
    readonly passives: number;
    readonly promoters: number;
  } | null;
  readonly score: number | null;
  readonly standardError: number | null;
  readonly interval: Interval | null;
  readonly cutoffs: EnpsCutoffs;
  readonly warnings: readonly string[];
}

/** Below this many answers intervals are rough; the result says so. */
const SMALL_N = 30;

/**
 * Employee NPS: the share of promoters minus the share of detractors, as a score from -100 to 100
 * (Bain), with its standard error and a confidence interval.
 *
 * - Variance of one answer coded -1 / 0 / +1: (p + d) - (p - d)^2; SE = sqrt(var / n) (Rocks 2016,
 *   "Interval Estimation for the Net Promoter Score", The American Statistician 70:365).
 * - The interval: `method` is one of `ENPS_INTERVAL_METHODS` (`adjusted-wald` by default,
 *   Rocks' recommendation; `wald`, Tango's `score`, a seeded `bootstrap` ...), each defined and
 *   documented in its own file under `satisfaction/enpsIntervals/`. A method may report its own SE
 *   (the bootstrap's resamples' standard deviation); otherwise the SE is Rocks'.
 *
 * Accepts raw scores (any array, typed array or iterable) or a tally. O(n) to tally, O(1) after for
 * the closed-form methods, O(resamples log resamples) for the bootstrap.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for scores off the scale or not whole.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method, a level outside (0, 1), a
 * method that resamples without `random`, or an invalid option of the method (bootstrap resamples
 * that are not a whole number >= 100).
 *
 * @example
 * const result = enps(enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 }));
 * result.score // => 30
 * result.standardError // => 7.81024968
 * [result.interval?.lower, result.interval?.upper] // => [14.05113018, 44.20129701]
 * enps([]).score // => null
 */
export function enps(
  input: EnpsTally | ArrayLike<number> | Iterable<number>,
  options: EnpsOptions = {},
): EnpsResult {
  const tally = isTally(input) ? input : enpsTally(input, options);
  const level = options.level ?? 0.95;
  checkLevel(level, 'enps');
  const method = enpsIntervalDefinition(options.method ?? DEFAULT_ENPS_INTERVAL_METHOD, 'enps');
  if (method.needsRandom && options.random === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `enps requires a seeded random (createRandom(seed)) for method ${method.id}`,
    );
  }
  method.checkOptions?.(options, 'enps');
  const { n, detractors, passives, promoters } = tally;
  const base = { n, detractors, passives, promoters, cutoffs: tally.cutoffs };
  if (n === 0) {
    return {
      ...base,
      proportions: null,
      score: null,
      standardError: null,
      interval: null,
      warnings: ['no answers: no score'],
    };
  }
  const warnings = n < SMALL_N ? [`only ${n} answers: the interval is rough`] : [];
  const limits = method.interval(tally, level, options);
  const standardError =
    limits.standardError ?? Math.sqrt(enpsVariance(detractors, passives, promoters) / n);
  return {
    ...base,
    proportions: { detractors: detractors / n, passives: passives / n, promoters: promoters / n },
    score: 100 * ((promoters - detractors) / n),
    standardError: 100 * standardError,
    interval: { lower: 100 * limits.lower, upper: 100 * limits.upper, level, method: method.id },
    warnings,
  };
}

/** Whether a value is an {@link EnpsTally}. @internal */
export function isTally(value: unknown): value is EnpsTally {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    'cutoffs' in value &&
    'detractors' in value
  );
}
