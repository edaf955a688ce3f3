import { type CoxData, coxRisk } from './coxInformation.js';

/**
 * Score residuals of a Cox fit at given coefficients, one row of p per observation in the data's
 * (sorted) order: U_i = integral of (x_i - xbar(t)) dM_i(t), M_i the martingale residual process,
 * so that sum_i U_i is the score. As R `residuals(fit, type = "score")` (survival's agscore3):
 * each row is touched twice, when it joins the risk set (at its exit, exit times descending) and
 * when it leaves it (at its entry), through running sums of the hazard and of hazard x xbar. With
 * Efron's ties the d tied events at t are d pseudo-times, the k-th with the events' weight
 * reduced by k/d, and each event gets that reduction back. O(n x p). @internal
 */
export function coxScoreResiduals(
  data: CoxData,
  beta: Float64Array,
  ties: 'efron' | 'breslow',
): Float64Array {
  const { n, time, event, entry, stratum, rows, byEntry } = data;
  const p = data.x.length;
  const risk = coxRisk(data, beta);
  const resid = new Float64Array(n * p);
  const s1 = new Float64Array(p);
  const d1 = new Float64Array(p);
  const xHazard = new Float64Array(p);
  const mean = new Float64Array(p);
  const mh1 = new Float64Array(p);
  const mh2 = new Float64Array(p);
  const mh3 = new Float64Array(p);
  let cumulativeHazard = 0;
  let s0 = 0;
  // Adds sign x risk_i (x_i cumulativeHazard - xHazard) to row i: on joining (+) and leaving (-).
  const settle = (i: number, sign: number) => {
    const r = sign * risk[i]!;
    for (let a = 0; a < p; a++) {
      resid[i * p + a]! += r * (rows[i * p + a]! * cumulativeHazard - xHazard[a]!);
    }
  };
  const deaths: number[] = [];
  let leaving = 0;
  let i = 0;
  while (i < n) {
    const k = stratum[i]!;
    s0 = 0;
    cumulativeHazard = 0;
    s1.fill(0);
    xHazard.fill(0);
    while (leaving < n && stratum[byEntry[leaving]!]! < k) leaving++;
    while (i < n && stratum[i] === k) {
      const t = time[i]!;
      while (leaving < n && stratum[byEntry[leaving]!] === k && entry[byEntry[leaving]!]! >= t) {
        const j = byEntry[leaving]!;
        settle(j, -1);
        s0 -= risk[j]!;
        for (let a = 0; a < p; a++) s1[a]! -= risk[j]! * rows[j * p + a]!;
        leaving++;
      }
      deaths.length = 0;
      let dr = 0;
      d1.fill(0);
      while (i < n && stratum[i] === k && time[i] === t) {
        settle(i, 1);
        const r = risk[i]!;
        s0 += r;
        for (let a = 0; a < p; a++) s1[a]! += r * rows[i * p + a]!;
        if (event[i] === 1) {
          deaths.push(i);
          dr += r;
          for (let a = 0; a < p; a++) d1[a]! += r * rows[i * p + a]!;
        }
        i++;
      }
      const d = deaths.length;
      if (d === 0) continue;
      mh1.fill(0);
      mh2.fill(0);
      mh3.fill(0);
      const terms = ties === 'efron' ? d : 1;
      for (let m = 0; m < terms; m++) {
        const f = ties === 'efron' ? m / d : 0;
        const denominator = s0 - f * dr;
        const hazard = ties === 'efron' ? 1 / denominator : d / denominator;
        cumulativeHazard += hazard;
        for (let a = 0; a < p; a++) {
          mean[a] = (s1[a]! - f * d1[a]!) / denominator;
          xHazard[a]! += mean[a]! * hazard;
          mh1[a]! += hazard * f;
          mh2[a]! += mean[a]! * hazard * f;
          mh3[a]! += mean[a]! / terms;
        }
      }
      for (const j of deaths) {
        for (let a = 0; a < p; a++) {
          const x = rows[j * p + a]!;
          resid[j * p + a]! += x - mh3[a]! + risk[j]! * (x * mh1[a]! - mh2[a]!);
        }
      }
    }
    // Rows of the stratum still at risk at its first exit time leave now.
    while (leaving < n && stratum[byEntry[leaving]!] === k) {
      settle(byEntry[leaving]!, -1);
      leaving++;
    }
  }
  return resid;
}
