import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { InternalCustomerError } from './errors.js';

/** A source of uniform numbers in [0, 1), like `Math.random` but seeded and reproducible. */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random source (xoroshiro128+ from `pure-rand`, 53-bit floats in [0, 1)). Every
 * function that resamples or simulates takes one, so results are reproducible: the same seed gives
 * the same sequence on every machine.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the seed is not a safe integer.
 *
 * @example
 * const random = createRandom(42);
 * const again = createRandom(42);
 * random() === again() // => true
 * random() < 1 // => true
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `createRandom requires an integer seed, got ${String(seed)}`,
    );
  }
  // pure-rand takes a 32-bit seed; fold the high bits in so distinct safe integers stay distinct.
  const folded = (seed | 0) ^ Math.floor(seed / 0x1_0000_0000);
  const generator = xoroshiro128plus(folded);
  return () => uniformFloat64(generator);
}
