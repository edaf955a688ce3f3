import { describe, expect, it } from 'vitest';
import { createRandom } from '../../core/index.js';
import { descendingOrder } from './coxData.js';

describe('descendingOrder', () => {
  it('orders as a stable sort by stratum, then value descending', () => {
    const random = createRandom(7);
    const n = 2000;
    const values = Float64Array.from({ length: n }, () => Math.floor(random() * 50) - 25);
    values[3] = -0;
    values[4] = Number.NEGATIVE_INFINITY;
    values[5] = 0.5;
    for (const strata of [1, 3]) {
      const stratum = Int32Array.from({ length: n }, () => Math.floor(random() * strata));
      const expected = Int32Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => stratum[a]! - stratum[b]! || values[b]! - values[a]! || a - b,
      );
      expect([...descendingOrder(values, stratum, strata)]).toEqual([...expected]);
    }
  });
});
