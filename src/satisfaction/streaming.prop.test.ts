/**
 * The streaming forms give exactly the in-memory results: answers cut into random chunks, each
 * chunk counted on its own, the partial results merged in a random order, and the merge finished,
 * equal the function applied to all the answers at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enps } from './enps.js';
import { emptyTally, enpsTally, mergeTallies } from './enpsTally.js';
import { enpsTallyFromHistogram } from './enpsTallyFromHistogram.js';
import { favourability } from './favourability.js';
import {
  favourabilityCounts,
  favourabilityFromCounts,
  mergeFavourabilityCounts,
} from './favourabilityCounts.js';

/** Cuts a list at random points into chunks (some empty). */
function chunksOf<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = cuts.map((cut) => Math.floor(cut * (items.length + 1))).sort((a, b) => a - b);
  const chunks: T[][] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(items.slice(start, point));
    start = point;
  }
  chunks.push(items.slice(start));
  return chunks;
}

/** A random permutation of the chunks' partial results (merging is order-free). */
function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % Math.max(1, keys.length)] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
const order = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 });

describe('streaming eNPS', () => {
  it('merges chunk tallies into the tally and the score of all the answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 }),
        cuts,
        order,
        (scores, at, keys) => {
          const parts = shuffled(
            chunksOf(scores, at).map((chunk) => enpsTally(chunk)),
            keys,
          );
          const merged = mergeTallies(emptyTally(), ...parts);
          expect(merged).toEqual(enpsTally(scores));
          if (scores.length > 0) expect(enps(merged)).toEqual(enps(scores));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds chunk histograms into the tally of all the answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 }),
        cuts,
        (scores, at) => {
          const histogram = new Array<number>(11).fill(0);
          for (const chunk of chunksOf(scores, at)) {
            const part = enpsTally(chunk).histogram!;
            for (let k = 0; k < 11; k++) histogram[k]! += part[k]!;
          }
          expect(enpsTallyFromHistogram(histogram)).toEqual(enpsTally(scores));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('streaming favourability', () => {
  it('merges chunk counts into the favourability of all the answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 11 }).chain((points) =>
          fc.tuple(
            fc.constant(points),
            fc.array(fc.option(fc.integer({ min: 1, max: points }), { nil: null }), {
              maxLength: 200,
            }),
          ),
        ),
        cuts,
        order,
        ([points, answers], at, keys) => {
          const parts = shuffled(
            chunksOf(answers, at).map((chunk) => favourabilityCounts(chunk, { points })),
            keys,
          );
          const merged = mergeFavourabilityCounts(...parts);
          expect(favourabilityFromCounts(merged)).toEqual(favourability(answers, { points }));
          expect(merged).toEqual(favourabilityCounts(answers, { points }));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps a configured map through the merge', () => {
    const map = { favourable: [3], neutral: [], unfavourable: [2, 1] };
    const merged = mergeFavourabilityCounts(
      favourabilityCounts([3, 1], { points: 3, map }),
      favourabilityCounts([2, null], { points: 3, map }),
    );
    expect(favourabilityFromCounts(merged, { level: 0.9 })).toEqual(
      favourability([3, 1, 2, null], { points: 3, map, level: 0.9 }),
    );
  });

  it('refuses to merge counts made with different maps', () => {
    expect(() =>
      mergeFavourabilityCounts(
        favourabilityCounts([3], { points: 3 }),
        favourabilityCounts([3], {
          points: 3,
          map: { favourable: [3, 2], neutral: [], unfavourable: [1] },
        }),
      ),
    ).toThrow(/one scale and map/);
  });
});
