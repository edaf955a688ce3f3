import type { CalendarDay } from '../core/calendarDay.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { TableCell, TableEquation } from '../privacy/table.js';
import type { HireCohortsResult } from './hireCohorts.js';

/** Options of {@link publishHireCohorts}. */
export interface PublishHireCohortsOptions {
  /** Minimum distinct hires behind a shown number. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
}

/** The hires of a cohort still employed at a horizon, and their share of the cohort's hires. */
export interface HireCohortRetention {
  readonly retained: number;
  readonly rate: number;
}

/** One published cell of the triangle: a cohort at a horizon. */
export interface PublishedHireCohortCell {
  /** Months after hire. */
  readonly horizon: number;
  /** The hires still employed then; `null` until observable (never 0 for "not yet"). */
  readonly retained: Reportable<HireCohortRetention> | null;
}

/** One published row of the triangle: a hire cohort, its hires and its cells. */
export interface PublishedHireCohortRow {
  /** `2025-03`, `2025-Q1` or `2025` (the cohort's name is no secret). */
  readonly cohort: string;
  readonly first: CalendarDay;
  readonly last: CalendarDay;
  readonly hires: Reportable<number>;
  readonly cells: readonly PublishedHireCohortCell[];
}

/** The result of {@link publishHireCohorts}. */
export interface PublishedHireCohorts {
  readonly rows: readonly PublishedHireCohortRow[];
  /** The audit record (holds suppressed values): keep it server-side, never send it to a reader. */
  readonly report: PublishedReport;
  readonly warnings: readonly string[];
}

const cohortId = (cohort: string) => `cohort:${cohort}`;
const retainedId = (cohort: string, horizon: number) => `cohort:${cohort}|retained:${horizon}`;
const leftId = (cohort: string, horizon: number) => `cohort:${cohort}|left-by:${horizon}`;

/**
 * Publishes the cohort retention triangle of {@link hireCohorts} through the privacy gate
 * (`suppressTable`), so that no group of 1 to minGroupSize - 1 hires can be seen or worked out.
 *
 * Each cohort is a table of nested groups: its hires, the hires still employed at each observable
 * horizon, and (never published) those who left between one horizon and the next, tied by
 * `retained at the previous horizon = retained at this one + left in between` (the hires for the
 * first horizon). Each hire is in exactly one of the groups that left, or still employed at the
 * last observable horizon: the exit by horizon is one categorical variable, written as groups.
 * So a horizon is hidden when 1 to k-1 hires left since the previous one (the two shown
 * retention counts would differ by them), when fewer than k hires are still employed, and when
 * nobody is (everyone in the cohort left: an empty group is never shown); hiding one of two
 * neighbours is enough where the groups in between protect it. A cohort of fewer than k hires is
 * hidden whole. The rate needs the hires: a cell is shown only beside its cohort's hires.
 *
 * O(cohorts x horizons) plus `suppressTable` on that table.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const hires = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, spells: [{ hireDate: '2024-01-15', ...(i < 2 ? { terminationDate: '2024-09-30', separationKind: 'voluntary' as const } : {}) }] }));
 * const published = publishHireCohorts(hireCohorts(hires, { asOf: '2025-06-30', horizons: [3, 12] }));
 * published.rows[0]?.hires // => { status: 'shown', value: 6, n: 6 }
 * published.rows[0]?.cells.map((cell) => cell.retained?.status) // => ['shown', 'suppressed']
 */
export function publishHireCohorts(
  triangle: HireCohortsResult,
  options: PublishHireCohortsOptions = {},
): PublishedHireCohorts {
  const cells: TableCell[] = [];
  const equations: TableEquation[] = [];
  for (const row of triangle.rows) {
    cells.push({ id: cohortId(row.cohort), n: row.hires });
    let previous = { id: cohortId(row.cohort), n: row.hires };
    for (const cell of row.cells) {
      if (cell.retained === null) break;
      const retained = { id: retainedId(row.cohort, cell.horizon), n: cell.retained };
      const left = { id: leftId(row.cohort, cell.horizon), n: previous.n - cell.retained };
      cells.push(retained, left);
      equations.push({ total: previous.id, parts: [retained.id, left.id] });
      previous = retained;
    }
  }
  const report = suppressTable(
    { cells, equations },
    options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize },
  );
  const shown = new Set(report.cells.filter((c) => c.status === 'shown').map((c) => c.id));
  const rows = triangle.rows.map((row): PublishedHireCohortRow => {
    const hiresShown = shown.has(cohortId(row.cohort));
    return {
      cohort: row.cohort,
      first: row.first,
      last: row.last,
      hires: hiresShown ? { status: 'shown', value: row.hires, n: row.hires } : SUPPRESSED,
      cells: row.cells.map((cell) => ({
        horizon: cell.horizon,
        retained:
          cell.retained === null
            ? null
            : hiresShown && shown.has(retainedId(row.cohort, cell.horizon))
              ? {
                  status: 'shown',
                  value: { retained: cell.retained, rate: cell.retained / row.hires },
                  n: row.hires,
                }
              : SUPPRESSED,
      })),
    };
  });
  return { rows, report, warnings: triangle.warnings };
}
