import type { DesignColumn } from './design.js';

/**
 * The working design of a fit, m rows x k columns with the intercept first, as a view of design
 * columns: column c + 1 is (source[c][row] - center[c]) / scale[c] over the fitted rows. Nothing
 * of size m x k is stored; the loops below standardise blocks of rows into a small buffer
 * (row-major, k padded to a multiple of 3, so that X'WX can be summed in 3 x 3 tiles) and work on
 * the block.
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

/** Row length of a block buffer: k rounded up to a multiple of the tile size 3. */
function strideOf(k: number): number {
  return Math.ceil(k / 3) * 3;
}

/**
 * A block buffer: BLOCK rows of `stride` numbers, row t at t * stride; the padding columns
 * (k..stride-1) stay 0.
 */
function blockBuffer(k: number): Float64Array {
  return new Float64Array(strideOf(k) * BLOCK);
}

/**
 * Writes rows start..start+length-1 of the working matrix into buffer (row t at t * stride) and,
 * when gamma is given, their linear predictors X gamma into eta (column by column, as the values
 * are written: the same sums in the same order as row by row, but independent of each other).
 */
function fillBlock(
  x: WorkingMatrix,
  start: number,
  length: number,
  buffer: Float64Array,
  gamma: Float64Array | null,
  eta: Float64Array,
): void {
  const { sources, rows, center, scale } = x;
  const stride = strideOf(x.k);
  for (let t = 0; t < length; t++) buffer[t * stride] = 1;
  if (gamma) eta.fill(gamma[0]!, 0, length);
  for (let c = 0; c < sources.length; c++) {
    const source = sources[c]!;
    const mu = center[c]!;
    const inverse = 1 / scale[c]!;
    let o = c + 1;
    if (gamma) {
      const g = gamma[c + 1]!;
      if (rows) {
        for (let t = 0; t < length; t++, o += stride) {
          const value = (source[rows[start + t]!]! - mu) * inverse;
          buffer[o] = value;
          eta[t]! += g * value;
        }
      } else {
        for (let t = 0; t < length; t++, o += stride) {
          const value = (source[start + t]! - mu) * inverse;
          buffer[o] = value;
          eta[t]! += g * value;
        }
      }
    } else if (rows) {
      for (let t = 0; t < length; t++, o += stride)
        buffer[o] = (source[rows[start + t]!]! - mu) * inverse;
    } else {
      for (let t = 0; t < length; t++, o += stride) buffer[o] = (source[start + t]! - mu) * inverse;
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

/**
 * Adds the block's rows to X'WX (upper triangle) and, when b is given, to X'Wz. X'WX is summed in
 * 3 x 3 tiles over the rows: nine sums in locals for six loads per row, where one dot product at
 * a time loads two numbers per multiply-add; a tile on the diagonal sums its upper triangle only
 * (six sums). The padding columns are 0 and add nothing.
 */
function addBlock(
  k: number,
  buffer: Float64Array,
  length: number,
  w: Float64Array,
  response: Float64Array,
  a: Float64Array,
  b: Float64Array | null,
): void {
  const stride = strideOf(k);
  const end = length * stride;
  if (b) {
    for (let j = 0; j < stride; j += 3) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let t = 0, o = j; o < end; t++, o += stride) {
        const r = response[t]!;
        s0 += r * buffer[o]!;
        s1 += r * buffer[o + 1]!;
        s2 += r * buffer[o + 2]!;
      }
      b[j]! += s0;
      if (j + 1 < k) b[j + 1]! += s1;
      if (j + 2 < k) b[j + 2]! += s2;
    }
  }
  for (let j = 0; j < stride; j += 3) {
    // The diagonal tile: its upper triangle only, six sums.
    let d00 = 0;
    let d01 = 0;
    let d02 = 0;
    let d11 = 0;
    let d12 = 0;
    let d22 = 0;
    for (let t = 0, o = j; o < end; t++, o += stride) {
      const weight = w[t]!;
      const v0 = buffer[o]!;
      const v1 = buffer[o + 1]!;
      const v2 = buffer[o + 2]!;
      const u0 = weight * v0;
      const u1 = weight * v1;
      const u2 = weight * v2;
      d00 += u0 * v0;
      d01 += u0 * v1;
      d02 += u0 * v2;
      d11 += u1 * v1;
      d12 += u1 * v2;
      d22 += u2 * v2;
    }
    addTileRow(a, k, j, j, d00, d01, d02);
    if (j + 1 < k) addTileRow(a, k, j + 1, j, 0, d11, d12);
    if (j + 2 < k) addTileRow(a, k, j + 2, j, 0, 0, d22);
    for (let l = j + 3; l < stride; l += 3) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      for (let t = 0, o = 0; o < end; t++, o += stride) {
        const weight = w[t]!;
        const u0 = weight * buffer[o + j]!;
        const u1 = weight * buffer[o + j + 1]!;
        const u2 = weight * buffer[o + j + 2]!;
        const v0 = buffer[o + l]!;
        const v1 = buffer[o + l + 1]!;
        const v2 = buffer[o + l + 2]!;
        s00 += u0 * v0;
        s01 += u0 * v1;
        s02 += u0 * v2;
        s10 += u1 * v0;
        s11 += u1 * v1;
        s12 += u1 * v2;
        s20 += u2 * v0;
        s21 += u2 * v1;
        s22 += u2 * v2;
      }
      // Only the columns inside the k x k matrix.
      addTileRow(a, k, j, l, s00, s01, s02);
      if (j + 1 < k) addTileRow(a, k, j + 1, l, s10, s11, s12);
      if (j + 2 < k) addTileRow(a, k, j + 2, l, s20, s21, s22);
    }
  }
}

/** Adds three sums to a[row][l..l+2], leaving out columns below the diagonal or beyond k. */
function addTileRow(
  a: Float64Array,
  k: number,
  row: number,
  l: number,
  s0: number,
  s1: number,
  s2: number,
): void {
  const base = row * k;
  if (l >= row && l < k) a[base + l]! += s0;
  if (l + 1 >= row && l + 1 < k) a[base + l + 1]! += s1;
  if (l + 2 >= row && l + 2 < k) a[base + l + 2]! += s2;
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
  const buffer = blockBuffer(k);
  const w = new Float64Array(BLOCK);
  const response = new Float64Array(BLOCK);
  for (let start = 0; start < m; start += BLOCK) {
    const length = Math.min(BLOCK, m - start);
    fillBlock(x, start, length, buffer, null, response);
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
    addBlock(k, buffer, length, w, response, a, b);
  }
  mirror(a, k);
}

/**
 * One pass of IRLS at coefficients gamma: writes eta = X gamma and mu, returns the binomial
 * deviance (softplus(s) = max(s, 0) + log(1 + exp(-|s|)), one exp per row and one log per block
 * of rows), and accumulates X'WX and X'Wz at the new weights into a and b for the next step (rows
 * in `exclude` get weight 0 but count in the deviance). O(m k^2).
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
  const buffer = blockBuffer(k);
  const w = new Float64Array(BLOCK);
  const response = new Float64Array(BLOCK);
  let deviance = 0;
  for (let start = 0; start < m; start += BLOCK) {
    const length = Math.min(BLOCK, m - start);
    fillBlock(x, start, length, buffer, gamma, response);
    // The deviance is 2 sum (max(s, 0) + log(1 + z)); the logs of a block's rows are summed as
    // the log of the product of their 1 + z, each in (1, 2] (so the product of 256 stays below
    // 2^256): one log per block instead of a log1p per row, for an absolute error of about 2e-16
    // per row (the rounding of 1 + z and of the product), far below that of the sum itself.
    let margins = 0;
    let product = 1;
    for (let t = 0; t < length; t++) {
      const i = start + t;
      const e = response[t]!;
      eta[i] = e;
      const z = Math.exp(-Math.abs(e));
      const p = e >= 0 ? 1 / (1 + z) : z / (1 + z);
      mu[i] = p;
      const s = y[i] === 1 ? -e : e;
      margins += Math.max(s, 0);
      product *= 1 + z;
      if (exclude && exclude[i] === 1) {
        w[t] = 0;
        response[t] = 0;
        continue;
      }
      const weight = p * (1 - p);
      w[t] = weight;
      response[t] = weight * e + (y[i]! - p);
    }
    deviance += 2 * (margins + Math.log(product));
    addBlock(k, buffer, length, w, response, a, b);
  }
  mirror(a, k);
  return deviance;
}
