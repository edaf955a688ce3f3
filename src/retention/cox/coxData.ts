import { InternalCustomerError } from '../../core/errors.js';
import { describeValue } from '../../internal/describeValue.js';
import type { CoxData } from './coxInformation.js';

/** The input of a Cox fit as the functions of this folder take it. @internal */
export interface CoxInput {
  readonly entry?: ArrayLike<number> | undefined;
  readonly strata?: ArrayLike<string | number> | undefined;
  readonly cluster?: ArrayLike<string | number> | undefined;
}

/** Checked, sorted data with what the results need to name things. @internal */
export interface CoxPrepared extends CoxData {
  /** The covariates fitted (neither constant nor aliased), in input order. */
  readonly fitted: readonly string[];
  /** Covariates left out as linear combinations of earlier ones (R's NA), in input order. */
  readonly aliased: readonly string[];
  /** The mean of every covariate (input order), by which the fitted ones are centred. */
  readonly means: readonly number[];
  /** Stratum keys by code (one null key without strata). */
  readonly strataKeys: readonly (string | number | null)[];
  /** Input position of each sorted row. */
  readonly order: Int32Array;
  /** Cluster code per sorted row (null without clusters), and the number of clusters. */
  readonly cluster: Int32Array | null;
  readonly clusters: number;
}

/** Codes 0, 1, ... of the values in order of first appearance, and the values by code. @internal */
function codes(
  values: ArrayLike<string | number>,
  n: number,
): { readonly code: Int32Array<ArrayBuffer>; readonly keys: (string | number)[] } {
  const code = new Int32Array(n);
  const map = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = values[i]!;
    let c = map.get(key);
    if (c === undefined) {
      c = map.size;
      map.set(key, c);
    }
    code[i] = c;
  }
  return { code, keys: [...map.keys()] };
}

/**
 * Checks the input of a Cox fit and builds the centred columns and the two sort orders (stratum,
 * then exit descending; stratum, then entry descending). Constant covariates are left out with a
 * warning. Messages start with `fn requires`. O(n log n + n x p). @internal
 */
export function coxData(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  input: CoxInput,
  warnings: string[],
  fn: string,
): CoxPrepared {
  const fail = (message: string): never => {
    throw new InternalCustomerError('INVALID_INPUT', `${fn} requires ${message}`);
  };
  const n = times.length;
  if (events.length !== n) fail(`as many events as times, got ${events.length} and ${n}`);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const entry = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t)) fail(`finite times, got ${describeValue(t)} at ${i}`);
    const e = events[i]!;
    if (e !== 0 && e !== 1) fail(`events of 0 or 1, got ${describeValue(e)} at ${i}`);
    time[i] = t;
    event[i] = e;
  }
  if (input.entry !== undefined) {
    if (input.entry.length !== n)
      fail(`as many entry times as times, got ${input.entry.length} and ${n}`);
    for (let i = 0; i < n; i++) {
      const s = input.entry[i]!;
      if (!Number.isFinite(s)) fail(`finite entry times, got ${describeValue(s)} at ${i}`);
      if (!(s < time[i]!))
        fail(`each entry before its exit, got entry ${s} and exit ${time[i]} at ${i}`);
      entry[i] = s;
    }
  }
  let stratum = new Int32Array(n);
  let strataKeys: (string | number | null)[] = [null];
  if (input.strata !== undefined) {
    if (input.strata.length !== n)
      fail(`as many strata as times, got ${input.strata.length} and ${n}`);
    ({ code: stratum, keys: strataKeys } = codes(input.strata, n));
  }
  let clusterCode: Int32Array | null = null;
  let clusters = 0;
  if (input.cluster !== undefined) {
    if (input.cluster.length !== n)
      fail(`as many cluster ids as times, got ${input.cluster.length} and ${n}`);
    const coded = codes(input.cluster, n);
    clusterCode = coded.code;
    clusters = coded.keys.length;
  }
  // The rows are put in pass order (stratum, then exit descending) once, and the covariates also
  // row by row, so that every pass over the risk sets reads memory in sequence.
  const order = descendingOrder(time, stratum, strataKeys.length);
  const { x: columns, fitted, aliased, means } = centredColumns(covariates, order, warnings, fail);
  const sortedEntry = gather(entry, order, new Float64Array(n));
  const sortedStratum = gather(stratum, order, new Int32Array(n));
  const p = columns.length;
  const rows = new Float64Array(n * p);
  columns.forEach((column, a) => {
    for (let i = 0; i < n; i++) rows[i * p + a] = column[i]!;
  });
  // Without entry times nobody leaves a risk set early: the pass order serves.
  const byEntry =
    input.entry === undefined
      ? Int32Array.from({ length: n }, (_, i) => i)
      : descendingOrder(sortedEntry, sortedStratum, strataKeys.length);
  return {
    n,
    time: gather(time, order, new Float64Array(n)),
    event: gather(event, order, new Uint8Array(n)),
    entry: sortedEntry,
    stratum: sortedStratum,
    x: columns,
    rows,
    byEntry,
    fitted,
    aliased,
    means,
    strataKeys,
    order,
    cluster: clusterCode === null ? null : gather(clusterCode, order, new Int32Array(n)),
    clusters,
  };
}

/** `into[i] = values[order[i]]`, returned. @internal */
function gather<T extends Float64Array | Int32Array | Uint8Array>(
  values: T,
  order: Int32Array,
  into: T,
): T {
  for (let i = 0; i < order.length; i++) into[i] = values[order[i]!]!;
  return into;
}

/**
 * Positions by stratum, then value descending, ties in input order (as a stable sort by a
 * comparator): the distinct values by a native numeric sort, each value's rank among them by
 * binary search, then two counting sorts. O(n log n). @internal
 */
export function descendingOrder(
  values: Float64Array,
  stratum: Int32Array,
  strata: number,
): Int32Array {
  const n = values.length;
  const distinct = values.slice().sort();
  let u = 0;
  for (let i = 0; i < n; i++)
    if (u === 0 || distinct[i] !== distinct[u - 1]) distinct[u++] = distinct[i]!;
  const rank = new Int32Array(n);
  const count = new Int32Array(u + 1);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let low = 0;
    let high = u - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (distinct[middle]! < v) low = middle + 1;
      else high = middle;
    }
    rank[i] = u - 1 - low;
    count[u - low]!++;
  }
  for (let r = 1; r <= u; r++) count[r]! += count[r - 1]!;
  const byValue = new Int32Array(n);
  for (let i = 0; i < n; i++) byValue[count[rank[i]!]!++] = i;
  if (strata === 1) return byValue;
  const start = new Int32Array(strata + 1);
  for (let i = 0; i < n; i++) start[stratum[i]! + 1]!++;
  for (let k = 1; k <= strata; k++) start[k]! += start[k - 1]!;
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = byValue[j]!;
    order[start[stratum[i]!]!++] = i;
  }
  return order;
}

/**
 * The covariates checked, centred and put in `order` (one gather, no copy in input order);
 * constant ones, and those that are a linear combination of
 * earlier ones (R's NA: a pivot of the Cholesky factor of X'X at most 1e-11 of the column's own
 * sum of squares), left out with a warning. O(n x p^2). @internal
 */
function centredColumns(
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  order: Int32Array,
  warnings: string[],
  fail: (message: string) => never,
) {
  const n = order.length;
  const names = Object.keys(covariates);
  if (names.length === 0) fail('at least one covariate');
  const x: Float64Array[] = [];
  const fitted: string[] = [];
  const aliased: string[] = [];
  const means: number[] = [];
  const gram = incrementalCholesky(x);
  for (const name of names) {
    const column = covariates[name]!;
    if (column.length !== n) fail(`covariate ${name} to have ${n} values, got ${column.length}`);
    let sum = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) fail(`finite values of ${name}, got ${describeValue(v)} at ${i}`);
      sum += v;
      if (v !== column[0]) constant = false;
    }
    const mean = sum / n;
    means.push(mean);
    const centred = new Float64Array(n);
    for (let i = 0; i < n; i++) centred[i] = column[order[i]!]! - mean;
    if (constant) {
      warnings.push(`${name} is constant and was dropped`);
      continue;
    }
    if (gram.add(centred)) {
      x.push(centred);
      fitted.push(name);
    } else {
      aliased.push(name);
      warnings.push(
        `${name} is a linear combination of earlier covariates and was dropped (R reports its coefficient as NA)`,
      );
    }
  }
  if (x.length === 0) fail('a covariate that is not constant');
  return { x, fitted, aliased, means };
}

/**
 * The Cholesky factor of X'X grown one column at a time: `add` takes a column when its pivot is
 * above 1e-11 of its own sum of squares (it is not a linear combination of the columns taken), and
 * says whether it did. @internal
 */
function incrementalCholesky(columns: Float64Array[]) {
  const factor: number[][] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
    return sum;
  };
  return {
    add(column: Float64Array): boolean {
      const row: number[] = [];
      for (let k = 0; k < columns.length; k++) {
        let value = dot(column, columns[k]!);
        for (let m = 0; m < k; m++) value -= row[m]! * factor[k]![m]!;
        row.push(value / factor[k]![k]!);
      }
      const own = dot(column, column);
      let pivot = own;
      for (const value of row) pivot -= value * value;
      if (!(pivot > own * 1e-11)) return false;
      row.push(Math.sqrt(pivot));
      factor.push(row);
      return true;
    },
  };
}
