import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { type CoxTest, fitCoxModel } from './fitCoxModel.js';
import {
  type FixtureTest,
  fixtureOptions,
  type RobustZphFixture,
} from './fixtures/robustZphFixture.js';

// fixtures/coxph-robust-zph.R, R 4.2.2 and survival 3.5.3:
// coxph(Surv([start,] stop, status) ~ ... [+ strata(group)], ties = ties, cluster = id) for the
// time-varying "tv" sets (several (start, stop] rows a person), robust = TRUE for lung (one row
// each). R: fit$var (robust), fit$naive.var, fit$wald.test (robust), fit$rscore.
const robustZphFixture = JSON.parse(
  readFileSync(new URL('./fixtures/coxph-robust-zph.json', import.meta.url), 'utf8'),
) as RobustZphFixture;

function expectTest(actual: CoxTest | null, expected: FixtureTest, tolerance: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual!.statistic - expected.statistic)).toBeLessThan(tolerance);
  expect(actual!.degreesOfFreedom).toBe(expected.df);
  expect(Math.abs(actual!.pValue - expected.p)).toBeLessThan(tolerance);
}

describe('fitCoxModel robust variance', () => {
  expect(robustZphFixture.survival).toBe('3.5.3');
  for (const [name, set] of Object.entries(robustZphFixture.sets)) {
    for (const ties of ['efron', 'breslow'] as const) {
      it(`equals R coxph's robust standard errors and tests on ${name} with ${ties} ties`, () => {
        const { time, status, covariates } = set.data;
        const fit = fitCoxModel(time, status, covariates, fixtureOptions(set, ties));
        const want = set.fits[ties];
        expect(fit.warnings).toEqual([]);
        expect(fit.clusters).toBe(set.data.cluster ? new Set(set.data.cluster).size : time.length);
        fit.terms.forEach((term, a) => {
          expect(Math.abs(term.coefficient! - want.coefficients[a]!)).toBeLessThan(1e-6);
          expect(Math.abs(term.standardError! - want.standardErrors[a]!)).toBeLessThan(1e-6);
          expect(Math.abs(term.robustStandardError! - want.robustStandardErrors[a]!)).toBeLessThan(
            1e-6,
          );
          expect(term.z).toBeCloseTo(term.coefficient! / term.robustStandardError!, 12);
        });
        const p = set.names.length;
        fit.robustVariance!.forEach((row, a) => {
          row.forEach((value, b) => {
            expect(Math.abs(value - want.robustVariance[b * p + a]!)).toBeLessThan(1e-8);
          });
        });
        expect(Math.abs(fit.logLikelihood.final - want.loglik[1]!)).toBeLessThan(1e-8);
        expectTest(fit.waldTest, want.wald, 1e-6);
        expectTest(fit.scoreTest, want.score, 1e-6);
        expectTest(fit.robustScoreTest, want.robustScore, 1e-6);
      });
    }
  }

  it('has no robust numbers unless asked for', () => {
    const set = robustZphFixture.sets.lung!;
    const fit = fitCoxModel(set.data.time, set.data.status, set.data.covariates);
    expect(fit.robustVariance).toBeNull();
    expect(fit.robustScoreTest).toBeNull();
    expect(fit.clusters).toBeNull();
    expect(fit.terms[0]!.robustStandardError).toBeNull();
    expect(fit.terms[0]!.z).toBeCloseTo(fit.terms[0]!.coefficient! / fit.terms[0]!.standardError!);
  });

  it('does not depend on the order of the rows', () => {
    const set = robustZphFixture.sets['tv-strata']!;
    const { time, status, covariates, entry, strata, cluster } = set.data;
    const order = time.map((_, i) => i).reverse();
    const pick = <T>(values: readonly T[]) => order.map((i) => values[i]!);
    const fit = fitCoxModel(
      pick(time),
      pick(status),
      Object.fromEntries(Object.entries(covariates).map(([k, v]) => [k, pick(v)])),
      { entry: pick(entry!), strata: pick(strata!), cluster: pick(cluster!) },
    );
    fit.terms.forEach((term, a) => {
      expect(
        Math.abs(term.robustStandardError! - set.fits.efron.robustStandardErrors[a]!),
      ).toBeLessThan(1e-9);
    });
  });

  it('throws on a cluster of the wrong length or a cluster with robust: false', () => {
    const x = { x: [1, 2, 3] };
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], x, { cluster: ['a', 'b'] }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      codeOf(() =>
        fitCoxModel([1, 2, 3], [1, 0, 1], x, { cluster: ['a', 'b', 'b'], robust: false }),
      ),
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => fitCoxModel([1, 2, 3], [1, 0, 1], x, { robust: 'yes' as never }))).toBe(
      'INVALID_OPTION',
    );
  });
});
