/**
 * A hand-built organisation of 30 people observed over 2025 (a common year of 365 days), with
 * every number worked out below in comments. Day of the year at each month end in 2025:
 * Jan 31, Feb 59, Mar 90, Apr 120, May 151, Jun 181, Jul 212, Aug 243, Sep 273, Oct 304, Nov 334,
 * Dec 365.
 *
 * | id        | worker type      | employment                                         | 2025 days |
 * |-----------|------------------|----------------------------------------------------|-----------|
 * | e01-e06   | employee         | since 2021-03-01                                   | 6 x 365   |
 * | e07-e12   | employee         | since 2022-03-01 (e05 on parental leave Mar-Aug)   | 6 x 365   |
 * | e13-e18   | employee         | since 2023-03-01                                   | 6 x 365   |
 * | e19       | direct-temporary | 2024-06-01 to 2025-05-31, other (end of contract)  | 151       |
 * | e20       | direct-temporary | since 2025-02-01                                   | 334       |
 * | e21       | employee         | 2022-05-01 to 2025-03-31, voluntary, regretted     | 90        |
 * | e22       | employee         | 2023-01-09 to 2025-06-30, voluntary, not regretted | 181       |
 * | e23       | employee         | 2021-10-01 to 2025-09-30, involuntary              | 273       |
 * | e24       | employee         | 2010-01-04 to 2025-12-31, other (retirement)       | 365       |
 * | e25       | employee         | 2023-06-01 to 2024-12-31, voluntary, regretted     | 0         |
 * | e26       | employee         | since 2025-04-01                                   | 275       |
 * | e27       | employee         | 2025-07-01 to 2025-10-31, voluntary, regret unknown| 123       |
 * | e28       | employee         | 2019-01-01 to 2025-02-28 voluntary regretted,      | 59 + 122  |
 * |           |                  | rehired 2025-09-01                                 |           |
 * | e29       | contractor       | since 2022-01-01 (not counted)                     | -         |
 * | e30       | agency           | 2025-05-01 to 2025-08-31 (not counted)             | -         |
 *
 * Person-days 2025: 18 x 365 = 6570, + 151 + 334 + 90 + 181 + 273 + 365 + 0 + 275 + 123 + 181
 * = 8543, so the daily average headcount is 8543 / 365 = 23.405479452...
 */
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { annualiseTurnover } from './annualiseTurnover.js';
import { annualTurnoverFromMonthly } from './annualTurnoverFromMonthly.js';
import { averageHeadcount } from './averageHeadcount.js';
import { firstYearAttrition } from './firstYearAttrition.js';
import { headcountOn } from './headcountOn.js';
import type { RetentionPerson } from './retentionPeople.js';
import { retentionRate } from './retentionRate.js';
import { turnover } from './turnover.js';
import { turnoverByMonth } from './turnoverByMonth.js';

const stayer = (id: string, hireDate: string): RetentionPerson => ({ id, spells: [{ hireDate }] });

const PEOPLE: RetentionPerson[] = [
  ...['e01', 'e02', 'e03', 'e04', 'e05', 'e06'].map((id) => stayer(id, '2021-03-01')),
  ...['e07', 'e08', 'e09', 'e10', 'e11', 'e12'].map((id) => stayer(id, '2022-03-01')),
  ...['e13', 'e14', 'e15', 'e16', 'e17', 'e18'].map((id) => stayer(id, '2023-03-01')),
  {
    id: 'e19',
    workerType: 'direct-temporary',
    spells: [
      {
        hireDate: '2024-06-01',
        terminationDate: '2025-05-31',
        separationKind: 'other',
        regretted: false,
      },
    ],
  },
  { id: 'e20', workerType: 'direct-temporary', spells: [{ hireDate: '2025-02-01' }] },
  {
    id: 'e21',
    spells: [
      {
        hireDate: '2022-05-01',
        terminationDate: '2025-03-31',
        separationKind: 'voluntary',
        regretted: true,
      },
    ],
  },
  {
    id: 'e22',
    spells: [
      {
        hireDate: '2023-01-09',
        terminationDate: '2025-06-30',
        separationKind: 'voluntary',
        regretted: false,
      },
    ],
  },
  {
    id: 'e23',
    spells: [
      {
        hireDate: '2021-10-01',
        terminationDate: '2025-09-30',
        separationKind: 'involuntary',
        regretted: false,
      },
    ],
  },
  {
    id: 'e24',
    spells: [
      {
        hireDate: '2010-01-04',
        terminationDate: '2025-12-31',
        separationKind: 'other',
        regretted: false,
      },
    ],
  },
  {
    id: 'e25',
    spells: [
      {
        hireDate: '2023-06-01',
        terminationDate: '2024-12-31',
        separationKind: 'voluntary',
        regretted: true,
      },
    ],
  },
  stayer('e26', '2025-04-01'),
  {
    id: 'e27',
    spells: [
      { hireDate: '2025-07-01', terminationDate: '2025-10-31', separationKind: 'voluntary' },
    ],
  },
  {
    id: 'e28',
    spells: [
      { hireDate: '2025-09-01' },
      {
        hireDate: '2019-01-01',
        terminationDate: '2025-02-28',
        separationKind: 'voluntary',
        regretted: true,
      },
    ],
  },
  { id: 'e29', workerType: 'contractor', spells: [{ hireDate: '2022-01-01' }] },
  {
    id: 'e30',
    workerType: 'agency',
    spells: [{ hireDate: '2025-05-01', terminationDate: '2025-08-31', separationKind: 'other' }],
  },
];
const ORGANISATION: readonly RetentionPerson[] = PEOPLE.map((person) =>
  person.id === 'e05'
    ? { ...person, leaves: [{ startDate: '2025-03-01', endDate: '2025-08-31' }] }
    : person,
);

const YEAR = { start: '2025-01-01', end: '2026-01-01' };

describe('the 30-person organisation: headcount', () => {
  it('has 30 people', () => {
    expect(ORGANISATION.length).toBe(30);
  });

  it('counts 24 on 1 January: 18 stayers, e19, e21, e22, e23, e24 and e28 (first spell)', () => {
    // e20 is hired in February, e25 left on 2024-12-31, e29 is a contractor (excluded).
    expect(headcountOn(ORGANISATION, '2025-01-01')).toEqual({
      day: '2025-01-01',
      headcount: 24,
      employees: 23,
      directTemporaries: 1,
      onLeave: 0,
      excluded: 1,
    });
  });

  it('counts people on leave and excludes contractors and agency staff on 15 June', () => {
    // 18 stayers (e05 on leave) + e20 + e22 + e23 + e24 + e26 = 23; e29 and e30 excluded.
    expect(headcountOn(ORGANISATION, '2025-06-15')).toEqual({
      day: '2025-06-15',
      headcount: 23,
      employees: 22,
      directTemporaries: 1,
      onLeave: 1,
      excluded: 2,
    });
  });

  it('counts the last day employed: e24 leaves on 31 December and is in that day', () => {
    // 18 stayers + e20 + e24 + e26 + e28 (second spell) = 22.
    expect(headcountOn(ORGANISATION, '2025-12-31').headcount).toBe(22);
    expect(headcountOn(ORGANISATION, '2026-01-01').headcount).toBe(21);
  });

  it('averages 8543 person-days over 365 days with the daily method', () => {
    const average = averageHeadcount(ORGANISATION, YEAR);
    expect(average.personDays).toBe(8543);
    expect(average.days).toBe(365);
    expect(average.value).toBeCloseTo(8543 / 365, 12);
    // The same as the mean of headcountOn over every day, computed independently.
    const daily = average.snapshots.map((s) => headcountOn(ORGANISATION, s.day).headcount);
    expect(daily.reduce((a, b) => a + b, 0)).toBe(8543);
    expect(average.snapshots.map((s) => s.headcount)).toEqual(daily);
  });

  it('averages the month-end headcounts with the monthly method (SHRM): 281 / 12', () => {
    // Month ends: Jan 24, Feb 25 (e28's last day and e20 hired), Mar 24 (e21's last day),
    // Apr 24 (e26 in), May 24 (e19's last day), Jun 23 (e22's last day), Jul 23 (e27 in),
    // Aug 23, Sep 24 (e23's last day, e28 back), Oct 23 (e27's last day), Nov 22, Dec 22:
    // sum 281.
    const average = averageHeadcount(ORGANISATION, YEAR, { method: 'monthly' });
    expect(average.snapshots.map((s) => s.headcount)).toEqual([
      24, 25, 24, 24, 24, 23, 23, 23, 24, 23, 22, 22,
    ]);
    expect(average.snapshots[1]?.day).toBe('2025-02-28');
    expect(average.value).toBeCloseTo(281 / 12, 12);
    expect(average.warnings).toEqual([]);
  });

  it('averages the first and last day with the start-end method: (24 + 22) / 2 = 23', () => {
    const average = averageHeadcount(ORGANISATION, YEAR, { method: 'start-end' });
    expect(average.snapshots).toEqual([
      { day: '2025-01-01', headcount: 24 },
      { day: '2025-12-31', headcount: 22 },
    ]);
    expect(average.value).toBe(23);
  });
});

describe('the 30-person organisation: turnover over 2025', () => {
  // Separations with a termination date in 2025, employees and direct temporaries only:
  // e28 (Feb 28, voluntary, regretted), e21 (Mar 31, voluntary, regretted), e19 (May 31, other),
  // e22 (Jun 30, voluntary), e23 (Sep 30, involuntary), e27 (Oct 31, voluntary, regret unknown),
  // e24 (Dec 31, the last day, other). Not e25 (2024-12-31) and not e30 (agency).
  // Total 7 = voluntary 4 + involuntary 1 + other 2; regretted 2; regret unknown 1.
  // Hires: e20 (Feb 1), e26 (Apr 1), e27 (Jul 1), e28's rehire (Sep 1) = 4.
  const result = turnover(ORGANISATION, YEAR, { headcountMethod: 'start-end' });

  it('splits the 7 separations as BLS JOLTS: 4 voluntary, 1 involuntary, 2 other', () => {
    expect(result.separations).toEqual({
      total: 7,
      voluntary: 4,
      involuntary: 1,
      other: 2,
      regretted: 2,
      regrettedUnknown: 1,
      transfersOut: 0,
    });
    expect(result.hires).toBe(4);
    expect(result.transfersIn).toBe(0);
  });

  it('divides by the average headcount of 23: total 7/23, voluntary 4/23, regretted 2/23', () => {
    expect(result.averageHeadcount.value).toBe(23);
    expect(result.rates.total).toBeCloseTo(7 / 23, 14);
    expect(result.rates.voluntary).toBeCloseTo(4 / 23, 14);
    expect(result.rates.involuntary).toBeCloseTo(1 / 23, 14);
    expect(result.rates.other).toBeCloseTo(2 / 23, 14);
    expect(result.rates.regretted).toBeCloseTo(2 / 23, 14);
    expect(result.regrettedShare).toBeCloseTo(2 / 7, 14);
    expect(result.definition).toMatch(/first day .* last day/);
  });

  it('gives each rate the exact Poisson interval of its count over 23 (R poisson.test)', () => {
    // R: poisson.test(7)$conf.int = 2.81436305151987 14.42267536170238
    const total = result.estimates.total;
    expect(total.interval.lower).toBeCloseTo(2.81436305151987 / 23, 12);
    expect(total.interval.upper).toBeCloseTo(14.42267536170238 / 23, 12);
    expect(total).toMatchObject({ value: 7 / 23, n: 7 });
    expect(total.standardError).toBeCloseTo(Math.sqrt(7) / 23, 14);
    expect(total.interval.method).toBe('exact-poisson');
    // R: poisson.test(4)$conf.int = 1.08986537362633 10.24158867540370
    expect(result.estimates.voluntary.interval.lower).toBeCloseTo(1.08986537362633 / 23, 12);
    expect(result.estimates.voluntary.interval.upper).toBeCloseTo(10.2415886754037 / 23, 12);
  });

  it('gives the regretted share a Wilson interval (R prop.test(2, 7, correct = FALSE))', () => {
    const share = result.estimates.regrettedShare;
    expect(share.interval.lower).toBeCloseTo(0.0822189240040568, 12);
    expect(share.interval.upper).toBeCloseTo(0.6410655481673806, 12);
    expect(share.n).toBe(7);
  });

  it('uses 8543/365 with the daily method and 281/12 with the monthly method', () => {
    expect(turnover(ORGANISATION, YEAR).rates.total).toBeCloseTo((7 * 365) / 8543, 14);
    expect(turnover(ORGANISATION, YEAR, { headcountMethod: 'monthly' }).rates.total).toBeCloseTo(
      (7 * 12) / 281,
      14,
    );
  });

  it('keeps the retention rate apart from turnover: 18 of the 24 at the start stayed', () => {
    // Employed on 1 January: 24. Not retained: e19, e21, e22, e23 (left), e24 (left on the last
    // day), e28 (left in February; the rehire does not undo the separation). 18 / 24 = 0.75.
    const retention = retentionRate(ORGANISATION, YEAR);
    expect(retention).toMatchObject({ startHeadcount: 24, retained: 18, value: 0.75 });
    // R: prop.test(18, 24, correct = FALSE)$conf.int = 0.55100555994846 0.88000633771405
    expect(retention.estimate.interval.lower).toBeCloseTo(0.55100555994846, 12);
    expect(retention.estimate.interval.upper).toBeCloseTo(0.88000633771405, 12);
  });
});

describe('the 30-person organisation: monthly series and annualisation', () => {
  // Headcount on the first and last day of each month (start-end method):
  // Jan 24/24, Feb 25/25, Mar 24/24, Apr 24/24, May 24/24, Jun 23/23, Jul 23/23, Aug 23/23,
  // Sep 24/24, Oct 23/23, Nov 22/22, Dec 22/22. Separations: Feb 1, Mar 1, May 1, Jun 1, Sep 1,
  // Oct 1, Dec 1. Sum of the monthly rates (SHRM): 1/25 + 1/24 + 1/24 + 1/23 + 1/24 + 1/23 + 1/22.
  const series = turnoverByMonth(ORGANISATION, {
    from: '2025-01',
    to: '2025-12',
    headcountMethod: 'start-end',
  });

  it('puts each separation in the month of its last day', () => {
    expect(series.months.map((m) => m.turnover.separations.total)).toEqual([
      0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1,
    ]);
    expect(series.months.map((m) => m.turnover.averageHeadcount.value)).toEqual([
      24, 25, 24, 24, 24, 23, 23, 23, 24, 23, 22, 22,
    ]);
    // The months add up to the year.
    const sum = series.months.reduce((acc, m) => acc + m.turnover.separations.total, 0);
    expect(sum).toBe(turnover(ORGANISATION, YEAR).separations.total);
  });

  it('annualises by summing the 12 monthly rates (SHRM)', () => {
    const annual = annualTurnoverFromMonthly(series);
    expect(annual.rates.total).toBeCloseTo(1 / 25 + 3 / 24 + 2 / 23 + 1 / 22, 14);
    expect(annual.rates.voluntary).toBeCloseTo(1 / 25 + 1 / 24 + 1 / 23 + 1 / 23, 14);
    expect(annual.separations.total).toBe(7);
    expect([annual.from, annual.to]).toEqual(['2025-01', '2025-12']);
  });

  it('annualises the first quarter by days: 2/24 x 365/90', () => {
    // Q1 (90 days): e28 (Feb 28) and e21 (Mar 31) left; headcount 24 on Jan 1 and on Mar 31.
    const quarter = turnover(
      ORGANISATION,
      { start: '2025-01-01', end: '2025-04-01' },
      { headcountMethod: 'start-end' },
    );
    expect(quarter.rates.total).toBeCloseTo(2 / 24, 14);
    const annual = annualiseTurnover(quarter);
    expect(annual).toMatchObject({ periodDays: 90, yearDays: 365 });
    expect(annual.rates.total).toBeCloseTo((2 / 24) * (365 / 90), 14);
    expect(annual.estimates.total.interval.upper).toBeCloseTo(
      (quarter.estimates.total.interval.upper * 365) / 90,
      14,
    );
    // A whole year is left as it is, a leap year included.
    const leap = turnover(ORGANISATION, { start: '2024-01-01', end: '2025-01-01' });
    expect(annualiseTurnover(leap)).toMatchObject({ factor: 1, yearDays: 366 });
  });
});

describe('the 30-person organisation: first-year attrition', () => {
  it('counts e19 (365 days employed) as a first-year leaver in the complete 2024 cohort', () => {
    // 2024 cohort: e19 only, 2024-06-01 to 2025-05-31 = 365 days (2025 is a common year).
    // Complete by 2025-12-31: the cohort's last day 2024-12-31 + 364 = 2025-12-30.
    // 2025 cohort (still in follow-up): e20 censored at 334 days, e26 at 275, e28's rehire at
    // 122, e27 left after 123 days. KM: at 123 days, 3 at risk, 1 event: S = 2/3, so 1/3.
    const result = firstYearAttrition(ORGANISATION, { asOf: '2025-12-31' });
    const byCohort = Object.fromEntries(result.cohorts.map((c) => [c.cohort, c]));
    expect(byCohort['2024']).toMatchObject({
      hires: 1,
      leftWithinYear: 1,
      complete: true,
      method: 'cohort',
    });
    expect(byCohort['2024']?.attrition?.value).toBe(1);
    expect(byCohort['2025']).toMatchObject({ hires: 4, complete: false, method: 'kaplan-meier' });
    expect(byCohort['2025']?.attrition?.value).toBeCloseTo(1 / 3, 14);
    // e28's first spell (2019) is in the 2019 cohort: employed over six years.
    expect(byCohort['2019']).toMatchObject({ hires: 1, leftWithinYear: 0 });
  });
});

describe('the 30-person organisation: bad input', () => {
  it('refuses a period whose end is before its start', () => {
    try {
      turnover(ORGANISATION, { start: '2026-01-01', end: '2025-01-01' });
      expect.unreachable();
    } catch (error) {
      expect(isInternalCustomerError(error, 'INVALID_PERIOD')).toBe(true);
    }
  });

  it('does not mutate the organisation', () => {
    const before = JSON.stringify(ORGANISATION);
    turnover(ORGANISATION, YEAR);
    retentionRate(ORGANISATION, YEAR);
    expect(JSON.stringify(ORGANISATION)).toBe(before);
  });
});

describe('turnover and retentionRate before the records start', () => {
  // An extract from 2024-01-01: two people hired long before it, and the first leaver in 2024.
  const extract: RetentionPerson[] = [
    { id: 'old1', spells: [{ hireDate: '2010-03-01' }] },
    { id: 'old2', spells: [{ hireDate: '2012-06-01' }] },
    {
      id: 'new1',
      spells: [
        { hireDate: '2024-02-01', terminationDate: '2024-08-31', separationKind: 'voluntary' },
      ],
    },
  ];
  const before = { start: '2023-01-01', end: '2024-01-01' };
  const after = { start: '2024-01-01', end: '2025-01-01' };

  it('warns when the period starts before recordsStart, naming both days', () => {
    expect(turnover(extract, before, { recordsStart: '2024-01-01' }).warnings[0]).toBe(
      'turnover: the period starts on 2023-01-01, before the records start on 2024-01-01: people who left before then are not in the records, so headcount and separations before it are missing; start the period on or after recordsStart',
    );
    expect(retentionRate(extract, before, { recordsStart: '2024-01-01' }).warnings[0]).toMatch(
      /^retentionRate: the period starts on 2023-01-01, before the records start/,
    );
    expect(turnover(extract, after, { recordsStart: '2024-01-01' }).warnings).toEqual([]);
    expect(retentionRate(extract, after, { recordsStart: '2024-01-01' }).warnings).toEqual([]);
  });

  it('warns without recordsStart when the period starts before the first termination and hires predate it by over a year', () => {
    expect(turnover(extract, before).warnings[0]).toMatch(
      /^turnover: the period starts on 2023-01-01, before the first termination in the data \(2024-08-31\).*pass recordsStart/,
    );
    expect(turnover(extract, { start: '2024-09-01', end: '2025-01-01' }).warnings).toEqual([]);
    expect(
      turnoverByMonth(extract, { from: '2023-11', to: '2024-01', recordsStart: '2024-01-01' })
        .warnings[0],
    ).toMatch(/^turnoverByMonth: the period starts on 2023-11-01, before the records start/);
  });
});
