import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import {
  countByTime,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeierFromCounts as kaplanMeierTable,
  survivalOptions,
} from './kaplanMeier.js';

/**
 * Events and censorings counted per distinct time: what a Kaplan-Meier curve is computed from, and
 * its mergeable partial result (risk sets follow from the counts).
 */
export interface SurvivalCounts {
  /** Distinct times, ascending. */
  readonly time: readonly number[];
  /** Events at each time. */
  readonly events: readonly number[];
  /** Censorings at each time. */
  readonly censored: readonly number[];
  /** Observations. */
  readonly n: number;
  /** Observations with an event. */
  readonly totalEvents: number;
}

/**
 * Counts events and censorings per distinct time: the streaming form of `kaplanMeier`. Count
 * each chunk of (time, event) pairs, merge with {@link mergeSurvivalCounts} (or count per time in
 * SQL: `GROUP BY tenure` with `SUM(event)` and `COUNT(*) - SUM(event)`), and finish with
 * {@link kaplanMeierFromSurvivalCounts}: the curve equals `kaplanMeier` of all the observations at once.
 *
 * O(n) for whole-number times up to about 8n, else O(n log n).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when times and events are not arrays of one length.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a negative, NaN or infinite time, or an event that is not 0 or 1.
 *
 * @example
 * const counts = survivalCounts([5, 3, 5, 8], [1, 1, 0, 1]);
 * counts.time // => [3, 5, 8]
 * counts.events // => [1, 1, 1]
 * counts.censored // => [0, 1, 0]
 */
export function survivalCounts(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
): SurvivalCounts {
  const counts = countByTime(times, events, 'survivalCounts');
  return {
    time: Array.from(counts.time),
    events: Array.from(counts.events),
    censored: Array.from(counts.censored),
    n: counts.n,
    totalEvents: counts.totalEvents,
  };
}

/**
 * Merges survival counts exactly: events and censorings add at each time (a merge of the sorted
 * times). A monoid (associative, order-free), whose identity is `survivalCounts([], [])`.
 *
 * O(distinct times of all the counts).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for counts whose columns differ in length.
 *
 * @example
 * const merged = mergeSurvivalCounts(survivalCounts([3, 5], [1, 0]), survivalCounts([5, 8], [1, 1]));
 * merged.time // => [3, 5, 8]
 * merged.events // => [1, 1, 1]
 * merged.censored // => [0, 1, 0]
 */
export function mergeSurvivalCounts(...counts: readonly SurvivalCounts[]): SurvivalCounts {
  let time: number[] = [];
  let events: number[] = [];
  let censored: number[] = [];
  let n = 0;
  let totalEvents = 0;
  for (const part of counts) {
    if (part.events.length !== part.time.length || part.censored.length !== part.time.length) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        'mergeSurvivalCounts requires counts with as many events and censorings as times',
      );
    }
    const mergedTime: number[] = [];
    const mergedEvents: number[] = [];
    const mergedCensored: number[] = [];
    let i = 0;
    let j = 0;
    while (i < time.length || j < part.time.length) {
      const a = i < time.length ? time[i]! : Number.POSITIVE_INFINITY;
      const b = j < part.time.length ? part.time[j]! : Number.POSITIVE_INFINITY;
      const t = Math.min(a, b);
      let d = 0;
      let c = 0;
      if (a === t) {
        d += events[i]!;
        c += censored[i]!;
        i++;
      }
      if (b === t) {
        d += part.events[j]!;
        c += part.censored[j]!;
        j++;
      }
      mergedTime.push(t);
      mergedEvents.push(d);
      mergedCensored.push(c);
    }
    time = mergedTime;
    events = mergedEvents;
    censored = mergedCensored;
    n += part.n;
    totalEvents += part.totalEvents;
  }
  return { time, events, censored, n, totalEvents };
}

/** Options of {@link kaplanMeierFromSurvivalCounts}. */
export interface SurvivalCountsCurveOptions extends Pick<KaplanMeierOptions, 'confType' | 'level'> {
  /**
   * With late entry (left truncation): the number at risk at each time of the counts, summed from
   * entry counts (those who entered before t and had not left: entry < t <= time). Default: n
   * minus the exits before each time (everyone observed from time 0).
   */
  readonly atRisk?: readonly number[];
}

/** The options kaplanMeierFromSurvivalCounts knows (an unknown one is an error). */
const COUNTS_OPTIONS = {
  confType: true,
  level: true,
  atRisk: true,
} satisfies OptionKeys<SurvivalCountsCurveOptions>;

/**
 * The Kaplan-Meier curve of counted times: the same result as `kaplanMeier` on all the
 * observations behind the counts (survival, Greenwood sigma, R `survfit` intervals).
 *
 * O(distinct times).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown `confType` or a level outside (0, 1).
 * With `atRisk` (late entry: numbers at risk summed from entry counts, as the warehouse readers
 * do) it equals `kaplanMeier` with the `entry` times behind them.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for counts that do not add up (n, events), or an
 * `atRisk` that is not one whole number per time, at least the exits at that time.
 *
 * @example
 * // R: survfit(Surv(c(3, 5, 5, 8), c(1, 1, 0, 1)) ~ 1)
 * const counts = mergeSurvivalCounts(survivalCounts([3, 5], [1, 1]), survivalCounts([5, 8], [0, 1]));
 * kaplanMeierFromSurvivalCounts(counts).survival // => [0.75, 0.5, 0]
 * // R: survfit(Surv(c(0, 4, 0), c(3, 5, 8), c(1, 1, 1)) ~ 1): at risk 2, 2 and 1
 * kaplanMeierFromSurvivalCounts(survivalCounts([3, 5, 8], [1, 1, 1]), { atRisk: [2, 2, 1] }).survival // => [0.5, 0.25, 0]
 */
export function kaplanMeierFromSurvivalCounts(
  counts: SurvivalCounts,
  options: SurvivalCountsCurveOptions = {},
): KaplanMeierResult {
  checkOptions(options, COUNTS_OPTIONS, 'kaplanMeierFromSurvivalCounts');
  const { confType, level } = survivalOptions(options, 'kaplanMeierFromSurvivalCounts');
  let n = 0;
  let totalEvents = 0;
  for (let row = 0; row < counts.time.length; row++) {
    n += counts.events[row]! + counts.censored[row]!;
    totalEvents += counts.events[row]!;
  }
  if (n !== counts.n || totalEvents !== counts.totalEvents) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `kaplanMeierFromSurvivalCounts requires counts that add up: n ${counts.n} and ${counts.totalEvents} events, but the rows hold ${n} and ${totalEvents}`,
    );
  }
  const { atRisk } = options;
  if (atRisk === undefined) return kaplanMeierTable(counts, confType, level);
  for (let row = 0; row < counts.time.length; row++) {
    const risk = atRisk[row];
    if (
      atRisk.length !== counts.time.length ||
      risk === undefined ||
      !Number.isSafeInteger(risk) ||
      risk < counts.events[row]! + counts.censored[row]!
    ) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `kaplanMeierFromSurvivalCounts requires atRisk as one whole number per time, at least the exits at that time; got ${String(risk)} at index ${row} of ${atRisk.length} for ${counts.time.length} times`,
      );
    }
  }
  return kaplanMeierTable({ ...counts, atRisk }, confType, level);
}
