/**
 * Safeguarded Newton iteration for the quantiles: the root of an increasing function g on
 * (lower, upper), from a start inside. Each step keeps a bracket; a Newton step that leaves it (or
 * a step from an unbounded side) is replaced by bisection or by doubling the distance, so the
 * iteration always converges, and converges quadratically near the root. @internal
 */
export function solveIncreasing(
  /** g(u) and g'(u) at u. */
  evaluate: (u: number) => readonly [value: number, slope: number],
  start: number,
  lower: number,
  upper: number,
): number {
  let low = lower;
  let high = upper;
  let u = start;
  for (let iteration = 0; iteration < 400; iteration++) {
    const [value, slope] = evaluate(u);
    if (value === 0) return u;
    if (value > 0) high = u;
    else low = u;
    let next = u - value / slope;
    if (!(next > low && next < high)) {
      if (Number.isFinite(low) && Number.isFinite(high)) next = low + (high - low) / 2;
      else if (Number.isFinite(low)) next = u + Math.max(1, Math.abs(u));
      else next = u - Math.max(1, Math.abs(u));
    }
    if (Math.abs(next - u) <= 2e-16 * Math.abs(u) || next === low || next === high) return next;
    u = next;
  }
  return u;
}
