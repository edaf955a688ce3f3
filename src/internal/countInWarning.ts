/**
 * A count of people (or of their records) as a warning may print it: the number from
 * `minGroupSize` up, else "some". A warning is published beside the figures, and "2 people had
 * no team" would tell about a group below the minimum (issue 14). @internal
 */
export function countInWarning(count: number, minGroupSize: number): string {
  return count >= minGroupSize ? String(count) : 'some';
}
