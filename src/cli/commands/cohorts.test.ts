import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../../tests/support/cliScratch.js';
import { ledgerWarning } from '../../privacy/releaseLedger.js';
import { runCli } from '../program.js';
import { cohortsCommand } from './cohorts.js';

const scratch = scratchFolder('cohorts');
const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'load');

type Cell = { horizon: number; status: string; retained?: number; rate?: number };
type Row = { cohort: string; status: string; hires?: number; cells: Cell[] };

/**
 * 2023-Q1: 12 hires, 5 of whom leave 2 months in (7 retained at 3, 6 and 12 months); 2023-Q2:
 * 8 hires, 1 leaves at 4 months (a horizon of 1 leaver: hidden); 2024-Q4: 2 hires (hidden whole).
 */
function employees(): string {
  const lines = ['id,hireDate,terminationDate,separationKind'];
  for (let i = 0; i < 12; i++)
    lines.push(`A${i},2023-01-10,${i < 5 ? '2023-03-01,voluntary' : ','}`);
  for (let i = 0; i < 8; i++)
    lines.push(`B${i},2023-04-05,${i === 0 ? '2023-08-20,involuntary' : ','}`);
  lines.push('C0,2024-10-01,,', 'C1,2024-11-01,,');
  return `${lines.join('\n')}\n`;
}

describe('cohortsCommand', () => {
  const file = join(scratch, 'employees.csv');
  writeFileSync(file, employees());
  const options = {
    asOf: '2025-06-30',
    cohort: 'quarter',
    horizons: [3, 6, 12],
    minGroup: 5,
  } as const;

  it('shows the retained share of each cohort at each horizon, counted by hand', async () => {
    const output = await cohortsCommand(file, options, silentIo);
    const rows = (output.json as { rows: Row[] }).rows;
    expect(rows.map((row) => row.cohort)).toEqual(['2023-Q1', '2023-Q2', '2024-Q4']);
    expect(rows[0]).toMatchObject({ status: 'shown', hires: 12 });
    expect(rows[0]!.cells).toEqual([
      { horizon: 3, status: 'shown', retained: 7, rate: 7 / 12 },
      { horizon: 6, status: 'shown', retained: 7, rate: 7 / 12 },
      { horizon: 12, status: 'shown', retained: 7, rate: 7 / 12 },
    ]);
  });

  it('hides a horizon whose leavers since the previous one are too few, and a small cohort whole, with no number left', async () => {
    const output = await cohortsCommand(file, options, silentIo);
    const rows = (output.json as { rows: Row[] }).rows;
    // 8 retained at 3 months, 7 at 6: showing both would tell the one leaver.
    const q2 = rows[1]!.cells.map((cell) => cell.status);
    expect(q2.filter((status) => status === 'suppressed').length).toBeGreaterThanOrEqual(1);
    expect(rows[2]).toEqual({
      cohort: '2024-Q4',
      first: '2024-10-01',
      last: '2024-12-31',
      observedFromHire: true,
      status: 'suppressed',
      cells: [
        { horizon: 3, status: 'suppressed' },
        { horizon: 6, status: 'suppressed' },
        { horizon: 12, status: 'unobservable' },
      ],
    });
    const csv = output.csv.rows.filter((row) => row.status !== 'shown');
    for (const row of csv) expect(row.retained ?? null).toBeNull();
  });

  it('shows no retention for a cohort hired before --records-start', async () => {
    const output = await cohortsCommand(file, { ...options, recordsStart: '2023-04-01' }, silentIo);
    const rows = (output.json as { rows: Row[] }).rows;
    expect(rows[0]!.cells.every((cell) => cell.status === 'unobservable')).toBe(true);
    // The 5 who left before the records start are not in them: 7 hires, none observed from hire.
    expect(output.table.rows[0]).toEqual([
      '2023-Q1',
      '7',
      'not observed',
      'not observed',
      'not observed',
    ]);
  });

  it('with --ledger, hides the retention of a cohort whose hires differ by one from a release, keeping its hires', async () => {
    const ledger = join(scratch, 'cohorts.ledger.json');
    const first = await cohortsCommand(file, { ...options, ledger }, silentIo);
    expect((first.json as { warnings: string[] }).warnings).toEqual([]);
    // A late-entered hire of 2023-Q1 who stayed: 13 hires, 8 retained, the newcomer given away.
    const late = join(scratch, 'employees-late.csv');
    writeFileSync(late, `${employees()}A12,2023-02-01,,\n`);
    const again = await cohortsCommand(late, { ...options, ledger }, silentIo);
    const rows = (again.json as { rows: Row[]; warnings: string[] }).rows;
    expect(rows[0]).toMatchObject({ cohort: '2023-Q1', status: 'shown', hires: 13 });
    expect(rows[0]!.cells.map((cell) => cell.status)).toEqual([
      'suppressed',
      'suppressed',
      'suppressed',
    ]);
    expect(JSON.stringify(rows[0]!.cells)).not.toMatch(/retained|rate/);
    // 2023-Q2 is unchanged: the same people, shown again.
    expect(rows[1]!.cells[0]).toMatchObject({ status: 'shown', retained: 8 });
    expect((again.json as { warnings: string[] }).warnings).toContain(ledgerWarning(5));
    // The same file once more: the same people as the first release, shown.
    const same = await cohortsCommand(file, { ...options, ledger }, silentIo);
    expect((same.json as { rows: Row[] }).rows[0]!.cells[0]).toMatchObject({ retained: 7 });
  });

  it('reads a real export shape with its mapping file, and names the flag in its warning', async () => {
    const output = await cohortsCommand(
      join(fixtures, 'hr-dataset', 'HRDataset.csv'),
      {
        ...options,
        asOf: '2025-12-31',
        cohort: 'year',
        mapping: join(fixtures, 'hr-dataset', 'HRDataset.mapping.json'),
      },
      silentIo,
    );
    const document = output.json as { rows: Row[]; warnings: string[] };
    const hires = document.rows.reduce((sum, row) => sum + (row.hires ?? 0), 0);
    expect(hires).toBeGreaterThan(50);
    expect(document.warnings.join(' ')).toMatch(/pass --records-start/);
  });
});

describe('internal-customer cohorts', () => {
  function capture() {
    const out: string[] = [];
    const errors: string[] = [];
    const io = {
      ...silentIo,
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => errors.push(text) },
    };
    return { io, out, errors };
  }

  it('takes --horizons, --cohort and --records-start, and writes CSV', async () => {
    const { io, out } = capture();
    const file = join(scratch, 'employees.csv');
    const code = await runCli(
      ['cohorts', file, '--as-of', '2025-06-30', '--horizons', '12,3', '--format', 'csv'],
      io,
    );
    expect(code).toBe(0);
    const lines = out.join('').split('\r\n');
    expect(lines[0]).toBe('cohort,first,last,horizon,status,hires,retained,rate');
    expect(lines[1]).toBe(`2023-Q1,2023-01-01,2023-03-31,3,shown,12,7,${7 / 12}`);
  });

  it('refuses --records-start after --as-of and a horizon of 0 (exit 1)', async () => {
    const file = join(scratch, 'employees.csv');
    const late = capture();
    expect(
      await runCli(
        ['cohorts', file, '--as-of', '2025-06-30', '--records-start', '2025-07-01'],
        late.io,
      ),
    ).toBe(1);
    expect(late.errors.join('')).toMatch(/--records-start requires a day on or before --as-of/);
    expect(
      await runCli(['cohorts', file, '--as-of', '2025-06-30', '--horizons', '0,3'], capture().io),
    ).toBe(1);
  });
});
