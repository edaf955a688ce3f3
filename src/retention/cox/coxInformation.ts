/**
 * Log partial likelihood, score and information of a Cox model at given coefficients, by one pass
 * over exit times in descending order per stratum (R survival's coxfit6 / agfit4). @internal
 */

/** Checked input of a Cox fit, sorted by stratum, then exit time descending. @internal */
export interface CoxData {
  readonly n: number;
  readonly time: Float64Array;
  readonly event: Uint8Array;
  /** -Infinity when there are no entry times. */
  readonly entry: Float64Array;
  readonly stratum: Int32Array;
  /** Centred covariate columns. */
  readonly x: readonly Float64Array[];
  /** The same row by row (n x p, row-major). */
  readonly rows: Float64Array;
  /** Positions by stratum, then entry time descending. */
  readonly byEntry: Int32Array;
}

/** The log partial likelihood, its gradient and minus its Hessian (p x p, row-major). @internal */
export interface CoxInformation {
  readonly logLikelihood: number;
  readonly score: Float64Array;
  readonly information: Float64Array;
  /**
   * With time weights g (one per observation, equal within tied exit times): the score and
   * information of the model with x g(t) added, at its coefficients 0 (the zph test): the score
   * of the added terms, sum of g(t) (x - xbar(t)), and the information blocks weighted by g and
   * g^2 (lower triangles filled too). Null without time weights.
   */
  readonly timeWeighted: {
    readonly score: Float64Array;
    readonly cross: Float64Array;
    readonly second: Float64Array;
  } | null;
}

/**
 * Risk-set sums S0 = sum r, S1 = sum r x, S2 = sum r x x' are kept while exit times descend:
 * observations join at their exit and leave once the time reaches their entry. At each exit time
 * with d events, Efron's approximation takes the k-th of the d terms with k/d of the events'
 * own sums removed; Breslow's keeps them all. With `timeWeight`, also the blocks of the zph test
 * (R survival's zph1 / zph2). O(n x p^2). @internal
 */
export function coxInformation(
  data: CoxData,
  beta: Float64Array,
  ties: 'efron' | 'breslow',
  timeWeight?: Float64Array,
): CoxInformation {
  const { n, time, event, entry, stratum, x, rows, byEntry } = data;
  const p = x.length;
  const eta = new Float64Array(n);
  for (let a = 0; a < p; a++) {
    const column = x[a]!;
    const b = beta[a]!;
    for (let i = 0; i < n; i++) eta[i]! += b * column[i]!;
  }
  const risk = eta.map(Math.exp);
  const score = new Float64Array(p);
  const information = new Float64Array(p * p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const d1 = new Float64Array(p);
  const d2 = new Float64Array(p * p);
  let logLikelihood = 0;
  let s0 = 0;
  let leaving = 0;
  const weighted = timeWeight !== undefined;
  const scoreG = new Float64Array(weighted ? p : 0);
  const cross = new Float64Array(weighted ? p * p : 0);
  const second = new Float64Array(weighted ? p * p : 0);
  let g = 0;
  const deathSum = new Float64Array(weighted ? p : 0);

  const update = (i: number, sign: number) => {
    const r = sign * risk[i]!;
    s0 += r;
    const offset = i * p;
    for (let a = 0; a < p; a++) {
      const ra = r * rows[offset + a]!;
      s1[a]! += ra;
      for (let b = 0; b <= a; b++) s2[a * p + b]! += ra * rows[offset + b]!;
    }
  };

  let i = 0;
  while (i < n) {
    const k = stratum[i]!;
    s0 = 0;
    s1.fill(0);
    s2.fill(0);
    while (leaving < n && stratum[byEntry[leaving]!]! < k) leaving++;
    while (i < n && stratum[i] === k) {
      const t = time[i]!;
      // Leave: entry at or after t (they joined earlier, at a later exit).
      while (leaving < n && stratum[byEntry[leaving]!] === k && entry[byEntry[leaving]!]! >= t) {
        update(byEntry[leaving]!, -1);
        leaving++;
      }
      let deaths = 0;
      let dr = 0;
      if (weighted) {
        g = timeWeight[i]!;
        deathSum.fill(0);
      }
      d1.fill(0);
      d2.fill(0);
      while (i < n && stratum[i] === k && time[i] === t) {
        const j = i;
        update(j, 1);
        if (event[j] === 1) {
          deaths++;
          const r = risk[j]!;
          dr += r;
          logLikelihood += eta[j]!;
          for (let a = 0; a < p; a++) {
            const xa = rows[j * p + a]!;
            score[a]! += xa;
            if (weighted) deathSum[a]! += xa;
            d1[a]! += r * xa;
            for (let b = 0; b <= a; b++) d2[a * p + b]! += r * xa * rows[j * p + b]!;
          }
        }
        i++;
      }
      for (let m = 0; m < deaths; m++) {
        const f = ties === 'efron' ? m / deaths : 0;
        const denominator = s0 - f * dr;
        logLikelihood -= Math.log(denominator);
        for (let a = 0; a < p; a++) {
          const meanA = (s1[a]! - f * d1[a]!) / denominator;
          score[a]! -= meanA;
          for (let b = 0; b <= a; b++) {
            const meanB = (s1[b]! - f * d1[b]!) / denominator;
            information[a * p + b]! +=
              (s2[a * p + b]! - f * d2[a * p + b]!) / denominator - meanA * meanB;
          }
        }
        // The zph blocks, apart so that plain fits keep their loop (the same terms times g, g^2).
        if (weighted) {
          for (let a = 0; a < p; a++) {
            const meanA = (s1[a]! - f * d1[a]!) / denominator;
            scoreG[a]! -= g * meanA;
            for (let b = 0; b <= a; b++) {
              const meanB = (s1[b]! - f * d1[b]!) / denominator;
              const v = (s2[a * p + b]! - f * d2[a * p + b]!) / denominator - meanA * meanB;
              cross[a * p + b]! += g * v;
              second[a * p + b]! += g * g * v;
            }
          }
        }
      }
      if (weighted) for (let a = 0; a < p; a++) scoreG[a]! += g * deathSum[a]!;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) {
      information[b * p + a] = information[a * p + b]!;
      if (weighted) {
        cross[b * p + a] = cross[a * p + b]!;
        second[b * p + a] = second[a * p + b]!;
      }
    }
  }
  return {
    logLikelihood,
    score,
    information,
    timeWeighted: weighted ? { score: scoreG, cross, second } : null,
  };
}

/** exp(x'b) of every observation (centred x), in the data's order. O(n x p). @internal */
export function coxRisk(data: CoxData, beta: Float64Array): Float64Array {
  const { n, rows } = data;
  const p = data.x.length;
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let a = 0; a < p; a++) eta += beta[a]! * rows[i * p + a]!;
    risk[i] = Math.exp(eta);
  }
  return risk;
}
