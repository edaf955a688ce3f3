import { LOWEST_MIN_GROUP_SIZE, resolveMinGroupSize } from '../privacy/minGroupSize.js';

/**
 * The minimum group size in force: the largest of the caller's (default 5, below 3 refused), the
 * survey's own `minGroupSize` and the library's floor of 3. @internal
 */
export function effectiveMinGroupSize(
  minGroupSize: number | undefined,
  survey?: { readonly minGroupSize?: number | undefined },
): number {
  return Math.max(
    resolveMinGroupSize(minGroupSize),
    survey?.minGroupSize ?? LOWEST_MIN_GROUP_SIZE,
    LOWEST_MIN_GROUP_SIZE,
  );
}
