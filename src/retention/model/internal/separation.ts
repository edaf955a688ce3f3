import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { accumulate, multiply, type WorkingMatrix } from './workingMatrix.js';

/** A proven separation: a direction along which the likelihood keeps rising, and its rows. */
export interface Separation {
  /** In the working coordinates of the fit (intercept first), scaled so max |x_i'd| = 1. */
  readonly direction: Float64Array;
  /** 1 for each separated row (fitted probability 0 or 1 in the limit), 0 for the others. */
  readonly separated: Uint8Array;
  readonly count: number;
  /** Every row is separated (complete separation) or only some (quasi-complete). */
  readonly complete: boolean;
  /**
   * An orthonormal basis (k x r, column-major) of the null space of the other rows: the
   * directions in which their likelihood is flat, so the coefficients there are not estimable.
   */
  readonly nullBasis: Float64Array;
  readonly nullity: number;
}

const MARGIN = 1e-6;

/** The null space of X_N (the rows not separated), as an orthonormal basis; all of R^k when N is empty. */
function nullSpace(
  x: WorkingMatrix,
  separated: Uint8Array,
): { basis: Float64Array; nullity: number } {
  const { m, k } = x;
  let rowsInN = 0;
  for (let i = 0; i < m; i++) if (separated[i] !== 1) rowsInN++;
  if (rowsInN === 0) {
    const basis = new Float64Array(k * k);
    for (let j = 0; j < k; j++) basis[j * k + j] = 1;
    return { basis, nullity: k };
  }
  const gram = new Float64Array(k * k);
  accumulate(x, { mu: null, eta: null, y: null, exclude: separated }, gram, null);
  const eigen = new EigenvalueDecomposition(Matrix.from1DArray(k, k, gram), {
    assumeSymmetric: true,
  });
  const values = eigen.realEigenvalues;
  const largest = Math.max(...values.map(Math.abs));
  const vectors = eigen.eigenvectorMatrix;
  const columns: number[] = [];
  values.forEach((value, c) => {
    if (Math.abs(value) <= 1e-10 * largest) columns.push(c);
  });
  const basis = new Float64Array(k * columns.length);
  columns.forEach((c, r) => {
    for (let j = 0; j < k; j++) basis[r * k + j] = vectors.get(j, c);
  });
  return { basis, nullity: columns.length };
}

/**
 * Finds and proves separation (Albert & Anderson 1984, Biometrika 71(1): the maximum-likelihood
 * estimate does not exist when some direction d has x_i'd >= 0 for every event and <= 0 for every
 * non-event, at least one strictly; the coefficients with d_j != 0 then drift to +-infinity).
 *
 * Under separation, iteratively reweighted least squares keeps stepping along such a direction,
 * so its latest step is close to one. The rows it already fits beyond |eta| = 3 and still pushes
 * outwards, or else the rows that step moves outwards most, are taken as separated; the step is projected onto the null space of the other rows (eigen-decomposition
 * from ml-matrix), and the result is kept only if it is a certificate: 0 on every other row (to
 * 1e-6 of the largest margin) and strictly on the side of its outcome on every separated row. A
 * direction that fails the check is not reported, so a separation is never claimed without proof;
 * detection is not complete (a separation the steps do not reveal goes unreported, and the fit
 * then reports that it did not converge or that fitted probabilities reached 0 or 1).
 *
 * O(m k^2 + k^3) per candidate set of rows (at most 5 guesses x 3 refinements).
 */
export function certifySeparation(
  x: WorkingMatrix,
  y: Uint8Array,
  step: Float64Array,
  eta: Float64Array,
): Separation | null {
  const { m, k } = x;
  const margins = (d: Float64Array) => {
    const out = new Float64Array(m);
    multiply(x, d, out);
    for (let i = 0; i < m; i++) if (y[i] === 0) out[i] = -out[i]!;
    return out;
  };
  const raw = margins(step);
  let largest = 0;
  for (let i = 0; i < m; i++) largest = Math.max(largest, raw[i]!);
  if (!(largest > 0)) return null;
  // First guess: the rows the fit already pushes out (|eta| > 3, moving outwards); then the rows
  // the step moves most, at decreasing thresholds.
  for (const threshold of [-1, 0.5, 0.1, 1e-2, 1e-3]) {
    const separated = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const outward = y[i] === 1 ? eta[i]! : -eta[i]!;
      if (threshold < 0 ? outward > 3 && raw[i]! > 0.2 * largest : raw[i]! > threshold * largest) {
        separated[i] = 1;
      }
    }
    for (let round = 0; round < 3; round++) {
      const { basis, nullity } = nullSpace(x, separated);
      if (nullity === 0) break;
      const d = new Float64Array(k);
      for (let r = 0; r < nullity; r++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += basis[r * k + j]! * step[j]!;
        for (let j = 0; j < k; j++) d[j]! += dot * basis[r * k + j]!;
      }
      const signed = margins(d);
      let scale = 0;
      for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(signed[i]!));
      if (!(scale > 0)) break;
      let valid = true;
      let changed = false;
      let count = 0;
      for (let i = 0; i < m; i++) {
        const margin = signed[i]! / scale;
        if (separated[i] === 1) {
          if (margin > MARGIN) count++;
          else {
            separated[i] = 0;
            changed = true;
          }
        } else if (Math.abs(margin) > MARGIN) valid = false;
      }
      if (!valid || count === 0) break;
      if (changed) continue;
      for (let j = 0; j < k; j++) d[j]! /= scale;
      return { direction: d, separated, count, complete: count === m, nullBasis: basis, nullity };
    }
  }
  return null;
}
