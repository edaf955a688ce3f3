import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { describeValue } from '../internal/describeValue.js';
import type { SeparationKind } from '../schemas/employee.js';
import { SEPARATION_KINDS } from '../schemas/vocabulary.js';
import { checkedDay, dayString } from './internal/days.js';
import {
  type CheckedPerson,
  type CheckedSpell,
  checkedPeople,
  type PersonPeriodInput,
} from './personPeriodInput.js';

export type { PersonPeriodInput } from './personPeriodInput.js';

/** The time axis of person-period rows: tenure (days since hire) or calendar days since an origin. */
export type PersonPeriodAxis = 'tenure' | 'calendar';

/** Options of {@link personPeriods}. */
export interface PersonPeriodsOptions {
  /** The last day observed: spells still open then are censored at its end. Required. */
  readonly asOf: CalendarDay;
  /**
   * The first day of the records: a spell hired before it enters the risk sets at its tenure on
   * that day (left truncation), and a spell that ended before it is left out (with a warning).
   */
  readonly recordsStart?: CalendarDay;
  /** `'tenure'` (default): time is days since the spell's hire; `'calendar'`: days since `origin`. */
  readonly axis?: PersonPeriodAxis;
  /**
   * Day 0 of the calendar axis: day d is the interval (d - origin, d - origin + 1]. Default
   * `recordsStart`, else the earliest hire. Only with `axis: 'calendar'`.
   */
  readonly origin?: CalendarDay;
  /** The exit kinds that count as the event (default all); other exits are censored. */
  readonly exits?: readonly SeparationKind[];
}

/**
 * The rows, column by column (row i of every column is one `(start, stop]` range of one spell).
 * Covariates are those in force on every day of the range.
 */
export interface PersonPeriodRows {
  readonly id: readonly string[];
  /** The spell of the person (0 for the first hire, 1 for a rehire ...). */
  readonly spell: Int32Array;
  readonly start: Float64Array;
  readonly stop: Float64Array;
  /** 1 on the last row of a spell that ended by an exit of a kind in `exits`, else 0. */
  readonly event: Uint8Array;
  /** The kind of exit on the last row of a spell that ended by `asOf` (whatever `exits`), else null. */
  readonly exitKind: readonly (SeparationKind | null)[];
  /** The team of the assignment in force; null on days no assignment covers. */
  readonly team: readonly (string | null)[];
  /** The manager of the assignment in force; null without one (or at the top). */
  readonly manager: readonly (string | null)[];
  /** Changes of manager since the spell's hire (consecutive assignments with different managers). */
  readonly managerChanges: Float64Array;
  /** Promotions since the spell's hire. */
  readonly promotions: Float64Array;
  /** Pay changes since the spell's hire. */
  readonly payChanges: Float64Array;
  /** The percent of the latest pay change since hire; null when none or not recorded. */
  readonly lastPayChangePercent: readonly (number | null)[];
  /** The latest identified eNPS answer since hire (0-10); null before the first. */
  readonly enps: readonly (number | null)[];
}

/** The result of {@link personPeriods}. */
export interface PersonPeriodsResult {
  readonly axis: PersonPeriodAxis;
  /** Day 0 of the calendar axis; null on the tenure axis. */
  readonly origin: CalendarDay | null;
  readonly rows: PersonPeriodRows;
  /** People and spells with at least one row. */
  readonly people: number;
  readonly spells: number;
  readonly events: number;
  /** Days observed in all: the sum of stop - start. */
  readonly personTime: number;
  readonly warnings: readonly string[];
}

const PERSON_PERIODS_OPTIONS = {
  asOf: true,
  recordsStart: true,
  axis: true,
  origin: true,
  exits: true,
} satisfies OptionKeys<PersonPeriodsOptions>;

/** The covariates in force on a day; rows with equal states side by side are merged. @internal */
interface State {
  team: string | null;
  manager: string | null;
  managerChanges: number;
  promotions: number;
  payChanges: number;
  lastPay: number | null;
  enps: number | null;
}

/** A column of numbers that grows by doubling (no boxed numbers, no copy per push). @internal */
class NumberColumn {
  values = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  done(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/** Growing columns. @internal */
interface Columns {
  id: string[];
  spell: NumberColumn;
  start: NumberColumn;
  stop: NumberColumn;
  event: NumberColumn;
  exitKind: (SeparationKind | null)[];
  team: (string | null)[];
  manager: (string | null)[];
  managerChanges: NumberColumn;
  promotions: NumberColumn;
  payChanges: NumberColumn;
  lastPay: (number | null)[];
  enps: (number | null)[];
}

/**
 * Builds counting-process rows `(start, stop]` from employment spells, assignments, career
 * events and identified eNPS answers: one row per range of days over which no covariate changes,
 * for a Cox model with time-varying covariates (`fitCoxModel(rows.stop, rows.event, { ... },
 * { entry: rows.start })`). The same rows as R survival's `tmerge` with `tdc` and `cumtdc`
 * (Therneau, Crowson & Atkinson, "Using time dependent covariates and time dependent
 * coefficients in the Cox model", https://cran.r-project.org/package=survival vignette
 * `timedep`), with adjacent rows of equal covariates merged.
 *
 * Days: day d of a spell is the interval (d - hire, d - hire + 1] on the tenure axis (the hire
 * day is (0, 1], so stop is the tenure in days as `tenureSurvival` counts it); a change dated d
 * (a new assignment, a promotion, an answer submitted that UTC day) is in force from day d on.
 * Each spell is observed from its hire or `recordsStart`, whichever is later (its first start is
 * then its entry time: left truncation), to its termination or `asOf`, whichever is earlier;
 * the event flag is set on its last row only, when it ended by an exit in `exits`. A rehire is
 * a new spell with its own tenure clock and counts; cluster on `id` for robust errors. Only
 * answers to eNPS questions of `identified` surveys are read (DESIGN.md, confidentiality).
 *
 * Use it before `fitCoxModel` when the factors of interest change over a spell; for a covariate
 * fixed at hire, one row per spell (`start` = entry, `stop` = tenure) is all a Cox model needs.
 *
 * O(records log records) time, O(rows) memory.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or malformed option.
 * @throws {InternalCustomerError} `INVALID_DATE` for an `asOf`, `recordsStart` or `origin` that
 * is not a calendar day.
 * @throws {InternalCustomerError} `INVALID_PERIOD` when `recordsStart` is after `asOf`.
 * @throws {InternalCustomerError} `INVALID_INPUT` when `spells` is not an array.
 * @throws {InternalCustomerError} `VALIDATION_FAILED` with one issue (collection, row, field,
 * reason) per bad record: a day that is not a calendar day, an end before its start, an exit
 * without a kind, overlapping spells or assignments of one person, a promotion or pay change
 * outside every spell of the person, an eNPS answer off the 0-10 scale.
 *
 * @example
 * const { rows, events } = personPeriods(
 *   {
 *     spells: [{ employeeId: 'ada', hireDate: '2024-01-01', terminationDate: '2024-03-31', separationKind: 'voluntary' }],
 *     careerEvents: [{ employeeId: 'ada', kind: 'promotion', date: '2024-02-01' }],
 *   },
 *   { asOf: '2024-12-31' },
 * );
 * [...rows.start] // => [0, 31]
 * [...rows.stop] // => [31, 91]
 * [...rows.promotions] // => [0, 1]
 * [...rows.event] // => [0, 1]
 * events // => 1
 */
export function personPeriods(
  input: PersonPeriodInput,
  options: PersonPeriodsOptions,
): PersonPeriodsResult {
  const name = 'personPeriods';
  checkOptions(options, PERSON_PERIODS_OPTIONS, name);
  if (options === undefined) {
    throw new InternalCustomerError('INVALID_OPTION', `${name} requires options with asOf`);
  }
  const asOf = checkedDay(options.asOf, name, 'asOf');
  const recordsStart =
    options.recordsStart === undefined
      ? Number.NEGATIVE_INFINITY
      : checkedDay(options.recordsStart, name, 'recordsStart');
  if (recordsStart > asOf) {
    throw new InternalCustomerError(
      'INVALID_PERIOD',
      `${name} requires recordsStart on or before asOf, got ${options.recordsStart} and ${options.asOf}`,
    );
  }
  const axis = options.axis ?? 'tenure';
  if (axis !== 'tenure' && axis !== 'calendar') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} requires axis 'tenure' or 'calendar', got ${describeValue(axis)}`,
    );
  }
  if (options.origin !== undefined && axis !== 'calendar') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} takes origin only with axis 'calendar'`,
    );
  }
  const exits = checkedExits(options.exits, name);
  const people = checkedPeople(input, name);

  let dropped = 0;
  const kept = (spell: CheckedSpell) => spell.hire <= asOf && spell.term >= recordsStart;
  let origin = 0;
  if (axis === 'calendar') {
    if (options.origin !== undefined) origin = checkedDay(options.origin, name, 'origin');
    else if (recordsStart !== Number.NEGATIVE_INFINITY) origin = recordsStart;
    else {
      origin = Number.POSITIVE_INFINITY;
      for (const person of people)
        for (const spell of person.spells) if (kept(spell)) origin = Math.min(origin, spell.hire);
      if (origin === Number.POSITIVE_INFINITY) origin = asOf;
    }
  }
  const columns: Columns = {
    id: [],
    spell: new NumberColumn(),
    start: new NumberColumn(),
    stop: new NumberColumn(),
    event: new NumberColumn(),
    exitKind: [],
    team: [],
    manager: [],
    managerChanges: new NumberColumn(),
    promotions: new NumberColumn(),
    payChanges: new NumberColumn(),
    lastPay: [],
    enps: [],
  };
  let peopleWithRows = 0;
  let spells = 0;
  let events = 0;
  let personTime = 0;
  const scratch: number[] = [];
  for (const person of people) {
    let any = false;
    for (let index = 0; index < person.spells.length; index++) {
      const spell = person.spells[index]!;
      if (spell.hire > asOf) continue;
      if (spell.term < recordsStart) {
        dropped += 1;
        continue;
      }
      any = true;
      spells += 1;
      const zero = axis === 'tenure' ? spell.hire : origin;
      const first = Math.max(spell.hire, recordsStart);
      const last = Math.min(spell.term, asOf);
      const event = spell.term <= asOf && exits.has(spell.kind!) ? 1 : 0;
      events += event;
      personTime += last - first + 1;
      spellRows(person, index, first, last, zero, scratch, columns);
      const lastRow = columns.event.length - 1;
      columns.event.values[lastRow] = event;
      columns.exitKind[lastRow] = spell.term <= asOf ? spell.kind : null;
    }
    if (any) peopleWithRows += 1;
  }
  const warnings: string[] = [];
  if (dropped > 0) {
    warnings.push(
      `${dropped} spell${dropped === 1 ? '' : 's'} ended before recordsStart ${options.recordsStart} and ${dropped === 1 ? 'was' : 'were'} left out`,
    );
  }
  return {
    axis,
    origin: axis === 'calendar' ? dayString(origin) : null,
    rows: {
      id: columns.id,
      spell: Int32Array.from(columns.spell.done()),
      start: columns.start.done(),
      stop: columns.stop.done(),
      event: Uint8Array.from(columns.event.done()),
      exitKind: columns.exitKind,
      team: columns.team,
      manager: columns.manager,
      managerChanges: columns.managerChanges.done(),
      promotions: columns.promotions.done(),
      payChanges: columns.payChanges.done(),
      lastPayChangePercent: columns.lastPay,
      enps: columns.enps,
    },
    people: peopleWithRows,
    spells,
    events,
    personTime,
    warnings,
  };
}

/** The exit kinds that count as events. @internal */
function checkedExits(exits: unknown, name: string): ReadonlySet<string> {
  if (exits === undefined) return new Set(SEPARATION_KINDS);
  const known: ReadonlySet<string> = new Set(SEPARATION_KINDS);
  if (
    !Array.isArray(exits) ||
    exits.length === 0 ||
    !exits.every((kind) => typeof kind === 'string' && known.has(kind))
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${name} requires exits as a non-empty list of ${SEPARATION_KINDS.join(', ')}, got ${describeValue(exits)}`,
    );
  }
  return new Set(exits as string[]);
}

/**
 * The rows of one spell's observed days [first, last]: split at every day where something may
 * change, the state swept forward through the person's sorted lists, equal neighbours merged.
 * The event columns of the last row are set by the caller. @internal
 */
function spellRows(
  person: CheckedPerson,
  spellIndex: number,
  first: number,
  last: number,
  zero: number,
  scratch: number[],
  columns: Columns,
): void {
  const hire = person.spells[spellIndex]!.hire;
  scratch.length = 0;
  const cut = (day: number) => {
    if (day > first && day <= last) scratch.push(day);
  };
  for (const a of person.assignments) {
    cut(a.from);
    cut(a.to + 1);
  }
  for (const e of person.careerEvents) cut(e.day);
  for (const a of person.answers) cut(a.day);
  scratch.sort((a, b) => a - b);

  const state: State = {
    team: null,
    manager: null,
    managerChanges: 0,
    promotions: 0,
    payChanges: 0,
    lastPay: null,
    enps: null,
  };
  let assignment = 0; // next assignment to take in
  let previousManager: string | null | undefined; // undefined before the first assignment
  let career = 0;
  let answer = 0;
  const { assignments, careerEvents, answers } = person;
  while (career < careerEvents.length && careerEvents[career]!.day < hire) career++;
  while (answer < answers.length && answers[answer]!.day < hire) answer++;
  while (assignment < assignments.length && assignments[assignment]!.to < hire) assignment++;
  let open = -1; // the row being extended
  let k = 0;
  let day = first;
  while (day <= last) {
    // Advance to the state on `day`.
    while (assignment < assignments.length && assignments[assignment]!.from <= day) {
      const manager = assignments[assignment]!.manager;
      if (previousManager !== undefined && manager !== previousManager) state.managerChanges += 1;
      previousManager = manager;
      assignment++;
    }
    const current = assignments[assignment - 1];
    const covered = current !== undefined && current.from <= day && day <= current.to;
    state.team = covered ? current.team : null;
    state.manager = covered ? current.manager : null;
    while (career < careerEvents.length && careerEvents[career]!.day <= day) {
      const event = careerEvents[career]!;
      if (event.promotion) state.promotions += 1;
      else {
        state.payChanges += 1;
        state.lastPay = event.percent;
      }
      career++;
    }
    while (answer < answers.length && answers[answer]!.day <= day) {
      state.enps = answers[answer]!.score;
      answer++;
    }
    while (k < scratch.length && scratch[k]! <= day) k++;
    const end = k < scratch.length ? scratch[k]! - 1 : last;
    if (open >= 0 && sameState(columns, open, state)) {
      columns.stop.values[open] = end - zero + 1;
    } else {
      open = pushRow(columns, person.id, spellIndex, day - zero, end - zero + 1, state);
    }
    day = end + 1;
  }
}

function sameState(columns: Columns, row: number, state: State): boolean {
  return (
    columns.team[row] === state.team &&
    columns.manager[row] === state.manager &&
    columns.managerChanges.values[row] === state.managerChanges &&
    columns.promotions.values[row] === state.promotions &&
    columns.payChanges.values[row] === state.payChanges &&
    columns.lastPay[row] === state.lastPay &&
    columns.enps[row] === state.enps
  );
}

function pushRow(
  columns: Columns,
  id: string,
  spell: number,
  start: number,
  stop: number,
  state: State,
): number {
  columns.id.push(id);
  columns.spell.push(spell);
  columns.start.push(start);
  columns.stop.push(stop);
  columns.event.push(0);
  columns.exitKind.push(null);
  columns.team.push(state.team);
  columns.manager.push(state.manager);
  columns.managerChanges.push(state.managerChanges);
  columns.promotions.push(state.promotions);
  columns.payChanges.push(state.payChanges);
  columns.lastPay.push(state.lastPay);
  columns.enps.push(state.enps);
  return columns.id.length - 1;
}
