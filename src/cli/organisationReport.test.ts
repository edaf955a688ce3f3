import { describe, expect, it } from 'vitest';
import { LONG_TAIL, longItemsNoRegret, sampleDataset } from '../../tests/support/reportSamples.js';
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

describe('formatOrganisationReport of the sample organisation, as an HR director reads it', () => {
  const asOf = '2026-09-30';
  const sample = formatOrganisationReport(organisationReport(sampleDataset(), { asOf }));
  const long = formatOrganisationReport(organisationReport(longItemsNoRegret(), { asOf }));
  const section = (report: typeof sample, id: string) => report.sections.find((s) => s.id === id)!;

  it('numbers the heatmap items and lists each one in full under it, in column order', () => {
    const heatmap = section(long, 'heatmap');
    const values = (heatmap.spec!.data as { values: { key: string; column: string }[] }).values;
    const legend = heatmap.legend!;
    expect(legend.length).toBeGreaterThan(8);
    for (const { key, column } of values) expect(legend[Number(key) - 1]!.text).toBe(column);
    for (const { text } of legend) expect(text.endsWith(LONG_TAIL)).toBe(true);
    expect(JSON.stringify(heatmap)).not.toContain('…');
  });

  it('wraps the long item names of the favourability chart instead of cutting them', () => {
    const spec = section(long, 'enps').spec!;
    const values = (spec.data as { values: { item: string; wrapped: string }[] }).values;
    for (const { item, wrapped } of values) {
      expect(
        wrapped
          .split('\n')
          .filter((line) => line !== '')
          .join(' '),
      ).toBe(item);
      expect(wrapped.split('\n').every((line) => line.length <= 32)).toBe(true);
    }
    expect(JSON.stringify(spec)).not.toContain('…');
  });

  it('draws more than 8 departments as small multiples: one panel each, one colour, no legend', () => {
    const departments = section(sample, 'survival-by-department');
    const shown = departments.table!.rows.filter((row) => row[2] !== 'suppressed');
    expect(shown.length).toBeGreaterThan(8);
    expect(departments.spec).toBeUndefined();
    expect(departments.panelSpecs!.map((spec) => (spec.title as { text: string }).text)).toEqual(
      shown.map((row) => row[0]),
    );
    for (const panel of departments.panelSpecs!) {
      const layers = panel.layer as { encoding?: { color?: Record<string, unknown> } }[];
      const colours = layers.flatMap((layer) =>
        layer.encoding?.color === undefined ? [] : [layer.encoding.color],
      );
      // One fixed colour per panel (its department), the others grey: no colour scale, no legend.
      expect(colours.length).toBeGreaterThan(0);
      for (const colour of colours) expect(Object.keys(colour)).toEqual(['value']);
    }
  });

  it('says "regretted" only when the data has the regretted flag', () => {
    expect(JSON.stringify(section(sample, 'turnover'))).toContain('regretted');
    expect(JSON.stringify(long)).not.toMatch(/regret/i);
  });

  it('gives the manager grid as a table coloured by tones, marked ! below target and – when suppressed', () => {
    const { table, spec } = section(sample, 'scorecards');
    expect(spec).toBeUndefined();
    expect(table!.header.slice(0, 2)).toEqual(['manager (people)', '1:1 coverage']);
    expect(table!.rows[0]![0]).toMatch(/^\S.* \(\d+\)$/);
    const cells = table!.rows.flatMap((row, r) =>
      row.map((text, c) => [text, table!.tones![r]![c]]),
    );
    for (const [text, tone] of cells) {
      if (tone === 'poor') expect(text).toMatch(/!$/);
      if (tone === 'muted') expect(text).toBe('–');
    }
    expect(new Set(cells.map(([, tone]) => tone))).toEqual(
      new Set([null, 'good', 'poor', 'muted']),
    );
  });
});
