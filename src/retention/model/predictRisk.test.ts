import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { fitRetentionModel, type RetentionRow } from './fitRetentionModel.js';
import { predictRisk } from './predictRisk.js';

// src/retention/model/fixtures/small-glm.R (see fitRetentionModel.test.ts).
const small = JSON.parse(
  readFileSync(new URL('./fixtures/small-glm.json', import.meta.url), 'utf8'),
) as { rows: RetentionRow[]; clean: { fitted: number[] } };
const rows = small.rows;
const complete = rows.filter((row) => row.tenure !== null);
const options = { features: ['overtime', 'tenure', 'satisfaction', 'remote'], label: 'left' };
const model = fitRetentionModel(rows, options);

describe('predictRisk', () => {
  it("gives R's fitted probabilities (predict(fit, type = 'response'))", () => {
    complete.forEach((row, i) => {
      expect(predictRisk(model, row).probability).toBeCloseTo(small.clean.fitted[i]!, 10);
    });
  });

  it('splits the log-odds into the average plus one contribution per feature', () => {
    const row = complete[3]!;
    const risk = predictRisk(model, row);
    const total = risk.factors.reduce((sum, f) => sum + f.contribution, 0);
    expect(risk.averageLogOdds + total).toBeCloseTo(risk.logOdds, 12);
    expect(risk.probability).toBeCloseTo(1 / (1 + Math.exp(-risk.logOdds)), 14);
    // beta_j (x_j - mean_j); for a category, over its indicator columns.
    const tenure = model.coefficients.find((c) => c.term === 'tenure')!;
    expect(risk.factors.find((f) => f.feature === 'tenure')!.contribution).toBeCloseTo(
      tenure.estimate * ((row.tenure as number) - tenure.mean),
      12,
    );
    const overtime = model.coefficients.find((c) => c.term === 'overtime: Yes')!;
    expect(risk.factors.find((f) => f.feature === 'overtime')!.contribution).toBeCloseTo(
      overtime.estimate * ((row.overtime === 'Yes' ? 1 : 0) - overtime.mean),
      12,
    );
  });

  it('ranks the factors from the one that raises the risk most to the one that lowers it most', () => {
    for (const row of complete.slice(0, 20)) {
      const contributions = predictRisk(model, row).factors.map((f) => f.contribution);
      expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    }
  });

  it('describes factors in words, with plain-language names on request', () => {
    const risk = predictRisk(
      model,
      { overtime: 'Yes', tenure: 0.5, satisfaction: 1, remote: true },
      { labels: { overtime: 'works overtime' } },
    );
    const overtime = risk.factors.find((f) => f.feature === 'overtime')!;
    expect(overtime.description).toBe(
      `works overtime is Yes: x${overtime.oddsRatio.toPrecision(2)} odds`,
    );
    expect(overtime.oddsRatio).toBeGreaterThan(1);
    const tenure = risk.factors.find((f) => f.feature === 'tenure')!;
    expect(tenure.description).toMatch(/^tenure is 0\.5 \(average \d+\.\d+\): x\d\.\d odds$/);
  });

  it('puts a person in a tier by probability cut-offs or by quantiles of the training rows', () => {
    const cut = { tiers: { cutoffs: [0.2, 0.4] as const } };
    expect(
      predictRisk(model, { overtime: 'Yes', tenure: 0, satisfaction: 1, remote: true }, cut).tier,
    ).toBe('high');
    expect(
      predictRisk(model, { overtime: 'No', tenure: 20, satisfaction: 4, remote: false }, cut).tier,
    ).toBe('low');
    // Default: quantiles 0.5 and 0.9 of the training predictions, so about 10% are high.
    const tiers = complete.map((row) => predictRisk(model, row).tier);
    const share = (tier: string) => tiers.filter((t) => t === tier).length / tiers.length;
    expect(share('high')).toBeCloseTo(0.1, 1);
    expect(share('low')).toBeCloseTo(0.5, 1);
    const risk = predictRisk(model, complete[0]!);
    expect(risk.cutoffs[0]).toBeCloseTo(model.riskPercentiles[50]!, 12);
    expect(risk.cutoffs[1]).toBeCloseTo(model.riskPercentiles[90]!, 12);
  });

  it('refuses a category the model has not seen, naming the known levels', () => {
    const unseen = () =>
      predictRisk(model, { overtime: 'Sometimes', tenure: 1, satisfaction: 2, remote: true });
    expect(codeOf(unseen)).toBe('INVALID_INPUT');
    expect(unseen).toThrow(/level of overtime seen in fitting \("No", "Yes"\), got "Sometimes"/);
  });

  it('refuses a missing feature, text for a number, and bad tiers', () => {
    expect(codeOf(() => predictRisk(model, { overtime: 'Yes', tenure: 1, satisfaction: 2 }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      codeOf(() =>
        predictRisk(model, { overtime: 'Yes', tenure: '1', satisfaction: 2, remote: true }),
      ),
    ).toBe('INVALID_INPUT');
    expect(codeOf(() => predictRisk(model, null as unknown as RetentionRow))).toBe('INVALID_INPUT');
    const row = complete[0]!;
    expect(codeOf(() => predictRisk(model, row, { tiers: { cutoffs: [0.5, 0.2] } }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => predictRisk(model, row, { tiers: { quantiles: [0, 0.9] } }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => predictRisk(model, row, { tiers: {} as never }))).toBe('INVALID_OPTION');
  });

  it('ignores columns the model does not use, including dropped constant ones', () => {
    const withCompany = fitRetentionModel(rows, {
      ...options,
      features: [...options.features, 'company'],
    });
    const row = { ...complete[0]!, company: undefined, extra: 'x' };
    expect(predictRisk(withCompany, row).probability).toBeCloseTo(small.clean.fitted[0]!, 10);
  });

  it('combines features under separation into one flagged factor', () => {
    const separated = fitRetentionModel(rows, {
      ...options,
      features: ['team', ...options.features],
    });
    const designer = complete.find((row) => row.team === 'Design')!;
    const risk = predictRisk(separated, designer);
    expect(risk.probability).toBeLessThan(1e-10);
    const factor = risk.factors.find((f) => f.separated)!;
    expect(factor.features).toEqual(['team']);
    expect(factor.description).toMatch(
      /^team is Design: x\de-1\d odds \(everyone with this combination in the training data stayed\)$/,
    );
    expect(risk.factors.at(-1)).toBe(factor);
    // For everyone else the team factor is finite and not flagged.
    const engineer = complete.find((row) => row.team === 'Engineering')!;
    const other = predictRisk(separated, engineer);
    expect(other.probability).toBeGreaterThan(0.01);
    const team = other.factors.find((f) => f.feature === 'team')!;
    expect(team.separated).toBe(false);
    expect(Math.abs(team.contribution)).toBeLessThan(2);
    const total = other.factors.reduce((sum, f) => sum + f.contribution, 0);
    expect(other.averageLogOdds + total).toBeCloseTo(other.logOdds, 9);
    expect(Math.abs(other.averageLogOdds)).toBeLessThan(5);
  });

  it('works with a standardised, penalised model', () => {
    const ridge = fitRetentionModel(rows, { ...options, standardize: true, regularization: 2 });
    const risk = predictRisk(ridge, complete[5]!);
    const total = risk.factors.reduce((sum, f) => sum + f.contribution, 0);
    expect(risk.averageLogOdds + total).toBeCloseTo(risk.logOdds, 12);
    expect(risk.probability).toBeGreaterThan(0);
    expect(risk.probability).toBeLessThan(1);
  });
});
