import { createRandom } from '../src/core/index.js';
import { enps, enpsTally, enpsTallyBy, enpsTallyFromCounts } from '../src/satisfaction/index.js';
import type { BenchCase } from './harness.js';

const random = createRandom(7);
const typed = new Uint8Array(10_000_000);
for (let i = 0; i < typed.length; i++) typed[i] = Math.floor(random() * 11);
/**
 * The data shapes of the tally's rows (issue 20): the three-counter loop predicts its branches
 * well when answers repeat, and a single histogram waits on its own stores there.
 */
const constant = new Uint8Array(typed.length);
const skewed = new Uint8Array(typed.length);
for (let i = 0; i < skewed.length; i++) {
  // A realistic survey: 60% promoters (9-10), 25% passives (7-8), 15% detractors (0-6).
  const draw = random();
  skewed[i] = draw < 0.6 ? 9 + (i & 1) : draw < 0.85 ? 7 + (i & 1) : i % 7;
}
const sorted = skewed.slice().sort();
const shapes = [
  { shape: 'uniform 0-10', scores: typed },
  { shape: 'constant (all 0)', scores: constant },
  { shape: 'skewed (60% 9-10)', scores: skewed },
  { shape: 'skewed, sorted', scores: sorted },
];
const objects = Array.from({ length: 1_000_000 }, (_, i) => ({ score: typed[i]! }));

/** The hand-written loop an engineer would write: a histogram, then categories. */
function handTally(scores: Uint8Array): [number, number, number] {
  const histogram = new Float64Array(11);
  for (let i = 0; i < scores.length; i++) histogram[scores[i]!]!++;
  let d = 0;
  for (let s = 0; s <= 6; s++) d += histogram[s]!;
  return [d, histogram[7]! + histogram[8]!, histogram[9]! + histogram[10]!];
}

/** The plain three-counter loop (issue 20): one branch per score, no histogram. */
function threeCounters(scores: Uint8Array): [number, number, number] {
  let d = 0;
  let p = 0;
  let q = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= 6) d++;
    else if (s <= 8) p++;
    else q++;
  }
  return [d, p, q];
}

function handTallyObjects(rows: readonly { score: number }[]): [number, number, number] {
  let d = 0;
  let p = 0;
  let r = 0;
  for (const row of rows) {
    const s = row.score;
    if (s <= 6) d++;
    else if (s <= 8) p++;
    else r++;
  }
  return [d, p, r];
}

/** Resampling responses one by one, as a naive bootstrap does: O(n) per resample. */
function naiveBootstrap(scores: Uint8Array, resamples: number, seed: number): number[] {
  const draw = createRandom(seed);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let promoters = 0;
    let detractors = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[Math.floor(draw() * scores.length)]!;
      if (s >= 9) promoters++;
      else if (s <= 6) detractors++;
    }
    values.push((promoters - detractors) / scores.length);
  }
  return values.sort((a, b) => a - b);
}

const small = enpsTallyFromCounts({ detractors: 300, passives: 300, promoters: 400 });
const large = enpsTallyFromCounts({ detractors: 300_000, passives: 300_000, promoters: 400_000 });
const hundredThousand = typed.subarray(0, 100_000);

export const satisfactionCases: BenchCase[] = [
  // Each shape against both baselines; the goal is met against the better of the two.
  ...shapes.flatMap(({ shape, scores }) =>
    [
      {
        goal: 'histogram loop',
        baselineName: 'hand-written histogram loop',
        baseline: () => handTally(scores),
      },
      {
        goal: 'three-counter loop',
        baselineName: 'plain three-counter loop (if s <= 6 d++; else if s <= 8 p++; else q++)',
        baseline: () => threeCounters(scores),
      },
    ].map(
      ({ goal, baselineName, baseline }): BenchCase => ({
        name: `enpsTally, Uint8Array, ${shape}`,
        size: '10 000 000 scores',
        goal: `<= 1.2x ${goal}`,
        run: () => enpsTally(scores),
        baselineName,
        baseline,
        meets: (median, baselineMedian) => median <= 1.2 * baselineMedian,
        iterations: 15,
        alternate: true,
      }),
    ),
  ),
  {
    name: 'enpsTallyBy, { score } objects',
    size: '1 000 000 objects',
    goal: '<= 1.5x hand loop',
    run: () => enpsTallyBy(objects, (row) => row.score),
    baselineName: 'hand-written loop over objects',
    baseline: () => handTallyObjects(objects),
    meets: (median, baseline) => median <= 1.5 * baseline,
  },
  {
    name: 'enps bootstrap (multinomial), n = 1 000 000',
    size: '10 000 resamples',
    goal: '< 50 ms',
    run: () => enps(large, { method: 'bootstrap', random: createRandom(1), resamples: 10_000 }),
    baselineName: 'naive per-response resampling, n = 100 000 (1/100 of the resamples)',
    baseline: () => naiveBootstrap(hundredThousand, 100, 1),
    meets: (median) => median < 50,
    iterations: 5,
  },
  {
    name: 'enps bootstrap, n = 1 000 000 vs n = 1 000',
    size: '10 000 resamples',
    goal: 'independent of n (<= 1.5x)',
    run: () => enps(large, { method: 'bootstrap', random: createRandom(1), resamples: 10_000 }),
    baselineName: 'the same at n = 1 000',
    baseline: () =>
      enps(small, { method: 'bootstrap', random: createRandom(1), resamples: 10_000 }),
    meets: (median, baseline) => median <= 1.5 * baseline,
  },
];
