import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import { firstYearAttrition } from './firstYearAttrition.js';
import { hireCohorts } from './hireCohorts.js';
import { kaplanMeier } from './kaplanMeier.js';
import { publishHireCohorts } from './publishHireCohorts.js';
import type { RetentionPerson } from './retentionPeople.js';
import { survivalAt } from './survivalAt.js';

const person = (id: string, hireDate: string, terminationDate?: string): RetentionPerson => ({
  id,
  spells: [
    terminationDate === undefined
      ? { hireDate }
      : { hireDate, terminationDate, separationKind: 'voluntary' },
  ],
});

describe('hireCohorts', () => {
  // 2024-Q1: a (stays), b (last day 2024-04-30: retained at 0 months, gone by 3 months),
  // c (hired 31 January: its 1-month anniversary is 29 February 2024).
  // 2024-Q3: d (last day 2025-01-31).
  // 2025-Q2: e (stays).
  const people = [
    person('a', '2024-01-15'),
    person('b', '2024-02-01', '2024-04-30'),
    person('c', '2024-01-31', '2024-02-29'),
    person('d', '2024-08-20', '2025-01-31'),
    person('e', '2025-04-01'),
  ];
  const triangle = hireCohorts(people, { asOf: '2025-06-30', horizons: [1, 3, 12] });

  it('groups hires by quarter by default and leaves cells not yet observable null, not 0', () => {
    expect(
      triangle.rows.map((row) => [row.cohort, row.hires, row.cells.map((cell) => cell.retained)]),
    ).toEqual([
      // Q1 2024 last day 2024-03-31: 1, 3 and 12 months observable by 2025-06-30.
      // At 1 month: a yes; b yes (2024-03-01 <= 2024-04-30); c yes (anniversary 2024-02-29 is
      // its last day). At 3 months: a yes; b no (2024-05-01); c no. At 12 months: a only.
      ['2024-Q1', 3, [3, 1, 1]],
      // Q3 2024 last day 2024-09-30: 12 months is 2025-09-30, after asOf: null.
      ['2024-Q3', 1, [1, 1, null]],
      // Q2 2025 last day 2025-06-30: nothing observable yet.
      ['2025-Q2', 1, [null, null, null]],
    ]);
    expect(triangle.rows[0]?.cells.map((cell) => cell.rate)).toEqual([1, 1 / 3, 1 / 3]);
    expect(triangle.rows[0]).toMatchObject({ first: '2024-01-01', last: '2024-03-31' });
  });

  it('keeps a 29 February anniversary on 28 February in a common year', () => {
    const leapling = [person('f', '2024-02-29', '2025-02-28')];
    const cells = hireCohorts(leapling, { asOf: '2026-01-01', cohort: 'month', horizons: [12] });
    // 12 months after 2024-02-29 is 2025-02-28, the last day employed: retained.
    expect(cells.rows[0]?.cells[0]?.retained).toBe(1);
    expect(cells.rows[0]?.cohort).toBe('2024-02');
  });

  it('names cohorts by month, quarter and year', () => {
    const one = [person('a', '2024-11-05')];
    const keys = (cohort: 'month' | 'quarter' | 'year') =>
      hireCohorts(one, { asOf: '2025-01-01', cohort }).rows[0]?.cohort;
    expect([keys('month'), keys('quarter'), keys('year')]).toEqual(['2024-11', '2024-Q4', '2024']);
  });

  it('sorts the horizons, defaults them to 3, 6, 12 and 24, and accepts asOf as an instant', () => {
    expect(hireCohorts([], { asOf: '2025-01-01' }).horizons).toEqual([3, 6, 12, 24]);
    expect(hireCohorts([], { asOf: '2025-01-01', horizons: [12, 3] }).horizons).toEqual([3, 12]);
    expect(hireCohorts(people, { asOf: '2025-06-30T23:00:00-02:00' }).asOf).toBe('2025-07-01');
  });

  it('leaves out hires after asOf', () => {
    expect(hireCohorts(people, { asOf: '2024-06-30' }).rows.map((row) => row.cohort)).toEqual([
      '2024-Q1',
    ]);
  });
});

describe('firstYearAttrition', () => {
  it('counts 365 days employed as within the first year and 366 as not (2025 hires)', () => {
    const people = [
      person('a', '2025-01-01', '2025-12-31'), // 365 days
      person('b', '2025-01-01', '2026-01-01'), // 366 days
      person('c', '2025-02-01'),
      person('d', '2025-03-01', '2025-03-01'), // one day
    ];
    const result = firstYearAttrition(people, { asOf: '2026-12-31' });
    expect(result.cohorts).toHaveLength(1);
    expect(result.cohorts[0]).toMatchObject({
      cohort: '2025',
      hires: 4,
      leftWithinYear: 2,
      complete: true,
      method: 'cohort',
    });
    // R: prop.test(2, 4, correct = FALSE)$conf.int = 0.15003898915215 0.84996101084785
    expect(result.cohorts[0]?.attrition?.interval.lower).toBeCloseTo(0.15003898915215, 12);
    expect(result.cohorts[0]?.attrition?.interval.upper).toBeCloseTo(0.84996101084785, 12);
  });

  it('is complete once the cohort`s last day has 365 days of follow-up', () => {
    const people = [person('a', '2025-03-15')];
    const monthly = (asOf: string) =>
      firstYearAttrition(people, { asOf, cohort: 'month' }).cohorts[0]?.complete;
    // March 2025 ends on the 31st: 2025-03-31 + 364 days = 2026-03-30.
    expect(monthly('2026-03-29')).toBe(false);
    expect(monthly('2026-03-30')).toBe(true);
  });

  it('uses 1 - S_KM(365 days) for a cohort still in follow-up, with the interval of S flipped', () => {
    const people = [
      person('a', '2025-01-10', '2025-02-08'), // 30 days, event
      person('b', '2025-02-01', '2025-07-31'), // 181 days, event
      person('c', '2025-03-01'), // censored at asOf
      person('d', '2025-06-01'),
      person('e', '2025-09-01'),
    ];
    const asOf = '2025-12-31';
    const cohort = firstYearAttrition(people, { asOf }).cohorts[0]!;
    // Days employed: 30 and 181 (events), 306, 214, 122 (censored at 2025-12-31).
    const km = kaplanMeier([30, 181, 306, 214, 122], [1, 1, 0, 0, 0]);
    const at = survivalAt(km, 365);
    expect(cohort.method).toBe('kaplan-meier');
    expect(cohort.attrition?.value).toBeCloseTo(1 - at.survival, 14);
    expect(cohort.attrition?.interval.lower).toBeCloseTo(1 - at.upper!, 14);
    expect(cohort.attrition?.interval.upper).toBeCloseTo(1 - at.lower!, 14);
    expect(cohort.attrition?.interval.method).toBe('log');
    // S = (4/5)(2/3) at 181 days: attrition 1 - 8/15 = 7/15.
    expect(cohort.attrition?.value).toBeCloseTo(7 / 15, 14);
    // The naive shares are both biased: 2/5 and 2/2.
    expect(cohort.leftWithinYear).toBe(2);
  });

  it('warns that attrition is a lower bound while no one can have 365 days yet', () => {
    const result = firstYearAttrition([person('a', '2025-06-01')], { asOf: '2025-12-31' });
    expect(result.warnings.join()).toMatch(/at most 214 days of follow-up/);
  });
});

describe('recordsStart in hireCohorts and firstYearAttrition', () => {
  // Records from 2024-01-01: a and b were hired before (b left before: not in a real extract).
  const people = [
    person('a', '2019-05-01'),
    person('b', '2019-06-01', '2019-12-31'),
    person('c', '2023-12-01', '2024-03-31'),
    person('d', '2024-02-01'),
    person('e', '2024-02-15', '2024-05-31'),
  ];

  it('marks cohorts that began before the records start and nulls their cells, not 100%', () => {
    // The extract as a real one is: b, who left before the records start, is not in it.
    const extract = people.filter((p) => p.id !== 'b');
    const plain = hireCohorts(extract, { asOf: '2026-06-30', cohort: 'year', horizons: [12] });
    expect(plain.rows.map((row) => [row.cohort, row.cells[0]?.rate])).toEqual([
      ['2019', 1],
      ['2023', 0],
      ['2024', 0.5],
    ]);
    expect(plain.warnings[0]).toMatch(
      // One spell: fewer than the minimum group size (5), so not counted (issue 14).
      /some spell\(s\) were hired more than a year before .*recordsStart/,
    );
    const late = hireCohorts(people, {
      asOf: '2026-06-30',
      cohort: 'year',
      horizons: [12],
      recordsStart: '2024-01-01',
    });
    expect(
      late.rows.map((row) => [row.cohort, row.hires, row.observedFromHire, row.cells[0]?.rate]),
    ).toEqual([
      ['2019', 1, false, null],
      ['2023', 1, false, null],
      ['2024', 2, true, 0.5],
    ]);
    expect(late.warnings).toEqual([
      'hireCohorts: some spell(s) ended before recordsStart 2024-01-01 and are left out (only people employed on or after it are observed)',
    ]);
  });

  it('gives no first-year attrition for a cohort never observed in its first year', () => {
    const result = firstYearAttrition(people, { asOf: '2026-06-30', recordsStart: '2024-01-01' });
    expect(
      result.cohorts.map((c) => [c.cohort, c.observedFromHire, c.method, c.attrition?.value]),
    ).toEqual([
      ['2019', false, 'not-observed', undefined],
      // c entered at 31 days and left at 122: 1 - S(365) with late entry is 1.
      ['2023', false, 'kaplan-meier', 1],
      ['2024', true, 'cohort', 0.5],
    ]);
    expect(result.cohorts[0]?.attrition).toBeNull();
  });
});

interface FirstYearFixture {
  asOf: string;
  recordsStart: string;
  people: { id: string[]; hireDate: string[]; terminationDate: string[] };
  firstYear: Record<
    string,
    { attrition: number; standardError: number; lower: number; upper: number }
  >;
}
const tenureEntry = JSON.parse(
  readFileSync(new URL('./fixtures/tenure-entry.json', import.meta.url), 'utf8'),
) as FirstYearFixture;

describe('firstYearAttrition with recordsStart (fixtures/tenure-entry.R)', () => {
  const people = tenureEntry.people.id.map((id, i) => {
    const terminationDate = tenureEntry.people.terminationDate[i]!;
    return terminationDate === ''
      ? person(id, tenureEntry.people.hireDate[i]!)
      : person(id, tenureEntry.people.hireDate[i]!, terminationDate);
  });
  const result = firstYearAttrition(people, {
    asOf: tenureEntry.asOf,
    recordsStart: tenureEntry.recordsStart,
  });
  const byCohort = Object.fromEntries(result.cohorts.map((c) => [c.cohort, c]));

  it('equals 1 - summary(survfit(Surv(entry, days, status) ~ 1, subset = year == "2020"), times = 365) to 1e-9', () => {
    const want = tenureEntry.firstYear['2020']!;
    const cohort = byCohort['2020']!;
    expect(cohort).toMatchObject({ observedFromHire: false, method: 'kaplan-meier' });
    expect(Math.abs(cohort.attrition!.value - want.attrition)).toBeLessThan(1e-9);
    expect(Math.abs(cohort.attrition!.standardError - want.standardError)).toBeLessThan(1e-9);
    expect(Math.abs(cohort.attrition!.interval.lower - want.lower)).toBeLessThan(1e-9);
    expect(Math.abs(cohort.attrition!.interval.upper - want.upper)).toBeLessThan(1e-9);
  });

  it('gives the share of leavers for the complete cohort observed from hire (2021), as R', () => {
    expect(byCohort['2021']).toMatchObject({ observedFromHire: true, method: 'cohort' });
    expect(byCohort['2021']!.attrition!.value).toBeCloseTo(
      tenureEntry.firstYear['2021']!.attrition,
      12,
    );
    expect(byCohort['2019']).toMatchObject({ method: 'not-observed', attrition: null });
  });
});

describe('publishHireCohorts', () => {
  // 2024-Q1: 10 hires; 2 leave on 2024-05-31 (after 3 months, before 6), 5 more on 2024-12-31
  // (before 12 months). Retained 10, 8, 3 at 3, 6, 12 months; left in between 0, 2, 5.
  // 2024-Q2: 7 hires, none leaves: retained 7 at every horizon.
  // 2024-Q3: 2 hires (fewer than 5).
  const hires = [
    ...Array.from({ length: 10 }, (_, i) =>
      person(`q1-${i}`, '2024-01-10', i < 2 ? '2024-05-31' : i < 7 ? '2024-12-31' : undefined),
    ),
    ...Array.from({ length: 7 }, (_, i) => person(`q2-${i}`, '2024-04-10')),
    ...Array.from({ length: 2 }, (_, i) => person(`q3-${i}`, '2024-07-10')),
  ];
  const triangle = hireCohorts(hires, { asOf: '2025-12-31', horizons: [3, 6, 12] });
  const published = publishHireCohorts(triangle);
  const statuses = (cohort: string) =>
    published.rows
      .find((row) => row.cohort === cohort)!
      .cells.map((cell) => cell.retained?.status ?? null);

  it('hides a horizon whose retained hires differ from the previous one by 1 to k-1 people', () => {
    // 8 at 6 months beside 10 at 3 would give the 2 who left; 3 at 12 months is below 5 anyway.
    expect(statuses('2024-Q1')).toEqual(['shown', 'suppressed', 'suppressed']);
    expect(published.rows[0]!.hires).toEqual({ status: 'shown', value: 10, n: 10 });
    expect(published.rows[0]!.cells[0]!.retained).toEqual({
      status: 'shown',
      value: { retained: 10, rate: 1 },
      n: 10,
    });
  });

  it('shows a cohort where nobody left, and hides a cohort of fewer than k hires whole', () => {
    expect(statuses('2024-Q2')).toEqual(['shown', 'shown', 'shown']);
    expect(published.rows[2]!.hires).toEqual({ status: 'suppressed' });
    expect(statuses('2024-Q3')).toEqual(['suppressed', 'suppressed', 'suppressed']);
  });

  it('keeps cells not yet observable null, and its audit record passes the independent verifier', () => {
    const young = publishHireCohorts(hireCohorts(hires, { asOf: '2024-12-31', horizons: [3, 12] }));
    expect(young.rows.map((row) => row.cells.map((cell) => cell.retained?.status ?? null))).toEqual(
      [
        ['shown', null],
        ['shown', null],
        ['suppressed', null],
      ],
    );
    expect(verifyNoDisclosure(published.report).ok).toBe(true);
    expect(verifyNoDisclosure(young.report).ok).toBe(true);
  });
});
