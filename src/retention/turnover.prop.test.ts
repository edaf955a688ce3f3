/**
 * Invariants of headcount and turnover over random organisations: the daily average is the mean
 * of headcountOn over the days (computed independently), months add up to their year, teams add
 * up to the company when transfers are not separations, and nothing is ever NaN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageHeadcount } from './averageHeadcount.js';
import { headcountOn } from './headcountOn.js';
import { dayString } from './internal/days.js';
import type { RetentionPerson } from './retentionPeople.js';
import { retentionRate } from './retentionRate.js';
import { turnover } from './turnover.js';
import { turnoverByMonth } from './turnoverByMonth.js';
import { turnoverByTeam } from './turnoverByTeam.js';

const BASE = Date.UTC(2024, 9, 1) / 86_400_000; // 2024-10-01
const KINDS = ['voluntary', 'involuntary', 'other'] as const;

/** A person with up to three non-overlapping spells in late 2024 to early 2026, always in a team. */
const personArbitrary = fc
  .record({
    gaps: fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 200 })), {
      minLength: 1,
      maxLength: 3,
    }),
    open: fc.boolean(),
    kind: fc.constantFrom(...KINDS),
    regretted: fc.option(fc.boolean(), { nil: undefined }),
    type: fc.constantFrom('employee', 'employee', 'direct-temporary', 'contractor' as const),
    teams: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 150 })), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ gaps, open, kind, regretted, type, teams }) => {
    let day = BASE;
    const spells = gaps.map(([gap, length], i) => {
      const hire = day + gap;
      const last = hire + length;
      day = last + 1;
      const isOpen = open && i === gaps.length - 1;
      return isOpen
        ? { hireDate: dayString(hire) }
        : {
            hireDate: dayString(hire),
            terminationDate: dayString(last),
            separationKind: kind,
            ...(regretted === undefined ? {} : { regretted }),
          };
    });
    // Assignments cover every day from the first hire on.
    let from = BASE;
    const assignments = teams.map(([teamId, length], i) => {
      const isLast = i === teams.length - 1;
      const assignment = isLast
        ? { teamId, validFrom: dayString(from) }
        : { teamId, validFrom: dayString(from), validTo: dayString(from + length - 1) };
      from += length;
      return assignment;
    });
    return { workerType: type, spells, assignments };
  });

const organisation = fc
  .array(personArbitrary, { maxLength: 25 })
  .map((people): RetentionPerson[] => people.map((person, i) => ({ id: `p${i}`, ...person })));

const periodArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }))
  .map(([start, length]) => ({
    start: dayString(BASE + start),
    end: dayString(BASE + start + length),
  }));

describe('headcount and turnover (property)', () => {
  it('average the daily headcounts exactly as headcountOn counts each day', () => {
    fc.assert(
      fc.property(organisation, periodArbitrary, (people, period) => {
        const average = averageHeadcount(people, period);
        const days = average.snapshots.map((s) => headcountOn(people, s.day).headcount);
        expect(average.snapshots.map((s) => s.headcount)).toEqual(days);
        expect(average.personDays).toBe(days.reduce((a, b) => a + b, 0));
        expect(average.value * average.days).toBeCloseTo(average.personDays, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('count separations whose last day is in the period, split into kinds that add up', () => {
    fc.assert(
      fc.property(organisation, periodArbitrary, (people, period) => {
        const result = turnover(people, period);
        const direct = people
          .filter((p) => p.workerType !== 'contractor')
          .flatMap((p) => p.spells)
          .filter(
            (s) =>
              s.terminationDate !== undefined &&
              s.terminationDate >= period.start &&
              s.terminationDate < period.end,
          ).length;
        const s = result.separations;
        expect(s.total).toBe(direct);
        expect(s.voluntary + s.involuntary + s.other).toBe(s.total);
        expect(s.regretted + s.regrettedUnknown).toBeLessThanOrEqual(s.total);
        for (const value of [...Object.values(result.rates), result.regrettedShare]) {
          expect(Number.isFinite(value)).toBe(true);
        }
        const retention = retentionRate(people, period);
        expect(retention.retained).toBeLessThanOrEqual(retention.startHeadcount);
        expect(retention.startHeadcount).toBe(result.averageHeadcount.snapshots[0]?.headcount);
      }),
      { numRuns: 80 },
    );
  });

  it('add up months to their span', () => {
    fc.assert(
      fc.property(organisation, (people) => {
        const series = turnoverByMonth(people, { from: '2025-01', to: '2025-06' });
        const half = turnover(people, { start: '2025-01-01', end: '2025-07-01' });
        const sum = series.months.reduce((acc, m) => acc + m.turnover.separations.total, 0);
        expect(sum).toBe(half.separations.total);
        const hires = series.months.reduce((acc, m) => acc + m.turnover.hires, 0);
        expect(hires).toBe(half.hires);
      }),
      { numRuns: 30 },
    );
  });

  it('add up teams to the company when transfers are not separations', () => {
    fc.assert(
      fc.property(organisation, periodArbitrary, (people, period) => {
        // A minimum group size of 3 with teams of at least 3 people: show them all by building
        // the check on the counts of every team, shown or not, via a large enough organisation.
        const result = turnoverByTeam(people, period, {
          transfers: 'not-separation',
          minGroupSize: 3,
        });
        const company = turnover(people, period);
        let separations = 0;
        let personDays = 0;
        let allShown = true;
        for (const team of result.teams) {
          if (team.turnover.status !== 'shown') {
            allShown = false;
            continue;
          }
          separations += team.turnover.value.separations.total;
          personDays += team.turnover.value.averageHeadcount.personDays;
        }
        if (allShown) {
          expect(separations).toBe(company.separations.total);
          expect(personDays).toBe(company.averageHeadcount.personDays);
        } else {
          expect(separations).toBeLessThanOrEqual(company.separations.total);
        }
        // Counting transfers as separations only adds separations.
        const moved = turnoverByTeam(people, period, { transfers: 'separation', minGroupSize: 3 });
        moved.teams.forEach((team, i) => {
          const other = result.teams[i]!.turnover;
          if (team.turnover.status === 'shown' && other.status === 'shown') {
            expect(team.turnover.value.separations.total).toBe(
              other.value.separations.total + team.turnover.value.separations.transfersOut,
            );
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
