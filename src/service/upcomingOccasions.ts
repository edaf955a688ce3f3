import {
  addCalendarDays,
  type CalendarDay,
  isCalendarDay,
  toCalendarDay,
} from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { epochDay } from '../internal/epochDay.js';
import { NONE, organisationIndex, reportsOn, treeOn } from '../internal/organisationIndex.js';
import type { Dataset } from '../schemas/dataset.js';

/** Options of {@link upcomingOccasions}. */
export interface UpcomingOccasionsOptions {
  /** The first day of the window (usually today, passed in). */
  readonly from: string;
  /** How many days ahead, `from` included. Default 14. */
  readonly days?: number;
  /** Only the people reporting to this manager on `from`. */
  readonly managerId?: string;
  /** With `managerId`: direct reports (default) or the whole reporting tree. */
  readonly scope?: 'direct' | 'tree';
}

/** One reminder. */
export interface OccasionReminder {
  readonly employeeId: string;
  readonly name: string;
  readonly date: CalendarDay;
  readonly kind: 'birthday' | 'work-anniversary' | 'custom';
  /** Whole years at the company, for anniversaries. */
  readonly years?: number;
  /** A milestone anniversary: 1 year, then every 5. */
  readonly milestone: boolean;
  /** What a manager app shows ("5 years at the company on 3 March"). */
  readonly reason: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "3 March". @internal */
export function spokenDay(day: CalendarDay): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The day of `monthDay` (MM-DD) in `year`; 29 February falls on 28 February in common years. @internal */
export function dayInYear(monthDay: string, year: number): CalendarDay {
  const text = `${String(year).padStart(4, '0')}-${monthDay}`;
  return monthDay === '02-29' && !isLeap(year) ? `${String(year).padStart(4, '0')}-02-28` : text;
}

/**
 * The reminder list a manager app shows: birthdays (only of people who opted in with
 * `shareBirthday`; a birth date without opt-in is never shown, and the age never is), work
 * anniversaries from the current employment spell (milestones: 1 year, then every 5), and custom
 * occasions recorded in the dataset, in the `days` days from `from`, sorted by date and name. A 29
 * February birthday or hire date falls on 28 February in common years. Sorted by date, then name,
 * then birthday before anniversary before custom occasion. People who are not
 * employed on `from`, or leave before the occasion, are not reminded.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for an invalid `from`.
 * @throws {InternalCustomerError} `INVALID_OPTION` for days that are not a whole number from 1 to 366.
 *
 * @example
 * const dataset = validateDataset({
 *   employees: [
 *     { id: 'a', name: 'Ada', birthDate: '1990-03-05', shareBirthday: true },
 *     { id: 'b', name: 'Ben', birthDate: '1991-03-04' },
 *   ],
 *   spells: [{ employeeId: 'a', hireDate: '2021-03-03' }, { employeeId: 'b', hireDate: '2025-03-06' }],
 * }).dataset;
 * upcomingOccasions(dataset, { from: '2026-03-01', days: 7 }).map((r) => r.reason) // => ['5 years at the company on 3 March', 'Birthday on 5 March', '1 year at the company on 6 March']
 */
export function upcomingOccasions(
  dataset: Dataset,
  options: UpcomingOccasionsOptions,
): OccasionReminder[] {
  const from = toCalendarDay(options.from);
  const days = options.days ?? 14;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `upcomingOccasions requires days as a whole number from 1 to 366, got ${String(days)}`,
    );
  }
  let people: string[] | undefined;
  if (options.managerId !== undefined) {
    const { people: index, history } = organisationIndex(dataset);
    const manager = index.find(options.managerId);
    const day = epochDay(from);
    const reports =
      manager === NONE
        ? []
        : options.scope === 'tree'
          ? treeOn(history, manager, day)
          : reportsOn(history, manager, day);
    people = reports.map((person) => index.ids[person]!);
  }
  return remindersFor(prepareOccasions(dataset, from), from, days, people);
}

/** What the reminders need, indexed once for many managers. @internal */
export interface PreparedOccasions {
  readonly employees: ReadonlyMap<string, Dataset['employees'][number]>;
  readonly currentSpell: ReadonlyMap<
    string,
    { readonly hireDate: string; readonly terminationDate?: string | undefined }
  >;
  readonly custom: ReadonlyMap<string, readonly Dataset['occasions'][number][]>;
}

/** Indexes people, their spell on `from` and their custom occasions. @internal */
export function prepareOccasions(dataset: Dataset, from: CalendarDay): PreparedOccasions {
  const currentSpell = new Map<
    string,
    { hireDate: string; terminationDate?: string | undefined }
  >();
  for (const spell of dataset.spells) {
    if (
      spell.hireDate <= from &&
      (spell.terminationDate === undefined || from <= spell.terminationDate)
    )
      currentSpell.set(spell.employeeId, spell);
  }
  const custom = new Map<string, Dataset['occasions'][number][]>();
  for (const occasion of dataset.occasions) {
    if (occasion.kind !== 'custom') continue;
    const list = custom.get(occasion.employeeId) ?? [];
    list.push(occasion);
    custom.set(occasion.employeeId, list);
  }
  return { employees: new Map(dataset.employees.map((e) => [e.id, e])), currentSpell, custom };
}

/** The reminders of `people` (everyone when undefined) in the window. @internal */
export function remindersFor(
  prepared: PreparedOccasions,
  from: CalendarDay,
  days: number,
  people: readonly string[] | undefined,
): OccasionReminder[] {
  const last = addCalendarDays(from, days - 1);
  const reminders: OccasionReminder[] = [];
  const within = (day: CalendarDay, person: string) => {
    const spell = prepared.currentSpell.get(person);
    return (
      day >= from &&
      day <= last &&
      spell !== undefined &&
      (spell.terminationDate === undefined || day <= spell.terminationDate)
    );
  };
  const occurrences = (monthDay: string) => {
    const first = Number(from.slice(0, 4));
    return [first, first + 1].map((year) => ({ year, day: dayInYear(monthDay, year) }));
  };
  // The month-days in the window (and 29 February where a common year's 28 February is in it):
  // people whose birthday and hire day fall on none of them are skipped before any date work.
  const monthDays = new Set<string>();
  for (let day = from; day <= last; day = addCalendarDays(day, 1)) {
    monthDays.add(day.slice(5));
    if (day.endsWith('-02-28') && !isLeap(Number(day.slice(0, 4)))) monthDays.add('02-29');
  }
  for (const id of people ?? prepared.employees.keys()) {
    const employee = prepared.employees.get(id);
    const spell = prepared.currentSpell.get(id);
    if (employee === undefined || spell === undefined) continue;
    if (
      employee.shareBirthday &&
      employee.birthDate !== undefined &&
      monthDays.has(employee.birthDate.slice(5)) &&
      employee.birthDate !== undefined &&
      isCalendarDay(employee.birthDate)
    ) {
      for (const { day } of occurrences(employee.birthDate.slice(5))) {
        if (within(day, id))
          reminders.push({
            employeeId: id,
            name: employee.name,
            date: day,
            kind: 'birthday',
            milestone: false,
            reason: `Birthday on ${spokenDay(day)}`,
          });
      }
    }
    for (const { year, day } of monthDays.has(spell.hireDate.slice(5))
      ? occurrences(spell.hireDate.slice(5))
      : []) {
      const years = year - Number(spell.hireDate.slice(0, 4));
      if (years < 1 || !within(day, id)) continue;
      reminders.push({
        employeeId: id,
        name: employee.name,
        date: day,
        kind: 'work-anniversary',
        years,
        milestone: years === 1 || years % 5 === 0,
        reason: `${years} year${years === 1 ? '' : 's'} at the company on ${spokenDay(day)}`,
      });
    }
    for (const occasion of prepared.custom.get(id) ?? []) {
      if (!within(occasion.date, id)) continue;
      reminders.push({
        employeeId: id,
        name: employee.name,
        date: occasion.date,
        kind: 'custom',
        milestone: false,
        reason: `${occasion.label ?? 'Occasion'} on ${spokenDay(occasion.date)}`,
      });
    }
  }
  return reminders.sort(compareReminders);
}

const KIND_ORDER = { birthday: 0, 'work-anniversary': 1, custom: 2 } as const;

/** The order of reminders: by date, then name, then birthday, anniversary, custom. @internal */
export function compareReminders(a: OccasionReminder, b: OccasionReminder): number {
  return a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.name.localeCompare(b.name) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}
