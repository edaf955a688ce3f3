import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../../tests/support/cliScratch.js';
import { runCli } from '../program.js';
import { trendCommand } from './trend.js';

const scratch = scratchFolder('trend');
const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'load');

type Row = { start: string; status: string; n?: number; score?: number; change?: number | null };

/** January: 20 answers, 10 promoters and 10 detractors (eNPS 0); February: 30, 24 promoters and 6 passives (80); March: 3 answers. */
function answers(dropOneInFebruary = false): string {
  const lines = ['submittedAt,enps'];
  for (let i = 0; i < 20; i++)
    lines.push(`2025-01-${String(1 + i).padStart(2, '0')},${i % 2 ? 9 : 3}`);
  for (let i = dropOneInFebruary ? 1 : 0; i < 30; i++)
    lines.push(`2025-02-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,${i % 5 ? 10 : 7}`);
  lines.push('2025-03-03,9', '2025-03-04,2', '2025-03-05,');
  return `${lines.join('\n')}\n`;
}

const options = {
  score: 'enps',
  date: 'submittedAt',
  interval: 'month',
  method: 'adjusted-wald',
  adjust: 'none',
  minGroup: 5,
  level: 0.95,
} as const;

describe('trendCommand', () => {
  const file = join(scratch, 'answers.csv');
  writeFileSync(file, answers());

  it('shows eNPS per month counted by hand, the change tested, a small month suppressed', async () => {
    const output = await trendCommand(file, options, silentIo);
    const document = output.json as { rows: Row[]; asOf: string; skipped: number };
    expect(document.asOf).toBe('2025-03-04');
    expect(document.skipped).toBe(1);
    expect(document.rows.map((row) => [row.start, row.status, row.n, row.score])).toEqual([
      ['2025-01-01', 'shown', 20, 0],
      ['2025-02-01', 'shown', 30, 80],
      ['2025-03-01', 'suppressed', undefined, undefined],
    ]);
    expect(document.rows[1]!.change).toBeCloseTo(80, 10);
    expect(document.rows[2]).toEqual({
      start: '2025-03-01',
      end: '2025-04-01',
      status: 'suppressed',
    });
  });

  it('with --ledger, hides a month whose answers differ by one from a month released earlier, and its change', async () => {
    const ledger = join(scratch, 'trend.ledger.json');
    await trendCommand(file, { ...options, ledger }, silentIo);
    const minusOne = join(scratch, 'minus-one.csv');
    writeFileSync(minusOne, answers(true));
    const output = await trendCommand(minusOne, { ...options, ledger }, silentIo);
    const document = output.json as { rows: Row[]; warnings: string[] };
    expect(document.rows.map((row) => row.status)).toEqual(['shown', 'suppressed', 'suppressed']);
    expect(document.warnings.join(' ')).toMatch(/refused and hidden/);
    // The same file again releases the same months.
    const same = await trendCommand(file, { ...options, ledger }, silentIo);
    expect((same.json as { rows: Row[] }).rows[1]!.status).toBe('shown');
  });

  it('reads a real export shape (UTF-16 TSV, D.M.YYYY days) with its mapping file', async () => {
    const output = await trendCommand(
      join(fixtures, 'company', 'engagement.tsv'),
      {
        ...options,
        score: 'recommend',
        interval: 'week',
        mapping: join(fixtures, 'company', 'engagement.mapping.json'),
      },
      silentIo,
    );
    const rows = (output.json as { rows: Row[] }).rows;
    expect(rows.reduce((sum, row) => sum + (row.n ?? 0), 0)).toBe(72);
  });
});

describe('internal-customer trend', () => {
  it('takes --interval and --as-of and refuses a 1-5 item without --scale', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const io = {
      ...silentIo,
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => errors.push(text) },
    };
    const file = join(scratch, 'answers.csv');
    const args = [
      'trend',
      file,
      '--score',
      'enps',
      '--interval',
      'quarter',
      '--as-of',
      '2025-06-30',
    ];
    expect(await runCli([...args, '--format', 'csv'], io)).toBe(0);
    expect(out.join('').split('\r\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^2025-01-01,2025-04-01,shown,52,11,6,35,/),
      '2025-04-01,2025-07-01,suppressed,,,,,,,,,,,,,',
    ]);
    const likert = join(scratch, 'likert.csv');
    writeFileSync(
      likert,
      `submittedAt,enps\n${Array.from({ length: 9 }, (_, i) => `2025-01-0${1 + i},${1 + (i % 5)}`).join('\n')}\n`,
    );
    expect(await runCli(['trend', likert, '--score', 'enps'], io)).toBe(2);
    expect(errors.join('')).toMatch(/--scale 1-5 --cutoffs 2,4/);
  });
});
