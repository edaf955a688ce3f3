/**
 * Special functions behind the distributions of this folder: log Gamma, the Stirling correction
 * and log(1 + t) - t, each accurate to a few units in the last place where the distributions use
 * them. @internal
 */

/** log(sqrt(2 pi)). @internal */
export const LOG_SQRT_2PI = 0.9189385332046727;

/** Below this, log Gamma shifts its argument up before Stirling's series. */
const STIRLING_FROM = 15;

/**
 * The remainder of Stirling's series, log Gamma(x) - ((x - 1/2) log x - x + log sqrt(2 pi)), for
 * x >= 15: 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9) - 691/(360360x^11),
 * whose next term is below 1e-17 there (Abramowitz & Stegun 6.1.41). @internal
 */
export function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const square = inverse * inverse;
  return (
    inverse *
    (1 / 12 -
      square *
        (1 / 360 -
          square *
            (1 / 1260 - square * (1 / 1680 - square * (1 / 1188 - (square * 691) / 360360)))))
  );
}

/**
 * log Gamma(x) for x > 0: Stirling's series from 15 up, and below it the recurrence
 * Gamma(x) = Gamma(x + k) / (x (x + 1) ... (x + k - 1)). Absolute error about 1e-14. @internal
 */
export function logGamma(x: number): number {
  if (x >= STIRLING_FROM) return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingCorrection(x);
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_FROM) {
    product *= shifted;
    shifted += 1;
  }
  return logGamma(shifted) - Math.log(product);
}

/**
 * log Gamma(a) - log Gamma(a + b) for a, b > 0, without the cancellation of the two large terms
 * when a is large (the Stirling forms are subtracted term by term). @internal
 */
export function logGammaRatio(a: number, b: number): number {
  if (a < STIRLING_FROM) return logGamma(a) - logGamma(a + b);
  const sum = a + b;
  return (
    -(a - 0.5) * Math.log1p(b / a) -
    b * Math.log(sum) +
    b +
    stirlingCorrection(a) -
    stirlingCorrection(sum)
  );
}

/**
 * zeta(k) - 1 for k = 2 to 30 (mpmath at 40 digits). Marked pure, as gamma.ts's tables, so that a
 * bundle without the gamma and beta tails drops it.
 */
const ZETA_MINUS_ONE: readonly number[] = /* @__PURE__ */ (() => [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
  0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
  0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
  6.124813505870483e-5, 3.058823630702049e-5, 1.528225940865187e-5, 7.637197637899763e-6,
  3.81729326499984e-6, 1.908212716553939e-6, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8,
  1.4901554828365043e-8, 7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9,
  9.313274324196682e-10,
])();

/** Euler's constant. */
const EULER = 0.5772156649015329;

/**
 * log Gamma(1 + a) for 0 <= a <= 1/2 to a few units in the last place relative to itself (which
 * logGamma, with its absolute 1e-14, is not for a near 0): log Gamma(2 + a) - log(1 + a) with
 * log Gamma(2 + a) = (1 - gamma) a + sum_k (-1)^k (zeta(k) - 1) a^k / k (DLMF 5.7.3 shifted by one),
 * whose terms fall as (a / 2)^k. @internal
 */
export function logGammaOnePlus(a: number): number {
  let sum = 0;
  let power = -a;
  for (let k = 2; k <= ZETA_MINUS_ONE.length + 1; k++) {
    power *= -a;
    const term = (ZETA_MINUS_ONE[k - 2]! * power) / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return (1 - EULER) * a + sum - Math.log1p(a);
}

/** d/dx stirlingCorrection(x), for x >= 15. */
function stirlingCorrectionSlope(x: number): number {
  const inverse = 1 / x;
  const square = inverse * inverse;
  return (
    -square *
    (1 / 12 -
      square *
        (3 / 360 -
          square *
            (5 / 1260 - square * (7 / 1680 - square * (9 / 1188 - (square * 11 * 691) / 360360)))))
  );
}

/**
 * log Gamma(b + a) - log Gamma(b) for 0 < a <= 1/2 and b > 0, to a few units in the last place
 * of a (log b + 1) also when a is far below b (1e-300 beside 1), where the difference of two
 * logGamma values would keep none of its digits: b is shifted to 15 or more by
 * Gamma(b + 1) = b Gamma(b), each step a log1p(a / (b + j)), and there Stirling's forms are
 * subtracted term by term (the corrections' difference by its slope when a < 1e-4). @internal
 */
export function logGammaIncrement(b: number, a: number): number {
  let shifts = 0;
  let large = b;
  while (large < STIRLING_FROM) {
    shifts += Math.log1p(a / large);
    large += 1;
  }
  const correction =
    a < 1e-4
      ? a * stirlingCorrectionSlope(large + 0.5 * a)
      : stirlingCorrection(large + a) - stirlingCorrection(large);
  return (
    (large - 0.5) * Math.log1p(a / large) + a * (Math.log(large + a) - 1) + correction - shifts
  );
}

/**
 * log(1 + t) - t for t > -1, accurate also near 0 where the two terms cancel (a series in
 * t / (2 + t) there: log(1 + t) = 2 atanh(t / (2 + t))). @internal
 */
export function log1pMinus(t: number): number {
  if (Math.abs(t) > 0.25) return Math.log1p(t) - t;
  // log(1 + t) - t = 2 u (1 + u^2/3 + u^4/5 + ...) - t, with u = t / (2 + t); 2u - t = -t u.
  const u = t / (2 + t);
  const square = u * u;
  let power = square;
  let sum = 0;
  for (let k = 3; k < 200; k += 2) {
    const term = power / k;
    sum += term;
    if (term <= 1e-17 * sum) break;
    power *= square;
  }
  return -t * u + 2 * u * sum;
}
