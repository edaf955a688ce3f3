import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulate, evaluate, type WorkingMatrix } from './workingMatrix.js';

// accumulate and evaluate sum X'WX in 3 x 3 tiles over blocks of 256 rows, with k padded to a
// multiple of 3 and one log per block for the deviance. The reference here is the textbook loop:
// the standardised design row by row, each product summed on its own, log1p per row. Sizes cross
// block ends (up to 700 rows) and every k from 1 to 8 (padding 0, 1 and 2).

const problem = fc
  .record({
    m: fc.integer({ min: 1, max: 700 }),
    k: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer(),
    subset: fc.boolean(),
    excluded: fc.boolean(),
  })
  .map(({ m, k, seed, subset, excluded }) => {
    let state = seed >>> 0 || 1;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const total = subset ? m + 50 : m;
    const sources = Array.from({ length: k - 1 }, (_, c) =>
      c % 2 === 0
        ? Float64Array.from({ length: total }, () => (random() - 0.5) * 40)
        : Uint8Array.from({ length: total }, () => (random() < 0.3 ? 1 : 0)),
    );
    const picked = subset
      ? Int32Array.from(
          Array.from({ length: total }, (_, i) => i)
            .sort(() => random() - 0.5)
            .slice(0, m)
            .sort((a, b) => a - b),
        )
      : null;
    const x: WorkingMatrix = {
      m,
      k,
      sources,
      rows: picked,
      center: Float64Array.from({ length: k - 1 }, () => random() * 3),
      scale: Float64Array.from({ length: k - 1 }, () => 0.5 + random() * 4),
    };
    const y = Uint8Array.from({ length: m }, () => (random() < 0.4 ? 1 : 0));
    const exclude = excluded
      ? Uint8Array.from({ length: m }, () => (random() < 0.1 ? 1 : 0))
      : null;
    const mu = Float64Array.from({ length: m }, () => 0.01 + 0.98 * random());
    const eta = Float64Array.from({ length: m }, () => (random() - 0.5) * 6);
    const gamma = Float64Array.from({ length: k }, () => (random() - 0.5) * 2);
    return { x, y, exclude, mu, eta, gamma };
  });

/** Row i of the standardised design (intercept first). */
function designRow(x: WorkingMatrix, i: number): number[] {
  const source = x.rows === null ? i : x.rows[i]!;
  return [1, ...x.sources.map((column, c) => (column[source]! - x.center[c]!) / x.scale[c]!)];
}

function textbook(
  x: WorkingMatrix,
  w: (i: number) => number,
  z: (i: number) => number,
): { a: number[]; b: number[] } {
  const a = new Array<number>(x.k * x.k).fill(0);
  const b = new Array<number>(x.k).fill(0);
  for (let i = 0; i < x.m; i++) {
    const row = designRow(x, i);
    for (let j = 0; j < x.k; j++) {
      b[j]! += row[j]! * z(i);
      for (let l = 0; l < x.k; l++) a[j * x.k + l]! += row[j]! * w(i) * row[l]!;
    }
  }
  return { a, b };
}

function close(actual: ArrayLike<number>, expected: readonly number[]): void {
  const scale = Math.max(1, ...expected.map(Math.abs));
  expect(actual.length).toBe(expected.length);
  for (let index = 0; index < expected.length; index++) {
    expect(Math.abs(actual[index]! - expected[index]!)).toBeLessThan(1e-10 * scale);
  }
}

describe('workingMatrix', () => {
  it("accumulate gives the textbook X'WX and X'Wz", () => {
    fc.assert(
      fc.property(problem, ({ x, y, exclude, mu, eta }) => {
        const a = new Float64Array(x.k * x.k);
        const b = new Float64Array(x.k);
        accumulate(x, { mu, eta, y, exclude }, a, b);
        const off = (i: number) => exclude !== null && exclude[i] === 1;
        const w = (i: number) => (off(i) ? 0 : mu[i]! * (1 - mu[i]!));
        const z = (i: number) => (off(i) ? 0 : w(i) * eta[i]! + (y[i]! - mu[i]!));
        const expected = textbook(x, w, z);
        close(a, expected.a);
        close(b, expected.b);
        // Without weights: X'X.
        accumulate(x, { mu: null, eta: null, y: null, exclude }, a, null);
        close(
          a,
          textbook(
            x,
            (i) => (off(i) ? 0 : 1),
            () => 0,
          ).a,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("evaluate gives eta = X gamma, the logistic mu, the deviance and X'WX, X'Wz at them", () => {
    fc.assert(
      fc.property(problem, ({ x, y, exclude, gamma }) => {
        const eta = new Float64Array(x.m);
        const mu = new Float64Array(x.m);
        const a = new Float64Array(x.k * x.k);
        const b = new Float64Array(x.k);
        const deviance = evaluate(x, gamma, y, exclude, eta, mu, a, b);
        const etaExpected = Array.from({ length: x.m }, (_, i) =>
          designRow(x, i).reduce((sum, value, j) => sum + value * gamma[j]!, 0),
        );
        close(eta, etaExpected);
        const muExpected = etaExpected.map((e) => 1 / (1 + Math.exp(-e)));
        close(mu, muExpected);
        // Every row counts in the deviance, excluded or not.
        let devianceExpected = 0;
        for (let i = 0; i < x.m; i++) {
          const s = y[i] === 1 ? -etaExpected[i]! : etaExpected[i]!;
          devianceExpected += 2 * (Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))));
        }
        // About 2e-16 per row from one log per block: relative to the deviance, or to 1 when tiny.
        expect(Math.abs(deviance - devianceExpected)).toBeLessThan(
          1e-10 * Math.max(devianceExpected, 1),
        );
        const off = (i: number) => exclude !== null && exclude[i] === 1;
        const w = (i: number) => (off(i) ? 0 : muExpected[i]! * (1 - muExpected[i]!));
        const z = (i: number) => (off(i) ? 0 : w(i) * etaExpected[i]! + (y[i]! - muExpected[i]!));
        const expected = textbook(x, w, z);
        close(a, expected.a);
        close(b, expected.b);
      }),
      { numRuns: 300 },
    );
  });
});
