import { type CoxData, coxRisk } from './coxInformation.js';

/** The baseline cumulative hazard of one stratum, at the event times. @internal */
export interface CoxBaselineCurve {
  /** Distinct event times, ascending. */
  readonly times: Float64Array;
  /** Cumulative hazard at each of them (right-continuous), for covariates at their means. */
  readonly cumulativeHazard: Float64Array;
  /** The last exit time of the stratum (event or censoring): the end of its follow-up. */
  readonly lastTime: number;
}

/**
 * The baseline cumulative hazard per stratum at the fitted coefficients (centred covariates), as
 * R `survfit(fit)` computes it (survival's agsurv): Breslow's estimator d / sum of risks for
 * Breslow ties (R ctype 1), and for Efron ties the sum over k < d of 1 / (S0 - (k/d) x the events'
 * risks) (R ctype 2, the default with Efron ties). Risk sets with entry times: entry < t <= exit.
 * O(n x p). @internal
 */
export function coxBaseline(
  data: CoxData,
  beta: Float64Array,
  ties: 'efron' | 'breslow',
  strataCount: number,
): CoxBaselineCurve[] {
  const { n, time, event, entry, stratum, byEntry } = data;
  const risk = coxRisk(data, beta);
  const curves: CoxBaselineCurve[] = [];
  let leaving = 0;
  let i = 0;
  for (let k = 0; k < strataCount; k++) {
    const times: number[] = [];
    const increments: number[] = [];
    let s0 = 0;
    const lastTime = i < n && stratum[i] === k ? time[i]! : Number.NaN;
    while (leaving < n && stratum[byEntry[leaving]!]! < k) leaving++;
    while (i < n && stratum[i] === k) {
      const t = time[i]!;
      while (leaving < n && stratum[byEntry[leaving]!] === k && entry[byEntry[leaving]!]! >= t) {
        s0 -= risk[byEntry[leaving]!]!;
        leaving++;
      }
      let d = 0;
      let dr = 0;
      while (i < n && stratum[i] === k && time[i] === t) {
        s0 += risk[i]!;
        if (event[i] === 1) {
          d++;
          dr += risk[i]!;
        }
        i++;
      }
      if (d === 0) continue;
      let increment = 0;
      if (ties === 'efron') for (let m = 0; m < d; m++) increment += 1 / (s0 - (m / d) * dr);
      else increment = d / s0;
      times.push(t);
      increments.push(increment);
    }
    const m = times.length;
    const curveTimes = new Float64Array(m);
    const cumulativeHazard = new Float64Array(m);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      curveTimes[j] = times[m - 1 - j]!;
      sum += increments[m - 1 - j]!;
      cumulativeHazard[j] = sum;
    }
    curves.push({ times: curveTimes, cumulativeHazard, lastTime });
  }
  return curves;
}
