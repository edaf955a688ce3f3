import type { Reportable } from './reportable.js';
import { SUPPRESSED } from './reportable.js';
import type { PublishedReport } from './suppressTable.js';

/** The statistics of a shown cell, without its n (which the `Reportable` carries). */
export interface CellValues {
  readonly counts: Readonly<Record<string, number>>;
  readonly sums: Readonly<Record<string, number>>;
}

/**
 * Turns the audit record into what a reader may see: shown cells with their statistics and n,
 * suppressed cells as the one bare `{ status: 'suppressed' }`, so an empty group and a small one
 * look the same and no reason leaks.
 *
 * @example
 * const report = { minGroupSize: 5, equations: [], cells: [
 *   { id: 'a', n: 7, counts: { promoters: 3 }, status: 'shown' }, { id: 'b', n: 2, status: 'suppressed', reason: 'primary' }] };
 * toReportables(report).get('a') // => { status: 'shown', value: { counts: { promoters: 3 }, sums: {} }, n: 7 }
 * toReportables(report).get('b') // => { status: 'suppressed' }
 */
export function toReportables(
  report: PublishedReport,
): ReadonlyMap<string, Reportable<CellValues>> {
  return new Map(
    report.cells.map((cell) => [
      cell.id,
      cell.status === 'shown'
        ? {
            status: 'shown' as const,
            value: { counts: { ...cell.counts }, sums: { ...cell.sums } },
            n: cell.n,
          }
        : SUPPRESSED,
    ]),
  );
}
