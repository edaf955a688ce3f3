/**
 * The gamma distribution (shape a, scale 1) and the chi-square distribution (chi-square with k
 * degrees of freedom is 2 x gamma with shape k/2). The regularized incomplete gamma functions
 * P(a, x) and Q(a, x) come from the power series for P when x < a + 1 and from the continued
 * fraction for Q otherwise (Numerical Recipes 6.2; Abramowitz & Stegun 6.5.29 and 6.5.31), so
 * the smaller tail is always computed directly. The common factor x^a e^-x / Gamma(a + 1) is
 * formed from log(1 + t) - t and Stirling's correction for large a (Temme's and Loader's way),
 * which keeps its relative error near 1e-15 where a direct a log x - x - log Gamma(a + 1) would
 * lose digits to cancellation. Quantiles solve the smaller tail by safeguarded Newton steps, in
 * log x for the lower tail. @internal
 */

import { normalQuantile } from './normal.js';
import { solveIncreasing } from './solve.js';
import { LOG_SQRT_2PI, log1pMinus, logGamma, stirlingCorrection } from './special.js';

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100_000;

/** log(x^a e^-x / Gamma(a + 1)) for x > 0. */
function logFactor(x: number, a: number): number {
  if (a < 15) return a * Math.log(x) - x - logGamma(a + 1);
  // Gamma(a + 1) = sqrt(2 pi a) (a / e)^a e^(stirlingCorrection(a)), so the factor is
  // exp(a log(x / a) + a - x) over that; near x = a through log(1 + t) - t with t = (x - a) / a.
  const exponent =
    Math.abs(x - a) <= 0.25 * a ? a * log1pMinus((x - a) / a) : a * Math.log(x / a) + (a - x);
  return exponent - stirlingCorrection(a) - LOG_SQRT_2PI - 0.5 * Math.log(a);
}

/** Both tails [P(a, x), Q(a, x)] of the gamma distribution with shape a at x >= 0. */
function gammaTails(x: number, a: number): [lower: number, upper: number] {
  if (!(x > 0)) return [0, 1];
  if (x === Number.POSITIVE_INFINITY) return [1, 0];
  const factor = Math.exp(logFactor(x, a));
  if (x < a + 1) {
    // P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)).
    let term = 1;
    let sum = 1;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (term <= sum * EPSILON) break;
    }
    const lower = factor * sum;
    return [lower, 1 - lower];
  }
  // Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  const upper = a * factor * h;
  return [1 - upper, upper];
}

/** The gamma density with shape a (scale 1) at x > 0. */
function gammaDensity(x: number, a: number): number {
  return (Math.exp(logFactor(x, a)) * a) / x;
}

/**
 * P(X <= x) for X ~ Gamma(shape, 1), or P(X > x) with `upperTail`. @internal
 */
export function gammaCdf(x: number, shape: number, upperTail = false): number {
  if (Number.isNaN(x) || !(shape > 0)) return Number.NaN;
  const [lower, upper] = gammaTails(x, shape);
  return upperTail ? upper : lower;
}

/**
 * The gamma quantile (shape, scale 1): x with P(X <= x) = p, or P(X > x) = p with `upperTail`.
 * Starts from Wilson-Hilferty (or the small-x power law), then Newton on the log of the smaller
 * tail. @internal
 */
export function gammaQuantile(p: number, shape: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(shape > 0)) return Number.NaN;
  const a = shape;
  if (p === 0) return upperTail ? Number.POSITIVE_INFINITY : 0;
  if (p === 1) return upperTail ? 0 : Number.POSITIVE_INFINITY;
  // Solve the smaller tail; 1 - p is exact for p in [1/2, 1].
  const lowerSmaller = upperTail ? p > 0.5 : p <= 0.5;
  const target = lowerSmaller ? (upperTail ? 1 - p : p) : upperTail ? p : 1 - p;
  const logTarget = Math.log(target);
  // Wilson-Hilferty: (X / a)^(1/3) is nearly normal with mean 1 - 1/(9a) and variance 1/(9a).
  const z = normalQuantile(target, !lowerSmaller);
  const cube = 1 - 1 / (9 * a) + z * Math.sqrt(1 / (9 * a));
  let start = a * cube * cube * cube;
  // For a small lower tail, P(a, x) ~ x^a / Gamma(a + 1).
  const powerLaw = Math.exp((logTarget + logGamma(a + 1)) / a);
  if (
    !(start > 0 && start < Number.POSITIVE_INFINITY) ||
    (lowerSmaller && powerLaw < a && powerLaw < start)
  )
    start = powerLaw;
  if (lowerSmaller) {
    // log P(a, e^u) - log target, increasing in u = log x.
    const u = solveIncreasing(
      (u) => {
        const x = Math.exp(u);
        const lower = gammaTails(x, a)[0];
        return [Math.log(lower) - logTarget, (gammaDensity(x, a) * x) / lower];
      },
      Math.log(start),
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    );
    return Math.exp(u);
  }
  // log target - log Q(a, x), increasing in x.
  return solveIncreasing(
    (x) => {
      if (!(x > 0)) return [Number.NEGATIVE_INFINITY, Number.NaN];
      const upper = gammaTails(x, a)[1];
      return [logTarget - Math.log(upper), gammaDensity(x, a) / upper];
    },
    Math.max(start, Number.MIN_VALUE),
    0,
    Number.POSITIVE_INFINITY,
  );
}

/** P(X <= x) for X ~ chi-square with `degrees` degrees of freedom, or P(X > x) with `upperTail`. @internal */
export function chiSquareCdf(x: number, degrees: number, upperTail = false): number {
  return gammaCdf(x / 2, degrees / 2, upperTail);
}

/** The chi-square quantile with `degrees` degrees of freedom (lower tail, or upper with `upperTail`). @internal */
export function chiSquareQuantile(p: number, degrees: number, upperTail = false): number {
  return 2 * gammaQuantile(p, degrees / 2, upperTail);
}
