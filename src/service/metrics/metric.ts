/**
 * What a scorecard metric is: its description (id, practice, unit, target and its source, label)
 * and `compute(slice)`, which measures it for one manager from the columns of their slice. Each
 * practice has a file in this folder; `registry.ts` lists them. @internal
 */

import type { Interval } from '../../core/estimate.js';
import { poissonExactInterval } from '../../core/intervals.js';
import { kmQuantiles } from '../../internal/kmQuantiles.js';
import type { Reportable } from '../../privacy/reportable.js';
import type { ManagerSlice } from './slice.js';

/**
 * The practices of a customer-focused company, in the order of the scorecard: each has its file
 * of metrics in `service/metrics/`.
 */
export const PRACTICES = [
  'listen',
  'on the employee’s terms',
  'resolve problems',
  'right solution',
  'seek ideas',
  'find out needs',
  'summarise to confirm',
  'close the loop',
  'satisfied employee',
  'long relationships',
  'remember occasions',
] as const;

/** A practice of the internal-customer discipline that scorecard metrics mirror. */
export type Practice = (typeof PRACTICES)[number];

/** The unit of a metric's value. */
export type MetricUnit = 'share' | 'days' | 'count' | 'score' | 'rate' | 'years';

/** A metric's value, its target and whether it meets it. */
export interface MetricValue {
  /** The value in the metric's unit; `null` when it is not reached yet (a median beyond all follow-up). */
  readonly value: number | null;
  readonly target: number | null;
  /** `meets` or `below` the target; `null` without a target or a value. */
  readonly assessment: 'meets' | 'below' | null;
  readonly interval?: Interval;
  /** Counts and secondary numbers (p90, by kind, by age). */
  readonly detail?: Readonly<Record<string, number>>;
}

/**
 * What a metric measured for one manager, before its target and suppression: the distinct
 * people behind it (fewer than the minimum group size, or none, suppress it) and the value.
 * @internal
 */
export interface Measurement {
  readonly people: number;
  readonly value: number | null;
  readonly interval?: Interval;
  readonly detail?: Readonly<Record<string, number>>;
  /**
   * For a share of the people's own answers (`fromAnswers`): how many of the `people` had every
   * answer on the counted side, none, or some ({@link ANSWER_CATEGORIES}, adding up to `people`).
   * The privacy gate reads them as one categorical variable: one category holding everyone is
   * the attribute disclosure (a share of 0 or 1).
   */
  readonly answers?: Readonly<Record<AnswerCategory, number>>;
}

/** Where a person's answers fell, for a share of answers: all counted, none, or some. @internal */
export const ANSWER_CATEGORIES = ['all-counted', 'none-counted', 'some-counted'] as const;

/** One of {@link ANSWER_CATEGORIES}. @internal */
export type AnswerCategory = (typeof ANSWER_CATEGORIES)[number];

/** How a metric is described to readers (every field but `compute`). */
export interface MetricDescription<Id extends string = string, P extends Practice = Practice> {
  readonly id: Id;
  /** The customer-service practice it mirrors. */
  readonly practice: P;
  /** A short column title ("1:1 coverage"). */
  readonly label: string;
  readonly definition: string;
  readonly unit: MetricUnit;
  /** Whether a higher value is better (`null` when neither, as for adoption). */
  readonly higherIsBetter: boolean | null;
  /** The default target, or `null` where none is defensible. */
  readonly target: number | null;
  /** Where the default target comes from. */
  readonly source: string;
  /**
   * Whether the value is a share of the employees' own answers (ratings they gave): a share of 0
   * or 1 then tells each one's answer, so the cell is suppressed as any group whose members all
   * gave one answer (DESIGN.md, attribute disclosure; issue 14, leak 8). Shares of what the
   * manager did (one-to-ones held, follow-ups) are not. Its measurements carry `answers`.
   */
  readonly fromAnswers?: boolean;
}

/**
 * A metric of the scorecard: its description and how to measure it for one manager. `compute`
 * reads the slice (the manager's people and records as columns) and returns a measurement, or
 * a cell that went through its own suppression already (team eNPS). It must not keep pooled
 * scratch (`slice.personSet()`, `slice.samples()`) beyond its return. @internal
 */
export interface MetricDefinition<Id extends string = string, P extends Practice = Practice>
  extends MetricDescription<Id, P> {
  readonly compute: (slice: ManagerSlice) => Measurement | Reportable<MetricValue>;
}

/** A metric definition with its id and practice kept as literal types. @internal */
export function defineMetric<const Id extends string, const P extends Practice>(
  definition: MetricDefinition<Id, P>,
): MetricDefinition<Id, P> {
  return definition;
}

/**
 * Median and p90 of survival times (Kaplan-Meier, R's quantile rule; `null` where not reached),
 * with the events and records in the detail; nobody behind it without records. @internal
 */
export function survivalMeasurement(
  times: Float64Array,
  events: Uint8Array,
  count: number,
  people: number,
): Measurement {
  if (count === 0) return { people: 0, value: null };
  const t = times.subarray(0, count);
  const e = events.subarray(0, count);
  const [median, p90] = kmQuantiles(t, e, [0.5, 0.9]);
  let total = 0;
  for (let i = 0; i < count; i++) total += e[i]!;
  return {
    people,
    value: median ?? null,
    detail:
      p90 === undefined || p90 === null
        ? { events: total, records: count }
        : { p90, events: total, records: count },
  };
}

/** The Kaplan-Meier median of survival times (R's quantile rule), `null` where not reached. @internal */
export function survivalMedian(times: Float64Array, events: Uint8Array): number | null {
  return times.length === 0 ? null : (kmQuantiles(times, events, [0.5])[0] ?? null);
}

const garwoodCache = new Map<number, Interval>();
/** The exact Poisson interval of a count, cached: counts repeat across thousands of managers. @internal */
export function garwood(count: number): Interval {
  let interval = garwoodCache.get(count);
  if (interval === undefined) {
    interval = poissonExactInterval(count);
    garwoodCache.set(count, interval);
  }
  return interval;
}
