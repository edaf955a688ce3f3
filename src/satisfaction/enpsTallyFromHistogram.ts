import { InternalCustomerError } from '../core/errors.js';
import { resolveCutoffs } from './classifyEnps.js';
import { type EnpsTally, type EnpsTallyOptions, fromHistogram } from './enpsTally.js';

/**
 * A tally from the histogram of answers: one count per scale point, from the scale's lowest
 * point (11 counts, for the answers 0 to 10, on the default scale). The streaming form of
 * {@link enpsTally}: count answers per point wherever they are (a chunk of a file, a worker, a SQL
 * `GROUP BY` with one `SUM(CASE WHEN score = k ...)` column per point), add the histograms, and
 * this gives exactly the tally of all the answers, histogram included (which
 * `enpsTallyFromCounts` cannot keep).
 *
 * O(scale points).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a histogram that does not have one count per
 * scale point.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for counts that are negative or not whole.
 * @throws {InternalCustomerError} `INVALID_OPTION` for invalid cut-offs.
 *
 * @example
 * const tally = enpsTallyFromHistogram([1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
 * [tally.detractors, tally.passives, tally.promoters] // => [2, 2, 2]
 * enpsTallyFromHistogram([1, 2, 3]) // => throws INVALID_INPUT
 */
export function enpsTallyFromHistogram(
  histogram: ArrayLike<number>,
  options: EnpsTallyOptions = {},
): EnpsTally {
  const cutoffs = resolveCutoffs(options.cutoffs, 'enpsTallyFromHistogram');
  const width = cutoffs.scaleMax - cutoffs.scaleMin + 1;
  if (histogram === null || typeof histogram !== 'object' || histogram.length !== width) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `enpsTallyFromHistogram requires one count per scale point (${width}), got ${String(histogram?.length)}`,
    );
  }
  const counts: number[] = [];
  for (let index = 0; index < width; index++) {
    const count = histogram[index]!;
    if (!Number.isInteger(count) || count < 0) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `enpsTallyFromHistogram requires whole counts >= 0, got ${String(count)} for ${cutoffs.scaleMin + index}`,
      );
    }
    counts.push(count);
  }
  return fromHistogram(counts, cutoffs);
}
