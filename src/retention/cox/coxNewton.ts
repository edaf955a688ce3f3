import { InternalCustomerError } from '../../core/errors.js';
import { type CoxData, coxInformation } from './coxInformation.js';
import { cholesky, choleskyInverse, choleskySolve } from './coxMatrix.js';

/** How tied exit times are handled. @internal */
type CoxTies = 'efron' | 'breslow';

/** The outcome of the Newton-Raphson iterations. @internal */
export interface CoxNewtonFit {
  readonly beta: Float64Array;
  /** Inverse of the information matrix at beta (p x p, row-major). */
  readonly variance: Float64Array;
  readonly information: Float64Array;
  readonly nullLogLikelihood: number;
  readonly logLikelihood: number;
  /** The score test statistic at 0. */
  readonly score: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Positions of the coefficients that may be infinite (monotone likelihood). */
  readonly infinite: readonly number[];
}

/** The factor of the information matrix, or the error naming the dependent covariates. @internal */
function factor(
  information: Float64Array,
  p: number,
  names: readonly string[],
  fn: string,
): Float64Array {
  const l = cholesky(information, p);
  if (l === null) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${fn} requires covariates that are not linearly dependent (in the risk sets), got ${names.join(', ')}`,
    );
  }
  return l;
}

/** Newton-Raphson with step halving, step for step as R's coxfit6 / agfit4. @internal */
export function newtonRaphson(
  data: CoxData & { readonly fitted: readonly string[] },
  ties: CoxTies,
  maxIterations: number,
  tolerance: number,
  warnings: string[],
  fn: string,
): CoxNewtonFit {
  const p = data.x.length;
  let beta = new Float64Array(p);
  let current = coxInformation(data, beta, ties);
  const nullLogLikelihood = current.logLikelihood;
  let l = factor(current.information, p, data.fitted, fn);
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
      l = factor(current.information, p, data.fitted, fn);
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
  l = factor(current.information, p, data.fitted, fn);
  const variance = choleskyInverse(l, p);
  const infinite: number[] = [];
  // R's check for infinite coefficients: the score still moves the estimate after convergence.
  if (converged && maxIterations > 1) {
    for (let a = 0; a < p; a++) {
      let moved = 0;
      for (let b = 0; b < p; b++) moved += current.score[b]! * variance[b * p + a]!;
      moved = Math.abs(moved);
      if (moved > tolerance && moved > Math.sqrt(tolerance) * Math.abs(next[a]!)) {
        infinite.push(a);
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
    infinite,
  };
}
