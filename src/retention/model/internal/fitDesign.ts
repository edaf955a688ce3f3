import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import type { Design, DesignColumn } from './design.js';
import { certifySeparation, type Separation } from './separation.js';
import { accumulate, evaluate, multiply, type WorkingMatrix } from './workingMatrix.js';

/** How to fit. */
export interface FitSettings {
  /** Report numeric features per standard deviation (z-scores) rather than per unit. */
  readonly standardize: boolean;
  /** L2 penalty lambda on the reported slopes (0: plain maximum likelihood). */
  readonly lambda: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

export type TermStatus = 'kept' | 'constant' | 'aliased';

/** A fitted logistic regression on a subset of a design. */
export interface DesignFit {
  /** Number of rows fitted and events among them. */
  readonly m: number;
  readonly events: number;
  /** Per design term: whether it was fitted, or dropped. */
  readonly status: readonly TermStatus[];
  /** Design term index of each fitted slope (reported order). */
  readonly kept: readonly number[];
  /** Per design term, over the fitted rows: mean and sample standard deviation. */
  readonly means: Float64Array;
  readonly sds: Float64Array;
  /** Reported coefficients: intercept, then one per kept term. */
  readonly estimate: Float64Array;
  /** Their covariance (K x K row-major), the inverse of the (penalised) information. */
  readonly covariance: Float64Array;
  /** Linear predictor from raw design values: intercept + sum rawSlopes[j] * value[j]. */
  readonly rawIntercept: number;
  readonly rawSlopes: Float64Array;
  /** Binomial deviance (without the penalty). */
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Fitted probabilities of the fitted rows. */
  readonly fitted: Float64Array;
  /** Whether some fitted probability is within 1e-8 of 0 or 1. */
  readonly extremeFitted: boolean;
  readonly separation: {
    readonly complete: boolean;
    /** Reported positions (0 = intercept) of the coefficients that drift or are not estimable. */
    readonly coefficients: readonly number[];
    /** Positions, in the fitted subset, of the separated rows. */
    readonly rows: Int32Array;
    /** The separating direction on the reported coefficients: x'd > 0 runs to 1, < 0 to 0. */
    readonly direction: Float64Array;
  } | null;
}

/** Solves the small symmetric system with ml-matrix: Cholesky, or the SVD pseudo-inverse when it is not positive definite. */
function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const matrix = Matrix.from1DArray(k, k, a);
  const rhs = Matrix.columnVector(b);
  const cholesky = new CholeskyDecomposition(matrix);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : solve(matrix, rhs, true);
  return Float64Array.from(solution.getColumn(0));
}

/** The inverse of the symmetric matrix, by the same route. */
function invertSymmetric(a: Float64Array, k: number): Float64Array {
  const matrix = Matrix.from1DArray(k, k, a);
  const cholesky = new CholeskyDecomposition(matrix);
  const identity = Matrix.eye(k, k);
  const inverse = cholesky.isPositiveDefinite()
    ? cholesky.solve(identity)
    : solve(matrix, identity, true);
  return Float64Array.from(inverse.to1DArray());
}

interface IrlsResult {
  readonly gamma: Float64Array;
  readonly eta: Float64Array;
  /** Fitted probabilities at gamma. */
  readonly mu: Float64Array;
  /** X'WX at the final coefficients, over the rows still informative (not separated). */
  readonly information: Float64Array;
  readonly deviance: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly separation: Separation | null;
}

/** Linear predictor margin beyond which a separated row is taken to its limit (e^-30 ~ 1e-13). */
const LIMIT_MARGIN = 30;

/** R's glm.fit starts from mu = (y + 1/2) / 2: mu = 3/4 or 1/4, eta = +-log 3, w = 3/16. */
const START_ETA = Math.log(3);
const START_WEIGHT = 3 / 16;

/** The starting values: eta = +-log 3 and mu = 3/4 or 1/4. */
function startingValues(y: Uint8Array): { eta: Float64Array; mu: Float64Array } {
  const eta = new Float64Array(y.length);
  const mu = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    eta[i] = y[i] === 1 ? START_ETA : -START_ETA;
    mu[i] = y[i] === 1 ? 0.75 : 0.25;
  }
  return { eta, mu };
}

/**
 * Iteratively reweighted least squares for the logistic model (McCullagh & Nelder 1989, s. 2.5;
 * R's glm.fit): w = mu (1 - mu), z = eta + (y - mu) / w, gamma = (X'WX + P)^-1 X'Wz, started from
 * mu = (y + 1/2) / 2, stopped when |D - D_old| / (|D| + 0.1) < tolerance, where D is the deviance
 * plus the penalty; a step that raises D is halved (up to 30 times). `start` holds X'WX and X'Wz
 * at the starting values, computed once by the caller.
 *
 * Without a penalty, when rows run to fitted probabilities of 0 or 1 while still moving, it tries
 * to prove separation (`certifySeparation`). Once proven, the coefficients move along the
 * separating direction until every separated row has |eta| >= 30 (its limit, to 1e-13), the
 * separated rows leave X'WX, and the directions in which the remaining rows are flat stay fixed,
 * so the other coefficients converge as in an ordinary fit (to their limiting values, which R
 * approaches as its tolerance shrinks) instead of creeping by one unit per iteration.
 */
function irls(
  x: WorkingMatrix,
  y: Uint8Array,
  penalty: Float64Array,
  settings: FitSettings,
  start: {
    readonly a: Float64Array;
    readonly b: Float64Array;
    /** The starting eta and mu, which this run may take over and overwrite. */
    readonly values?: { readonly eta: Float64Array; readonly mu: Float64Array };
  },
  options: { readonly detect: boolean; readonly stopWhenSeparated: boolean },
): IrlsResult {
  const { m, k } = x;
  // X'WX and X'Wz at the current coefficients (each pass of `evaluate` leaves them for the next
  // step, so those at the final coefficients give the standard errors at no extra cost).
  const information = Float64Array.from(start.a);
  const score = Float64Array.from(start.b);
  const a = new Float64Array(k * k);
  const b = new Float64Array(k);
  const { eta, mu } = start.values ?? startingValues(y);
  let gamma: Float64Array = new Float64Array(k);
  const step = new Float64Array(k);
  // R's glm.fit: the deviance at the starting values.
  let objectiveOld = 2 * m * Math.log(4 / 3);
  let deviance = objectiveOld;
  let iterations = 0;
  let converged = false;
  let separation: Separation | null = null;
  let frozen: Float64Array | null = null;
  let attempts = 0;
  let ridge = 0;
  const penaltyOf = (g: Float64Array) => {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += penalty[j]! * g[j]! * g[j]!;
    return sum;
  };
  // Rows fitted beyond |eta| > bound and moved outwards by more than `moved` in the last step.
  const symptoms = (bound: number, moved: number) => {
    let far = false;
    for (let i = 0; i < m && !far; i++) if (Math.abs(eta[i]!) > bound) far = true;
    if (!far) return false;
    const change = new Float64Array(m);
    multiply(x, step, change);
    for (let i = 0; i < m; i++) {
      const outward = y[i] === 1 ? 1 : -1;
      if (outward * eta[i]! > bound && outward * change[i]! > moved) return true;
    }
    return false;
  };
  const trySeparation = () => {
    attempts++;
    const found = certifySeparation(x, y, step, eta);
    if (!found) return false;
    separation = found;
    if (options.stopWhenSeparated) return true;
    // Take the separated rows to their limit along the direction.
    const margins = new Float64Array(m);
    multiply(x, found.direction, margins);
    let t = 0;
    for (let i = 0; i < m; i++) {
      if (found.separated[i] !== 1) continue;
      const outward = y[i] === 1 ? 1 : -1;
      t = Math.max(t, (LIMIT_MARGIN - outward * eta[i]!) / (outward * margins[i]!));
    }
    for (let j = 0; j < k; j++) gamma[j]! += t * found.direction[j]!;
    // The components of gamma in the null space of the remaining rows stay where they are.
    frozen = new Float64Array(k);
    for (let r = 0; r < found.nullity; r++) {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += found.nullBasis[r * k + j]! * gamma[j]!;
      for (let j = 0; j < k; j++) frozen[j]! += dot * found.nullBasis[r * k + j]!;
    }
    deviance = evaluate(x, gamma, y, found.separated, eta, mu, information, score);
    objectiveOld = deviance + penaltyOf(gamma);
    return true;
  };

  while (iterations < settings.maxIterations) {
    iterations++;
    a.set(information);
    b.set(score);
    for (let j = 0; j < k; j++) a[j * k + j]! += penalty[j]!;
    if (separation && frozen) {
      // (A + c VV') gamma = b + c VV' gamma_frozen keeps V'gamma fixed (A V = 0, V'b = 0).
      const basis = (separation as Separation).nullBasis;
      const nullity = (separation as Separation).nullity;
      if (ridge === 0) for (let j = 0; j < k; j++) ridge = Math.max(ridge, a[j * k + j]!, 1);
      for (let r = 0; r < nullity; r++) {
        for (let j = 0; j < k; j++) {
          const vj = basis[r * k + j]!;
          if (vj === 0) continue;
          for (let l = 0; l < k; l++) a[j * k + l]! += ridge * (vj * basis[r * k + l]!);
        }
      }
      for (let j = 0; j < k; j++) b[j]! += ridge * (frozen as Float64Array)[j]!;
    }
    let candidate = solveSymmetric(a, b, k);
    const exclude = separation ? (separation as Separation).separated : null;
    let objective = Number.NaN;
    for (let halving = 0; halving <= 30; halving++) {
      deviance = evaluate(x, candidate, y, exclude, eta, mu, information, score);
      objective = deviance + penaltyOf(candidate);
      const worse =
        !Number.isFinite(objective) ||
        (iterations > 1 && objective > objectiveOld + 1e-12 * Math.abs(objectiveOld) + 1e-12);
      if (!worse || halving === 30) break;
      const halved = new Float64Array(k);
      for (let j = 0; j < k; j++) halved[j] = (candidate[j]! + gamma[j]!) / 2;
      candidate = halved;
    }
    for (let j = 0; j < k; j++) step[j] = candidate[j]! - gamma[j]!;
    gamma = candidate;
    const change = Math.abs(objective - objectiveOld) / (Math.abs(objective) + 0.1);
    objectiveOld = objective;
    if (
      options.detect &&
      !separation &&
      iterations >= 3 &&
      attempts < 4 &&
      symptoms(5, 0.5) &&
      trySeparation()
    ) {
      if (options.stopWhenSeparated) break;
      continue;
    }
    if (change < settings.tolerance) {
      converged = true;
      break;
    }
  }
  if (options.detect && !separation && (!converged || symptoms(11.5, 0.01))) trySeparation();
  return { gamma, eta, mu, information, deviance, iterations, converged, separation };
}

const ALIAS_TOLERANCE = 1e-9;

/**
 * Which columns of a working matrix (after the intercept) are linear combinations of earlier ones
 * with the intercept: a column whose variance is explained to 1 - R^2 < 1e-9 by the columns kept
 * before it is aliased, as R gives such a coefficient NA. Decided on the correlation matrix, from
 * X'X (k x k; m rows, or a weighted count when X'X is scaled by a constant weight), with ml-matrix: one Cholesky factorisation when nothing is aliased (its
 * L_jj^2 are exactly these 1 - R^2), a least-squares solve per column otherwise.
 */
function aliasedColumns(
  gram: Float64Array,
  k: number,
  m: number,
  columnMeans: Float64Array,
): Set<number> {
  const aliased = new Set<number>();
  const c = k - 1;
  if (c < 2) return aliased;
  const correlation = new Float64Array(c * c);
  for (let j = 0; j < c; j++) {
    for (let l = j; l < c; l++) {
      const covariance = gram[(j + 1) * k + l + 1]! - m * columnMeans[j + 1]! * columnMeans[l + 1]!;
      correlation[j * c + l] = covariance;
      correlation[l * c + j] = covariance;
    }
  }
  const sd = Float64Array.from({ length: c }, (_, j) => Math.sqrt(correlation[j * c + j]!));
  for (let j = 0; j < c; j++) {
    for (let l = 0; l < c; l++) correlation[j * c + l]! /= sd[j]! * sd[l]!;
  }
  const matrix = Matrix.from1DArray(c, c, correlation);
  const cholesky = new CholeskyDecomposition(matrix);
  if (cholesky.isPositiveDefinite()) {
    const factor = cholesky.lowerTriangularMatrix;
    let smallest = Number.POSITIVE_INFINITY;
    for (let j = 0; j < c; j++) smallest = Math.min(smallest, factor.get(j, j) ** 2);
    if (smallest >= ALIAS_TOLERANCE) return aliased;
  }
  const kept: number[] = [0];
  for (let j = 1; j < c; j++) {
    const block = matrix.selection(kept, kept);
    const cross = matrix.selection(kept, [j]);
    const coefficients = solve(block, cross, true);
    const explained = cross.transpose().mmul(coefficients).get(0, 0);
    if (1 - explained < ALIAS_TOLERANCE) aliased.add(j + 1);
    else kept.push(j);
  }
  return aliased;
}

/** Rows per block of {@link meanAndSquares}: small enough to stay in the L1 cache. */
const MOMENT_BLOCK = 512;

/**
 * The mean of a column over the rows and the sum of squared deviations from it, reading the column
 * once: each block of rows is summed twice while in cache (its mean, then squares about that
 * mean), and the blocks are merged as Chan, Golub & LeVeque (1979), "Updating formulae and a
 * pairwise algorithm for computing sample variances" (as accurate as two passes over the column).
 */
function meanAndSquares(
  column: DesignColumn,
  rows: Int32Array | null,
  m: number,
): [number, number] {
  let count = 0;
  let mean = 0;
  let squares = 0;
  for (let start = 0; start < m; start += MOMENT_BLOCK) {
    const end = Math.min(m, start + MOMENT_BLOCK);
    const length = end - start;
    let sum = 0;
    if (rows) for (let r = start; r < end; r++) sum += column[rows[r]!]!;
    else for (let r = start; r < end; r++) sum += column[r]!;
    const blockMean = sum / length;
    let blockSquares = 0;
    if (rows) {
      for (let r = start; r < end; r++) {
        const d = column[rows[r]!]! - blockMean;
        blockSquares += d * d;
      }
    } else {
      for (let r = start; r < end; r++) {
        const d = column[r]! - blockMean;
        blockSquares += d * d;
      }
    }
    const total = count + length;
    const delta = blockMean - mean;
    mean += (delta * length) / total;
    squares += blockSquares + ((delta * delta * count) / total) * length;
    count = total;
  }
  return [mean, squares];
}

/**
 * Fits the logistic regression to the rows `subset` of a design (all rows when null). Works in
 * coordinates where numeric terms are centred and scaled to unit variance (so that X'WX is well
 * conditioned whatever the units) and indicators stay 0/1, then maps the coefficients and their
 * covariance back to the reported scale.
 *
 * A hot loop, kept in one function on purpose: the IRLS iterations over the tiled blocks of a
 * 1 M-row design share their scratch buffers and per-iteration sums in locals, which the 3x-R-glm
 * speed goal of the 1 M x 10 fit depends on (`npm run bench -- model`, BENCHMARKS.md).
 */
export function fitDesign(
  design: Design,
  subset: Int32Array | null,
  settings: FitSettings,
): DesignFit {
  const q = design.terms.length;
  const rows = subset;
  const m = rows ? rows.length : design.n;
  const y = new Uint8Array(m);
  let events = 0;
  for (let r = 0; r < m; r++) {
    y[r] = design.y[rows ? rows[r]! : r]!;
    events += y[r]!;
  }

  // Means and sample standard deviations of each design column over the rows.
  const means = new Float64Array(q);
  const sds = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    const [mean, squares] = meanAndSquares(design.columns[j]!, rows, m);
    means[j] = mean;
    sds[j] = m > 1 ? Math.sqrt(squares / (m - 1)) : 0;
  }

  const status: TermStatus[] = design.terms.map((_, j) =>
    sds[j]! > 1e-12 * Math.max(1, Math.abs(means[j]!)) ? 'kept' : 'constant',
  );
  // Working columns: numeric terms standardised, indicators as they are (0/1).
  const working = (terms: readonly number[]) => {
    const numeric = terms.map((j) => design.terms[j]!.level === null);
    const center = Float64Array.from(terms, (j, c) => (numeric[c] ? means[j]! : 0));
    const scale = Float64Array.from(terms, (j, c) => (numeric[c] ? sds[j]! : 1));
    const x: WorkingMatrix = {
      m,
      k: terms.length + 1,
      sources: terms.map((j) => design.columns[j]!),
      rows,
      center,
      scale,
    };
    return { numeric, center, scale, x };
  };
  const candidates = status.flatMap((s, j) => (s === 'kept' ? [j] : []));
  let built = working(candidates);
  const columnMeans = Float64Array.from({ length: candidates.length + 1 }, (_, c) =>
    c === 0 || built.numeric[c - 1] ? 0 : means[candidates[c - 1]!]!,
  );
  // X'WX and X'Wz at the starting values (where w = 3/16 for every row, so X'WX is X'X up to
  // that factor) serve both the check for aliased columns and the first iteration of every IRLS
  // run below.
  const initial = startingValues(y);
  let startA = new Float64Array(built.x.k * built.x.k);
  let startB = new Float64Array(built.x.k);
  accumulate(built.x, { mu: initial.mu, eta: initial.eta, y, exclude: null }, startA, startB);
  const aliased = aliasedColumns(startA, built.x.k, m * START_WEIGHT, columnMeans);
  for (const c of aliased) status[candidates[c - 1]!] = 'aliased';
  const kept = status.flatMap((s, j) => (s === 'kept' ? [j] : []));
  if (aliased.size > 0) {
    const keep = [0, ...candidates.flatMap((_, c) => (aliased.has(c + 1) ? [] : [c + 1]))];
    const old = built.x.k;
    const previous = startA;
    startA = Float64Array.from(
      { length: keep.length ** 2 },
      (_, i) => previous[keep[Math.floor(i / keep.length)]! * old + keep[i % keep.length]!]!,
    );
    const previousB = startB;
    startB = Float64Array.from(keep, (j) => previousB[j]!);
    built = working(kept);
  }
  const { numeric, center, scale, x } = built;
  const k = kept.length + 1;
  const start = { a: startA, b: startB };

  // Reported coordinates: beta = T gamma. Slopes per unit (gamma / sd) unless standardised;
  // indicators per presence. The intercept absorbs the centring of numeric terms reported per unit.
  const perUnit = kept.map((_, c) => numeric[c]! && !settings.standardize);
  const slopeFactor = kept.map((_, c) => (perUnit[c] ? 1 / scale[c]! : 1));
  const penalty = new Float64Array(k);
  for (let c = 0; c < kept.length; c++) penalty[c + 1] = settings.lambda * slopeFactor[c]! ** 2;

  const penalised = settings.lambda > 0;
  const fit = irls(
    x,
    y,
    penalty,
    settings,
    { ...start, values: initial },
    {
      detect: !penalised,
      stopWhenSeparated: false,
    },
  );
  // A penalty keeps the coefficients finite, which hides separation: look for it without one.
  const separation = penalised
    ? irls(x, y, new Float64Array(k), settings, start, { detect: true, stopWhenSeparated: true })
        .separation
    : fit.separation;

  const transform = new Float64Array(k * k);
  transform[0] = 1;
  for (let c = 0; c < kept.length; c++) {
    transform[(c + 1) * k + c + 1] = slopeFactor[c]!;
    if (perUnit[c]) transform[c + 1] = -center[c]! / scale[c]!;
  }
  const t = Matrix.from1DArray(k, k, transform);
  const information = fit.information.slice();
  for (let j = 0; j < k; j++) information[j * k + j]! += penalty[j]!;
  if (fit.separation) {
    // (A + VV')^-1 = A^+ + VV': the same variances as A^+ for every estimable coefficient.
    const { nullBasis, nullity } = fit.separation;
    for (let r = 0; r < nullity; r++) {
      for (let j = 0; j < k; j++) {
        for (let l = 0; l < k; l++)
          information[j * k + l]! += nullBasis[r * k + j]! * nullBasis[r * k + l]!;
      }
    }
  }
  const workingCovariance = Matrix.from1DArray(k, k, invertSymmetric(information, k));
  const covariance = Float64Array.from(t.mmul(workingCovariance).mmul(t.transpose()).to1DArray());
  const estimate = Float64Array.from(t.mmul(Matrix.columnVector(fit.gamma)).getColumn(0));

  // Raw coordinates, for predictions from design values.
  const rawSlopes = new Float64Array(q);
  let rawIntercept = fit.gamma[0]!;
  for (let c = 0; c < kept.length; c++) {
    rawSlopes[kept[c]!] = fit.gamma[c + 1]! / scale[c]!;
    rawIntercept -= (fit.gamma[c + 1]! * center[c]!) / scale[c]!;
  }

  const fitted = fit.mu;
  let extremeFitted = false;
  for (let i = 0; i < m; i++) {
    const p = fitted[i]!;
    if (p < 1e-8 || p > 1 - 1e-8) extremeFitted = true;
  }
  const rate = events / m;
  const nullDeviance =
    events === 0 || events === m
      ? 0
      : -2 * (events * Math.log(rate) + (m - events) * Math.log(1 - rate));

  let separationReport: DesignFit['separation'] = null;
  if (separation) {
    // A reported coefficient is affected when its row of T has a component in the null space
    // of the non-separated rows (for the intercept, through the centring it absorbs).
    const { nullBasis, nullity } = separation;
    const affected: number[] = [];
    for (let p = 0; p < k; p++) {
      let size = 0;
      let norm = 0;
      for (let j = 0; j < k; j++) norm = Math.max(norm, Math.abs(transform[p * k + j]!));
      for (let r = 0; r < nullity; r++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += transform[p * k + j]! * nullBasis[r * k + j]!;
        size = Math.max(size, Math.abs(dot));
      }
      if (size > 1e-6 * norm) affected.push(p);
    }
    const separatedRows: number[] = [];
    for (let i = 0; i < m; i++) if (separation.separated[i] === 1) separatedRows.push(i);
    separationReport = {
      complete: separation.complete,
      coefficients: affected,
      rows: Int32Array.from(separatedRows),
      direction: Float64Array.from(t.mmul(Matrix.columnVector(separation.direction)).getColumn(0)),
    };
  }

  return {
    m,
    events,
    status,
    kept,
    means,
    sds,
    estimate,
    covariance,
    rawIntercept,
    rawSlopes,
    deviance: fit.deviance,
    nullDeviance,
    iterations: fit.iterations,
    converged: fit.converged,
    fitted,
    extremeFitted,
    separation: separationReport,
  };
}
