import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseDemoArguments, SAMPLE_DATASET_PATH } from '../../examples/demo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sample = JSON.parse(readFileSync(SAMPLE_DATASET_PATH, 'utf8')) as Record<string, unknown[]>;
const scratch = mkdtempSync(join(tmpdir(), 'internal-customer-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The count as the demo prints it (en-GB grouping). */
const printed = (n: number) => n.toLocaleString('en-GB');

describe('examples/demo.ts', () => {
  it('summarises the bundled sample with its record counts and no issues', async () => {
    const text = await main();
    expect(text).toContain('the bundled fictional sample organisation');
    for (const [collection, records] of Object.entries(sample)) {
      const count = printed(records.length);
      expect(text).toMatch(new RegExp(`${collection}\\s+${count} / ${count}`));
    }
    expect(text).toContain('Validation: 0 issues');
    expect(text).toMatch(/Headcount on 2026-09-30: \d{3} people employed/);
    expect(text).toContain('by confidentiality: anonymous 4, confidential 8, identified 4');
    expect(text).toContain('Teams: 48 in 4 levels');
    expect(text).toMatch(/\d+ of 48 teams are below the minimum group size of 5/);
    expect(text).toMatch(
      /Satisfaction: eNPS of ".+" -?\d+\.\d \(95% CI -?\d+\.\d to -?\d+\.\d, adjusted Wald; n = \d+\)/,
    );
    expect(text).toMatch(/response rate \d+\.\d% \((low|fair|good)\)/);
    expect(text).toContain('eNPS by quarter');
    expect(text).toMatch(/\d+% of R\^2 {2}r = 0\.\d\d/);
    expect(text).toMatch(/Manager service, \d{4}-\d{2}-\d{2} to 2026-09-30: \d+ scorecards/);
    expect(text).toMatch(/median manager +\d+%/);
    expect(text).toMatch(/Privacy: eNPS answers of ".+" \((confidential|identified)\) by team/);
    expect(text).toMatch(/\d+ cells: \d+ shown, \d+ suppressed \(primary \d+/);
    expect(text).toContain(
      'independent disclosure check: nothing below the minimum group size can be derived',
    );
  });

  it('runs from the command line with no arguments, as `npm run demo` does', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const run = spawnSync(process.execPath, [tsx, 'examples/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validation: 0 issues');
    expect(run.stdout).toContain(`employees      ${printed(sample.employees!.length).padStart(7)}`);
  });

  it('reads another dataset, counts as of its latest day and lists its issues', async () => {
    const path = join(scratch, 'small.json');
    writeFileSync(
      path,
      JSON.stringify({
        employees: [
          { id: 'e1', name: 'Ada' },
          { id: 'e1', name: 'Ben' },
        ],
        teams: [{ id: 't1', name: 'Team' }],
        spells: [{ employeeId: 'e1', hireDate: '2024-01-10' }],
        assignments: [{ employeeId: 'e1', teamId: 't1', validFrom: '2024-03-01' }],
      }),
    );
    const text = await main([path]);
    expect(text).toContain(`internal-customer demo: ${path}`);
    expect(text).toContain('Validation: 1 issue; all');
    expect(text).toContain('[duplicate] employees row 2');
    expect(text).toContain('Headcount on 2024-03-01: 1 person employed');
    expect(text).toContain('1 of 1 teams are below the minimum group size of 5');
    expect(await main([path, '--as-of', '2024-02-01'])).toContain('Headcount on 2024-02-01');
  });

  it('refuses unknown options and malformed days', () => {
    expect(() => parseDemoArguments(['--as-of', '2024-02-30'])).toThrow(/--as-of requires/);
    expect(() => parseDemoArguments(['--verbose'])).toThrow(/unknown option --verbose/);
    expect(parseDemoArguments(['a.json'])).toEqual({ path: 'a.json' });
  });
});
