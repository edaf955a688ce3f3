/**
 * Checks {@link RetentionPerson} records once and turns their days into day numbers, so that the
 * public functions share one definition of bad input and one treatment of each edge. @internal
 */
import { InternalCustomerError } from '../../core/errors.js';
import type { SeparationKind, WorkerType } from '../../schemas/employee.js';
import { countsInHeadcount, SEPARATION_KINDS, WORKER_TYPES } from '../../schemas/vocabulary.js';
import type { RetentionPerson, RetentionSpell } from '../retentionPeople.js';
import { checkedDay } from './days.js';

// Pure: a bundle that does not use them drops them even from a shared chunk (tests/size.test.ts).
const WORKER_TYPE_SET: ReadonlySet<string> = /* @__PURE__ */ new Set(WORKER_TYPES);
const SEPARATION_KIND_SET: ReadonlySet<string> = /* @__PURE__ */ new Set(SEPARATION_KINDS);

/** A spell as day numbers; `term` is the last day employed, `Infinity` while employed. @internal */
export interface PreparedSpell {
  readonly hire: number;
  readonly term: number;
  /** `other` when the record gives none (flagged by `kindMissing`). */
  readonly kind: SeparationKind;
  readonly kindMissing: boolean;
  readonly regretted: boolean | undefined;
  readonly source: RetentionSpell;
}

/** A person with checked spells, sorted by hire day. @internal */
export interface PreparedPerson {
  readonly index: number;
  readonly id: string;
  readonly workerType: WorkerType;
  /** Whether the person counts in headcount (employee or direct temporary). */
  readonly counted: boolean;
  readonly spells: readonly PreparedSpell[];
  readonly source: RetentionPerson;
}

function invalid(functionName: string, message: string): InternalCustomerError {
  return new InternalCustomerError('INVALID_INPUT', `${functionName} requires ${message}`);
}

/**
 * Checks the people and their spells.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a non-array, a person without an id or
 * spells, a duplicate id, an unknown worker type or separation kind, a termination before its
 * hire, or overlapping spells.
 * @throws {InternalCustomerError} `INVALID_DATE` for a day that is not `YYYY-MM-DD`. @internal
 */
export function preparePeople(
  people: readonly RetentionPerson[],
  functionName: string,
): PreparedPerson[] {
  if (!Array.isArray(people)) {
    throw invalid(functionName, `an array of people, got ${typeof people}`);
  }
  const seen = new Set<string>();
  return people.map((person, index): PreparedPerson => {
    if (person === null || typeof person !== 'object' || typeof person.id !== 'string') {
      throw invalid(functionName, `each person to have a string id (person ${index})`);
    }
    const id = person.id;
    if (seen.has(id)) throw invalid(functionName, `unique person ids, got "${id}" twice`);
    seen.add(id);
    const workerType = person.workerType ?? 'employee';
    if (!WORKER_TYPE_SET.has(workerType)) {
      throw invalid(
        functionName,
        `a known worker type, got ${JSON.stringify(workerType)} for person "${id}"`,
      );
    }
    const spellList: readonly RetentionSpell[] = person.spells;
    if (!Array.isArray(spellList)) {
      throw invalid(functionName, `spells as an array for person "${id}"`);
    }
    const spells = spellList.map((spell): PreparedSpell => {
      const hire = checkedDay(spell.hireDate, functionName, `hireDate of person "${id}"`);
      const term =
        spell.terminationDate === undefined
          ? Number.POSITIVE_INFINITY
          : checkedDay(spell.terminationDate, functionName, `terminationDate of person "${id}"`);
      if (term < hire) {
        throw invalid(
          functionName,
          `a termination on or after the hire: person "${id}" was hired ${spell.hireDate} and terminated ${spell.terminationDate}`,
        );
      }
      const kind = spell.separationKind;
      if (kind !== undefined && !SEPARATION_KIND_SET.has(kind)) {
        throw invalid(
          functionName,
          `separationKind voluntary, involuntary or other, got ${JSON.stringify(kind)} for person "${id}"`,
        );
      }
      return {
        hire,
        term,
        kind: kind ?? 'other',
        kindMissing: kind === undefined && term !== Number.POSITIVE_INFINITY,
        regretted: spell.regretted,
        source: spell,
      };
    });
    spells.sort((a: PreparedSpell, b: PreparedSpell) => a.hire - b.hire);
    for (let i = 1; i < spells.length; i++) {
      if (spells[i]!.hire <= spells[i - 1]!.term) {
        throw invalid(
          functionName,
          `spells that do not overlap: person "${id}" has a spell hired while another is open`,
        );
      }
    }
    return {
      index,
      id,
      workerType,
      counted: countsInHeadcount(workerType),
      spells,
      source: person,
    };
  });
}

/** A stretch of team membership as day numbers, both inclusive. @internal */
export interface PreparedAssignment {
  readonly teamId: string;
  readonly from: number;
  readonly to: number;
}

/**
 * A person's assignments as day numbers, sorted.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a missing team id, an end before its start
 * or overlapping assignments.
 * @throws {InternalCustomerError} `INVALID_DATE` for a day that is not `YYYY-MM-DD`. @internal
 */
export function prepareAssignments(
  person: PreparedPerson,
  functionName: string,
): PreparedAssignment[] {
  const id = person.id;
  const list = (person.source.assignments ?? []).map((assignment): PreparedAssignment => {
    if (typeof assignment.teamId !== 'string' || assignment.teamId === '') {
      throw invalid(functionName, `a teamId on every assignment of person "${id}"`);
    }
    const from = checkedDay(assignment.validFrom, functionName, `validFrom of person "${id}"`);
    const to =
      assignment.validTo === undefined
        ? Number.POSITIVE_INFINITY
        : checkedDay(assignment.validTo, functionName, `validTo of person "${id}"`);
    if (to < from) {
      throw invalid(
        functionName,
        `validTo on or after validFrom: person "${id}" has ${assignment.validFrom} to ${assignment.validTo}`,
      );
    }
    return { teamId: assignment.teamId, from, to };
  });
  list.sort((a, b) => a.from - b.from);
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.from <= list[i - 1]!.to) {
      throw invalid(functionName, `assignments that do not overlap for person "${id}"`);
    }
  }
  return list;
}

/**
 * Whether a person is on leave on a day.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for a day that is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_INPUT` for an end before its start. @internal
 */
export function onLeave(person: PreparedPerson, day: number, functionName: string): boolean {
  let found = false;
  for (const leave of person.source.leaves ?? []) {
    const from = checkedDay(leave.startDate, functionName, `leave startDate of "${person.id}"`);
    const to =
      leave.endDate === undefined
        ? Number.POSITIVE_INFINITY
        : checkedDay(leave.endDate, functionName, `leave endDate of "${person.id}"`);
    if (to < from) {
      throw invalid(functionName, `leave endDate on or after startDate for person "${person.id}"`);
    }
    if (from <= day && day <= to) found = true;
  }
  return found;
}
