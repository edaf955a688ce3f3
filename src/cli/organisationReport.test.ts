import { describe, expect, it } from 'vitest';
import { type DatasetInput, validateDataset } from '../schemas/dataset.js';
import { organisationReport } from './organisationReport.js';

/** An anonymous pulse with one eNPS and one Likert question, answered as given. */
function pulse(
  scores: readonly number[],
  likert: readonly number[],
  survey: Partial<{ minGroupSize: number }> = {},
) {
  const people = Array.from({ length: 12 }, (_, i) => `e${i}`);
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

const enpsSection = (dataset: ReturnType<typeof pulse>) =>
  organisationReport(dataset, { asOf: '2025-06-30' }).sections.find((s) => s.id === 'enps')!;

describe('organisationReport (leak 4: everyone the same)', () => {
  it('hides the eNPS of 6 answers that are all detractors', () => {
    const section = enpsSection(pulse([0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 4]));
    const text = JSON.stringify(section.highlights);
    expect(text).not.toContain('0 / 0 / 6');
    expect(section.highlights?.[0]).toMatchObject({ label: 'eNPS', value: 'suppressed' });
  });

  it('shows the eNPS of 6 mixed answers, with its counts', () => {
    const section = enpsSection(pulse([0, 9, 7, 3, 10, 5], [1, 2, 3, 4, 5, 4]));
    expect(section.highlights?.[1]).toMatchObject({ value: '2 / 1 / 3' });
  });

  it('says why a value may be hidden in one generic footnote, never per cell', () => {
    const report = organisationReport(pulse([0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 4]), {
      asOf: '2025-06-30',
    });
    expect(report.subtitle).toContain(
      'fewer than 5 answers or people, all answers or people in one category, or hidden so that another hidden value cannot be worked out',
    );
    const section = report.sections.find((s) => s.id === 'enps')!;
    expect(JSON.stringify(section)).not.toMatch(/fewer than|one category/);
  });

  it("applies the survey's own minimum group size when it is higher (leak 5)", () => {
    const scores = [0, 9, 7, 3, 10, 5, 9, 8];
    const likert = [1, 2, 3, 4, 5, 4, 3, 2];
    expect(enpsSection(pulse(scores, likert)).highlights?.[0]?.value).not.toBe('suppressed');
    const strict = enpsSection(pulse(scores, likert, { minGroupSize: 10 }));
    expect(strict.highlights?.[0]).toMatchObject({ label: 'eNPS', value: 'suppressed' });
    expect(JSON.stringify(strict.spec)).not.toMatch(/"n":8/);
  });

  it('hides the favourability of an item that everyone answered favourably', () => {
    const section = enpsSection(pulse([0, 9, 7, 3, 10, 5], [4, 5, 4, 5, 5, 4]));
    const values = (
      section.spec as unknown as { data: { values: { share: number; label: string }[] } }
    ).data.values;
    expect(values.map((row) => row.label)).toEqual(['suppressed']);
  });
});
