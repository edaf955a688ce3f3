import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { fitCoxModel } from './fitCoxModel.js';
import { fixtureOptions, type RobustZphFixture } from './fixtures/robustZphFixture.js';
import { predictCoxRisk } from './predictCoxRisk.js';

// fixtures/coxph-robust-zph.R, R 4.2.2 and survival 3.5.3: for each person,
// sf <- survfit(fit, newdata = person); s <- stepfun(sf$time, c(1, sf$surv));
// 1 - s(t0 + h) / s(t0), for lung and the time-varying "tv" sets (with strata: the person's).
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/coxph-robust-zph.json', import.meta.url), 'utf8'),
) as RobustZphFixture;

describe('predictCoxRisk', () => {
  for (const [name, set] of Object.entries(fixture.sets)) {
    for (const ties of ['efron', 'breslow'] as const) {
      it(`equals R survfit(fit, newdata) on ${name} with ${ties} ties`, () => {
        const { time, status, covariates } = set.data;
        const model = fitCoxModel(time, status, covariates, fixtureOptions(set, ties));
        set.fits[ties].predictions.forEach((want, k) => {
          const person = Object.fromEntries(
            set.names.map((covariate) => [covariate, set.people.covariates[covariate]![k]!]),
          );
          const stratum = set.people.strata?.[k];
          const risk = predictCoxRisk(model, person, {
            tenure: want.t0,
            horizon: want.h,
            ...(stratum === undefined ? {} : { stratum }),
            allowProtected: ['age', 'sex', 'Age'],
          });
          expect(Math.abs(risk.probability - want.probability)).toBeLessThan(1e-8);
          expect(Math.abs(risk.survivalAtTenure - want.survivalT0)).toBeLessThan(1e-8);
          expect(Math.abs(risk.survivalAtHorizon - want.survivalT1)).toBeLessThan(1e-8);
          expect(Math.abs(risk.cumulativeHazard - want.cumulativeHazard)).toBeLessThan(1e-8);
        });
      });
    }
  }

  const set = fixture.sets.tv!;
  const model = fitCoxModel(set.data.time, set.data.status, set.data.covariates, {
    entry: set.data.entry!,
    cluster: set.data.cluster!,
  });

  it('explains the hazard as ranked hazard ratios against the average person', () => {
    const risk = predictCoxRisk(
      model,
      { skill: 1.5, promoted: 1, band: 5 },
      { tenure: 12, horizon: 12, labels: { band: 'pay band' } },
    );
    expect(risk.factors.map((factor) => factor.feature)).toEqual(['skill', 'promoted', 'band']);
    const product = risk.factors.reduce((value, factor) => value * factor.hazardRatio, 1);
    expect(risk.hazardRatio).toBeCloseTo(product, 12);
    expect(risk.factors.map((factor) => factor.description)).toEqual([
      expect.stringMatching(/^skill is 1\.5 \(average -?[\d.]+\): x[\d.]+ hazard$/),
      expect.stringMatching(/^promoted is 1 \(average [\d.]+\): x[\d.]+ hazard$/),
      expect.stringMatching(/^pay band is 5 \(average [\d.]+\): x[\d.]+ hazard$/),
    ]);
    expect(risk.warnings).toEqual([]);
  });

  it('warns when the horizon runs past the follow-up', () => {
    const risk = predictCoxRisk(
      model,
      { skill: 0, promoted: 0, band: 2 },
      { tenure: 40, horizon: 24 },
    );
    expect(risk.warnings).toEqual([
      expect.stringMatching(/^The horizon ends at 64, past the last exit time of the data \(48\)/),
    ]);
  });

  it('refuses a model with a protected covariate unless it is allowed', () => {
    const lung = fixture.sets.lung!;
    const fit = fitCoxModel(lung.data.time, lung.data.status, lung.data.covariates);
    const person = { age: 60, sex: 1, ecog: 1, weight: 0 };
    expect(codeOf(() => predictCoxRisk(fit, person, { tenure: 0, horizon: 100 }))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() =>
        predictCoxRisk(fit, person, { tenure: 0, horizon: 100, allowProtected: ['age'] }),
      ),
    ).toBe('INVALID_OPTION');
    const allowed = predictCoxRisk(fit, person, { tenure: 0, horizon: 100, allowProtected: true });
    expect(allowed.warnings).toEqual([
      'The model uses protected attributes (age, sex), as explicitly allowed; use it for audits and comparisons, not for decisions about people',
    ]);
    expect(
      codeOf(() =>
        predictCoxRisk(
          model,
          { skill: 0, promoted: 0, band: 2 },
          { tenure: 0, horizon: 1, protected: ['band'] },
        ),
      ),
    ).toBe('INVALID_OPTION');
  });

  it('flags a factor whose coefficient may be infinite, with a warning', () => {
    const monotone = fitCoxModel([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 0, 1, 0, 0, 1], {
      x: [1, 1, 1, 0, 0, 0, 0, 0],
    });
    const risk = predictCoxRisk(monotone, { x: 1 }, { tenure: 0, horizon: 2 });
    expect(risk.factors[0]).toMatchObject({ feature: 'x', separated: true });
    expect(risk.factors[0]!.description).toMatch(/\(not estimable: monotone likelihood\)$/);
    expect(risk.warnings).toEqual([
      'The coefficients of x may be infinite (monotone likelihood): the probability is near its limit and not reliable; merge rare categories or drop the covariate',
    ]);
  });

  it('throws on a missing covariate, a bad horizon or stratum, and unknown options', () => {
    const person = { skill: 0, promoted: 0, band: 2 };
    expect(
      codeOf(() => predictCoxRisk(model, { skill: 0, promoted: 0 }, { tenure: 1, horizon: 1 })),
    ).toBe('INVALID_INPUT');
    expect(codeOf(() => predictCoxRisk(model, person, { tenure: 1, horizon: -1 }))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() => predictCoxRisk(model, person, { tenure: 1, horizon: 1, stratum: 'ops' })),
    ).toBe('INVALID_OPTION');
    expect(
      codeOf(() => predictCoxRisk(model, person, { tenure: 1, horizon: 1, tiers: 1 } as never)),
    ).toBe('INVALID_OPTION');
    const stratified = fixture.sets['tv-strata']!;
    const byGroup = fitCoxModel(
      stratified.data.time,
      stratified.data.status,
      stratified.data.covariates,
      {
        entry: stratified.data.entry!,
        strata: stratified.data.strata!,
      },
    );
    expect(codeOf(() => predictCoxRisk(byGroup, person, { tenure: 1, horizon: 1 }))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() => predictCoxRisk(byGroup, person, { tenure: 1, horizon: 1, stratum: 'hr' })),
    ).toBe('INVALID_OPTION');
  });
});
