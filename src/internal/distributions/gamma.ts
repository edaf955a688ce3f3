/**
 * The gamma distribution (shape a, scale 1) and the chi-square distribution (chi-square with k
 * degrees of freedom is 2 x gamma with shape k/2). The regularized incomplete gamma functions
 * P(a, x) and Q(a, x) come from the power series for P when x < a + 1 and from the continued
 * fraction for Q otherwise (Numerical Recipes 6.2; Abramowitz & Stegun 6.5.29 and 6.5.31), and
 * below shape 1/2 Q near 0 from its own series, so the smaller tail is always computed directly.
 * The common factor x^a e^-x / Gamma(a + 1) is formed from log(1 + t) - t and Stirling's
 * correction for large a (Temme's and Loader's way), which keeps its relative error near 1e-15
 * where a direct a log x - x - log Gamma(a + 1) would lose digits to cancellation. From shape 200
 * up, x near a comes from Temme's uniform expansion instead. Quantiles solve the smaller tail by safeguarded Newton steps: in log x for the lower
 * tail and in x for the upper one, or, from shape 200 up, in (x - a) / sqrt(a). @internal
 */

import { normalCdf, normalQuantile } from './normal.js';
import { notConverged, solveIncreasing, work } from './solve.js';
import {
  LOG_SQRT_2PI,
  log1pMinus,
  logGamma,
  logGammaOnePlus,
  stirlingCorrection,
} from './special.js';

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

/**
 * Coefficients d_n of c_0(eta) = sum_n d_n eta^n in Temme's expansion below (Temme 1979; the C0
 * row of DiDonato & Morris 1986), from the reversion of eta^2 / 2 = lambda - 1 - log lambda in
 * exact rationals (fixtures/reference.py checks the expansion's values at 50 digits). Marked pure,
 * as STIRLING, so that a bundle taking only the normal from the package's shared chunk drops them
 * (esbuild keeps an unused array of divisions; tests/size.test.ts).
 */
const C0: readonly number[] = /* @__PURE__ */ (() => [
  -1 / 3,
  1 / 12,
  -2 / 135,
  1 / 864,
  1 / 2835,
  -139 / 777600,
  1 / 25515,
  -571 / 261273600,
  -281 / 151559100,
  8.296711340953087e-7,
  -1.7665952736826078e-7,
  6.707853543401498e-9,
  1.0261809784240309e-8,
  -4.382036018453353e-9,
  9.14769958223679e-10,
  -2.5514193994946248e-11,
  -5.830772132550426e-11,
  2.4361948020667415e-11,
  -5.0276692801141755e-12,
  1.1004392031956135e-13,
  3.371763262400985e-13,
  -1.392388722418162e-13,
  2.8534893807047445e-14,
  -5.139111834242572e-16,
  -1.9752288294349442e-15,
  8.099521156704561e-16,
])();

/** (-1)^k gamma_k of Stirling's series Gamma*(a) = sum_k gamma_k a^-k (DLMF 5.11.3), k = 1 to 6. */
const STIRLING: readonly number[] = /* @__PURE__ */ (() => [
  -1 / 12,
  1 / 288,
  139 / 51840,
  -571 / 2488320,
  -163879 / 209018880,
  5246819 / 75246796800,
])();

/**
 * The coefficients of c_k(eta) = sum_n d_{k,n} eta^n, k = 0 to 6, by Temme's recurrence
 * c_k = c'_{k-1} / eta + (-1)^k gamma_k / (lambda - 1) (DLMF 8.12.8):
 * d_{k,n} = (n + 2) d_{k-1,n+2} + (-1)^k gamma_k d_{0,n}.
 */
const TEMME: readonly (readonly number[])[] = /* @__PURE__ */ (() => {
  const rows = [C0];
  for (const stirling of STIRLING) {
    const previous = rows[rows.length - 1]!;
    rows.push(previous.slice(2).map((next, n) => (n + 2) * next + stirling * C0[n]!));
  }
  return rows;
})();

/** Temme's expansion is used from this shape up, for x within TEMME_WIDTH * a of a. */
const TEMME_FROM = 200;
const TEMME_WIDTH = 0.1;

/**
 * Both tails of the gamma distribution at x = a (1 + sigma) for a >= 200 and |sigma| <= 0.1, by Temme's uniform
 * asymptotic expansion (Temme 1987; DiDonato & Morris 1986, ACM TOMS 12; DLMF 8.12.3-8.12.8):
 * with lambda = x / a and eta^2 / 2 = lambda - 1 - log lambda (eta of the sign of lambda - 1),
 * Q(a, x) = P(Z > eta sqrt(a)) + e^(-a eta^2 / 2) / sqrt(2 pi a) sum_k c_k(eta) a^-k. Seven terms
 * leave an error below 1e-18 from a = 200, where the series and the continued fraction need a
 * number of terms growing as sqrt(a) (and lose digits: 0.34 instead of 0.5 at a = 1e10).
 */
function temmeTails(sigma: number, a: number): [lower: number, upper: number] {
  const exponent = -a * log1pMinus(sigma);
  const eta = Math.sign(sigma) * Math.sqrt(-2 * log1pMinus(sigma));
  let sum = 0;
  for (let k = TEMME.length - 1; k >= 0; k--) {
    const row = TEMME[k]!;
    let c = 0;
    for (let n = row.length - 1; n >= 0; n--) c = c * eta + row[n]!;
    sum = sum / a + c;
  }
  const remainder = (Math.exp(-exponent) * sum) / Math.sqrt(2 * Math.PI * a);
  const w = eta * Math.sqrt(a);
  return [normalCdf(w) - remainder, normalCdf(w, true) + remainder];
}

/** Below this shape, Q(a, x) for x < a + 1 comes from smallShapeUpperTail rather than 1 - P. */
const SMALL_SHAPE = 0.5;

/**
 * Q(a, x) for a < 1/2 and 0 < x < a + 1, directly (Gautschi 1979; DiDonato & Morris 1986, ACM
 * TOMS 12; Boost's tgamma_small_upper_part): from P(a, x) = x^a / Gamma(1 + a) (1 + a T) with
 * T = sum_n>=1 (-x)^n / (n! (a + n)), Q = -expm1(a log x - log Gamma(1 + a)) - x^a a T / Gamma(1 + a).
 * Both parts are of order a, so Q keeps its digits where 1 - P keeps those of P only (Q(1e-8, 1e-8)
 * = 1.8e-7 was 3e-8 off); the alternating T loses at most a factor 60 (x = 1.5).
 */
function smallShapeUpperTail(x: number, a: number): number {
  let term = 1;
  let t = 0;
  for (let n = 1; ; n++) {
    if (n === MAX_TERMS) notConverged('The gamma CDF');
    work.terms++;
    term *= -x / n;
    const next = term / (a + n);
    t += next;
    if (Math.abs(next) <= EPSILON * Math.abs(t)) break;
  }
  const exponent = a * Math.log(x) - logGammaOnePlus(a);
  return -Math.expm1(exponent) - Math.exp(exponent) * a * t;
}

/** Both tails [P(a, x), Q(a, x)] of the gamma distribution with shape a at x >= 0. */
function gammaTails(x: number, a: number): [lower: number, upper: number] {
  if (!(x > 0)) return [0, 1];
  if (x === Number.POSITIVE_INFINITY) return [1, 0];
  if (a >= TEMME_FROM && Math.abs(x - a) <= TEMME_WIDTH * a) return temmeTails((x - a) / a, a);
  const factor = Math.exp(logFactor(x, a));
  if (x < a + 1) {
    // P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)).
    let term = 1;
    let sum = 1;
    for (let n = 1; term > sum * EPSILON; n++) {
      if (n === MAX_TERMS) notConverged('The gamma CDF');
      term *= x / (a + n);
      sum += term;
      work.terms++;
    }
    const lower = factor * sum;
    // A small shape piles its mass near 0: P near 1, and 1 - P would keep few digits of Q.
    if (lower > 0.5 && a < SMALL_SHAPE) {
      const upper = smallShapeUpperTail(x, a);
      return [1 - upper, upper];
    }
    return [lower, 1 - lower];
  }
  // Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; ; i++) {
    if (i === MAX_TERMS) notConverged('The gamma CDF');
    work.terms++;
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
 * P(X <= x) for X ~ Gamma(shape, 1), or P(X > x) with `upperTail`. An infinite shape gives the
 * limit as the shape grows, all mass beyond every finite x: 0 below (1 above) for finite x, and
 * the quantiles give Infinity (chi-square likewise with infinite degrees of freedom). @internal
 */
export function gammaCdf(x: number, shape: number, upperTail = false): number {
  if (Number.isNaN(x) || !(shape > 0)) return Number.NaN;
  if (shape === Number.POSITIVE_INFINITY) {
    const lower = x === Number.POSITIVE_INFINITY ? 1 : 0;
    return upperTail ? 1 - lower : lower;
  }
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
  // The limit as the shape grows (gammaCdf): every other quantile runs off to infinity.
  if (a === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  // Solve the smaller tail; 1 - p is exact for p in [1/2, 1].
  const lowerSmaller = upperTail ? p > 0.5 : p <= 0.5;
  const target = lowerSmaller ? (upperTail ? 1 - p : p) : upperTail ? p : 1 - p;
  const logTarget = Math.log(target);
  // Wilson-Hilferty: (X / a)^(1/3) is nearly normal with mean 1 - 1/(9a) and variance 1/(9a).
  const z = normalQuantile(target, !lowerSmaller);
  const shift = z * Math.sqrt(1 / (9 * a)) - 1 / (9 * a);
  const cube = 1 + shift;
  let start = a * cube * cube * cube;
  // For a small lower tail, P(a, x) ~ x^a / Gamma(a + 1).
  const powerLaw = Math.exp((logTarget + logGamma(a + 1)) / a);
  if (
    !(start > 0 && start < Number.POSITIVE_INFINITY) ||
    (lowerSmaller && powerLaw < a && powerLaw < start && a < TEMME_FROM)
  )
    start = powerLaw;
  if (a >= TEMME_FROM) {
    // In w = (x - a) / sqrt(a), where the tails are smooth even when x's doubles are too coarse to
    // resolve them (a = 1e300): log of the smaller tail minus log target, increasing in w.
    const root = Math.sqrt(a);
    const w = solveIncreasing(
      (w) => {
        const sigma = w / root;
        const tails =
          Math.abs(sigma) <= TEMME_WIDTH ? temmeTails(sigma, a) : gammaTails(a + w * root, a);
        const tail = tails[lowerSmaller ? 0 : 1];
        const value = Math.log(tail) - logTarget;
        // The density in w: sqrt(a) x^(a-1) e^-x / Gamma(a), written in sigma.
        const density =
          Math.exp(a * log1pMinus(sigma) - stirlingCorrection(a) - LOG_SQRT_2PI) / (1 + sigma);
        return [lowerSmaller ? value : -value, density / tail];
      },
      // Wilson-Hilferty's start, (a cube^3 - a) / sqrt(a) without the cancellation.
      root * shift * (cube * cube + cube + 1),
      -root,
      Number.POSITIVE_INFINITY,
      1e-15,
    );
    return a + w * root;
  }
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
