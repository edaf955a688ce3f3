import { describe, expectTypeOf, it } from 'vitest';
import type { Reportable } from '../privacy/reportable.js';
import {
  type CumulativeIncidenceCurve,
  cumulativeIncidence,
  type ExitIncidence,
  grayTest,
  type StateProbability,
  tenureIncidence,
} from './index.js';

describe('competing-exit types', () => {
  it('take typed arrays and give readonly curves with nullable limits', () => {
    const fit = cumulativeIncidence(new Float64Array([1, 2]), new Uint8Array([1, 0]));
    expectTypeOf(fit.incidence).toEqualTypeOf<readonly CumulativeIncidenceCurve[]>();
    expectTypeOf(fit.survival).toEqualTypeOf<StateProbability>();
    expectTypeOf(fit.survival.lower).toEqualTypeOf<readonly (number | null)[]>();
  });

  it('refuse entry times in grayTest at compile time too', () => {
    // @ts-expect-error Gray's test has no entry times
    grayTest([1], [1], ['a'], { entry: [0] });
    expectTypeOf(grayTest([1], [1], ['a']).tests[0]!.statistic).toEqualTypeOf<number | null>();
  });

  it('give tenure incidence as a Reportable', () => {
    expectTypeOf(tenureIncidence([], { asOf: '2025-01-01' }).overall).toEqualTypeOf<
      Reportable<ExitIncidence>
    >();
  });
});
