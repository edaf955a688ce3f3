import { createRandom } from '../../core/createRandom.js';
import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { describeValue } from '../../internal/describeValue.js';
import { resolveMinGroupSize } from '../../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED, shown } from '../../privacy/reportable.js';
import { binnedCalibration, type CalibrationBin } from './calibrationTable.js';
import type { FitRetentionModelOptions } from './fitRetentionModel.js';
import {
  type Design,
  encodeDesign,
  isMissing,
  levelOf,
  type RetentionRow,
} from './internal/design.js';
import { type FitSettings, fitDesign } from './internal/fitDesign.js';
import { resolveModelOptions } from './internal/options.js';
import { mannWhitneyAuc } from './internal/scores.js';

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Number of folds k. Default 10. */
  readonly folds?: number;
  /** Repetitions with fresh random folds; the figures pool or average them. Default 1. */
  readonly repeats?: number;
  /** Keep the share of leavers the same in every fold. Default true. */
  readonly stratified?: boolean;
  /** Seed of `createRandom`, which assigns the folds. */
  readonly seed: number;
  /**
   * A column to break the performance down by (gender, say), whether or not it is a feature: a
   * model can rank or calibrate groups differently even without the attribute as an input.
   */
  readonly groupBy?: string;
  /** Bins of the overall calibration table. Default 10 (deciles). */
  readonly bins?: number;
  /** Bins of each group's calibration table. Default 5. */
  readonly groupBins?: number;
  /** Groups smaller than this are suppressed (see `privacy`). Default 5. */
  readonly minGroupSize?: number;
}

/** The options crossValidate knows (an unknown one is an error). */
const CROSS_VALIDATE_OPTIONS = {
  folds: true,
  repeats: true,
  stratified: true,
  seed: true,
  groupBy: true,
  bins: true,
  groupBins: true,
  minGroupSize: true,
} satisfies OptionKeys<CrossValidateOptions>;

/** Spread of a statistic across folds. */
export interface FoldSpread {
  readonly mean: number;
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
  /** Folds x repeats with both outcomes in the held-out rows. */
  readonly count: number;
}

/** How the model serves one group. */
export interface GroupPerformance {
  /** Employees in the group, and leavers among them. */
  readonly n: number;
  readonly events: number;
  /** Out-of-fold AUC within the group (mean over repeats); null without both outcomes. */
  readonly auc: number | null;
  /** Mean out-of-fold prediction, observed rate, and their ratio (observed / expected). */
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly observedToExpected: number;
  readonly brierScore: number;
  readonly calibration: readonly CalibrationBin[];
}

/** One group of `groupBy`. */
export interface CrossValidationGroup {
  /** The group's value (`(missing)` for rows without one). */
  readonly group: string;
  readonly performance: Reportable<GroupPerformance>;
}

/** The result of {@link crossValidate}. */
export interface CrossValidateResult {
  readonly folds: number;
  readonly repeats: number;
  readonly stratified: boolean;
  readonly seed: number;
  /** Rows used and leavers among them; input rows (1-based) left out for a missing value. */
  readonly n: number;
  readonly events: number;
  readonly baseRate: number;
  readonly excludedRows: readonly number[];
  /** AUC of the pooled out-of-fold predictions, averaged over repeats: the headline figure. */
  readonly auc: number;
  readonly aucByRepeat: readonly number[];
  /** AUC within each held-out fold, across folds and repeats. */
  readonly foldAuc: FoldSpread;
  /** Out-of-fold predictions of every repeat pooled, in bins of equal size. */
  readonly calibration: readonly CalibrationBin[];
  readonly brierScore: number;
  /** Leaver rate among the riskiest tenth (pooled out-of-fold) divided by the base rate. */
  readonly topDecileLift: number;
  /** Per group of `groupBy`, in order of the values; empty without `groupBy`. */
  readonly groups: readonly CrossValidationGroup[];
  /** Mean out-of-fold probability of each input row (null for rows left out). */
  readonly predictions: readonly (number | null)[];
  readonly warnings: readonly string[];
}

function wholeNumber(value: unknown, name: string, min: number): number {
  if (!Number.isInteger(value) || (value as number) < min) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `crossValidate requires ${name} as a whole number >= ${min}, got ${describeValue(value)}`,
    );
  }
  return value as number;
}

function spread(values: readonly number[]): FoldSpread {
  const count = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / count;
  const variance =
    count > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (count - 1) : 0;
  return {
    mean,
    standardDeviation: Math.sqrt(variance),
    min: Math.min(...values),
    max: Math.max(...values),
    count,
  };
}

/** Fisher-Yates shuffle in place. */
function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/**
 * Cross-validates the retention model: k-fold (stratified by default, so each fold keeps the
 * share of leavers), repeated with fresh folds; each fold is predicted by a model fitted on the
 * others with the same options (Hastie, Tibshirani & Friedman, The Elements of Statistical
 * Learning, 2nd ed. 2009, s. 7.10). Reports the AUC of the pooled out-of-fold predictions
 * (Mann-Whitney, ties one half) and its spread over folds, the calibration table (deciles:
 * predicted against observed), the Brier score and the lift in the riskiest tenth; with `groupBy`,
 * the same per group, so that a model serving one group worse shows (groups under `minGroupSize`
 * are suppressed). These are the figures to report; a model's fit to its own training rows is
 * optimistic.
 *
 * Folds come from `createRandom(seed)`: within each outcome the rows are shuffled and dealt to the
 * folds in turn, continuing the count across outcomes so fold sizes differ by at most one. Levels
 * of categories are taken from all rows; a level missing from a training fold is scored as the
 * reference (as R's predict on a rank-deficient fit) and counted in `warnings`.
 *
 * O(folds x repeats x cost of fitRetentionModel on (k - 1) / k of the rows).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for the model options (as fitRetentionModel),
 * folds < 2 or more folds than rows of a stratum, repeats < 1, a seed that is not an integer, bins
 * < 1, or minGroupSize < 3.
 * @throws {InternalCustomerError} `INVALID_INPUT` for rows fitRetentionModel refuses.
 *
 * @example
 * const rows = Array.from({ length: 40 }, (_, i) => ({ score: i % 10, left: (i * 7) % 10 < i % 10 ? 'Yes' : 'No' }));
 * const cv = crossValidate(rows, { features: ['score'], label: 'left' }, { folds: 4, seed: 1 });
 * cv.n // => 40
 * cv.auc > 0.7 // => true
 * cv.calibration.length // => 10
 * crossValidate(rows, { features: ['score'], label: 'left' }, { folds: 1, seed: 1 }) // => throws INVALID_OPTION
 */
export function crossValidate(
  rows: readonly RetentionRow[],
  modelOptions: FitRetentionModelOptions,
  options: CrossValidateOptions,
): CrossValidateResult {
  checkOptions(options, CROSS_VALIDATE_OPTIONS, 'crossValidate');
  const resolved = resolveModelOptions(modelOptions, 'crossValidate');
  const settings = resolveOptions(options);
  const { folds, repeats, bins, stratified } = settings;

  const design = encodeDesign(rows, resolved.spec, 'crossValidate');
  const n = design.n;
  let events = 0;
  for (let i = 0; i < n; i++) events += design.y[i]!;
  const strata = stratified
    ? [0, 1].map((outcome) =>
        Array.from({ length: n }, (_, i) => i).filter((i) => design.y[i] === outcome),
      )
    : [Array.from({ length: n }, (_, i) => i)];
  const smallest = Math.min(...strata.map((stratum) => stratum.length));
  if (folds > (stratified ? smallest : n)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `crossValidate requires at most as many folds as ${stratified ? 'rows of the rarer outcome' : 'rows'} (${stratified ? smallest : n}), got ${folds}`,
    );
  }

  const run = runFolds(design, strata, resolved.settings, settings);
  const warnings: string[] = [];
  if (design.excludedRows.length > 0) {
    warnings.push(
      `${design.excludedRows.length} row(s) with a missing label or feature were left out`,
    );
  }
  if (run.unseen > 0) {
    warnings.push(
      `${run.unseen} held-out value(s) had a level absent from their training folds and were scored as the reference level`,
    );
  }
  if (run.separated > 0) {
    warnings.push(
      `${run.separated} of ${folds * repeats} fold fits showed separation (see fitRetentionModel on all rows)`,
    );
  }
  if (run.notConverged > 0) {
    warnings.push(`${run.notConverged} of ${folds * repeats} fold fits did not converge`);
  }

  // Pooled over repeats: every row once per repeat.
  const pooledScores = new Float64Array(n * repeats);
  const pooledLabels = new Uint8Array(n * repeats);
  const sums = new Float64Array(n);
  run.perRepeat.forEach((predicted, repeat) => {
    for (let i = 0; i < n; i++) {
      sums[i]! += predicted[i]!;
      pooledScores[repeat * n + i] = predicted[i]!;
      pooledLabels[repeat * n + i] = design.y[i]!;
    }
  });
  const calibration = binnedCalibration(pooledScores, pooledLabels, bins);
  const order = Int32Array.from({ length: pooledScores.length }, (_, i) => i).sort(
    (a, b) => pooledScores[b]! - pooledScores[a]! || a - b,
  );
  const top = Math.ceil(pooledScores.length / 10);
  let topEvents = 0;
  for (let r = 0; r < top; r++) topEvents += pooledLabels[order[r]!]!;
  const baseRate = events / n;

  const groups =
    options.groupBy === undefined
      ? []
      : groupPerformance(rows, design, run.perRepeat, options.groupBy, settings);

  const predictions: (number | null)[] = new Array(rows.length).fill(null);
  for (let i = 0; i < n; i++) predictions[design.rowIndex[i]!] = sums[i]! / repeats;
  return {
    folds,
    repeats,
    stratified,
    seed: options.seed,
    n,
    events,
    baseRate,
    excludedRows: design.excludedRows,
    auc: run.aucByRepeat.reduce((sum, a) => sum + a, 0) / repeats,
    aucByRepeat: run.aucByRepeat,
    foldAuc: spread(run.foldAucs),
    calibration: calibration.bins,
    brierScore: calibration.brierScore,
    topDecileLift: topEvents / top / baseRate,
    groups,
    predictions,
    warnings,
  };
}

interface ResolvedOptions {
  readonly folds: number;
  readonly repeats: number;
  readonly bins: number;
  readonly groupBins: number;
  readonly stratified: boolean;
  readonly minGroupSize: number;
  readonly random: ReturnType<typeof createRandom>;
}

/** Checks the options of {@link crossValidate} and fills in the defaults. @internal */
function resolveOptions(options: CrossValidateOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `crossValidate requires options with a seed, got ${describeValue(options)}`,
    );
  }
  const resolved = {
    folds: wholeNumber(options.folds ?? 10, 'folds', 2),
    repeats: wholeNumber(options.repeats ?? 1, 'repeats', 1),
    bins: wholeNumber(options.bins ?? 10, 'bins', 1),
    groupBins: wholeNumber(options.groupBins ?? 5, 'groupBins', 1),
    stratified: options.stratified ?? true,
    minGroupSize: resolveMinGroupSize(options.minGroupSize),
    random: createRandom(options.seed),
  };
  if (
    options.groupBy !== undefined &&
    (typeof options.groupBy !== 'string' || options.groupBy === '')
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `crossValidate requires groupBy as a column name, got ${describeValue(options.groupBy)}`,
    );
  }
  return resolved;
}

/**
 * Every repeat: deals the rows of each stratum into folds in a shuffled order, fits on the other
 * folds and scores each held-out fold. Returns each repeat's held-out predictions. @internal
 */
function runFolds(
  design: Design,
  strata: readonly number[][],
  fitSettings: FitSettings,
  { folds, repeats, random }: ResolvedOptions,
) {
  const n = design.n;
  const q = design.terms.length;
  const aucByRepeat: number[] = [];
  const foldAucs: number[] = [];
  const perRepeat: Float64Array[] = [];
  let unseen = 0;
  let notConverged = 0;
  let separated = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const fold = new Int32Array(n);
    let dealt = 0;
    for (const stratum of strata) {
      const order = [...stratum];
      shuffle(order, random);
      for (const i of order) fold[i] = dealt++ % folds;
    }
    const predicted = new Float64Array(n);
    for (let f = 0; f < folds; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
      const fit = fitDesign(design, Int32Array.from(train), fitSettings);
      if (!fit.converged) notConverged++;
      if (fit.separation) separated++;
      const testScores = new Float64Array(test.length);
      const testLabels = new Uint8Array(test.length);
      test.forEach((i, t) => {
        let eta = fit.rawIntercept;
        for (let j = 0; j < q; j++) {
          const value = design.columns[j]![i]!;
          if (value === 0) continue;
          if (fit.status[j] === 'constant' && fit.means[j] === 0) unseen++;
          eta += fit.rawSlopes[j]! * value;
        }
        const p = 1 / (1 + Math.exp(-eta));
        predicted[i] = p;
        testScores[t] = p;
        testLabels[t] = design.y[i]!;
      });
      const positives = testLabels.reduce((sum, y) => sum + y, 0);
      if (positives > 0 && positives < test.length)
        foldAucs.push(mannWhitneyAuc(testScores, testLabels));
    }
    aucByRepeat.push(mannWhitneyAuc(predicted, design.y));
    perRepeat.push(predicted);
  }
  return { aucByRepeat, foldAucs, perRepeat, unseen, notConverged, separated };
}

/** Discrimination and calibration within each value of a column; small groups suppressed. @internal */
function groupPerformance(
  rows: readonly RetentionRow[],
  design: Design,
  perRepeat: readonly Float64Array[],
  column: string,
  { minGroupSize, groupBins }: ResolvedOptions,
): CrossValidationGroup[] {
  const repeats = perRepeat.length;
  const members = new Map<string, number[]>();
  for (let i = 0; i < design.n; i++) {
    const value = rows[design.rowIndex[i]!]![column];
    const key = isMissing(value) ? '(missing)' : levelOf(value);
    const list = members.get(key) ?? [];
    list.push(i);
    members.set(key, list);
  }
  const groups: CrossValidationGroup[] = [];
  for (const key of [...members.keys()].sort()) {
    const list = members.get(key)!;
    if (list.length < minGroupSize) {
      groups.push({ group: key, performance: SUPPRESSED });
      continue;
    }
    const groupEvents = list.reduce((sum, i) => sum + design.y[i]!, 0);
    const scores = new Float64Array(list.length * repeats);
    const labels = new Uint8Array(list.length * repeats);
    const aucs: number[] = [];
    perRepeat.forEach((predicted, repeat) => {
      const own = Float64Array.from(list, (i) => predicted[i]!);
      const ownLabels = Uint8Array.from(list, (i) => design.y[i]!);
      scores.set(own, repeat * list.length);
      labels.set(ownLabels, repeat * list.length);
      if (groupEvents > 0 && groupEvents < list.length) aucs.push(mannWhitneyAuc(own, ownLabels));
    });
    const table = binnedCalibration(scores, labels, groupBins);
    const meanPredicted = scores.reduce((sum, p) => sum + p, 0) / scores.length;
    const observedRate = groupEvents / list.length;
    groups.push({
      group: key,
      performance: shown(
        {
          n: list.length,
          events: groupEvents,
          auc: aucs.length > 0 ? aucs.reduce((sum, a) => sum + a, 0) / aucs.length : null,
          meanPredicted,
          observedRate,
          observedToExpected: observedRate / meanPredicted,
          brierScore: table.brierScore,
          calibration: table.bins,
        },
        list.length,
      ),
    });
  }
  return groups;
}
