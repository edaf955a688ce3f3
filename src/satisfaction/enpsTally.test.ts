import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/createRandom.js';
import { codeOf } from '../internal/testing/codeOf.js';
import { enpsTally } from './enpsTally.js';

/** The histogram of 0-10 answers, counted one by one: the reference for the typed-array path. */
function naiveHistogram(scores: ArrayLike<number>): number[] {
  const histogram = new Array<number>(11).fill(0);
  for (let index = 0; index < scores.length; index++) histogram[scores[index]!]! += 1;
  return histogram;
}

const random = createRandom(20);
/** The data shapes of bench/satisfaction.bench.ts, at a given length. */
const shapes: Record<string, (length: number) => Uint8Array> = {
  uniform: (length) => Uint8Array.from({ length }, () => Math.floor(random() * 11)),
  'constant 0': (length) => new Uint8Array(length),
  'constant 10': (length) => new Uint8Array(length).fill(10),
  skewed: (length) =>
    Uint8Array.from({ length }, () => {
      const draw = random();
      return draw < 0.6 ? 9 + Math.floor(random() * 2) : draw < 0.85 ? 7 : 3;
    }),
  sorted: (length) => Uint8Array.from({ length }, () => Math.floor(random() * 11)).sort(),
};

/** The error message an action throws. */
function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return String((error as Error).message);
  }
  return '';
}

describe('enpsTally on typed arrays', () => {
  it('counts a Uint8Array exactly on every data shape, around the lengths where the counting changes', () => {
    // Below 1024 answers one histogram; from 1024, eight interleaved ones and a tail of 0-7.
    for (const [name, make] of Object.entries(shapes)) {
      for (const length of [0, 1, 7, 8, 9, 1023, 1024, 1025, 1031, 1032, 4099]) {
        const scores = make(length);
        const tally = enpsTally(scores);
        const histogram = naiveHistogram(scores);
        expect(tally.histogram, `${name}, ${length}`).toEqual(histogram);
        expect(tally.n).toBe(length);
        expect([tally.detractors, tally.passives, tally.promoters]).toEqual([
          histogram.slice(0, 7).reduce((sum, count) => sum + count, 0),
          histogram[7]! + histogram[8]!,
          histogram[9]! + histogram[10]!,
        ]);
      }
    }
  });

  it('counts a view into a larger buffer at any offset, and only the view', () => {
    const buffer = shapes.uniform!(6000);
    for (const start of [0, 1, 3, 5, 8]) {
      const view = buffer.subarray(start, start + 2053);
      expect(enpsTally(view).histogram).toEqual(naiveHistogram(view));
    }
  });

  it('reports an answer off the scale with its value wherever it stands in a long array', () => {
    for (const position of [0, 3, 7, 1024, 4090, 4095]) {
      for (const bad of [11, 255]) {
        const scores = new Uint8Array(4096).fill(9);
        scores[position] = bad;
        expect(codeOf(() => enpsTally(scores))).toBe('OUT_OF_RANGE');
        expect(messageOf(() => enpsTally(scores))).toContain(`got ${bad}`);
      }
    }
  });

  it('counts signed arrays by value and reports negative answers as they are', () => {
    const valid = Int8Array.from(shapes.skewed!(3001));
    expect(enpsTally(valid).histogram).toEqual(naiveHistogram(valid));
    expect(enpsTally(Int16Array.from(valid)).histogram).toEqual(naiveHistogram(valid));
    for (const scores of [new Int8Array(2000).fill(10), new Int16Array(2000).fill(10)]) {
      scores[1500] = -1;
      expect(codeOf(() => enpsTally(scores))).toBe('OUT_OF_RANGE');
      expect(messageOf(() => enpsTally(scores))).toContain('got -1');
    }
    // The lowest answer off the scale is the one named.
    expect(messageOf(() => enpsTally(Int8Array.from([11, -128, 5])))).toContain('got -128');
    expect(messageOf(() => enpsTally(Int16Array.from([300, -300])))).toContain('got -300');
    expect(messageOf(() => enpsTally(Uint16Array.from([9, 65_535])))).toContain('got 65535');
  });

  it('follows a configured scale on typed arrays (1 to 15: 0 is off the scale)', () => {
    const cutoffs = { scaleMin: 1, scaleMax: 15, detractorMax: 6, passiveMax: 8 };
    const scores = Uint8Array.from({ length: 3000 }, (_, index) => 1 + (index % 15));
    const tally = enpsTally(scores, { cutoffs });
    expect([tally.detractors, tally.passives, tally.promoters]).toEqual([1200, 400, 1400]);
    expect(tally.histogram).toEqual(new Array<number>(15).fill(200));
    scores[2999] = 0;
    expect(messageOf(() => enpsTally(scores, { cutoffs }))).toContain('got 0');
  });
});
