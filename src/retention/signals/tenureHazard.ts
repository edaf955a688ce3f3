import {
  addCalendarDays,
  type CalendarDay,
  calendarDaysBetween,
  toCalendarDay,
} from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import { countsInHeadcount } from '../../schemas/vocabulary.js';
import type { RetentionPerson } from '../retentionPeople.js';

/** One tenure band of a life table. */
export interface TenureBand {
  /** Months of tenure: from (inclusive) to (exclusive; `null` for the open last band). */
  readonly from: number;
  readonly to: number | null;
  /** Leavers whose tenure ended in the band. */
  readonly events: number;
  /** Person-months spent in the band. */
  readonly exposure: number;
  /** Leavers per person-month (0 with no exposure). */
  readonly hazard: number;
}

/** Options of {@link tenureHazard}. */
export interface TenureHazardOptions {
  readonly asOf: string;
  /** Band edges in months. Default [0, 3, 6, 12, 24]: bands 0-3, 3-6, 6-12, 12-24, 24+. */
  readonly edges?: readonly number[];
  /** Only spells observed from this day (default: 3 years before asOf), so old history does not dominate. */
  readonly since?: string;
  /**
   * The first day the records cover: nothing before it is observed, so `since` is never earlier
   * (people hired before it enter the table at their tenure on it).
   */
  readonly recordsStart?: string;
}

/** The options tenureHazard knows (an unknown one is an error). */
const TENURE_HAZARD_OPTIONS = {
  asOf: true,
  edges: true,
  since: true,
  recordsStart: true,
} satisfies OptionKeys<TenureHazardOptions>;

const MONTH = 30.436875;

/**
 * The organisation's own life table of leaving by tenure: for each tenure band, leavers and
 * person-months at risk since `since`, and the hazard (leavers per person-month), the actuarial
 * estimate behind "the first year is when people leave". Employees and direct temporaries only.
 * A spell hired before `since` enters at its tenure on that day (late entry), so the table never
 * counts tenure it did not observe; with `recordsStart`, `since` is at least the records' start.
 *
 * O(spells x bands).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for edges that do not start at 0 and rise.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2024-01-01', terminationDate: '2024-02-29', separationKind: 'voluntary' }] },
 *   { id: 'b', spells: [{ hireDate: '2024-01-01' }] },
 * ];
 * const table = tenureHazard(people, { asOf: '2024-12-31', since: '2024-01-01' });
 * table.bands[0].events // => 1
 */
export function tenureHazard(
  people: readonly RetentionPerson[],
  options: TenureHazardOptions,
): { readonly bands: readonly TenureBand[]; readonly overall: number } {
  const asOf = toCalendarDay(options.asOf);
  const requested =
    options.since === undefined ? addCalendarDays(asOf, -3 * 365) : toCalendarDay(options.since);
  const recordsStart =
    options.recordsStart === undefined ? requested : toCalendarDay(options.recordsStart);
  // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as text.
  const since = recordsStart > requested ? recordsStart : requested;
  const edges = options.edges ?? [0, 3, 6, 12, 24];
  if (edges[0] !== 0 || edges.some((edge, i) => i > 0 && !(edge > edges[i - 1]!))) {
    checkOptions(options, TENURE_HAZARD_OPTIONS, 'tenureHazard');
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `tenureHazard requires band edges starting at 0 and rising, got ${JSON.stringify(edges)}`,
    );
  }
  const events = new Array<number>(edges.length).fill(0);
  const exposure = new Array<number>(edges.length).fill(0);
  const bandOf = (months: number) => {
    let band = 0;
    while (band + 1 < edges.length && months >= edges[band + 1]!) band++;
    return band;
  };
  for (const person of people) {
    if (!countsInHeadcount(person.workerType)) continue;
    for (const spell of person.spells) {
      const end: CalendarDay =
        spell.terminationDate !== undefined && spell.terminationDate < asOf
          ? spell.terminationDate
          : asOf;
      if (end < since || spell.hireDate > asOf) continue;
      // Exposure by band between max(hire, since) and end, in months of tenure.
      // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as text.
      const observedFrom = since > spell.hireDate ? since : spell.hireDate;
      const startMonths = Math.max(0, calendarDaysBetween(spell.hireDate, observedFrom)) / MONTH;
      const endMonths = (calendarDaysBetween(spell.hireDate, end) + 1) / MONTH;
      for (let band = 0; band < edges.length; band++) {
        const low = edges[band]!;
        const high = edges[band + 1] ?? Number.POSITIVE_INFINITY;
        const overlap = Math.min(high, endMonths) - Math.max(low, startMonths);
        if (overlap > 0) exposure[band]! += overlap;
      }
      if (spell.terminationDate !== undefined && spell.terminationDate <= asOf)
        events[bandOf(endMonths)]!++;
    }
  }
  const totalEvents = events.reduce((sum, value) => sum + value, 0);
  const totalExposure = exposure.reduce((sum, value) => sum + value, 0);
  return {
    bands: edges.map((from, band) => ({
      from,
      to: edges[band + 1] ?? null,
      events: events[band]!,
      exposure: exposure[band]!,
      hazard: exposure[band]! > 0 ? events[band]! / exposure[band]! : 0,
    })),
    overall: totalExposure > 0 ? totalEvents / totalExposure : 0,
  };
}
