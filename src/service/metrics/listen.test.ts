import { describe, expect, it } from 'vitest';
import { period } from '../../core/period.js';
import { validateDataset } from '../../schemas/dataset.js';
import { scorecards } from '../scorecards.js';

/**
 * Manager M with an old hand (a, hired 2020) and seven people hired in 2025; N hires one more.
 * Days from hire to the first one-to-one with M:
 *   h3 0 (met on the hire day), h1 2, h7 7, h2 10, h4 35 (met 9 June);
 *   censored: h6 at 10 (left on 20 March unmet), h5 at 14 (hired 16 June, unmet on asOf 30 June).
 */
function hires() {
  const hired: [string, string, string?][] = [
    ['h1', '2025-02-03'],
    ['h2', '2025-03-03'],
    ['h3', '2025-04-01'],
    ['h4', '2025-05-05'],
    ['h5', '2025-06-16'],
    ['h6', '2025-03-10', '2025-03-20'],
    ['h7', '2025-01-06'],
  ];
  const met: [string, string][] = [
    ['h1', '2025-02-05'],
    ['h1', '2025-02-20'],
    ['h2', '2025-03-13'],
    ['h3', '2025-04-01'],
    ['h4', '2025-06-09'],
    ['h7', '2025-01-13'],
    ['a', '2025-01-10'],
    ['n1', '2025-02-04'],
  ];
  const people = ['M', 'N', 'a', 'n1', ...hired.map(([id]) => id)];
  return validateDataset({
    employees: people.map((id) => ({ id, name: id })),
    teams: [{ id: 'T', name: 'Team' }],
    spells: [
      ...['M', 'N', 'a'].map((employeeId) => ({ employeeId, hireDate: '2020-01-01' })),
      { employeeId: 'n1', hireDate: '2025-02-03' },
      ...hired.map(([employeeId, hireDate, terminationDate]) =>
        terminationDate === undefined
          ? { employeeId, hireDate }
          : { employeeId, hireDate, terminationDate, separationKind: 'voluntary' as const },
      ),
    ],
    assignments: [
      { employeeId: 'M', teamId: 'T', validFrom: '2020-01-01' },
      { employeeId: 'N', teamId: 'T', validFrom: '2020-01-01' },
      { employeeId: 'a', managerId: 'M', teamId: 'T', validFrom: '2020-01-01' },
      { employeeId: 'n1', managerId: 'N', teamId: 'T', validFrom: '2025-02-03' },
      ...hired.map(([employeeId, validFrom, validTo]) => ({
        employeeId,
        managerId: 'M',
        teamId: 'T',
        validFrom,
        ...(validTo === undefined ? {} : { validTo }),
      })),
    ],
    oneOnOnes: met.map(([employeeId, date], i) => ({
      id: `o${i}`,
      employeeId,
      managerId: employeeId === 'n1' ? 'N' : 'M',
      date,
      summaryWritten: false,
      summaryConfirmed: false,
    })),
  });
}

describe('newHireTimeToFirstOneOnOne', () => {
  const { dataset, issues } = hires();
  const cardOf = (result: ReturnType<typeof scorecards>, id: string) =>
    result.scorecards.find((card) => card.managerId === id)!.metrics.newHireTimeToFirstOneOnOne;

  it('is the Kaplan-Meier median of the days to the first one-to-one, the unmet censored', () => {
    // Sorted: 0, 2, 7, 10, 10+, 14+, 35. S = 6/7, 5/7, 4/7, then 3/7 at 10 (4 at risk, one
    // event): the curve crosses 0.5 at 10, the median. S reaches 0 at 35 (one at risk): p90 35.
    // Same as R: quantile(survfit(Surv(c(0,2,7,10,10,14,35), c(1,1,1,1,0,0,1)) ~ 1), c(.5,.9)).
    expect(issues).toEqual([]);
    const result = scorecards(dataset, {
      period: period('2025-01-01', '2025-07-01'),
      asOf: '2025-06-30',
    });
    expect(cardOf(result, 'M')).toEqual({
      status: 'shown',
      n: 7,
      value: {
        value: 10,
        target: 7,
        assessment: 'below',
        detail: { p90: 35, events: 5, records: 7 },
      },
    });
    // N hired one person: suppressed, and n1 is not counted for M.
    expect(cardOf(result, 'N')).toEqual({ status: 'suppressed' });
  });

  it('counts people hired in the period only, followed up to asOf after the period ends', () => {
    // Period January to May, asOf 30 June: h5 (hired 16 June) is out; h4's one-to-one on 9 June
    // counts. Sorted: 0, 2, 7, 10, 10+, 35: S = 5/6, 4/6, 3/6 = 0.5 exactly from 7 until the
    // event at 10, so the median is the middle of that stretch, (7 + 10) / 2 = 8.5 (R's rule).
    const result = scorecards(dataset, {
      period: period('2025-01-01', '2025-06-01'),
      asOf: '2025-06-30',
    });
    expect(cardOf(result, 'M')).toMatchObject({
      n: 6,
      value: { value: 8.5, assessment: 'below', detail: { p90: 35, events: 5, records: 6 } },
    });
  });

  it('censors a hire at asOf when asOf falls inside the period', () => {
    // asOf 31 March: h1 2, h7 7 and h2 10 are events; h6 left unmet on 20 March (10+); h3 to
    // h5 are not hired yet. Four people, shown with a minimum group size of 3.
    const result = scorecards(dataset, {
      period: period('2025-01-01', '2025-07-01'),
      asOf: '2025-03-31',
      minGroupSize: 3,
    });
    // Sorted: 2, 7, 10, 10+: S = 3/4, 2/4 = 0.5 from 7 until 1/4 at 10: median (7 + 10) / 2.
    expect(cardOf(result, 'M')).toMatchObject({
      n: 4,
      value: { value: 8.5, detail: { events: 3, records: 4 } },
    });
  });

  it('meets a target of two weeks', () => {
    const result = scorecards(dataset, {
      period: period('2025-01-01', '2025-07-01'),
      asOf: '2025-06-30',
      targets: { newHireTimeToFirstOneOnOne: 14 },
    });
    expect(cardOf(result, 'M')).toMatchObject({ value: { target: 14, assessment: 'meets' } });
  });
});
