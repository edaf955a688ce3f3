import { describe, expectTypeOf, it } from 'vitest';
import type { CompareEnpsMethod } from '../compareEnps.js';
import type { EnpsByOptions } from '../enpsBy.js';
import type { EnpsIntervalMethod } from './registry.js';

describe('eNPS interval method types (derived from the registry)', () => {
  it('accepts the registered ids and refuses others', () => {
    expectTypeOf<'adjusted-wald'>().toExtend<EnpsIntervalMethod>();
    expectTypeOf<'bootstrap'>().toExtend<EnpsIntervalMethod>();
    expectTypeOf<'exact'>().not.toExtend<EnpsIntervalMethod>();
    expectTypeOf<EnpsIntervalMethod>().not.toEqualTypeOf<string>();
  });

  it('lets compareEnps take exactly the normal approximations', () => {
    expectTypeOf<CompareEnpsMethod>().toEqualTypeOf<'wald' | 'adjusted-wald'>();
  });

  it('lets enpsBy, which has no random, take every method but those that resample', () => {
    type ByMethod = NonNullable<EnpsByOptions['method']>;
    expectTypeOf<'score'>().toExtend<ByMethod>();
    expectTypeOf<'bootstrap'>().not.toExtend<ByMethod>();
  });
});
