/** Small dense symmetric systems of the Cox fits (p x p, row-major Float64Arrays). @internal */

/**
 * Cholesky factor of a p x p symmetric matrix (row-major), or null when it is not positive
 * definite (a pivot at most 1e-12 of the largest diagonal element). @internal
 */
export function cholesky(matrix: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  let largest = 0;
  for (let a = 0; a < p; a++) largest = Math.max(largest, Math.abs(matrix[a * p + a]!));
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = matrix[a * p + b]!;
      for (let k = 0; k < b; k++) sum -= l[a * p + k]! * l[b * p + k]!;
      if (a === b) {
        if (!(sum > largest * 1e-12)) return null;
        l[a * p + a] = Math.sqrt(sum);
      } else {
        l[a * p + b] = sum / l[b * p + b]!;
      }
    }
  }
  return l;
}

/** Solves (L L') y = v. @internal */
export function choleskySolve(l: Float64Array, p: number, v: Float64Array): Float64Array {
  const y = Float64Array.from(v);
  for (let a = 0; a < p; a++) {
    for (let k = 0; k < a; k++) y[a]! -= l[a * p + k]! * y[k]!;
    y[a]! /= l[a * p + a]!;
  }
  for (let a = p - 1; a >= 0; a--) {
    for (let k = a + 1; k < p; k++) y[a]! -= l[k * p + a]! * y[k]!;
    y[a]! /= l[a * p + a]!;
  }
  return y;
}

/** The inverse of (L L'), column by column. @internal */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inverse = new Float64Array(p * p);
  for (let b = 0; b < p; b++) {
    const unit = new Float64Array(p);
    unit[b] = 1;
    const column = choleskySolve(l, p, unit);
    for (let a = 0; a < p; a++) inverse[a * p + b] = column[a]!;
  }
  return inverse;
}

/**
 * v' M^-1 v for a positive definite M (a score or Wald statistic), or null when M is not
 * positive definite. M is first scaled to a unit diagonal (D^-1/2 M D^-1/2, v to D^-1/2 v), so
 * that covariates on very different scales (an income beside a rank of time) do not read as
 * singular. @internal
 */
export function quadraticFormInverse(
  matrix: Float64Array,
  p: number,
  v: Float64Array,
): number | null {
  const scale = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const diagonal = matrix[a * p + a]!;
    if (!(diagonal > 0)) return null;
    scale[a] = 1 / Math.sqrt(diagonal);
  }
  const scaled = matrix.map((value, k) => value * scale[Math.floor(k / p)]! * scale[k % p]!);
  const l = cholesky(scaled, p);
  if (l === null) return null;
  const w = v.map((value, a) => value * scale[a]!);
  const solved = choleskySolve(l, p, w);
  let sum = 0;
  for (let a = 0; a < p; a++) sum += w[a]! * solved[a]!;
  return sum;
}

/** The p x p row-major matrix as nested arrays. @internal */
export function nested(matrix: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => matrix[a * p + b]!),
  );
}
