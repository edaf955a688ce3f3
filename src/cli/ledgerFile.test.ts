import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../tests/support/cliScratch.js';
import { enpsCommand } from './commands/enps.js';
import { favourabilityCommand } from './commands/favourability.js';
import { turnoverCommand } from './commands/turnover.js';

const scratch = scratchFolder('ledger');

const io = silentIo;
const file = (name: string, lines: readonly string[]) => {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const statuses = (output: { json: unknown }) =>
  (output.json as { rows: { group: string | null; status: string }[] }).rows.map((row) => [
    row.group ?? 'all',
    row.status,
  ]);

/** Department D of 13 answers and E of 12; the filtered file leaves one answer of D out. */
const enpsOptions = (ledger: string) =>
  ({
    score: 'score',
    by: 'dept',
    minGroup: 5,
    method: 'adjusted-wald',
    level: 0.95,
    seed: 1,
    ledger,
  }) as const;
const answers = (leaveOut: number) =>
  Array.from({ length: 25 }, (_, i) => i)
    .filter((i) => i !== leaveOut)
    .map((i) => `${[9, 3, 7, 10, 6][i % 5]},${i < 13 ? 'D' : 'E'},${(i % 5) + 1}`);

describe('--ledger on enps, favourability and turnover (issue 14)', () => {
  it('enps: refuses a file "department minus one person" after the whole file, and writes the ledger', async () => {
    const ledger = join(scratch, 'enps-ledger.json');
    const options = enpsOptions(ledger);
    const whole = file('whole.csv', ['score,dept,grow', ...answers(-1)]);
    const first = await enpsCommand(whole, options, io);
    expect(statuses(first)).toEqual([
      ['all', 'shown'],
      ['D', 'shown'],
      ['E', 'shown'],
    ]);
    const written = JSON.parse(readFileSync(ledger, 'utf8'));
    expect(written.entries).toHaveLength(3);
    const filtered = file('filtered.csv', ['score,dept,grow', ...answers(0)]);
    const second = await enpsCommand(filtered, options, io);
    expect(statuses(second)).toEqual([
      ['all', 'suppressed'],
      ['D', 'suppressed'],
      ['E', 'shown'],
    ]);
    expect((second.json as { warnings: string[] }).warnings).toContain(
      'A value was refused and hidden: its group differs from a group released earlier (the release ledger) by fewer than 5 people.',
    );
    // Without --ledger the same file is shown as before.
    const alone = await enpsCommand(filtered, { ...options, ledger: undefined }, io);
    expect(statuses(alone)[1]).toEqual(['D', 'shown']);
  });

  it('favourability: refuses an item per item, with the warning naming the item', async () => {
    const ledger = join(scratch, 'fav-ledger.json');
    const options = { items: ['grow'], points: 5, by: 'dept', minGroup: 5, level: 0.95, ledger };
    await favourabilityCommand(file('f1.csv', ['score,dept,grow', ...answers(-1)]), options, io);
    const second = await favourabilityCommand(
      file('f2.csv', ['score,dept,grow', ...answers(0)]),
      options,
      io,
    );
    expect(statuses(second).map(([, status]) => status)).toEqual([
      'suppressed',
      'suppressed',
      'shown',
    ]);
    expect((second.json as { warnings: string[] }).warnings[0]).toMatch(
      /^grow: A value was refused/,
    );
  });

  it('turnover: a monthly series is not blocked; the same month without one person is', async () => {
    const ledger = join(scratch, 'turnover-ledger.json');
    const people = Array.from({ length: 20 }, (_, i) => {
      // One leaver in January (E13) and one in February (E3): nobody's exit is everyone's.
      const left = i === 13 ? '2025-01-20,voluntary' : i === 3 ? '2025-02-10,involuntary' : ',';
      return `E${i},2020-01-01,${left},,employee,${i < 10 ? 'A' : 'B'}`;
    });
    const header = 'id,hireDate,terminationDate,separationKind,regretted,workerType,team';
    const hire = 'E99,2025-02-03,,,,employee,A';
    const employees = file('employees.csv', [header, ...people, hire]);
    const month = (from: string, to: string) => ({
      from,
      to,
      minGroup: 5,
      level: 0.95,
      headcount: 'daily' as const,
      ledger,
    });
    const january = await turnoverCommand(employees, month('2025-01-01', '2025-01-31'), io);
    const february = await turnoverCommand(employees, month('2025-02-01', '2025-02-28'), io);
    expect(statuses(january)).toEqual([['all', 'shown']]);
    expect(statuses(february)).toEqual([['all', 'shown']]);
    const withoutOne = file('employees-1.csv', [header, ...people.slice(1), hire]);
    const filtered = await turnoverCommand(withoutOne, month('2025-02-01', '2025-02-28'), io);
    expect(statuses(filtered)).toEqual([['all', 'suppressed']]);
  });

  it('reports a ledger file that is not a ledger as a data error', async () => {
    const ledger = file('bad-ledger.json', ['{"entries": []}']);
    const options = enpsOptions(ledger);
    await expect(
      enpsCommand(file('x.csv', ['score,dept,grow', ...answers(-1)]), options, io),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/is not a release ledger/),
    });
  });
});
