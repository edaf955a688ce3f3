/**
 * The records behind the scorecards as columns: one-to-ones, concerns, ideas and needs as typed
 * arrays grouped by manager, each derived in one reading of its collection, over the people and
 * reporting lines of the organisation index (`internal/organisationIndex.ts`).
 *
 * Why by hand: at 100 000 people and 2 million records, the object-graph version (group records
 * by manager into arrays, then filter and `find` per manager, strings compared and hashed at every
 * step) spent its time touching scattered objects and hashing strings (6 s). Here every record
 * object is read once, what the metrics need from it is computed then (day numbers, survival
 * times, flags), and the per-manager work runs over contiguous numbers. No library does this
 * shape of work: it is a columnar group-by with domain rules. @internal
 */

import { MS_PER_DAY as DAY, epochDay, instantMs } from '../internal/epochDay.js';
import {
  groupByKey,
  type History,
  managerOn,
  NONE,
  OPEN_END,
  type People,
  personNumbers,
  scatter,
} from '../internal/organisationIndex.js';
import type { Dataset } from '../schemas/dataset.js';

/** The kinds of needs, in the order of `Needs.kind` (and of the scorecard's detail). */
const NEED_KINDS = ['development', 'workload', 'tools', 'wellbeing', 'other'] as const;

/** The days that frame a scorecard, as day numbers (see `epochDay`). */
export interface Frame {
  readonly asOf: number;
  /** The end of asOf in milliseconds (23:59:59.999 UTC). */
  readonly asOfEnd: number;
  readonly start: number;
  /** The last day counted: the day before the period's end, or asOf if earlier. */
  readonly last: number;
  readonly coverageStart: number;
  /** Days allowed to resolve a concern. */
  readonly resolveWithin: number;
}

/**
 * One-to-ones with the person's manager on that day, from the start of the period (or of the
 * coverage window, if earlier) up to asOf, grouped by manager.
 */
export interface Meetings {
  readonly groups: Int32Array;
  readonly employee: Int32Array;
  readonly day: Int32Array;
  /** Bit 1: in the period; 2: summary written; 4: summary confirmed; 8: in the coverage window. */
  readonly flags: Uint8Array;
}
export const IN_PERIOD = 1;
export const WRITTEN = 2;
export const CONFIRMED = 4;
export const IN_WINDOW = 8;

/** Needs raised in the period's one-to-ones (up to asOf), grouped by manager. */
export interface Needs {
  readonly groups: Int32Array;
  readonly employee: Int32Array;
  readonly day: Int32Array;
  /** Index into the need kinds (development, workload, tools, wellbeing, other). */
  readonly kind: Uint8Array;
  /** The day it was addressed, OPEN_END when not (yet). */
  readonly addressed: Int32Array;
}

/**
 * Reads the one-to-ones once: keeps those with the person's manager on that day, from the start
 * of the period or of the coverage window up to asOf (after the period's end too, for metrics that
 * follow people up to asOf), and reports the others through `invalid`.
 */
export function buildMeetings(
  oneOnOnes: Dataset['oneOnOnes'],
  history: History,
  people: People,
  frame: Frame,
  invalid: (meeting: Dataset['oneOnOnes'][number]) => void,
): { meetings: Meetings; needs: Needs } {
  const n = oneOnOnes.length;
  // Ids to numbers and days to day numbers in passes of their own: V8 runs the three loops
  // about twice as fast as one loop doing all (measured at 1.6 million one-to-ones).
  const employee = personNumbers(oneOnOnes, 'employeeId', people);
  const day = new Int32Array(n);
  for (let i = 0; i < n; i++) day[i] = epochDay(oneOnOnes[i]!.date);
  const manager = new Int32Array(n);
  const flags = new Uint8Array(n);
  const need = {
    manager: [] as number[],
    employee: [] as number[],
    day: [] as number[],
    kind: [] as number[],
    addressed: [] as number[],
  };
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const meeting = oneOnOnes[i]!;
    const person = employee[i]!;
    const date = day[i]!;
    // Compared as text: ids are the same strings more often than not, so no map lookup.
    const boss = managerOn(history, person, date);
    if (boss === NONE || people.ids[boss] !== meeting.managerId) {
      invalid(meeting);
      continue;
    }
    if (date > frame.asOf) continue;
    const inPeriod = date >= frame.start && date <= frame.last;
    const inWindow = date >= frame.coverageStart;
    if (date < frame.start && !inWindow) continue;
    // Kept records move down in place (kept <= i).
    manager[kept] = boss;
    employee[kept] = person;
    day[kept] = date;
    flags[kept] =
      (inPeriod ? IN_PERIOD : 0) |
      (meeting.summaryWritten ? WRITTEN : 0) |
      (meeting.summaryConfirmed ? CONFIRMED : 0) |
      (inWindow ? IN_WINDOW : 0);
    kept++;
    if (inPeriod && meeting.needs.length > 0) {
      for (const raised of meeting.needs) {
        need.manager.push(boss);
        need.employee.push(person);
        need.day.push(date);
        need.kind.push(NEED_KINDS.indexOf(raised.kind));
        need.addressed.push(
          raised.addressedOn === undefined ? OPEN_END : epochDay(raised.addressedOn),
        );
      }
    }
  }
  const size = people.ids.length;
  const byManager = groupByKey(manager, kept, size);
  const needManager = Int32Array.from(need.manager);
  const needGroups = groupByKey(needManager, needManager.length, size);
  return {
    meetings: {
      groups: byManager.start,
      employee: scatter(employee.subarray(0, kept), byManager),
      day: scatter(day.subarray(0, kept), byManager),
      flags: scatter(flags.subarray(0, kept), byManager),
    },
    needs: {
      groups: needGroups.start,
      employee: scatter(Int32Array.from(need.employee), needGroups),
      day: scatter(Int32Array.from(need.day), needGroups),
      kind: scatter(Uint8Array.from(need.kind), needGroups),
      addressed: scatter(Int32Array.from(need.addressed), needGroups),
    },
  };
}

/** Concerns or ideas raised up to asOf, grouped by manager, with what each metric needs. */
export interface Tickets {
  readonly groups: Int32Array;
  readonly employee: Int32Array;
  readonly raisedDay: Int32Array;
  /** Days to the first response (concerns: acknowledgement), or to asOf when none by then. */
  readonly responseTime: Float64Array;
  /** Concerns: days to resolved or declined (by asOf), or to asOf. Ideas: unused. */
  readonly closeTime: Float64Array;
  /** The day of the first `resolved` status (concerns), NONE without one. */
  readonly resolvedDay: Int32Array;
  /** The concern's resolution rating, 0 without one. */
  readonly rating: Uint8Array;
  /** Bits: see RESPONDED, CLOSED, FINISHED, ON_TIME, ADOPTED. */
  readonly flags: Uint8Array;
}
/** A first response (acknowledgement) by asOf. */
export const RESPONDED = 1;
/** Concerns: resolved or declined by asOf; ideas: adopted or declined by asOf (decided). */
export const CLOSED = 2;
/** A final status after the first one, by asOf (the event of the time to resolve). */
export const FINISHED = 16;
/** Concerns: resolved within `resolveWithin` days of being raised. */
export const ON_TIME = 4;
/** Ideas: the decision by asOf was to adopt. */
export const ADOPTED = 8;

/**
 * Reads concerns or ideas once: each record's raised day, survival times (censored at the end of
 * asOf) and flags, for records raised up to asOf.
 */
export function buildTickets(
  records: Dataset['concerns'] | Dataset['ideas'],
  kind: 'concern' | 'idea',
  history: History,
  people: People,
  frame: Frame,
): Tickets {
  const n = records.length;
  const manager = new Int32Array(n);
  // Ids to numbers in a pass of their own, as in buildMeetings (a raiser who is nobody's number
  // yet gets one).
  const employee = new Int32Array(n);
  for (let i = 0; i < n; i++) employee[i] = people.of(records[i]!.employeeId);
  const raisedDay = new Int32Array(n);
  const responseTime = new Float64Array(n);
  const closeTime = new Float64Array(n);
  const resolvedDay = new Int32Array(n);
  const rating = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const end = frame.asOfEnd;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const record = records[i]!;
    const statuses = record.statusHistory;
    const raisedAt = instantMs(statuses[0]!.at);
    const raised = Math.floor(raisedAt / DAY);
    if (raised > frame.asOf) continue;
    let responded = Number.NaN;
    let closed = Number.NaN;
    let decided = false;
    let adopted = false;
    let resolved = Number.NaN;
    for (let k = 0; k < statuses.length; k++) {
      const entry = statuses[k]!;
      const status = entry.status;
      const at = instantMs(entry.at);
      const final =
        status === 'resolved' || status === 'declined' || (kind === 'idea' && status === 'adopted');
      if (status === 'resolved' && Number.isNaN(resolved)) resolved = at;
      if (at > end) continue;
      if (k > 0 && status !== 'raised' && Number.isNaN(responded)) responded = at;
      if (final && k > 0 && Number.isNaN(closed)) closed = at;
      if (final && !decided) {
        decided = true;
        adopted = status === 'adopted';
      }
    }
    const person = employee[i]!;
    // Usually the person's line manager that day: then a text comparison saves a map lookup.
    const line = managerOn(history, person, raised);
    manager[kept] =
      line !== NONE && people.ids[line] === record.managerId ? line : people.of(record.managerId);
    employee[kept] = person;
    raisedDay[kept] = raised;
    responseTime[kept] = Math.max(
      0,
      ((Number.isNaN(responded) ? end : responded) - raisedAt) / DAY,
    );
    closeTime[kept] = Math.max(0, ((Number.isNaN(closed) ? end : closed) - raisedAt) / DAY);
    resolvedDay[kept] = Number.isNaN(resolved) ? NONE : Math.floor(resolved / DAY);
    rating[kept] = 'resolutionRating' in record ? (record.resolutionRating ?? 0) : 0;
    flags[kept] =
      (Number.isNaN(responded) ? 0 : RESPONDED) |
      (decided ? CLOSED : 0) |
      (Number.isNaN(closed) ? 0 : FINISHED) |
      (!Number.isNaN(resolved) && (resolved - raisedAt) / DAY <= frame.resolveWithin
        ? ON_TIME
        : 0) |
      (adopted ? ADOPTED : 0);
    kept++;
  }
  const byManager = groupByKey(manager, kept, people.ids.length);
  return {
    groups: byManager.start,
    employee: scatter(employee.subarray(0, kept), byManager),
    raisedDay: scatter(raisedDay.subarray(0, kept), byManager),
    responseTime: scatter(responseTime.subarray(0, kept), byManager),
    closeTime: scatter(closeTime.subarray(0, kept), byManager),
    resolvedDay: scatter(resolvedDay.subarray(0, kept), byManager),
    rating: scatter(rating.subarray(0, kept), byManager),
    flags: scatter(flags.subarray(0, kept), byManager),
  };
}
