import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../schemas/dataset.js';
import { fitRetentionModel } from '../model/fitRetentionModel.js';
import { retentionPeople } from '../retentionPeople.js';
import { retentionSignals } from './retentionSignals.js';
import { DEFAULT_SIGNAL_WEIGHTS, signalRisk } from './signalRisk.js';
import { tenureHazard } from './tenureHazard.js';

const at = (day: string) => `${day}T09:00:00Z`;
const { dataset } = validateDataset({
  employees: [
    { id: 'a', name: 'Ada', preferredOneOnOneDays: 14 },
    { id: 'b', name: 'Ben' },
    { id: 'm', name: 'Mo' },
    { id: 'n', name: 'Nia' },
  ],
  spells: [
    { employeeId: 'a', hireDate: '2025-03-01' },
    { employeeId: 'b', hireDate: '2019-01-01' },
    { employeeId: 'm', hireDate: '2018-01-01' },
    { employeeId: 'n', hireDate: '2018-01-01' },
  ],
  teams: [{ id: 't', name: 'T' }],
  assignments: [
    {
      employeeId: 'a',
      managerId: 'n',
      teamId: 't',
      validFrom: '2025-03-01',
      validTo: '2025-05-31',
    },
    { employeeId: 'a', managerId: 'm', teamId: 't', validFrom: '2025-06-01' },
    { employeeId: 'b', managerId: 'm', teamId: 't', validFrom: '2019-01-01' },
  ],
  surveys: [
    { id: 'i1', name: 'Check-in 1', confidentiality: 'identified', opensOn: '2025-04-01' },
    { id: 'i2', name: 'Check-in 2', confidentiality: 'identified', opensOn: '2025-07-01' },
    { id: 'c1', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-07-15' },
  ],
  questions: [
    { id: 'q', surveyId: 'i1', kind: 'enps', text: 'Recommend?' },
    { id: 'q', surveyId: 'i2', kind: 'enps', text: 'Recommend?' },
    {
      id: 'stay',
      surveyId: 'i2',
      kind: 'yesNo',
      text: 'Here in a year?',
      tags: ['intent-to-stay'],
    },
    { id: 'q', surveyId: 'c1', kind: 'enps', text: 'Recommend?' },
  ],
  responses: [
    {
      id: 'r1',
      surveyId: 'i1',
      respondentId: 'a',
      submittedAt: at('2025-04-02'),
      answers: { q: 9 },
    },
    {
      id: 'r2',
      surveyId: 'i2',
      respondentId: 'a',
      submittedAt: at('2025-07-02'),
      answers: { q: 5, stay: false },
    },
    {
      id: 'r3',
      surveyId: 'c1',
      respondentId: 'b',
      submittedAt: at('2025-07-16'),
      answers: { q: 2 },
    },
  ],
  oneOnOnes: [
    { id: 'o1', employeeId: 'a', managerId: 'm', date: '2025-07-01' },
    { id: 'o2', employeeId: 'b', managerId: 'm', date: '2025-08-20' },
  ],
  concerns: [
    {
      id: 'c',
      employeeId: 'a',
      managerId: 'm',
      topic: 'x',
      statusHistory: [{ status: 'raised', at: at('2025-07-10') }],
    },
  ],
  ideas: [
    {
      id: 'i',
      employeeId: 'b',
      managerId: 'm',
      title: 'x',
      statusHistory: [{ status: 'raised', at: at('2025-08-25') }],
    },
  ],
  careerEvents: [{ employeeId: 'b', kind: 'promotion', date: '2023-01-01' }],
});
const asOf = '2025-08-31';
const present = (signals: ReturnType<typeof retentionSignals>) =>
  Object.fromEntries(signals.map((s) => [s.id, s.present]));

describe('retentionSignals', () => {
  it('derives each signal for someone who answered identified surveys', () => {
    // a: eNPS 9 then 5 (detractor, a drop of 4), "no" to staying, last
    // one-to-one 61 days ago (cadence 14), a concern open 52 days, no idea, no career event
    // recorded for a (but some in the dataset), a new manager since 1 June.
    expect(present(retentionSignals('a', dataset, { asOf }))).toEqual({
      detractor: true,
      enpsDrop: true,
      intentToStayNegative: true,
      highHazardTenure: null, // nobody has left yet: no life table to judge by
      oneOnOneOverdue: true,
      oldOpenConcern: true,
      unansweredIdea: false,
      noRecentPromotionOrRaise: false,
      managerChanged: true,
    });
  });

  it('never uses confidential answers for a person', () => {
    // b answered 2 in a confidential survey: the survey signals are unknown, not "detractor".
    const signals = retentionSignals('b', dataset, { asOf });
    expect(present(signals)).toMatchObject({
      detractor: null,
      enpsDrop: null,
      intentToStayNegative: null,
      unansweredIdea: false,
    });
    expect(signals.find((s) => s.id === 'detractor')?.reason).toBe(
      'no eNPS answer in an identified survey',
    );
    // b: last promotion 2023-01-01, more than 24 months before asOf.
    expect(present(signals).noRecentPromotionOrRaise).toBe(true);
  });

  it('ignores identified surveys older than the window', () => {
    expect(present(retentionSignals('a', dataset, { asOf: '2026-08-31' })).detractor).toBeNull();
  });

  it('refuses someone not employed on asOf', () => {
    expect(() => retentionSignals('a', dataset, { asOf: '2024-01-01' })).toThrow(/not employed/);
  });
});

describe('tenureHazard', () => {
  it('counts leavers and person-months per tenure band', () => {
    const people = [
      {
        id: 'x',
        spells: [
          {
            hireDate: '2024-01-01',
            terminationDate: '2024-02-29',
            separationKind: 'voluntary' as const,
          },
        ],
      },
      { id: 'y', spells: [{ hireDate: '2024-01-01' }] },
    ];
    const table = tenureHazard(people, { asOf: '2024-12-31', since: '2024-01-01' });
    // x: 60 days (1.97 months) in 0-3, leaving there; y: 366 days (12.03 months) across 0-3, 3-6, 6-12, 12-24.
    expect(table.bands.map((b) => b.events)).toEqual([1, 0, 0, 0, 0]);
    expect(table.bands[0]?.exposure).toBeCloseTo(60 / 30.436875 + 3, 10);
    expect(table.bands[3]?.exposure).toBeCloseTo(366 / 30.436875 - 12, 10);
    expect(table.overall).toBeCloseTo(1 / ((60 + 366) / 30.436875), 10);
  });

  it('observes nothing before recordsStart: a later since wins', () => {
    const people = [{ id: 'y', spells: [{ hireDate: '2020-01-01' }] }];
    const early = tenureHazard(people, { asOf: '2024-12-31', since: '2020-01-01' });
    const late = tenureHazard(people, {
      asOf: '2024-12-31',
      since: '2020-01-01',
      recordsStart: '2024-01-01',
    });
    // From 2024-01-01 only: tenure 48.0 to 60.0 months, all in the 24+ band.
    expect(early.bands[0]?.exposure).toBeCloseTo(3, 10);
    expect(late.bands.map((b) => b.exposure).slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(late.bands[4]?.exposure).toBeCloseTo(366 / 30.436875, 10);
  });

  it('finds the first year riskiest in the sample organisation', () => {
    const bands = tenureHazard(retentionPeople(dataset), { asOf }).bands;
    expect(bands).toHaveLength(5);
    expect(() => tenureHazard([], { asOf, edges: [1, 2] })).toThrow(/edges/);
  });
});

describe('signalRisk', () => {
  it('adds the default weights of present signals to the log-odds of the base rate', () => {
    const signals = retentionSignals('a', dataset, { asOf });
    const risk = signalRisk(signals, { baseRate: 0.1 });
    const added = risk.contributions.reduce((sum, c) => sum + c.weight, 0);
    expect(risk.probability).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(0.1 / 0.9) + added))), 12);
    expect(risk.contributions[0]?.id).toBe('intentToStayNegative');
    expect(risk.contributions.every((c) => c.weight === DEFAULT_SIGNAL_WEIGHTS[c.id].weight)).toBe(
      true,
    );
    expect(risk.tier).toBe('high');
    expect(risk.signals).toBe(signals);
  });

  it("uses a model fitted on the organisation's own history instead, when given", () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      detractor: i % 2,
      managerChanged: i % 3 === 0 ? 1 : 0,
      left: (i % 2 === 1 && i % 5 !== 0) || i % 7 === 0 ? 1 : 0,
    }));
    const model = fitRetentionModel(rows, {
      features: ['detractor', 'managerChanged'],
      label: 'left',
      positive: 1,
    });
    const risk = signalRisk(retentionSignals('a', dataset, { asOf }), { model });
    expect(risk.method).toBe('model');
    expect(risk.contributions.map((c) => c.id)).toContain('detractor');
  });

  it('refuses a base rate outside (0, 1)', () => {
    expect(() => signalRisk([], { baseRate: 1 })).toThrow(/base rate/);
  });
});
