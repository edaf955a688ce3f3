import { InternalCustomerError } from '../../core/errors.js';
import { describeValue } from '../../internal/describeValue.js';
import { type CoxPrepared, coxData } from './coxData.js';
import { type CoxNewtonFit, newtonRaphson } from './coxNewton.js';
import { type CoxRobust, coxRobust } from './coxRobust.js';

/** The options every Cox fit of this folder shares (see `CoxModelOptions`). @internal */
export interface CoxFitOptions {
  readonly ties?: 'efron' | 'breslow' | undefined;
  readonly entry?: ArrayLike<number> | undefined;
  readonly strata?: ArrayLike<string | number> | undefined;
  readonly cluster?: ArrayLike<string | number> | undefined;
  readonly robust?: boolean | undefined;
  readonly maxIterations?: number | undefined;
  readonly tolerance?: number | undefined;
}

/** A fit with its data, before it is packaged as a result. @internal */
export interface CoxFit {
  readonly ties: 'efron' | 'breslow';
  readonly data: CoxPrepared;
  readonly fit: CoxNewtonFit;
  /** The robust variance, when asked for (a cluster given, or `robust: true`). */
  readonly robust: CoxRobust | null;
  readonly warnings: string[];
}

function invalidOption(fn: string, message: string): never {
  throw new InternalCustomerError('INVALID_OPTION', `${fn} requires ${message}`);
}

/**
 * Checks the options, the data, and fits by Newton-Raphson; with a cluster (or `robust: true`,
 * each row its own cluster) also the robust variance. The caller has checked the option names.
 * @internal
 */
export function coxFit(
  times: ArrayLike<number>,
  events: ArrayLike<number>,
  covariates: Readonly<Record<string, ArrayLike<number>>>,
  options: CoxFitOptions,
  fn: string,
): CoxFit {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow')
    invalidOption(fn, `ties 'efron' or 'breslow', got ${describeValue(ties)}`);
  const maxIterations = options.maxIterations ?? 20;
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    invalidOption(
      fn,
      `maxIterations to be a non-negative integer, got ${describeValue(maxIterations)}`,
    );
  const tolerance = options.tolerance ?? 1e-9;
  if (!(tolerance > 0 && Number.isFinite(tolerance)))
    invalidOption(fn, `tolerance to be a positive number, got ${describeValue(tolerance)}`);
  const robust = options.robust ?? options.cluster !== undefined;
  if (typeof robust !== 'boolean')
    invalidOption(fn, `robust to be true or false, got ${describeValue(robust)}`);
  if (!robust && options.cluster !== undefined)
    invalidOption(
      fn,
      'no cluster with robust: false (the cluster only serves the robust variance)',
    );
  const warnings: string[] = [];
  const data = coxData(times, events, covariates, options, warnings, fn);
  const fit = newtonRaphson(data, ties, maxIterations, tolerance, warnings, fn);
  let robustFit: CoxRobust | null = null;
  if (robust) {
    const own = data.cluster === null;
    const cluster = data.cluster ?? Int32Array.from({ length: data.n }, (_, i) => i);
    robustFit = coxRobust(
      data,
      fit.beta,
      fit.variance,
      ties,
      cluster,
      own ? data.n : data.clusters,
    );
    if (robustFit.score === null) {
      warnings.push(
        'The robust score test is not defined: the score residuals summed per cluster are linearly dependent (fewer clusters than covariates?)',
      );
    }
  }
  return { ties, data, fit, robust: robustFit, warnings };
}
