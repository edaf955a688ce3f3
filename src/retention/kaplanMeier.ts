import { InternalCustomerError } from '../core/errors.js';
import { normalCriticalValue } from '../core/intervals.js';
import { checkLevel } from '../internal/checkLevel.js';

/** How the pointwise interval of S(t) is built, as R `survfit(conf.type = ...)`. */
export type ConfidenceType = 'log' | 'log-log' | 'plain';

const CONFIDENCE_TYPES: ReadonlySet<string> = new Set<ConfidenceType>(['log', 'log-log', 'plain']);

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** The interval type; default `log`, as R `survfit`. */
  readonly confType?: ConfidenceType;
  /** The confidence level of the pointwise intervals; default 0.95. */
  readonly level?: number;
}

/**
 * A Kaplan-Meier table, one entry per distinct time (with an event, a censoring or both), as the
 * columns of R `summary(survfit(...), censored = TRUE)`. Columns are parallel arrays.
 */
export interface KaplanMeierResult {
  /** Observations. */
  readonly n: number;
  /** Observations with an event. */
  readonly totalEvents: number;
  readonly confType: ConfidenceType;
  readonly level: number;
  /** Distinct times, ascending. */
  readonly time: readonly number[];
  /** Observations with a time on or after `time[i]` (events before censorings at a tie). */
  readonly atRisk: readonly number[];
  readonly events: readonly number[];
  readonly censored: readonly number[];
  /** S(t) at `time[i]`: the product over event times t_j <= t of (1 - d_j / n_j). */
  readonly survival: readonly number[];
  /**
   * Greenwood's sigma, the standard error of -log S (R `fit$std.err`): sqrt of the sum over event
   * times t_j <= t of d_j / (n_j (n_j - d_j)). `Infinity` once every one at risk has the event.
   */
  readonly sigma: readonly number[];
  /** The standard error of S itself, sigma x S; null where S is 0 (R: NaN). */
  readonly standardError: readonly (number | null)[];
  /** The lower limit; null where R gives NA (S = 0, and S = 1 for log-log). */
  readonly lower: readonly (number | null)[];
  /** The upper limit; null where R gives NA (S = 0, and S = 1 for log-log). */
  readonly upper: readonly (number | null)[];
}

/** Distinct times with their counts, ascending. @internal */
export interface TimeCounts {
  readonly time: ArrayLike<number>;
  readonly events: ArrayLike<number>;
  readonly censored: ArrayLike<number>;
  readonly n: number;
  readonly totalEvents: number;
}

/** Largest integer time the counting path handles, and its size limit relative to n. */
const COUNTING_MAX = 1 << 26;

/**
 * Counts events and censorings by distinct time. Whole-number times within a range proportional
 * to n are counted in two typed arrays indexed by time (O(n + max time), no sort); other times are
 * split into event and censoring times, each sorted as a Float64Array (the native numeric sort)
 * and merged (O(n log n)).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for inputs that are not arrays of one length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a time that is negative, NaN or infinite and
 * for an event that is not 0 or 1. @internal
 */
export function countByTime(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  functionName: string,
): TimeCounts {
  if (
    times === null ||
    events === null ||
    typeof times !== 'object' ||
    typeof events !== 'object' ||
    typeof times.length !== 'number' ||
    typeof events.length !== 'number'
  ) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires times and events as arrays or typed arrays`,
    );
  }
  const n = times.length;
  if (events.length !== n) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires as many events as times, got ${n} times and ${events.length} events`,
    );
  }
  let totalEvents = 0;
  let max = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    const e = events[i]!;
    if (!(t >= 0 && t < Number.POSITIVE_INFINITY)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires finite times >= 0, got ${String(t)} at index ${i}`,
      );
    }
    if (e !== 1 && e !== 0) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires events of 0 (censored) or 1 (event), got ${String(e)} at index ${i}`,
      );
    }
    totalEvents += e;
    if (t > max) max = t;
    if (whole && t !== Math.floor(t)) whole = false;
  }
  if (whole && max < COUNTING_MAX && max <= 8 * n + 4096) {
    return countWholeTimes(times, events, n, totalEvents, max);
  }
  return countSortedTimes(times, events, n, totalEvents);
}

function countWholeTimes(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  n: number,
  totalEvents: number,
  max: number,
): TimeCounts {
  const size = max + 1;
  const byTimeEvents = new Int32Array(size);
  const byTimeAll = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    byTimeAll[t]! += 1;
    byTimeEvents[t]! += events[i]!;
  }
  let distinct = 0;
  for (let t = 0; t < size; t++) if (byTimeAll[t] !== 0) distinct += 1;
  const time = new Float64Array(distinct);
  const eventCounts = new Int32Array(distinct);
  const censoredCounts = new Int32Array(distinct);
  let row = 0;
  for (let t = 0; t < size; t++) {
    const all = byTimeAll[t]!;
    if (all === 0) continue;
    const d = byTimeEvents[t]!;
    time[row] = t;
    eventCounts[row] = d;
    censoredCounts[row] = all - d;
    row += 1;
  }
  return { time, events: eventCounts, censored: censoredCounts, n, totalEvents };
}

function countSortedTimes(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  n: number,
  totalEvents: number,
): TimeCounts {
  const eventTimes = new Float64Array(totalEvents);
  const censorTimes = new Float64Array(n - totalEvents);
  let e = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    // + 0 turns -0 into 0, so that the two zeros sort and print as one time.
    if (events[i] === 1) eventTimes[e++] = times[i]! + 0;
    else censorTimes[c++] = times[i]! + 0;
  }
  eventTimes.sort();
  censorTimes.sort();
  const time: number[] = [];
  const eventCounts: number[] = [];
  const censoredCounts: number[] = [];
  let i = 0;
  let j = 0;
  const nEvents = eventTimes.length;
  const nCensored = censorTimes.length;
  while (i < nEvents || j < nCensored) {
    const t = Math.min(
      i < nEvents ? eventTimes[i]! : Number.POSITIVE_INFINITY,
      j < nCensored ? censorTimes[j]! : Number.POSITIVE_INFINITY,
    );
    let d = 0;
    while (i < nEvents && eventTimes[i] === t) {
      d += 1;
      i += 1;
    }
    let k = 0;
    while (j < nCensored && censorTimes[j] === t) {
      k += 1;
      j += 1;
    }
    time.push(t);
    eventCounts.push(d);
    censoredCounts.push(k);
  }
  return { time, events: eventCounts, censored: censoredCounts, n, totalEvents };
}

/**
 * The Kaplan-Meier table of counted times: survival, Greenwood sigma and the pointwise interval
 * of R `survfit_confint`. `scale` divides the times (a unit change), which leaves every other
 * column as it is. O(distinct times). @internal
 */
export function kaplanMeierFromCounts(
  counts: TimeCounts,
  confType: ConfidenceType,
  level: number,
  scale = 1,
): KaplanMeierResult {
  const z = normalCriticalValue(level);
  const rows = counts.time.length;
  const time: number[] = [];
  const atRisk: number[] = [];
  const eventsColumn: number[] = [];
  const censoredColumn: number[] = [];
  const survival: number[] = [];
  const sigma: number[] = [];
  const standardError: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  let risk = counts.n;
  let s = 1;
  let greenwood = 0;
  for (let row = 0; row < rows; row++) {
    const d = counts.events[row]!;
    const c = counts.censored[row]!;
    if (d > 0) {
      if (d === risk) {
        s = 0;
        greenwood = Number.POSITIVE_INFINITY;
      } else {
        s *= (risk - d) / risk;
        greenwood += d / (risk * (risk - d));
      }
    }
    const g = Math.sqrt(greenwood);
    time.push(scale === 1 ? counts.time[row]! : counts.time[row]! / scale);
    atRisk.push(risk);
    eventsColumn.push(d);
    censoredColumn.push(c);
    survival.push(s);
    sigma.push(g);
    standardError.push(s === 0 ? null : g * s);
    if (s === 0) {
      lower.push(null);
      upper.push(null);
    } else if (confType === 'log') {
      const width = z * g;
      lower.push(s * Math.exp(-width));
      upper.push(Math.min(s * Math.exp(width), 1));
    } else if (confType === 'log-log') {
      if (s === 1) {
        lower.push(null);
        upper.push(null);
      } else {
        const logS = Math.log(s);
        const width = (z * g) / logS;
        const centre = Math.log(-logS);
        lower.push(Math.exp(-Math.exp(centre - width)));
        upper.push(Math.exp(-Math.exp(centre + width)));
      }
    } else {
      const width = z * g * s;
      lower.push(Math.max(s - width, 0));
      upper.push(Math.min(s + width, 1));
    }
    risk -= d + c;
  }
  return {
    n: counts.n,
    totalEvents: counts.totalEvents,
    confType,
    level,
    time,
    atRisk,
    events: eventsColumn,
    censored: censoredColumn,
    survival,
    sigma,
    standardError,
    lower,
    upper,
  };
}

/**
 * Checks the options shared by the survival functions.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown interval type or a level
 * outside (0, 1). @internal
 */
export function survivalOptions(
  options: KaplanMeierOptions,
  functionName: string,
): { confType: ConfidenceType; level: number } {
  const confType = options.confType ?? 'log';
  if (!CONFIDENCE_TYPES.has(confType)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires confType 'log', 'log-log' or 'plain', got ${JSON.stringify(confType)}`,
    );
  }
  const level = options.level ?? 0.95;
  checkLevel(level, functionName);
  return { confType, level };
}

/**
 * The Kaplan-Meier estimate of a survival curve with right censoring (Kaplan & Meier 1958): for
 * tenure, leavers are events at their tenure and current employees are censored at theirs.
 *
 * S(t) = prod over event times t_i <= t of (1 - d_i / n_i), where n_i counts those with a time on
 * or after t_i: at a time where events and censorings tie, events come first (those censored at
 * t_i are still at risk at t_i). Greenwood's sigma^2(t) = sum d_i / (n_i (n_i - d_i)) is the
 * variance of -log S; the pointwise intervals are R's: `log` S exp(+-z sigma) with the upper limit
 * capped at 1; `log-log` exp(-exp(log(-log S) +- z sigma / log S)); `plain` S +- z sigma S clipped
 * to [0, 1]. Matches R survival 3.5.3 `survfit(Surv(time, status) ~ 1, conf.type = ...)` to 1e-9,
 * including its NA (here null) limits where S is 0, or 1 for log-log. Times are compared exactly
 * (R's `timefix` also merges times within about 1e-8 of each other: round your times first).
 * See https://www.rdocumentation.org/packages/survival/versions/3.5-3/topics/survfit.formula.
 *
 * Use it for "how long do people stay" with people still employed; `tenureSurvival` builds the
 * times from people. Accepts plain arrays and typed arrays (Float64Array, Int32Array, Uint8Array
 * for events ...).
 *
 * O(n) for whole-number times up to about 8n (days of tenure: counted by time, no sort), else
 * O(n log n) (event and censoring times sorted separately as Float64Arrays). Memory O(n).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when times and events are not arrays of one
 * length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, or an event
 * that is not 0 or 1.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown `confType` or a level outside
 * (0, 1).
 *
 * @example
 * // R: survfit(Surv(c(3, 5, 5, 8), c(1, 1, 0, 1)) ~ 1)
 * const km = kaplanMeier([3, 5, 5, 8], [1, 1, 0, 1]);
 * km.time // => [3, 5, 8]
 * km.atRisk // => [4, 3, 1]
 * km.survival // => [0.75, 0.5, 0]
 * km.lower // => [0.425932268498, 0.187658928707, null]
 * km.upper // => [1, 1, null]
 * kaplanMeier([1, 2], [1, 2]) // => throws OUT_OF_RANGE
 */
export function kaplanMeier(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const { confType, level } = survivalOptions(options, 'kaplanMeier');
  return kaplanMeierFromCounts(countByTime(times, events, 'kaplanMeier'), confType, level);
}
