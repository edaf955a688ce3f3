import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { checkScores, orderByScore } from './internal/scores.js';

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** 1 for the lowest predictions. */
  readonly bin: number;
  readonly n: number;
  /** Leavers in the bin, and the number the predictions expected (their sum). */
  readonly events: number;
  readonly expectedEvents: number;
  /** Mean predicted probability, and the observed share of leavers. */
  readonly meanPredicted: number;
  readonly observedRate: number;
  /** Lowest and highest prediction in the bin. */
  readonly lower: number;
  readonly upper: number;
}

/** Options of {@link calibrationTable}. */
export interface CalibrationTableOptions {
  /** Number of bins of (nearly) equal size. Default 10 (deciles). */
  readonly bins?: number;
}

/** The options calibrationTable knows (an unknown one is an error). */
const CALIBRATION_TABLE_OPTIONS = { bins: true } satisfies OptionKeys<CalibrationTableOptions>;

/** The result of {@link calibrationTable}. */
export interface CalibrationTableResult {
  readonly bins: readonly CalibrationBin[];
  /** Mean squared error of the probabilities, mean (p - y)^2 (Brier 1950). */
  readonly brierScore: number;
  readonly n: number;
  readonly events: number;
}

/**
 * The calibration table of predicted probabilities: rows sorted by prediction and cut into bins of
 * (nearly) equal size (bin b holds ranks floor((b - 1) n / k) + 1 to floor(b n / k); ties are
 * split by input order), each with its mean prediction beside its observed rate of leaving (the
 * grouping of Hosmer & Lemeshow 1980; Steyerberg, Clinical Prediction Models, 2nd ed. 2019,
 * ch. 15), and the Brier score (Brier 1950, Monthly Weather Review 78:
 * https://en.wikipedia.org/wiki/Brier_score). A calibrated model's 20% means 20 leavers in 100.
 *
 * O(n log n).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the lengths differ, there are no rows, a
 * score is not a probability in [0, 1], or a label is not 0/1 or a boolean.
 * @throws {InternalCustomerError} `INVALID_OPTION` when bins is not a whole number >= 1.
 *
 * @example
 * const table = calibrationTable([0.1, 0.2, 0.3, 0.6, 0.8, 0.9], [0, 0, 1, 0, 1, 1], { bins: 3 });
 * table.bins.map((b) => [b.n, b.meanPredicted, b.observedRate]) // => [[2, 0.15, 0], [2, 0.45, 0.5], [2, 0.85, 1]]
 * table.brierScore // => 0.15833
 */
export function calibrationTable(
  scores: ArrayLike<number>,
  labels: ArrayLike<number | boolean>,
  options: CalibrationTableOptions = {},
): CalibrationTableResult {
  checkOptions(options, CALIBRATION_TABLE_OPTIONS, 'calibrationTable');
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `calibrationTable requires bins as a whole number >= 1, got ${String(bins)}`,
    );
  }
  const checked = checkScores(scores, labels, 'calibrationTable');
  const n = checked.scores.length;
  if (n === 0) {
    throw new InternalCustomerError('INVALID_INPUT', 'calibrationTable requires at least one row');
  }
  for (let i = 0; i < n; i++) {
    const p = checked.scores[i]!;
    if (p < 0 || p > 1) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `calibrationTable requires probabilities in [0, 1], got ${p} at index ${i}`,
      );
    }
  }
  return binnedCalibration(checked.scores, checked.labels, bins);
}

/** The table of checked probabilities (no validation). @internal */
export function binnedCalibration(
  scores: Float64Array,
  labels: Uint8Array,
  bins: number,
): CalibrationTableResult {
  const n = scores.length;
  const order = orderByScore(scores);
  const count = Math.min(bins, n);
  const table: CalibrationBin[] = [];
  let brier = 0;
  let events = 0;
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.floor(((b + 1) * n) / count);
    let sum = 0;
    let hits = 0;
    for (let r = start; r < end; r++) {
      const i = order[r]!;
      const p = scores[i]!;
      const y = labels[i]!;
      sum += p;
      hits += y;
      brier += (p - y) ** 2;
    }
    events += hits;
    const size = end - start;
    table.push({
      bin: b + 1,
      n: size,
      events: hits,
      expectedEvents: sum,
      meanPredicted: sum / size,
      observedRate: hits / size,
      lower: scores[order[start]!]!,
      upper: scores[order[end - 1]!]!,
    });
  }
  return { bins: table, brierScore: brier / n, n, events };
}
