/**
 * Orders group keys (a group's column values): element by element, `null` first, then by code
 * unit; a shorter key first when one is the start of the other. Shared by the file and warehouse
 * readers, so that both list groups alike. @internal
 */
export function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index] ?? null;
    const y = b[index] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
