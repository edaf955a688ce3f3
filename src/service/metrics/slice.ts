/**
 * What a metric reads: the organisation's columns (built once by `scorecards`) and one manager's
 * slice of them, with scratch that a metric borrows for the length of one `compute`. @internal
 */

import type { CalendarDay } from '../../core/calendarDay.js';
import type { Period } from '../../core/period.js';
import type { Groups, History } from '../../internal/organisationIndex.js';
import type { Reportable } from '../../privacy/reportable.js';
import type { EnpsResult } from '../../satisfaction/enps.js';
import type { Dataset } from '../../schemas/dataset.js';
import type { Frame, Meetings, Needs, Tickets } from '../serviceColumns.js';

/** The windows of the options, in days. */
export interface Windows {
  readonly coverage: number;
  readonly resolve: number;
  readonly followUp: number;
  readonly teamFollowUp: number;
  readonly occasions: number;
}

/** Everything about the organisation that metrics read, built once per call. @internal */
export interface Organisation {
  readonly dataset: Dataset;
  readonly history: History;
  /** Person ids by person number. */
  readonly ids: readonly string[];
  /** The number of a person id, or NONE. */
  readonly personOf: (id: string) => number;
  readonly scope: 'direct' | 'tree';
  readonly range: Period;
  readonly asOf: CalendarDay;
  readonly frame: Frame;
  readonly inPeriod: (day: CalendarDay) => boolean;
  readonly windows: Windows;
  /**
   * Per person of the organisation index: 1 when they count in headcount, 0 otherwise (people
   * numbered later, raisers of records who are in no history, are past its end: test `=== 0`).
   */
  readonly payroll: Uint8Array;
  /** Per person: the preferred days between one-to-ones, 0 without a preference. */
  readonly preference: Int32Array;
  readonly meetings: Meetings;
  readonly needs: Needs;
  readonly concerns: Tickets;
  readonly ideas: Tickets;
  /** Occasions in the period by person. */
  readonly occasions: Groups;
  /** Per occasion, in the grouped order of `occasions`: 1 when acknowledged. */
  readonly occasionAcknowledged: Uint8Array;
  /** The team eNPS cell of each manager (id), after complementary suppression across managers. */
  readonly teamEnps: ReadonlyMap<string, Reportable<EnpsResult>>;
  /**
   * Something derived from the organisation once, on first use (the same function gives the same
   * value for the rest of the call): how a metric keeps its own columns without touching others'.
   */
  readonly shared: <T>(build: (organisation: Organisation) => T) => T;
}

/** A set of people for one compute: marks that equal the set's stamp, so no clearing. */
export class PersonSet {
  readonly #marks: Int32Array;
  /** Marks start at 0: a stamp of -1 holds nobody until the first `clear`. */
  #stamp = -1;
  constructor(people: number) {
    this.#marks = new Int32Array(people);
  }
  /** Empties the set (a new stamp). */
  clear(stamp: number): this {
    this.#stamp = stamp;
    return this;
  }
  /** Adds a person; true the first time. */
  add(person: number): boolean {
    if (this.#marks[person] === this.#stamp) return false;
    this.#marks[person] = this.#stamp;
    return true;
  }
  has(person: number): boolean {
    return this.#marks[person] === this.#stamp;
  }
}

/** Survival samples: times and event flags (1 event, 0 censored). */
export interface Samples {
  readonly times: Float64Array;
  readonly events: Uint8Array;
}

/**
 * Work arrays reused across managers and metrics: a pool handed out afresh to each compute, so
 * no metric sees another's scratch and the order of the metrics does not matter.
 */
export class Scratch {
  readonly #people: number;
  readonly #sets: PersonSet[] = [];
  readonly #samples: { times: Float64Array; events: Uint8Array }[] = [];
  #nextSet = 0;
  #nextSamples = 0;
  #stamp = 0;
  constructor(people: number) {
    this.#people = people;
  }
  /** Starts a compute: every pooled array is free again. */
  release(): void {
    this.#nextSet = 0;
    this.#nextSamples = 0;
  }
  personSet(): PersonSet {
    let set = this.#sets[this.#nextSet];
    if (set === undefined) {
      set = new PersonSet(this.#people);
      this.#sets.push(set);
    }
    this.#nextSet++;
    return set.clear(++this.#stamp);
  }
  samples(capacity: number): Samples {
    let samples = this.#samples[this.#nextSamples];
    if (samples === undefined) {
      samples = { times: new Float64Array(0), events: new Uint8Array(0) };
      this.#samples.push(samples);
    }
    if (samples.times.length < capacity) {
      const size = Math.max(capacity, 2 * samples.times.length);
      samples.times = new Float64Array(size);
      samples.events = new Uint8Array(size);
    }
    this.#nextSamples++;
    return samples;
  }
}

/**
 * One manager's part of the organisation: their people on asOf and at the start of the period
 * (direct reports or the whole tree, per scope) and the managers whose records count (the
 * manager, and in tree scope every manager below), with per-manager memos and borrowed scratch.
 * @internal
 */
export class ManagerSlice {
  readonly organisation: Organisation;
  readonly manager: number;
  readonly managerId: string;
  /** People reporting on asOf. */
  readonly now: readonly number[];
  /** People reporting on the first day of the period. */
  readonly atStart: readonly number[];
  /** The managers whose records count: the manager, and in tree scope every manager below. */
  readonly scopeManagers: readonly number[];
  readonly #scratch: Scratch;
  readonly #nowSet: PersonSet;
  #memo: Map<unknown, unknown> | undefined;

  constructor(
    organisation: Organisation,
    manager: number,
    now: readonly number[],
    atStart: readonly number[],
    scratch: Scratch,
    nowSet: PersonSet,
  ) {
    this.organisation = organisation;
    this.manager = manager;
    this.managerId = organisation.ids[manager]!;
    this.now = now;
    this.atStart = atStart;
    const { history } = organisation;
    const isManager = (person: number) =>
      person < history.size && history.reportStart[person + 1]! > history.reportStart[person]!;
    this.scopeManagers = [manager, ...(organisation.scope === 'tree' ? now.filter(isManager) : [])];
    this.#scratch = scratch;
    this.#nowSet = nowSet;
    for (const person of now) nowSet.add(person);
  }

  /** Whether a person reports on asOf. */
  reportsNow(person: number): boolean {
    return this.#nowSet.has(person);
  }

  /** The number of records of the slice's managers in a grouping by manager (its start offsets). */
  recordsIn(groups: Int32Array): number {
    let count = 0;
    for (const g of this.scopeManagers) count += groups[g + 1]! - groups[g]!;
    return count;
  }

  /** An empty set of people, borrowed for the current compute. */
  personSet(): PersonSet {
    return this.#scratch.personSet();
  }

  /** Sample buffers of at least `capacity`, borrowed for the current compute. */
  samples(capacity: number): Samples {
    return this.#scratch.samples(capacity);
  }

  /**
   * Something derived from this manager's slice once, on first use by any metric (the same
   * function gives the same value for this manager). It must not return pooled scratch.
   */
  derived<T>(build: (slice: ManagerSlice) => T): T {
    this.#memo ??= new Map();
    if (this.#memo.has(build)) return this.#memo.get(build) as T;
    const value = build(this);
    this.#memo.set(build, value);
    return value;
  }
}
