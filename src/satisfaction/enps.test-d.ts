import { describe, expectTypeOf, it } from 'vitest';
import { createRandom } from '../core/createRandom.js';
import { type EnpsOptions, type EnpsResult, enps } from './index.js';

describe('enps types', () => {
  it('refuse a resampling method without a seeded random', () => {
    // @ts-expect-error bootstrap needs random: createRandom(seed)
    enps([9, 10, 3], { method: 'bootstrap' });
    // @ts-expect-error nor may random be undefined
    enps([9, 10, 3], { method: 'bootstrap', random: undefined });
    expectTypeOf(
      enps([9, 10, 3], { method: 'bootstrap', random: createRandom(1), resamples: 200 }),
    ).toEqualTypeOf<EnpsResult>();
  });

  it('take the other methods, and no options, without a random', () => {
    enps([9, 10, 3]);
    enps([9, 10, 3], { method: 'wald', level: 0.9 });
    enps([9, 10, 3], { method: 'adjusted-wald', random: createRandom(1) });
    // @ts-expect-error not a method
    enps([9, 10, 3], { method: 'exact' });
  });

  it('accept a method chosen at run time when a random comes with it', () => {
    const method = 'wald' as EnpsOptions['method'] & string;
    enps([9, 10, 3], { method, random: createRandom(1) });
    // @ts-expect-error without random the method might be bootstrap
    enps([9, 10, 3], { method });
  });
});
