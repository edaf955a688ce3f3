/**
 * Kaplan-Meier quantiles straight from survival times, for callers that summarise thousands of
 * small samples (the scorecards: four curves for each of 10 000 managers). `kmQuantile(
 * kaplanMeier(times, events), p).quantile` builds the whole table with Greenwood intervals and
 * then searches it with R's `approx` steps; this walks the product-limit curve once and applies
 * the same rule, which a property test checks against that composition (kmQuantiles.prop.test.ts):
 *
 * - t1 = the first time the cumulative incidence 1 - S reaches p - tol, t2 = the first time it
 *   reaches p + tol (tol = sqrt(machine epsilon), as R `survival:::quantile.survfit`);
 * - the quantile is (t1 + t2) / 2, which is the jump time where the curve jumps across p and the
 *   middle of a flat stretch where S equals 1 - p;
 * - where S ends exactly at 1 - p, (t1 + the last time) / 2; where it never reaches it, null.
 *
 * The caller passes finite times >= 0 and events of 0 or 1. O(n log n). @internal
 */

const TOLERANCE = Math.sqrt(2.220446049250313e-16);
let buffer = new Float64Array(1024);

/**
 * The Kaplan-Meier quantiles at the probabilities `ps` (each in (0, 1)), in the same order;
 * `null` where the curve does not reach 1 - p. Sorts the event and censoring times separately
 * (typed-array sorts) and merges them. @internal
 */
export function kmQuantiles(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  ps: readonly number[],
): (number | null)[] {
  const n = times.length;
  let eventCount = 0;
  for (let i = 0; i < n; i++) eventCount += events[i]!;
  // Work buffers kept between calls (grown when needed): thousands of small samples in a row.
  if (buffer.length < n) buffer = new Float64Array(Math.max(n, 2 * buffer.length));
  const eventTimes = buffer.subarray(0, eventCount);
  const censorTimes = buffer.subarray(eventCount, n);
  let e = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (events[i] === 1) eventTimes[e++] = times[i]!;
    else censorTimes[c++] = times[i]!;
  }
  eventTimes.sort();
  censorTimes.sort();
  // The curve starts at time 0 with incidence 0.
  const first: (number | null)[] = ps.map((p) => (TOLERANCE >= p ? 0 : null));
  const second: (number | null)[] = ps.map(() => null);
  let risk = n;
  let survival = 1;
  let incidence = 0;
  let last = 0;
  e = 0;
  c = 0;
  while (e < eventCount || c < n - eventCount) {
    const time =
      c >= n - eventCount || (e < eventCount && eventTimes[e]! <= censorTimes[c]!)
        ? eventTimes[e]!
        : censorTimes[c]!;
    let deaths = 0;
    let censored = 0;
    while (e < eventCount && eventTimes[e] === time) {
      deaths++;
      e++;
    }
    while (c < n - eventCount && censorTimes[c] === time) {
      censored++;
      c++;
    }
    if (deaths > 0) {
      // The same operations, in the same order, as kaplanMeierFromCounts (bit-identical S).
      survival = deaths === risk ? 0 : survival * ((risk - deaths) / risk);
      incidence = 1 - survival;
      for (let k = 0; k < ps.length; k++) {
        // As R's approx over incidence +- tol: the same floating-point expressions.
        if (first[k] === null && incidence + TOLERANCE >= ps[k]!) first[k] = time;
        if (second[k] === null && incidence - TOLERANCE >= ps[k]!) second[k] = time;
      }
    }
    risk -= deaths + censored;
    last = time;
  }
  return ps.map((p, k) => {
    const t1 = first[k]!;
    const t2 = second[k]!;
    if (incidence < p || t1 === null) return null;
    if (Math.abs(p - incidence) < TOLERANCE) return (t1 + last) / 2;
    return t2 === null ? null : (t1 + t2) / 2;
  });
}
