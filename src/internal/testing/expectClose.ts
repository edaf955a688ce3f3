import { expect } from 'vitest';

/**
 * For tests against R: each value within `tolerance` (absolute) of the reference, with null or a
 * missing value (R's NA, or Inf written as null) matching only null. @internal
 */
export function expectClose(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  tolerance = 1e-9,
  label = '',
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i];
    if (want === null || want === undefined) {
      expect(value, `${label} entry ${i}`).toBeNull();
      return;
    }
    expect(value, `${label} entry ${i}`).not.toBeNull();
    const difference = Math.abs((value as number) - want);
    expect(difference, `${label} entry ${i}: ${value} vs ${want}`).toBeLessThanOrEqual(tolerance);
  });
}
