/**
 * The standard normal distribution: CDF by Cody's rational Chebyshev approximations (Cody 1969,
 * "Rational Chebyshev approximations for the error function", Math. Comp. 23; the form R's `pnorm`
 * uses), accurate to about 1e-16 relative in both tails, with exp(-x^2/2) split so that the far
 * tails keep their digits; quantile by Wichura's AS 241 (Applied Statistics 37, 1988) followed,
 * in the tails, by one Newton step on the CDF. @internal
 */

const SQRT_32 = 5.656854249492381;
const ONE_OVER_SQRT_2PI = 0.3989422804014327;

/** exp(-x^2 / 2) with x^2 split into an exact part and a small one, so no digit is lost for |x| up to 38. */
function gaussianFactor(x: number): number {
  const rounded = Math.trunc(x * 16) / 16;
  const rest = (x - rounded) * (x + rounded);
  return Math.exp(-rounded * rounded * 0.5) * Math.exp(-rest * 0.5);
}

/** P(Z > y) e^(y^2/2) for y > 0.66291 (Cody's second and third intervals). */
function scaledTail(y: number): number {
  let ratio: number;
  if (y <= SQRT_32) {
    let numerator = 1.0765576773720192e-8 * y;
    let denominator = y;
    const c = [
      0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002,
      2494.5375852903726, 6848.190450536283, 11602.65143764735,
    ];
    const d = [
      22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761,
      18615.571640885097, 34900.95272114598, 38912.00328609327,
    ];
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + c[i]!) * y;
      denominator = (denominator + d[i]!) * y;
    }
    ratio = (numerator + 9842.714838383978) / (denominator + 19685.429676859992);
  } else {
    const inverseSquare = 1 / (y * y);
    let numerator = 0.023073441764940174 * inverseSquare;
    let denominator = inverseSquare;
    const p = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934];
    const q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824];
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + p[i]!) * inverseSquare;
      denominator = (denominator + q[i]!) * inverseSquare;
    }
    const correction =
      (inverseSquare * (numerator + 0.000029112874951168793)) /
      (denominator + 0.00007297515550839662);
    ratio = (ONE_OVER_SQRT_2PI - correction) / y;
  }
  return ratio;
}

/**
 * Mills' ratio P(Z > y) / phi(y) for y >= 0, without the underflow of either factor (for y up
 * to 1e154). @internal
 */
export function normalMillsRatio(y: number): number {
  return y <= 0.66291 ? normalCdf(-y) / normalDensity(y) : scaledTail(y) / ONE_OVER_SQRT_2PI;
}

/**
 * P(Z <= x) for a standard normal Z, or P(Z > x) with `upperTail`; each tail computed directly,
 * so neither rounds to 0 before it is below the smallest double. @internal
 */
export function normalCdf(x: number, upperTail = false): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const a = [2.2352520354606837, 161.02823106855587, 1067.6894854603709];
    const b = [47.202581904688245, 976.0985517377767, 10260.932208618979];
    const square = x * x;
    let numerator = 0.06568233791820745 * square;
    let denominator = square;
    for (let i = 0; i < 3; i++) {
      numerator = (numerator + a[i]!) * square;
      denominator = (denominator + b[i]!) * square;
    }
    const half = (x * (numerator + 18154.98125334356)) / (denominator + 45507.78933502673);
    return upperTail ? 0.5 - half : 0.5 + half;
  }
  if (y === Number.POSITIVE_INFINITY) return x > 0 === upperTail ? 0 : 1;
  const tail = gaussianFactor(y) * scaledTail(y);
  // tail is P(Z > |x|): the upper tail for x > 0, the lower tail for x < 0.
  return x > 0 === upperTail ? tail : 1 - tail;
}

/** The standard normal density. @internal */
export function normalDensity(x: number): number {
  return ONE_OVER_SQRT_2PI * gaussianFactor(Math.abs(x));
}

/** Wichura's AS 241 (PPND16) for the lower-tail probability p, given q = p - 1/2 and the smaller tail. */
function wichura(q: number, tail: number): number {
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(tail));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/**
 * The standard normal quantile: x with P(Z <= x) = p, or P(Z > x) = p with `upperTail`. AS 241
 * (about 1e-16 relative in its central part), then in the tails one Newton step on the tail
 * probability itself, so that p down to 1e-300 keeps 1e-15 relative accuracy. @internal
 */
export function normalQuantile(p: number, upperTail = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return upperTail ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (p === 1) return upperTail ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // Work with the lower tail of -x for an upper-tail p: the quantile is odd.
  const q = p - 0.5;
  const tail = q <= 0 ? p : 1 - p;
  const x = wichura(q, tail);
  if (Math.abs(q) <= 0.425) return upperTail ? -x : x;
  // One Newton step on the smaller tail itself, whose relative error is what matters out here.
  const smallLower = q < 0;
  const tailAtX = normalCdf(x, !smallLower);
  const step = (tailAtX - tail) / normalDensity(x);
  const refined = smallLower ? x - step : x + step;
  return upperTail ? -refined : refined;
}
