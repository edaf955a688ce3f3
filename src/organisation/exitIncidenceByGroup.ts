import type { CalendarDay } from '../core/calendarDay.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import type { ConfidenceType } from '../retention/kaplanMeier.js';
import type { RetentionPerson, RetentionSpell } from '../retention/retentionPeople.js';
import { type ExitIncidence, tenureIncidence } from '../retention/tenureIncidence.js';
import type { TenureUnit } from '../retention/tenureSurvival.js';
import { countsInHeadcount, EXIT_VARIABLES } from '../schemas/vocabulary.js';
import { type BreakdownTally, breakdownTally, suppressBreakdown } from './breakdown.js';

/** Published cumulative incidence curves of exits of one segment of a breakdown. */
export interface ExitIncidenceSegment {
  readonly segment: 'all' | 'group' | 'missing';
  readonly group: string | null;
  /** Shown with n people when the privacy table shows the cell; the curves and the exit counts. */
  readonly incidence: Reportable<ExitIncidence>;
}

/** Options of {@link exitIncidenceByGroup}. */
export interface ExitIncidenceByGroupOptions {
  readonly asOf: CalendarDay;
  /** A person's group, or null for none (the `missing` segment); without it only `all`. */
  readonly groupOf?: ((person: RetentionPerson) => string | null) | undefined;
  /** Default `months`. */
  readonly unit?: TenureUnit;
  /** The first day the records cover: spells hired before it enter late. */
  readonly recordsStart?: CalendarDay | undefined;
  /** Minimum people behind shown curves. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  /** Level of the pointwise bands. Default 0.95. */
  readonly level?: number;
  /** Default `log`. */
  readonly confType?: ConfidenceType;
}

const CATEGORIES = [...new Set(Object.values(EXIT_VARIABLES).flat())];

/**
 * A person's exit categories as `tenureIncidence` counts them: over the spells hired by asOf (and
 * not ended before recordsStart), stayed, or the latest separation by asOf with its kind (`other`
 * when missing) and whether it was regretted; none when no spell counts.
 */
function exitCategories(
  spells: readonly RetentionSpell[],
  asOf: CalendarDay,
  recordsStart: CalendarDay | undefined,
): string[] | null {
  let counted = false;
  let latest: RetentionSpell | undefined;
  for (const spell of spells) {
    const end = spell.terminationDate;
    if (spell.hireDate > asOf) continue;
    if (recordsStart !== undefined && end !== undefined && end < recordsStart) continue;
    counted = true;
    if (end !== undefined && end <= asOf && (latest === undefined || end > latest.terminationDate!))
      latest = spell;
  }
  if (!counted) return null;
  if (latest === undefined) return ['stayed'];
  return [
    latest.separationKind ?? 'other',
    'leavers',
    latest.regretted === true ? 'regretted' : 'notRegretted',
  ];
}

/**
 * Cumulative incidence of voluntary, involuntary and other exits (and regretted ones) by tenure per
 * group, published through the privacy module as `survivalByGroup` publishes Kaplan-Meier curves:
 * each group's people (counted worker types with a spell hired by asOf) go into a table with the
 * `all` total, counted by their exit as categorical variables among leavers (stayed, voluntary,
 * involuntary, other; stayed or left; stayed, regretted or not); `suppressTable` hides a group of
 * fewer than the minimum, one where an exit category holds everyone (all left, all stayed, all
 * left voluntarily ...), and complements, so that no hidden group's counts can be derived from
 * the total and the others. The curves are not additive and are computed only for the groups the
 * table shows (`tenureIncidence`). A kind nobody had is a category of 0 and hides nothing.
 * Segments come `all` first, then the groups by value, then `missing`.
 *
 * O(people x spells) plus one `tenureIncidence` per shown segment.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3, and as
 * `tenureIncidence` for its options.
 *
 * @example
 * const left = (id: string, hireDate: string, terminationDate: string, separationKind: 'voluntary' | 'involuntary') => ({ id, spells: [{ hireDate, terminationDate, separationKind }] });
 * const people = [
 *   left('a', '2020-01-01', '2022-12-31', 'voluntary'), { id: 'b', spells: [{ hireDate: '2020-01-01' }] },
 *   left('c', '2021-06-01', '2023-05-31', 'involuntary'), { id: 'd', spells: [{ hireDate: '2019-03-01' }] },
 *   { id: 'e', spells: [{ hireDate: '2022-01-01' }] }, left('f', '2018-01-01', '2024-12-31', 'voluntary'),
 * ];
 * const [everyone] = exitIncidenceByGroup(people, { asOf: '2025-12-31' });
 * everyone?.incidence.status === 'shown' && everyone.incidence.value.exits // => { people: 6, stayed: 3, voluntary: 2, involuntary: 1, other: 0, regretted: 0 }
 */
export function exitIncidenceByGroup(
  people: readonly RetentionPerson[],
  options: ExitIncidenceByGroupOptions,
): ExitIncidenceSegment[] {
  const { asOf, groupOf, recordsStart } = options;
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  const grouped = groupOf !== undefined;
  const members = new Map<string | null, RetentionPerson[]>();
  const tallies = new Map<string | null, BreakdownTally>();
  for (const person of people) {
    if (!countsInHeadcount(person.workerType)) continue;
    const categories = exitCategories(person.spells, asOf, recordsStart);
    if (categories === null) continue;
    const key = grouped ? groupOf(person) : null;
    const tally = breakdownTally(tallies, key, CATEGORIES);
    tally.n++;
    for (const category of categories) tally.counts[category]! += 1;
    const list = members.get(key);
    if (list === undefined) members.set(key, [person]);
    else list.push(person);
  }
  const segments = suppressBreakdown(tallies, {
    grouped,
    categories: CATEGORIES,
    variables: EXIT_VARIABLES,
    minGroupSize,
  });
  return segments.map(({ segment, group, cell }) => {
    if (cell.status !== 'shown') return { segment, group, incidence: SUPPRESSED };
    const subset =
      segment === 'all' ? people : (members.get(segment === 'missing' ? null : group) ?? []);
    const result = tenureIncidence(subset, {
      asOf,
      unit: options.unit ?? 'months',
      level: options.level ?? 0.95,
      confType: options.confType ?? 'log',
      minGroupSize,
      ...(recordsStart === undefined ? {} : { recordsStart }),
    });
    return { segment, group, incidence: result.overall };
  });
}
