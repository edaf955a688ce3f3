import type { DesignColumn } from './design.js';

/**
 * The working design of a fit, m rows x k columns with the intercept first, as a view of design
 * columns: column c + 1 is (source[c][row] - center[c]) / scale[c] over the fitted rows. Nothing
 * of size m x k is stored; the loops below standardise blocks of rows into a small buffer
 * (column-major, so the inner loops run over contiguous memory) and work on the block.
 */
export interface WorkingMatrix {
  readonly m: number;
  readonly k: number;
  readonly sources: readonly DesignColumn[];
  /** Design rows of the fitted rows, in order; null for all rows 0..m-1. */
  readonly rows: Int32Array | null;
  readonly center: Float64Array;
  readonly scale: Float64Array;
}

const BLOCK = 256;

/** Writes rows start..start+length-1 of the working matrix into buffer (column c at c * BLOCK). */
function fillBlock(x: WorkingMatrix, start: number, length: number, buffer: Float64Array): void {
  const { sources, rows, center, scale } = x;
  buffer.fill(1, 0, length);
  for (let c = 0; c < sources.length; c++) {
    const source = sources[c]!;
    const mu = center[c]!;
    const inverse = 1 / scale[c]!;
    const base = (c + 1) * BLOCK;
    if (rows) {
      for (let t = 0; t < length; t++)
        buffer[base + t] = (source[rows[start + t]!]! - mu) * inverse;
    } else {
      for (let t = 0; t < length; t++) buffer[base + t] = (source[start + t]! - mu) * inverse;
    }
  }
}

/** out = X gamma. */
export function multiply(x: WorkingMatrix, gamma: Float64Array, out: Float64Array): void {
  const { m, sources, rows, center, scale } = x;
  out.fill(gamma[0]!);
  for (let c = 0; c < sources.length; c++) {
    const source = sources[c]!;
    const mu = center[c]!;
    const g = gamma[c + 1]! / scale[c]!;
    if (g === 0) continue;
    if (rows) {
      for (let r = 0; r < m; r++) out[r]! += g * (source[rows[r]!]! - mu);
    } else {
      for (let r = 0; r < m; r++) out[r]! += g * (source[r]! - mu);
    }
  }
}

/**
 * The weights of the rows for {@link accumulate}: w = mu (1 - mu) (1 without mu), 0 for excluded
 * rows; with eta and y, also the weighted working response w z = w eta + (y - mu), computed
 * directly so that rows with w near 0 stay finite.
 */
export interface RowWeights {
  readonly mu: Float64Array | null;
  readonly eta: Float64Array | null;
  readonly y: Uint8Array | null;
  readonly exclude: Uint8Array | null;
}

/** Adds the block's rows to X'WX (upper triangle) and, when b is given, to X'Wz. */
function addBlock(
  k: number,
  buffer: Float64Array,
  length: number,
  w: Float64Array,
  response: Float64Array,
  weighted: Float64Array,
  a: Float64Array,
  b: Float64Array | null,
): void {
  if (b) {
    for (let j = 0; j < k; j++) {
      const base = j * BLOCK;
      let sum = 0;
      for (let t = 0; t < length; t++) sum += response[t]! * buffer[base + t]!;
      b[j]! += sum;
    }
  }
  // Dot products of the weighted column j with columns l and l + 1 at once, two rows per step:
  // four independent sums keep the floating-point adder busy.
  const even = length & ~1;
  for (let j = 0; j < k; j++) {
    const base = j * BLOCK;
    for (let t = 0; t < length; t++) weighted[t] = w[t]! * buffer[base + t]!;
    let l = j;
    for (; l + 1 < k; l += 2) {
      const first = l * BLOCK;
      const second = first + BLOCK;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < even; t += 2) {
        const u = weighted[t]!;
        const v = weighted[t + 1]!;
        s0 += u * buffer[first + t]!;
        s1 += v * buffer[first + t + 1]!;
        s2 += u * buffer[second + t]!;
        s3 += v * buffer[second + t + 1]!;
      }
      if (even < length) {
        s0 += weighted[even]! * buffer[first + even]!;
        s2 += weighted[even]! * buffer[second + even]!;
      }
      a[j * k + l]! += s0 + s1;
      a[j * k + l + 1]! += s2 + s3;
    }
    if (l < k) {
      const other = l * BLOCK;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < even; t += 2) {
        s0 += weighted[t]! * buffer[other + t]!;
        s1 += weighted[t + 1]! * buffer[other + t + 1]!;
      }
      if (even < length) s0 += weighted[even]! * buffer[other + even]!;
      a[j * k + l]! += s0 + s1;
    }
  }
}

function mirror(a: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) a[j * k + l] = a[l * k + j]!;
}

/**
 * Accumulates X'WX into `a` (k x k) and, when `b` is given (with eta, mu and y), X'Wz into `b`.
 * `a` and `b` are overwritten. O(m k^2), blocks of 256 rows.
 */
export function accumulate(
  x: WorkingMatrix,
  weights: RowWeights,
  a: Float64Array,
  b: Float64Array | null,
): void {
  const { m, k } = x;
  const { mu, eta, y, exclude } = weights;
  a.fill(0);
  b?.fill(0);
  const buffer = new Float64Array(k * BLOCK);
  const w = new Float64Array(BLOCK);
  const response = new Float64Array(BLOCK);
  const weighted = new Float64Array(BLOCK);
  for (let start = 0; start < m; start += BLOCK) {
    const length = Math.min(BLOCK, m - start);
    fillBlock(x, start, length, buffer);
    for (let t = 0; t < length; t++) {
      const i = start + t;
      if (exclude && exclude[i] === 1) {
        w[t] = 0;
        response[t] = 0;
        continue;
      }
      if (!mu) {
        w[t] = 1;
        continue;
      }
      const p = mu[i]!;
      const weight = p * (1 - p);
      w[t] = weight;
      if (b && eta && y) response[t] = weight * eta[i]! + (y[i]! - p);
    }
    addBlock(k, buffer, length, w, response, weighted, a, b);
  }
  mirror(a, k);
}

/**
 * One pass of IRLS at coefficients gamma: writes eta = X gamma and mu, returns the binomial
 * deviance (softplus(s) = max(s, 0) + log1p(exp(-|s|)), one exp and one log1p per row), and
 * accumulates X'WX and X'Wz at the new weights into a and b for the next step (rows in `exclude`
 * get weight 0 but count in the deviance). O(m k^2).
 */
export function evaluate(
  x: WorkingMatrix,
  gamma: Float64Array,
  y: Uint8Array,
  exclude: Uint8Array | null,
  eta: Float64Array,
  mu: Float64Array,
  a: Float64Array,
  b: Float64Array,
): number {
  const { m, k } = x;
  a.fill(0);
  b.fill(0);
  const buffer = new Float64Array(k * BLOCK);
  const w = new Float64Array(BLOCK);
  const response = new Float64Array(BLOCK);
  const weighted = new Float64Array(BLOCK);
  let deviance = 0;
  for (let start = 0; start < m; start += BLOCK) {
    const length = Math.min(BLOCK, m - start);
    fillBlock(x, start, length, buffer);
    for (let t = 0; t < length; t++) response[t] = gamma[0]!;
    for (let j = 1; j < k; j++) {
      const g = gamma[j]!;
      const base = j * BLOCK;
      for (let t = 0; t < length; t++) response[t]! += g * buffer[base + t]!;
    }
    for (let t = 0; t < length; t++) {
      const i = start + t;
      const e = response[t]!;
      eta[i] = e;
      const z = Math.exp(-Math.abs(e));
      const p = e >= 0 ? 1 / (1 + z) : z / (1 + z);
      mu[i] = p;
      const s = y[i] === 1 ? -e : e;
      deviance += 2 * (Math.max(s, 0) + Math.log1p(z));
      if (exclude && exclude[i] === 1) {
        w[t] = 0;
        response[t] = 0;
        continue;
      }
      const weight = p * (1 - p);
      w[t] = weight;
      response[t] = weight * e + (y[i]! - p);
    }
    addBlock(k, buffer, length, w, response, weighted, a, b);
  }
  mirror(a, k);
  return deviance;
}
