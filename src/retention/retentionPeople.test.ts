import { describe, expect, it } from 'vitest';
import { generateSampleOrganisation } from '../internal/sampleOrganisation.js';
import { validateDataset } from '../schemas/dataset.js';
import { averageHeadcount } from './averageHeadcount.js';
import { headcountOn } from './headcountOn.js';
import { retentionPeople } from './retentionPeople.js';
import { tenureSurvival } from './tenureSurvival.js';
import { turnover } from './turnover.js';
import { turnoverByTeam } from './turnoverByTeam.js';

describe('retentionPeople', () => {
  it('gathers each employee`s spells, assignments and leaves, sorted, and drops protected data', () => {
    const people = retentionPeople({
      employees: [
        { id: 'a', workerType: 'direct-temporary', attributes: { role: 'engineer' } },
        { id: 'b', workerType: 'employee', attributes: {} },
      ],
      spells: [
        { employeeId: 'a', hireDate: '2024-05-01' },
        {
          employeeId: 'a',
          hireDate: '2020-01-01',
          terminationDate: '2021-01-01',
          separationKind: 'other',
          regretted: false,
        },
        { employeeId: 'ghost', hireDate: '2020-01-01' },
      ],
      assignments: [{ employeeId: 'a', teamId: 't', validFrom: '2024-05-01', managerId: 'b' }],
      leaves: [{ employeeId: 'b', kind: 'sick', startDate: '2025-01-01', endDate: '2025-01-10' }],
    });
    expect(people).toEqual([
      {
        id: 'a',
        workerType: 'direct-temporary',
        spells: [
          {
            hireDate: '2020-01-01',
            terminationDate: '2021-01-01',
            separationKind: 'other',
            regretted: false,
          },
          { hireDate: '2024-05-01' },
        ],
        assignments: [{ teamId: 't', validFrom: '2024-05-01', managerId: 'b' }],
        attributes: { role: 'engineer' },
      },
      {
        id: 'b',
        workerType: 'employee',
        spells: [],
        leaves: [{ startDate: '2025-01-01', endDate: '2025-01-10', kind: 'sick' }],
      },
    ]);
  });

  it('feeds the sample organisation through every function consistently', () => {
    const { dataset, issues } = validateDataset(
      generateSampleOrganisation({ seed: 5, asOf: '2025-12-31' }),
    );
    expect(issues).toEqual([]);
    const people = retentionPeople(dataset);
    expect(people.length).toBe(dataset.employees.length);
    const year = { start: '2025-01-01', end: '2026-01-01' };
    const result = turnover(people, year);
    // The daily average is the mean of headcountOn over the year's days, computed independently.
    const average = averageHeadcount(people, year);
    const sample = ['2025-01-01', '2025-04-17', '2025-09-30', '2025-12-31'];
    for (const day of sample) {
      const snapshot = average.snapshots.find((s) => s.day === day);
      expect(snapshot?.headcount).toBe(headcountOn(people, day).headcount);
    }
    expect(result.averageHeadcount.value).toBeGreaterThan(300);
    expect(result.separations.total).toBeGreaterThan(20);
    // Separations counted straight from the spells.
    const counted = new Set(
      dataset.employees
        .filter((e) => e.workerType === 'employee' || e.workerType === 'direct-temporary')
        .map((e) => e.id),
    );
    const direct = dataset.spells.filter(
      (s) =>
        counted.has(s.employeeId) &&
        s.terminationDate !== undefined &&
        s.terminationDate >= year.start &&
        s.terminationDate < year.end,
    ).length;
    expect(result.separations.total).toBe(direct);
    // With transfers not counted, the shown teams' separations and person-days are part of the
    // company's (exact additivity over all teams is a property test: turnover.prop.test.ts).
    const teams = turnoverByTeam(people, year, { transfers: 'not-separation', minGroupSize: 3 });
    let separations = 0;
    let personDays = 0;
    for (const team of teams.teams) {
      if (team.turnover.status !== 'shown') continue;
      separations += team.turnover.value.separations.total;
      personDays += team.turnover.value.averageHeadcount.personDays;
    }
    expect(separations).toBeGreaterThan(0);
    expect(separations).toBeLessThanOrEqual(result.separations.total);
    expect(personDays).toBeLessThanOrEqual(average.personDays);
    const byTeam = turnoverByTeam(people, year, { transfers: 'separation' });
    const transfers = byTeam.teams.reduce(
      (sum, team) =>
        sum + (team.turnover.status === 'shown' ? team.turnover.value.separations.transfersOut : 0),
      0,
    );
    expect(transfers).toBeGreaterThan(0);
    const tenure = tenureSurvival(people, { asOf: '2025-12-31', by: 'team' });
    expect(tenure.overall.status).toBe('shown');
    expect(tenure.logRank?.degreesOfFreedom).toBeGreaterThan(1);
  });
});
