import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../internal/testing/codeOf.js';
import { fixtureOptions, type RobustZphFixture } from './fixtures/robustZphFixture.js';
import { proportionalHazardsTest } from './proportionalHazardsTest.js';

// fixtures/coxph-robust-zph.R, R 4.2.2 and survival 3.5.3 (the score test of survival >= 3.0,
// with the full information matrix): cox.zph(fit, transform = "km" | "identity" | "rank")$table
// for lung (right-censored) and the time-varying "tv" sets ((start, stop] rows, with and without
// strata), Efron and Breslow fits.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/coxph-robust-zph.json', import.meta.url), 'utf8'),
) as RobustZphFixture;

describe('proportionalHazardsTest', () => {
  it('is checked against survival 3.5.3', () => {
    expect(fixture.survival).toBe('3.5.3');
  });
  for (const [name, set] of Object.entries(fixture.sets)) {
    for (const ties of ['efron', 'breslow'] as const) {
      for (const transform of ['km', 'identity', 'rank'] as const) {
        it(`equals R cox.zph on ${name}, ${ties} ties, transform ${transform}`, () => {
          const { time, status, covariates } = set.data;
          const result = proportionalHazardsTest(time, status, covariates, {
            ...fixtureOptions(set, ties),
            transform,
          });
          const want = set.fits[ties].zph[transform];
          expect(result.warnings).toEqual([]);
          expect(result.terms.map((term) => term.name)).toEqual(set.names);
          result.terms.forEach((term, a) => {
            expect(Math.abs(term.statistic - want.terms[a]!.statistic)).toBeLessThan(1e-6);
            expect(term.degreesOfFreedom).toBe(want.terms[a]!.df);
            expect(Math.abs(term.pValue - want.terms[a]!.p)).toBeLessThan(1e-6);
          });
          expect(Math.abs(result.global.statistic - want.global.statistic)).toBeLessThan(1e-6);
          expect(result.global.degreesOfFreedom).toBe(want.global.df);
          expect(Math.abs(result.global.pValue - want.global.p)).toBeLessThan(1e-6);
        });
      }
    }
  }

  it('throws on an unknown transform or option, and without events', () => {
    const x = { x: [1, 2, 3] };
    expect(
      codeOf(() => proportionalHazardsTest([1, 2, 3], [1, 0, 1], x, { transform: 'log' as never })),
    ).toBe('INVALID_OPTION');
    expect(
      codeOf(() => proportionalHazardsTest([1, 2, 3], [1, 0, 1], x, { trans: 'km' } as never)),
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => proportionalHazardsTest([1, 2, 3], [0, 0, 0], x))).toBe('INVALID_INPUT');
  });
});
