import type { CalendarDay } from '../core/calendarDay.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import type { KaplanMeierResult } from '../retention/kaplanMeier.js';
import type { RetentionPerson } from '../retention/retentionPeople.js';
import { type TenureUnit, tenureSurvival } from '../retention/tenureSurvival.js';
import { addTo, suppressBreakdown, type Tally } from './breakdown.js';
import { counted } from './employeesFile.js';

/** A published Kaplan-Meier curve of a breakdown. @internal */
export interface SurvivalSegment {
  readonly segment: 'all' | 'group' | 'missing';
  readonly group: string | null;
  /** Shown with n people when the privacy table shows the cell (people and leavers). */
  readonly curve: Reportable<KaplanMeierResult>;
  /** Distinct people who left (a spell ended by asOf), for shown cells. */
  readonly leavers: number | null;
}

/** Options of {@link survivalByGroup}. @internal */
export interface SurvivalByGroupOptions {
  readonly asOf: CalendarDay;
  readonly unit: TenureUnit;
  readonly minGroupSize: number;
  readonly level: number;
  /** Break down by group (`groupOf`); without it only `all`. */
  readonly grouped: boolean;
}

/**
 * Kaplan-Meier tenure curves per group, published through the privacy module: each group's
 * people (counted worker types hired by asOf) and leavers go into a table with the `all` total,
 * `suppressTable` decides what is shown (primary and complementary suppression), and only shown
 * groups get a curve. The curves themselves are not additive, but their people and leaver counts
 * are, so the table keeps a hidden group from being derived from the total and the others.
 * @internal
 */
export function survivalByGroup(
  people: readonly RetentionPerson[],
  groupOf: (person: RetentionPerson) => string | null,
  options: SurvivalByGroupOptions,
): SurvivalSegment[] {
  const members = new Map<string | null, RetentionPerson[]>();
  const tallies = new Map<string | null, Tally>();
  for (const person of people) {
    if (!counted(person)) continue;
    const spells = person.spells.filter((spell) => spell.hireDate <= options.asOf);
    if (spells.length === 0) continue;
    const key = options.grouped ? groupOf(person) : null;
    const tally = addTo(tallies, key, ['leavers']);
    tally.n++;
    if (spells.some((s) => s.terminationDate !== undefined && s.terminationDate <= options.asOf))
      tally.counts.leavers! += 1;
    members.set(key, [...(members.get(key) ?? []), person]);
  }
  const segments = suppressBreakdown(tallies, options.grouped, ['leavers'], options.minGroupSize);
  return segments.map(({ segment, group, cell }) => {
    if (cell.status !== 'shown') return { segment, group, curve: SUPPRESSED, leavers: null };
    const subset =
      segment === 'all' ? people : (members.get(segment === 'missing' ? null : group) ?? []);
    const result = tenureSurvival(subset, {
      asOf: options.asOf,
      unit: options.unit,
      level: options.level,
      minGroupSize: options.minGroupSize,
    });
    return {
      segment,
      group,
      curve: result.overall,
      leavers: result.overall.status === 'shown' ? (cell.value.counts.leavers ?? 0) : null,
    };
  });
}
