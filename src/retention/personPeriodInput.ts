/**
 * The checked input of `personPeriods`: each record of each collection read once into day numbers
 * and grouped by person, with an issue (collection, row, field, reason) for every record that
 * cannot be used. No zod: the retention module runs anywhere. @internal
 */
import { InternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { describeValue } from '../internal/describeValue.js';
import { epochDay, instantMs, MS_PER_DAY } from '../internal/epochDay.js';
import type { EmploymentSpell, SeparationKind } from '../schemas/employee.js';
import type { Assignment, CareerEvent } from '../schemas/organisation.js';
import type { Question, Survey, SurveyResponse } from '../schemas/survey.js';
import { SEPARATION_KINDS } from '../schemas/vocabulary.js';

/** The collections `personPeriods` reads (a whole validated `Dataset` fits). */
export interface PersonPeriodInput {
  readonly spells: readonly Pick<
    EmploymentSpell,
    'employeeId' | 'hireDate' | 'terminationDate' | 'separationKind'
  >[];
  readonly assignments?: readonly Pick<
    Assignment,
    'employeeId' | 'teamId' | 'managerId' | 'validFrom' | 'validTo'
  >[];
  readonly careerEvents?: readonly Pick<
    CareerEvent,
    'employeeId' | 'kind' | 'date' | 'changePercent'
  >[];
  readonly surveys?: readonly Pick<Survey, 'id' | 'confidentiality'>[];
  readonly questions?: readonly Pick<Question, 'id' | 'surveyId' | 'kind'>[];
  readonly responses?: readonly Pick<
    SurveyResponse,
    'surveyId' | 'respondentId' | 'submittedAt' | 'answers'
  >[];
}

/** One spell as day numbers; `term` is Infinity while open. @internal */
export interface CheckedSpell {
  /** The row of the record, for issues. */
  readonly row: number;
  readonly hire: number;
  readonly term: number;
  readonly kind: SeparationKind | null;
}

/** One assignment as day numbers, both inclusive; `to` is Infinity while open. @internal */
export interface CheckedAssignment {
  /** The row of the record, for issues. */
  readonly row: number;
  readonly from: number;
  readonly to: number;
  readonly team: string;
  readonly manager: string | null;
}

/** A promotion (`promotion` true) or pay change on a day. @internal */
export interface CheckedCareerEvent {
  readonly day: number;
  readonly promotion: boolean;
  readonly percent: number | null;
}

/** One identified eNPS answer: its UTC day and instant (for the order within a day). @internal */
export interface CheckedAnswer {
  readonly day: number;
  readonly ms: number;
  readonly score: number;
}

/** Everything about one person, each list sorted by day. @internal */
export interface CheckedPerson {
  readonly id: string;
  spells: CheckedSpell[];
  readonly assignments: CheckedAssignment[];
  readonly careerEvents: CheckedCareerEvent[];
  readonly answers: CheckedAnswer[];
}

const KINDS: ReadonlySet<string> = new Set(SEPARATION_KINDS);

/** Collects the issues of one collection, rows counted from 1. @internal */
class Issues {
  readonly list: ValidationIssue[] = [];
  add(collection: string, row: number, path: string, code: ValidationIssue['code'], what: string) {
    this.list.push({
      row,
      path,
      code,
      collection,
      message: `${collection} row ${row}: ${path === '' ? '' : `${path} `}${what}`,
    });
  }
  /** The day number of a required or optional calendar day, or NaN after an issue. */
  day(collection: string, row: number, path: string, value: unknown, optional = false): number {
    if (optional && value === undefined) return Number.POSITIVE_INFINITY;
    const day = typeof value === 'string' ? epochDay(value) : Number.NaN;
    if (Number.isNaN(day))
      this.add(
        collection,
        row,
        path,
        'invalid_date',
        `must be a YYYY-MM-DD calendar day, got ${describeValue(value)}`,
      );
    return day;
  }
  /**
   * A range of days [from, to] (`to` optional: Infinity), or null after an issue: a day that is
   * not a calendar day, or an end before its start.
   */
  range(
    collection: string,
    row: number,
    [fromPath, fromValue]: [string, unknown],
    [toPath, toValue]: [string, unknown],
  ): [number, number] | null {
    const from = this.day(collection, row, fromPath, fromValue);
    const to = this.day(collection, row, toPath, toValue, true);
    if (Number.isNaN(from) || Number.isNaN(to)) return null;
    if (to < from) {
      this.add(
        collection,
        row,
        toPath,
        'invalid_value',
        `${toValue} is before ${fromPath} ${fromValue}`,
      );
      return null;
    }
    return [from, to];
  }
  id(collection: string, row: number, path: string, value: unknown): value is string {
    if (typeof value === 'string' && value !== '') return true;
    this.add(
      collection,
      row,
      path,
      'invalid_type',
      `must be a non-empty id, got ${describeValue(value)}`,
    );
    return false;
  }
}

/** Sorts a list (stably) unless it is in order already, as records usually are. @internal */
function sortIfNeeded<T>(list: T[], compare: (a: T, b: T) => number): void {
  for (let i = 1; i < list.length; i++) {
    if (compare(list[i - 1]!, list[i]!) > 0) {
      list.sort(compare);
      return;
    }
  }
}

/** A day number as a calendar day, for messages. @internal */
function dayText(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Reads and checks every collection, grouped by person in order of first spell.
 *
 * @throws {InternalCustomerError} `VALIDATION_FAILED` listing every issue. @internal
 */
export function checkedPeople(input: PersonPeriodInput, functionName: string): CheckedPerson[] {
  if (input === null || typeof input !== 'object' || !Array.isArray(input.spells)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires an object with a spells array, got ${describeValue(input)}`,
    );
  }
  const issues = new Issues();
  const people = new Map<string, CheckedPerson>();
  checkSpells(input, issues, people);
  checkAssignments(input, issues, people);
  checkCareerEvents(input, issues, people);
  checkAnswers(input, issues, people);
  if (issues.list.length > 0) {
    const shown = issues.list.slice(0, 20).map((issue) => `  - ${issue.message}`);
    if (issues.list.length > 20) shown.push(`  ... and ${issues.list.length - 20} more`);
    throw new InternalCustomerError(
      'VALIDATION_FAILED',
      [
        `${functionName} found ${issues.list.length} issue${issues.list.length === 1 ? '' : 's'}:`,
        ...shown,
      ].join('\n'),
      issues.list,
    );
  }
  return [...people.values()];
}

/** Spells: valid days in order, a known kind on every termination, no overlap. @internal */
function checkSpells(
  input: PersonPeriodInput,
  issues: Issues,
  people: Map<string, CheckedPerson>,
): void {
  input.spells.forEach((spell, index) => {
    const row = index + 1;
    if (!issues.id('spells', row, 'employeeId', spell?.employeeId)) return;
    const range = issues.range(
      'spells',
      row,
      ['hireDate', spell.hireDate],
      ['terminationDate', spell.terminationDate],
    );
    if (range === null) return;
    const [hire, term] = range;
    const kind = spell.separationKind;
    if (term !== Number.POSITIVE_INFINITY && (typeof kind !== 'string' || !KINDS.has(kind))) {
      issues.add(
        'spells',
        row,
        'separationKind',
        'invalid_value',
        `must be one of ${SEPARATION_KINDS.join(', ')} with a terminationDate, got ${describeValue(kind)}`,
      );
      return;
    }
    const checked: CheckedSpell = {
      row,
      hire,
      term,
      kind: term === Number.POSITIVE_INFINITY ? null : kind!,
    };
    personOf(people, spell.employeeId).spells.push(checked);
  });
  for (const person of people.values()) {
    sortIfNeeded(person.spells, (a, b) => a.hire - b.hire);
    const kept: CheckedSpell[] = [];
    for (const spell of person.spells) {
      const last = kept[kept.length - 1];
      if (last !== undefined && spell.hire <= last.term) {
        issues.add(
          'spells',
          spell.row,
          '',
          'overlapping_spells',
          `spell from ${dayText(spell.hire)} overlaps row ${last.row} (${dayText(last.hire)} to ${last.term === Number.POSITIVE_INFINITY ? 'open' : dayText(last.term)}) for ${JSON.stringify(person.id)}`,
        );
      } else kept.push(spell);
    }
    person.spells = kept;
  }
}

function personOf(people: Map<string, CheckedPerson>, id: string): CheckedPerson {
  let person = people.get(id);
  if (person === undefined) {
    person = { id, spells: [], assignments: [], careerEvents: [], answers: [] };
    people.set(id, person);
  }
  return person;
}

/** Assignments of people with spells: valid days in order, no overlap. @internal */
function checkAssignments(
  input: PersonPeriodInput,
  issues: Issues,
  people: Map<string, CheckedPerson>,
): void {
  (input.assignments ?? []).forEach((assignment, index) => {
    const row = index + 1;
    if (!issues.id('assignments', row, 'employeeId', assignment?.employeeId)) return;
    if (!issues.id('assignments', row, 'teamId', assignment.teamId)) return;
    const manager = assignment.managerId;
    if (manager !== undefined && !issues.id('assignments', row, 'managerId', manager)) return;
    const range = issues.range(
      'assignments',
      row,
      ['validFrom', assignment.validFrom],
      ['validTo', assignment.validTo],
    );
    if (range === null) return;
    const [from, to] = range;
    const person = people.get(assignment.employeeId);
    if (person === undefined) return; // assignments of people never employed add no rows
    const checked = { row, from, to, team: assignment.teamId, manager: manager ?? null };
    person.assignments.push(checked);
  });
  for (const person of people.values()) {
    sortIfNeeded(person.assignments, (a, b) => a.from - b.from);
    for (let k = 1; k < person.assignments.length; k++) {
      const last = person.assignments[k - 1]!;
      const next = person.assignments[k]!;
      if (next.from <= last.to) {
        issues.add(
          'assignments',
          next.row,
          '',
          'overlapping_assignments',
          `assignment from ${dayText(next.from)} overlaps row ${last.row} for ${JSON.stringify(person.id)}`,
        );
      }
    }
  }
}

/** Whether a day falls in one of the spells. @internal */
function inSpells(spells: readonly CheckedSpell[], day: number): boolean {
  return spells.some((spell) => spell.hire <= day && day <= spell.term);
}

/** Promotions and pay changes: a valid day inside one of the person's spells. @internal */
function checkCareerEvents(
  input: PersonPeriodInput,
  issues: Issues,
  people: Map<string, CheckedPerson>,
): void {
  (input.careerEvents ?? []).forEach((event, index) => {
    const row = index + 1;
    if (!issues.id('careerEvents', row, 'employeeId', event?.employeeId)) return;
    if (event.kind !== 'promotion' && event.kind !== 'pay-change') {
      issues.add(
        'careerEvents',
        row,
        'kind',
        'invalid_value',
        `must be promotion or pay-change, got ${describeValue(event.kind)}`,
      );
      return;
    }
    const day = issues.day('careerEvents', row, 'date', event.date);
    if (Number.isNaN(day)) return;
    const percent = event.changePercent;
    if (percent !== undefined && !(typeof percent === 'number' && Number.isFinite(percent))) {
      issues.add(
        'careerEvents',
        row,
        'changePercent',
        'invalid_type',
        `must be a finite number, got ${describeValue(percent)}`,
      );
      return;
    }
    const person = people.get(event.employeeId);
    if (person === undefined || !inSpells(person.spells, day)) {
      issues.add(
        'careerEvents',
        row,
        'date',
        'invalid_value',
        `${event.date} is outside every employment spell of ${JSON.stringify(event.employeeId)} (a ${event.kind})`,
      );
      return;
    }
    person.careerEvents.push({
      day,
      promotion: event.kind === 'promotion',
      percent: percent ?? null,
    });
  });
  for (const person of people.values()) sortIfNeeded(person.careerEvents, (a, b) => a.day - b.day);
}

/**
 * The eNPS answers of identified surveys (DESIGN.md: person-level uses only for those) by people
 * with spells; answers of other surveys are never read. A score must be a whole number 0-10.
 * @internal
 */
function checkAnswers(
  input: PersonPeriodInput,
  issues: Issues,
  people: Map<string, CheckedPerson>,
): void {
  const identified = new Set(
    (input.surveys ?? []).filter((s) => s.confidentiality === 'identified').map((s) => s.id),
  );
  const enpsQuestions = new Map<string, string[]>();
  for (const question of input.questions ?? []) {
    if (question.kind !== 'enps' || !identified.has(question.surveyId)) continue;
    const list = enpsQuestions.get(question.surveyId);
    if (list === undefined) enpsQuestions.set(question.surveyId, [question.id]);
    else list.push(question.id);
  }
  (input.responses ?? []).forEach((response, index) => {
    const row = index + 1;
    const questions = enpsQuestions.get(response?.surveyId);
    if (questions === undefined) return;
    const person =
      response.respondentId === undefined ? undefined : people.get(response.respondentId);
    if (person === undefined) return;
    const ms =
      typeof response.submittedAt === 'string' ? instantMs(response.submittedAt) : Number.NaN;
    if (Number.isNaN(ms)) {
      issues.add(
        'responses',
        row,
        'submittedAt',
        'invalid_date',
        `must be an ISO 8601 instant, got ${describeValue(response.submittedAt)}`,
      );
      return;
    }
    for (const question of questions) {
      const score = response.answers?.[question];
      if (score === undefined || score === null) continue;
      if (!(typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 10)) {
        issues.add(
          'responses',
          row,
          `answers.${question}`,
          'off_scale',
          `must be a whole number from 0 to 10 for an eNPS question, got ${describeValue(score)}`,
        );
        return;
      }
      person.answers.push({ day: Math.floor(ms / MS_PER_DAY), ms, score });
      return;
    }
  });
  for (const person of people.values())
    sortIfNeeded(person.answers, (a, b) => a.day - b.day || a.ms - b.ms);
}
