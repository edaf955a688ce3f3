/**
 * The records behind the scorecards as columns: people as dense numbers, the assignment and
 * employment history as offset tables, and one-to-ones, concerns, ideas, needs and occasions as
 * typed arrays grouped by manager (or person), each derived in one pass over its collection.
 *
 * Why by hand: at 100 000 people and 2 million records, the object-graph version (group records
 * by manager into arrays, then filter and `find` per manager, strings compared and hashed at every
 * step) spent its time touching scattered objects and hashing strings (6 s). Here every record
 * object is read once, what the metrics need from it is computed then (day numbers, survival
 * times, flags), and the per-manager work runs over contiguous numbers. No library does this
 * shape of work: it is a columnar group-by with domain rules. @internal
 */

import { epochDay, instantMs } from '../internal/epochDay.js';
import type { Dataset } from '../schemas/dataset.js';

/** No person, no day. */
export const NONE = -1;
/** The day number of an open end (no `validTo`, no `terminationDate`). */
export const OPEN_END = 2_147_483_647;
const DAY = 86_400_000;
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
 * A stable grouping by a small integer key (0 to size - 1), as a counting sort: the items of
 * group `g` go to positions `start[g]` to `start[g + 1] - 1`, in input order, and `position[i]`
 * is where item `i` goes. O(items + size). Written by hand: grouping millions of records by
 * manager is the core of the scorecards, and a comparison sort or a Map of arrays is several
 * times slower. @internal
 */
export interface Groups {
  readonly start: Int32Array;
  readonly position: Int32Array;
}

/** Groups items by key (see {@link Groups}). @internal */
export function groupByKey(keys: Int32Array, count: number, size: number): Groups {
  const start = new Int32Array(size + 1);
  for (let i = 0; i < count; i++) start[keys[i]! + 1]!++;
  for (let g = 0; g < size; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, size);
  const position = new Int32Array(count);
  for (let i = 0; i < count; i++) position[i] = next[keys[i]!]!++;
  return { start, position };
}

/**
 * A column in grouped order: one sequential read, writes to each item's position (random writes
 * cost less than random reads). @internal
 */
export function scatter<T extends Int32Array | Float64Array | Uint8Array>(
  column: T,
  groups: Groups,
): T {
  const { position } = groups;
  const out = new (column.constructor as new (length: number) => T)(position.length);
  for (let i = 0; i < position.length; i++) out[position[i]!] = column[i]!;
  return out;
}

/** People as dense numbers, in order of first appearance (employees first). */
export class People {
  readonly ids: string[] = [];
  readonly #index = new Map<string, number>();
  /** The number of a person, given one on first sight. */
  of(id: string): number {
    let n = this.#index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.#index.set(id, n);
    }
    return n;
  }
  /** The number of a person, or NONE. */
  find(id: string): number {
    return this.#index.get(id) ?? NONE;
  }
}

/** Assignment history and employment spells, by person and by manager. */
export interface History {
  /** Lines by employee, sorted by start day (stable): line `k` of all is at `lines[3k]`. */
  readonly lineStart: Int32Array;
  /** Per line: first day, last day (OPEN_END), manager (NONE). Packed: one cache line per lookup. */
  readonly lines: Int32Array;
  /** Assignments by manager, in input order. */
  readonly reportStart: Int32Array;
  readonly reportEmployee: Int32Array;
  readonly reportFrom: Int32Array;
  readonly reportTo: Int32Array;
  /** Spells by employee, in input order. */
  readonly spellStart: Int32Array;
  readonly spellHire: Int32Array;
  readonly spellEnd: Int32Array;
  readonly spellRegretted: Uint8Array;
  /** People numbered when the history was built (later numbers have no history). */
  readonly size: number;
}

/** Indexes assignments and spells by person number. O(records + people). */
export function buildHistory(
  dataset: Pick<Dataset, 'assignments' | 'spells'>,
  people: People,
): History {
  const { assignments, spells } = dataset;
  const n = assignments.length;
  const employee = new Int32Array(n);
  const manager = new Int32Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = assignments[i]!;
    employee[i] = people.of(a.employeeId);
    manager[i] = a.managerId === undefined ? NONE : people.of(a.managerId);
    from[i] = epochDay(a.validFrom);
    to[i] = a.validTo === undefined ? OPEN_END : epochDay(a.validTo);
  }
  const spellEmployee = new Int32Array(spells.length);
  for (let i = 0; i < spells.length; i++) spellEmployee[i] = people.of(spells[i]!.employeeId);
  const size = people.ids.length;

  const byEmployee = groupByKey(employee, n, size);
  const lines = packLines(
    scatter(from, byEmployee),
    scatter(to, byEmployee),
    scatter(manager, byEmployee),
  );
  // Stable insertion sort of each person's lines by start day (a handful each).
  for (let e = 0; e < size; e++) {
    for (let p = byEmployee.start[e]! + 1; p < byEmployee.start[e + 1]!; p++) {
      const line = lines.slice(3 * p, 3 * p + 3);
      let q = p - 1;
      for (; q >= byEmployee.start[e]! && lines[3 * q]! > line[0]!; q--)
        lines.copyWithin(3 * q + 3, 3 * q, 3 * q + 3);
      lines.set(line, 3 * q + 3);
    }
  }
  // Assignments with a manager, grouped by manager.
  let reports = 0;
  for (let i = 0; i < n; i++) if (manager[i] !== NONE) reports++;
  const managed = { manager: new Int32Array(reports), employee: new Int32Array(reports) };
  const managedFrom = new Int32Array(reports);
  const managedTo = new Int32Array(reports);
  for (let i = 0, k = 0; i < n; i++) {
    if (manager[i] === NONE) continue;
    managed.manager[k] = manager[i]!;
    managed.employee[k] = employee[i]!;
    managedFrom[k] = from[i]!;
    managedTo[k++] = to[i]!;
  }
  const byManager = groupByKey(managed.manager, reports, size);

  const bySpell = groupByKey(spellEmployee, spells.length, size);
  const spellHire = new Int32Array(spells.length);
  const spellEnd = new Int32Array(spells.length);
  const spellRegretted = new Uint8Array(spells.length);
  for (let i = 0; i < spells.length; i++) {
    const spell = spells[i]!;
    const p = bySpell.position[i]!;
    spellHire[p] = epochDay(spell.hireDate);
    spellEnd[p] = spell.terminationDate === undefined ? OPEN_END : epochDay(spell.terminationDate);
    spellRegretted[p] = spell.regretted === true ? 1 : 0;
  }
  return {
    lineStart: byEmployee.start,
    lines,
    reportStart: byManager.start,
    reportEmployee: scatter(managed.employee, byManager),
    reportFrom: scatter(managedFrom, byManager),
    reportTo: scatter(managedTo, byManager),
    spellStart: bySpell.start,
    spellHire,
    spellEnd,
    spellRegretted,
    size,
  };
}

/** Lines packed as (from, to, manager) triples. */
function packLines(from: Int32Array, to: Int32Array, manager: Int32Array): Int32Array {
  const lines = new Int32Array(3 * from.length);
  for (let p = 0; p < from.length; p++) {
    lines[3 * p] = from[p]!;
    lines[3 * p + 1] = to[p]!;
    lines[3 * p + 2] = manager[p]!;
  }
  return lines;
}

/** The manager of a person on a day (a person number), or NONE. O(log lines). */
export function managerOn(history: History, person: number, day: number): number {
  if (person < 0 || person >= history.size) return NONE;
  const first = history.lineStart[person]!;
  let high = history.lineStart[person + 1]! - 1;
  if (high < first) return NONE;
  const lines = history.lines;
  // The last line starting on or before the day.
  let low = first;
  let found = NONE;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (lines[3 * middle]! <= day) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found !== NONE && day <= lines[3 * found + 1]! ? lines[3 * found + 2]! : NONE;
}

/** The position of a person's first spell that covers a day, or NONE. */
export function spellOn(history: History, person: number, day: number): number {
  if (person >= history.size) return NONE;
  for (let p = history.spellStart[person]!; p < history.spellStart[person + 1]!; p++)
    if (history.spellHire[p]! <= day && day <= history.spellEnd[p]!) return p;
  return NONE;
}

/** Direct reports of a manager on a day who were employed that day, in assignment order. */
export function reportsOn(history: History, manager: number, day: number): number[] {
  const out: number[] = [];
  if (manager === NONE || manager >= history.size) return out;
  for (let p = history.reportStart[manager]!; p < history.reportStart[manager + 1]!; p++) {
    if (history.reportFrom[p]! <= day && day <= history.reportTo[p]!) {
      const person = history.reportEmployee[p]!;
      if (spellOn(history, person, day) !== NONE) out.push(person);
    }
  }
  return out;
}

/** Everyone below a manager on a day (reports, their reports ...), employed that day. */
export function treeOn(history: History, manager: number, day: number): number[] {
  const seen = new Set<number>([manager]);
  const out: number[] = [];
  const stack = [manager];
  while (stack.length > 0) {
    for (const report of reportsOn(history, stack.pop()!, day)) {
      if (seen.has(report)) continue;
      seen.add(report);
      out.push(report);
      stack.push(report);
    }
  }
  return out;
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
  const manager = new Int32Array(n);
  const employee = new Int32Array(n);
  const day = new Int32Array(n);
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
    const person = people.find(meeting.employeeId);
    const date = epochDay(meeting.date);
    // Compared as text: one map lookup per meeting instead of two.
    const boss = managerOn(history, person, date);
    if (boss === NONE || people.ids[boss] !== meeting.managerId) {
      invalid(meeting);
      continue;
    }
    if (date > frame.asOf) continue;
    const inPeriod = date >= frame.start && date <= frame.last;
    const inWindow = date >= frame.coverageStart;
    if (date < frame.start && !inWindow) continue;
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
  const employee = new Int32Array(n);
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
    const person = people.of(record.employeeId);
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
