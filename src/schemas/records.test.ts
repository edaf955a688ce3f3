import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
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
  QuestionSchema,
  SurveyInvitationSchema,
  SurveyResponseSchema,
  SurveySchema,
} from './survey.js';

/** The [path, code] of each issue for one row. */
function problems(schema: z.ZodType, row: unknown): [string, string][] {
  return parseRecords(schema, [row]).issues.map((issue) => [issue.path, issue.code]);
}

function messages(schema: z.ZodType, row: unknown): string[] {
  return parseRecords(schema, [row]).issues.map((issue) => issue.message);
}

describe('EmployeeSchema', () => {
  it('fills defaults: an employee, no birthday sharing, no attributes', () => {
    expect(parseRecords(EmployeeSchema, [{ id: 'e1', name: 'Ada' }]).records[0]).toEqual({
      id: 'e1',
      name: 'Ada',
      workerType: 'employee',
      shareBirthday: false,
      attributes: {},
      protectedAttributes: {},
    });
  });

  it('keeps protected characteristics out of the free attributes', () => {
    expect(
      problems(EmployeeSchema, { id: 'e1', name: 'Ada', attributes: { Gender: 'F' } }),
    ).toEqual([['attributes.Gender', 'custom']]);
    expect(
      problems(EmployeeSchema, {
        id: 'e1',
        name: 'Ada',
        protectedAttributes: { gender: 'F', ageBand: '30-39' },
      }),
    ).toEqual([]);
  });

  it('refuses an unknown worker type, an impossible birthday and a zero cadence', () => {
    expect(
      problems(EmployeeSchema, {
        id: 'e1',
        name: 'Ada',
        workerType: 'intern',
        birthDate: '1990-02-30',
        preferredOneOnOneDays: 0,
      }),
    ).toEqual([
      ['workerType', 'invalid_value'],
      ['birthDate', 'invalid_format'],
      ['preferredOneOnOneDays', 'too_small'],
    ]);
  });

  it('refuses ids that are empty or padded with white space', () => {
    expect(problems(EmployeeSchema, { id: '', name: 'Ada' })).toEqual([['id', 'too_small']]);
    expect(problems(EmployeeSchema, { id: ' e1', name: 'Ada' })).toEqual([['id', 'custom']]);
  });
});

describe('EmploymentSpellSchema', () => {
  it('accepts an open spell and a one-day spell', () => {
    expect(problems(EmploymentSpellSchema, { employeeId: 'e1', hireDate: '2024-01-01' })).toEqual(
      [],
    );
    expect(
      problems(EmploymentSpellSchema, {
        employeeId: 'e1',
        hireDate: '2024-01-01',
        terminationDate: '2024-01-01',
        separationKind: 'other',
      }),
    ).toEqual([]);
  });

  it('refuses a termination before the hire', () => {
    expect(
      messages(EmploymentSpellSchema, {
        employeeId: 'e1',
        hireDate: '2024-05-01',
        terminationDate: '2024-04-30',
        separationKind: 'voluntary',
        regretted: true,
      }),
    ).toEqual([
      'row 1, terminationDate: terminationDate 2024-04-30 is before hireDate 2024-05-01 (got "2024-04-30")',
    ]);
  });

  it('requires a separation kind with a termination, and allows regretted only with one', () => {
    expect(
      problems(EmploymentSpellSchema, {
        employeeId: 'e1',
        hireDate: '2024-01-01',
        terminationDate: '2024-06-30',
      }),
    ).toEqual([['separationKind', 'custom']]);
    expect(
      problems(EmploymentSpellSchema, {
        employeeId: 'e1',
        hireDate: '2024-01-01',
        regretted: false,
      }),
    ).toEqual([['regretted', 'custom']]);
  });
});

describe('TeamSchema, AssignmentSchema, LeaveSchema, CareerEventSchema', () => {
  it('accepts a root team and a child team', () => {
    expect(
      parseRecords(TeamSchema, [
        { id: 't0', name: 'Company' },
        { id: 't1', name: 'Sales', parentId: 't0' },
      ]).issues,
    ).toEqual([]);
  });

  it('refuses self-management and a range that ends before it starts', () => {
    expect(
      problems(AssignmentSchema, {
        employeeId: 'e1',
        managerId: 'e1',
        teamId: 't1',
        validFrom: '2024-02-01',
        validTo: '2024-01-31',
      }),
    ).toEqual([
      ['managerId', 'custom'],
      ['validTo', 'custom'],
    ]);
    expect(
      problems(LeaveSchema, {
        employeeId: 'e1',
        kind: 'parental',
        startDate: '2024-02-01',
        endDate: '2024-01-01',
      }),
    ).toEqual([['endDate', 'custom']]);
  });

  it('reads promotions and pay changes', () => {
    expect(
      problems(CareerEventSchema, {
        employeeId: 'e1',
        kind: 'pay-change',
        date: '2024-04-01',
        changePercent: 3.5,
      }),
    ).toEqual([]);
    expect(
      problems(CareerEventSchema, { employeeId: 'e1', kind: 'bonus', date: '2024-04-01' }),
    ).toEqual([['kind', 'invalid_value']]);
  });
});

describe('SurveySchema and QuestionSchema', () => {
  it('requires a confidentiality mode and a minimum group size of at least 3', () => {
    expect(problems(SurveySchema, { id: 's1', name: 'Q1 pulse', opensOn: '2024-01-08' })).toEqual([
      ['confidentiality', 'invalid_value'],
    ]);
    expect(
      problems(SurveySchema, {
        id: 's1',
        name: 'Q1',
        confidentiality: 'anonymous',
        opensOn: '2024-01-08',
        minGroupSize: 2,
      }),
    ).toEqual([['minGroupSize', 'too_small']]);
  });

  it('accepts Likert items of 2 to 11 points and refuses 1 and 12', () => {
    const base = { id: 'q1', surveyId: 's1', text: 'I see a path to grow here', kind: 'likert' };
    expect(problems(QuestionSchema, { ...base, points: 2 })).toEqual([]);
    expect(problems(QuestionSchema, { ...base, points: 11 })).toEqual([]);
    expect(problems(QuestionSchema, { ...base, points: 1 })).toEqual([['points', 'too_small']]);
    expect(problems(QuestionSchema, { ...base, points: 12 })).toEqual([['points', 'too_big']]);
  });

  it('checks that a favourability map covers the scale exactly once', () => {
    const base = { id: 'q1', surveyId: 's1', text: 'x', kind: 'likert', points: 5 };
    expect(
      problems(QuestionSchema, {
        ...base,
        favourability: { favourable: [5], neutral: [3, 4], unfavourable: [1, 2] },
      }),
    ).toEqual([]);
    expect(
      messages(QuestionSchema, {
        ...base,
        favourability: { favourable: [4, 5, 6], unfavourable: [1, 2, 2] },
      }),
    ).toEqual([
      'row 1, favourability.favourable: answer 6 is off the 1-5 scale (got [4,5,6])',
      'row 1, favourability.unfavourable: answer 2 is already unfavourable (got [1,2,2])',
      'row 1, favourability: answer 3 of the 1-5 scale is in no bucket (got {"favourable":[4,5,6],"unfavourable":[1,2,2]})',
    ]);
  });

  it('refuses an unknown question kind', () => {
    expect(
      problems(QuestionSchema, { id: 'q1', surveyId: 's1', text: 'x', kind: 'slider' }),
    ).toEqual([['kind', 'invalid_union']]);
  });
});

describe('SurveyInvitationSchema and SurveyResponseSchema', () => {
  it('accepts a response with skipped answers and comments', () => {
    const response = {
      id: 'r1',
      surveyId: 's1',
      respondentId: 'e1',
      submittedAt: '2024-01-09T10:15:00Z',
      answers: { enps: 9, growth: null, why: 'Good team' },
      comments: [{ text: 'More training, please' }],
    };
    expect(problems(SurveyResponseSchema, response)).toEqual([]);
    expect(
      problems(SurveyInvitationSchema, {
        surveyId: 's1',
        employeeId: 'e1',
        invitedOn: '2024-01-08',
      }),
    ).toEqual([]);
  });

  it('requires an instant with a zone, not a local time', () => {
    const base = { id: 'r1', surveyId: 's1', answers: {} };
    expect(
      problems(SurveyResponseSchema, { ...base, submittedAt: '2024-01-09T10:15:00+13:00' }),
    ).toEqual([]);
    expect(problems(SurveyResponseSchema, { ...base, submittedAt: '2024-01-09T10:15:00' })).toEqual(
      [['submittedAt', 'invalid_format']],
    );
    expect(problems(SurveyResponseSchema, { ...base, submittedAt: '2024-01-09' })).toEqual([
      ['submittedAt', 'invalid_format'],
    ]);
  });
});

describe('IdeaSchema and ConcernSchema', () => {
  const raised = { status: 'raised', at: '2024-03-01T09:00:00Z' };

  it('accepts a history that moves forward, skipping steps', () => {
    expect(
      problems(IdeaSchema, {
        id: 'i1',
        employeeId: 'e1',
        managerId: 'm1',
        title: 'Async stand-ups',
        statusHistory: [raised, { status: 'adopted', at: '2024-03-05T09:00:00Z' }],
      }),
    ).toEqual([]);
  });

  it('refuses a history out of order in status or in time', () => {
    expect(
      problems(ConcernSchema, {
        id: 'c1',
        employeeId: 'e1',
        managerId: 'm1',
        topic: 'Laptop too slow',
        statusHistory: [
          raised,
          { status: 'in-progress', at: '2024-03-02T09:00:00Z' },
          { status: 'acknowledged', at: '2024-03-01T08:00:00Z' },
        ],
      }),
    ).toEqual([
      ['statusHistory.2.status', 'custom'],
      ['statusHistory.2.at', 'custom'],
    ]);
    expect(
      problems(IdeaSchema, {
        id: 'i1',
        employeeId: 'e1',
        managerId: 'm1',
        title: 'x',
        statusHistory: [{ status: 'acknowledged', at: raised.at }],
      }),
    ).toEqual([['statusHistory.0.status', 'custom']]);
  });

  it('allows a resolution rating only on a resolved concern', () => {
    const base = { id: 'c1', employeeId: 'e1', managerId: 'm1', topic: 'x' };
    expect(
      problems(ConcernSchema, {
        ...base,
        statusHistory: [raised, { status: 'resolved', at: raised.at }],
        resolutionRating: 4,
      }),
    ).toEqual([]);
    expect(
      problems(ConcernSchema, { ...base, statusHistory: [raised], resolutionRating: 4 }),
    ).toEqual([['resolutionRating', 'custom']]);
    expect(
      problems(ConcernSchema, {
        ...base,
        statusHistory: [raised, { status: 'resolved', at: raised.at }],
        resolutionRating: 6,
      }),
    ).toEqual([['resolutionRating', 'too_big']]);
  });
});

describe('OneOnOneSchema, FollowUpSchema, OccasionSchema', () => {
  it('refuses a confirmed summary that was never written, and a need addressed before it was raised', () => {
    expect(
      problems(OneOnOneSchema, {
        id: 'o1',
        employeeId: 'e1',
        managerId: 'm1',
        date: '2024-03-10',
        summaryConfirmed: true,
        needs: [{ kind: 'tools', addressedOn: '2024-03-09' }],
      }),
    ).toEqual([
      ['summaryConfirmed', 'custom'],
      ['needs.0.addressedOn', 'custom'],
    ]);
  });

  it('requires a person for a personal follow-up and no person for a team follow-up', () => {
    const base = { id: 'f1', managerId: 'm1', surveyId: 's1', date: '2024-03-10' };
    expect(problems(FollowUpSchema, { ...base, audience: 'person' })).toEqual([
      ['employeeId', 'custom'],
    ]);
    expect(problems(FollowUpSchema, { ...base, audience: 'team', employeeId: 'e1' })).toEqual([
      ['employeeId', 'custom'],
    ]);
    expect(problems(FollowUpSchema, { ...base, audience: 'team', teamId: 't1' })).toEqual([]);
  });

  it('requires a label for a custom occasion', () => {
    expect(
      problems(OccasionSchema, { employeeId: 'e1', kind: 'custom', date: '2024-05-01' }),
    ).toEqual([['label', 'custom']]);
    expect(
      problems(OccasionSchema, {
        employeeId: 'e1',
        kind: 'birthday',
        date: '2024-02-29',
        acknowledged: true,
      }),
    ).toEqual([]);
  });
});
