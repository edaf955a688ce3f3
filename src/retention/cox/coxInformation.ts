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
 * own sums removed; Breslow's keeps them all. The d terms are summed once per time (`tiedTerms`),
 * and the events' own sums are built only for Efron with two or more events. With `timeWeight`,
 * also the blocks of the zph test (R survival's zph1 / zph2). O(n x p^2). @internal
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
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) risk[i] = Math.exp(eta[i]!);
  const score = new Float64Array(p);
  const information = new Float64Array(p * p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const d1 = new Float64Array(p);
  const d2 = new Float64Array(p * p);
  const terms = new Float64Array(6);
  let logLikelihood = 0;
  let s0 = 0;
  let leaving = 0;
  const weighted = timeWeight !== undefined;
  const scoreG = new Float64Array(weighted ? p : 0);
  const cross = new Float64Array(weighted ? p * p : 0);
  const second = new Float64Array(weighted ? p * p : 0);

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
        const j = byEntry[leaving]!;
        s0 -= risk[j]!;
        accumulate(rows, j, -risk[j]!, p, s1, s2);
        leaving++;
      }
      const first = i;
      let deaths = 0;
      let dr = 0;
      while (i < n && stratum[i] === k && time[i] === t) {
        s0 += risk[i]!;
        accumulate(rows, i, risk[i]!, p, s1, s2);
        if (event[i] === 1) {
          deaths++;
          dr += risk[i]!;
          logLikelihood += eta[i]!;
          for (let a = 0; a < p; a++) score[a]! += rows[i * p + a]!;
        }
        i++;
      }
      if (deaths === 0) continue;
      const efron = ties === 'efron' && deaths > 1;
      if (efron) eventSums(first, i, event, risk, rows, p, d1, d2);
      tiedTerms(terms, deaths, s0, efron ? dr : 0);
      logLikelihood -= terms[0]!;
      const g = weighted ? timeWeight[first]! : 0;
      // Per exit time: sum over the d terms of S2(f)/D - m m', with S(f) = S - f D-sums, D = S0(f)
      // and m = S1(f)/D, expands to A S2 - B d2 - C0 S1 S1' + C1 (S1 d1' + d1 S1') - C2 d1 d1'.
      const sA = terms[1]!;
      const sB = terms[2]!;
      const c0 = terms[3]!;
      const c1 = terms[4]!;
      const c2 = terms[5]!;
      for (let a = 0; a < p; a++) {
        const s1a = s1[a]!;
        const d1a = efron ? d1[a]! : 0;
        const meanSum = sA * s1a - sB * d1a;
        score[a]! -= meanSum;
        if (weighted) scoreG[a]! -= g * meanSum;
        for (let b = 0; b <= a; b++) {
          const ab = a * p + b;
          let v = sA * s2[ab]! - c0 * s1a * s1[b]!;
          if (efron) {
            const d1b = d1[b]!;
            v += -sB * d2[ab]! + c1 * (s1a * d1b + d1a * s1[b]!) - c2 * d1a * d1b;
          }
          information[ab]! += v;
          if (weighted) {
            cross[ab]! += g * v;
            second[ab]! += g * g * v;
          }
        }
      }
      if (weighted) {
        for (let j = first; j < i; j++) {
          if (event[j] === 1) for (let a = 0; a < p; a++) scoreG[a]! += g * rows[j * p + a]!;
        }
      }
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

/** The events' own sums d1 = sum r x and d2 = sum r x x' (lower triangle) of rows [from, to). */
function eventSums(
  from: number,
  to: number,
  event: Uint8Array,
  risk: Float64Array,
  rows: Float64Array,
  p: number,
  d1: Float64Array,
  d2: Float64Array,
): void {
  d1.fill(0);
  d2.fill(0);
  for (let j = from; j < to; j++) if (event[j] === 1) accumulate(rows, j, risk[j]!, p, d1, d2);
}

/** Adds r x and r x x' (lower triangle) of row j to s1 and s2: the hot loop, O(p^2). */
function accumulate(
  rows: Float64Array,
  j: number,
  r: number,
  p: number,
  s1: Float64Array,
  s2: Float64Array,
): void {
  const offset = j * p;
  for (let a = 0; a < p; a++) {
    const ra = r * rows[offset + a]!;
    s1[a]! += ra;
    const row = a * p;
    for (let b = 0; b <= a; b++) s2[row + b]! += ra * rows[offset + b]!;
  }
}

/**
 * The sums over the d terms of one exit time, with f = k/d (k = 0..d-1; f = 0 throughout when
 * `dr` is 0, as Breslow) and D = s0 - f dr: into `out`, sum log D, sum 1/D, sum f/D, sum 1/D^2,
 * sum f/D^2, sum f^2/D^2.
 */
function tiedTerms(out: Float64Array, deaths: number, s0: number, dr: number): void {
  if (dr === 0) {
    out[0] = deaths * Math.log(s0);
    out[1] = deaths / s0;
    out[2] = 0;
    out[3] = deaths / (s0 * s0);
    out[4] = 0;
    out[5] = 0;
    return;
  }
  let log = 0;
  let a = 0;
  let b = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let m = 0; m < deaths; m++) {
    const f = m / deaths;
    const inverse = 1 / (s0 - f * dr);
    log += Math.log(s0 - f * dr);
    a += inverse;
    b += f * inverse;
    c0 += inverse * inverse;
    c1 += f * inverse * inverse;
    c2 += f * f * inverse * inverse;
  }
  out[0] = log;
  out[1] = a;
  out[2] = b;
  out[3] = c0;
  out[4] = c1;
  out[5] = c2;
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
