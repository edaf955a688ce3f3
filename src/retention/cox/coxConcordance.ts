import type { CoxData } from './coxInformation.js';
import type { CoxConcordance } from './fitCoxModel.js';

/**
 * Harrell's concordance of a Cox fit as R's `concordance` counts it: for each event at t, the
 * others at risk at t in its stratum (entry < t <= exit; a censoring at t counts as at risk) are
 * compared on the linear predictor; other events at the same t are tied on time. Risk sets are
 * kept in a Fenwick tree over the ranks of the linear predictor while exit times descend.
 * O(n log n). @internal
 */
export function coxConcordance(data: CoxData, eta: Float64Array): CoxConcordance {
  const { n, time, event, entry, stratum, byEntry } = data;
  const sorted = Float64Array.from(eta).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
  const values = sorted.subarray(0, m);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = lowerBound(values, eta[i]!);
  const tree = new Int32Array(m + 1);
  // Members at each rank, so that ties on the predictor need no second query of the tree.
  const atRank = new Int32Array(m);
  const inTree = new Uint8Array(n);
  let size = 0;
  const add = (i: number, sign: number) => {
    for (let r = rank[i]! + 1; r <= m; r += r & -r) tree[r]! += sign;
    atRank[rank[i]!]! += sign;
    size += sign;
    inTree[i] = sign > 0 ? 1 : 0;
  };
  /** Members with rank below r. */
  const below = (r: number) => {
    let count = 0;
    for (let k = r; k > 0; k -= k & -k) count += tree[k]!;
    return count;
  };

  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  let tiedTime = 0;
  let tiedBoth = 0;
  let leaving = 0;
  let i = 0;
  const deaths: number[] = [];
  const deathRanks = new Int32Array(n);
  while (i < n) {
    const k = stratum[i]!;
    const start = i;
    while (leaving < n && stratum[byEntry[leaving]!]! < k) leaving++;
    while (i < n && stratum[i] === k) {
      const t = time[i]!;
      while (leaving < n && stratum[byEntry[leaving]!] === k && entry[byEntry[leaving]!]! >= t) {
        if (inTree[byEntry[leaving]!] === 1) add(byEntry[leaving]!, -1);
        leaving++;
      }
      deaths.length = 0;
      while (i < n && stratum[i] === k && time[i] === t) {
        const j = i;
        if (event[j] === 1) deaths.push(j);
        else add(j, 1);
        i++;
      }
      for (const j of deaths) {
        const lower = below(rank[j]!);
        const equal = atRank[rank[j]!]!;
        concordant += lower;
        tiedRisk += equal;
        discordant += size - lower - equal;
      }
      const d = deaths.length;
      if (d > 1) {
        // Equal predictors are equal ranks: a native sort of the ranks finds them.
        for (let a = 0; a < d; a++) deathRanks[a] = rank[deaths[a]!]!;
        const ranks = deathRanks.subarray(0, d).sort();
        let both = 0;
        for (let a = 0; a < d; ) {
          let b = a;
          while (b < d && ranks[b] === ranks[a]) b++;
          both += ((b - a) * (b - a - 1)) / 2;
          a = b;
        }
        tiedBoth += both;
        tiedTime += (d * (d - 1)) / 2 - both;
      }
      for (const j of deaths) add(j, 1);
    }
    // The tree is emptied for the next stratum (after the last, nothing reads it).
    if (i < n) for (let r = start; r < i; r++) if (inTree[r] === 1) add(r, -1);
  }
  return {
    concordant,
    discordant,
    tiedRisk,
    tiedTime,
    tiedBoth,
    concordance: (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk),
  };
}

/** The first position whose value is not below v, in ascending values. O(log n). @internal */
export function lowerBound(values: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
