import { describe, expect, it } from 'vitest';
import type { RetentionPerson } from '../retention/retentionPeople.js';
import { tenureIncidence } from '../retention/tenureIncidence.js';
import { exitIncidenceByGroup } from './exitIncidenceByGroup.js';

type Kind = 'voluntary' | 'involuntary' | 'other';
const person = (
  id: string,
  hireDate: string,
  terminationDate?: string,
  separationKind?: Kind,
  regretted?: boolean,
): RetentionPerson => ({
  id,
  spells: [
    terminationDate === undefined
      ? { hireDate }
      : { hireDate, terminationDate, separationKind, regretted },
  ],
});

const people: RetentionPerson[] = [
  person('a1', '2020-01-01', '2022-12-31', 'voluntary', true),
  person('a2', '2020-01-01'),
  person('a3', '2021-06-01', '2023-05-31', 'involuntary'),
  person('a4', '2019-03-01'),
  person('a5', '2022-01-01'),
  person('a6', '2018-01-01', '2024-12-31', 'voluntary'),
  person('b1', '2021-01-01', '2021-12-31', 'voluntary'),
  person('b2', '2022-01-01'),
  person('c1', '2017-01-01'),
  person('c2', '2018-01-01', '2020-06-30', 'other'),
  person('c3', '2019-01-01'),
  person('c4', '2020-01-01', '2025-03-31', 'voluntary', true),
  person('c5', '2021-01-01'),
  person('c6', '2023-01-01'),
  { ...person('x1', '2020-01-01'), workerType: 'contractor' },
];
const groupOf = (p: RetentionPerson) => p.id.slice(0, 1);

describe('exitIncidenceByGroup', () => {
  it('hides a small group and one complement, and gives shown groups their curves', () => {
    const segments = exitIncidenceByGroup(people, { asOf: '2025-12-31', groupOf });
    expect(segments.map((s) => [s.group ?? s.segment, s.incidence.status])).toEqual([
      ['all', 'shown'],
      ['a', 'suppressed'],
      ['b', 'suppressed'],
      ['c', 'shown'],
    ]);
    const c = segments[3]!.incidence;
    const direct = tenureIncidence(
      people.filter((p) => groupOf(p) === 'c'),
      {
        asOf: '2025-12-31',
      },
    ).overall;
    expect(c).toEqual(direct);
    expect(c.status === 'shown' && c.value.exits).toEqual({
      people: 6,
      stayed: 4,
      voluntary: 1,
      involuntary: 0,
      other: 1,
      regretted: 1,
    });
  });

  it('hides a group whose leavers all left by one kind when everyone left', () => {
    const gone = ['d1', 'd2', 'd3', 'd4', 'd5'].map((id, i) =>
      person(id, '2020-01-01', `2021-0${i + 1}-15`, 'voluntary'),
    );
    const segments = exitIncidenceByGroup([...people, ...gone], {
      asOf: '2025-12-31',
      groupOf,
    });
    const d = segments.find((s) => s.group === 'd')!;
    expect(d.incidence.status).toBe('suppressed');
    // Two hidden groups cannot be told apart from the total: a and b stay hidden together.
    expect(
      segments.filter((s) => s.incidence.status === 'suppressed').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('lets a kind nobody had be a zero category that hides nothing', () => {
    const segments = exitIncidenceByGroup(people, { asOf: '2025-12-31' });
    const all = segments[0]!.incidence;
    expect(all.status).toBe('shown');
    if (all.status !== 'shown') return;
    expect(all.n).toBe(14);
    expect(all.value.exits.other + all.value.exits.involuntary).toBe(2);
  });

  it('observes spells from recordsStart: people who left before it are not counted', () => {
    const [all] = exitIncidenceByGroup(people, {
      asOf: '2025-12-31',
      recordsStart: '2022-01-01',
    });
    // b1 (left 2021-12-31) and c2 (2020-06-30) ended before the records start.
    expect(all!.incidence.status === 'shown' && all!.incidence.n).toBe(12);
    expect(all!.incidence.status === 'shown' && all!.incidence.value.exits.people).toBe(12);
  });

  it('refuses a minimum group size below 3', () => {
    expect(() => exitIncidenceByGroup(people, { asOf: '2025-12-31', minGroupSize: 2 })).toThrow(
      /minGroupSize|minimum/,
    );
  });
});
