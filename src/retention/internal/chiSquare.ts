/**
 * The upper tail of the chi-square distribution for whole degrees of freedom, computed from the
 * tail directly (DESIGN.md: never 1 - cdf, which rounds small p-values to 0), by the closed forms
 * of Abramowitz & Stegun 26.4.4 and 26.4.5:
 * - even k = 2m: Q = exp(-x/2) sum_{j<m} (x/2)^j / j!
 * - odd k = 2m + 1: Q = 2 Phi(-sqrt x) + 2 phi(sqrt x) sum_{r=1..m} x^(r - 1/2) / (1 3 5 ... (2r - 1))
 * The sums have positive terms only (no cancellation) and are added in logarithms so that no term
 * overflows or underflows early. Matches R `pchisq(x, k, lower.tail = FALSE)`. O(k). @internal
 */
import { normalCdf } from '../../internal/distributions/index.js';

function logSumExp(logs: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of logs) if (value > max) max = value;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const value of logs) sum += Math.exp(value - max);
  return max + Math.log(sum);
}

/** P(X > x) for X ~ chi-square with `degrees` (a whole number >= 1) degrees of freedom. @internal */
export function chiSquareUpperTail(x: number, degrees: number): number {
  if (!(x > 0)) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logs: number[] = [];
  if (degrees % 2 === 0) {
    const logHalf = Math.log(x / 2);
    let term = -x / 2;
    for (let j = 0; j < degrees / 2; j++) {
      if (j > 0) term += logHalf - Math.log(j);
      logs.push(term);
    }
    return Math.min(1, Math.exp(logSumExp(logs)));
  }
  const root = Math.sqrt(x);
  const tail = 2 * normalCdf(root, true);
  // log(2 phi(sqrt x)) = log 2 - x/2 - log(sqrt(2 pi)).
  let term = Math.log(2) - x / 2 - 0.5 * Math.log(2 * Math.PI) + Math.log(root);
  const logX = Math.log(x);
  for (let r = 1; r <= (degrees - 1) / 2; r++) {
    if (r > 1) term += logX - Math.log(2 * r - 1);
    logs.push(term);
  }
  return Math.min(1, tail + (logs.length === 0 ? 0 : Math.exp(logSumExp(logs))));
}
