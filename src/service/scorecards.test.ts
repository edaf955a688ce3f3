import { describe, expect, it } from 'vitest';
import { period } from '../core/period.js';
import { type DatasetInput, validateDataset } from '../schemas/dataset.js';
import { managerScorecard, scorecards } from './scorecards.js';
import { upcomingOccasions } from './upcomingOccasions.js';

/**
 * A hand-built team: manager M with six reports a-f in 2025; f leaves on 31 May (regretted). N
 * manages x only. Every expected value below is worked out in the comments.
 */
function team(): DatasetInput {
  const reports = ['a', 'b', 'c', 'd', 'e', 'f'];
  const at = (day: string) => `${day}T09:00:00Z`;
  // Status strings are checked by the schema when the dataset is validated below.
  const history = (...steps: [string, string][]) =>
    steps.map(([status, day]) => ({ status, at: at(day) })) as never;
  return {
    employees: [
      { id: 'M', name: 'Mia' },
      { id: 'N', name: 'Noor' },
      { id: 'x', name: 'Xan' },
      {
        id: 'a',
        name: 'Ada',
        birthDate: '1990-07-04',
        shareBirthday: true,
        preferredOneOnOneDays: 14,
      },
      { id: 'b', name: 'Ben', birthDate: '1992-07-01', preferredOneOnOneDays: 21 },
      { id: 'c', name: 'Cy' },
      { id: 'd', name: 'Dee' },
      { id: 'e', name: 'Eve' },
      { id: 'f', name: 'Fay', birthDate: '1991-07-02', shareBirthday: true },
    ],
    teams: [{ id: 'T', name: 'Team' }],
    spells: [
      ...['M', 'N', 'x', 'a', 'b', 'c', 'd'].map((employeeId) => ({
        employeeId,
        hireDate: '2020-01-01',
      })),
      { employeeId: 'e', hireDate: '2020-07-08' },
      {
        employeeId: 'f',
        hireDate: '2020-01-01',
        terminationDate: '2025-05-31',
        separationKind: 'voluntary' as const,
        regretted: true,
      },
    ],
    assignments: [
      { employeeId: 'M', teamId: 'T', validFrom: '2020-01-01' },
      { employeeId: 'N', teamId: 'T', validFrom: '2020-01-01' },
      { employeeId: 'x', managerId: 'N', teamId: 'T', validFrom: '2020-01-01' },
      ...reports.map((employeeId) => ({
        employeeId,
        managerId: 'M',
        teamId: 'T',
        validFrom: employeeId === 'e' ? '2020-07-08' : '2020-01-01',
        ...(employeeId === 'f' ? { validTo: '2025-05-31' } : {}),
      })),
    ],
    oneOnOnes: [
      {
        id: 'a1',
        employeeId: 'a',
        managerId: 'M',
        date: '2025-06-01',
        summaryWritten: true,
        summaryConfirmed: true,
        needs: [{ kind: 'workload' as const, addressedOn: '2025-06-10' }],
      },
      {
        id: 'a2',
        employeeId: 'a',
        managerId: 'M',
        date: '2025-06-15',
        summaryWritten: true,
        summaryConfirmed: true,
      },
      {
        id: 'a3',
        employeeId: 'a',
        managerId: 'M',
        date: '2025-06-29',
        summaryWritten: true,
        summaryConfirmed: true,
      },
      {
        id: 'b1',
        employeeId: 'b',
        managerId: 'M',
        date: '2025-05-20',
        summaryWritten: true,
        summaryConfirmed: true,
        needs: [{ kind: 'tools' as const, addressedOn: '2025-05-27' }],
      },
      { id: 'b2', employeeId: 'b', managerId: 'M', date: '2025-06-25', summaryWritten: true },
      {
        id: 'c1',
        employeeId: 'c',
        managerId: 'M',
        date: '2025-06-10',
        summaryWritten: true,
        summaryConfirmed: true,
        needs: [{ kind: 'development' as const }],
      },
      { id: 'c2', employeeId: 'c', managerId: 'M', date: '2025-06-20' },
      {
        id: 'd1',
        employeeId: 'd',
        managerId: 'M',
        date: '2025-03-01',
        needs: [{ kind: 'wellbeing' as const, addressedOn: '2025-03-21' }],
      },
      { id: 'd2', employeeId: 'd', managerId: 'M', date: '2025-03-11' },
      {
        id: 'f1',
        employeeId: 'f',
        managerId: 'M',
        date: '2025-05-01',
        needs: [{ kind: 'other' as const, addressedOn: '2025-05-02' }],
      },
      { id: 'f2', employeeId: 'f', managerId: 'M', date: '2025-05-08' },
      { id: 'wrong', employeeId: 'x', managerId: 'M', date: '2025-06-02' },
    ],
    concerns: [
      {
        id: 'ca',
        employeeId: 'a',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(
          ['raised', '2025-02-01'],
          ['acknowledged', '2025-02-02'],
          ['resolved', '2025-02-20'],
        ),
        resolutionRating: 5,
      },
      {
        id: 'cb',
        employeeId: 'b',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(
          ['raised', '2025-03-01'],
          ['acknowledged', '2025-03-04'],
          ['resolved', '2025-04-10'],
        ),
        resolutionRating: 3,
      },
      {
        id: 'cc',
        employeeId: 'c',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(
          ['raised', '2025-04-01'],
          ['acknowledged', '2025-04-02'],
          ['declined', '2025-04-15'],
        ),
      },
      {
        id: 'cd',
        employeeId: 'd',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(['raised', '2025-05-01'], ['acknowledged', '2025-05-03']),
      },
      {
        id: 'ce',
        employeeId: 'e',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(['raised', '2025-06-29']),
      },
      {
        id: 'cf',
        employeeId: 'f',
        managerId: 'M',
        topic: 'x',
        statusHistory: history(
          ['raised', '2025-04-20'],
          ['acknowledged', '2025-04-21'],
          ['resolved', '2025-04-25'],
        ),
        resolutionRating: 4,
      },
    ],
    ideas: [
      {
        id: 'ia',
        employeeId: 'a',
        managerId: 'M',
        title: 'x',
        statusHistory: history(
          ['raised', '2025-01-10'],
          ['acknowledged', '2025-01-12'],
          ['adopted', '2025-02-01'],
        ),
      },
      {
        id: 'ib',
        employeeId: 'b',
        managerId: 'M',
        title: 'x',
        statusHistory: history(['raised', '2025-02-10'], ['declined', '2025-02-17']),
      },
      {
        id: 'ic',
        employeeId: 'c',
        managerId: 'M',
        title: 'x',
        statusHistory: history(['raised', '2025-03-10'], ['in-progress', '2025-03-20']),
      },
      {
        id: 'id',
        employeeId: 'd',
        managerId: 'M',
        title: 'x',
        statusHistory: history(['raised', '2025-04-10'], ['adopted', '2025-04-11']),
      },
      {
        id: 'ie',
        employeeId: 'e',
        managerId: 'M',
        title: 'x',
        statusHistory: history(['raised', '2025-06-01']),
      },
    ],
    surveys: [
      {
        id: 'S1',
        name: 'Check-in',
        confidentiality: 'identified',
        opensOn: '2025-03-01',
        closesOn: '2025-03-10',
      },
      {
        id: 'S2',
        name: 'Pulse',
        confidentiality: 'confidential',
        opensOn: '2025-04-01',
        closesOn: '2025-04-10',
      },
      {
        id: 'S3',
        name: 'Anonymous pulse',
        confidentiality: 'anonymous',
        opensOn: '2025-05-01',
        closesOn: '2025-05-10',
      },
    ],
    questions: [{ id: 'q', surveyId: 'S1', kind: 'enps', text: 'Recommend?' }],
    responses: Object.entries({ a: 3, b: 4, c: 5, d: 6, e: 2, f: 10 }).map(([id, score]) => ({
      id: `r${id}`,
      surveyId: 'S1',
      respondentId: id,
      submittedAt: '2025-03-02T10:00:00Z',
      answers: { q: score },
    })),
    followUps: [
      {
        id: 'fa',
        managerId: 'M',
        surveyId: 'S1',
        date: '2025-03-03',
        audience: 'person',
        employeeId: 'a',
      },
      {
        id: 'fb',
        managerId: 'M',
        surveyId: 'S1',
        date: '2025-03-05',
        audience: 'person',
        employeeId: 'b',
      },
      {
        id: 'fc',
        managerId: 'M',
        surveyId: 'S1',
        date: '2025-03-04',
        audience: 'person',
        employeeId: 'c',
      },
      {
        id: 'fe',
        managerId: 'M',
        surveyId: 'S1',
        date: '2025-03-02',
        audience: 'person',
        employeeId: 'e',
      },
      {
        id: 'ft',
        managerId: 'M',
        surveyId: 'S2',
        date: '2025-04-20',
        audience: 'team',
        teamId: 'T',
      },
    ],
    occasions: [
      { employeeId: 'a', kind: 'work-anniversary', date: '2025-01-01', acknowledged: true },
      { employeeId: 'b', kind: 'birthday', date: '2025-03-15', acknowledged: true },
      { employeeId: 'c', kind: 'custom', label: 'Wedding', date: '2025-04-05' },
      { employeeId: 'd', kind: 'work-anniversary', date: '2025-01-01', acknowledged: true },
      { employeeId: 'e', kind: 'birthday', date: '2025-06-01', acknowledged: true },
      { employeeId: 'd', kind: 'custom', label: 'Marathon', date: '2025-07-10' },
    ],
  };
}

const { dataset, issues: validation } = validateDataset(team());
const options = { period: period('2025-01-01', '2025-07-01'), asOf: '2025-06-30' };
const result = scorecards(dataset, options);
const card = result.scorecards.find((c) => c.managerId === 'M')!;
const value = (id: keyof typeof card.metrics) => {
  const cell = card.metrics[id];
  return cell.status === 'shown' ? cell.value : undefined;
};

describe('scorecards on a hand-built team', () => {
  it('starts from a valid dataset and reports the one-to-one with someone who was not a report', () => {
    expect(validation).toEqual([]);
    expect(result.issues).toEqual([
      {
        collection: 'oneOnOnes',
        id: 'wrong',
        message: 'one-to-one wrong on 2025-06-02: x did not report to M that day; left out',
      },
    ]);
    expect(card.people).toBe(5); // a-e on 30 June; f left on 31 May
  });

  it('listens: coverage 3 of 5 in the last 30 days, median gap 12 days', () => {
    // a, b and c met M between 1 and 30 June; d last met in March, e never.
    expect(value('oneOnOneCoverage')).toMatchObject({
      value: 0.6,
      target: 0.9,
      assessment: 'below',
    });
    // Gaps: a 14, 14; b 36; c 10; d 10; f 7 -> 7, 10, 10, 14, 14, 36 -> median 12 (5 people).
    expect(value('oneOnOneMedianGap')).toMatchObject({
      value: 12,
      target: 14,
      assessment: 'meets',
    });
    // Only a and b set a preferred cadence: too few people.
    expect(card.metrics.preferredCadenceAdherence).toEqual({ status: 'suppressed' });
  });

  it('resolves problems: Kaplan-Meier times with open concerns censored', () => {
    // Acknowledge (days): a 1, b 3, c 1, d 2, f 1, e open since 29 June 09:00 (censored at 1.625).
    // KM: at 1, 3 of 6 -> S 0.5 exactly until the next event at 2: R's midpoint rule -> 1.5.
    expect(value('concernTimeToAcknowledge')).toMatchObject({
      value: 1.5,
      target: 2,
      assessment: 'meets',
      detail: { p90: 3, events: 5, records: 6 },
    });
    // Resolve (resolved or declined): f 5, c 14, a 19, b 40; d (60.625) and e (1.625) censored.
    // KM: 5 -> 0.8, 14 -> 0.6, 19 -> 0.4: median 19; S never reaches 0.1, so no p90.
    expect(value('concernTimeToResolve')).toMatchObject({
      value: 19,
      assessment: 'meets',
      detail: { events: 4, records: 6 },
    });
    // Raised by 31 May: a, b, c, d, f; resolved within 30 days: a (19), f (5) -> 2 of 5.
    expect(value('concernsResolvedWithinTarget')).toMatchObject({
      value: 0.4,
      assessment: 'below',
    });
    // Open on 30 June: d (60 days), e (1 day).
    expect(value('openConcerns')).toMatchObject({
      value: 2,
      target: null,
      assessment: null,
      detail: { '0-7': 1, '8-30': 0, '31-90': 1, 'over-90': 0 },
    });
    // Ratings from a, b and f only: fewer than 5 people.
    expect(card.metrics.resolutionSatisfaction).toEqual({ status: 'suppressed' });
  });

  it('seeks ideas: response time, decisions and ideas per person per quarter', () => {
    // First response: d 1, a 2, b 7, c 10, e open (censored): 0.8, 0.6, 0.4 -> median 7.
    expect(value('ideaTimeToFirstResponse')).toMatchObject({
      value: 7,
      target: 7,
      assessment: 'meets',
    });
    // Decided: a, b, d of 5.
    expect(value('ideasDecided')).toMatchObject({ value: 0.6, assessment: 'below' });
    // Adoption among the 3 deciders: fewer than 5 people.
    expect(card.metrics.ideaAdoptionRate).toEqual({ status: 'suppressed' });
    // 5 ideas; person-days 5 x 181 + 151 (f to 31 May) = 1056 over 181 days: 5 / (1056 / 181) / (181 / 91.3125).
    expect(value('ideasPerPersonPerQuarter')?.value).toBeCloseTo((5 * 91.3125) / 1056, 12);
  });

  it('finds out needs and summarises: addressed share, KM time to address, confirmed summaries', () => {
    // Needs: a 9 days, b 7, d 20, f 1 addressed; c open since 10 June (censored at 20).
    expect(value('needsAddressed')).toMatchObject({
      value: 0.8,
      assessment: 'meets',
      detail: { workload: 1, tools: 1, development: 1, wellbeing: 1, other: 1 },
    });
    // KM: 1 -> 0.8, 7 -> 0.6, 9 -> 0.4: median 9.
    expect(value('needTimeToAddress')).toMatchObject({ value: 9, target: 14, assessment: 'meets' });
    // 11 valid one-to-ones; written: a1-a3, b1, b2, c1; confirmed: a1, a2, a3, b1, c1.
    expect(value('summariesConfirmed')).toMatchObject({
      value: 5 / 11,
      assessment: 'below',
      detail: { meetings: 11, written: 6 },
    });
  });

  it('closes the loop: detractors called back within 2 days, team answered within 14 days', () => {
    // Detractors of S1 (identified): a, b, c, d, e; follow-ups within 2 days of 2 March: a, c, e.
    expect(value('detractorFollowUp')).toMatchObject({
      value: 0.6,
      target: 0.8,
      assessment: 'below',
    });
    // S2 (confidential) answered on 20 April, within 14 days of closing; S3 (anonymous) not answered.
    expect(value('teamFollowUp')).toMatchObject({
      value: 0.5,
      target: 1,
      assessment: 'below',
      detail: { surveys: 2, answered: 1 },
    });
  });

  it('reports the team eNPS of the latest joinable survey through suppression', () => {
    // S1: a 3, b 4, c 5, d 6, e 2 detractors, f 10 promoter: (1 - 5) / 6.
    expect(value('teamEnps')?.value).toBeCloseTo(-400 / 6, 10);
    expect(result.scorecards.find((c) => c.managerId === 'N')?.metrics.teamEnps).toEqual({
      status: 'suppressed',
    });
  });

  it('builds long relationships: retention, regretted turnover, median tenure', () => {
    // Employed on 1 January: a-f; f left: 5 of 6.
    expect(value('retentionRate')).toMatchObject({
      value: 5 / 6,
      detail: { startHeadcount: 6, retained: 5 },
    });
    expect(value('retentionRate')?.interval?.method).toBe('wilson');
    // One regretted leaver over an average of 1056 / 181 people reporting.
    expect(value('regrettedTurnover')?.value).toBeCloseTo(181 / 1056, 12);
    // One leaver among six: S never falls to 0.5, the median is not reached.
    expect(value('medianTenure')).toMatchObject({
      value: null,
      assessment: null,
      detail: { people: 6, leavers: 1 },
    });
  });

  it('remembers occasions: 4 of 5 acknowledged, and the upcoming list', () => {
    expect(value('occasionsAcknowledged')).toMatchObject({
      value: 0.8,
      target: 0.9,
      assessment: 'below',
    });
    // From 30 June, 14 days: a's birthday (opted in), e's 5th anniversary, d's marathon. Not b
    // (no opt-in) nor f (left).
    expect(card.upcomingOccasions.map((r) => [r.date, r.reason, r.milestone])).toEqual([
      ['2025-07-04', 'Birthday on 4 July', false],
      ['2025-07-08', '5 years at the company on 8 July', true],
      ['2025-07-10', 'Marathon on 10 July', false],
    ]);
  });

  it('hides a resolution CSAT where every rating fell on one side (issue 14, leak 8)', () => {
    // Six reports each rate one resolved concern 5 of 5: a share of 1 (mean 5) tells every
    // rater's answer, so the cell is hidden like any group whose members all answered alike.
    const base = team();
    const concern = (employeeId: string, rating: number) => ({
      id: `all-${employeeId}`,
      employeeId,
      managerId: 'M',
      topic: 'x',
      statusHistory: [
        { status: 'raised', at: '2025-02-01T09:00:00Z' },
        { status: 'resolved', at: '2025-02-10T09:00:00Z' },
      ] as never,
      resolutionRating: rating,
    });
    const rated = (ratings: readonly number[]) => {
      const { dataset: withRatings } = validateDataset({
        ...base,
        concerns: ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => concern(id, ratings[i]!)),
      });
      const cards = scorecards(withRatings, options).scorecards;
      return cards.find((c) => c.managerId === 'M')!.metrics.resolutionSatisfaction;
    };
    expect(rated([5, 5, 5, 5, 5, 5])).toEqual({ status: 'suppressed' });
    expect(rated([1, 2, 1, 3, 2, 1])).toEqual({ status: 'suppressed' });
    expect(rated([5, 5, 4, 5, 2, 5])).toMatchObject({ status: 'shown', value: { value: 5 / 6 } });
  });

  it('suppresses every metric of a manager with one report', () => {
    const n = result.scorecards.find((c) => c.managerId === 'N')!;
    expect(Object.values(n.metrics).every((cell) => cell.status === 'suppressed')).toBe(true);
  });

  it('returns the audit record of each metric, with the reason of each hidden card (issue 14)', () => {
    const coverage = result.audit.oneOnOneCoverage!;
    expect(coverage.cells.map((cell) => [cell.id, cell.status, cell.reason])).toEqual(
      result.scorecards.map((c) => [
        c.managerId,
        c.metrics.oneOnOneCoverage.status,
        c.managerId === 'N' ? 'primary' : undefined,
      ]),
    );
    // Team eNPS went through enpsBy's gate: its record is enpsBy's.
    expect(result.audit.teamEnps).toBeUndefined();
  });

  it("gives the median manager and one manager's card with it", () => {
    const one = managerScorecard('M', dataset, options);
    expect(one.scorecard).toEqual(card);
    expect(one.organisationMedian.oneOnOneCoverage).toBe(0.6);
    expect(() => managerScorecard('a', dataset, options)).toThrow(/managed nobody/);
  });

  it('takes configured targets', () => {
    const relaxed = scorecards(dataset, {
      ...options,
      targets: { oneOnOneCoverage: 0.5, openConcerns: 1 },
    });
    const m = relaxed.scorecards.find((c) => c.managerId === 'M')!;
    expect(
      m.metrics.oneOnOneCoverage.status === 'shown' && m.metrics.oneOnOneCoverage.value.assessment,
    ).toBe('meets');
    expect(
      m.metrics.openConcerns.status === 'shown' && m.metrics.openConcerns.value.assessment,
    ).toBe('below');
  });

  it('refuses a minimum group size below 3 and windows that are not whole days', () => {
    expect(() => scorecards(dataset, { ...options, minGroupSize: 2 })).toThrow(/minGroupSize/);
    expect(() => scorecards(dataset, { ...options, coverageDays: 0 })).toThrow(/coverage days/);
  });
});

describe('upcomingOccasions', () => {
  it('moves a 29 February birthday to 28 February in common years, and never shows one without opt-in', () => {
    const people = validateDataset({
      employees: [
        { id: 'p', name: 'Pat', birthDate: '2000-02-29', shareBirthday: true },
        { id: 'q', name: 'Quinn', birthDate: '2000-02-28' },
      ],
      spells: [
        { employeeId: 'p', hireDate: '2020-02-29' },
        { employeeId: 'q', hireDate: '2021-01-01' },
      ],
    }).dataset;
    expect(
      upcomingOccasions(people, { from: '2025-02-27', days: 3 }).map((r) => [r.date, r.reason]),
    ).toEqual([
      ['2025-02-28', 'Birthday on 28 February'],
      ['2025-02-28', '5 years at the company on 28 February'],
    ]);
    expect(upcomingOccasions(people, { from: '2028-02-27', days: 3 }).map((r) => r.date)).toEqual([
      '2028-02-29',
      '2028-02-29',
    ]);
    expect(() => upcomingOccasions(people, { from: '2025-02-27', days: 0 })).toThrow(/days/);
  });

  it('finds occasions across the year end, and none outside the window', () => {
    const people = validateDataset({
      employees: [
        { id: 'a', name: 'Ada', birthDate: '1990-01-03', shareBirthday: true },
        { id: 'b', name: 'Ben', birthDate: '1990-12-24', shareBirthday: true },
      ],
      spells: [
        { employeeId: 'a', hireDate: '2020-12-31' },
        { employeeId: 'b', hireDate: '2021-01-09' },
      ],
    }).dataset;
    // Window 2025-12-25 .. 2026-01-07: Ada's anniversary (31 Dec) and birthday (3 Jan); Ben's
    // birthday (24 Dec) is the day before and his anniversary (9 Jan) two days after.
    expect(
      upcomingOccasions(people, { from: '2025-12-25', days: 14 }).map((r) => [r.date, r.reason]),
    ).toEqual([
      ['2025-12-31', '5 years at the company on 31 December'],
      ['2026-01-03', 'Birthday on 3 January'],
    ]);
    expect(upcomingOccasions(people, { from: '2025-12-25', days: 366 }).length).toBe(4);
  });

  it("lists only a manager's reports when asked", () => {
    expect(upcomingOccasions(dataset, { from: '2025-06-30', managerId: 'N' })).toEqual([]);
    expect(upcomingOccasions(dataset, { from: '2025-06-30', managerId: 'M' }).length).toBe(3);
  });
});

/**
 * P manages a, b, c and the manager C (4 direct reports); C manages d-i (6). Everyone had a
 * one-to-one in June but c and C, and raised an idea.
 */
function nested(): DatasetInput {
  const below = ['d', 'e', 'f', 'g', 'h', 'i'];
  const everyone = ['P', 'C', 'a', 'b', 'c', ...below];
  const managerOf = (id: string) => (below.includes(id) ? 'C' : id === 'P' ? undefined : 'P');
  return {
    employees: everyone.map((id) => ({ id, name: id })),
    teams: [{ id: 'T', name: 'Team' }],
    spells: everyone.map((employeeId) => ({ employeeId, hireDate: '2020-01-01' })),
    assignments: everyone.map((employeeId) => ({
      employeeId,
      teamId: 'T',
      validFrom: '2020-01-01',
      ...(managerOf(employeeId) === undefined ? {} : { managerId: managerOf(employeeId) }),
    })),
    oneOnOnes: ['a', 'b', ...below].map((employeeId, i) => ({
      id: `o${i}`,
      employeeId,
      managerId: managerOf(employeeId)!,
      date: '2025-06-20',
      summaryWritten: true,
      summaryConfirmed: i % 2 === 0,
    })),
    ideas: everyone.slice(1).map((employeeId, i) => ({
      id: `i${i}`,
      employeeId,
      managerId: managerOf(employeeId)!,
      title: 'x',
      statusHistory: [
        { status: 'raised', at: '2025-03-01T09:00:00Z' },
        ...(i % 3 === 0 ? [{ status: 'adopted', at: '2025-03-09T09:00:00Z' }] : []),
      ] as never,
    })),
  };
}

describe('scorecards in tree scope', () => {
  const { dataset: org } = validateDataset(nested());
  const tree = scorecards(org, { ...options, scope: 'tree' });
  const cardOf = (id: string) => tree.scorecards.find((c) => c.managerId === id)!;

  it("never shows both a manager's tree and every child tree when the direct group is small (issue 14, leak 8)", () => {
    // Tree(P) minus tree(C) is P's direct group of 4 (a, b, c, C): for every metric, at most one
    // of the two may be shown, or the difference gives the small group's numbers.
    expect(cardOf('P').people).toBe(10);
    expect(cardOf('C').people).toBe(6);
    for (const [id, cell] of Object.entries(cardOf('P').metrics)) {
      const child = cardOf('C').metrics[id as keyof typeof card.metrics];
      expect(cell.status === 'shown' && child.status === 'shown', id).toBe(false);
    }
    expect(tree.audit.oneOnOneCoverage?.cells.find((c) => c.id === 'team:C')?.reason).toBe(
      'complementary',
    );
    // Not blank for it: the coverage of P's tree (8 of 10) stays, C's is hidden as its complement.
    expect(cardOf('P').metrics.oneOnOneCoverage).toMatchObject({
      status: 'shown',
      value: { value: 0.8 },
    });
  });
});
