import type { CalendarDay } from '../core/calendarDay.js';
import { checkedDay } from './internal/days.js';
import { onLeave, preparePeople } from './internal/people.js';
import type { RetentionPerson } from './retentionPeople.js';

/** The result of {@link headcountOn}. */
export interface HeadcountOnResult {
  readonly day: CalendarDay;
  /** Employees and direct temporaries employed on the day, on leave or not (SHRM). */
  readonly headcount: number;
  /** Of `headcount`, worker type `employee`. */
  readonly employees: number;
  /** Of `headcount`, worker type `direct-temporary`. */
  readonly directTemporaries: number;
  /** Of `headcount`, people on a leave of absence that day (still counted). */
  readonly onLeave: number;
  /** Contractors and agency staff with a spell covering the day: not counted in `headcount`. */
  readonly excluded: number;
}

/**
 * The headcount on one day: people employed that day, counted as people (not FTE).
 *
 * A person is employed on day d when hireDate <= d <= terminationDate of one of their spells
 * (the termination date is the last day employed, DESIGN.md), so a person who leaves on d is in
 * the headcount of d and a person hired on d too. Employees and direct-hire temporaries count,
 * including people on leave or furlough; contractors and agency temporaries do not (SHRM, "How to
 * determine turnover rate": https://www.shrm.org/resourcesandtools/tools-and-samples/how-to-guides/pages/determineturnoverrate.aspx).
 * A rehired person counts once.
 *
 * O(people + spells + leaves).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when the day or a record's day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people (a termination before its
 * hire, overlapping spells, duplicate ids, an unknown worker type).
 *
 * @example
 * const people = [
 *   { id: 'ada', spells: [{ hireDate: '2024-01-08' }], leaves: [{ startDate: '2025-03-01' }] },
 *   { id: 'ben', spells: [{ hireDate: '2023-05-02', terminationDate: '2025-03-31', separationKind: 'voluntary' }] },
 *   { id: 'cy', workerType: 'contractor', spells: [{ hireDate: '2024-06-01' }] },
 * ];
 * headcountOn(people, '2025-03-31') // => { day: '2025-03-31', headcount: 2, employees: 2, directTemporaries: 0, onLeave: 1, excluded: 1 }
 * headcountOn(people, '2025-04-01').headcount // => 1
 * headcountOn([], '2025-04-01').headcount // => 0
 * headcountOn(people, '2025-04-31') // => throws INVALID_DATE
 */
export function headcountOn(
  people: readonly RetentionPerson[],
  day: CalendarDay,
): HeadcountOnResult {
  const target = checkedDay(day, 'headcountOn', 'day');
  let employees = 0;
  let directTemporaries = 0;
  let leave = 0;
  let excluded = 0;
  for (const person of preparePeople(people, 'headcountOn')) {
    if (!person.spells.some((spell) => spell.hire <= target && target <= spell.term)) continue;
    if (!person.counted) {
      excluded += 1;
      continue;
    }
    if (person.workerType === 'employee') employees += 1;
    else directTemporaries += 1;
    if (onLeave(person, target, 'headcountOn')) leave += 1;
  }
  return {
    day,
    headcount: employees + directTemporaries,
    employees,
    directTemporaries,
    onLeave: leave,
    excluded,
  };
}
