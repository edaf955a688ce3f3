import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import { kaplanMeier } from './kaplanMeier.js';
import { logRank } from './logRank.js';
import type { RetentionPerson } from './retentionPeople.js';
import { survivalAt } from './survivalAt.js';
import { tenureSurvival } from './tenureSurvival.js';

const MS_PER_DAY = 86_400_000;
const AS_OF = '2025-12-31';
const day = (offset: number) =>
  new Date(Date.UTC(2025, 11, 31) + offset * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * A person with a given tenure in days: a leaver hired on 2015-01-01 who worked `days` days, or a
 * current employee hired so that asOf 2025-12-31 is their day number `days`.
 */
function withTenure(
  id: string,
  days: number,
  left: boolean,
  extra: Partial<RetentionPerson> = {},
): RetentionPerson {
  const spell = left
    ? {
        hireDate: '2015-01-01',
        terminationDate: new Date(Date.UTC(2015, 0, 1) + (days - 1) * MS_PER_DAY)
          .toISOString()
          .slice(0, 10),
        separationKind: 'voluntary' as const,
      }
    : { hireDate: day(-(days - 1)) };
  return { id, spells: [spell], ...extra };
}

// kaplan-meier.md's vector, read as days of tenure.
const TIME = [3, 5, 5, 8, 8, 8, 12, 12, 15, 18, 20, 24, 24, 30, 36];
const STATUS = [1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0];
const PEOPLE = TIME.map((t, i) => withTenure(`p${i}`, t, STATUS[i] === 1));

describe('tenureSurvival', () => {
  it('makes leavers events at their days employed and current employees censored at asOf', () => {
    const result = tenureSurvival(PEOPLE, { asOf: AS_OF, unit: 'days' });
    // R: survfit(Surv(time, status) ~ 1) on the same vector.
    expect(result.overall).toEqual({ status: 'shown', value: kaplanMeier(TIME, STATUS), n: 15 });
  });

  it('divides the times by 30.436875 for months and 365.2425 for years, nothing else changing', () => {
    const days = tenureSurvival(PEOPLE, { asOf: AS_OF, unit: 'days' });
    const months = tenureSurvival(PEOPLE, { asOf: AS_OF });
    const years = tenureSurvival(PEOPLE, { asOf: AS_OF, unit: 'years' });
    if (
      days.overall.status !== 'shown' ||
      months.overall.status !== 'shown' ||
      years.overall.status !== 'shown'
    ) {
      throw new Error('expected shown curves');
    }
    expect(months.unit).toBe('months');
    months.overall.value.time.forEach((t, i) => {
      expect(t).toBeCloseTo(TIME.filter((x, j, all) => all.indexOf(x) === j)[i]! / 30.436875, 12);
    });
    expect(years.overall.value.time[0]).toBeCloseTo(3 / 365.2425, 14);
    expect(months.overall.value.survival).toEqual(days.overall.value.survival);
    expect(months.overall.value.lower).toEqual(days.overall.value.lower);
  });

  it('gives S(12 months) = S(365 days) for whole days', () => {
    const people = [
      withTenure('a', 365, true),
      withTenure('b', 366, true),
      withTenure('c', 400, false),
      withTenure('d', 200, true),
      withTenure('e', 500, false),
    ];
    const days = tenureSurvival(people, { asOf: AS_OF, unit: 'days' });
    const months = tenureSurvival(people, { asOf: AS_OF, unit: 'months' });
    if (days.overall.status !== 'shown' || months.overall.status !== 'shown')
      throw new Error('shown');
    expect(survivalAt(months.overall.value, 12).survival).toBe(
      survivalAt(days.overall.value, 365).survival,
    );
    expect(survivalAt(days.overall.value, 365).survival).toBeCloseTo(0.6, 14);
  });

  it('censors a termination after asOf and leaves out spells hired after asOf', () => {
    const people = [
      {
        id: 'future-leaver',
        spells: [
          {
            hireDate: '2025-12-22',
            terminationDate: '2026-03-31',
            separationKind: 'voluntary' as const,
          },
        ],
      },
      { id: 'not-yet', spells: [{ hireDate: '2026-01-05' }] },
      ...['a', 'b', 'c', 'd'].map((id) => withTenure(id, 10, false)),
    ];
    const result = tenureSurvival(people, { asOf: AS_OF, unit: 'days' });
    expect(result.overall.status === 'shown' && result.overall.value).toMatchObject({
      n: 5,
      totalEvents: 0,
      time: [10],
    });
  });

  describe('stratified', () => {
    // Two teams of six and one of three, each person's team from their assignment.
    const teams = [
      'north',
      'north',
      'north',
      'north',
      'north',
      'north',
      'south',
      'south',
      'south',
      'south',
      'south',
      'south',
      'west',
      'west',
      'west',
    ];
    const people = PEOPLE.map((p, i) => ({
      ...p,
      assignments: [{ teamId: teams[i]!, validFrom: '2010-01-01' }],
      attributes: { role: i % 2 === 0 ? 'engineer' : 'sales' },
    }));

    it('returns one Reportable curve per team, suppressing the small one, with a log-rank test', () => {
      const result = tenureSurvival(people, { asOf: AS_OF, unit: 'days', by: 'team' });
      expect(result.strata.map((s) => [s.key, s.curve.status])).toEqual([
        ['north', 'shown'],
        ['south', 'shown'],
        ['west', 'suppressed'],
      ]);
      expect(result.strata[2]?.curve).toBe(SUPPRESSED);
      const shown = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
      expect(result.strata[0]?.curve).toEqual({
        status: 'shown',
        value: kaplanMeier(TIME.slice(0, 6), STATUS.slice(0, 6)),
        n: 6,
      });
      // R: survdiff(Surv(time, status) ~ team) on the two shown teams only.
      expect(result.logRank).toEqual(
        logRank(
          shown.map((i) => TIME[i]!),
          shown.map((i) => STATUS[i]!),
          shown.map((i) => teams[i]!),
        ),
      );
      expect(result.logRank?.degreesOfFreedom).toBe(1);
      expect(result.warnings.join()).toMatch(/1 stratum\/strata suppressed/);
    });

    it('gives no log-rank test with fewer than two shown strata', () => {
      const result = tenureSurvival(people, { asOf: AS_OF, by: 'team', minGroupSize: 7 });
      expect(result.logRank).toBeNull();
    });

    it('splits by an attribute, by hire year and by a function', () => {
      const byRole = tenureSurvival(people, { asOf: AS_OF, by: { attribute: 'role' } });
      expect(byRole.strata.map((s) => s.key)).toEqual(['engineer', 'sales']);
      expect(byRole.logRank?.groups.map((g) => g.n)).toEqual([8, 7]);
      const byYear = tenureSurvival(people, { asOf: AS_OF, by: 'hire-year' });
      expect(byYear.strata.map((s) => s.key)).toEqual(['2015', '2025']);
      const custom = tenureSurvival(people, {
        asOf: AS_OF,
        by: (_, spell) => (spell.terminationDate === undefined ? 'current' : undefined),
        minGroupSize: 3,
      });
      expect(custom.strata.map((s) => s.key)).toEqual(['current']);
      expect(custom.warnings.join()).toMatch(/8 spell\(s\) have no stratum key/);
    });

    it('stratifies by the team on the last day observed (the leaving day for leavers)', () => {
      const moved = [
        ...['a', 'b', 'c'].map((id) => ({
          ...withTenure(id, 40, false),
          assignments: [{ teamId: 'x', validFrom: '2020-01-01' }],
        })),
        {
          ...withTenure('m', 40, false),
          assignments: [
            { teamId: 'x', validFrom: '2020-01-01', validTo: day(-5) },
            { teamId: 'y', validFrom: day(-4) },
          ],
        },
      ];
      const result = tenureSurvival(moved, { asOf: AS_OF, by: 'team', minGroupSize: 3 });
      expect(result.strata.map((s) => [s.key, s.curve.status])).toEqual([
        ['x', 'shown'],
        ['y', 'suppressed'],
      ]);
    });
  });
});

interface TenureEntryFixture {
  survival: string;
  asOf: string;
  recordsStart: string;
  people: { id: string[]; hireDate: string[]; terminationDate: string[]; role: string[] };
  fits: Record<
    'log' | 'log-log' | 'plain',
    {
      time: number[];
      atRisk: number[];
      survival: number[];
      lower: (number | null)[];
      upper: (number | null)[];
    }
  >;
  score: { chiSquare: number; degreesOfFreedom: number };
}
const tenureEntry = JSON.parse(
  readFileSync(new URL('./fixtures/tenure-entry.json', import.meta.url), 'utf8'),
) as TenureEntryFixture;
const ENTRY_PEOPLE: RetentionPerson[] = tenureEntry.people.id.map((id, i) => {
  const terminationDate = tenureEntry.people.terminationDate[i]!;
  return {
    id,
    attributes: { role: tenureEntry.people.role[i]! },
    spells: [
      terminationDate === ''
        ? { hireDate: tenureEntry.people.hireDate[i]! }
        : { hireDate: tenureEntry.people.hireDate[i]!, terminationDate, separationKind: 'other' },
    ],
  };
});

describe('tenureSurvival with recordsStart (fixtures/tenure-entry.R)', () => {
  for (const confType of ['log', 'log-log', 'plain'] as const) {
    it(`equals survfit(Surv(entry, days, status) ~ 1, conf.type = "${confType}") to 1e-9`, () => {
      const want = tenureEntry.fits[confType];
      const result = tenureSurvival(ENTRY_PEOPLE, {
        asOf: tenureEntry.asOf,
        recordsStart: tenureEntry.recordsStart,
        unit: 'days',
        confType,
      });
      if (result.overall.status !== 'shown') throw new Error('suppressed');
      const km = result.overall.value;
      expect(km.time).toEqual(want.time);
      expect(km.atRisk).toEqual(want.atRisk);
      km.survival.forEach((value, i) => {
        expect(Math.abs(value - want.survival[i]!)).toBeLessThan(1e-9);
      });
      for (const column of ['lower', 'upper'] as const) {
        km[column].forEach((value, i) => {
          const expected = want[column][i];
          if (expected === null || expected === undefined) expect(value).toBeNull();
          else expect(Math.abs(value! - expected)).toBeLessThan(1e-9);
        });
      }
      expect(result.warnings).toEqual([]);
    });
  }

  it('tests the roles with the Cox score test: coxph(Surv(entry, days, status) ~ factor(role), ties = "breslow")$score', () => {
    const result = tenureSurvival(ENTRY_PEOPLE, {
      asOf: tenureEntry.asOf,
      recordsStart: tenureEntry.recordsStart,
      by: { attribute: 'role' },
    });
    expect(Math.abs(result.logRank!.chiSquare - tenureEntry.score.chiSquare)).toBeLessThan(1e-9);
    expect(result.logRank!.degreesOfFreedom).toBe(2);
  });

  it('warns without recordsStart that hires long before the first termination overstate survival', () => {
    const result = tenureSurvival(ENTRY_PEOPLE, { asOf: tenureEntry.asOf });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /hired more than a year before the first termination .*recordsStart/,
    );
    // Counted from hire, the curve is higher than the one with late entry.
    const late = tenureSurvival(ENTRY_PEOPLE, {
      asOf: tenureEntry.asOf,
      recordsStart: tenureEntry.recordsStart,
    });
    if (result.overall.status !== 'shown' || late.overall.status !== 'shown') throw new Error();
    expect(survivalAt(result.overall.value, 36).survival).toBeGreaterThan(
      survivalAt(late.overall.value, 36).survival,
    );
  });

  it('leaves out spells that ended before recordsStart, with a warning', () => {
    const people = [...PEOPLE, withTenure('gone', 10, true)];
    const result = tenureSurvival(people, { asOf: AS_OF, recordsStart: '2016-01-01' });
    expect(result.warnings).toEqual([
      'tenureSurvival: 9 spell(s) ended before recordsStart 2016-01-01 and are left out (only people employed on or after it are observed)',
    ]);
    expect(codeOf(() => tenureSurvival(PEOPLE, { asOf: AS_OF, recordsStart: '2016-13-01' }))).toBe(
      'INVALID_DATE',
    );
  });
});
