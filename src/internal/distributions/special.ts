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
