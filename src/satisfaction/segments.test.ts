import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../privacy/releaseLedger.js';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import { type DatasetInput, validateDataset } from '../schemas/dataset.js';
import { enpsBy } from './enpsBy.js';
import { favourabilityBy } from './favourabilityBy.js';
import { stayersVersusLeavers } from './stayersVersusLeavers.js';

/**
 * A CEO; sales (m1 and 7 people); engineering (m2 and 3 people) with a sub-team ml (m3 and 6
 * people); one respondent (x) with no assignment. Survey s (confidential) and anonymous survey a.
 */
function organisation(): DatasetInput {
  const sales = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
  const eng = ['e1', 'e2', 'e3'];
  const ml = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'];
  const everyone = ['ceo', 'm1', 'm2', 'm3', ...sales, ...eng, ...ml, 'x'];
  const assign = (ids: string[], managerId: string, teamId: string) =>
    ids.map((employeeId) => ({ employeeId, managerId, teamId, validFrom: '2024-01-01' }));
  const scores: Record<string, number> = {
    m1: 9,
    m2: 8,
    m3: 10,
    s1: 9,
    s2: 10,
    s3: 7,
    s4: 3,
    s5: 9,
    s6: 6,
    s7: 8,
    e1: 2,
    e2: 9,
    e3: 10,
    l1: 9,
    l2: 9,
    l3: 7,
    l4: 5,
    l5: 10,
    l6: 8,
    x: 4,
  };
  const grow: Record<string, number> = {
    ...Object.fromEntries(Object.keys(scores).map((id, i) => [id, (i % 5) + 1])),
  };
  return {
    employees: everyone.map((id) => ({
      id,
      name: id,
      attributes: id === 'x' ? {} : { site: sales.includes(id) ? 'Oslo' : 'Lima' },
      protectedAttributes: { gender: 'x' },
    })),
    teams: [
      { id: 'org', name: 'Org' },
      { id: 'sales', name: 'Sales', parentId: 'org' },
      { id: 'eng', name: 'Eng', parentId: 'org' },
      { id: 'ml', name: 'ML', parentId: 'eng' },
    ],
    spells: everyone.map((employeeId) => ({ employeeId, hireDate: '2020-01-01' })),
    assignments: [
      { employeeId: 'ceo', teamId: 'org', validFrom: '2024-01-01' },
      ...assign(['m1'], 'ceo', 'sales'),
      ...assign(['m2'], 'ceo', 'eng'),
      ...assign(['m3'], 'm2', 'ml'),
      ...assign(sales, 'm1', 'sales'),
      ...assign(eng, 'm2', 'eng'),
      ...assign(ml, 'm3', 'ml'),
    ],
    surveys: [
      { id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' },
      { id: 'a', name: 'Anonymous pulse', confidentiality: 'anonymous', opensOn: '2025-03-01' },
    ],
    questions: [
      { id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' },
      { id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' },
      { id: 'q', surveyId: 'a', kind: 'enps', text: 'Recommend?' },
    ],
    responses: Object.entries(scores).map(([id, score]) => ({
      id: `r-${id}`,
      surveyId: 's',
      respondentId: id,
      submittedAt: '2025-03-02T10:00:00Z',
      answers: { q: score, grow: grow[id] ?? null },
    })),
  };
}

const dataset = validateDataset(organisation()).dataset;
const cell = (result: ReturnType<typeof enpsBy>, id: string) =>
  result.segments.find((segment) => segment.id === id)?.cell;

describe('enpsBy', () => {
  it('rolls teams up the tree and suppresses small teams with a complement, passing the disclosure check', () => {
    const result = enpsBy(dataset, { surveyId: 's', by: { kind: 'team' } });
    // eng direct members: m3? no: m3 is in ml. eng has m2 + e1..e3 = 4 people, below 5.
    expect(cell(result, 'team:eng:direct')).toEqual({ status: 'suppressed' });
    expect(cell(result, 'team:ml')).toEqual({ status: 'suppressed' });
    const eng = cell(result, 'team:eng');
    expect(eng?.status).toBe('shown');
    // eng: m2 8, e1..e3 2,9,10, m3 10, l1..l6 9,9,7,5,10,8: promoters 6, detractors 2, n 11
    expect(eng?.status === 'shown' && eng.value.score).toBeCloseTo((100 * (6 - 2)) / 11, 12);
    // The one respondent without a team is protected by org and sales, not by the company total.
    expect(cell(result, 'all')?.status).toBe('shown');
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
  });

  it('counts respondents without a team in "all" and in a "missing" segment, and says so without the exact small count', () => {
    const result = enpsBy(dataset, { surveyId: 's', by: { kind: 'team' } });
    expect(result.segments.map((segment) => segment.id)).toContain('missing');
    expect(cell(result, 'missing')).toEqual({ status: 'suppressed' });
    // all = org + missing: with the one missing respondent hidden, org and all cannot both be shown.
    const shownTotals = ['all', 'team:org'].filter((id) => cell(result, id)?.status === 'shown');
    expect(shownTotals.length).toBeLessThanOrEqual(1);
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
    expect(result.report.cells.find((c) => c.id === 'all')?.n).toBe(20);
    expect(result.warnings).toEqual([
      'fewer than 5 respondents have no team on 2025-03-01: they count in "all" and in the "missing" segment',
    ]);
  });

  it('breaks down by manager: direct reports and the whole reporting tree', () => {
    const direct = enpsBy(dataset, { surveyId: 's', by: { kind: 'manager', scope: 'direct' } });
    expect(cell(direct, 'manager:m1')?.status).toBe('shown');
    const m1 = cell(direct, 'manager:m1');
    expect(m1?.status === 'shown' && m1.n).toBe(7);
    const tree = enpsBy(dataset, { surveyId: 's', by: { kind: 'manager', scope: 'tree' } });
    // m2's tree: e1..e3 and m3 (direct) plus l1..l6 below m3: 10 people (hidden as a complement
    // of m2's 4 direct reports; the audit record keeps its n)
    expect(tree.report.cells.find((c) => c.id === 'tree:m2')?.n).toBe(10);
    const m3 = cell(tree, 'tree:m3');
    expect(m3?.status === 'shown' && m3.n).toBe(6);
    expect(verifyNoDisclosure(tree.report).ok).toBe(true);
  });

  it('protects a manager-tree breakdown of a generated 500-manager organisation end to end', () => {
    // 500 managers in a 10-ary tree, 3 000 people under random managers, 70% answered: most
    // leaf managers have 3 to 5 respondents, so many cells are hidden and complements nest.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const managers = 500;
    const people = 3_500;
    const id = (i: number) => `p${i}`;
    const managerOf = (i: number) =>
      i < managers
        ? i === 0
          ? undefined
          : Math.floor((i - 1) / 10)
        : Math.floor(random() * managers);
    const ids = Array.from({ length: people }, (_, i) => id(i));
    const input: DatasetInput = {
      employees: ids.map((employeeId) => ({ id: employeeId, name: employeeId })),
      spells: ids.map((employeeId) => ({ employeeId, hireDate: '2024-01-01' })),
      teams: [{ id: 't', name: 'T' }],
      assignments: ids.map((employeeId, i) => {
        const manager = managerOf(i);
        return {
          employeeId,
          teamId: 't',
          validFrom: '2024-01-01',
          ...(manager === undefined ? {} : { managerId: id(manager) }),
        };
      }),
      surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
      questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
      responses: ids
        .filter(() => random() < 0.7)
        .map((respondentId, k) => ({
          id: `r${k}`,
          surveyId: 's',
          respondentId,
          submittedAt: '2025-03-02T10:00:00Z',
          answers: { q: Math.floor(random() * 11) },
        })),
    };
    const generated = validateDataset(input).dataset;
    const tree = enpsBy(generated, { surveyId: 's', by: { kind: 'manager', scope: 'tree' } });
    const hidden = tree.report.cells.filter((c) => c.status === 'suppressed').length;
    expect(hidden).toBeGreaterThan(100);
    expect(verifyNoDisclosure(tree.report).ok).toBe(true);
    // Every segment shown has at least 5 respondents.
    for (const segment of tree.segments)
      if (segment.cell.status === 'shown') expect(segment.cell.n).toBeGreaterThanOrEqual(5);
  });

  it('breaks down by attribute, and by a protected attribute only when asked', () => {
    const site = enpsBy(dataset, { surveyId: 's', by: { kind: 'attribute', name: 'site' } });
    expect(
      site.segments
        .filter((segment) => segment.kind === 'attribute')
        .map((segment) => segment.key)
        .sort(),
    ).toEqual(['Lima', 'Oslo']);
    expect(() =>
      enpsBy(dataset, { surveyId: 's', by: { kind: 'attribute', name: 'gender' } }),
    ).toThrow(/protected attribute/);
    const gender = enpsBy(dataset, {
      surveyId: 's',
      by: { kind: 'attribute', name: 'gender', protected: true },
    });
    expect(cell(gender, 'attribute:x')?.status).toBe('shown');
  });

  it('refuses anonymous surveys, which cannot be joined to HR data', () => {
    expect(() => enpsBy(dataset, { surveyId: 'a', by: { kind: 'team' } })).toThrow(/anonymous/);
    expect(() => enpsBy(dataset, { surveyId: 'nope', by: { kind: 'team' } })).toThrow(
      /unknown survey/,
    );
  });

  it('honours a higher minimum group size and refuses one below 3', () => {
    const strict = enpsBy(dataset, { surveyId: 's', by: { kind: 'team' }, minGroupSize: 9 });
    expect(cell(strict, 'team:sales')).toEqual({ status: 'suppressed' });
    expect(() => enpsBy(dataset, { surveyId: 's', by: { kind: 'team' }, minGroupSize: 2 })).toThrow(
      /minGroupSize/,
    );
  });
});

describe('favourabilityBy', () => {
  it('gives favourability per segment with the same suppression', () => {
    const result = favourabilityBy(dataset, {
      surveyId: 's',
      questionId: 'grow',
      by: { kind: 'team' },
    });
    const eng = result.segments.find((segment) => segment.id === 'team:eng')?.cell;
    expect(eng?.status).toBe('shown');
    if (eng?.status === 'shown')
      expect(eng.value.favourable + eng.value.neutral + eng.value.unfavourable).toBe(eng.n);
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
    expect(() =>
      favourabilityBy(dataset, { surveyId: 's', questionId: 'q', by: { kind: 'team' } }),
    ).toThrow(/Likert question/);
  });
});

describe('breakdowns of the sample organisation', () => {
  const sample = validateDataset(
    JSON.parse(
      readFileSync(
        join(
          dirname(fileURLToPath(import.meta.url)),
          '..',
          '..',
          'examples',
          'data',
          'dataset.json',
        ),
        'utf8',
      ),
    ),
  ).dataset;
  const joinable = sample.surveys.filter((survey) => survey.confidentiality !== 'anonymous');

  it('pass the disclosure check for every joinable survey, by team, manager tree and attribute', () => {
    for (const survey of joinable.slice(-3)) {
      for (const by of [
        { kind: 'team' },
        { kind: 'manager', scope: 'tree' },
        { kind: 'attribute', name: 'location' },
      ] as const) {
        const result = enpsBy(sample, { surveyId: survey.id, by });
        expect(verifyNoDisclosure(result.report).findings, `${survey.id} by ${by.kind}`).toEqual(
          [],
        );
        expect(result.segments.some((segment) => segment.cell.status === 'shown')).toBe(true);
      }
    }
  });
});

describe('stayersVersusLeavers', () => {
  /** One person per answer to `grow`, leaving on the given day or (undefined) staying. */
  const attrition = (answers: readonly number[], leaveOn: (i: number) => string | undefined) => {
    const people = answers.map((_, i) => `p${i}`);
    return validateDataset({
      employees: people.map((id) => ({ id, name: id })),
      spells: people.map((id, i) => {
        const terminationDate = leaveOn(i);
        return {
          employeeId: id,
          hireDate: '2020-01-01',
          ...(terminationDate === undefined
            ? {}
            : { terminationDate, separationKind: 'voluntary' as const }),
        };
      }),
      surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
      questions: [
        { id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' },
      ],
      responses: people.map((id, i) => ({
        id,
        surveyId: 's',
        respondentId: id,
        submittedAt: '2025-03-02T10:00:00Z',
        answers: { grow: answers[i]! },
      })),
    }).dataset;
  };
  const base = (leaveOn: string) =>
    attrition([1, 2, 2, 4, 1, 3, 5, 4, 4, 5, 2, 3], (i) => (i < 6 ? leaveOn : undefined));

  it('compares leavers with stayers and gives the ratio of unfavourable to favourable attrition', () => {
    const result = stayersVersusLeavers(base('2025-04-30'), {
      surveyId: 's',
      horizons: [30, 90],
      asOf: '2025-12-31',
    });
    const [within30, within90] = result.items[0]!.horizons;
    // Nobody has left within 30 days: the empty leavers group is suppressed; an empty group hides
    // nobody, so the stayers (everyone) can still be shown.
    expect(within30?.leavers).toEqual({ status: 'suppressed' });
    expect(within30?.stayers).toMatchObject({ status: 'shown', n: 12 });
    expect(within30?.attritionRatio).toEqual({ status: 'suppressed' });
    // Within 90 days: leavers fav 1 / neu 1 / unfav 4; stayers 4 / 1 / 1; unfavourable 4 of 5 left, favourable 1 of 5.
    expect(within90?.leavers).toMatchObject({
      status: 'shown',
      n: 6,
      value: { favourable: 1, neutral: 1, unfavourable: 4 },
    });
    expect(within90?.attritionRatio).toMatchObject({
      status: 'shown',
      value: { ratio: 4, unfavourableLeft: 4, favourableLeft: 1 },
    });
  });

  it('leaves a horizon that has not passed by asOf empty, with a warning', () => {
    const result = stayersVersusLeavers(base('2025-04-30'), {
      surveyId: 's',
      horizons: [365],
      asOf: '2025-12-31',
    });
    expect(result.items[0]?.horizons).toEqual([null]);
    expect(result.warnings).toEqual([
      '"grow": 365 days after some responses is after 2025-12-31; that horizon is left empty',
    ]);
  });

  it('suppresses nested horizons together so that no later leaver can be singled out (issue 14, leak 2)', () => {
    // 5 leave within 90 days (favourable 3, neutral 1, unfavourable 1), a sixth within 180
    // (unfavourable): shown at both horizons, the difference is that person's answer.
    const nested = attrition([5, 5, 5, 3, 1, 2, 5, 4, 4, 3, 2, 5, 4, 1, 3, 4], (i) =>
      i < 5 ? '2025-04-30' : i === 5 ? '2025-07-15' : undefined,
    );
    const [within90, within180] = stayersVersusLeavers(nested, {
      surveyId: 's',
      horizons: [90, 180],
      asOf: '2025-12-31',
    }).items[0]!.horizons;
    // What a reader knows: the shown groups, everyone who answered the item (favourabilityBy's
    // "all"), and how the groups nest (leaving dates are known to HR). Close the known set under
    // "an equation with one unknown term gives that term".
    const known = new Set<string>(['all']);
    if (within90?.leavers.status === 'shown') known.add('leavers:90');
    if (within90?.stayers.status === 'shown') known.add('stayers:90');
    if (within180?.leavers.status === 'shown') known.add('leavers:180');
    if (within180?.stayers.status === 'shown') known.add('stayers:180');
    const equations = [
      ['leavers:180', 'leavers:90', 'increment'],
      ['stayers:90', 'stayers:180', 'increment'],
      ['all', 'leavers:90', 'stayers:90'],
      ['all', 'leavers:180', 'stayers:180'],
    ];
    for (let changed = true; changed; ) {
      changed = false;
      for (const terms of equations) {
        const unknown = terms.filter((term) => !known.has(term));
        if (unknown.length === 1) {
          known.add(unknown[0]!);
          changed = true;
        }
      }
    }
    expect(known.has('increment')).toBe(false);
    // Something is still shown: the suppression is not blanket.
    expect(known.size).toBeGreaterThan(1);
    // The horizons nest whatever order they are asked in.
    expect(
      stayersVersusLeavers(nested, { surveyId: 's', horizons: [180, 90, 180], asOf: '2025-12-31' })
        .items[0]!.horizons,
    ).toEqual([within180, within90, within180]);
  });

  it('refuses anonymous surveys and bad horizons', () => {
    expect(() => stayersVersusLeavers(dataset, { surveyId: 'a', asOf: '2025-12-31' })).toThrow(
      /anonymous/,
    );
    expect(() =>
      stayersVersusLeavers(dataset, { surveyId: 's', asOf: '2025-12-31', horizons: [0] }),
    ).toThrow(/horizons/);
  });

  it('refuses, with a release ledger, a group that differs from an earlier release by one leaver', () => {
    const answers = [1, 2, 2, 4, 1, 3, 5, 4, 4, 5, 2, 3, 4, 5];
    const options = { surveyId: 's', horizons: [90], asOf: '2025-12-31' };
    const first = stayersVersusLeavers(
      attrition(answers, (i) => (i < 6 ? '2025-04-30' : undefined)),
      { ...options, ledger: emptyLedger() },
    );
    const before = first.items[0]!.horizons[0]!;
    expect([before.leavers.status, before.stayers.status]).toEqual(['shown', 'shown']);
    expect(first.ledger?.ledger.entries.map((entry) => entry.statistic)).toContain('likert:s:grow');
    // A seventh departure recorded later: leavers 6 -> 7 and stayers 8 -> 7 each differ by one.
    const later = attrition(answers, (i) => (i < 7 ? '2025-04-30' : undefined));
    const second = stayersVersusLeavers(later, { ...options, ledger: first.ledger!.ledger });
    const after = second.items[0]!.horizons[0]!;
    expect([after.leavers, after.stayers]).toEqual([
      { status: 'suppressed' },
      { status: 'suppressed' },
    ]);
    expect(second.warnings.some((w) => w.includes('release ledger'))).toBe(true);
    // Without the ledger both are shown, and their difference from the first release is p6's answer.
    const plain = stayersVersusLeavers(later, options).items[0]!.horizons[0]!;
    expect([plain.leavers.status, plain.stayers.status]).toEqual(['shown', 'shown']);
  });
});

describe("the survey's own minimum group size (issue 14, leak 5)", () => {
  /** The organisation above, with survey s declaring a minimum of 10. */
  const strict = (() => {
    const input = organisation();
    return validateDataset({
      ...input,
      surveys: input.surveys!.map((survey) =>
        survey.id === 's' ? { ...survey, minGroupSize: 10 } : survey,
      ),
    }).dataset;
  })();

  it('enpsBy hides a team of 8 when the survey declares 10, whatever the caller asks', () => {
    // At the caller's 5, sales (8) is no primary (it may be a complement); at 10 it is.
    const reasonOf = (result: ReturnType<typeof enpsBy>) =>
      result.report.cells.find((c) => c.id === 'team:sales')?.reason;
    const sales = enpsBy(dataset, { surveyId: 's', by: { kind: 'team' } });
    expect(sales.report.cells.find((c) => c.id === 'team:sales')?.n).toBe(8);
    expect(reasonOf(sales)).not.toBe('primary');
    for (const minGroupSize of [undefined, 3, 5]) {
      const result = enpsBy(strict, {
        surveyId: 's',
        by: { kind: 'team' },
        ...(minGroupSize === undefined ? {} : { minGroupSize }),
      });
      expect(cell(result, 'team:sales')).toEqual({ status: 'suppressed' });
      expect(reasonOf(result)).toBe('primary');
      expect(result.report.minGroupSize).toBe(10);
      expect(verifyNoDisclosure(result.report).ok).toBe(true);
    }
    const stricter = enpsBy(strict, { surveyId: 's', by: { kind: 'team' }, minGroupSize: 12 });
    expect(stricter.report.minGroupSize).toBe(12);
  });

  it('favourabilityBy applies the survey minimum too', () => {
    const result = favourabilityBy(strict, {
      surveyId: 's',
      questionId: 'grow',
      by: { kind: 'attribute', name: 'site' },
    });
    expect(result.report.minGroupSize).toBe(10);
    expect(
      result.segments.every(
        (segment) => segment.cell.status === 'suppressed' || segment.cell.n >= 10,
      ),
    ).toBe(true);
  });

  it('stayersVersusLeavers applies the survey minimum to every group', () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const input = {
      employees: people.map((id) => ({ id, name: id })),
      spells: people.map((id, i) => ({
        employeeId: id,
        hireDate: '2020-01-01',
        ...(i < 6 ? { terminationDate: '2025-04-30', separationKind: 'voluntary' as const } : {}),
      })),
      surveys: [
        {
          id: 's',
          name: 'Pulse',
          confidentiality: 'confidential' as const,
          opensOn: '2025-03-01',
          minGroupSize: 10,
        },
      ],
      questions: [
        { id: 'grow', surveyId: 's', kind: 'likert' as const, points: 5, text: 'I can grow here' },
      ],
      responses: people.map((id, i) => ({
        id,
        surveyId: 's',
        respondentId: id,
        submittedAt: '2025-03-02T10:00:00Z',
        answers: { grow: [1, 2, 2, 4, 1, 3, 5, 4, 4, 5, 2, 3][i]! },
      })),
    };
    const [within90] = stayersVersusLeavers(validateDataset(input).dataset, {
      surveyId: 's',
      horizons: [90],
      asOf: '2025-12-31',
    }).items[0]!.horizons;
    expect(within90?.leavers).toEqual({ status: 'suppressed' });
    expect(within90?.stayers).toEqual({ status: 'suppressed' });
    expect(within90?.attritionRatio).toEqual({ status: 'suppressed' });
  });
});
