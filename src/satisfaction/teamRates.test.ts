/** Response rate and engagement index by team, through the gate (issue 14). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../privacy/releaseLedger.js';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import { type DatasetInput, validateDataset } from '../schemas/dataset.js';
import { engagementIndex } from './engagementIndex.js';
import { engagementIndexBy } from './engagementIndexBy.js';
import { responseRateBy } from './responseRateBy.js';

/** Teams a and b under org; per team, who is in it and what they answered (null: no response). */
function organisation(teams: Record<'a' | 'b' | 'org', readonly ([number, number] | null)[]>) {
  const people = Object.entries(teams).flatMap(([team, answers]) =>
    answers.map((answer, i) => ({ id: `${team}${i}`, team, answer })),
  );
  const input: DatasetInput = {
    employees: [{ id: 'boss', name: 'Boss' }, ...people.map((p) => ({ id: p.id, name: p.id }))],
    teams: [
      { id: 'org', name: 'Org' },
      { id: 'a', name: 'A', parentId: 'org' },
      { id: 'b', name: 'B', parentId: 'org' },
    ],
    assignments: people.map((p) => ({
      employeeId: p.id,
      managerId: 'boss',
      teamId: p.team,
      validFrom: '2025-01-01',
    })),
    surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
    questions: [
      { id: 'x', surveyId: 's', kind: 'likert', points: 5, text: 'X' },
      { id: 'y', surveyId: 's', kind: 'likert', points: 5, text: 'Y' },
    ],
    invitations: people.map((p) => ({ surveyId: 's', employeeId: p.id })),
    responses: people.flatMap((p) =>
      p.answer === null
        ? []
        : [
            {
              id: p.id,
              surveyId: 's',
              respondentId: p.id,
              submittedAt: '2025-03-02T10:00:00Z',
              answers: { x: p.answer[0], y: p.answer[1] },
            },
          ],
    ),
  };
  const { dataset, issues } = validateDataset(input);
  expect(issues).toEqual([]);
  return dataset;
}

const mixed = (count: number): [number, number][] =>
  Array.from({ length: count }, (_, i) => [(i % 5) + 1, ((i + 2) % 5) + 1]);
const cellOf = <T>(result: { segments: readonly { id: string; cell: T }[] }, id: string) =>
  result.segments.find((segment) => segment.id === id)?.cell;

const sample = () => {
  const path = join(dirname(fileURLToPath(import.meta.url)), '../../examples/data/dataset.json');
  return validateDataset(JSON.parse(readFileSync(path, 'utf8')) as DatasetInput).dataset;
};

describe('responseRateBy', () => {
  it('gives each team its rate of the invited, with the Wilson interval of responseRate', () => {
    const dataset = organisation({ a: [...mixed(6), null, null], b: mixed(9), org: [] });
    const result = responseRateBy(dataset, { surveyId: 's' });
    const a = cellOf(result, 'team:a');
    expect(a?.status === 'shown' && a.value).toMatchObject({
      invited: 8,
      responded: 6,
      rate: 0.75,
    });
    const org = cellOf(result, 'team:org');
    expect(org?.status === 'shown' && org.value?.rate).toBeCloseTo(15 / 17, 12);
  });

  it('hides a team with fewer respondents than the minimum, and a complement so it cannot be derived', () => {
    const dataset = organisation({ a: [...mixed(3), null, null, null], b: mixed(9), org: [] });
    const result = responseRateBy(dataset, { surveyId: 's' });
    expect(cellOf(result, 'team:a')).toEqual({ status: 'suppressed' });
    // org - b would give a's respondents: one of them is hidden too.
    const shown = ['team:b', 'team:org'].filter((id) => cellOf(result, id)?.status === 'shown');
    expect(shown.length).toBeLessThan(2);
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
  });

  it('shows a rate of 100% (everyone responding is no answer of theirs)', () => {
    const result = responseRateBy(organisation({ a: mixed(6), b: mixed(7), org: [] }), {
      surveyId: 's',
    });
    const a = cellOf(result, 'team:a');
    expect(a?.status === 'shown' && a.value?.rate).toBe(1);
  });

  it('refuses an anonymous survey', () => {
    const dataset = organisation({ a: mixed(6), b: mixed(7), org: [] });
    const anonymous = {
      ...dataset,
      surveys: dataset.surveys.map((s) => ({ ...s, confidentiality: 'anonymous' as const })),
    };
    expect(() => responseRateBy(anonymous, { surveyId: 's' })).toThrow(/anonymous/);
  });

  it('passes the disclosure check on the sample organisation, with and against a ledger', () => {
    const data = sample();
    for (const survey of data.surveys.filter((s) => s.confidentiality !== 'anonymous').slice(-2)) {
      const first = responseRateBy(data, { surveyId: survey.id, ledger: emptyLedger() });
      expect(verifyNoDisclosure(first.report).findings).toEqual([]);
      expect(first.segments.some((segment) => segment.cell.status === 'shown')).toBe(true);
      expect(first.ledger?.ledger.entries[0]?.statistic).toBe(`response:${survey.id}`);
    }
  });
});

describe('engagementIndexBy', () => {
  it("gives each team engagementIndex's item-favourability value over its respondents", () => {
    const dataset = organisation({ a: mixed(7), b: mixed(9), org: [] });
    const result = engagementIndexBy(dataset, { surveyId: 's' });
    const items = [
      { id: 'x', points: 5 },
      { id: 'y', points: 5 },
    ];
    for (const team of ['a', 'b'] as const) {
      const responses = dataset.responses.filter((r) => r.respondentId!.startsWith(team));
      const reference = engagementIndex(responses, { items, asOf: '2025-12-31' });
      const cell = cellOf(result, `team:${team}`);
      expect(cell?.status === 'shown' && cell.value.value).toBeCloseTo(reference.value!, 12);
      expect(cell?.status === 'shown' && cell.n).toBe(reference.n);
    }
  });

  it('hides a team in which everyone answered one item favourably (all at 100%)', () => {
    const happy: [number, number][] = mixed(6).map(([, y]) => [5, y]);
    const result = engagementIndexBy(organisation({ a: happy, b: mixed(9), org: mixed(2) }), {
      surveyId: 's',
    });
    expect(cellOf(result, 'team:a')).toEqual({ status: 'suppressed' });
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
  });

  it('takes the items it is given, and refuses one that is no Likert question of the survey', () => {
    const dataset = organisation({ a: mixed(7), b: mixed(9), org: [] });
    const onlyX = engagementIndexBy(dataset, { surveyId: 's', items: ['x'] });
    const a = cellOf(onlyX, 'team:a');
    expect(a?.status === 'shown' && a.value.items.map((item) => item.id)).toEqual(['x']);
    expect(() => engagementIndexBy(dataset, { surveyId: 's', items: ['nope'] })).toThrow(
      /Likert questions/,
    );
  });

  it('passes the disclosure check on the sample organisation', () => {
    const data = sample();
    const survey = data.surveys.filter(
      (s) =>
        s.confidentiality !== 'anonymous' &&
        data.questions.some((q) => q.surveyId === s.id && q.kind === 'likert'),
    )[0]!;
    const result = engagementIndexBy(data, { surveyId: survey.id });
    expect(verifyNoDisclosure(result.report).findings).toEqual([]);
    expect(result.segments.some((segment) => segment.cell.status === 'shown')).toBe(true);
  });
});
