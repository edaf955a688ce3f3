/**
 * Issue 15's acceptance: the synthetic exports of tests/fixtures/load (a UTF-16 TSV company file
 * with its engagement survey, a BOM + CRLF HR file, attrition files with status words, a
 * 12/12/2999 sentinel, tenure only, a 0/1 flag and Excel days, two-digit years with 0000-00-00,
 * Excel days of the 1904 system) each yield turnover, tenure
 * survival, eNPS or favourability through the built command with a mapping file and no other
 * editing. Builds the CLI with the project's tsup config into its own folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './support/buildCli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures', 'load');
const outDir = join(root, '.tmp', 'cli-exports-build');
const cli = join(outDir, 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'internal-customer-exports-'));

beforeAll(async () => {
  await buildCli(outDir);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: readonly string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const file = (...parts: string[]) => join(fixtures, ...parts);
type Rows = { rows: Record<string, unknown>[]; warnings?: string[] };
const json = (stdout: string) => JSON.parse(stdout) as Rows;
const all = (rows: Rows) => rows.rows.find((row) => row.segment === 'all')!;

describe('real export shapes through the command line, with a mapping file only', () => {
  it('UTF-16 TSV company file: turnover by department (manager names, D.M.YYYY, "M ")', () => {
    const result = run([
      'turnover',
      file('company', 'company.tsv'),
      '--mapping',
      file('company', 'company.mapping.json'),
      '--from',
      '2020-01-01',
      '--to',
      '2024-12-31',
      '--by',
      'department',
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const total = all(json(result.stdout));
    expect(total.status).toBe('shown');
    expect(total.separations as number).toBeGreaterThan(0);
    expect(json(result.stdout).rows.filter((row) => row.segment === 'group')).toHaveLength(4);
  });

  it('its UTF-16 TSV engagement survey: eNPS and favourability', () => {
    const mapping = file('company', 'engagement.mapping.json');
    const enps = run([
      'enps',
      file('company', 'engagement.tsv'),
      '--mapping',
      mapping,
      '--score',
      'recommend',
      '--format',
      'json',
    ]);
    expect(enps.status).toBe(0);
    expect(all(json(enps.stdout)).n).toBe(72);
    const favourability = run([
      'favourability',
      file('company', 'engagement.tsv'),
      '--mapping',
      mapping,
      '--items',
      'growth,workload,Support',
      '--points',
      '5',
      '--format',
      'json',
    ]);
    expect(favourability.status).toBe(0);
    expect(json(favourability.stdout).rows.filter((row) => row.status === 'shown')).toHaveLength(3);
  });

  it('the company folder (both files and their mappings): the HTML report', () => {
    const out = join(scratch, 'company.html');
    const result = run(['report', file('company'), '--out', out, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('eNPS');
  }, 180_000);

  it('one export with --mapping: the report and the scorecards, as the other commands take it', () => {
    const data = file('hr-dataset', 'HRDataset.csv');
    const mapping = file('hr-dataset', 'HRDataset.mapping.json');
    const out = join(scratch, 'hr.html');
    const report = run(['report', data, '--mapping', mapping, '--out', out, '--format', 'json']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const sections = (JSON.parse(report.stdout) as { sections: { id: string }[] }).sections;
    expect(sections.map((section) => section.id)).toContain('turnover');
    expect(readFileSync(out, 'utf8')).toContain('Turnover');
    const scorecards = run([
      'scorecards',
      data,
      '--mapping',
      mapping,
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--format',
      'json',
    ]);
    expect(scorecards.status).toBe(0);
    expect(
      (JSON.parse(scorecards.stdout) as { scorecards: unknown[] }).scorecards.length,
    ).toBeGreaterThan(0);
    // A folder with a mapping that does not say which of its files it reads: refused (exit 1).
    const folder = run(['report', file('company'), '--mapping', mapping, '--out', out]);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toMatch(/say which file it reads \("file": "NAME\.csv" in the mapping\)/);
  }, 180_000);

  it('BOM + CRLF HR file ("Voluntarily Terminated", "N/A-StillEmployed", M/D/YYYY): turnover and survival', () => {
    const mapping = file('hr-dataset', 'HRDataset.mapping.json');
    const turnover = run([
      'turnover',
      file('hr-dataset', 'HRDataset.csv'),
      '--mapping',
      mapping,
      '--from',
      '2020-01-01',
      '--to',
      '2024-12-31',
      '--format',
      'json',
    ]);
    expect(turnover.status).toBe(0);
    expect(all(json(turnover.stdout)).voluntary as number).toBeGreaterThan(0);
    expect(all(json(turnover.stdout)).involuntary as number).toBeGreaterThan(0);
    const survival = run([
      'survival',
      file('hr-dataset', 'HRDataset.csv'),
      '--mapping',
      mapping,
      '--as-of',
      '2025-12-31',
      '--by',
      'Department',
      '--format',
      'json',
    ]);
    expect(survival.status).toBe(0);
    expect(all(json(survival.stdout)).people).toBe(90);
  });

  it('attrition files: 12/12/2999 as missing, tenure only (with its warning), a 0/1 flag with Excel days', () => {
    const status = run([
      'survival',
      file('attrition-status', 'attrition.csv'),
      '--mapping',
      file('attrition-status', 'attrition.mapping.json'),
      '--as-of',
      '2025-12-31',
      '--by',
      'division',
      '--format',
      'json',
    ]);
    expect(status.status).toBe(0);
    expect(all(json(status.stdout)).leavers as number).toBeGreaterThan(0);
    const tenure = run([
      'turnover',
      file('attrition-tenure', 'attrition.csv'),
      '--mapping',
      file('attrition-tenure', 'attrition.mapping.json'),
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--format',
      'json',
    ]);
    expect(tenure.status).toBe(0);
    expect(tenure.stderr).toMatch(/warning: .*derived from tenure in whole years/);
    expect(all(json(tenure.stdout)).separations as number).toBeGreaterThan(0);
    const flag = run([
      'survival',
      file('attrition-flag', 'attrition.csv'),
      '--mapping',
      file('attrition-flag', 'attrition.mapping.json'),
      '--as-of',
      '2025-12-31',
      '--by',
      'dept',
      '--format',
      'json',
    ]);
    expect(flag.status).toBe(0);
    expect(all(json(flag.stdout)).people).toBe(80);
  });

  it('two-digit years (DD/MM/YY) with the century pivot the mapping declares, 0000-00-00 as missing: turnover, survival and a risk model', () => {
    const data = file('attrition-short-years', 'attrition.csv');
    const mapping = file('attrition-short-years', 'attrition.mapping.json');
    const turnover = run([
      'turnover',
      data,
      '--mapping',
      mapping,
      '--from',
      '2020-01-01',
      '--to',
      '2025-12-31',
      '--format',
      'json',
    ]);
    expect(turnover.stderr).toBe('');
    expect(turnover.status).toBe(0);
    expect(all(json(turnover.stdout)).voluntary as number).toBeGreaterThan(0);
    expect(all(json(turnover.stdout)).involuntary as number).toBeGreaterThan(0);
    const survival = run([
      'survival',
      data,
      '--mapping',
      mapping,
      '--as-of',
      '2025-12-31',
      '--format',
      'json',
    ]);
    expect(survival.status).toBe(0);
    expect(all(json(survival.stdout)).people).toBe(90);
    const risk = run([
      'risk',
      data,
      '--mapping',
      mapping,
      '--label',
      'left',
      '--features',
      'team',
      '--format',
      'json',
    ]);
    expect(risk.status).toBe(0);
    expect((JSON.parse(risk.stdout) as { n: number }).n).toBe(90);
  });

  it('refuses two-digit years without a declared pivot: the mapping (exit 1), or each row of a YYYY column (exit 2)', () => {
    const mapping = JSON.parse(
      readFileSync(file('attrition-short-years', 'attrition.mapping.json'), 'utf8'),
    ) as { fields: Record<string, { date?: string; twoDigitYearStart?: number }> };
    const data = file('attrition-short-years', 'attrition.csv');
    const args = (path: string) => ['survival', data, '--mapping', path, '--as-of', '2025-12-31'];
    const noPivot = structuredClone(mapping);
    delete noPivot.fields.hireDate!.twoDigitYearStart;
    const noPivotPath = join(scratch, 'no-pivot.mapping.json');
    writeFileSync(noPivotPath, JSON.stringify(noPivot));
    const refused = run(args(noPivotPath));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /fields\.hireDate: "date": "DD\/MM\/YY" writes years with two digits, which are never guessed: give the century pivot "twoDigitYearStart"/,
    );
    const fourDigits = structuredClone(mapping);
    for (const field of ['hireDate', 'terminationDate']) {
      fourDigits.fields[field]!.date = 'DD/MM/YYYY';
      delete fourDigits.fields[field]!.twoDigitYearStart;
    }
    const fourDigitsPath = join(scratch, 'four-digits.mapping.json');
    writeFileSync(fourDigitsPath, JSON.stringify(fourDigits));
    const rows = run(args(fourDigitsPath));
    expect(rows.status).toBe(2);
    expect(rows.stdout).toBe('');
    expect(rows.stderr).toMatch(
      /line 2: .*attrition\.csv row 1 \(line 2\), hireDate \(column "Started"\): "21\/07\/13" is not a day written as DD\/MM\/YYYY: its year has two digits, which are never guessed \(declare "date": "DD\/MM\/YY" with a century pivot/,
    );
  });

  it('Excel days of the 1904 system with a Yes/No flag; serial 60 of the 1900 system refused by row', () => {
    const survival = run([
      'survival',
      file('attrition-1904', 'attrition.csv'),
      '--mapping',
      file('attrition-1904', 'attrition.mapping.json'),
      '--as-of',
      '2025-12-31',
      '--by',
      'unit',
      '--format',
      'json',
    ]);
    expect(survival.status).toBe(0);
    expect(all(json(survival.stdout)).people).toBe(60);
    expect(all(json(survival.stdout)).leavers as number).toBeGreaterThan(0);
    const lines = readFileSync(file('attrition-flag', 'attrition.csv'), 'utf8').split('\n');
    lines[3] = lines[3]!.replace(/;\d+;(\d+)$/, ';60;$1');
    const serial60 = join(scratch, 'serial60.csv');
    writeFileSync(serial60, lines.join('\n'));
    const refused = run([
      'survival',
      serial60,
      '--mapping',
      file('attrition-flag', 'attrition.mapping.json'),
      '--as-of',
      '2025-12-31',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /row 3 \(line 4\), hireDate \(column "hired"\): "60" is Excel serial 60, the fictitious 1900-02-29/,
    );
  });

  it('names the file row, line and expected format of a day it cannot read (exit 2)', () => {
    const mapping = file('hr-dataset', 'HRDataset.mapping.json');
    const wrong = JSON.parse(readFileSync(mapping, 'utf8')) as {
      fields: Record<string, { date?: string }>;
    };
    wrong.fields.hireDate!.date = 'D.M.YYYY';
    const path = join(scratch, 'wrong.mapping.json');
    writeFileSync(path, JSON.stringify(wrong));
    const result = run([
      'survival',
      file('hr-dataset', 'HRDataset.csv'),
      '--mapping',
      path,
      '--as-of',
      '2025-12-31',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /line 2: .*HRDataset\.csv row 1 \(line 2\), hireDate \(column "DateofHire"\): "[\d/]+" is not a day written as D\.M\.YYYY/,
    );
  });
});

describe('internal-customer init-mapping', () => {
  it('writes a starter mapping that, once confirmed, reads its file', () => {
    const out = join(scratch, 'starter.mapping.json');
    const result = run(['init-mapping', file('company', 'company.tsv'), '-o', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /UTF-16 LE with a byte-order mark, tab-separated, CRLF line ends/,
    );
    expect(result.stderr).toMatch(/points to confirm/);
    const mapping = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    const args = [
      'survival',
      file('company', 'company.tsv'),
      '--mapping',
      out,
      '--as-of',
      '2025-12-31',
    ];
    const refused = run(args);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/to confirm/);
    writeFileSync(out, JSON.stringify({ ...mapping, toConfirm: [] }));
    const survival = run([...args, '--by', 'department', '--format', 'json']);
    expect(survival.stderr).toBe('');
    expect(all(json(survival.stdout)).people).toBe(124);
  });
});

describe('eNPS off the 0-10 scale', () => {
  const survey = [
    'enps',
    file('company', 'engagement.tsv'),
    '--mapping',
    file('company', 'engagement.mapping.json'),
  ];

  it('refuses a 1-5 item with a clear message, never a blank or silent result', () => {
    const result = run([...survey, '--score', 'growth']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /the answers of "growth" run from 1 to 5 .* eNPS is defined on the 0-10 scale/,
    );
    expect(result.stderr).toMatch(/--scale 1-5 --cutoffs 2,4/);
  });

  it('asks for cut-offs with a scale, and checks them', () => {
    const noCutoffs = run([...survey, '--score', 'growth', '--scale', '1-5']);
    expect(noCutoffs.status).toBe(1);
    expect(noCutoffs.stderr).toMatch(/--scale 1-5 needs --cutoffs/);
    const outside = run([...survey, '--score', 'growth', '--scale', '1-5', '--cutoffs', '4,6']);
    expect(outside.status).toBe(1);
  });

  it('computes it on the scale and cut-offs given, and says so', () => {
    const result = run([
      ...survey,
      '--score',
      'growth',
      '--scale',
      '1-5',
      '--cutoffs',
      '2,4',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as Rows & { scale: Record<string, number> };
    expect(document.scale).toEqual({ scaleMin: 1, scaleMax: 5, detractorMax: 2, passiveMax: 4 });
    const total = all(document);
    expect(
      (total.promoters as number) + (total.passives as number) + (total.detractors as number),
    ).toBe(total.n);
    const table = run([...survey, '--score', 'growth', '--scale', '1-5', '--cutoffs', '2,4']);
    expect(table.stdout).toContain('% promoters (5) - % detractors (1-2)');
  });

  it('still reads a 0-10 question without options', () => {
    expect(run([...survey, '--score', 'recommend']).status).toBe(0);
  });
});
