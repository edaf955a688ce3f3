import type { CalendarDay } from '../core/calendarDay.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import type { KaplanMeierResult } from '../retention/kaplanMeier.js';
import type { RetentionPerson } from '../retention/retentionPeople.js';
import { type TenureUnit, tenureSurvival } from '../retention/tenureSurvival.js';
import { countsInHeadcount } from '../schemas/vocabulary.js';
import { type BreakdownTally, breakdownTally, suppressBreakdown } from './breakdown.js';

/** A published Kaplan-Meier curve of a breakdown. */
export interface SurvivalSegment {
  readonly segment: 'all' | 'group' | 'missing';
  readonly group: string | null;
  /** Shown with n people when the privacy table shows the cell (people and leavers). */
  readonly curve: Reportable<KaplanMeierResult>;
  /** Distinct people who left (a spell ended by asOf), for shown cells. */
  readonly leavers: number | null;
}

/** Options of {@link survivalByGroup}. */
export interface SurvivalByGroupOptions {
  readonly asOf: CalendarDay;
  /** A person's group, or null for none (the `missing` segment); without it only `all`. */
  readonly groupOf?: ((person: RetentionPerson) => string | null) | undefined;
  /** Default `years`. */
  readonly unit?: TenureUnit;
  /** Minimum people behind a shown curve. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  /** Level of the pointwise bands. Default 0.95. */
  readonly level?: number;
}

/**
 * Kaplan-Meier tenure curves per group, published through the privacy module: each group's
 * people (counted worker types hired by asOf) and leavers go into a table with the `all` total,
 * `suppressTable` decides what is shown (fewer than the minimum, everyone left, and
 * complementary suppression), and only shown groups get a curve. The curves themselves are not
 * additive, but their people and leaver counts are, so the table keeps a hidden group from being
 * derived from the total and the others. Segments come `all` first, then the groups by value,
 * then `missing`.
 *
 * O(people x spells) plus one Kaplan-Meier estimate per shown segment.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const person = (id, hireDate, terminationDate) => ({ id, spells: [{ hireDate, terminationDate, separationKind: terminationDate ? 'voluntary' : undefined }] });
 * const people = [
 *   person('a', '2020-01-01', '2022-12-31'), person('b', '2020-01-01'), person('c', '2021-06-01', '2023-05-31'),
 *   person('d', '2019-03-01'), person('e', '2022-01-01'), person('f', '2018-01-01', '2024-12-31'),
 * ];
 * const [everyone] = survivalByGroup(people, { asOf: '2025-12-31' });
 * [everyone.curve.n, everyone.leavers] // => [6, 3]
 */
export function survivalByGroup(
  people: readonly RetentionPerson[],
  options: SurvivalByGroupOptions,
): SurvivalSegment[] {
  const { asOf, groupOf } = options;
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  const grouped = groupOf !== undefined;
  const members = new Map<string | null, RetentionPerson[]>();
  const tallies = new Map<string | null, BreakdownTally>();
  for (const person of people) {
    if (!countsInHeadcount(person.workerType)) continue;
    const spells = person.spells.filter((spell) => spell.hireDate <= asOf);
    if (spells.length === 0) continue;
    const key = grouped ? groupOf(person) : null;
    const tally = breakdownTally(tallies, key, ['leavers']);
    tally.n++;
    if (spells.some((s) => s.terminationDate !== undefined && s.terminationDate <= asOf))
      tally.counts.leavers! += 1;
    const list = members.get(key);
    if (list === undefined) members.set(key, [person]);
    else list.push(person);
  }
  const segments = suppressBreakdown(tallies, {
    grouped,
    categories: ['leavers'],
    minGroupSize,
  });
  return segments.map(({ segment, group, cell }) => {
    if (cell.status !== 'shown') return { segment, group, curve: SUPPRESSED, leavers: null };
    const subset =
      segment === 'all' ? people : (members.get(segment === 'missing' ? null : group) ?? []);
    const result = tenureSurvival(subset, {
      asOf,
      unit: options.unit ?? 'years',
      level: options.level ?? 0.95,
      minGroupSize,
    });
    return {
      segment,
      group,
      curve: result.overall,
      leavers: result.overall.status === 'shown' ? (cell.value.counts.leavers ?? 0) : null,
    };
  });
}
