import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { type DatasetInput, validateDataset } from './dataset.js';

/** A small valid organisation: a CEO, two managers, four reports, two surveys. */
function organisation(): DatasetInput {
  return {
    employees: ['ceo', 'm1', 'm2', 'a', 'b', 'c', 'd'].map((id) => ({
      id,
      name: id.toUpperCase(),
    })),
    teams: [
      { id: 'root', name: 'Company' },
      { id: 'ops', name: 'Ops', parentId: 'root' },
      { id: 'eng', name: 'Engineering', parentId: 'root' },
    ],
    spells: ['ceo', 'm1', 'm2', 'a', 'b', 'c', 'd'].map((employeeId) => ({
      employeeId,
      hireDate: '2022-01-03',
    })),
    assignments: [
      { employeeId: 'ceo', teamId: 'root', validFrom: '2022-01-03' },
      { employeeId: 'm1', managerId: 'ceo', teamId: 'ops', validFrom: '2022-01-03' },
      { employeeId: 'm2', managerId: 'ceo', teamId: 'eng', validFrom: '2022-01-03' },
      { employeeId: 'a', managerId: 'm1', teamId: 'ops', validFrom: '2022-01-03' },
      { employeeId: 'b', managerId: 'm1', teamId: 'ops', validFrom: '2022-01-03' },
      { employeeId: 'c', managerId: 'm2', teamId: 'eng', validFrom: '2022-01-03' },
      { employeeId: 'd', managerId: 'm2', teamId: 'eng', validFrom: '2022-01-03' },
    ],
    surveys: [
      { id: 'anon', name: 'Pulse', confidentiality: 'anonymous', opensOn: '2024-01-08' },
      { id: 'named', name: 'Check-in', confidentiality: 'identified', opensOn: '2024-04-08' },
    ],
    questions: [
      { id: 'enps', surveyId: 'anon', kind: 'enps', text: 'How likely ...' },
      { id: 'grow', surveyId: 'anon', kind: 'likert', points: 5, text: 'I can grow here' },
      { id: 'enps', surveyId: 'named', kind: 'enps', text: 'How likely ...' },
      {
        id: 'stay',
        surveyId: 'named',
        kind: 'yesNo',
        text: 'I plan to be here in a year',
        tags: ['intent-to-stay'],
      },
      { id: 'why', surveyId: 'named', kind: 'text', text: 'Why?' },
    ],
    invitations: [{ surveyId: 'anon', employeeId: 'a' }],
    responses: [
      {
        id: 'r1',
        surveyId: 'anon',
        submittedAt: '2024-01-09T10:00:00Z',
        answers: { enps: 9, grow: 4 },
      },
      {
        id: 'r2',
        surveyId: 'named',
        respondentId: 'a',
        submittedAt: '2024-04-09T10:00:00Z',
        answers: { enps: 3, stay: false, why: 'Workload' },
      },
    ],
    followUps: [
      {
        id: 'f1',
        managerId: 'm1',
        surveyId: 'named',
        date: '2024-04-10',
        audience: 'person',
        employeeId: 'a',
        regarding: 'score',
      },
      {
        id: 'f2',
        managerId: 'm1',
        surveyId: 'anon',
        date: '2024-01-20',
        audience: 'team',
        teamId: 'ops',
      },
    ],
    oneOnOnes: [{ id: 'o1', employeeId: 'a', managerId: 'm1', date: '2024-02-01' }],
    ideas: [
      {
        id: 'i1',
        employeeId: 'b',
        managerId: 'm1',
        title: 'x',
        statusHistory: [{ status: 'raised', at: '2024-02-01T09:00:00Z' }],
      },
    ],
    concerns: [
      {
        id: 'c1',
        employeeId: 'c',
        managerId: 'm2',
        topic: 'x',
        statusHistory: [{ status: 'raised', at: '2024-02-01T09:00:00Z' }],
      },
    ],
    occasions: [{ employeeId: 'd', kind: 'work-anniversary', date: '2025-01-03' }],
    leaves: [{ employeeId: 'b', kind: 'parental', startDate: '2024-05-01', endDate: '2024-10-31' }],
    careerEvents: [{ employeeId: 'c', kind: 'promotion', date: '2024-07-01' }],
  };
}

function codes(input: DatasetInput): [string | undefined, number, string, string][] {
  return validateDataset(input).issues.map((issue) => [
    issue.collection,
    issue.row,
    issue.path,
    issue.code,
  ]);
}

describe('validateDataset', () => {
  it('accepts a consistent organisation and keeps every record', () => {
    const { dataset, issues } = validateDataset(organisation());
    expect(issues).toEqual([]);
    expect(dataset.employees).toHaveLength(7);
    expect(dataset.responses).toHaveLength(2);
    expect(dataset.spells[0]).toEqual({ employeeId: 'ceo', hireDate: '2022-01-03' });
  });

  it('gives empty collections for an empty dataset', () => {
    const { dataset, issues } = validateDataset({});
    expect(issues).toEqual([]);
    expect(Object.values(dataset).every((records) => records.length === 0)).toBe(true);
  });

  it('reports a second person with the same id and keeps the first', () => {
    const input = organisation();
    input.employees = [...(input.employees ?? []), { id: 'a', name: 'Another A' }];
    const { dataset, issues } = validateDataset(input);
    expect(issues).toEqual([
      {
        row: 8,
        collection: 'employees',
        path: '',
        code: 'duplicate',
        message: 'employees row 8: employee id "a" duplicates row 4',
      },
    ]);
    expect(dataset.employees.find((e) => e.id === 'a')?.name).toBe('A');
  });

  it('accepts a rehire as two spells and refuses overlapping spells', () => {
    const input = organisation();
    input.spells = [
      ...(input.spells ?? []).filter((s) => s.employeeId !== 'a'),
      {
        employeeId: 'a',
        hireDate: '2020-01-06',
        terminationDate: '2021-03-31',
        separationKind: 'voluntary',
        regretted: true,
      },
      { employeeId: 'a', hireDate: '2022-01-03' },
    ];
    expect(codes(input)).toEqual([]);
    input.spells.push({
      employeeId: 'a',
      hireDate: '2021-03-31',
      terminationDate: '2021-12-31',
      separationKind: 'other',
    });
    expect(codes(input)).toEqual([['spells', 9, '', 'overlapping_spells']]);
  });

  it('refuses references to unknown people, managers, teams and surveys', () => {
    const input = organisation();
    input.spells?.push({ employeeId: 'ghost', hireDate: '2024-01-01' });
    input.assignments?.push({
      employeeId: 'ceo',
      managerId: 'nobody',
      teamId: 'root',
      validFrom: '2021-01-01',
      validTo: '2021-12-31',
    });
    input.assignments?.push({
      employeeId: 'c',
      managerId: 'm2',
      teamId: 'nowhere',
      validFrom: '2021-01-01',
      validTo: '2021-12-31',
    });
    input.teams?.push({ id: 'lost', name: 'Lost', parentId: 'missing' });
    input.invitations?.push({ surveyId: 'nope', employeeId: 'a' });
    expect(codes(input)).toEqual([
      ['teams', 4, 'parentId', 'unknown_reference'],
      ['spells', 8, 'employeeId', 'unknown_reference'],
      ['assignments', 8, 'managerId', 'unknown_reference'],
      ['assignments', 9, 'teamId', 'unknown_reference'],
      ['invitations', 2, 'surveyId', 'unknown_reference'],
    ]);
  });

  it('refuses a manager cycle on the day it would start, naming the chain', () => {
    const input = organisation();
    // m1 reports to a from 2024-06-01 while a reports to m1: a cycle from that day.
    input.assignments = (input.assignments ?? []).map((a) =>
      a.employeeId === 'm1' ? { ...a, validTo: '2024-05-31' } : a,
    );
    input.assignments.push({
      employeeId: 'm1',
      managerId: 'a',
      teamId: 'ops',
      validFrom: '2024-06-01',
    });
    const { issues } = validateDataset(input);
    expect(issues).toEqual([
      {
        row: 8,
        collection: 'assignments',
        path: 'managerId',
        code: 'manager_cycle',
        message: 'assignments row 8: on 2024-06-01 the reporting line m1 -> a -> m1 is a cycle',
      },
    ]);
  });

  it('allows a handover on one day: a stops reporting to m1 as m1 starts reporting to a', () => {
    const input = organisation();
    input.assignments = (input.assignments ?? []).map((a) =>
      a.employeeId === 'm1' || a.employeeId === 'a' ? { ...a, validTo: '2024-05-31' } : a,
    );
    input.assignments.push({
      employeeId: 'm1',
      managerId: 'a',
      teamId: 'ops',
      validFrom: '2024-06-01',
    });
    input.assignments.push({
      employeeId: 'a',
      managerId: 'ceo',
      teamId: 'ops',
      validFrom: '2024-06-01',
    });
    expect(codes(input)).toEqual([]);
  });

  it('refuses overlapping assignments of one person', () => {
    const input = organisation();
    input.assignments?.push({
      employeeId: 'a',
      managerId: 'm2',
      teamId: 'eng',
      validFrom: '2023-01-01',
    });
    expect(codes(input)).toEqual([['assignments', 8, '', 'overlapping_assignments']]);
  });

  it('refuses a cycle in the team tree', () => {
    const input = organisation();
    input.teams?.push({ id: 'x', name: 'X', parentId: 'y' }, { id: 'y', name: 'Y', parentId: 'x' });
    const { issues } = validateDataset(input);
    expect(issues.map((issue) => [issue.row, issue.code])).toEqual([
      [4, 'team_cycle'],
      [5, 'team_cycle'],
    ]);
    expect(issues[0]?.message).toContain('x -> y -> x');
  });

  it('refuses a respondent id on an anonymous survey', () => {
    const input = organisation();
    input.responses?.push({
      id: 'r3',
      surveyId: 'anon',
      respondentId: 'b',
      submittedAt: '2024-01-09T11:00:00Z',
      answers: { enps: 10 },
    });
    expect(codes(input)).toEqual([['responses', 3, 'respondentId', 'anonymous_respondent']]);
  });

  it('refuses answers off the question scale and answers to questions the survey does not have', () => {
    const input = organisation();
    const answer = (id: string, answers: Record<string, number | string | boolean | null>) => ({
      id,
      surveyId: 'anon',
      submittedAt: '2024-01-09T11:00:00Z',
      answers,
    });
    input.responses?.push(
      answer('r3', { enps: 11 }),
      answer('r4', { enps: -1 }),
      answer('r5', { enps: 7.5 }),
      answer('r6', { enps: '' }),
      answer('r7', { enps: 'abc' }),
      answer('r8', { grow: 6 }),
      answer('r9', { stay: true }),
      answer('r10', { enps: null, grow: null }),
    );
    const { issues } = validateDataset(input);
    expect(issues.map((issue) => [issue.row, issue.path, issue.code])).toEqual([
      [3, 'answers.enps', 'off_scale'],
      [4, 'answers.enps', 'off_scale'],
      [5, 'answers.enps', 'off_scale'],
      [6, 'answers.enps', 'off_scale'],
      [7, 'answers.enps', 'off_scale'],
      [8, 'answers.grow', 'off_scale'],
      [9, 'answers.stay', 'unknown_question'],
    ]);
    expect(issues[2]?.message).toBe(
      'responses row 5: answers.enps must be a whole number from 0 to 10 for an eNPS question, got 7.5',
    );
  });

  it('drops null answers to questions the survey does not have, which wide files leave empty', () => {
    const input = organisation();
    input.responses?.push({
      id: 'r3',
      surveyId: 'anon',
      submittedAt: '2024-01-09T11:00:00Z',
      answers: { enps: 8, stay: null, why: null },
    });
    const { dataset, issues } = validateDataset(input);
    expect(issues).toEqual([]);
    expect(dataset.responses.find((response) => response.id === 'r3')?.answers).toEqual({
      enps: 8,
    });
  });

  it('refuses a follow-up naming a person on a survey that is not identified', () => {
    const input = organisation();
    input.followUps?.push({
      id: 'f3',
      managerId: 'm1',
      surveyId: 'anon',
      date: '2024-01-20',
      audience: 'person',
      employeeId: 'b',
    });
    expect(codes(input)).toEqual([['followUps', 3, 'audience', 'confidentiality']]);
  });

  it('refuses records of people and managers who do not exist', () => {
    const input = organisation();
    input.oneOnOnes?.push({ id: 'o2', employeeId: 'a', managerId: 'zed', date: '2024-02-01' });
    input.occasions?.push({ employeeId: 'zed', kind: 'birthday', date: '2024-02-29' });
    input.leaves?.push({ employeeId: 'zed', kind: 'sick', startDate: '2024-02-01' });
    expect(codes(input)).toEqual([
      ['leaves', 2, 'employeeId', 'unknown_reference'],
      ['oneOnOnes', 2, 'managerId', 'unknown_reference'],
      ['occasions', 2, 'employeeId', 'unknown_reference'],
    ]);
  });

  it('reports unknown collections and collections that are not arrays', () => {
    expect(
      validateDataset({ employes: [], teams: {} } as unknown).issues.map((issue) => [
        issue.path,
        issue.code,
      ]),
    ).toEqual([
      ['employes', 'unrecognized_keys'],
      ['teams', 'invalid_type'],
    ]);
  });

  it('throws VALIDATION_FAILED in strict mode and INVALID_INPUT for a non-object', () => {
    const input = organisation();
    input.spells?.push({ employeeId: 'ghost', hireDate: '2024-01-01' });
    expect(() => validateDataset(input, { strict: true })).toThrowError(
      /validateDataset found 1 issue/,
    );
    try {
      validateDataset([] as unknown);
      expect.unreachable();
    } catch (error) {
      expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
    }
  });

  it('does not mutate its input', () => {
    const input = organisation();
    const copy = structuredClone(input);
    validateDataset(input);
    expect(input).toEqual(copy);
  });
});
