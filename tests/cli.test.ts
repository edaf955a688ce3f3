/**
 * The `internal-customer` command end to end: builds the CLI with the project's own tsup config
 * (the ESM-only `cli` entry) into .tmp/cli-build, so it never races the package test's build of
 * dist/, then spawns it with node on the fixtures of tests/fixtures/cli: every command and format,
 * standard input, mapping files, privacy (suppressed cells, complementary suppression), formula
 * neutralisation, exit codes 0 / 1 / 2, issues on standard error, nothing written on failure.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './support/buildCli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures', 'cli');
// One folder per process: two test runs at once must not remove each other's build.
const outDir = join(root, '.tmp', `cli-build-${process.pid}`);
const cli = join(outDir, 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'internal-customer-cli-'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

beforeAll(async () => {
  await buildCli(outDir);
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input?: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (name: string) => join(fixtures, name);
const json = (result: Run) =>
  JSON.parse(result.stdout) as { rows: Record<string, unknown>[] } & Record<string, unknown>;

describe('the built command', () => {
  it('is the ESM-only bin of the package, with a shebang', () => {
    expect(manifest.bin['internal-customer']).toBe('./dist/cli.js');
    const text = readFileSync(cli, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node')).toBe(true);
    expect(text).not.toMatch(/require\(["']vega/);
  });

  it('prints help with examples and exit codes, and its version, with exit code 0', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['enps', 'favourability', 'turnover', 'survival', 'report'])
      expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Exit codes: 0 ok; 1 usage error');
    const turnover = run(['turnover', '--help']);
    expect(turnover.status).toBe(0);
    expect(turnover.stdout).toContain('separationKind   voluntary | involuntary | other');
    expect(run(['--version']).stdout.trim()).toBe(manifest.version);
  });
});

describe('internal-customer enps', () => {
  it('stops quietly when the reader closes the pipe early (| head, EPIPE)', () => {
    const file = join(scratch, 'many-teams.csv');
    const lines = ['team,score'];
    for (let team = 0; team < 4000; team++) {
      for (let answer = 0; answer < 6; answer++) lines.push(`team${team},${(team + answer) % 11}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const command = `"${process.execPath}" "${cli}" enps "${file}" --score score --by team | head -n 1`;
    const result = spawnSync('sh', ['-c', command], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '' },
    });
    expect(result.stdout).toBe(`eNPS of ${file} by team\n`);
    expect(result.stderr).toBe('');
  });

  it('prints a table of eNPS with intervals per group, suppressed groups shown as such', () => {
    const result = run([
      'enps',
      fixture('survey.csv'),
      '--score',
      'Recommend',
      '--by',
      'Department',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('eNPS of');
    expect(result.stdout).toMatch(/\(all\)\s+322\s+33\.5\s+25\.7 to 40\.8\s+150\s+130\s+42/);
    expect(result.stdout).toMatch(/Commercial\s+suppressed/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('gives JSON with stable field names, and never shows a group that could be derived', () => {
    const result = run([
      'enps',
      fixture('survey.csv'),
      '--score',
      'Recommend',
      '--by',
      'Team',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const document = json(result);
    expect(Object.keys(document)).toEqual([
      'command',
      'file',
      'scoreColumn',
      'scale',
      'byColumn',
      'minGroupSize',
      'method',
      'level',
      'skipped',
      'rows',
      'warnings',
    ]);
    const shown = document.rows.filter((row) => row.status === 'shown');
    const hidden = document.rows.filter((row) => row.status === 'suppressed');
    for (const row of shown) {
      expect(Object.keys(row)).toEqual([
        'segment',
        'group',
        'status',
        'n',
        'detractors',
        'passives',
        'promoters',
        'score',
        'lower',
        'upper',
        'standardError',
      ]);
      expect(row.n as number).toBeGreaterThanOrEqual(5);
    }
    for (const row of hidden) expect(Object.keys(row)).toEqual(['segment', 'group', 'status']);
    // With the total shown, a single hidden group would be the total minus the others.
    expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    const all = shown.find((row) => row.segment === 'all')!;
    const shownGroups = shown.filter((row) => row.segment !== 'all');
    expect(shownGroups.reduce((sum, row) => sum + (row.n as number), 0)).toBeLessThan(
      all.n as number,
    );
  });

  it('writes CSV with the documented columns, full precision and spreadsheet formulas defused', () => {
    const result = run([
      'enps',
      fixture('formula-groups.csv'),
      '--score',
      'score',
      '--by',
      'team',
      '--format',
      'csv',
    ]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'segment,group,status,n,detractors,passives,promoters,score,lower,upper,standardError',
    );
    expect(result.stdout).toContain(`group,"'=HYPERLINK(""http://x"")"`);
    expect(result.stdout).toContain("group,'@SUM(A1),");
    expect(lines[1]).toMatch(/^all,,shown,18,5,4,9,22\.2222222222/);
  });

  it('reads standard input for -, and a mapping file with renamed columns and another delimiter', () => {
    const piped = run(
      ['enps', '-', '--score', 'Recommend', '--format', 'json'],
      readFileSync(fixture('survey.csv'), 'utf8'),
    );
    expect(piped.status).toBe(0);
    expect(json(piped).rows[0]).toMatchObject({ segment: 'all', n: 322, promoters: 150 });
    const mapped = run([
      'enps',
      fixture('survey.csv'),
      '--mapping',
      fixture('survey-mapping.json'),
      '--score',
      'recommend',
      '--by',
      'dept',
      '--format',
      'json',
    ]);
    expect(mapped.status).toBe(0);
    expect(json(mapped).rows[0]).toMatchObject({ n: 322 });
    const semicolon = run([
      'enps',
      fixture('survey-semicolon.csv'),
      '--mapping',
      fixture('survey-semicolon-mapping.json'),
      '--score',
      'score',
      '--by',
      'team',
      '--min-group',
      '3',
      '--format',
      'json',
    ]);
    expect(semicolon.status).toBe(0);
    expect(json(semicolon).rows.map((row) => [row.group, row.n])).toEqual([
      [null, 10],
      ['Technik', 5],
      ['Vertrieb', 5],
    ]);
  });

  it('hides a group whose answers all sit in one category, with one generic footnote', () => {
    const rows = ['team,score'];
    for (const score of [0, 1, 2, 3, 4, 5]) rows.push(`a,${score}`);
    for (const score of [0, 9, 7, 10, 8, 6]) rows.push(`b,${score}`);
    for (const score of [9, 3, 7, 10, 2, 6]) rows.push(`c,${score}`);
    const input = `${rows.join('\n')}\n`;
    const table = run(['enps', '-', '--score', 'score', '--by', 'team'], input);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/\ba\s+suppressed/);
    expect(table.stdout).toContain(
      'Hidden (suppressed) values: fewer than 5 answers, all answers in one category, or hidden so that another hidden value cannot be worked out.',
    );
    const document = json(
      run(['enps', '-', '--score', 'score', '--by', 'team', '--format', 'json'], input),
    );
    expect(document.rows.find((row) => row.group === 'a')).toEqual({
      segment: 'group',
      group: 'a',
      status: 'suppressed',
    });
  });

  it('offers the four interval methods, the bootstrap seeded', () => {
    const first = json(
      run([
        'enps',
        fixture('survey.csv'),
        '--score',
        'Recommend',
        '--method',
        'bootstrap',
        '--format',
        'json',
      ]),
    );
    const second = json(
      run([
        'enps',
        fixture('survey.csv'),
        '--score',
        'Recommend',
        '--method',
        'bootstrap',
        '--format',
        'json',
      ]),
    );
    expect(first.rows[0]!.lower).toBe(second.rows[0]!.lower);
    const score = json(
      run([
        'enps',
        fixture('survey.csv'),
        '--score',
        'Recommend',
        '--method',
        'score',
        '--format',
        'json',
      ]),
    );
    expect(score.method).toBe('score');
  });
});

describe('internal-customer favourability', () => {
  it('gives the shares of each item per group, adding up to one', () => {
    const result = run([
      'favourability',
      fixture('survey.csv'),
      '--items',
      'growth1,workload1',
      '--points',
      '5',
      '--by',
      'Department',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const rows = json(result).rows;
    expect(new Set(rows.map((row) => row.item))).toEqual(new Set(['growth1', 'workload1']));
    for (const row of rows.filter((r) => r.status === 'shown')) {
      expect(
        (row.favourableShare as number) +
          (row.neutralShare as number) +
          (row.unfavourableShare as number),
      ).toBeCloseTo(1, 12);
      expect(row.lower as number).toBeLessThanOrEqual(row.favourableShare as number);
    }
    expect(rows.some((row) => row.status === 'suppressed')).toBe(true);
  });

  it('prints a table with the scale map', () => {
    const result = run([
      'favourability',
      fixture('survey.csv'),
      '--items',
      'growth1',
      '--points',
      '5',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('favourable 4, 5; neutral 3; unfavourable 1, 2');
    expect(result.stdout).toMatch(/growth1\s+\(all\)\s+319\s+64%/);
  });
});

describe('internal-customer turnover and survival', () => {
  it('gives turnover per department with annualised rates, through the privacy module', () => {
    const result = run([
      'turnover',
      fixture('employees.csv'),
      '--from',
      '2025-10-01',
      '--to',
      '2026-09-30',
      '--by',
      'department',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const document = json(result);
    expect(document.period).toEqual({ start: '2025-10-01', end: '2026-10-01' });
    const all = document.rows[0]!;
    expect(all).toMatchObject({ segment: 'all', separations: 61 });
    expect(all.rate as number).toBeCloseTo(0.157, 3);
    expect(all.annualisedRate as number).toBeCloseTo(all.rate as number, 12);
    const hidden = document.rows.filter((row) => row.status === 'suppressed');
    expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
  });

  it('reads another export through a mapping (examples/data/spells.csv, employeeId as id)', () => {
    const result = run([
      'turnover',
      join(root, 'examples', 'data', 'spells.csv'),
      '--mapping',
      fixture('spells-mapping.json'),
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--format',
      'csv',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe(
      'segment,group,status,people,averageHeadcount,hires,separations,voluntary,involuntary,other,regretted,rate,lower,upper,voluntaryRate,involuntaryRate,otherRate,regrettedRate,regrettedShare,annualisedRate,annualisedVoluntaryRate,annualisedRegrettedRate',
    );
  });

  it('gives median tenure and survival per department', () => {
    const result = run([
      'survival',
      fixture('employees.csv'),
      '--as-of',
      '2026-09-30',
      '--by',
      'department',
      '--unit',
      'years',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const all = json(result).rows[0]!;
    expect(Object.keys(all)).toEqual([
      'segment',
      'group',
      'status',
      'people',
      'leavers',
      'unit',
      'medianTenure',
      'medianLower',
      'medianUpper',
      'survival1Year',
      'survival2Years',
      'survival5Years',
    ]);
    expect(all.medianTenure as number).toBeGreaterThan(5);
    const table = run([
      'survival',
      fixture('employees.csv'),
      '--as-of',
      '2026-09-30',
      '--by',
      'department',
    ]);
    expect(table.stdout).toMatch(/Executive Office\s+suppressed/);
  });
});

describe('failures', () => {
  it('exits 2 on invalid values, listing each issue with its line on standard error', () => {
    const result = run(['enps', fixture('bad-scores.csv'), '--score', 'Score']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('has 3 issues in 3 rows; nothing was computed');
    expect(result.stderr).toContain('line 3: row 2, column "Score": Too big');
    expect(result.stderr).toContain('line 4: row 3, column "Score": "abc" is not a plain decimal');
    expect(result.stderr).toContain('line 6: row 5, column "Score"');
  });

  it('exits 2 when a named column is missing, a file cannot be read, or spells are invalid', () => {
    const missing = run(['enps', fixture('survey.csv'), '--score', 'Recommend', '--by', 'Teem']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('column "Teem" (--by) is not in the header');
    const absent = run(['enps', fixture('nothing-here.csv'), '--score', 'x']);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toContain('cannot read');
    const bad = run(['survival', fixture('employees-bad.csv'), '--as-of', '2025-01-01']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Invalid ISO date (got "2020-02-30")');
    expect(bad.stderr).toContain('terminationDate 2019-12-31 is before hireDate 2020-01-01');
    const overlap = run([
      'turnover',
      fixture('employees-overlap.csv'),
      '--from',
      '2020-01-01',
      '--to',
      '2020-12-31',
    ]);
    expect(overlap.status).toBe(2);
    expect(overlap.stderr).toContain('e1 is hired on 2021-01-01 while still employed from row 1');
  });

  it('exits 1 on usage errors: unknown options, bad values, missing flags', () => {
    for (const args of [
      ['enps', fixture('survey.csv')],
      ['enps', fixture('survey.csv'), '--score', 'Recommend', '--min-group', '2'],
      ['enps', fixture('survey.csv'), '--score', 'Recommend', '--method', 'magic'],
      ['enps', fixture('survey.csv'), '--score', 'Recommend', '--format', 'xml'],
      ['enps', fixture('survey.csv'), '--score', 'Recommend', '--colour'],
      ['turnover', fixture('employees.csv'), '--from', '2025-02-30', '--to', '2025-12-31'],
      ['turnover', fixture('employees.csv'), '--from', '2025-12-31', '--to', '2025-01-01'],
      ['favourability', fixture('survey.csv'), '--items', 'a,a', '--points', '5'],
      ['frobnicate'],
    ]) {
      const result = run(args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('writes --output whole, and nothing at all when the command fails', () => {
    const out = join(scratch, 'enps.json');
    expect(
      run([
        'enps',
        fixture('survey.csv'),
        '--score',
        'Recommend',
        '--format',
        'json',
        '--output',
        out,
      ]).status,
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).command).toBe('enps');
    const failed = join(scratch, 'failed.csv');
    expect(
      run(['enps', fixture('bad-scores.csv'), '--score', 'Score', '--output', failed]).status,
    ).toBe(2);
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('internal-customer report', () => {
  it('writes a self-contained HTML report of a dataset folder', () => {
    const out = join(scratch, 'report.html');
    const result = run([
      'report',
      join(root, 'examples', 'data'),
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { sections: { id: string }[]; asOf: string };
    expect(document.asOf).toBe('2026-09-30');
    expect(document.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'enps',
        'trend',
        'heatmap',
        'turnover',
        'survival',
        'cohorts',
        'scorecards',
      ]),
    );
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // Every section draws a chart, small multiples or (the manager grid) a table.
    const bodies = html.split('<section ').slice(1);
    expect(bodies.length).toBe(document.sections.length);
    for (const body of bodies) expect(body).toMatch(/<figure class="chart|<table>/);
  }, 180_000);

  it('exits 2 and writes nothing for a dataset with issues or an output it cannot write', () => {
    const out = join(scratch, 'bad.html');
    const bad = run(['report', fixture('bad-dataset'), '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no report was written');
    expect(bad.stderr).toContain('spells.csv: spells row 2, hireDate: Invalid ISO date');
    expect(existsSync(out)).toBe(false);
    // A missing folder of --out is created; one that cannot be a folder (under a file) fails.
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const nowhere = run(['report', fixture('small-dataset'), '--out', join(file, 'r.html')]);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('cannot create the folder of --out');
    mkdirSync(join(scratch, 'empty'));
    expect(run(['report', join(scratch, 'empty'), '--out', out]).status).toBe(2);
  }, 180_000);
});
