/**
 * The beta distribution and Student's t distribution (t's tails are incomplete beta functions:
 * P(T <= -|t|) = I_x(nu/2, 1/2) / 2 with x = nu / (nu + t^2)). The regularized incomplete beta
 * I_x(a, b) comes from its continued fraction (Abramowitz & Stegun 26.5.8; Numerical Recipes 6.4),
 * evaluated on the side where it converges fast, which is also the smaller tail, so both tails are
 * computed directly. Arguments carry x, 1 - x and their logarithms separately, so that a t
 * statistic of 1e300 (x below the smallest double) keeps its tail. Quantiles solve the smaller
 * tail in log x by safeguarded Newton steps.
 *
 * For b = 1/2 with a large and x near 1 (t with many degrees of freedom, as in Welch tests on large
 * samples) the continued fraction needs thousands of terms and loses digits (4e-5 relative at
 * nu = 1e12), so that side comes from DiDonato & Morris's asymptotic expansion in a normal tail
 * instead; the reference grid reaches nu = 1e12. @internal
 */

import { normalCdf } from './normal.js';
import { solveIncreasing } from './solve.js';
import { logGamma, logGammaRatio, stirlingCorrection } from './special.js';

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100_000;

/** A point of (0, 1) given by x, y = 1 - x and their logarithms, each exact to its own precision. */
interface BetaPoint {
  readonly x: number;
  readonly y: number;
  readonly logX: number;
  readonly logY: number;
}

function pointFromX(x: number): BetaPoint {
  const y = 1 - x;
  return { x, y, logX: Math.log(x), logY: Math.log1p(-x) };
}

function pointFromLogX(logX: number): BetaPoint {
  const x = Math.exp(logX);
  const y = -Math.expm1(logX);
  // log(1 - x) from x itself when x is small: log of the rounded 1 - x near 1 keeps too few digits.
  return { x, y, logX, logY: logX < -Math.LN2 ? Math.log1p(-x) : Math.log(y) };
}

/** log B(a, b). */
function logBeta(a: number, b: number): number {
  return a >= b ? logGamma(b) + logGammaRatio(a, b) : logGamma(a) + logGammaRatio(b, a);
}

/** log(x^a y^b / B(a, b)), the density times x y. */
function logFactor(point: BetaPoint, a: number, b: number): number {
  return a * point.logX + b * point.logY - logBeta(a, b);
}

/** I_x(a, b) by its continued fraction (modified Lentz); fast for x < (a + 1) / (a + b + 2). */
function continuedFraction(point: BetaPoint, a: number, b: number): number {
  const { x } = point;
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const twice = 2 * m;
    let coefficient = (m * (b - m) * x) / ((a - 1 + twice) * (a + twice));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    coefficient = (-(a + m) * (sum + m) * x) / ((a + twice) * (a + 1 + twice));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return (Math.exp(logFactor(point, a, b)) * h) / a;
}

/** log(sqrt(pi)) = log Gamma(1/2). */
const LOG_SQRT_PI = 0.5723649429247001;

/** Terms of the large-shape expansion at most; it stops far earlier where it is used. */
const EXPANSION_TERMS = 30;

/**
 * I_x(a, b) for b = 1/2, a >= 15 and x >= 0.7 by the asymptotic expansion of DiDonato & Morris
 * (1992, ACM TOMS 18, Algorithm 708, BGRAT; DLMF 8.18): with T = a + (b - 1) / 2 and
 * z = -T log x, I_x(a, b) = Gamma(a + b) / (Gamma(a) T^b) (Q(b, z) + r sum_n d_n J_n / r), with
 * r = e^-z z^b / Gamma(b) and Q(1/2, z) = 2 P(Z > sqrt(2 z)), a normal tail. A series in
 * (log x)^2 / 4 and 1 / (4 T^2) that needs a few terms where the continued fraction (x near 1, a
 * large: Student's t with many degrees of freedom) needs thousands and loses digits.
 */
function largeShapeExpansion(point: BetaPoint, a: number): number {
  const b = 0.5;
  const shifted = a + 0.5 * (b - 1);
  const z = -shifted * point.logX;
  // log(Gamma(a + b) / (Gamma(a) T^b)), term by term: the large logarithms cancel exactly.
  const logScale =
    (a - 0.5) * Math.log1p(b / a) -
    b +
    b * Math.log1p((b + 1) / (2 * shifted)) +
    stirlingCorrection(a + b) -
    stirlingCorrection(a);
  const logR = -z + b * Math.log(z) - LOG_SQRT_PI;
  const r = Math.exp(logR);
  if (r === 0) return 0;
  const inverseSquare = 0.25 / (shifted * shifted);
  const logSquare = 0.25 * point.logX * point.logX;
  const c = new Float64Array(EXPANSION_TERMS + 1);
  const d = new Float64Array(EXPANSION_TERMS + 1);
  // j is J_n / r (J_0 = Q(b, z)); power is ((log x)^2 / 4)^(n - 1); c_n = 1 / (2n + 1)!.
  let j = (2 * normalCdf(-Math.sqrt(2 * z))) / r;
  let sum = j;
  let power = 1;
  let factorial = 1;
  for (let n = 1; n <= EXPANSION_TERMS; n++) {
    const shape = b + 2 * (n - 1);
    j = (shape * (shape + 1) * j + (z + shape + 1) * power) * inverseSquare;
    power *= logSquare;
    factorial /= 2 * n * (2 * n + 1);
    c[n] = factorial;
    let convolution = 0;
    let coefficient = b - n;
    for (let i = 1; i < n; i++) {
      convolution += coefficient * c[i]! * d[n - i]!;
      coefficient += b;
    }
    d[n] = (b - 1) * factorial + convolution / n;
    const term = d[n]! * j;
    sum += term;
    if (Math.abs(term) <= EPSILON * sum) break;
  }
  return Math.exp(logScale + logR) * sum;
}

/** Both tails [I_x(a, b), 1 - I_x(a, b)] at a point of (0, 1). */
function betaTails(point: BetaPoint, a: number, b: number): [lower: number, upper: number] {
  if (point.x <= 0 && point.logX === Number.NEGATIVE_INFINITY) return [0, 1];
  if (point.y <= 0 && point.logY === Number.NEGATIVE_INFINITY) return [1, 0];
  if (point.x < (a + 1) / (a + b + 2)) {
    const lower = convergentTail(point, a, b);
    return [lower, 1 - lower];
  }
  const swapped = { x: point.y, y: point.x, logX: point.logY, logY: point.logX };
  const upper = convergentTail(swapped, b, a);
  return [1 - upper, upper];
}

/**
 * I_x(a, b) for x < (a + 1) / (a + b + 2): by the continued fraction, or, for b = 1/2 with a large
 * and x near 1 (where the fraction needs thousands of terms and loses digits: 5e-11 relative at
 * a = 5e7), by the asymptotic expansion.
 */
function convergentTail(point: BetaPoint, a: number, b: number): number {
  return b === 0.5 && a >= 15 && point.y <= 0.3
    ? largeShapeExpansion(point, a)
    : continuedFraction(point, a, b);
}

/** The beta density times x: x^a y^b / (B(a, b) y). */
function densityTimesX(point: BetaPoint, a: number, b: number): number {
  return Math.exp(logFactor(point, a, b) - point.logY);
}

/** P(X <= x) for X ~ Beta(a, b), or P(X > x) with `upperTail`. @internal */
export function betaCdf(x: number, a: number, b: number, upperTail = false): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (x <= 0) return upperTail ? 1 : 0;
  if (x >= 1) return upperTail ? 0 : 1;
  const [lower, upper] = betaTails(pointFromX(x), a, b);
  return upperTail ? upper : lower;
}

/**
 * log of the lower-tail beta quantile: log x with I_x(a, b) = p, for p <= 1/2 (the smaller tail;
 * the caller swaps a and b for the other one). Starts from the small-x power law
 * I_x ~ x^a / (a B(a, b)) or from the mean, then Newton in log x.
 */
function logLowerBetaQuantile(p: number, a: number, b: number): number {
  const logP = Math.log(p);
  const powerLaw = (logP + Math.log(a) + logBeta(a, b)) / a;
  const logMean = Math.log(a / (a + b));
  const start = Math.min(powerLaw, logMean);
  return solveIncreasing(
    (u) => {
      if (u >= 0) return [Number.POSITIVE_INFINITY, Number.NaN];
      const point = pointFromLogX(u);
      const lower = betaTails(point, a, b)[0];
      return [Math.log(lower) - logP, densityTimesX(point, a, b) / lower];
    },
    Number.isFinite(start) ? Math.min(start, -1e-300) : -1,
    Number.NEGATIVE_INFINITY,
    0,
  );
}

/** The smaller-tail quantile as a point: x and 1 - x, both accurate. */
function betaQuantilePoint(p: number, a: number, b: number, upperTail: boolean): BetaPoint {
  const lowerP = upperTail ? 1 - p : p;
  if (lowerP <= 0.5) return pointFromLogX(logLowerBetaQuantile(upperTail ? 1 - p : p, a, b));
  // The upper tail of Beta(a, b) at x is the lower tail of Beta(b, a) at 1 - x.
  const mirrored = pointFromLogX(logLowerBetaQuantile(upperTail ? p : 1 - p, b, a));
  return { x: mirrored.y, y: mirrored.x, logX: mirrored.logY, logY: mirrored.logX };
}

/** The beta quantile: x with P(X <= x) = p, or P(X > x) = p with `upperTail`. @internal */
export function betaQuantile(p: number, a: number, b: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return upperTail ? 1 : 0;
  if (p === 1) return upperTail ? 0 : 1;
  return betaQuantilePoint(p, a, b, upperTail).x;
}

/** P(T <= t) for Student's t with `degrees` (> 0, not necessarily whole), or P(T > t) with `upperTail`. @internal */
export function tCdf(t: number, degrees: number, upperTail = false): number {
  if (Number.isNaN(t) || !(degrees > 0)) return Number.NaN;
  if (t === 0) return 0.5;
  const size = Math.abs(t);
  if (size === Number.POSITIVE_INFINITY) return t > 0 === upperTail ? 0 : 1;
  // x = nu / (nu + t^2) = r / (1 + r), with r = nu / t^2 formed without overflow.
  const r = degrees / size / size;
  const logY = -Math.log1p(r);
  // log x = -log(1 + 1/r): directly when 1/r = t^2 / nu is finite (log r - log(1 + r) would
  // cancel for large r, and nu/2 times that error is the tail's), else from log r.
  const inverse = (size / degrees) * size;
  const logX =
    inverse < Number.POSITIVE_INFINITY
      ? -Math.log1p(inverse)
      : Math.log(degrees) - 2 * Math.log(size) + logY;
  const point: BetaPoint = { x: r / (1 + r), y: 1 / (1 + r), logX, logY };
  const [farTail, nearTail] = betaTails(point, degrees / 2, 0.5);
  // The tail beyond |t| is I_x(nu/2, 1/2) / 2; the other side is 1/2 + I_{1-x}(1/2, nu/2) / 2.
  const beyond = farTail / 2;
  const within = 0.5 + nearTail / 2;
  return t > 0 === upperTail ? beyond : within;
}

/** The t quantile with `degrees` degrees of freedom (lower tail, or upper with `upperTail`). @internal */
export function tQuantile(p: number, degrees: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(degrees > 0)) return Number.NaN;
  const lowerP = upperTail ? 1 - p : p;
  // The smaller tail, exactly: 1 - p is exact for p in [1/2, 1].
  const tail = upperTail ? (p <= 0.5 ? p : 1 - p) : p <= 0.5 ? p : 1 - p;
  const sign = lowerP < 0.5 ? -1 : 1;
  if (tail === 0) return sign * Number.POSITIVE_INFINITY;
  if (tail === 0.5) return 0;
  // P(T beyond |t|) = tail = I_x(nu/2, 1/2) / 2: the x side when 2 tail <= 1/2, else 1 - x.
  const point = betaQuantilePoint(2 * tail, degrees / 2, 0.5, false);
  // |t| = sqrt(nu (1 - x) / x), in logs so that x below the smallest double still works.
  const size =
    point.x > 1e-300
      ? Math.sqrt(degrees * (point.y / point.x))
      : Math.exp(0.5 * (Math.log(degrees) + point.logY - point.logX));
  return sign * size;
}
