import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { defaultFavourabilityMap, favourability } from './favourability.js';
import { likertScore } from './likertScore.js';

describe('favourability (reference: shared/reference/favourability.md, vivaglint fixture)', () => {
  it('splits 4,3,5,2,4 into 60 / 20 / 20 % and 5,4,5,3,4 into 80 / 20 / 0 %', () => {
    expect(favourability([4, 3, 5, 2, 4], { points: 5 }).shares).toEqual({
      favourable: 0.6,
      neutral: 0.2,
      unfavourable: 0.2,
    });
    expect(favourability([5, 4, 5, 3, 4], { points: 5 }).shares).toEqual({
      favourable: 0.8,
      neutral: 0.2,
      unfavourable: 0,
    });
  });

  it('uses the reference map for every scale from 2 to 11 points', () => {
    const expected: Record<number, [number[], number[], number[]]> = {
      2: [[2], [], [1]],
      3: [[3], [2], [1]],
      4: [[4], [2, 3], [1]],
      5: [[4, 5], [3], [1, 2]],
      6: [[4, 5, 6], [], [1, 2, 3]],
      7: [
        [6, 7],
        [4, 5],
        [1, 2, 3],
      ],
      8: [
        [6, 7, 8],
        [4, 5],
        [1, 2, 3],
      ],
      9: [
        [7, 8, 9],
        [4, 5, 6],
        [1, 2, 3],
      ],
      10: [
        [8, 9, 10],
        [4, 5, 6, 7],
        [1, 2, 3],
      ],
      11: [
        [10, 11],
        [8, 9],
        [1, 2, 3, 4, 5, 6, 7],
      ],
    };
    for (const [points, [favourable, neutral, unfavourable]] of Object.entries(expected)) {
      expect(defaultFavourabilityMap(Number(points))).toEqual({
        favourable,
        neutral,
        unfavourable,
      });
      const answers = Array.from({ length: Number(points) }, (_, i) => i + 1);
      const result = favourability(answers, { points: Number(points) });
      expect([result.favourable, result.neutral, result.unfavourable]).toEqual([
        favourable.length,
        neutral.length,
        unfavourable.length,
      ]);
    }
  });

  it('counts skipped answers apart, never as zeros', () => {
    const result = favourability([5, null, undefined, 1], { points: 5 });
    expect(result).toMatchObject({ n: 2, skipped: 2, favourable: 1, unfavourable: 1 });
    expect(result.shares?.favourable).toBe(0.5);
  });

  it('gives a Wilson interval on the favourable share (R prop.test(3, 5, correct = FALSE): 0.2307242813, 0.8823792258)', () => {
    const interval = favourability([4, 3, 5, 2, 4], { points: 5 }).interval;
    expect(interval?.lower).toBeCloseTo(0.2307242813, 9);
    expect(interval?.upper).toBeCloseTo(0.8823792258, 9);
  });

  it('takes a question map (top box of 5) and refuses a map that does not cover the scale', () => {
    const topBox = { favourable: [5], neutral: [3, 4], unfavourable: [1, 2] };
    expect(favourability([5, 4, 5, 3, 4], { points: 5, map: topBox }).favourable).toBe(2);
    expect(
      codeOf(() =>
        favourability([5], { points: 5, map: { favourable: [5], neutral: [], unfavourable: [1] } }),
      ),
    ).toBe('INVALID_OPTION');
  });

  it('refuses answers off the scale rather than dropping them, and scales outside 2-11', () => {
    for (const answer of [0, 6, 2.5, Number.NaN])
      expect(codeOf(() => favourability([answer], { points: 5 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => favourability([1], { points: 12 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => favourability([1], { points: 1 }))).toBe('INVALID_OPTION');
  });

  it('returns null shares and interval with no answers', () => {
    expect(favourability([null], { points: 5 })).toMatchObject({
      n: 0,
      skipped: 1,
      shares: null,
      interval: null,
    });
  });
});

describe('likertScore (reference: favourability.md vectors)', () => {
  it('gives mean 3.6, SD 1.140175425, score 65 and mean 4.2, SD 0.8366600265, score 80', () => {
    const a = likertScore([4, 3, 5, 2, 4], { points: 5 });
    expect(a.mean).toBeCloseTo(3.6, 12);
    expect(a.standardDeviation).toBeCloseTo(1.140175425, 9);
    expect(a.score).toBeCloseTo(65, 12);
    const b = likertScore([5, 4, 5, 3, 4], { points: 5 });
    expect(b.standardDeviation).toBeCloseTo(0.8366600265, 9);
    expect(b.score).toBeCloseTo(80, 12);
  });

  it('gives the t interval of R t.test rescaled to 0-100', () => {
    // R: t.test(c(4,3,5,2,4))$conf.int -> 2.184285223 5.015714777; (x - 1) / 4 * 100, clipped to 100
    const interval = likertScore([4, 3, 5, 2, 4], { points: 5 }).interval;
    expect(interval?.lower).toBeCloseTo(((2.184285223 - 1) / 4) * 100, 7);
    expect(interval?.upper).toBe(100);
  });

  it('handles no answers and one answer without NaN', () => {
    expect(likertScore([null], { points: 5 })).toMatchObject({
      n: 0,
      skipped: 1,
      score: null,
      interval: null,
    });
    expect(likertScore([3], { points: 5 })).toMatchObject({
      n: 1,
      score: 50,
      standardDeviation: null,
      interval: null,
    });
  });
});
