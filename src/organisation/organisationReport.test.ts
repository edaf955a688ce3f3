import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { emptyLedger } from '../privacy/releaseLedger.js';
import type { Reportable } from '../privacy/reportable.js';
import { favourabilityBy } from '../satisfaction/favourabilityBy.js';
import { type DatasetInput, validateDataset } from '../schemas/dataset.js';
import { type EnpsSection, type HeatmapSection, organisationReport } from './organisationReport.js';

/** An anonymous pulse with one eNPS and one Likert question, answered as given. */
function pulse(
  scores: readonly number[],
  likert: readonly number[],
  survey: Partial<{ minGroupSize: number }> = {},
  invited = 12,
) {
  const people = Array.from({ length: invited }, (_, i) => `e${i}`);
  const input: DatasetInput = {
    employees: people.map((id) => ({ id, name: id })),
    invitations: people.map((employeeId) => ({ surveyId: 's', employeeId })),
    surveys: [
      { id: 's', name: 'Pulse', confidentiality: 'anonymous', opensOn: '2025-03-01', ...survey },
    ],
    questions: [
      { id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' },
      { id: 'g', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' },
    ],
    responses: scores.map((score, i) => ({
      id: `r${i}`,
      surveyId: 's',
      submittedAt: '2025-03-02T10:00:00Z',
      answers: { q: score, g: likert[i] ?? null },
    })),
  };
  const { dataset, issues } = validateDataset(input);
  expect(issues).toEqual([]);
  return dataset;
}

const enpsSection = (dataset: ReturnType<typeof pulse>, minGroupSize?: number) =>
  organisationReport(dataset, {
    asOf: '2025-06-30',
    ...(minGroupSize === undefined ? {} : { minGroupSize }),
  }).sections.find((s): s is EnpsSection => s.id === 'enps')!;

const sample = () => {
  const path = join(dirname(fileURLToPath(import.meta.url)), '../../examples/data/dataset.json');
  return validateDataset(JSON.parse(readFileSync(path, 'utf8')) as DatasetInput).dataset;
};

describe('organisationReport: everyone the same (issue 14, leak 4)', () => {
  it('hides the eNPS of 6 answers that are all detractors (was shown as 0 / 0 / 6)', () => {
    expect(enpsSection(pulse([0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 4])).enps).toEqual({
      status: 'suppressed',
    });
  });

  it('shows the eNPS of 6 mixed answers, with its counts', () => {
    const cell = enpsSection(pulse([0, 9, 7, 3, 10, 5], [1, 2, 3, 4, 5, 4])).enps;
    expect(cell.status).toBe('shown');
    if (cell.status !== 'shown') return;
    expect([cell.n, cell.value.promoters, cell.value.passives, cell.value.detractors]).toEqual([
      6, 2, 1, 3,
    ]);
    // (2 - 3) / 6 promoters minus detractors, in points.
    expect(cell.value.score).toBeCloseTo(-16.6667, 4);
  });

  it('hides the favourability of an item that everyone answered favourably', () => {
    const section = enpsSection(pulse([0, 9, 7, 3, 10, 5], [4, 5, 4, 5, 5, 4]));
    expect(section.items.map((item) => item.result)).toEqual([{ status: 'suppressed' }]);
  });

  it('hides everything below the minimum group size', () => {
    const section = enpsSection(pulse([0, 9, 7, 3], [1, 2, 4, 5]));
    expect(section.enps).toEqual({ status: 'suppressed' });
    expect(section.items[0]!.result).toEqual({ status: 'suppressed' });
  });
});

describe("organisationReport: the survey's own threshold (issue 14, leak 5)", () => {
  const scores = [0, 9, 7, 3, 10, 5, 9, 8];
  const likert = [1, 2, 3, 4, 5, 4, 3, 2];

  it('reports a survey that declares 10 at 10, not at the default 5', () => {
    expect(enpsSection(pulse(scores, likert)).enps.status).toBe('shown');
    const strict = enpsSection(pulse(scores, likert, { minGroupSize: 10 }));
    expect(strict.survey.minGroupSize).toBe(10);
    expect(strict.enps).toEqual({ status: 'suppressed' });
    expect(strict.items[0]!.result).toEqual({ status: 'suppressed' });
  });

  it("takes the caller's minimum when it is the larger", () => {
    const section = enpsSection(pulse(scores, likert, { minGroupSize: 6 }), 9);
    expect(section.survey.minGroupSize).toBe(9);
    expect(section.enps.status).toBe('suppressed');
  });

  it('refuses a minimum group size below 3', () => {
    const dataset = pulse(scores, likert);
    let thrown: unknown;
    try {
      organisationReport(dataset, { asOf: '2025-06-30', minGroupSize: 2 });
    } catch (error) {
      thrown = error;
    }
    expect(isInternalCustomerError(thrown, 'INVALID_OPTION')).toBe(true);
  });
});

describe('organisationReport', () => {
  it('lists the reasons a value may be hidden once, generically', () => {
    const report = organisationReport(pulse([0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 4]), {
      asOf: '2025-06-30',
    });
    expect(report.suppressionReasons).toEqual([
      'fewer than 5 answers or people',
      'all answers or people in one category',
      'hidden so that another hidden value cannot be worked out',
    ]);
    expect(report.footnote).toBe(
      'Hidden (suppressed) values: fewer than 5 answers or people, all answers or people in one category, or hidden so that another hidden value cannot be worked out.',
    );
  });

  it('gives no response rate where the respondents are fewer than the minimum (issue 14)', () => {
    // 4 of 12 answered: the eNPS is hidden, and "responded: 4" would tell the hidden cell's size.
    expect(enpsSection(pulse([0, 9, 7, 3], [1, 2, 3, 4])).enps.status).toBe('suppressed');
    expect(enpsSection(pulse([0, 9, 7, 3], [1, 2, 3, 4])).responseRate).toBeNull();
    expect(enpsSection(pulse([0, 9, 7, 3, 8], [1, 2, 3, 4, 5])).responseRate).toMatchObject({
      responded: 5,
    });
  });

  it('gives no response rate when fewer invitations than responses were recorded', () => {
    const section = enpsSection(pulse([0, 9, 7, 3, 10, 5], [1, 2, 3, 4, 5, 4], {}, 0));
    expect(section.responseRate).toBeNull();
    expect(enpsSection(pulse([0, 9, 7, 3, 10, 5], [1, 2, 3, 4, 5, 4])).responseRate).toMatchObject({
      invited: 12,
      responded: 6,
      rate: 0.5,
    });
  });

  it('gives every section of the sample organisation, deterministically', () => {
    const dataset = sample();
    const report = organisationReport(dataset, { asOf: '2026-09-30' });
    expect(report.organisation).not.toBeNull();
    expect(report.sections.map((section) => section.id)).toEqual([
      'enps',
      'trend',
      'heatmap',
      'turnover',
      'survival',
      'survival-by-department',
      'cohorts',
      'scorecards',
    ]);
    expect(JSON.stringify(organisationReport(dataset, { asOf: '2026-09-30' }))).toBe(
      JSON.stringify(report),
    );
  });

  it('publishes only Reportable cells of at least the minimum, none with everyone in one category', () => {
    const report = organisationReport(sample(), { asOf: '2026-09-30', minGroupSize: 6 });
    const cells: Reportable<unknown>[] = [];
    for (const section of report.sections) {
      if (section.id === 'enps') cells.push(section.enps, ...section.items.map((i) => i.result));
      if (section.id === 'heatmap') {
        expect(section.cells).toHaveLength(section.teams.length * section.items.length);
        cells.push(...section.cells.map((c) => c.cell));
      }
      if (section.id === 'survival-by-department')
        cells.push(...section.departments.map((s) => s.curve));
      if (section.id === 'cohorts')
        for (const row of section.rows)
          cells.push(row.hires, ...row.cells.flatMap((cell) => cell.retained ?? []));
    }
    expect(cells.some((cell) => cell.status === 'suppressed')).toBe(true);
    for (const cell of cells) if (cell.status === 'shown') expect(cell.n).toBeGreaterThanOrEqual(6);
    const enps = report.sections.find((s): s is EnpsSection => s.id === 'enps')!;
    if (enps.enps.status === 'shown') {
      const { n, promoters, passives, detractors } = enps.enps.value;
      expect(Math.max(promoters, passives, detractors)).toBeLessThan(n);
    }
  });

  it('does not change the dataset', () => {
    const dataset = sample();
    const before = JSON.stringify(dataset);
    organisationReport(dataset, { asOf: '2026-09-30' });
    expect(JSON.stringify(dataset)).toBe(before);
  });
});

describe('organisationReport releases sections of the same answers together (review findings)', () => {
  it('does not give a late answer away as the total minus the trend (leak 1 in the report)', () => {
    // 10 answers in Q1 and one late answer of 0 in Q2: the total (3, 2, 6) minus Q1 (2, 2, 6)
    // was the late answer, a detractor.
    const scores = [9, 10, 9, 7, 8, 3, 9, 10, 6, 9];
    const responses = scores.map((score, i) => ({
      id: `r${i}`,
      surveyId: 's',
      submittedAt: '2025-03-25T10:00:00Z',
      answers: { q: score },
    }));
    responses.push({
      id: 'late',
      surveyId: 's',
      submittedAt: '2025-04-02T10:00:00Z',
      answers: { q: 0 },
    });
    const { dataset } = validateDataset({
      surveys: [{ id: 's', name: 'Pulse', confidentiality: 'anonymous', opensOn: '2025-03-20' }],
      questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
      responses,
    });
    const report = organisationReport(dataset, { asOf: '2025-06-30' });
    const total = (report.sections.find((s) => s.id === 'enps') as EnpsSection).enps;
    const trend = report.sections.find((s) => s.id === 'trend');
    if (trend?.id !== 'trend') throw new Error('no trend');
    const shownPeriods = trend.trend.points.filter((p) => p.result.status === 'shown');
    const hiddenWithAnswers = trend.trend.points.filter(
      (p) => p.result.status === 'suppressed' && p.period.start >= '2025-04-01',
    );
    expect(hiddenWithAnswers.length).toBeGreaterThan(0);
    // Whatever is shown, the total and the shown periods no longer differ by one answer.
    if (total.status === 'shown') {
      const sum = shownPeriods.reduce(
        (s, p) => s + (p.result.status === 'shown' ? p.result.n : 0),
        0,
      );
      expect(total.n - sum === 0 || total.n - sum >= 5).toBe(true);
    }
    // The first quarter or the total had to go: both shown would give the late answer away.
    const first = trend.trend.points.find((p) => p.period.start === '2025-01-01');
    expect(total.status === 'shown' && first?.result.status === 'shown').toBe(false);
  });

  it('shows an item total only where the heatmap of the same survey shows its total', () => {
    // The review's case (at dfad239): the breakdown hid its total as the complement of x, who
    // reports to nobody, while the report showed the same total; total minus the teams was x's
    // answer. The suppressor now hides other cells here, so this checks the invariant.
    const a = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const b = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    const people = ['m', ...a, ...b, 'x']; // x reports to nobody on the day the survey opens
    const grow: Record<string, number> = {
      a1: 5,
      a2: 4,
      a3: 2,
      a4: 3,
      a5: 5,
      a6: 1,
      b1: 4,
      b2: 5,
      b3: 3,
      b4: 2,
      b5: 4,
      b6: 5,
      m: 4,
      x: 1,
    };
    const { dataset, issues } = validateDataset({
      employees: people.map((id) => ({ id, name: id })),
      teams: [
        { id: 'org', name: 'Org' },
        { id: 'a', name: 'A', parentId: 'org' },
        { id: 'b', name: 'B', parentId: 'org' },
      ],
      assignments: [
        ...a.map((id) => ({
          employeeId: id,
          managerId: 'm',
          teamId: 'a',
          validFrom: '2025-01-01',
        })),
        ...b.map((id) => ({
          employeeId: id,
          managerId: 'm',
          teamId: 'b',
          validFrom: '2025-01-01',
        })),
        { employeeId: 'm', teamId: 'org', validFrom: '2025-01-01' },
      ],
      surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
      questions: [
        { id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' },
        { id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow' },
      ],
      responses: people.map((id, i) => ({
        id: `r${i}`,
        surveyId: 's',
        respondentId: id,
        submittedAt: '2025-03-02T10:00:00Z',
        answers: { q: 8, grow: grow[id]! },
      })),
    });
    expect(issues).toEqual([]);
    const report = organisationReport(dataset, { asOf: '2025-06-30' });
    const section = report.sections.find((s) => s.id === 'enps') as EnpsSection;
    const heatmap = report.sections.find((s) => s.id === 'heatmap');
    if (heatmap?.id !== 'heatmap') throw new Error('no heatmap');
    const shownTeams = heatmap.cells.filter((c) => c.cell.status === 'shown');
    expect(shownTeams.length).toBeGreaterThan(0);
    const all = favourabilityBy(dataset, {
      surveyId: 's',
      questionId: 'grow',
      by: { kind: 'team' },
    }).segments.find((segment) => segment.id === 'all');
    expect(section.items[0]?.result.status).toBe(all?.cell.status);
  });
});

describe('organisationReport: hire cohorts through the gate (issue 14)', () => {
  // 2024-Q1: 8 hires, 2 of them leave on 1 October 2024 (between their 6- and 12-month
  // anniversaries). 2024-Q2: 6 hires who all leave on 1 May 2024 (everyone left by 3 months).
  const hired = (prefix: string, count: number, hireDate: string, left: number, on?: string) =>
    Array.from({ length: count }, (_, i) => ({
      employeeId: `${prefix}${i}`,
      hireDate,
      ...(i < left ? { terminationDate: on!, separationKind: 'voluntary' as const } : {}),
    }));
  const spells = [
    ...hired('q1-', 8, '2024-01-15', 2, '2024-10-01'),
    ...hired('q2-', 6, '2024-04-10', 6, '2024-05-01'),
  ];
  const { dataset } = validateDataset({
    employees: spells.map((s) => ({ id: s.employeeId, name: s.employeeId })),
    spells,
  });
  const report = organisationReport(dataset, { asOf: '2025-06-30' });
  const section = report.sections.find((s) => s.id === 'cohorts')!;
  const rows = section.id === 'cohorts' ? section.rows : [];
  const statuses = (cohort: string) =>
    rows.find((row) => row.cohort === cohort)!.cells.map((cell) => cell.retained?.status ?? null);

  it('does not show two horizons whose retained hires differ by 1 to k-1 people', () => {
    // Retained 8, 8, 6 at 3, 6, 12 months: 12 months shown beside 6 gives the 2 who left.
    const [three, six, twelve] = statuses('2024-Q1');
    expect(three).toBe('shown');
    expect(six === 'shown' && twelve === 'shown').toBe(false);
  });

  it('does not show that everyone in a cohort left', () => {
    expect(statuses('2024-Q2').filter((status) => status === 'shown')).toEqual([]);
  });
});

describe('organisationReport with a release ledger (issue 14)', () => {
  const scores = [0, 9, 7, 3, 10, 5, 9, 8, 10, 2];
  const likert = [1, 2, 3, 4, 5, 4, 5, 4, 2, 3];

  it('returns the ledger with what it showed, and the same report again changes nothing', () => {
    const first = organisationReport(pulse(scores, likert), {
      asOf: '2025-06-30',
      ledger: emptyLedger(),
    });
    expect(first.ledger?.entries.map((entry) => entry.statistic)).toEqual(
      expect.arrayContaining(['enps:answers', 'likert:s:g']),
    );
    const again = organisationReport(pulse(scores, likert), {
      asOf: '2025-06-30',
      ledger: first.ledger!,
    });
    expect(again.ledger).toEqual(first.ledger);
    expect(again.sections.find((s): s is EnpsSection => s.id === 'enps')?.enps.status).toBe(
      'shown',
    );
  });

  it('refuses the eNPS total and the item after one late answer, and warns', () => {
    const first = organisationReport(pulse(scores, likert), {
      asOf: '2025-06-30',
      ledger: emptyLedger(),
    });
    const late = pulse([...scores, 0], [...likert, 1]);
    const second = organisationReport(late, { asOf: '2025-06-30', ledger: first.ledger! });
    const section = second.sections.find((s): s is EnpsSection => s.id === 'enps')!;
    expect(section.enps).toEqual({ status: 'suppressed' });
    expect(section.items[0]?.result).toEqual({ status: 'suppressed' });
    expect(section.warnings.some((w) => w.includes('release ledger'))).toBe(true);
    // Without the ledger both are shown, and the difference is the late answer.
    const plain = organisationReport(late, { asOf: '2025-06-30' });
    expect(plain.sections.find((s): s is EnpsSection => s.id === 'enps')?.enps.status).toBe(
      'shown',
    );
  });

  it('runs the sample organisation against its own ledger', () => {
    const first = organisationReport(sample(), { asOf: '2025-12-31', ledger: emptyLedger() });
    expect(first.ledger!.entries.length).toBeGreaterThan(0);
    const again = organisationReport(sample(), { asOf: '2025-12-31', ledger: first.ledger! });
    // Nothing new is shown. (The second run may hide more: a cell hidden as a complement the first
    // time is compared with the cells shown then, as a cell of another release would be.)
    const heatmap = (report: typeof first) =>
      report.sections.find((s): s is HeatmapSection => s.id === 'heatmap')!.cells;
    const before = heatmap(first);
    heatmap(again).forEach((cell, i) => {
      if (cell.cell.status === 'shown') expect(before[i]).toEqual(cell);
    });
    expect(again.ledger!.entries.length).toBe(first.ledger!.entries.length);
  });
});
