/**
 * Probability distributions, written here rather than taken from a package. The per-function
 * `@stdlib/stats-base-dists-*` packages they replace pulled about 300 packages into every install
 * and 184 KB into a bundle of `enps` alone (and `debug`, which needs `tty`, into the maths
 * subpaths), and were less exact in the far tails (the normal quantile was -Infinity below
 * p = 1e-20 and 4e-7 off at 1e-12); no light, exact and well-kept package covered normal, t,
 * chi-square, beta and gamma CDFs and quantiles in both tails. Each function here matches values
 * computed at 50 digits with mpmath (fixtures/reference.py, fixtures/reference.json) to 1e-12
 * relative on a grid that reaches p = 1e-300, gamma and beta shapes from 1e-300 to 1e300 and t
 * from 1e-20 to infinite degrees of freedom; an input that cannot be computed to that accuracy
 * throws INVALID_OPTION rather than return a wrong value. @internal
 */
export { betaCdf, betaQuantile, tCdf, tQuantile } from './beta.js';
export { binomialDraw } from './binomial.js';
export { chiSquareCdf, chiSquareQuantile, gammaCdf, gammaQuantile } from './gamma.js';
export { normalCdf, normalDensity, normalQuantile } from './normal.js';
