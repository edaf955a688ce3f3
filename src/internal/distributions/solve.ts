import { InternalCustomerError } from '../../core/errors.js';

/**
 * Work done by the distributions, for tests that bound it: Newton iterations of the quantiles and
 * terms of the series and continued fractions. Tests reset and read it. @internal
 */
export const work = { iterations: 0, terms: 0 };

/** The error for an evaluation that did not converge: thrown rather than return a wrong value. @internal */
export function notConverged(what: string): never {
  throw new InternalCustomerError(
    'INVALID_OPTION',
    `${what} did not converge for these parameters; no value to the stated accuracy can be given`,
  );
}

/**
 * Safeguarded Newton iteration for the quantiles: the root of an increasing function g on
 * (lower, upper), from a start inside. Each step keeps a bracket; a Newton step that leaves it (or
 * a step from an unbounded side) is replaced by bisection or by doubling the distance, so the
 * iteration always converges, and converges quadratically near the root; 400 iterations without
 * convergence throw. @internal
 */
export function solveIncreasing(
  /** g(u) and g'(u) at u. */
  evaluate: (u: number) => readonly [value: number, slope: number],
  start: number,
  lower: number,
  upper: number,
  /** Steps below this also end the iteration (for a variable whose scale is 1 near 0). */
  absolute = 0,
): number {
  let low = lower;
  let high = upper;
  let u = start;
  for (let iteration = 0; iteration < 400; iteration++) {
    work.iterations++;
    const [value, slope] = evaluate(u);
    if (Number.isNaN(value)) break;
    if (value === 0) return u;
    if (value > 0) high = u;
    else low = u;
    let next = u - value / slope;
    // A step below the rounding of u is convergence (not a step out of the bracket), unless the
    // slope overflowed: then the step is 0 however far the root is, and bisection takes over.
    if (
      slope < Number.POSITIVE_INFINITY &&
      Math.abs(next - u) <= Math.max(2e-16 * Math.abs(u), absolute)
    )
      return next;
    if (!(next > low && next < high)) {
      if (Number.isFinite(low) && Number.isFinite(high)) next = midpoint(low, high);
      else if (Number.isFinite(low)) next = u + Math.max(1, Math.abs(u));
      else next = u - Math.max(1, Math.abs(u));
    }
    if (Math.abs(next - u) <= 2e-16 * Math.abs(u) || next === low || next === high) return next;
    u = next;
  }
  return notConverged('A quantile');
}

/**
 * The middle of a bracket: arithmetic, or geometric when both ends have one sign and lie orders of
 * magnitude apart (a bracket from -4e-4 to 0 around a root at -1e-300 takes 10 such steps, not
 * the 1000 halvings that outlasted the iteration limit for Beta(4e-4, 1)).
 */
function midpoint(low: number, high: number): number {
  const small = Math.max(Math.min(Math.abs(low), Math.abs(high)), Number.MIN_VALUE);
  const large = Math.max(Math.abs(low), Math.abs(high));
  if (low * high < 0 || large <= 16 * small) return low + (high - low) / 2;
  return Math.sign(low + high) * Math.sqrt(small) * Math.sqrt(large);
}
