/** How an interval was computed, so a reader can reproduce it. */
export type IntervalMethod =
  | 'wald'
  | 'adjusted-wald'
  | 'score'
  | 'bootstrap'
  | 'newcombe-paired'
  | 'wilson'
  | 'exact-poisson'
  | 'fisher-z'
  | 'bonett-wright'
  | 't'
  | 'log'
  | 'log-log'
  | 'plain';

/** A two-sided confidence interval at `level` (for example 0.95). */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: IntervalMethod;
}

/**
 * A point estimate with its uncertainty and the number of observations behind it. Each function
 * that returns one documents the scale of `value` (a proportion 0-1, a score -100..100, a rate).
 */
export interface Estimate {
  readonly value: number;
  readonly standardError: number;
  readonly interval: Interval;
  readonly n: number;
}
