import { InternalCustomerError } from '../core/errors.js';
import { normalCriticalValue } from '../core/intervals.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';

/** How the pointwise interval of S(t) is built, as R `survfit(conf.type = ...)`. */
export type ConfidenceType = 'log' | 'log-log' | 'plain';

const CONFIDENCE_TYPES: ReadonlySet<string> = new Set<ConfidenceType>(['log', 'log-log', 'plain']);

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** The interval type; default `log`, as R `survfit`. */
  readonly confType?: ConfidenceType;
  /** The confidence level of the pointwise intervals; default 0.95. */
  readonly level?: number;
  /**
   * Entry times (late entry, left truncation), one per observation: observation i is at risk at t
   * when entry[i] < t <= times[i], as R `Surv(entry, time, status)`. Each is finite, >= 0 and
   * below its time. Default: every observation at risk from 0.
   */
  readonly entry?: ArrayLike<number> | undefined;
}

/** The options kaplanMeier knows (an unknown one is an error). */
const KAPLAN_MEIER_OPTIONS = {
  confType: true,
  level: true,
  entry: true,
} satisfies OptionKeys<KaplanMeierOptions>;

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
  /**
   * Observations with a time on or after `time[i]` (events before censorings at a tie) and, with
   * entry times, an entry before `time[i]`.
   */
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
  /** Observations at risk at each time, given with entry times (else n minus earlier exits). */
  readonly atRisk?: ArrayLike<number>;
}

/** Largest integer time the counting path handles, and its size limit relative to n. */
const COUNTING_MAX = 1 << 26;

/**
 * Checks that times and a second column (events, exits) are arrays or typed arrays of one length.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` otherwise, naming the column. @internal
 */
export function checkPaired(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  name: string,
  functionName: string,
): void {
  if (
    times === null ||
    values === null ||
    typeof times !== 'object' ||
    typeof values !== 'object' ||
    typeof times.length !== 'number' ||
    typeof values.length !== 'number'
  ) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires times and ${name} as arrays or typed arrays`,
    );
  }
  if (values.length !== times.length) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires as many ${name} as times, got ${times.length} times and ${values.length} ${name}`,
    );
  }
}

/**
 * Counts events and censorings by distinct time, and with entry times the number at risk at each
 * (entry < t <= time). Whole-number times within a range proportional to n are counted in typed
 * arrays indexed by time (O(n + max time), no sort); other times are split into event and
 * censoring times, each sorted as a Float64Array (the native numeric sort) and merged, entry times
 * sorted beside them (O(n log n)).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for inputs that are not arrays of one length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a time that is negative, NaN or infinite, an
 * event that is not 0 or 1, and an entry time that is negative, NaN or not below its time.
 * @internal
 */
export function countByTime(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  functionName: string,
  entry?: ArrayLike<number>,
): TimeCounts {
  checkPaired(times, events, 'events', functionName);
  const n = times.length;
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
  if (entry !== undefined) whole = checkEntry(entry, times, functionName) && whole;
  if (whole && max < COUNTING_MAX && max <= 8 * n + 4096) {
    return countWholeTimes(times, events, n, totalEvents, max, entry);
  }
  return countSortedTimes(times, events, n, totalEvents, entry);
}

/**
 * Checks entry times against their exit times; returns whether every entry is a whole number.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for entry times that are not an array of the
 * times' length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an entry that is negative, NaN or not below
 * its time.
 * @internal
 */
export function checkEntry(
  entry: ArrayLike<number>,
  times: ArrayLike<number>,
  functionName: string,
): boolean {
  if (entry === null || typeof entry !== 'object' || entry.length !== times.length) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires one entry time per time, got ${describeLength(entry)} for ${times.length} times`,
    );
  }
  let whole = true;
  for (let i = 0; i < times.length; i++) {
    const a = entry[i]!;
    if (!(a >= 0 && a < times[i]!)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires entry times >= 0 and below their time, got entry ${String(a)} and time ${String(times[i])} at index ${i}`,
      );
    }
    if (whole && a !== Math.floor(a)) whole = false;
  }
  return whole;
}

function describeLength(value: unknown): string {
  return value !== null && typeof value === 'object' && 'length' in value
    ? `${String(value.length)} entry times`
    : String(value);
}

function countWholeTimes(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  n: number,
  totalEvents: number,
  max: number,
  entry: ArrayLike<number> | undefined,
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
  const counts = { time, events: eventCounts, censored: censoredCounts, n, totalEvents };
  if (entry === undefined) return counts;
  // At risk at t: entered before t (entry < t) and not yet left (time >= t).
  const byTimeEntries = new Int32Array(size);
  for (let i = 0; i < n; i++) byTimeEntries[entry[i]!]! += 1;
  const atRisk = new Int32Array(distinct);
  let entered = 0;
  let left = 0;
  row = 0;
  for (let t = 0; t < size; t++) {
    const all = byTimeAll[t]!;
    if (all !== 0) {
      atRisk[row++] = entered - left;
      left += all;
    }
    entered += byTimeEntries[t]!;
  }
  return { ...counts, atRisk };
}

function countSortedTimes(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  n: number,
  totalEvents: number,
  entry: ArrayLike<number> | undefined,
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
  const entryTimes = entry === undefined ? undefined : Float64Array.from(entry).sort();
  const atRisk: number[] = [];
  let entered = 0;
  let i = 0;
  let j = 0;
  const nEvents = eventTimes.length;
  const nCensored = censorTimes.length;
  while (i < nEvents || j < nCensored) {
    const t = Math.min(
      i < nEvents ? eventTimes[i]! : Number.POSITIVE_INFINITY,
      j < nCensored ? censorTimes[j]! : Number.POSITIVE_INFINITY,
    );
    if (entryTimes !== undefined) {
      while (entered < n && entryTimes[entered]! < t) entered += 1;
      atRisk.push(entered - i - j);
    }
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
  const counts = { time, events: eventCounts, censored: censoredCounts, n, totalEvents };
  return entryTimes === undefined ? counts : { ...counts, atRisk };
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
  const given = counts.atRisk;
  for (let row = 0; row < rows; row++) {
    const d = counts.events[row]!;
    const c = counts.censored[row]!;
    if (given !== undefined) risk = given[row]!;
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
 * With `entry` (late entry, left truncation: people hired before the records start, observed only
 * because they were still employed then), observation i is at risk at t when entry_i < t <= t_i,
 * so n_i counts those who have entered before t_i and not left before it; the rest is unchanged.
 * This is R `survfit(Surv(entry, time, status) ~ 1, conf.type = ...)` to 1e-9, with one row per
 * distinct exit time. Without it, people observed only from some tenure on would count as at risk
 * from tenure 0, which overstates survival.
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
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, an event
 * that is not 0 or 1, or an entry time that is negative, NaN or not below its time.
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
 * // R: survfit(Surv(c(0, 0, 2, 4), c(3, 5, 5, 8), c(1, 1, 0, 1)) ~ 1): the third and fourth
 * // entered at tenure 2 and 4.
 * const late = kaplanMeier([3, 5, 5, 8], [1, 1, 0, 1], { entry: [0, 0, 2, 4] });
 * late.atRisk // => [3, 3, 1]
 * late.survival // => [0.6666666666666667, 0.44444444444444453, 0]
 */
export function kaplanMeier(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  checkOptions(options, KAPLAN_MEIER_OPTIONS, 'kaplanMeier');
  const { confType, level } = survivalOptions(options, 'kaplanMeier');
  return kaplanMeierFromCounts(
    countByTime(times, events, 'kaplanMeier', options.entry),
    confType,
    level,
  );
}
