import { describe, expect, it } from 'vitest';
import { organisationReport } from '../organisation/organisationReport.js';
import { validateDataset } from '../schemas/dataset.js';
import { formatOrganisationReport } from './organisationReport.js';

const pulse = (scores: readonly number[], minGroupSize?: number) =>
  validateDataset({
    surveys: [
      {
        id: 's',
        name: 'Pulse',
        confidentiality: 'anonymous',
        opensOn: '2025-03-01',
        ...(minGroupSize === undefined ? {} : { minGroupSize }),
      },
    ],
    questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
    responses: scores.map((score, i) => ({
      id: `r${i}`,
      surveyId: 's',
      submittedAt: '2025-03-02T10:00:00Z',
      answers: { q: score },
    })),
  }).dataset;

const formatted = (scores: readonly number[], minGroupSize?: number) =>
  formatOrganisationReport(organisationReport(pulse(scores, minGroupSize), { asOf: '2025-06-30' }));

describe('formatOrganisationReport', () => {
  it('shows a hidden eNPS as suppressed, with no reason beside it', () => {
    const report = formatted([0, 1, 2, 3, 4, 5]);
    const section = report.sections.find((s) => s.id === 'enps')!;
    expect(section.highlights).toEqual([{ label: 'eNPS', value: 'suppressed' }]);
    expect(JSON.stringify(section)).not.toMatch(/fewer than|one category/);
  });

  it('puts the one footnote of reasons under the title', () => {
    expect(formatted([0, 1, 2, 3, 4, 5]).subtitle).toBe(
      'Data as of 2025-06-30. Hidden (suppressed) values: fewer than 5 answers or people, all answers or people in one category, or hidden so that another hidden value cannot be worked out.',
    );
  });

  it("names a survey's own higher minimum in its section", () => {
    const section = formatted([0, 9, 7, 3, 10, 5, 9, 8], 10).sections.find((s) => s.id === 'enps')!;
    expect(section.highlights).toEqual([{ label: 'eNPS', value: 'suppressed' }]);
    expect(section.notes).toContain('This survey sets its own minimum group size: 10.');
  });

  it('formats a shown eNPS with its interval and counts', () => {
    const section = formatted([0, 9, 7, 3, 10, 5]).sections.find((s) => s.id === 'enps')!;
    expect(section.highlights?.[0]).toMatchObject({ label: 'eNPS', value: '-16.7' });
    expect(section.highlights?.[1]).toMatchObject({ value: '2 / 1 / 3' });
  });
});
