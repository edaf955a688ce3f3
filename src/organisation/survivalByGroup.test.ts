import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../retention/kaplanMeier.js';
import type { RetentionPerson } from '../retention/retentionPeople.js';
import { survivalByGroup } from './survivalByGroup.js';

const person = (
  id: string,
  hireDate: string,
  terminationDate?: string,
  workerType: RetentionPerson['workerType'] = 'employee',
): RetentionPerson => ({
  id,
  workerType,
  spells: [
    terminationDate === undefined
      ? { hireDate }
      : { hireDate, terminationDate, separationKind: 'voluntary' },
  ],
});

const people: RetentionPerson[] = [
  person('a1', '2020-01-01', '2022-12-31'),
  person('a2', '2020-01-01'),
  person('a3', '2021-06-01', '2023-05-31'),
  person('a4', '2019-03-01'),
  person('a5', '2022-01-01'),
  person('a6', '2018-01-01', '2024-12-31'),
  person('b1', '2021-01-01', '2021-12-31'),
  person('b2', '2022-01-01'),
  person('c1', '2017-01-01'),
  person('c2', '2018-01-01', '2020-06-30'),
  person('c3', '2019-01-01'),
  person('c4', '2020-01-01', '2025-03-31'),
  person('c5', '2021-01-01'),
  person('c6', '2023-01-01'),
  person('x1', '2020-01-01', undefined, 'contractor'),
];
const groupOf = (p: RetentionPerson) => p.id.slice(0, 1);

describe('survivalByGroup', () => {
  it('hides a small group and one complement, and draws the shown curves', () => {
    const segments = survivalByGroup(people, { asOf: '2025-12-31', groupOf });
    expect(segments.map((s) => [s.group ?? s.segment, s.curve.status, s.leavers])).toEqual([
      ['all', 'shown', 6],
      ['a', 'suppressed', null],
      ['b', 'suppressed', null],
      ['c', 'shown', 2],
    ]);
  });

  it('counts employees and direct temporaries only, hired by asOf', () => {
    const [all] = survivalByGroup(people, { asOf: '2025-12-31' });
    expect(all!.curve.status === 'shown' && all!.curve.n).toBe(14);
    const [early] = survivalByGroup(people, { asOf: '2019-12-31' });
    expect(early!.curve.status === 'shown' && early!.curve.n).toBe(5);
  });

  it("gives a shown group the Kaplan-Meier curve of its people's tenure", () => {
    const c = survivalByGroup(people, { asOf: '2025-12-31', groupOf, unit: 'days' })[3]!;
    expect(c.curve.status).toBe('shown');
    if (c.curve.status !== 'shown') return;
    // c2 left after 911 days, c4 after 1916; the others are censored at their tenure on asOf.
    const direct = kaplanMeier([3286, 911, 2556, 1916, 1826, 1095], [0, 1, 0, 1, 0, 0]);
    expect(c.curve.value.survival).toEqual(direct.survival);
  });
});
