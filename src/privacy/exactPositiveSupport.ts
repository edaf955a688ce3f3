/**
 * Exact linear programming for the bounds check of `verifyNoDisclosure`. Written by hand because
 * the check must not depend on floating-point tolerances, and no maintained JavaScript LP solver
 * works in exact rational arithmetic; the problems are small (one group of suppressed cells). The
 * suppression side uses a floating-point solver (yalps) on the dual formulation instead, so the
 * two do not share this code. @internal
 */

const abs = (x: bigint) => (x < 0n ? -x : x);

/** The greatest common divisor of two big integers (non-negative). */
export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Divides a row by the gcd of its entries; stops looking as soon as the gcd is 1 (most rows). */
function reduce(row: bigint[]): void {
  let g = 0n;
  for (const value of row) {
    if (value === 0n) continue;
    g = gcd(g, value);
    if (g === 1n) return;
  }
  if (g > 1n) for (let i = 0; i < row.length; i++) if (row[i] !== 0n) row[i]! /= g;
}

/**
 * Given the rows of a basis of a subspace V (each an array of exact integers over m coordinates),
 * returns the coordinates j for which some w in V has w >= 0 and w_j > 0.
 *
 * It solves: maximise sum s_j subject to w = sum_i y_i B_i, w_j >= s_j, 0 <= s_j <= 1, y free.
 * Since V is a cone, s_j reaches 1 exactly on those coordinates. Fraction-free simplex on big
 * integers with Bland's rule (no cycling on the many degenerate pivots).
 */
export function positiveSupport(basis: readonly (readonly bigint[])[], m: number): Set<number> {
  const d = basis.length;
  if (d === 0 || m === 0) return new Set();
  // Variables: u_i (d), v_i (d), s_j (m), a_j (m), b_j (m); y = u - v.
  const U = 0;
  const V = d;
  const S = 2 * d;
  const A = 2 * d + m;
  const B = 2 * d + 2 * m;
  const columns = 2 * d + 3 * m;
  const rows: bigint[][] = [];
  const basic: number[] = [];
  for (let j = 0; j < m; j++) {
    // a_j - sum_i B_ij u_i + sum_i B_ij v_i + s_j = 0  (a_j = w_j - s_j >= 0)
    const row = new Array<bigint>(columns + 1).fill(0n);
    for (let i = 0; i < d; i++) {
      row[U + i] = -basis[i]![j]!;
      row[V + i] = basis[i]![j]!;
    }
    row[S + j] = 1n;
    row[A + j] = 1n;
    rows.push(row);
    basic.push(A + j);
  }
  for (let j = 0; j < m; j++) {
    // s_j + b_j = 1
    const row = new Array<bigint>(columns + 1).fill(0n);
    row[S + j] = 1n;
    row[B + j] = 1n;
    row[columns] = 1n;
    rows.push(row);
    basic.push(B + j);
  }
  // Objective row: z - sum s_j = 0; a negative entry can enter.
  const objective = new Array<bigint>(columns + 1).fill(0n);
  for (let j = 0; j < m; j++) objective[S + j] = -1n;

  for (let iteration = 0; iteration < 50 * (columns + rows.length); iteration++) {
    const entering = objective.findIndex((value, index) => index < columns && value < 0n);
    if (entering < 0) break;
    let leaving = -1;
    for (let r = 0; r < rows.length; r++) {
      const entry = rows[r]![entering]!;
      if (entry <= 0n) continue;
      if (leaving < 0) {
        leaving = r;
        continue;
      }
      // Compare rhs_r / entry_r with rhs_l / entry_l (each row's scale cancels out).
      const best = rows[leaving]!;
      const left = rows[r]![columns]! * best[entering]!;
      const right = best[columns]! * entry;
      if (left < right || (left === right && basic[r]! < basic[leaving]!)) leaving = r;
    }
    if (leaving < 0) break; // unbounded cannot happen (s <= 1); stop defensively
    const pivotRow = rows[leaving]!;
    const pivot = pivotRow[entering]!;
    // row := pivot x row - factor x pivotRow, on the pivot row's non-zero columns; elsewhere only
    // the row's own non-zero entries change (times pivot). Most entries are 0.
    const support: number[] = [];
    for (let c = 0; c <= columns; c++) if (pivotRow[c] !== 0n) support.push(c);
    for (const row of [...rows, objective]) {
      if (row === pivotRow) continue;
      const factor = row[entering]!;
      if (factor === 0n) continue;
      if (pivot !== 1n)
        for (let c = 0; c <= columns; c++) if (row[c] !== 0n) row[c] = row[c]! * pivot;
      for (const c of support) row[c] = row[c]! - pivotRow[c]! * factor;
      reduce(row);
    }
    reduce(pivotRow);
    basic[leaving] = entering;
  }
  const result = new Set<number>();
  rows.forEach((row, r) => {
    const variable = basic[r]!;
    if (variable >= S && variable < A && row[columns]! === row[variable]! && row[variable]! > 0n)
      result.add(variable - S);
  });
  return result;
}
