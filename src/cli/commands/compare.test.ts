import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, silentIo } from '../../../tests/support/cliScratch.js';
import { ledgerWarning } from '../../privacy/releaseLedger.js';
import { runCli } from '../program.js';
import { compareCommand } from './compare.js';

const scratch = scratchFolder('compare');

/**
 * 30 people answer twice: a third move from detractor (3) to passive (7), a third from passive
 * (8) to promoter (9), a third stay promoters (9): eNPS 0 then 66.7.
 */
const spring = join(scratch, 'spring.csv');
const autumn = join(scratch, 'autumn.csv');
const pulse = join(scratch, 'pulse.csv');
const first = (i: number) => (i % 3 === 0 ? 3 : i % 3 === 1 ? 8 : 9);
const second = (i: number) => (i % 3 === 0 ? 7 : 9);
const people = Array.from({ length: 30 }, (_, i) => i);
writeFileSync(spring, `id,enps\n${people.map((i) => `p${i},${first(i)}`).join('\n')}\n`);
writeFileSync(autumn, `id,enps\n${people.map((i) => `p${i},${second(i)}`).join('\n')}\n`);
writeFileSync(
  pulse,
  `submittedAt,enps\n${people.map((i) => `2025-02-10,${first(i)}\n2025-05-10T08:00:00Z,${second(i)}`).join('\n')}\n`,
);

const options = { score: 'enps', method: 'adjusted-wald', minGroup: 5, level: 0.95 } as const;
type Row = Record<string, number | string | null>;
const rowOf = async (files: string[], extra: object = {}) =>
  ((await compareCommand(files, { ...options, ...extra }, silentIo)).json as { rows: Row[] })
    .rows[0]!;

describe('compareCommand', () => {
  it('pairs the answers of identified respondents: the t test of R', async () => {
    const row = await rowOf([spring, autumn], { id: 'id' });
    // R: r <- t.test(c(rep(1, 20), rep(0, 10))); 100 * r$estimate, 100 * r$conf.int, r$p.value
    expect(row.test).toBe('paired');
    expect(row.difference).toBeCloseTo(66.6666666667, 8);
    expect(row.lower).toBeCloseTo(48.7632127542, 8);
    expect(row.upper).toBeCloseTo(84.5701205792, 8);
    expect(row.pValue).toBeCloseTo(2.13808923742e-8, 15);
  });

  it('compares two surveys as independent groups without --id', async () => {
    const row = await rowOf([spring, autumn]);
    expect(row).toMatchObject({ test: 'independent', n1: 30, n2: 30, score1: 0 });
    expect(row.difference).toBeCloseTo(66.6666666667, 8);
    expect(row.pValue as number).toBeLessThan(0.001);
  });

  it('compares two periods of one file, the same as the two files', async () => {
    const periods = await rowOf([pulse], {
      date: 'submittedAt',
      first: '2025-01-01..2025-03-31',
      second: '2025-04-01..2025-06-30',
    });
    expect(periods).toEqual(await rowOf([spring, autumn]));
  });

  it('with --ledger, hides a comparison whose group differs by one from a group released earlier', async () => {
    const ledger = join(scratch, 'compare.ledger.json');
    expect((await rowOf([spring, autumn], { ledger })).status).toBe('shown');
    // The spring file again with one late answer: its group differs by one person.
    const late = join(scratch, 'late', 'spring.csv');
    mkdirSync(dirname(late), { recursive: true });
    writeFileSync(late, `id,enps\n${people.map((i) => `p${i},${first(i)}`).join('\n')}\np30,0\n`);
    const output = await compareCommand([late, autumn], { ...options, ledger }, silentIo);
    const json = output.json as { rows: Row[]; warnings: string[] };
    expect(json.rows).toEqual([{ test: 'independent', status: 'suppressed' }]);
    expect(json.warnings).toEqual([ledgerWarning(5)]);
    // Identified respondents (a ledger of person keys): the 30 people in both are paired both
    // times, the same population, shown again.
    const keyed = join(scratch, 'compare-keyed.ledger.json');
    expect((await rowOf([spring, autumn], { ledger: keyed, id: 'id' })).status).toBe('shown');
    expect((await rowOf([late, autumn], { ledger: keyed, id: 'id' })).status).toBe('shown');
    const keys = JSON.parse(readFileSync(keyed, 'utf8')) as {
      entries: { population: { keys: string[] } }[];
    };
    expect(keys.entries[0]!.population.keys).toHaveLength(30);
    // Two periods of one file are named as trend names its periods.
    const periods = {
      date: 'submittedAt',
      first: '2025-01-01..2025-03-31',
      second: '2025-04-01..2025-06-30',
    };
    expect((await rowOf([pulse], { ledger, ...periods })).status).toBe('shown');
    const written = JSON.parse(readFileSync(ledger, 'utf8')) as {
      entries: { population: object }[];
    };
    expect(written.entries.at(-1)!.population).toEqual({
      groups: { 'submittedAt=2025-04-01..2025-07-01': 30 },
    });
  });

  it('shows nothing when either group is too small for the gate', async () => {
    const few = join(scratch, 'few.csv');
    writeFileSync(few, 'id,enps\np1,9\np2,3\np3,7\np4,10\n');
    expect(await rowOf([spring, few])).toEqual({ test: 'independent', status: 'suppressed' });
  });
});

describe('internal-customer compare', () => {
  it('refuses one file without --date, and a period out of order (exit 1)', async () => {
    const errors: string[] = [];
    const io = { ...silentIo, stderr: { write: (text: string) => errors.push(text) } };
    expect(await runCli(['compare', spring, '--score', 'enps'], io)).toBe(1);
    expect(errors.join('')).toMatch(/give two files/);
    const args = ['compare', pulse, '--score', 'enps', '--date', 'submittedAt'];
    expect(
      await runCli(
        [...args, '--first', '2025-03-31..2025-01-01', '--second', '2025-04-01..2025-06-30'],
        io,
      ),
    ).toBe(1);
    expect(errors.join('')).toMatch(/--first requires FROM\.\.TO/);
  });
});
