/**
 * The beta distribution and Student's t distribution (t's tails are incomplete beta functions:
 * P(T <= -|t|) = I_x(nu/2, 1/2) / 2 with x = nu / (nu + t^2)). The regularized incomplete beta
 * I_x(a, b) comes from its continued fraction (Abramowitz & Stegun 26.5.8; Numerical Recipes 6.4),
 * evaluated on the side where it converges fast, which is also the smaller tail but beside a shape
 * below 1/2 (its mass piled at its end), where the other tail comes from its own series: so both
 * tails are computed directly. Arguments carry x, 1 - x and their logarithms separately, so that a t
 * statistic of 1e300 (x below the smallest double) keeps its tail. Quantiles solve the smaller
 * tail in log x or log(1 - x), whichever side of 1/2 the root lies, by safeguarded Newton steps.
 *
 * Large shapes have their own expansions, where the continued fraction needs terms growing as the
 * square root of the shapes and loses digits to the rounding of x: for a far larger than b < 100
 * and x near 1 (t with many degrees of freedom, Clopper-Pearson on large samples) DiDonato &
 * Morris's BGRAT, in an incomplete gamma tail; for a and b both from 100 up near the mean, whatever
 * their ratio (as in their TOMS 708), their BASYM (Temme 1992), in a normal tail; their quantiles are solved in a standard score, where the tails
 * stay smooth when x's doubles are too coarse to resolve them. From 1e25 degrees of freedom up
 * (and at infinity) t is the normal. The reference grid reaches shapes of 1e300. A value that
 * cannot be computed to the stated accuracy throws INVALID_OPTION rather than come out wrong.
 * @internal
 */

import { InternalCustomerError } from '../../core/errors.js';
import { gammaCdf } from './gamma.js';
import { normalCdf, normalMillsRatio, normalQuantile } from './normal.js';
import { notConverged, solveIncreasing, work } from './solve.js';
import {
  LOG_SQRT_2PI,
  log1pMinus,
  logGamma,
  logGammaIncrement,
  logGammaOnePlus,
  logGammaRatio,
  stirlingCorrection,
} from './special.js';

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

/**
 * log(x^a y^b / B(a, b)), the density times x y. Beside a large shape (from 15 up) the smaller
 * shape s's power of its coordinate c (x for a, y for b) and the log(a + b)^s inside B(a, b) are
 * taken together, as s log(c (a + b)): apart, both are near s log(a + b) (553 for b = 2.4e240) and
 * their roundings left 1.4e-13 relative in the tails of a = 1 at x = 1 / (1 + b), more than the
 * steps of the CDF there (a monotonicity counterexample fast-check found).
 */
function logFactorOf(point: BetaPoint, a: number, b: number): number {
  if (Math.min(a, b) >= BALANCED_FROM) {
    // Not finite only where lambda's exact products overflow (shapes beyond 1e292).
    const balanced = balancedLogFactor(point, a, b);
    if (Number.isFinite(balanced)) return balanced;
  }
  const sum = a + b;
  const [small, large, coordinate, logLarge] =
    a <= b ? [a, b, point.x, point.logY] : [b, a, point.y, point.logX];
  const scaled = coordinate * sum;
  if (large < 15 || !(scaled >= 1e-300 && scaled < Number.POSITIVE_INFINITY))
    return a * point.logX + b * point.logY - logBeta(a, b);
  // log B(s, L) + s log(a + b) = log Gamma(s) - (L - 1/2) log(1 + s/L) + s + the Stirling corrections.
  return (
    small * Math.log(scaled) +
    large * logLarge -
    logGamma(small) +
    (large - 0.5) * Math.log1p(small / large) -
    small -
    stirlingCorrection(large) +
    stirlingCorrection(sum)
  );
}

/** From this smaller shape up, the factor x^a y^b / B(a, b) is formed about the mean (TOMS 708's BRCOMP). */
const BALANCED_FROM = 15;

/**
 * log(x^a y^b / B(a, b)) for a, b >= 15, as DiDonato & Morris's BRCOMP forms it: with
 * lambda = (a + b) y - b, x^a y^b = e^-f (a / (a + b))^a (b / (a + b))^b where
 * f = a rlog(-lambda / a) + b rlog(lambda / b), rlog(t) = t - log(1 + t), and Stirling's
 * series leaves log(sqrt(a b / (a + b)) / sqrt(2 pi)) less the corrections' difference. Each
 * part is of the size of the result: a log x + b log y - log B(a, b) cancelled from -3000 to -80
 * and kept 2.7e-12 of I_x(2000, 3000) at x = 0.317 (issue 20). Away from the mean (|t| > 0.6)
 * rlog(t) is t - log(x / x0) from log x itself, which keeps a tiny x's digits.
 */
function balancedLogFactor(point: BetaPoint, a: number, b: number): number {
  const sum = a + b;
  const lambda = lambdaOf(point, a, b);
  const e = -lambda / a;
  const f = lambda / b;
  const u = Math.abs(e) > 0.6 ? e - (point.logX - Math.log(a / sum)) : -log1pMinus(e);
  const v = Math.abs(f) > 0.6 ? f - (point.logY - Math.log(b / sum)) : -log1pMinus(f);
  const correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum);
  return -(a * u + b * v) + 0.5 * Math.log((a / sum) * b) - LOG_SQRT_2PI - correction;
}

/** I_x(a, b) by its continued fraction (modified Lentz); fast for x < (a + 1) / (a + b + 2). */
function continuedFraction(point: BetaPoint, a: number, b: number): number {
  const { x } = point;
  // x^a y^b / (a B(a, b)). With both shapes small, 1 / (a B(a, b)) is b / (a + b) times
  // Gamma(1 + a + b) / (Gamma(1 + a) Gamma(1 + b)), and no logarithm of a shape is taken: log B
  // is near -log b there, whose exp keeps only 1e-13 at b = 1e-280 (fast-check found the CF and
  // the complement 1.1e-13 apart at a = 8.6e-281, b = 5e-23).
  const bothSmall = a + b <= SMALL_SHAPE;
  const logFactor = bothSmall
    ? a * point.logX +
      b * point.logY +
      logGammaOnePlus(a + b) -
      logGammaOnePlus(a) -
      logGammaOnePlus(b)
    : logFactorOf(point, a, b) - Math.log(a);
  // Far out (a shape of 1e300 beside a small one) the tail is below e^-1500 times a factor far
  // under e^700: 0, where the fraction would take millions of terms to say so.
  if (logFactor < -1500) return 0;
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; ; m++) {
    if (m === MAX_TERMS || Number.isNaN(h)) notConverged('The beta CDF');
    work.terms++;
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
    // Two ulps of 1, not EPSILON: the steps can settle at 1 - 2.2e-16 for good (I_0.001(1.5e-56,
    // 1/2) ran out of terms so, found by fast-check).
    if (Math.abs(delta - 1) <= 2 * Number.EPSILON) break;
  }
  return (bothSmall ? b / (a + b) : 1) * Math.exp(logFactor) * h;
}

/**
 * Where the expansion below is used: x >= 0.7 with a >= 15 and a far larger than b (a >= 100 b and
 * b^3 <= a^2 / 100, where its terms fall fast), and always for b = 1/2 (Student's t). There the
 * continued fraction needs terms growing as sqrt(a) and loses digits to the rounding of x near 1
 * (1e-7 at a = 1e10, b = 100; 3e-8 at t with 1e22 degrees of freedom).
 */
function usesExpansion(point: BetaPoint, a: number, b: number): boolean {
  return a >= 15 && point.y <= 0.3 && (b === 0.5 || (a >= 100 * b && b * b * b <= 0.01 * a * a));
}

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
function largeShapeExpansion(point: BetaPoint, a: number, b: number): number {
  const shifted = a + 0.5 * (b - 1);
  const z = -shifted * point.logX;
  // log(Gamma(a + b) / (Gamma(a) T^b)), term by term: the large logarithms cancel exactly.
  const logScale =
    (a - 0.5) * Math.log1p(b / a) -
    b +
    b * Math.log1p((b + 1) / (2 * shifted)) +
    stirlingCorrection(a + b) -
    stirlingCorrection(a);
  const logR = -z + b * Math.log(z) - logGamma(b);
  const r = Math.exp(logR);
  if (r === 0) return 0;
  const inverseSquare = 0.25 / (shifted * shifted);
  const logSquare = 0.25 * point.logX * point.logX;
  const c = new Float64Array(EXPANSION_TERMS + 1);
  const d = new Float64Array(EXPANSION_TERMS + 1);
  // j is J_n / r (J_0 = Q(b, z)); power is ((log x)^2 / 4)^(n - 1); c_n = 1 / (2n + 1)!.
  let j = gammaCdf(z, b, true) / r;
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

/** [high, low] with high + low = u * v exactly (Dekker's product, Veltkamp's split). */
function exactProduct(u: number, v: number): [high: number, low: number] {
  const high = u * v;
  const split = (w: number) => {
    const c = 134217729 * w;
    const top = c - (c - w);
    return [top, w - top] as const;
  };
  const [uTop, uBottom] = split(u);
  const [vTop, vBottom] = split(v);
  return [high, uTop * vTop - high + uTop * vBottom + uBottom * vTop + uBottom * vBottom];
}

/**
 * lambda = (a + b) y - b = a y - b x, exact to a rounding of its own although its terms are up to
 * 1e300 times larger: the tails of large shapes depend on it to a relative 1e-16 (y = 1 - x is
 * exact for x >= 1/2, and for x < 1/2 lambda is a - a x - b x).
 */
function lambdaOf(point: BetaPoint, a: number, b: number): number {
  const [bxHigh, bxLow] = exactProduct(b, point.x);
  if (point.x >= 0.5) {
    const [ayHigh, ayLow] = exactProduct(a, point.y);
    return ayHigh - bxHigh + (ayLow - bxLow);
  }
  const [axHigh, axLow] = exactProduct(a, point.x);
  const sum = axHigh + bxHigh;
  // Two-sum: the rounding error of axHigh + bxHigh.
  const virtual = sum - axHigh;
  const error = axHigh - (sum - virtual) + (bxHigh - virtual);
  return a - sum - (error + axLow + bxLow);
}

/** 2 / sqrt(pi) and 2^(-3/2), BASYM's e0 and e1. */
const E0 = 1.1283791670955126;
const E1 = 0.3535533905932738;
/** Terms of BASYM's series at most (TOMS 708's num). */
const BASYM_TERMS = 20;

/**
 * I_x(a, b) for a, b >= 100 and 0 <= lambda = (a + b) y - b <= 0.03 min(a, b) (x at or below the
 * mean, within a few hundred standard deviations), by the asymptotic expansion for large a and b
 * of Temme (1992) as DiDonato & Morris's BASYM computes it (ACM TOMS 18, Algorithm 708). The
 * continued fraction needs terms growing as sqrt(min(a, b)) there and loses digits (1.7e-10 at
 * a = b = 1e5; negative at 1e15).
 */
function basym(a: number, b: number, lambda: number): number {
  const f = exponentOf(lambda, a, b);
  const t = Math.exp(-f);
  if (t === 0) return 0;
  const z0 = Math.sqrt(f);
  const z = (0.5 * z0) / E1;
  const z2 = f + f;
  const h = a < b ? a / b : b / a;
  const r0 = 1 / (1 + h);
  const r1 = (b - a) / Math.max(a, b);
  const w0 = 1 / Math.sqrt(Math.min(a, b) * (1 + h));
  const a0 = new Float64Array(BASYM_TERMS + 1);
  const b0 = new Float64Array(BASYM_TERMS + 1);
  const c = new Float64Array(BASYM_TERMS + 1);
  const d = new Float64Array(BASYM_TERMS + 1);
  a0[0] = (2 / 3) * r1;
  c[0] = -0.5 * a0[0];
  d[0] = -c[0];
  // j0 = e^(z0^2) erfc(z0) / (2 e0), through Mills' ratio of the normal.
  let j0 = E1 * normalMillsRatio(Math.SQRT2 * z0);
  let j1 = E1;
  let sum = j0 + d[0] * w0 * j1;
  let s = 1;
  const h2 = h * h;
  let hn = 1;
  let w = w0;
  let znm1 = z;
  let zn = z2;
  for (let n = 2; n <= BASYM_TERMS; n += 2) {
    hn *= h2;
    a0[n - 1] = (2 * r0 * (1 + h * hn)) / (n + 2);
    s += hn;
    a0[n] = (2 * r1 * s) / (n + 3);
    for (let i = n; i <= n + 1; i++) {
      const r = -0.5 * (i + 1);
      b0[0] = r * a0[0];
      for (let m = 2; m <= i; m++) {
        let bsum = 0;
        for (let j = 1; j < m; j++) bsum += (j * r - (m - j)) * a0[j - 1]! * b0[m - j - 1]!;
        b0[m - 1] = r * a0[m - 1]! + bsum / m;
      }
      c[i - 1] = b0[i - 1]! / (i + 1);
      let dsum = 0;
      for (let j = 1; j < i; j++) dsum += d[i - j - 1]! * c[j - 1]!;
      d[i - 1] = -(dsum + c[i - 1]!);
    }
    j0 = E1 * znm1 + (n - 1) * j0;
    j1 = E1 * zn + n * j1;
    znm1 *= z2;
    zn *= z2;
    w *= w0;
    const t0 = d[n - 1]! * w * j0;
    w *= w0;
    const t1 = d[n]! * w * j1;
    sum += t0 + t1;
    work.terms++;
    if (Math.abs(t0) + Math.abs(t1) <= EPSILON * sum) break;
  }
  const correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(a + b);
  return E0 * t * Math.exp(-correction) * sum;
}

/** BASYM is used from this smaller shape up, for |lambda| <= BASYM_WIDTH min(a, b). */
const BASYM_FROM = 100;
const BASYM_WIDTH = 0.03;

/** a, b >= 100 and lambda = (a + b) y - b: both tails by BASYM, or undefined if lambda is too far out. */
function largeShapeTails(
  lambda: number,
  a: number,
  b: number,
): [lower: number, upper: number] | undefined {
  // TOMS 708's region, widened to where BASYM's terms still fall by 6 a step (f <= min(a, b) / 40,
  // 20 terms): the continued fraction loses digits there for large shapes (1.4e-10 at a = b = 1e5).
  const exponent = exponentOf(lambda, a, b);
  const smaller = Math.min(a, b);
  if (Math.abs(lambda) <= BASYM_WIDTH * smaller || exponent <= smaller / 40) {
    if (lambda >= 0) {
      const lower = basym(a, b, lambda);
      return [lower, 1 - lower];
    }
    const upper = basym(b, a, -lambda);
    return [1 - upper, upper];
  }
  // Farther out the smaller tail is below e^-f times a factor under 1e154, so it is 0 when f
  // passes 1500; the continued fraction is left for shapes below about 3e6.
  if (exponent > 1500) return lambda > 0 ? [0, 1] : [1, 0];
  return undefined;
}

/** f = a rlog(-lambda / a) + b rlog(lambda / b), with rlog(t) = t - log(1 + t): x^a y^b = e^-f (a/(a+b))^a (b/(a+b))^b. */
function exponentOf(lambda: number, a: number, b: number): number {
  return -a * log1pMinus(-lambda / a) - b * log1pMinus(lambda / b);
}

/** Both tails [I_x(a, b), 1 - I_x(a, b)] at a point of (0, 1). */
function betaTails(point: BetaPoint, a: number, b: number): [lower: number, upper: number] {
  if (point.x <= 0 && point.logX === Number.NEGATIVE_INFINITY) return [0, 1];
  if (point.y <= 0 && point.logY === Number.NEGATIVE_INFINITY) return [1, 0];
  // BASYM (or its underflow bound) whenever both shapes are from 100 up, as in TOMS 708 and
  // whatever their ratio: BGRAT beside a shape of 1e8 or more lost its digits to -z + b log z and
  // Gamma(a + b) / Gamma(a) (5e-7 at a = 1.3e8, b = 2.2e13; NaN at a = 4e74, b = 1.6e165), and the
  // continued fraction ran out of terms (a = 1.8e8, b = 1e300); BASYM is 1e-16 there.
  if (Math.min(a, b) >= BASYM_FROM) {
    const tails = largeShapeTails(lambdaOf(point, a, b), a, b);
    if (tails) return tails;
  }
  // x < (a + 1) / (a + b + 2), decided on y near 1 (x rounds to 1 for t with 1e17 degrees of freedom).
  // A shape below 1/2 piles its mass at its end, where that tail nears 1 and the other is taken
  // directly rather than as 1 minus it (which kept 1e-8 of 1 - I_x(1e-8, 0.2) at x = 1e-5).
  if (point.x <= 0.5 ? point.x < (a + 1) / (a + b + 2) : point.y > (b + 1) / (a + b + 2)) {
    const lower = convergentTail(point, a, b);
    if (lower <= 0.5 || a >= SMALL_SHAPE) return [lower, 1 - lower];
    const upper = smallShapeComplement(point, a, b);
    return [1 - upper, upper];
  }
  const upper = convergentTail(mirror(point), b, a);
  if (upper <= 0.5 || b >= SMALL_SHAPE) return [1 - upper, upper];
  const lower = smallShapeComplement(mirror(point), b, a);
  return [lower, 1 - lower];
}

/** Below this shape, the tail beyond its pile of mass comes from smallShapeComplement. */
const SMALL_SHAPE = 0.5;

/**
 * 1 - I_x(a, b) for a < 1/2 and x below (a + 1) / (a + b + 2), directly: from the power series
 * I_x(a, b) = x^a / (a B(a, b)) (1 + a S) with S = sum_n>=1 (1 - b)_n x^n / (n! (a + n)) (DLMF
 * 8.17.7; TOMS 708's BPSER), 1 - I_x = -expm1(E) - e^E a S with E = a log x - log(a B(a, b)) and
 * log(a B(a, b)) = log Gamma(1 + a) - (log Gamma(b + a) - log Gamma(b)), each of order a and
 * formed as such (as Q(a, x) in gamma.ts).
 */
function smallShapeComplement(point: BetaPoint, a: number, b: number): number {
  let term = 1;
  let sum = 0;
  for (let n = 1; ; n++) {
    if (n === MAX_TERMS) notConverged('The beta CDF');
    work.terms++;
    term *= ((n - b) * point.x) / n;
    const next = term / (a + n);
    sum += next;
    if (Math.abs(next) <= EPSILON * Math.abs(sum)) break;
  }
  const exponent = a * point.logX - logGammaOnePlus(a) + logGammaIncrement(b, a);
  return -Math.expm1(exponent) - Math.exp(exponent) * a * sum;
}

/**
 * I_x(a, b) for x < (a + 1) / (a + b + 2): by the continued fraction, or, for b = 1/2 with a large
 * and x near 1 (where the fraction needs thousands of terms and loses digits: 5e-11 relative at
 * a = 5e7), by the asymptotic expansion.
 */
function convergentTail(point: BetaPoint, a: number, b: number): number {
  if (usesExpansion(point, a, b)) return largeShapeExpansion(point, a, b);
  // A point of the quantiles' search can have x rounded to 1 (y below 1e-16), which the fraction
  // in x cannot use: 1 - the other tail then (a = 1e300 beside b = 5, where x rounds to 1 anyway).
  if (point.x === 1) return 1 - continuedFraction(mirror(point), b, a);
  return continuedFraction(point, a, b);
}

/** The point 1 - x. */
function mirror(point: BetaPoint): BetaPoint {
  return { x: point.y, y: point.x, logX: point.logY, logY: point.logX };
}

/** The beta density times x: x^a y^b / (B(a, b) y). */
function densityTimesX(point: BetaPoint, a: number, b: number): number {
  return Math.exp(logFactorOf(point, a, b) - point.logY);
}

/**
 * The mass point of Beta(a, b) with one infinite shape (the limit as that shape grows: 1 for an
 * infinite a, 0 for an infinite b), or undefined when both are finite. Both infinite have no limit
 * (it depends on how they grow) and throw INVALID_OPTION.
 */
function infiniteShapePoint(a: number, b: number): number | undefined {
  if (a < Number.POSITIVE_INFINITY && b < Number.POSITIVE_INFINITY) return undefined;
  if (a === b)
    throw new InternalCustomerError(
      'INVALID_OPTION',
      'The beta distribution requires at most one infinite shape; got a = b = Infinity',
    );
  return a === Number.POSITIVE_INFINITY ? 1 : 0;
}

/**
 * P(X <= x) for X ~ Beta(a, b), or P(X > x) with `upperTail`. One infinite shape gives the limit,
 * all mass at 1 (a) or 0 (b); both infinite throw INVALID_OPTION. @internal
 */
export function betaCdf(x: number, a: number, b: number, upperTail = false): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (x <= 0) return upperTail ? 1 : 0;
  if (x >= 1) return upperTail ? 0 : 1;
  const point = infiniteShapePoint(a, b);
  if (point !== undefined) return x >= point !== upperTail ? 1 : 0;
  const [lower, upper] = betaTails(pointFromX(x), a, b);
  return upperTail ? upper : lower;
}

/**
 * log x of a beta quantile whose root x lies at or below 1/2 (the caller mirrors the other case):
 * Newton in log x on the log of the smaller tail, `target`, which is the lower tail with
 * `lowerTail` and else the upper one. In log x the root keeps its digits however small x is
 * (e^-4e10 for t with 1e-20 degrees of freedom, where log(1 - x) is 0 as a double), and the
 * smaller tail keeps its own. Starts from the power law of the tail at its end (or the mean).
 */
function logBetaQuantileBelowHalf(
  target: number,
  lowerTail: boolean,
  a: number,
  b: number,
): number {
  const logTarget = Math.log(target);
  const logScale = logBeta(a, b);
  // The lower tail near 0 goes as x^a / (a B(a, b)), the upper one near 1 as (1 - x)^b / (b B(a, b)).
  const nearZero = (logLower: number) => (logLower + Math.log(a) + logScale) / a;
  let start = lowerTail ? Math.min(nearZero(logTarget), Math.log(a / (a + b))) : Number.NaN;
  // A small upper tail from the law near 1, if it lands inside (0, 1): otherwise the mass lies
  // near 0 (a small a) and the lower tail, 1 - target, follows the law there.
  if (!lowerTail) start = Math.log(-Math.expm1((logTarget + Math.log(b) + logScale) / b));
  if (Number.isNaN(start)) start = nearZero(Math.log1p(-target));
  start = Math.min(start, -Math.LN2);
  return solveIncreasing(
    (u) => {
      if (u >= 0) return [Number.POSITIVE_INFINITY, Number.NaN];
      const point = pointFromLogX(u);
      const tail = betaTails(point, a, b)[lowerTail ? 0 : 1];
      const value = Math.log(tail) - logTarget;
      return [lowerTail ? value : -value, densityTimesX(point, a, b) / tail];
    },
    Number.isFinite(start) ? start : -1,
    Number.NEGATIVE_INFINITY,
    0,
  );
}

/**
 * The quantile for a, b >= 100, solved in w = -lambda / sqrt(a b / (a + b)) (x's standard score,
 * near enough), where the tails are smooth even when the doubles near the mean are too coarse to
 * resolve them (a = b = 1e300): log of the smaller tail minus log target, by Newton from the
 * normal quantile.
 */
function largeShapeQuantile(p: number, a: number, b: number, upperTail: boolean): BetaPoint {
  const lowerSmaller = upperTail ? p >= 0.5 : p <= 0.5;
  const target = lowerSmaller === upperTail ? 1 - p : p;
  const logTarget = Math.log(target);
  const sum = a + b;
  const scale = Math.sqrt(Math.min(a, b)) * Math.sqrt(Math.max(a, b) / sum);
  const pointOf = (lambda: number) => {
    const x = (a - lambda) / sum;
    const y = (b + lambda) / sum;
    // Each logarithm from the smaller of x and y, which is the one accurate to its own size.
    const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
    return { x, y, logX, logY: y > 0.5 ? Math.log1p(-x) : Math.log(y) };
  };
  const correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum);
  const w = solveIncreasing(
    (w) => {
      // BASYM from lambda itself: x = (a - lambda) / (a + b) may be too coarse to carry it.
      const lambda = -w * scale;
      const point = pointOf(lambda);
      const tails = largeShapeTails(lambda, a, b) ?? betaTails(point, a, b);
      const tail = tails[lowerSmaller ? 0 : 1];
      const value = Math.log(tail) - logTarget;
      // The density in w: e^(-f - correction) / (sqrt(2 pi) (1 - lambda / a) (1 + lambda / b)).
      const density =
        Math.exp(-exponentOf(lambda, a, b) - correction) /
        (Math.sqrt(2 * Math.PI) * (1 - lambda / a) * (1 + lambda / b));
      return [lowerSmaller ? value : -value, density / tail];
    },
    // The normal quantile, kept inside the support.
    Math.min(
      Math.max(normalQuantile(target, !lowerSmaller), -0.9 * (a / scale)),
      0.9 * (b / scale),
    ),
    -a / scale,
    b / scale,
    1e-15,
  );
  return pointOf(-w * scale);
}

/**
 * The quantile as a point: x and 1 - x, both accurate. The root is solved in log x when it lies
 * at or below 1/2 and in log(1 - x) above (decided by the tails at 1/2), on the smaller tail
 * whichever side it is: a small shape piles its mass at its end, where the smaller tail's root can
 * lie far beyond the doubles of the other coordinate.
 */
function betaQuantilePoint(p: number, a: number, b: number, upperTail: boolean): BetaPoint {
  if (a >= BASYM_FROM && b >= BASYM_FROM) return largeShapeQuantile(p, a, b, upperTail);
  const lowerSmaller = upperTail ? p >= 0.5 : p <= 0.5;
  // The smaller tail, exactly: 1 - p is exact for p in [1/2, 1].
  const target = lowerSmaller === upperTail ? 1 - p : p;
  const [lowerHalf, upperHalf] = betaTails(pointFromX(0.5), a, b);
  if (lowerSmaller ? target <= lowerHalf : target >= upperHalf)
    return pointFromLogX(logBetaQuantileBelowHalf(target, lowerSmaller, a, b));
  // Above 1/2, 1 - x is the quantile of Beta(b, a) with the tails exchanged.
  return mirror(pointFromLogX(logBetaQuantileBelowHalf(target, !lowerSmaller, b, a)));
}

/** The beta quantile: x with P(X <= x) = p, or P(X > x) = p with `upperTail`. @internal */
export function betaQuantile(p: number, a: number, b: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return upperTail ? 1 : 0;
  if (p === 1) return upperTail ? 0 : 1;
  const point = infiniteShapePoint(a, b);
  if (point !== undefined) return point;
  return betaQuantilePoint(p, a, b, upperTail).x;
}

/**
 * From 1e25 degrees of freedom up (and at infinity), t is the normal to double precision: the
 * relative difference of the tails is about (t^4 + 2 t^2) / (4 nu), below 1e-19 for every t whose
 * normal tail is a double (|t| < 38.5), and both tails are 0 beyond.
 */
const NORMAL_FROM = 1e25;

/** P(T <= t) for Student's t with `degrees` (> 0, not necessarily whole), or P(T > t) with `upperTail`. @internal */
export function tCdf(t: number, degrees: number, upperTail = false): number {
  if (Number.isNaN(t) || !(degrees > 0)) return Number.NaN;
  if (degrees >= NORMAL_FROM) return normalCdf(t, upperTail);
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
  if (degrees >= NORMAL_FROM) return normalQuantile(p, upperTail);
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
