import type { CoxData } from './coxInformation.js';
import { quadraticFormInverse } from './coxMatrix.js';
import { coxScoreResiduals } from './coxScoreResiduals.js';

/** The robust (sandwich) variance and robust score statistic of a Cox fit. @internal */
export interface CoxRobust {
  /** V D'D V (p x p, row-major): D the score residuals summed per cluster, V the naive variance. */
  readonly variance: Float64Array;
  /** u' (T'T)^-1 u at coefficients 0, T the score residuals at 0 summed per cluster; null if singular. */
  readonly score: number | null;
  readonly clusters: number;
}

/** Score residuals summed per cluster: the cross-product sum_c u_c u_c' and the total. @internal */
function clusterCrossProduct(
  resid: Float64Array,
  p: number,
  cluster: Int32Array,
  clusters: number,
): { readonly crossProduct: Float64Array; readonly total: Float64Array } {
  const sums = new Float64Array(clusters * p);
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i]!;
    for (let a = 0; a < p; a++) sums[c * p + a]! += resid[i * p + a]!;
  }
  const crossProduct = new Float64Array(p * p);
  const total = new Float64Array(p);
  for (let c = 0; c < clusters; c++) {
    for (let a = 0; a < p; a++) {
      const ua = sums[c * p + a]!;
      total[a]! += ua;
      for (let b = 0; b < p; b++) crossProduct[a * p + b]! += ua * sums[c * p + b]!;
    }
  }
  return { crossProduct, total };
}

/**
 * The robust variance of Lin & Wei (1989), "The robust inference for the Cox proportional hazards
 * model", JASA 84: the sum over clusters of the outer products of the dfbeta residuals (score
 * residuals times the naive variance), as R `coxph(..., cluster = id)` (`fit$var`, with
 * `fit$naive.var` the model-based one); and the robust score test `fit$rscore`, from the score
 * residuals at coefficients 0. `cluster` holds a cluster code 0..clusters-1 per observation in the
 * data's (sorted) order. O(n x p + clusters x p^2). @internal
 */
export function coxRobust(
  data: CoxData,
  beta: Float64Array,
  naiveVariance: Float64Array,
  ties: 'efron' | 'breslow',
  cluster: Int32Array,
  clusters: number,
): CoxRobust {
  const p = data.x.length;
  const atFit = clusterCrossProduct(coxScoreResiduals(data, beta, ties), p, cluster, clusters);
  // V (D'D) V with D'D the cross-product of the collapsed score residuals.
  const middle = atFit.crossProduct;
  const left = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let k = 0; k < p; k++) sum += naiveVariance[a * p + k]! * middle[k * p + b]!;
      left[a * p + b] = sum;
    }
  }
  const variance = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let k = 0; k < p; k++) sum += left[a * p + k]! * naiveVariance[k * p + b]!;
      variance[a * p + b] = sum;
    }
  }
  const atZero = clusterCrossProduct(
    coxScoreResiduals(data, new Float64Array(p), ties),
    p,
    cluster,
    clusters,
  );
  return {
    variance,
    score: quadraticFormInverse(atZero.crossProduct, p, atZero.total),
    clusters,
  };
}
