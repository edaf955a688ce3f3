import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../../tests/support/cliScratch.js';
import type { PublishedReport } from '../../privacy/suppressTable.js';
import { verifyNoDisclosure } from '../../privacy/verifyNoDisclosure.js';
import { turnoverCommand } from './turnover.js';

const scratch = scratchFolder('turnover');

const io = silentIo;

/**
 * A 252-person organisation like the real export of issue 14: six departments of 24 to 60
 * people, one department of 1, separations in 2025 only voluntary or involuntary, no regretted
 * flag. Each person's exit, by department (the test's own tally, not the command's).
 */
function organisation(): {
  csv: string;
  exits: Map<string, { stayed: number; voluntary: number; involuntary: number }>;
} {
  const sizes: [string, number][] = [
    ['Sales', 60],
    ['Engineering', 55],
    ['Support', 48],
    ['Finance', 36],
    ['People', 28],
    ['Legal', 24],
    ['Board', 1],
  ];
  const lines = ['id,hireDate,terminationDate,separationKind,regretted,workerType,department'];
  const exits = new Map<string, { stayed: number; voluntary: number; involuntary: number }>();
  let id = 0;
  for (const [department, size] of sizes) {
    const exit = { stayed: 0, voluntary: 0, involuntary: 0 };
    for (let i = 0; i < size; i++) {
      id++;
      const person = `E${String(id).padStart(4, '0')}`;
      const kind =
        department === 'Board'
          ? undefined
          : i % 6 === 1
            ? 'voluntary'
            : i % 9 === 4
              ? 'involuntary'
              : undefined;
      if (kind === undefined) {
        exit.stayed++;
        lines.push(`${person},2020-03-01,,,,employee,${department}`);
      } else {
        exit[kind]++;
        const month = String(1 + (i % 12)).padStart(2, '0');
        lines.push(`${person},2020-03-01,2025-${month}-15,${kind},,employee,${department}`);
      }
    }
    exits.set(department, exit);
  }
  return { csv: `${lines.join('\n')}\n`, exits };
}

describe('turnoverCommand', () => {
  it('shows turnover by department for 252 people with a one-person department, no separation of kind other and no regretted flag (issue 14, the blank table)', async () => {
    const { csv, exits } = organisation();
    const file = join(scratch, 'employees.csv');
    writeFileSync(file, csv);
    const output = await turnoverCommand(
      file,
      {
        from: '2025-01-01' as never,
        to: '2025-12-31' as never,
        by: 'department',
        minGroup: 5,
        level: 0.95,
        headcount: 'daily',
      },
      io,
    );
    const rows = (
      output.json as { rows: { segment: string; group: string | null; status: string }[] }
    ).rows;
    const status = new Map(rows.map((row) => [row.group ?? row.segment, row.status]));
    expect(status.get('all')).toBe('shown');
    expect(status.get('Board')).toBe('suppressed');
    // One complement, the smallest department, protects the one person: no other is hidden.
    const hidden = [...status].filter(([, value]) => value === 'suppressed').map(([key]) => key);
    expect(hidden.sort()).toEqual(['Board', 'Legal']);
    for (const row of rows as { group: string | null; status: string; people?: number }[]) {
      if (row.status !== 'shown' || row.group === null) continue;
      const exit = exits.get(row.group)!;
      expect(row.people).toBe(exit.stayed + exit.voluntary + exit.involuntary);
    }

    // What was published, checked by the independent verifier with each person's exit, whether
    // they left, and whether it was regretted as categorical variables.
    const statistics = (exit: { stayed: number; voluntary: number; involuntary: number }) => {
      const leavers = exit.voluntary + exit.involuntary;
      return {
        n: exit.stayed + leavers,
        counts: { ...exit, other: 0, leavers, regretted: 0, notRegretted: leavers },
        variables: {
          exit: ['stayed', 'voluntary', 'involuntary', 'other'],
          left: ['stayed', 'leavers'],
          regret: ['stayed', 'regretted', 'notRegretted'],
        },
      };
    };
    const departments = [...exits.keys()];
    const total = { stayed: 0, voluntary: 0, involuntary: 0 };
    for (const exit of exits.values()) {
      total.stayed += exit.stayed;
      total.voluntary += exit.voluntary;
      total.involuntary += exit.involuntary;
    }
    const report: PublishedReport = {
      minGroupSize: 5,
      equations: [{ total: 'all', parts: departments }],
      cells: [
        { id: 'all', ...statistics(total), status: 'shown' },
        ...departments.map((department) => ({
          id: department,
          ...statistics(exits.get(department)!),
          status: status.get(department) as 'shown' | 'suppressed',
        })),
      ],
    };
    expect(verifyNoDisclosure(report).findings).toEqual([]);
  });
});

describe('turnoverCommand: the kind of exit among leavers (issue 14)', () => {
  /** Per department: stayed, voluntary and involuntary leavers in 2025. */
  const file = (departments: Record<string, [number, number, number]>) => {
    const lines = ['id,hireDate,terminationDate,separationKind,workerType,department'];
    let id = 0;
    for (const [department, [stayed, voluntary, involuntary]] of Object.entries(departments)) {
      const kinds = [
        ...Array<string>(stayed).fill(''),
        ...Array<string>(voluntary).fill('voluntary'),
        ...Array<string>(involuntary).fill('involuntary'),
      ];
      for (const kind of kinds) {
        id++;
        lines.push(
          kind === ''
            ? `P${id},2020-03-01,,,employee,${department}`
            : `P${id},2020-03-01,2025-0${1 + (id % 9)}-15,${kind},employee,${department}`,
        );
      }
    }
    const path = join(scratch, `kinds-${Object.keys(departments).join('-')}.csv`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const run = async (path: string) =>
    (
      (
        await turnoverCommand(
          path,
          {
            from: '2025-01-01' as never,
            to: '2025-12-31' as never,
            by: 'department',
            minGroup: 5,
            level: 0.95,
            headcount: 'daily',
          },
          io,
        )
      ).json as {
        rows: {
          group: string | null;
          segment: string;
          status: string;
          separations?: number;
          involuntary?: number | null;
          voluntary?: number | null;
        }[];
      }
    ).rows;

  it('does not tell the one dismissal of a department (its leavers are known to HR)', async () => {
    const rows = await run(file({ A: [9, 0, 1], C: [6, 3, 3], D: [10, 3, 2] }));
    const a = rows.find((row) => row.group === 'A')!;
    expect(a.status).toBe('shown');
    expect(a.separations).toBe(1);
    expect(a.involuntary).toBeNull();
    expect(a.voluntary).toBeNull();
    // Nor by subtraction: the total's kinds minus the other departments' would give A's.
    const kindsShown = rows.filter((row) => row.involuntary !== null && row.status === 'shown');
    expect(kindsShown.length).toBeLessThan(rows.length - 1);
  });

  it('hides the kinds where every leaver of a department left the same way', async () => {
    const rows = await run(file({ A: [9, 5, 0], C: [6, 3, 3], D: [10, 3, 2] }));
    expect(rows.find((row) => row.group === 'A')?.voluntary).toBeNull();
  });

  it('shows a quiet department in which everyone stayed', async () => {
    const rows = await run(file({ B: [8, 0, 0], C: [6, 3, 3], D: [10, 3, 2] }));
    const b = rows.find((row) => row.group === 'B')!;
    expect(b.status).toBe('shown');
    expect(b.separations).toBe(0);
  });

  it('shows the kinds of a department with enough leavers of more than one kind', async () => {
    const rows = await run(file({ C: [6, 3, 3], D: [10, 3, 2], E: [10, 4, 3] }));
    expect(rows.find((row) => row.group === 'C')).toMatchObject({ voluntary: 3, involuntary: 3 });
  });
});
