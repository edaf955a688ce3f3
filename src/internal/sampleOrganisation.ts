import type { CalendarDay } from '../core/calendarDay.js';
import { isCalendarDay } from '../core/calendarDay.js';
import { createRandom } from '../core/createRandom.js';
import { InternalCustomerError } from '../core/errors.js';
import type { DatasetInput } from '../schemas/dataset.js';
import type { Employee, EmploymentSpell } from '../schemas/employee.js';
import type { Assignment, Team } from '../schemas/organisation.js';
import { addYears, fromDayNumber, toDayNumber, wholeYears } from './sample/days.js';
import { createDraw } from './sample/draw.js';
import type { SimPerson } from './sample/model.js';
import {
  careerEventRecords,
  generateConcerns,
  generateIdeas,
  generateLeaves,
  generateOccasions,
  generateOneOnOnes,
} from './sample/service.js';
import { simulateWorkforce } from './sample/simulate.js';
import { generateSurveys, planSurveys } from './sample/surveys.js';

/** The seed used when none is given: the sample data in `examples/data` is made with it. */
export const DEFAULT_SAMPLE_SEED = 20261127;

/** The day the sample organisation is observed on when none is given. */
export const DEFAULT_SAMPLE_AS_OF: CalendarDay = '2026-09-30';

/** Options of {@link generateSampleOrganisation}. */
export interface SampleOrganisationOptions {
  /** Seed of the random source; default {@link DEFAULT_SAMPLE_SEED}. */
  readonly seed?: number;
  /** The last day simulated ("today"); default {@link DEFAULT_SAMPLE_AS_OF}. */
  readonly asOf?: CalendarDay;
}

/**
 * The first day the sample's records cover, as a real HR extract has one: the simulation starts
 * then, so people hired before it are in the data only because they were still employed on it
 * (its first termination comes after it). Pass it as `recordsStart` to the retention functions,
 * which then count those people's tenure from this day (late entry) instead of from their hire.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when `asOf` is not a `YYYY-MM-DD` calendar day.
 * @internal
 */
export function sampleRecordsStart(asOf: CalendarDay = DEFAULT_SAMPLE_AS_OF): CalendarDay {
  if (!isCalendarDay(asOf)) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `sampleRecordsStart requires asOf as a YYYY-MM-DD calendar day, got ${JSON.stringify(asOf)}`,
    );
  }
  const day = toDayNumber(asOf);
  return fromDayNumber(firstRecordedDay(day, planSurveys(day, SURVEY_COUNT)));
}

/** Four years of history, reaching back to the first survey when it opens earlier. */
function firstRecordedDay(asOf: number, plans: readonly { readonly opens: number }[]): number {
  return Math.min(addYears(asOf, -4) + 1, plans[0]!.opens);
}

/** People currently employed that the simulation aims for. */
const TARGET_HEADCOUNT = 410;
/** Quarterly surveys over the four years. */
const SURVEY_COUNT = 16;

/**
 * Generates a realistic fictional organisation of about 400 people observed over the four years
 * up to `asOf`: a four-level team tree with a manager per team, employment spells (about 15%
 * turnover a year, more in the first year, a few rehires), assignment histories with transfers
 * and manager changes, leaves and career events, 16 quarterly surveys in all three
 * confidentiality modes with correlated answers, and ideas, concerns, one-to-ones, follow-ups and
 * occasions whose quality varies by manager. Everything is fictional.
 *
 * Pure and deterministic: every random draw comes from `createRandom(seed)`, nothing reads the
 * clock, and the same options give the same dataset on every machine. `validateDataset` finds no
 * issue in the result. About 60k records, generated in a fraction of a second.
 *
 * Not public API: it feeds `examples/data`, the demo and the tests.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the seed is not a safe integer.
 * @throws {InternalCustomerError} `INVALID_DATE` when `asOf` is not a `YYYY-MM-DD` calendar day.
 *
 * (The example carries no `// =>` line on purpose: `tests/examples.test.ts` runs those against
 * the public API, which does not include this helper.)
 *
 * @example
 * const dataset = generateSampleOrganisation({ seed: 7, asOf: '2025-12-31' });
 * validateDataset(dataset).issues; // [] (16 surveys, about 400 people employed on asOf)
 * @internal
 */
export function generateSampleOrganisation(options: SampleOrganisationOptions = {}): DatasetInput {
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  const asOfDay = options.asOf ?? DEFAULT_SAMPLE_AS_OF;
  if (!isCalendarDay(asOfDay)) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `generateSampleOrganisation requires asOf as a YYYY-MM-DD calendar day, got ${JSON.stringify(asOfDay)}`,
    );
  }
  const draw = createDraw(createRandom(seed));
  const asOf = toDayNumber(asOfDay);
  const plans = planSurveys(asOf, SURVEY_COUNT);
  const start = firstRecordedDay(asOf, plans);

  const simulation = simulateWorkforce({
    draw,
    start,
    asOf,
    surveyDays: plans.map((plan) => plan.opens),
    targetHeadcount: TARGET_HEADCOUNT,
  });
  const byId = new Map(simulation.people.map((person) => [person.id, person]));

  const leaves = generateLeaves(draw, simulation.people, asOf);
  const leaveSpans = new Map<string, { start: number; end: number }[]>();
  for (const leave of leaves) {
    const spans = leaveSpans.get(leave.employeeId) ?? [];
    spans.push({
      start: toDayNumber(leave.startDate),
      end: leave.endDate === undefined ? Number.POSITIVE_INFINITY : toDayNumber(leave.endDate),
    });
    leaveSpans.set(leave.employeeId, spans);
  }
  const survey = generateSurveys({
    draw,
    asOf,
    plans,
    snapshots: simulation.snapshots,
    people: byId,
    onLeave: (personId, day) =>
      (leaveSpans.get(personId) ?? []).some((span) => span.start <= day && day <= span.end),
  });

  return {
    employees: simulation.people.map((person) => employeeRecord(person, asOf)),
    teams: simulation.teams.map(
      (team): Team => ({
        id: team.id,
        name: team.name,
        ...(team.parentId === undefined ? {} : { parentId: team.parentId }),
      }),
    ),
    spells: simulation.people.flatMap((person) => spellRecords(person)),
    assignments: simulation.people.flatMap((person) => assignmentRecords(person)),
    leaves,
    careerEvents: careerEventRecords(simulation.careerEvents),
    surveys: survey.surveys,
    questions: survey.questions,
    invitations: survey.invitations,
    responses: survey.responses,
    ideas: generateIdeas(draw, simulation.ideas, byId, asOf),
    concerns: generateConcerns(draw, simulation.concerns, byId, asOf),
    oneOnOnes: generateOneOnOnes(draw, simulation.oneOnOnes, byId, asOf - 364, asOf),
    followUps: survey.followUps,
    occasions: generateOccasions(draw, simulation.people, byId, asOf),
  };
}

function ageBand(age: number): string {
  if (age < 25) return '16-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

function employeeRecord(person: SimPerson, asOf: number): Employee {
  return {
    id: person.id,
    name: person.name,
    workerType: person.workerType,
    birthDate: fromDayNumber(person.birth),
    shareBirthday: person.shareBirthday,
    ...(person.preferredOneOnOneDays === undefined
      ? {}
      : { preferredOneOnOneDays: person.preferredOneOnOneDays }),
    attributes: {
      location: person.location,
      role: person.role,
      level: `L${person.grade}`,
      department: person.department,
    },
    protectedAttributes: {
      gender: person.gender,
      ageBand: ageBand(wholeYears(person.birth, asOf)),
    },
  };
}

function spellRecords(person: SimPerson): EmploymentSpell[] {
  return person.spells.map((spell) =>
    spell.end === undefined
      ? { employeeId: person.id, hireDate: fromDayNumber(spell.hire) }
      : {
          employeeId: person.id,
          hireDate: fromDayNumber(spell.hire),
          terminationDate: fromDayNumber(spell.end),
          separationKind: spell.kind!,
          regretted: spell.regretted!,
        },
  );
}

function assignmentRecords(person: SimPerson): Assignment[] {
  return person.assignments.map((assignment) => ({
    employeeId: person.id,
    ...(assignment.managerId === undefined ? {} : { managerId: assignment.managerId }),
    teamId: assignment.teamId,
    validFrom: fromDayNumber(assignment.from),
    ...(assignment.to === undefined ? {} : { validTo: fromDayNumber(assignment.to) }),
  }));
}
