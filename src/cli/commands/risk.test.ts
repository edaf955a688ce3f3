import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentIo } from '../../../tests/support/cliScratch.js';
import { runCli } from '../program.js';
import { riskCommand } from './risk.js';

const root = join(import.meta.dirname, '..', '..', '..');
const ibm = join(root, 'examples', 'data', 'ibm-hr-attrition', 'emp_attrition.csv');
const fixtures = join(root, 'tests', 'fixtures', 'load');
const options = {
  label: 'Attrition',
  features: ['OverTime', 'JobLevel', 'YearsAtCompany'],
  scores: false,
  folds: 5,
  seed: 1,
  minGroup: 5,
  level: 0.95,
} as const;

describe('riskCommand', () => {
  it('fits, cross-validates and calibrates by group on HR data', async () => {
    const output = await riskCommand(ibm, { ...options, by: 'Gender' }, silentIo);
    const document = output.json as {
      n: number;
      events: number;
      crossValidation: { auc: number; groups: { group: string; status: string }[] };
      scores: null;
    };
    expect([document.n, document.events]).toEqual([1470, 237]);
    expect(document.crossValidation.auc).toBeGreaterThan(0.6);
    expect(document.crossValidation.groups.map((g) => [g.group, g.status])).toEqual([
      ['Female', 'shown'],
      ['Male', 'shown'],
    ]);
    expect(document.scores).toBeNull();
    expect(output.csv.rows.map((row) => row.term)).toEqual([
      '(Intercept)',
      'OverTime: Yes',
      'JobLevel',
      'YearsAtCompany',
    ]);
  });

  it('shows no calibration bin or --by group of fewer than --min-group people, nor one to be worked out (issue 14)', async () => {
    // Years at company: many groups, some of 1 to 4 people, each with 5 calibration bins.
    const output = await riskCommand(ibm, { ...options, by: 'YearsAtCompany' }, silentIo);
    type Bin = { bin: number; n?: number; status?: string };
    const document = output.json as {
      n: number;
      crossValidation: {
        calibration: Bin[];
        groups: { group: string; status: string; n?: number; calibration?: Bin[] }[];
      };
    };
    const { groups, calibration } = document.crossValidation;
    const shownGroups = groups.filter((g) => g.status === 'shown');
    const bins = [...calibration, ...shownGroups.flatMap((g) => g.calibration!)];
    expect(bins.filter((bin) => bin.status === 'suppressed').length).toBeGreaterThan(0);
    for (const bin of bins)
      if (bin.status !== 'suppressed') expect(bin.n).toBeGreaterThanOrEqual(5);
    // The hidden groups together: the total minus the groups shown.
    const hidden = document.n - shownGroups.reduce((sum, g) => sum + g.n!, 0);
    expect(hidden === 0 || hidden >= 5).toBe(true);
    expect(groups.some((g) => g.status === 'suppressed')).toBe(true);
  });

  it('scores each person of HR data with --id, explained', async () => {
    const output = await riskCommand(
      ibm,
      { ...options, id: 'EmployeeNumber', scores: true },
      silentIo,
    );
    const scores = (output.json as { scores: { id: string; probability: number; tier: string }[] })
      .scores;
    expect(scores).toHaveLength(1470);
    expect(scores[0]!.id).toBe('1');
    expect(scores.every((s) => s.probability > 0 && s.probability < 1)).toBe(true);
    expect(output.csv.columns).toEqual(['id', 'probability', 'tier', 'factors']);
  });
});

describe('riskCommand on a real export shape', () => {
  it('reads who left from an employees mapping (a 0/1 flag with Excel days) and scores each person', async () => {
    const output = await riskCommand(
      join(fixtures, 'attrition-flag', 'attrition.csv'),
      {
        ...options,
        label: 'left',
        features: ['dept'],
        id: 'id',
        scores: true,
        mapping: join(fixtures, 'attrition-flag', 'attrition.mapping.json'),
      },
      silentIo,
    );
    const document = output.json as { n: number; events: number; scores: unknown[] };
    expect(document.n).toBe(80);
    expect(document.events).toBeGreaterThan(0);
    expect(document.events).toBeLessThan(80);
    expect(document.scores).toHaveLength(80);
  });
});

describe('internal-customer risk', () => {
  function capture() {
    const errors: string[] = [];
    const io = { ...silentIo, stderr: { write: (text: string) => errors.push(text) } };
    return { io, errors };
  }

  it('refuses person-level scores from a survey that is not identified, with a clear message', async () => {
    const { io, errors } = capture();
    const code = await runCli(
      [
        'risk',
        join(fixtures, 'company', 'engagement.tsv'),
        '--mapping',
        join(fixtures, 'company', 'engagement.mapping.json'),
        '--label',
        'recommend',
        '--features',
        'growth',
        '--id',
        'respondentId',
        '--scores',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(errors.join('')).toMatch(
      /--scores gives a score per person, which only HR data or an identified survey may have: the mapping declares the survey confidential/,
    );
  });

  it('refuses --scores without --id, and a protected attribute as a feature', async () => {
    const first = capture();
    const args = ['risk', ibm, '--label', 'Attrition', '--features', 'OverTime'];
    expect(await runCli([...args, '--scores'], first.io)).toBe(1);
    expect(first.errors.join('')).toMatch(/--scores requires --id/);
    const second = capture();
    expect(
      await runCli(['risk', ibm, '--label', 'Attrition', '--features', 'Gender'], second.io),
    ).toBe(1);
  });
});
