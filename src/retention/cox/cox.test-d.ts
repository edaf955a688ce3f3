import { describe, expectTypeOf, it } from 'vitest';
import {
  type CoxModelResult,
  type CoxRiskPrediction,
  fitCoxModel,
  type ProportionalHazardsTestResult,
  predictCoxRisk,
  proportionalHazardsTest,
} from '../index.js';

describe('Cox types', () => {
  it('take typed arrays and string or number clusters', () => {
    const fit = fitCoxModel(
      new Float64Array([1, 2]),
      new Uint8Array([1, 0]),
      { x: [0, 1] },
      {
        entry: new Float64Array([0, 0]),
        cluster: [7, 8],
      },
    );
    expectTypeOf(fit).toEqualTypeOf<CoxModelResult>();
    expectTypeOf(fit.robustVariance).toEqualTypeOf<readonly (readonly number[])[] | null>();
    expectTypeOf(fit.terms[0]!.status).toEqualTypeOf<'fitted' | 'constant' | 'aliased'>();
  });

  it('need a tenure and a horizon to predict, and a known transform to test', () => {
    const fit = fitCoxModel([1, 2], [1, 0], { x: [0, 1] });
    expectTypeOf(
      predictCoxRisk(fit, { x: 1 }, { tenure: 0, horizon: 1 }),
    ).toEqualTypeOf<CoxRiskPrediction>();
    // @ts-expect-error the horizon is required
    predictCoxRisk(fit, { x: 1 }, { tenure: 0 });
    expectTypeOf(
      proportionalHazardsTest([1, 2], [1, 0], { x: [0, 1] }, { transform: 'rank' }),
    ).toEqualTypeOf<ProportionalHazardsTestResult>();
    // @ts-expect-error log is not a transform here
    proportionalHazardsTest([1, 2], [1, 0], { x: [0, 1] }, { transform: 'log' });
  });
});
