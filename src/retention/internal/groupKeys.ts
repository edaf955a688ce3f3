import { InternalCustomerError } from '../../core/errors.js';

/** The groups of observations, as sorted keys and each observation's position among them. */
export interface GroupKeys {
  /** Distinct keys, sorted (numerically when every key is a number, else as strings). */
  readonly sorted: readonly (string | number)[];
  /** Each observation's index in `sorted`. */
  readonly of: Int32Array;
  /** Observations per group, in the order of `sorted`. */
  readonly size: readonly number[];
}

/**
 * Checks one group key per observation and numbers the groups in sorted order. O(n + k log k).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when groups are not an array of n keys, or a key
 * is not a string or a number (NaN included). @internal
 */
export function groupKeys(
  groups: ArrayLike<string | number>,
  n: number,
  functionName: string,
): GroupKeys {
  if (groups === null || typeof groups !== 'object' || groups.length !== n) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires one group per time, got ${String(groups?.length)} groups for ${n} times`,
    );
  }
  const keys = new Map<string | number, number>();
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const key = groups[i];
    if (typeof key === 'number' ? Number.isNaN(key) : typeof key !== 'string') {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires group keys as strings or numbers, got ${String(key)} at index ${i}`,
      );
    }
    if (typeof key !== 'number') numeric = false;
    if (!keys.has(key!)) keys.set(key!, keys.size);
  }
  const sorted = [...keys.keys()].sort((a, b) =>
    numeric
      ? (a as number) - (b as number)
      : String(a) < String(b)
        ? -1
        : String(a) > String(b)
          ? 1
          : 0,
  );
  const position = new Map(sorted.map((key, index) => [key, index]));
  const of = new Int32Array(n);
  const size = new Array<number>(sorted.length).fill(0);
  for (let i = 0; i < n; i++) {
    const g = position.get(groups[i]!)!;
    of[i] = g;
    size[g]! += 1;
  }
  return { sorted, of, size };
}
