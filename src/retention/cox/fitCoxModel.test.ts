import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import {
  type CoxConcordance,
  type CoxModelResult,
  type CoxTies,
  fitCoxModel,
} from './fitCoxModel.js';

interface Test {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}
interface Fit {
  readonly coefficients: readonly number[];
  readonly standardErrors: readonly number[];
  readonly loglik: readonly number[];
  readonly iterations: number;
  readonly likelihoodRatio: Test;
  readonly wald: Test;
  readonly score: Test;
  readonly concordance: CoxConcordance;
}
interface DataSet {
  readonly names: readonly string[];
  readonly data: {
    readonly time: readonly number[];
    readonly status: readonly number[];
    readonly covariates: Readonly<Record<string, readonly number[]>>;
    readonly entry?: readonly number[];
    readonly strata?: readonly string[];
  };
  readonly fits: Readonly<Record<CoxTies, Fit>>;
}
/** fixtures/coxph.R: R 4.2.2, survival 3.5.3. */
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/coxph.json', import.meta.url), 'utf8'),
) as { readonly sets: Readonly<Record<string, DataSet>> };

function fitSet(set: DataSet, ties: CoxTies): CoxModelResult {
  const { time, status, covariates, entry, strata } = set.data;
  return fitCoxModel(time, status, covariates, {
    ties,
    ...(entry ? { entry } : {}),
    ...(strata ? { strata } : {}),
  });
}

function expectTest(actual: CoxModelResult['waldTest'], expected: Test, tolerance: number) {
  expect(Math.abs(actual.statistic - expected.statistic)).toBeLessThan(tolerance);
  expect(actual.degreesOfFreedom).toBe(expected.df);
  expect(Math.abs(actual.pValue - expected.p)).toBeLessThan(tolerance);
}

describe('fitCoxModel', () => {
  for (const [name, set] of Object.entries(fixture.sets)) {
    for (const ties of ['efron', 'breslow'] as const) {
      // coxph(Surv([entry,] time, status) ~ covariates [+ strata(strata)], ties = ties)
      it(`equals R coxph on ${name} with ${ties} ties`, () => {
        const fit = fitSet(set, ties);
        const want = set.fits[ties];
        expect(fit.converged).toBe(true);
        expect(fit.warnings).toEqual([]);
        expect(fit.iterations).toBe(want.iterations);
        fit.terms.forEach((term, a) => {
          expect(term.name).toBe(set.names[a]);
          expect(Math.abs(term.coefficient! - want.coefficients[a]!)).toBeLessThan(1e-6);
          expect(Math.abs(term.standardError! - want.standardErrors[a]!)).toBeLessThan(1e-6);
        });
        expect(Math.abs(fit.logLikelihood.null - want.loglik[0]!)).toBeLessThan(1e-8);
        expect(Math.abs(fit.logLikelihood.final - want.loglik[1]!)).toBeLessThan(1e-8);
        expectTest(fit.likelihoodRatioTest, want.likelihoodRatio, 1e-7);
        expectTest(fit.waldTest, want.wald, 1e-6);
        expectTest(fit.scoreTest, want.score, 1e-6);
        const c = fit.concordance;
        expect([c.concordant, c.discordant, c.tiedRisk, c.tiedTime, c.tiedBoth]).toEqual([
          want.concordance.concordant,
          want.concordance.discordant,
          want.concordance.tiedRisk,
          want.concordance.tiedTime,
          want.concordance.tiedBoth,
        ]);
        expect(Math.abs(c.concordance - want.concordance.concordance)).toBeLessThan(1e-9);
      });
    }
  }

  it('does not depend on the order of the rows', () => {
    const set = fixture.sets['entry-strata']!;
    const { time, status, covariates, entry, strata } = set.data;
    const order = time.map((_, i) => i).reverse();
    const pick = <T>(values: readonly T[]) => order.map((i) => values[i]!);
    const fit = fitCoxModel(
      pick(time),
      pick(status),
      Object.fromEntries(Object.entries(covariates).map(([k, v]) => [k, pick(v)])),
      { entry: pick(entry!), strata: pick(strata!) },
    );
    fit.terms.forEach((term, a) => {
      expect(Math.abs(term.coefficient! - set.fits.efron.coefficients[a]!)).toBeLessThan(1e-9);
    });
  });

  it('does not change its input', () => {
    const time = [5, 3, 6, 3, 4, 2];
    const events = [1, 0, 1, 1, 0, 1];
    const covariates = { x: [0.5, 2, 1, 3, 1, 2] };
    const entry = [1, 0, 0, 2, 0, 0];
    fitCoxModel(time, events, covariates, { entry, strata: ['a', 'a', 'a', 'b', 'b', 'b'] });
    expect([time, events, covariates.x, entry]).toEqual([
      [5, 3, 6, 3, 4, 2],
      [1, 0, 1, 1, 0, 1],
      [0.5, 2, 1, 3, 1, 2],
      [1, 0, 0, 2, 0, 0],
    ]);
  });

  it('drops a constant covariate with a warning, as R gives NA', () => {
    const set = fixture.sets.lung!;
    const { time, status, covariates } = set.data;
    const fit = fitCoxModel(time, status, { ...covariates, one: time.map(() => 1) });
    expect(fit.terms.at(-1)).toMatchObject({ name: 'one', status: 'constant', coefficient: null });
    expect(fit.warnings).toEqual(['one is constant and was dropped']);
    expect(fit.droppedTerms).toEqual([
      { term: 'one', feature: 'one', level: null, reason: 'constant' },
    ]);
    expect(Math.abs(fit.terms[0]!.coefficient! - set.fits.efron.coefficients[0]!)).toBeLessThan(
      1e-6,
    );
    expect(fit.likelihoodRatioTest.degreesOfFreedom).toBe(4);
  });

  it('warns that a coefficient may be infinite under monotone likelihood, as R does', () => {
    // x <- c(1,1,1,0,0,0,0,0); coxph(Surv(1:8, c(1,1,1,0,1,0,0,1)) ~ x): iter 20, loglik
    // -7.20340552108309 -3.17805383139541, "Loglik converged before variable 1; coefficient may be infinite."
    const fit = fitCoxModel([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 0, 1, 0, 0, 1], {
      x: [1, 1, 1, 0, 0, 0, 0, 0],
    });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBe(20);
    expect(Math.abs(fit.logLikelihood.null - -7.20340552108309)).toBeLessThan(1e-12);
    expect(Math.abs(fit.logLikelihood.final - -3.17805383139541)).toBeLessThan(1e-12);
    expect(fit.warnings).toHaveLength(1);
    expect(fit.warnings[0]).toMatch(
      /^Log-likelihood converged before x: its coefficient may be infinite/,
    );
    expect(fit.separation).toEqual({ terms: ['x'] });
    expect(fit.terms[0]).toMatchObject({
      separated: true,
      hazardRatio: null,
      standardError: null,
      pValue: null,
    });
    expect(fit.terms[0]!.coefficient).toBeGreaterThan(10);
    expect(fit.droppedTerms).toEqual([]);
  });

  it('reports non-convergence, with the estimate and iteration count R gives', () => {
    // coxph(Surv(time, status) ~ age + sex + ph.ecog + wt.loss, lung, iter.max = 2): iter 3,
    // coef(age) 0.0133677127269901, loglik -659.514101357619
    const set = fixture.sets.lung!;
    const fit = fitCoxModel(set.data.time, set.data.status, set.data.covariates, {
      maxIterations: 2,
    });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(3);
    expect(Math.abs(fit.terms[0]!.coefficient! - 0.0133677127269901)).toBeLessThan(1e-12);
    expect(Math.abs(fit.logLikelihood.final - -659.514101357619)).toBeLessThan(1e-9);
    expect(fit.warnings).toEqual([
      'The fit did not converge in 2 iterations (relative change of the log-likelihood above 1e-9)',
    ]);
  });

  it('drops a covariate that is a linear combination of earlier ones, as R gives NA', () => {
    // coxph(Surv(time, status) ~ age + sex + ph.ecog + wt.loss + I(2 * age - sex), lung): NA for
    // the last, the others as without it.
    const set = fixture.sets.lung!;
    const { time, status, covariates } = set.data;
    const age = covariates.age!;
    const sex = covariates.sex!;
    const fit = fitCoxModel(time, status, {
      ...covariates,
      combined: age.map((a, i) => 2 * a - sex[i]!),
    });
    expect(fit.terms.at(-1)).toMatchObject({
      name: 'combined',
      status: 'aliased',
      coefficient: null,
    });
    expect(fit.droppedTerms).toEqual([
      { term: 'combined', feature: 'combined', level: null, reason: 'aliased' },
    ]);
    expect(fit.warnings).toEqual([
      'combined is a linear combination of earlier covariates and was dropped (R reports its coefficient as NA)',
    ]);
    fit.terms.slice(0, 4).forEach((term, a) => {
      expect(Math.abs(term.coefficient! - set.fits.efron.coefficients[a]!)).toBeLessThan(1e-6);
    });
    expect(
      codeOf(() => fitCoxModel([1, 2, 3, 4], [1, 0, 1, 1], { a: [1, 2, 3, 5], b: [2, 4, 6, 10] })),
    ).toBe(undefined);
  });

  it('throws on unknown options and malformed input', () => {
    const x = { x: [1, 2, 3] };
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], x, { entri: [0, 0, 0] } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], x, { ties: 'exact' as never }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 2], x))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitCoxModel([1, 2, Number.NaN], [1, 0, 1], x))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], x, { entry: [0, 2, 0] }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], {}))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], { x: [1, 2] }))).toBe('INVALID_INPUT');
  });
});
