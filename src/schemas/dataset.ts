import * as z from 'zod';
import { addCalendarDays } from '../core/calendarDay.js';
import {
  InternalCustomerError,
  type ValidationIssue,
  type ValidationIssueCode,
} from '../core/errors.js';
import { describeValue } from '../internal/describeValue.js';
import { validationError } from '../internal/rows/parseRow.js';
import { EmployeeSchema, EmploymentSpellSchema } from './employee.js';
import {
  ConcernSchema,
  FollowUpSchema,
  IdeaSchema,
  OccasionSchema,
  OneOnOneSchema,
} from './feedback.js';
import { AssignmentSchema, CareerEventSchema, LeaveSchema, TeamSchema } from './organisation.js';
import { parseRecords } from './parseRecords.js';
import {
  type AnswerValue,
  type Question,
  QuestionSchema,
  type Survey,
  SurveyInvitationSchema,
  SurveyResponseSchema,
  SurveySchema,
} from './survey.js';

/** The record schema of each collection of a {@link Dataset}, in the order they are checked. */
export const DATASET_COLLECTIONS = {
  employees: EmployeeSchema,
  teams: TeamSchema,
  spells: EmploymentSpellSchema,
  assignments: AssignmentSchema,
  leaves: LeaveSchema,
  careerEvents: CareerEventSchema,
  surveys: SurveySchema,
  questions: QuestionSchema,
  invitations: SurveyInvitationSchema,
  responses: SurveyResponseSchema,
  ideas: IdeaSchema,
  concerns: ConcernSchema,
  oneOnOnes: OneOnOneSchema,
  followUps: FollowUpSchema,
  occasions: OccasionSchema,
} as const;

/** The name of a collection of a dataset (`employees`, `spells` ...). */
export type DatasetCollection = keyof typeof DATASET_COLLECTIONS;

/**
 * Everything the library knows about one organisation: people, their employment spells, reporting
 * lines and teams, surveys and answers, ideas, concerns, one-to-ones, follow-ups and occasions.
 * Each collection is optional on input and defaults to empty.
 */
export const DatasetSchema = z.strictObject({
  employees: z.array(EmployeeSchema).default([]),
  teams: z.array(TeamSchema).default([]),
  spells: z.array(EmploymentSpellSchema).default([]),
  assignments: z.array(AssignmentSchema).default([]),
  leaves: z.array(LeaveSchema).default([]),
  careerEvents: z.array(CareerEventSchema).default([]),
  surveys: z.array(SurveySchema).default([]),
  questions: z.array(QuestionSchema).default([]),
  invitations: z.array(SurveyInvitationSchema).default([]),
  responses: z.array(SurveyResponseSchema).default([]),
  ideas: z.array(IdeaSchema).default([]),
  concerns: z.array(ConcernSchema).default([]),
  oneOnOnes: z.array(OneOnOneSchema).default([]),
  followUps: z.array(FollowUpSchema).default([]),
  occasions: z.array(OccasionSchema).default([]),
});
/** A validated dataset: every collection, each record parsed (defaults filled in). */
export type Dataset = z.infer<typeof DatasetSchema>;
/** A dataset as given, before validation: collections optional, defaults not yet filled in. */
export type DatasetInput = z.input<typeof DatasetSchema>;

/** Options of {@link validateDataset}. */
export interface ValidateDatasetOptions {
  /** Throw one `VALIDATION_FAILED` error listing every issue instead of returning them. */
  readonly strict?: boolean;
}

/** The result of {@link validateDataset}. */
export interface ValidateDatasetResult {
  /** The records that passed every check, collection by collection. */
  readonly dataset: Dataset;
  /** One or more issues for every record left out, each naming its collection and row. */
  readonly issues: ValidationIssue[];
}

interface Rows<T> {
  records: T[];
  rows: number[];
}

type Problem = { path: string; code: ValidationIssueCode; message: string };

/** Keeps the records a check accepts; the others become issues. @internal */
function keep<T>(
  collection: DatasetCollection,
  input: Rows<T>,
  issues: ValidationIssue[],
  check: (record: T, row: number) => Problem | undefined,
): Rows<T> {
  const out: Rows<T> = { records: [], rows: [] };
  input.records.forEach((record, index) => {
    const row = input.rows[index]!;
    const problem = check(record, row);
    if (problem === undefined) {
      out.records.push(record);
      out.rows.push(row);
    } else {
      issues.push({
        row,
        collection,
        ...problem,
        message: `${collection} row ${row}: ${problem.message}`,
      });
    }
  });
  return out;
}

function unknown(path: string, what: string, value: string): Problem {
  return {
    path,
    code: 'unknown_reference',
    message: `${path} ${describeValue(value)} is not a known ${what}`,
  };
}

/** The first of several references that does not resolve. @internal */
function firstUnknown(
  checks: readonly [
    path: string,
    value: string | undefined,
    known: ReadonlySet<string>,
    what: string,
  ][],
): Problem | undefined {
  for (const [path, value, known, what] of checks) {
    if (value !== undefined && !known.has(value)) return unknown(path, what, value);
  }
  return undefined;
}

/** Refuses a second record with the same key; the first one stays. @internal */
function unique<T>(
  collection: DatasetCollection,
  input: Rows<T>,
  issues: ValidationIssue[],
  keyOf: (record: T) => string,
  describe: (record: T) => string,
): Rows<T> {
  const firstRow = new Map<string, number>();
  return keep(collection, input, issues, (record, row) => {
    const key = keyOf(record);
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      return {
        path: '',
        code: 'duplicate',
        message: `${describe(record)} duplicates row ${earlier}`,
      };
    }
    firstRow.set(key, row);
    return undefined;
  });
}

/** Whether an answer fits its question's scale. @internal */
function answerProblem(question: Question, value: AnswerValue): string | undefined {
  if (value === null) return undefined;
  switch (question.kind) {
    case 'enps':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10
        ? undefined
        : `must be a whole number from 0 to 10 for an eNPS question, got ${describeValue(value)}`;
    case 'likert':
      return Number.isInteger(value) &&
        (value as number) >= 1 &&
        (value as number) <= question.points
        ? undefined
        : `must be a whole number from 1 to ${question.points}, got ${describeValue(value)}`;
    case 'yesNo':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${describeValue(value)}`;
    case 'text':
      return typeof value === 'string' ? undefined : `must be text, got ${describeValue(value)}`;
  }
}

/** Finds overlapping intervals per key; the later record of an overlapping pair is refused. @internal */
function noOverlap<T>(
  collection: DatasetCollection,
  input: Rows<T>,
  issues: ValidationIssue[],
  span: (record: T) => { key: string; from: string; to: string | undefined },
  what: 'spells' | 'assignments',
): Rows<T> {
  const order = input.records
    .map((record, index) => ({ index, ...span(record) }))
    .sort((a, b) =>
      a.key < b.key
        ? -1
        : a.key > b.key
          ? 1
          : a.from < b.from
            ? -1
            : a.from > b.from
              ? 1
              : a.index - b.index,
    );
  const refused = new Map<number, Problem>();
  let last: (typeof order)[number] | undefined;
  for (const current of order) {
    if (
      last !== undefined &&
      last.key === current.key &&
      (last.to === undefined || current.from <= last.to)
    ) {
      refused.set(current.index, {
        path: '',
        code: `overlapping_${what}`,
        message: `${what.replace(/s$/, '')} from ${current.from} overlaps row ${input.rows[last.index]} (${last.from} to ${last.to ?? 'open'}) for ${current.key}`,
      });
      continue;
    }
    last = current;
  }
  let position = 0;
  return keep(collection, input, issues, () => refused.get(position++));
}

/**
 * Validates a whole dataset: each record against its schema, then the checks across records that
 * one record cannot make alone. Every record that fails is left out of `dataset` with an issue
 * naming its collection, row (1-based within the collection), field and reason:
 *
 * - unknown ids: employees, managers, teams, surveys and questions that do not exist;
 * - duplicates: two people, teams, surveys, responses ... with one id (the first one stays);
 *   several employment spells of one person are a rehire, not a duplicate;
 * - overlapping employment spells or assignments of one person;
 * - cycles in the team tree, and manager cycles on any day (A manages B who manages A);
 * - answers to questions the survey does not have, values off the question's scale (a `null`
 *   answer to a question the survey does not have means "not asked" and is removed, as wide CSV
 *   files leave the columns of other surveys' questions empty);
 * - a respondent id on an anonymous survey, and a follow-up naming a person on a survey that is
 *   not `identified` (DESIGN.md, confidentiality).
 *
 * O(records log records), plus the depth of the reporting line for each assignment.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the input is not an object.
 * @throws {InternalCustomerError} `VALIDATION_FAILED` in `strict` mode when any record fails.
 *
 * @example
 * const { dataset, issues } = validateDataset({
 *   employees: [{ id: 'e1', name: 'Ada' }, { id: 'e1', name: 'Ben' }],
 *   spells: [{ employeeId: 'e1', hireDate: '2024-01-10' }, { employeeId: 'e9', hireDate: '2024-03-01' }],
 * });
 * dataset.employees.length // => 1
 * issues.map((issue) => [issue.collection, issue.row, issue.code]) // => [['employees', 2, 'duplicate'], ['spells', 2, 'unknown_reference']]
 */
export function validateDataset(
  input: DatasetInput,
  options?: ValidateDatasetOptions,
): ValidateDatasetResult;
/**
 * Validates data whose type is not known statically (`unknown` or `any`: parsed JSON, a request
 * body): everything is checked at run time. A value of a known type must be a `DatasetInput`
 * (the other overload), so a misspelt field in typed data fails to compile.
 *
 * @example
 * const parsed: unknown = JSON.parse('{"employees": [{"id": "e1", "name": "Ada"}]}');
 * validateDataset(parsed).dataset.employees.length // => 1
 */
export function validateDataset<T>(
  input: T & (unknown extends T ? unknown : never),
  options?: ValidateDatasetOptions,
): ValidateDatasetResult;
export function validateDataset(
  input: unknown,
  options: ValidateDatasetOptions = {},
): ValidateDatasetResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `validateDataset requires an object of collections, got ${describeValue(input)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  const source = input as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!Object.hasOwn(DATASET_COLLECTIONS, key)) {
      issues.push({
        row: 0,
        path: key,
        code: 'unrecognized_keys',
        message: `unknown collection "${key}"`,
      });
    }
  }
  const parse = collectionParser(source, issues);
  const organisation = checkOrganisation(parse, issues);
  const listening = checkSurveys(parse, issues, organisation.people);
  const service = checkServiceRecords(parse, issues, {
    people: organisation.people,
    knownTeams: organisation.knownTeams,
    surveyById: listening.surveyById,
  });

  if (options.strict === true && issues.length > 0)
    throw validationError('validateDataset', issues);
  return {
    dataset: {
      employees: organisation.employees,
      teams: organisation.teams,
      spells: organisation.spells,
      assignments: organisation.assignments,
      leaves: organisation.leaves,
      careerEvents: organisation.careerEvents,
      surveys: listening.surveys,
      questions: listening.questions,
      invitations: listening.invitations,
      responses: listening.responses,
      ideas: service.ideas,
      concerns: service.concerns,
      oneOnOnes: service.oneOnOnes,
      followUps: service.followUps,
      occasions: service.occasions,
    },
    issues,
  };
}

/** Parses one collection of the input against its schema, collecting the issues. @internal */
type ParseCollection = <K extends DatasetCollection>(
  key: K,
) => Rows<z.output<(typeof DATASET_COLLECTIONS)[K]>>;

function collectionParser(
  source: Record<string, unknown>,
  issues: ValidationIssue[],
): ParseCollection {
  return <K extends DatasetCollection>(key: K) => {
    const rows = Object.hasOwn(source, key) ? source[key] : undefined;
    if (rows === undefined) return { records: [], rows: [] };
    if (!Array.isArray(rows)) {
      issues.push({
        row: 0,
        path: key,
        collection: key,
        code: 'invalid_type',
        message: `${key} must be an array, got ${describeValue(rows)}`,
      });
      return { records: [], rows: [] };
    }
    type Output = z.output<(typeof DATASET_COLLECTIONS)[K]>;
    const schema = DATASET_COLLECTIONS[key] as unknown as z.ZodType<Output>;
    const result = parseRecords(schema, rows, { collection: key });
    for (const issue of result.issues) issues.push(issue);
    return { records: result.records, rows: result.recordRows };
  };
}

/** People, teams, employment spells, reporting lines, leaves and career events. @internal */
function checkOrganisation(parse: ParseCollection, issues: ValidationIssue[]) {
  const employees = unique(
    'employees',
    parse('employees'),
    issues,
    (e) => e.id,
    (e) => `employee id "${e.id}"`,
  );
  const people = new Set(employees.records.map((e) => e.id));

  // Teams: known parents, unique ids, no cycles.
  let teams = unique(
    'teams',
    parse('teams'),
    issues,
    (t) => t.id,
    (t) => `team id "${t.id}"`,
  );
  const teamIds = new Set(teams.records.map((t) => t.id));
  teams = keep('teams', teams, issues, (t) =>
    firstUnknown([['parentId', t.parentId, teamIds, 'team']]),
  );
  const inCycle = teamCycles(teams.records);
  teams = keep('teams', teams, issues, (t) =>
    inCycle.has(t.id)
      ? {
          path: 'parentId',
          code: 'team_cycle',
          message: `team "${t.id}" is its own ancestor (${inCycle.get(t.id)})`,
        }
      : undefined,
  );
  const knownTeams = new Set(teams.records.map((t) => t.id));

  // Employment.
  let spells = keep('spells', parse('spells'), issues, (s) =>
    firstUnknown([['employeeId', s.employeeId, people, 'employee']]),
  );
  spells = noOverlap(
    'spells',
    spells,
    issues,
    (s) => ({ key: s.employeeId, from: s.hireDate, to: s.terminationDate }),
    'spells',
  );

  let assignments = keep('assignments', parse('assignments'), issues, (a) =>
    firstUnknown([
      ['employeeId', a.employeeId, people, 'employee'],
      ['managerId', a.managerId, people, 'employee'],
      ['teamId', a.teamId, knownTeams, 'team'],
    ]),
  );
  assignments = noOverlap(
    'assignments',
    assignments,
    issues,
    (a) => ({ key: a.employeeId, from: a.validFrom, to: a.validTo }),
    'assignments',
  );
  const cycles = managerCycles(assignments.records);
  {
    let index = 0;
    assignments = keep('assignments', assignments, issues, () => cycles.get(index++));
  }

  const leaves = keep('leaves', parse('leaves'), issues, (l) =>
    firstUnknown([['employeeId', l.employeeId, people, 'employee']]),
  );
  const careerEvents = keep('careerEvents', parse('careerEvents'), issues, (c) =>
    firstUnknown([['employeeId', c.employeeId, people, 'employee']]),
  );
  return {
    people,
    knownTeams,
    employees: employees.records,
    teams: teams.records,
    spells: spells.records,
    assignments: assignments.records,
    leaves: leaves.records,
    careerEvents: careerEvents.records,
  };
}

/** Surveys, their questions, invitations and responses. @internal */
function checkSurveys(
  parse: ParseCollection,
  issues: ValidationIssue[],
  people: ReadonlySet<string>,
) {
  const surveys = unique(
    'surveys',
    parse('surveys'),
    issues,
    (s) => s.id,
    (s) => `survey id "${s.id}"`,
  );
  const surveyById = new Map(surveys.records.map((s) => [s.id, s]));
  const surveyIds = new Set(surveyById.keys());
  let questions = keep('questions', parse('questions'), issues, (q) =>
    firstUnknown([['surveyId', q.surveyId, surveyIds, 'survey']]),
  );
  questions = unique(
    'questions',
    questions,
    issues,
    (q) => `${q.surveyId}\u0000${q.id}`,
    (q) => `question "${q.id}" of survey "${q.surveyId}"`,
  );
  const questionByKey = new Map(questions.records.map((q) => [`${q.surveyId}\u0000${q.id}`, q]));

  let invitations = keep('invitations', parse('invitations'), issues, (i) =>
    firstUnknown([
      ['surveyId', i.surveyId, surveyIds, 'survey'],
      ['employeeId', i.employeeId, people, 'employee'],
    ]),
  );
  invitations = unique(
    'invitations',
    invitations,
    issues,
    (i) => `${i.surveyId}\u0000${i.employeeId}`,
    (i) => `invitation of "${i.employeeId}" to "${i.surveyId}"`,
  );
  const responses = checkResponses(parse, issues, { people, surveyById, questionByKey });
  return {
    surveyById,
    surveys: surveys.records,
    questions: questions.records,
    invitations: invitations.records,
    responses,
  };
}

/** Responses: known survey, respondent and questions, answers on scale, confidentiality. @internal */
function checkResponses(
  parse: ParseCollection,
  issues: ValidationIssue[],
  known: {
    readonly people: ReadonlySet<string>;
    readonly surveyById: ReadonlyMap<string, Survey>;
    readonly questionByKey: ReadonlyMap<string, Question>;
  },
) {
  const { people, surveyById, questionByKey } = known;
  let responses = unique(
    'responses',
    parse('responses'),
    issues,
    (r) => r.id,
    (r) => `response id "${r.id}"`,
  );
  responses = keep('responses', responses, issues, (response) => {
    const survey = surveyById.get(response.surveyId);
    if (survey === undefined) return unknown('surveyId', 'survey', response.surveyId);
    if (response.respondentId !== undefined) {
      if (survey.confidentiality === 'anonymous') {
        return {
          path: 'respondentId',
          code: 'anonymous_respondent',
          message: `survey "${survey.id}" is anonymous: a response must not carry a respondent id`,
        };
      }
      if (!people.has(response.respondentId))
        return unknown('respondentId', 'employee', response.respondentId);
    }
    for (const [questionId, value] of Object.entries(response.answers)) {
      const question = questionByKey.get(`${survey.id}\u0000${questionId}`);
      // A null answer to a question the survey does not have says "not asked": wide CSV files
      // hold one column per question of every survey, so each response leaves the others empty.
      if (question === undefined && value === null) continue;
      if (question === undefined) {
        return {
          path: `answers.${questionId}`,
          code: 'unknown_question',
          message: `survey "${survey.id}" has no question "${questionId}"`,
        };
      }
      const problem = answerProblem(question, value);
      if (problem !== undefined)
        return {
          path: `answers.${questionId}`,
          code: 'off_scale',
          message: `answers.${questionId} ${problem}`,
        };
    }
    for (const [index, comment] of response.comments.entries()) {
      if (
        comment.questionId !== undefined &&
        !questionByKey.has(`${survey.id}\u0000${comment.questionId}`)
      ) {
        return {
          path: `comments.${index}.questionId`,
          code: 'unknown_question',
          message: `survey "${survey.id}" has no question "${comment.questionId}"`,
        };
      }
    }
    return undefined;
  });

  responses.records = responses.records.map((response) => {
    const notAsked = Object.entries(response.answers).filter(
      ([questionId, value]) =>
        value === null && !questionByKey.has(`${response.surveyId}\u0000${questionId}`),
    );
    if (notAsked.length === 0) return response;
    const answers = Object.fromEntries(
      Object.entries(response.answers).filter(
        ([questionId]) => !notAsked.some(([id]) => id === questionId),
      ),
    );
    return { ...response, answers };
  });

  return responses.records;
}

/** Ideas, concerns, one-to-ones, follow-ups and occasions. @internal */
function checkServiceRecords(
  parse: ParseCollection,
  issues: ValidationIssue[],
  known: {
    readonly people: ReadonlySet<string>;
    readonly knownTeams: ReadonlySet<string>;
    readonly surveyById: ReadonlyMap<string, Survey>;
  },
) {
  const { people, knownTeams, surveyById } = known;
  const surveyIds = new Set(surveyById.keys());
  const personAndManager = (r: { employeeId: string; managerId: string }) =>
    firstUnknown([
      ['employeeId', r.employeeId, people, 'employee'],
      ['managerId', r.managerId, people, 'employee'],
    ]);
  let ideas = unique(
    'ideas',
    parse('ideas'),
    issues,
    (i) => i.id,
    (i) => `idea id "${i.id}"`,
  );
  ideas = keep('ideas', ideas, issues, personAndManager);
  let concerns = unique(
    'concerns',
    parse('concerns'),
    issues,
    (c) => c.id,
    (c) => `concern id "${c.id}"`,
  );
  concerns = keep('concerns', concerns, issues, personAndManager);
  let oneOnOnes = unique(
    'oneOnOnes',
    parse('oneOnOnes'),
    issues,
    (o) => o.id,
    (o) => `one-to-one id "${o.id}"`,
  );
  oneOnOnes = keep('oneOnOnes', oneOnOnes, issues, personAndManager);
  let followUps = unique(
    'followUps',
    parse('followUps'),
    issues,
    (f) => f.id,
    (f) => `follow-up id "${f.id}"`,
  );
  followUps = keep('followUps', followUps, issues, (f) => {
    const missing = firstUnknown([
      ['managerId', f.managerId, people, 'employee'],
      ['surveyId', f.surveyId, surveyIds, 'survey'],
      ['employeeId', f.employeeId, people, 'employee'],
      ['teamId', f.teamId, knownTeams, 'team'],
    ]);
    if (missing !== undefined) return missing;
    const mode = surveyById.get(f.surveyId)?.confidentiality;
    if (f.audience === 'person' && mode !== 'identified') {
      return {
        path: 'audience',
        code: 'confidentiality',
        message: `survey "${f.surveyId}" is ${mode}: a follow-up must address the team, not a person`,
      };
    }
    return undefined;
  });
  const occasions = keep('occasions', parse('occasions'), issues, (o) =>
    firstUnknown([['employeeId', o.employeeId, people, 'employee']]),
  );

  return {
    ideas: ideas.records,
    concerns: concerns.records,
    oneOnOnes: oneOnOnes.records,
    followUps: followUps.records,
    occasions: occasions.records,
  };
}

/** The teams on a parent cycle, each with the cycle written out. O(teams). @internal */
function teamCycles(
  teams: readonly { id: string; parentId?: string | undefined }[],
): Map<string, string> {
  const parent = new Map(teams.map((t) => [t.id, t.parentId]));
  const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
  const result = new Map<string, string>();
  for (const team of teams) {
    const path: string[] = [];
    let current: string | undefined = team.id;
    while (current !== undefined && state.get(current) === undefined) {
      state.set(current, 1);
      path.push(current);
      current = parent.get(current);
    }
    if (current !== undefined && state.get(current) === 1) {
      const cycle = path.slice(path.indexOf(current));
      const text = [...cycle, current].join(' -> ');
      for (const id of cycle) result.set(id, text);
    }
    for (const id of path) state.set(id, 2);
  }
  return result;
}

/**
 * Sweeps the assignment history day by day (only the days where something changes) and refuses
 * each assignment that would close a manager cycle on its first day. The caller has already
 * refused overlapping assignments, so each person has at most one manager on a day.
 * O(assignments x reporting depth). @internal
 */
function managerCycles(
  assignments: readonly {
    employeeId: string;
    managerId?: string | undefined;
    validFrom: string;
    validTo?: string | undefined;
  }[],
): Map<number, Problem> {
  type Change = { day: string; index: number; start: boolean };
  const changes: Change[] = [];
  assignments.forEach((a, index) => {
    if (a.managerId === undefined) return;
    changes.push({ day: a.validFrom, index, start: true });
    if (a.validTo !== undefined)
      changes.push({ day: addCalendarDays(a.validTo, 1), index, start: false });
  });
  // On one day, ends before starts, so a handover on the same day is not a cycle.
  changes.sort((x, y) =>
    x.day < y.day ? -1 : x.day > y.day ? 1 : Number(x.start) - Number(y.start),
  );
  const managerOf = new Map<string, string>();
  const refused = new Map<number, Problem>();
  for (const change of changes) {
    const a = assignments[change.index]!;
    if (refused.has(change.index)) continue;
    if (!change.start) {
      if (managerOf.get(a.employeeId) === a.managerId) managerOf.delete(a.employeeId);
      continue;
    }
    const chain = [a.employeeId];
    let current: string | undefined = a.managerId;
    while (
      current !== undefined &&
      current !== a.employeeId &&
      chain.length <= managerOf.size + 1
    ) {
      chain.push(current);
      current = managerOf.get(current);
    }
    if (current === a.employeeId) {
      refused.set(change.index, {
        path: 'managerId',
        code: 'manager_cycle',
        message: `on ${change.day} the reporting line ${[...chain, a.employeeId].join(' -> ')} is a cycle`,
      });
      continue;
    }
    managerOf.set(a.employeeId, a.managerId!);
  }
  return refused;
}
