import type { CalendarDay } from '../core/calendarDay.js';
import type { Employee, EmploymentSpell, SeparationKind, WorkerType } from '../schemas/employee.js';
import type { Assignment, Leave } from '../schemas/organisation.js';

/**
 * One employment spell of a {@link RetentionPerson}: `terminationDate` is the last day employed
 * (DESIGN.md), absent while employed. `separationKind` splits separations as BLS JOLTS does
 * (quits, layoffs and discharges, other); `regretted` says whether the organisation wished to keep
 * the person. A rehire is a second spell.
 */
export interface RetentionSpell {
  readonly hireDate: CalendarDay;
  readonly terminationDate?: CalendarDay | undefined;
  readonly separationKind?: SeparationKind | undefined;
  readonly regretted?: boolean | undefined;
}

/** A stretch of team membership, both days inclusive (`validTo` absent while current). */
export interface RetentionAssignment {
  readonly teamId: string;
  readonly validFrom: CalendarDay;
  readonly validTo?: CalendarDay | undefined;
  readonly managerId?: string | undefined;
}

/** A leave of absence, both days inclusive (`endDate` absent while ongoing). */
export interface RetentionLeave {
  readonly startDate: CalendarDay;
  readonly endDate?: CalendarDay | undefined;
  readonly kind?: Leave['kind'] | undefined;
}

/**
 * The input of every retention function: one record per person with everything about them that
 * headcount, turnover and tenure need, so that no function has to join collections.
 *
 * - `workerType` (default `employee`): only employees and direct temporaries count in headcount,
 *   turnover and tenure (SHRM); contractors and agency staff are carried but left out.
 * - `spells`: the employment spells, which must not overlap. Each spell is a hire and, when it has
 *   a termination date, a separation; a rehire is a second spell.
 * - `assignments`: the team history, needed only for breakdowns by team (a change of team is a
 *   transfer, never a separation of the company).
 * - `leaves`: counted in headcount like any other day employed; reported by `headcountOn`.
 * - `attributes`: free segmentation attributes (role, location ...) for `tenureSurvival` strata.
 *   Protected characteristics are deliberately not part of this type (DESIGN.md).
 */
export interface RetentionPerson {
  readonly id: string;
  readonly workerType?: WorkerType | undefined;
  readonly spells: readonly RetentionSpell[];
  readonly assignments?: readonly RetentionAssignment[] | undefined;
  readonly leaves?: readonly RetentionLeave[] | undefined;
  readonly attributes?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** The collections of a `Dataset` that {@link retentionPeople} reads (a whole `Dataset` fits). */
export interface RetentionPeopleInput {
  readonly employees: readonly Pick<Employee, 'id' | 'workerType' | 'attributes'>[];
  readonly spells: readonly EmploymentSpell[];
  readonly assignments?: readonly Assignment[] | undefined;
  readonly leaves?: readonly Leave[] | undefined;
}

/**
 * Builds the {@link RetentionPerson} records of a validated `Dataset`: one per employee, in the
 * order of `employees`, with their spells, assignments and leaves each sorted by start day.
 *
 * Nothing is lost that a retention function reads: worker type, every spell field, the team
 * history and leaves, and the free `attributes`. Protected attributes are left out on purpose
 * (they are never used by default, DESIGN.md); join them yourself if a breakdown must use them.
 * Records that refer to no employee are left out: `validateDataset` reports them as issues, so
 * feed it a validated dataset.
 *
 * Pure; O(records + people x log(records per person)).
 *
 * @example
 * const people = retentionPeople({
 *   employees: [{ id: 'ada', workerType: 'employee', attributes: { role: 'engineer' } }],
 *   spells: [
 *     { employeeId: 'ada', hireDate: '2025-02-03' },
 *     { employeeId: 'ada', hireDate: '2021-05-10', terminationDate: '2023-06-30', separationKind: 'voluntary', regretted: true },
 *   ],
 *   assignments: [{ employeeId: 'ada', teamId: 'platform', validFrom: '2025-02-03' }],
 * });
 * people.length // => 1
 * people[0]?.spells.map((spell) => spell.hireDate) // => ['2021-05-10', '2025-02-03']
 * people[0]?.assignments // => [{ teamId: 'platform', validFrom: '2025-02-03' }]
 * people[0]?.attributes // => { role: 'engineer' }
 */
export function retentionPeople(dataset: RetentionPeopleInput): RetentionPerson[] {
  const spells = new Map<string, RetentionSpell[]>();
  const assignments = new Map<string, RetentionAssignment[]>();
  const leaves = new Map<string, RetentionLeave[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else list.push(value);
  };
  for (const spell of dataset.spells) {
    push(spells, spell.employeeId, {
      hireDate: spell.hireDate,
      ...(spell.terminationDate === undefined ? {} : { terminationDate: spell.terminationDate }),
      ...(spell.separationKind === undefined ? {} : { separationKind: spell.separationKind }),
      ...(spell.regretted === undefined ? {} : { regretted: spell.regretted }),
    });
  }
  for (const assignment of dataset.assignments ?? []) {
    push(assignments, assignment.employeeId, {
      teamId: assignment.teamId,
      validFrom: assignment.validFrom,
      ...(assignment.validTo === undefined ? {} : { validTo: assignment.validTo }),
      ...(assignment.managerId === undefined ? {} : { managerId: assignment.managerId }),
    });
  }
  for (const leave of dataset.leaves ?? []) {
    push(leaves, leave.employeeId, {
      startDate: leave.startDate,
      ...(leave.endDate === undefined ? {} : { endDate: leave.endDate }),
      kind: leave.kind,
    });
  }
  const byDay = <T>(list: T[] | undefined, day: (item: T) => string): T[] =>
    (list ?? []).sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0));
  return dataset.employees.map((employee) => {
    const teamHistory = byDay(assignments.get(employee.id), (a) => a.validFrom);
    const leaveHistory = byDay(leaves.get(employee.id), (l) => l.startDate);
    const attributes = employee.attributes ?? {};
    return {
      id: employee.id,
      workerType: employee.workerType ?? 'employee',
      spells: byDay(spells.get(employee.id), (s) => s.hireDate),
      ...(teamHistory.length > 0 ? { assignments: teamHistory } : {}),
      ...(leaveHistory.length > 0 ? { leaves: leaveHistory } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
    };
  });
}
