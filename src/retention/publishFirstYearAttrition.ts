import type { Estimate } from '../core/estimate.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { FirstYearAttritionResult, FirstYearCohort } from './firstYearAttrition.js';

/** Options of {@link publishFirstYearAttrition}. */
export interface PublishFirstYearAttritionOptions {
  /** Minimum hires behind a shown cohort. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
}

/** A cohort's first-year leavers and attrition, shown together or not at all. */
export interface FirstYearAttritionValue {
  readonly hires: number;
  readonly leftWithinYear: number;
  /** As `firstYearAttrition` gives it (`null` when not observed). */
  readonly attrition: Estimate | null;
}

/** One published cohort: its name and dates (no secret) and its numbers through the gate. */
export interface PublishedFirstYearCohort
  extends Pick<FirstYearCohort, 'cohort' | 'first' | 'last' | 'complete' | 'method'> {
  readonly result: Reportable<FirstYearAttritionValue>;
}

/** The result of {@link publishFirstYearAttrition}. */
export interface PublishedFirstYearAttrition {
  readonly cohorts: readonly PublishedFirstYearCohort[];
  /** The audit record (holds suppressed values): keep it server-side, never send it to a reader. */
  readonly report: PublishedReport;
  readonly warnings: readonly string[];
}

/**
 * Publishes {@link firstYearAttrition} through the privacy gate, as `publishHireCohorts` does for
 * the retention triangle: each cohort is a group of hires whose first-year leavers are counted
 * (a yes/no count: a cohort in which everyone left within the year is hidden, since it would say
 * so of each hire; one in which everyone stayed is shown); a cohort with fewer hires than the
 * minimum is hidden. Cohorts are disjoint and no total is published, so no complements are
 * needed; the Kaplan-Meier attrition of a cohort still in follow-up (not additive) is shown only
 * with its cohort's counts, and a warning about a hidden cohort (late entry, short follow-up) is
 * left out, since it would tell that the cohort has hires.
 *
 * O(cohorts).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const hired = (id: string, left?: string) => ({ id, spells: [{ hireDate: '2023-03-01', ...(left === undefined ? {} : { terminationDate: left, separationKind: 'voluntary' as const }) }] });
 * const people = [hired('a'), hired('b', '2023-06-30'), hired('c'), hired('d'), hired('e'), hired('f')];
 * const published = publishFirstYearAttrition(firstYearAttrition(people, { asOf: '2025-06-30' }));
 * published.cohorts[0]?.result.status === 'shown' && published.cohorts[0].result.value.leftWithinYear // => 1
 * publishFirstYearAttrition(firstYearAttrition(people.slice(0, 4), { asOf: '2025-06-30' })).cohorts[0]?.result // => { status: 'suppressed' }
 */
export function publishFirstYearAttrition(
  result: FirstYearAttritionResult,
  options: PublishFirstYearAttritionOptions = {},
): PublishedFirstYearAttrition {
  const report = suppressTable(
    {
      cells: result.cohorts.map((cohort) => ({
        id: `cohort:${cohort.cohort}`,
        n: cohort.hires,
        counts: { leftWithinYear: cohort.leftWithinYear },
      })),
      equations: [],
    },
    options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize },
  );
  // A warning about a hidden cohort would tell that it has hires: left out.
  const hidden = result.cohorts
    .filter((_, index) => report.cells[index]!.status !== 'shown')
    .map((cohort) => `cohort ${cohort.cohort} `);
  return {
    cohorts: result.cohorts.map((cohort, index) => ({
      cohort: cohort.cohort,
      first: cohort.first,
      last: cohort.last,
      complete: cohort.complete,
      method: cohort.method,
      result:
        report.cells[index]!.status === 'shown'
          ? {
              status: 'shown',
              n: cohort.hires,
              value: {
                hires: cohort.hires,
                leftWithinYear: cohort.leftWithinYear,
                attrition: cohort.attrition,
              },
            }
          : SUPPRESSED,
    })),
    report,
    warnings: result.warnings.filter((warning) => !hidden.some((name) => warning.includes(name))),
  };
}
