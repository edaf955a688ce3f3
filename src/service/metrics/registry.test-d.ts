import { describe, expectTypeOf, it } from 'vitest';
import type { Reportable } from '../../privacy/reportable.js';
import type { Scorecard, ScorecardsResult } from '../scorecards.js';
import type { ServiceMetricId } from '../serviceMetrics.js';
import type { listen } from './listen.js';
import { defineMetric, type MetricValue } from './metric.js';
import type { MetricsByPractice } from './registry.js';

describe('the metric registry', () => {
  it('derives ServiceMetricId from the definitions, the new metric included', () => {
    expectTypeOf<'newHireTimeToFirstOneOnOne'>().toExtend<ServiceMetricId>();
    expectTypeOf<(typeof listen)[number]['id']>().toEqualTypeOf<
      'oneOnOneCoverage' | 'oneOnOneMedianGap' | 'newHireTimeToFirstOneOnOne'
    >();
    // @ts-expect-error: an id that no definition has is not a metric.
    expectTypeOf<'oneOnOneCadence'>().toExtend<ServiceMetricId>();
  });

  it("builds the card's record from the registry's ids: every metric is in every card", () => {
    expectTypeOf<keyof Scorecard['metrics']>().toEqualTypeOf<ServiceMetricId>();
    expectTypeOf<Scorecard['metrics']['newHireTimeToFirstOneOnOne']>().toEqualTypeOf<
      Reportable<MetricValue>
    >();
    expectTypeOf<keyof ScorecardsResult['organisationMedian']>().toEqualTypeOf<ServiceMetricId>();
  });

  it('makes a table keyed by metric that forgets one a type error', () => {
    // @ts-expect-error: newHireTimeToFirstOneOnOne (and the others) are missing.
    const labels: Record<ServiceMetricId, string> = {
      oneOnOneCoverage: '1:1 coverage',
      oneOnOneMedianGap: '1:1 gap (days)',
    };
    expectTypeOf(labels).toBeObject();
  });

  it('refuses a metric without compute, a practice left out and a metric in the wrong practice', () => {
    // @ts-expect-error: a definition must say how it is computed.
    defineMetric({
      id: 'uncomputed',
      practice: 'listen',
      label: 'x',
      definition: 'x',
      unit: 'share',
      higherIsBetter: true,
      target: null,
      source: 'x',
    });
    const { listen: _left, ...others } = {} as MetricsByPractice;
    // @ts-expect-error: the "listen" practice is left out.
    const withoutListen: MetricsByPractice = others;
    const wrongPractice = [
      defineMetric({
        id: 'misfiled',
        practice: 'seek ideas',
        label: 'x',
        definition: 'x',
        unit: 'share',
        higherIsBetter: true,
        target: null,
        source: 'x',
        compute: () => ({ people: 0, value: null }),
      }),
    ] as const;
    // @ts-expect-error: a "seek ideas" metric filed under "listen".
    const misfiled: MetricsByPractice = { ...withoutListen, listen: wrongPractice };
    expectTypeOf(misfiled).toBeObject();
  });
});
