import { InternalCustomerError } from '../core/errors.js';

/**
 * Benjamini-Hochberg adjusted p-values, controlling the false discovery rate when many changes are
 * tested at once (every team's eNPS change this quarter): flag those with an adjusted p below the
 * chosen rate. Matches R `p.adjust(p, method = "BH")`; `null` entries (untested) stay `null` and do
 * not count as tests.
 *
 * O(m log m).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a p-value outside [0, 1] or NaN.
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.2]) // => [0.04, 0.05333333333, 0.05333333333, 0.2]
 * benjaminiHochberg([0.02, null]) // => [0.02, null]
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null);
  for (const { p } of tested) {
    if (!(p >= 0 && p <= 1))
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `benjaminiHochberg requires p-values in [0, 1], got ${String(p)}`,
      );
  }
  const m = tested.length;
  const order = [...tested].sort((a, b) => b.p - a.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 1;
  order.forEach(({ p, index }, position) => {
    const rank = m - position;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  });
  return adjusted;
}
