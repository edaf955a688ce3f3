import { describe, expectTypeOf, it } from 'vitest';
import type { Reportable } from '../../privacy/reportable.js';
import {
  type CrossValidateResult,
  crossValidate,
  fitRetentionModel,
  type GroupPerformance,
  predictRisk,
  type RetentionModel,
  type RetentionRow,
  type RiskTier,
} from './index.js';

describe('retention model types', () => {
  it('take plain rows of numbers, text, booleans and missing values', () => {
    expectTypeOf<{
      Age: number;
      OverTime: string;
      Remote: boolean;
      Note: null;
    }>().toExtend<RetentionRow>();
    expectTypeOf<Record<string, number | string>>().toExtend<RetentionRow>();
    expectTypeOf(fitRetentionModel).returns.toEqualTypeOf<RetentionModel>();
  });

  it('require the features and the label, and a seed for cross-validation', () => {
    // @ts-expect-error label is required
    fitRetentionModel([], { features: ['Age'] });
    // @ts-expect-error seed is required
    crossValidate([], { features: ['Age'], label: 'left' }, { folds: 10 });
    expectTypeOf(crossValidate).returns.toEqualTypeOf<CrossValidateResult>();
  });

  it('return groups as Reportable cells and tiers as a closed union', () => {
    expectTypeOf<CrossValidateResult['groups'][number]['performance']>().toEqualTypeOf<
      Reportable<GroupPerformance>
    >();
    expectTypeOf(predictRisk).returns.toHaveProperty('tier').toEqualTypeOf<RiskTier>();
    expectTypeOf<RiskTier>().toEqualTypeOf<'low' | 'medium' | 'high'>();
  });

  it('accept tiers as cut-offs or quantiles, not both', () => {
    const model = {} as RetentionModel;
    predictRisk(model, {}, { tiers: { cutoffs: [0.2, 0.5] } });
    predictRisk(model, {}, { tiers: { quantiles: [0.5, 0.9] } });
    // @ts-expect-error a tier needs two values
    predictRisk(model, {}, { tiers: { cutoffs: [0.2] } });
  });
});
