import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sampleCorrelation } from 'simple-statistics';
import { InternalCustomerError } from '../core/errors.js';
import { checkLevel } from '../internal/checkLevel.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type CorrelationTest, correlationTest } from './correlation.js';

/** How drivers are ranked. */
export type DriverMethod = 'pearson' | 'spearman' | 'relative-weights';

/** Options of {@link driverAnalysis}. */
export interface DriverAnalysisOptions {
  /** The outcome column (an eNPS or engagement item). */
  readonly outcome: string;
  /** The driver columns (items). */
  readonly drivers: readonly string[];
  /** The ranking. Default `relative-weights`. */
  readonly method?: DriverMethod;
  /** Below this many complete answers a driver's result is suppressed. Default 25 (as Culture Amp's impact). */
  readonly minN?: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** One driver's relation to the outcome. */
export interface DriverResult {
  readonly driver: string;
  /** Complete pairs of this driver and the outcome. */
  readonly n: number;
  readonly pearson: CorrelationTest;
  readonly spearman: CorrelationTest;
  /** Johnson's relative weight (on the rows complete for every driver) and its share of R^2. */
  readonly relativeWeight: { readonly weight: number; readonly share: number } | null;
}

/** The result of {@link driverAnalysis}. */
export interface DriverAnalysisResult {
  /** Drivers ranked by the chosen method, strongest first; suppressed ones last. */
  readonly drivers: readonly {
    readonly driver: string;
    readonly result: Reportable<DriverResult>;
  }[];
  /** R^2 of the outcome on all drivers (rows complete for all), when relative weights were computed. */
  readonly rSquared: Reportable<number>;
  readonly method: DriverMethod;
  readonly warnings: readonly string[];
}

type Row = Readonly<Record<string, number | null | undefined>>;

const usable = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Johnson's (2000) relative weights: with the driver correlation matrix R = Q L Q' and its
 * symmetric square root A = Q L^(1/2) Q', regress the outcome on the orthogonal A-space
 * (beta = A^-1 r_xy) and give driver j the weight sum_k A_jk^2 beta_k^2; the weights add up to
 * R^2. The eigen decomposition comes from ml-matrix. @internal
 */
function relativeWeights(
  rows: readonly Row[],
  outcome: string,
  drivers: readonly string[],
): { weights: number[]; rSquared: number } {
  const columns = drivers.map((driver) => rows.map((row) => row[driver] as number));
  const y = rows.map((row) => row[outcome] as number);
  const k = drivers.length;
  const rxx = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    rxx.set(i, i, 1);
    for (let j = i + 1; j < k; j++) {
      const r = sampleCorrelation(columns[i]!, columns[j]!);
      rxx.set(i, j, r);
      rxx.set(j, i, r);
    }
  }
  const rxy = Matrix.columnVector(columns.map((column) => sampleCorrelation(column, y)));
  const eigen = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const q = eigen.eigenvectorMatrix;
  const values = eigen.realEigenvalues.map((value) => Math.max(value, 0));
  const root = q.mmul(Matrix.diag(values.map(Math.sqrt))).mmul(q.transpose());
  const inverseRoot = q
    .mmul(Matrix.diag(values.map((value) => (value > 1e-12 ? 1 / Math.sqrt(value) : 0))))
    .mmul(q.transpose());
  const beta = inverseRoot.mmul(rxy);
  const weights = Array.from({ length: k }, (_, j) => {
    let weight = 0;
    for (let c = 0; c < k; c++) weight += root.get(j, c) ** 2 * beta.get(c, 0) ** 2;
    return weight;
  });
  return { weights, rSquared: weights.reduce((sum, weight) => sum + weight, 0) };
}

/**
 * Which items move the outcome: for each driver, the Pearson and Spearman correlation with the
 * outcome over complete pairs, with p-values (t distribution, as R `cor.test`; Spearman as
 * `cor.test(..., method = "spearman", exact = FALSE)`) and intervals (Fisher z; Bonett-Wright for
 * Spearman), and Johnson's relative weights, the share of R^2 each driver carries, which stays
 * meaningful when drivers are correlated with each other (plain correlations then credit every
 * driver with the shared part). A driver with fewer than `minN` complete answers is suppressed,
 * as Culture Amp does for impact: correlations on a handful of people mislead and can reveal them.
 *
 * O(n k^2 + k^3).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for no drivers, a driver equal to the outcome,
 * a minN below 4 or a level outside (0, 1).
 *
 * @example
 * const rows = Array.from({ length: 40 }, (_, i) => ({ enps: i % 11, growth: (i % 11) > 5 ? 5 : 2, pay: (i * 7) % 5 + 1 }));
 * const result = driverAnalysis(rows, { outcome: 'enps', drivers: ['growth', 'pay'] });
 * result.drivers[0]?.driver // => 'growth'
 */
export function driverAnalysis(
  rows: readonly Row[],
  options: DriverAnalysisOptions,
): DriverAnalysisResult {
  const { outcome, drivers } = options;
  const method = options.method ?? 'relative-weights';
  const level = options.level ?? 0.95;
  checkLevel(level, 'driverAnalysis');
  const minN = options.minN ?? 25;
  if (!Number.isInteger(minN) || minN < 4) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `driverAnalysis requires minN as a whole number >= 4, got ${String(minN)}`,
    );
  }
  if (
    drivers.length === 0 ||
    drivers.includes(outcome) ||
    new Set(drivers).size !== drivers.length
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      'driverAnalysis requires distinct drivers other than the outcome',
    );
  }
  const warnings: string[] = [];
  const complete = rows.filter(
    (row) => usable(row[outcome]) && drivers.every((driver) => usable(row[driver])),
  );
  const constant = (values: readonly number[]) => values.every((value) => value === values[0]);
  let weights: number[] | null = null;
  let rSquared: Reportable<number> = SUPPRESSED;
  const canWeigh =
    complete.length >= minN &&
    !constant(complete.map((row) => row[outcome] as number)) &&
    drivers.every((driver) => !constant(complete.map((row) => row[driver] as number)));
  if (canWeigh) {
    const fit = relativeWeights(complete, outcome, drivers);
    weights = fit.weights;
    rSquared = { status: 'shown', value: fit.rSquared, n: complete.length };
  } else {
    warnings.push(
      `relative weights need ${minN} rows complete for every driver, with variance; ${complete.length} rows`,
    );
  }

  const results = drivers.map((driver, index) => {
    const pairs = rows.filter((row) => usable(row[outcome]) && usable(row[driver]));
    const x = pairs.map((row) => row[driver] as number);
    const y = pairs.map((row) => row[outcome] as number);
    if (pairs.length < minN || constant(x) || constant(y)) {
      if (pairs.length >= minN)
        warnings.push(`"${driver}" or the outcome has no variance: no correlation`);
      return { driver, result: SUPPRESSED as Reportable<DriverResult> };
    }
    const weight = weights?.[index];
    const rSquaredValue = rSquared.status === 'shown' ? rSquared.value : 0;
    const result: DriverResult = {
      driver,
      n: pairs.length,
      pearson: correlationTest(x, y, 'pearson', level),
      spearman: correlationTest(x, y, 'spearman', level),
      relativeWeight:
        weight === undefined
          ? null
          : { weight, share: rSquaredValue > 0 ? weight / rSquaredValue : 0 },
    };
    return {
      driver,
      result: { status: 'shown', value: result, n: pairs.length } as Reportable<DriverResult>,
    };
  });
  const strength = (entry: (typeof results)[number]): number => {
    if (entry.result.status !== 'shown') return Number.NEGATIVE_INFINITY;
    const value = entry.result.value;
    if (method === 'pearson') return Math.abs(value.pearson.estimate);
    if (method === 'spearman') return Math.abs(value.spearman.estimate);
    return value.relativeWeight?.weight ?? Math.abs(value.pearson.estimate) - 2;
  };
  return {
    drivers: [...results].sort((a, b) => strength(b) - strength(a)),
    rSquared,
    method,
    warnings,
  };
}
