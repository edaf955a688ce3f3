import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { describeValue } from '../../internal/describeValue.js';
import { chiSquareCdf, normalCdf } from '../../internal/distributions/index.js';
import { coxConcordance } from './coxConcordance.js';
import { type CoxData, coxInformation } from './coxInformation.js';

/** How tied exit times are handled in the partial likelihood (R `coxph(ties = )`). */
export type CoxTies = 'efron' | 'breslow';

/** Options of {@link fitCoxModel}. */
export interface CoxModelOptions {
  /** Tied exit times: `'efron'` (default, as R) or `'breslow'`. */
  readonly ties?: CoxTies;
  /**
   * Entry times (left truncation, counting process `(entry, exit]`): an observation is at risk at
   * t when entry < t <= exit. Default: every observation at risk from the start.
   */
  readonly entry?: ArrayLike<number>;
  /** Stratum of each observation: a separate baseline hazard per stratum, shared coefficients. */
  readonly strata?: ArrayLike<string | number>;
  /** Newton-Raphson iterations at most (R `iter.max`); default 20. */
  readonly maxIterations?: number;
  /** Convergence: relative change of the log partial likelihood (R `eps`); default 1e-9. */
  readonly tolerance?: number;
}

/** A test of all coefficients being 0, with its chi-square degrees of freedom. */
export interface CoxTest {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/** One covariate of a Cox model. A constant covariate is not fitted: its numbers are null. */
export interface CoxTerm {
  readonly name: string;
  readonly status: 'fitted' | 'constant';
  readonly coefficient: number | null;
  /** exp(coefficient): the multiplier of the hazard per unit of the covariate. */
  readonly hazardRatio: number | null;
  /** Model-based standard error (inverse of the information matrix), as R `coxph`. */
  readonly standardError: number | null;
  readonly z: number | null;
  /** Two-sided Wald p-value. */
  readonly pValue: number | null;
}

/** Harrell's concordance as R `coxph` reports it (`fit$concordance`). */
export interface CoxConcordance {
  /** Comparable pairs where the one who left first had the higher predicted hazard. */
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs with equal linear predictors (count one half). */
  readonly tiedRisk: number;
  /** Pairs leaving at the same time, not comparable (R `tied.y`). */
  readonly tiedTime: number;
  /** Pairs tied on both (R `tied.xy`). */
  readonly tiedBoth: number;
  /** (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk). */
  readonly concordance: number;
}

/** The result of {@link fitCoxModel}. */
export interface CoxModelResult {
  readonly ties: CoxTies;
  readonly terms: readonly CoxTerm[];
  /** Model-based covariance of the fitted coefficients (fitted terms only, in order). */
  readonly variance: readonly (readonly number[])[];
  /** Log partial likelihood with all coefficients 0 and at the estimate (R `fit$loglik`). */
  readonly logLikelihood: { readonly null: number; readonly final: number };
  readonly likelihoodRatioTest: CoxTest;
  readonly waldTest: CoxTest;
  /** Score (log-rank) test at coefficients 0. */
  readonly scoreTest: CoxTest;
  readonly concordance: CoxConcordance;
  /** Newton-Raphson iterations as R reports them (`fit$iter`: maxIterations + 1 when it ran out). */
  readonly iterations: number;
  readonly converged: boolean;
  /** Observations and events used. */
  readonly n: number;
  readonly events: number;
  /** Non-fatal conditions: constant covariates dropped, coefficients that may be infinite, non-convergence. */
  readonly warnings: readonly string[];
}

const FIT_COX_MODEL_OPTIONS = {
  ties: true,
  entry: true,
  strata: true,
  maxIterations: true,
  tolerance: true,
} satisfies OptionKeys<CoxModelOptions>;

/**
 * Fits a Cox proportional hazards model by maximum partial likelihood: the hazard of leaving at
 * tenure t is h0(t) exp(x'b), h0 unspecified (per stratum). Equal to R
 * `coxph(Surv(entry, exit, event) ~ x + strata(g), ties = ...)`: coefficients, model-based standard
 * errors, log-likelihoods, likelihood-ratio, Wald and score tests, and Harrell's concordance.
 * Efron's approximation for tied times by default (R's default), Breslow's on request. See
 * Therneau & Grambsch, Modeling Survival Data (2000), ch. 3, and
 * https://cran.r-project.org/package=survival.
 *
 * Newton-Raphson from 0, as R's coxph: the step is halved when the log-likelihood falls, and the
 * fit stops when its relative change is at most `tolerance` (1e-9), or after `maxIterations` (20)
 * with a warning. Covariates are centred first (estimates unchanged). A covariate constant in the
 * data is dropped with a warning (R gives NA); a coefficient whose score is still moving when the
 * likelihood has converged (monotone likelihood, the survival form of separation) gets R's warning
 * that it may be infinite. Linearly dependent covariates throw.
 *
 * Use it for the factors behind time to leave when people are observed over different spans.
 * It returns coefficients, not per-person numbers: no privacy protection is applied or needed
 * here, and the person-level predictions (which will carry it) come later.
 *
 * O(iterations x n x p^2) time after an O(n log n) sort; O(n x p) memory.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or malformed option.
 * @throws {InternalCustomerError} `INVALID_INPUT` for mismatched lengths, a time, entry or
 * covariate that is not finite, an event other than 0/1, an entry not before its exit, no
 * covariates, or linearly dependent covariates.
 *
 * @example
 * const fit = fitCoxModel([1, 2, 3, 4, 5], [1, 1, 0, 1, 1], { x: [0, 1, 0, 1, 2] });
 * fit.terms[0]?.coefficient // => -1.1821112226174484
 * fit.converged // => true
 */
export function fitCoxModel(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  options: CoxModelOptions = {},
): CoxModelResult {
  checkOptions(options, FIT_COX_MODEL_OPTIONS, 'fitCoxModel');
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `fitCoxModel requires ties 'efron' or 'breslow', got ${describeValue(ties)}`,
    );
  }
  const maxIterations = options.maxIterations ?? 20;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `fitCoxModel requires maxIterations to be a non-negative integer, got ${describeValue(maxIterations)}`,
    );
  }
  const tolerance = options.tolerance ?? 1e-9;
  if (!(tolerance > 0 && Number.isFinite(tolerance))) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `fitCoxModel requires tolerance to be a positive number, got ${describeValue(tolerance)}`,
    );
  }
  const warnings: string[] = [];
  const data = coxData(times, events, covariates, options, warnings);
  const p = data.x.length;
  const fit = newtonRaphson(data, ties, maxIterations, tolerance, warnings);
  const { beta, variance, information } = fit;

  const names = Object.keys(covariates);
  const terms: CoxTerm[] = [];
  let position = 0;
  for (const name of names) {
    if (!data.fitted.includes(name)) {
      terms.push({
        name,
        status: 'constant',
        coefficient: null,
        hazardRatio: null,
        standardError: null,
        z: null,
        pValue: null,
      });
      continue;
    }
    const coefficient = beta[position]!;
    const standardError = Math.sqrt(variance[position * p + position]!);
    const z = coefficient / standardError;
    terms.push({
      name,
      status: 'fitted',
      coefficient,
      hazardRatio: Math.exp(coefficient),
      standardError,
      z,
      pValue: 2 * normalCdf(Math.abs(z), true),
    });
    position += 1;
  }
  let wald = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) wald += beta[a]! * information[a * p + b]! * beta[b]!;
  }
  const test = (statistic: number): CoxTest => ({
    statistic,
    degreesOfFreedom: p,
    pValue: chiSquareCdf(statistic, p, true),
  });
  const eta = linearPredictor(data, beta);
  let events_ = 0;
  for (let i = 0; i < data.n; i++) events_ += data.event[i]!;
  return {
    ties,
    terms,
    variance: Array.from({ length: p }, (_, a) =>
      Array.from({ length: p }, (_, b) => variance[a * p + b]!),
    ),
    logLikelihood: { null: fit.nullLogLikelihood, final: fit.logLikelihood },
    likelihoodRatioTest: test(2 * (fit.logLikelihood - fit.nullLogLikelihood)),
    waldTest: test(wald),
    scoreTest: test(fit.score),
    concordance: coxConcordance(data, eta),
    iterations: fit.iterations,
    converged: fit.converged,
    n: data.n,
    events: events_,
    warnings,
  };
}

/** Checks the input and builds the centred columns and the two sort orders. @internal */
function coxData(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  options: CoxModelOptions,
  warnings: string[],
): CoxData & { readonly fitted: readonly string[] } {
  const fail = (message: string): never => {
    throw new InternalCustomerError('INVALID_INPUT', `fitCoxModel requires ${message}`);
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
  if (options.entry !== undefined) {
    if (options.entry.length !== n)
      fail(`as many entry times as times, got ${options.entry.length} and ${n}`);
    for (let i = 0; i < n; i++) {
      const s = options.entry[i]!;
      if (!Number.isFinite(s)) fail(`finite entry times, got ${describeValue(s)} at ${i}`);
      if (!(s < time[i]!))
        fail(`each entry before its exit, got entry ${s} and exit ${time[i]} at ${i}`);
      entry[i] = s;
    }
  }
  const stratum = new Int32Array(n);
  if (options.strata !== undefined) {
    if (options.strata.length !== n)
      fail(`as many strata as times, got ${options.strata.length} and ${n}`);
    const codes = new Map<string | number, number>();
    for (let i = 0; i < n; i++) {
      const key = options.strata[i]!;
      let code = codes.get(key);
      if (code === undefined) {
        code = codes.size;
        codes.set(key, code);
      }
      stratum[i] = code;
    }
  }
  const names = Object.keys(covariates);
  if (names.length === 0) fail('at least one covariate');
  const x: Float64Array[] = [];
  const fitted: string[] = [];
  for (const name of names) {
    const column = covariates[name]!;
    if (column.length !== n) fail(`covariate ${name} to have ${n} values, got ${column.length}`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) fail(`finite values of ${name}, got ${describeValue(v)} at ${i}`);
      sum += v;
    }
    const mean = sum / n;
    const centred = new Float64Array(n);
    let constant = true;
    for (let i = 0; i < n; i++) {
      centred[i] = column[i]! - mean;
      if (column[i] !== column[0]) constant = false;
    }
    if (constant) {
      warnings.push(`${name} is constant and was dropped`);
      continue;
    }
    x.push(centred);
    fitted.push(name);
  }
  if (x.length === 0) fail('a covariate that is not constant');
  // The rows are put in pass order (stratum, then exit descending) once, and the covariates also
  // row by row, so that every pass over the risk sets reads memory in sequence.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => stratum[a]! - stratum[b]! || time[b]! - time[a]!,
  );
  const permute = <T extends Float64Array | Uint8Array | Int32Array>(values: T): T => {
    const sorted = values.slice() as T;
    for (let i = 0; i < n; i++) sorted[i] = values[order[i]!]!;
    return sorted;
  };
  const sortedEntry = permute(entry);
  const sortedStratum = permute(stratum);
  const columns = x.map(permute);
  const p = columns.length;
  const rows = new Float64Array(n * p);
  columns.forEach((column, a) => {
    for (let i = 0; i < n; i++) rows[i * p + a] = column[i]!;
  });
  const byEntry = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => sortedStratum[a]! - sortedStratum[b]! || sortedEntry[b]! - sortedEntry[a]!,
  );
  return {
    n,
    time: permute(time),
    event: permute(event),
    entry: sortedEntry,
    stratum: sortedStratum,
    x: columns,
    rows,
    byEntry,
    fitted,
  };
}

/** x'b for every observation (centred x). @internal */
function linearPredictor(data: CoxData, beta: Float64Array): Float64Array {
  const eta = new Float64Array(data.n);
  data.x.forEach((column, a) => {
    const b = beta[a]!;
    for (let i = 0; i < data.n; i++) eta[i]! += b * column[i]!;
  });
  return eta;
}

/**
 * Cholesky factor of a p x p symmetric matrix (row-major), or null when it is not positive
 * definite. @internal
 */
function cholesky(matrix: Float64Array, p: number): Float64Array | null {
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
function choleskySolve(l: Float64Array, p: number, v: Float64Array): Float64Array {
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

/** The factor of the information matrix, or the error naming the dependent covariates. @internal */
function factor(information: Float64Array, p: number, names: readonly string[]): Float64Array {
  const l = cholesky(information, p);
  if (l === null) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `fitCoxModel requires covariates that are not linearly dependent (in the risk sets), got ${names.join(', ')}`,
    );
  }
  return l;
}

/** Newton-Raphson with step halving, step for step as R's coxfit6 / agfit4. @internal */
function newtonRaphson(
  data: CoxData & { readonly fitted: readonly string[] },
  ties: CoxTies,
  maxIterations: number,
  tolerance: number,
  warnings: string[],
) {
  const p = data.x.length;
  let beta = new Float64Array(p);
  let current = coxInformation(data, beta, ties);
  const nullLogLikelihood = current.logLikelihood;
  let l = factor(current.information, p, data.fitted);
  const step0 = choleskySolve(l, p, current.score);
  let score = 0;
  for (let a = 0; a < p; a++) score += current.score[a]! * step0[a]!;
  let best = nullLogLikelihood;
  let next = Float64Array.from(beta, (b, a) => b + step0[a]!);
  let iterations = 0;
  let converged = false;
  let halving = false;
  if (maxIterations === 0) {
    next = beta;
  }
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    iterations = iteration;
    current = coxInformation(data, next, ties);
    if (Math.abs(1 - best / current.logLikelihood) <= tolerance && !halving) {
      converged = true;
      break;
    }
    if (iteration === maxIterations) break;
    // A step that lowers the log-likelihood (or overflows it to NaN) is halved.
    if (!(current.logLikelihood >= best)) {
      halving = true;
      next = Float64Array.from(next, (b, a) => (b + beta[a]!) / 2);
    } else {
      halving = false;
      best = current.logLikelihood;
      l = factor(current.information, p, data.fitted);
      const step = choleskySolve(l, p, current.score);
      beta = next;
      next = Float64Array.from(next, (b, a) => b + step[a]!);
    }
  }
  if (maxIterations > 0 && !converged) {
    warnings.push(
      `The fit did not converge in ${maxIterations} iterations (relative change of the log-likelihood above ${tolerance})`,
    );
  }
  l = factor(current.information, p, data.fitted);
  // Inverse of the information matrix, column by column.
  const variance = new Float64Array(p * p);
  for (let b = 0; b < p; b++) {
    const unit = new Float64Array(p);
    unit[b] = 1;
    const column = choleskySolve(l, p, unit);
    for (let a = 0; a < p; a++) variance[a * p + b] = column[a]!;
  }
  // R's check for infinite coefficients: the score still moves the estimate after convergence.
  if (converged && maxIterations > 1) {
    for (let a = 0; a < p; a++) {
      let moved = 0;
      for (let b = 0; b < p; b++) moved += current.score[b]! * variance[b * p + a]!;
      moved = Math.abs(moved);
      if (moved > tolerance && moved > Math.sqrt(tolerance) * Math.abs(next[a]!)) {
        warnings.push(
          `Log-likelihood converged before ${data.fitted[a]}: its coefficient may be infinite (monotone likelihood, the survival form of separation); do not read it as a finding`,
        );
      }
    }
  }
  return {
    beta: next,
    variance,
    information: current.information,
    nullLogLikelihood,
    logLikelihood: current.logLikelihood,
    score,
    // R counts one more when the limit is reached (its loop runs out rather than breaking).
    iterations: converged ? iterations : maxIterations + 1,
    converged,
  };
}
