/**
 * A seeded binomial sampler: the sum of Bernoulli draws when n min(p, 1 - p) < 10, and otherwise
 * Hormann's BTRD, the transformed rejection with decomposition (W. Hormann 1993, "The generation
 * of binomial random variates", J. Statist. Comput. Simul. 46), O(1) expected uniforms per draw
 * whatever n. It consumes the uniforms in the same order and with the same arithmetic as the
 * `@stdlib/random-base-binomial` sampler it replaces, so seeded results are unchanged. @internal
 */

/** log(k!) - ((k + 1/2) log(k + 1) - (k + 1) + log sqrt(2 pi)): Stirling's correction at k + 1. */
function correction(k: number): number {
  const small = [
    0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
    0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
    0.009255462182712733, 0.008330563433362871,
  ];
  if (k < 10) return small[k]!;
  const next = k + 1;
  const square = next * next;
  return (1 / 12 - (1 / 360 - 1 / 1260 / square) / square) / next;
}

function bernoulliSum(random: () => number, n: number, p: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) if (random() <= p) sum += 1;
  return sum;
}

/** BTRD for n p >= 10 and p <= 1/2 (Hormann 1993, algorithm BTRD, steps 0-5). */
function transformedRejection(random: () => number, n: number, p: number): number {
  const m = Math.floor((n + 1) * p);
  const nm = n - m + 1;
  const q = 1 - p;
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + (correction(m) + correction(n - m));
  for (;;) {
    let v = random();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(u * ((2 * a) / (0.5 - Math.abs(u)) + b) + c);
    }
    if (v >= vr) {
      u = random() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = Math.sign(u) * 0.5 - u;
      v = vr * random();
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(u * ((2 * a) / us + b) + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km > 15) {
      // Squeeze with the normal approximation, then the exact ratio through Stirling's correction.
      v = Math.log(v);
      const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
      const t = -(km * km) / (2 * npq);
      if (v < t - rho) return k;
      if (v <= t + rho) {
        const nk = n - k + 1;
        const x =
          h +
          (n + 1) * Math.log(nm / nk) +
          (k + 0.5) * Math.log((nk * r) / (k + 1)) -
          (correction(k) + correction(n - k));
        if (v <= x) return k;
      }
    } else {
      // Recursive evaluation of f(k) / f(m).
      let f = 1;
      if (m < k) for (let i = m; i <= k; i++) f *= nr / i - r;
      else if (m > k) for (let i = k; i <= m; i++) v *= nr / i - r;
      if (v <= f) return k;
    }
  }
}

/**
 * One draw from Binomial(n, p) with uniforms from `random` (values in [0, 1)); n a whole number
 * >= 0 and p in [0, 1]. @internal
 */
export function binomialDraw(random: () => number, n: number, p: number): number {
  if (n === 0) return 0;
  if (p > 0.5) return n - binomialDraw(random, n, 1 - p);
  if (n * p < 10) return bernoulliSum(random, n, p);
  return transformedRejection(random, n, p);
}
