/**
 * The organisation index (issue 17, "one home per concept"): people as dense numbers, their
 * employment spells and reporting lines as offset tables over typed arrays, who counts in
 * headcount, and the walks over them (a person's manager on a day, a manager's reports or whole
 * tree on a day), built once from a `Dataset` in O(records + people). The columnar scorecards,
 * the occasion reminders and the organisation report read the organisation through it instead of
 * each building maps of their own.
 *
 * Why by hand: at 100 000 people and 2 million records, maps of arrays keyed by id strings spend
 * their time touching scattered objects and hashing strings; here each record is read once and
 * the walks run over contiguous numbers. @internal
 */

import type { Dataset } from '../schemas/dataset.js';
import { countsInHeadcount } from '../schemas/vocabulary.js';
import { epochDay } from './epochDay.js';

/** No person, no day. @internal */
export const NONE = -1;
/** The day number of an open end (no `validTo`, no `terminationDate`). @internal */
export const OPEN_END = 2_147_483_647;

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
 * The person number of each record's id (`NONE` for an id that is nobody's), in one pass over
 * the records: a pass of its own, because a map lookup per record is most of the cost of reading
 * millions of records, and V8 runs it faster alone than inside a loop that also parses days.
 * O(records). @internal
 */
export function personNumbers<K extends string>(
  records: readonly { readonly [key in K]: string }[],
  key: K,
  people: People,
): Int32Array {
  const out = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) out[i] = people.find(records[i]![key]);
  return out;
}

/** The organisation of a dataset as numbers (see the file's comment). @internal */
export interface OrganisationIndex {
  /** Employees first, in the order of `employees`, then anyone else the history names. */
  readonly people: People;
  readonly history: History;
  /** Per person: 1 when they count in headcount (`countsInHeadcount`), 0 otherwise. */
  readonly payroll: Uint8Array;
}

/**
 * Indexes the employees, spells and assignments of a dataset. People who are no employee but are
 * named by an assignment (a manager outside the records) get numbers too; they count in headcount
 * by default, as a missing worker type does. O(employees + spells + assignments). @internal
 */
export function organisationIndex(
  dataset: Pick<Dataset, 'employees' | 'assignments' | 'spells'>,
): OrganisationIndex {
  const people = new People();
  for (const employee of dataset.employees) people.of(employee.id);
  const history = buildHistory(dataset, people);
  const payroll = new Uint8Array(people.ids.length).fill(1);
  for (const employee of dataset.employees)
    payroll[people.find(employee.id)] = countsInHeadcount(employee.workerType) ? 1 : 0;
  return { people, history, payroll };
}
