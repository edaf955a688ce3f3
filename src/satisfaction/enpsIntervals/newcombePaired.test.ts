import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enps } from '../enps.js';
import { enpsTallyFromCounts } from '../enpsTally.js';
import { newcombePairedDifference } from './newcombePaired.js';

/**
 * R values: `Rscript src/satisfaction/fixtures/newcombe-paired.R` (R 4.2.2, base R), which writes
 * Newcombe's formula out (Wilson limits checked against `prop.test(correct = FALSE)`); compared to
 * 1e-12. Published values are compared to the decimals they are printed with.
 */
const R = 1e-12;

const counts = (detractors: number, passives: number, promoters: number) =>
  enpsTallyFromCounts({ detractors, passives, promoters });

/** The eNPS interval on the proportion scale, as R prints it. */
function limits(tally: ReturnType<typeof counts>, level = 0.95): [number, number] {
  const interval = enps(tally, { method: 'newcombe-paired', level }).interval;
  return [(interval?.lower ?? Number.NaN) / 100, (interval?.upper ?? Number.NaN) / 100];
}

function expectWithin(actual: readonly number[], expected: readonly number[], tolerance: number) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => {
    expect(Math.abs(value - expected[index]!), `limit ${index}: ${value}`).toBeLessThan(tolerance);
  });
}

describe('newcombePairedDifference (Newcombe 1998, method 10)', () => {
  it("reproduces the paper's example (a, b, c, d) = (20, 12, 2, 16): 0.0562 to 0.3292", () => {
    // Newcombe RG (1998), Stat Med 17:2635-2650, method 10 for this table, printed to 4 decimals
    // (as reproduced in the tests of the R package ratesci, tests/testthat/test3.R, "against
    // Newcombe's method 10 result"); R script line "newcombe1998 (20,12,2,16) method 10".
    const { lower, upper } = newcombePairedDifference(20, 12, 2, 16, 0.95);
    expect(lower).toBeCloseTo(0.0562, 4);
    expect(upper).toBeCloseTo(0.3292, 4);
    expectWithin([lower, upper], [0.05615642484174832, 0.32920699540014048], R);
  });

  it('corrects phi as method 10 does (the uncorrected phi gives 0.0618 to 0.3242 instead)', () => {
    // R script line "newcombe1998 (20,12,2,16) uncorrected phi": the rule that is not the paper's.
    const { lower, upper } = newcombePairedDifference(20, 12, 2, 16, 0.95);
    expect(Math.abs(lower - 0.061804758234899532)).toBeGreaterThan(1e-3);
    expect(Math.abs(upper - 0.32416229313905565)).toBeGreaterThan(1e-3);
  });

  it('reproduces the published paired examples of Fagerland, Lydersen and Laake', () => {
    // Bentur et al. 2009, (1, 1, 7, 12): -0.507 to -0.026 (Fagerland, Lydersen & Laake 2014, Stat
    // Med 33:2850, Newcombe's method 10; also in ratesci's tests); R script line "fagerland2014".
    const bentur = newcombePairedDifference(1, 1, 7, 12, 0.95);
    expect(bentur.lower).toBeCloseTo(-0.507, 3);
    expect(bentur.upper).toBeCloseTo(-0.026, 3);
    expectWithin([bentur.lower, bentur.upper], [-0.5069202266861409, -0.025559124164859892], R);
    // Cavo et al. 2012, (59, 6, 16, 80): -0.1186 to -0.0046 (Fagerland, Lydersen & Laake 2017,
    // "Statistical Analysis of Contingency Tables", chapter 8; the R package contingencytables'
    // tests/testthat/test-ch8.R, Newcombe_square_and_add_CI_paired_2x2); R script line "fagerland2017".
    const cavo = newcombePairedDifference(59, 6, 16, 80, 0.95);
    expect(cavo.lower).toBeCloseTo(-0.1186, 4);
    expect(cavo.upper).toBeCloseTo(-0.0046, 4);
    expectWithin([cavo.lower, cavo.upper], [-0.11862119563870993, -0.004625113933050061], R);
  });
});

describe("enps with method 'newcombe-paired' (promoters and detractors as the discordant cells)", () => {
  it('matches the R script on eNPS tallies to 1e-12', () => {
    // R script lines "enps (d,p,r)": newcombe10(0, promoters, detractors, passives).
    expectWithin(limits(counts(20, 30, 50)), [0.13974532728908373, 0.44176156098898134], R);
    expectWithin(limits(counts(1, 2, 3)), [-0.27159666411880812, 0.72629278496098981], R);
    expectWithin(limits(counts(200, 300, 500)), [0.25070328322867924, 0.34738562556701774], R);
    expectWithin(limits(counts(3, 0, 7)), [-0.20644370507770909, 0.78441746518739786], R);
  });

  it('matches the R script at a 90% level', () => {
    // R script line "enps (20,30,50) level 0.9".
    expectWithin(limits(counts(20, 30, 50), 0.9), [0.16617961956399693, 0.42065580884343801], R);
  });

  it('takes phi = 0 when a margin is 0: all promoters, all detractors, all passives', () => {
    // R script lines "all promoters", "all detractors", "all passives".
    expectWithin(limits(counts(0, 0, 5)), [0.38554900569034378, 1], R);
    expectWithin(limits(counts(4, 0, 0)), [-1, -0.30718973500360869], R);
    expectWithin(limits(counts(0, 3, 0)), [-0.56149703175504539, 0.56149703175504539], R);
  });

  it("reports the method, the raw score and Rocks' standard error", () => {
    const result = enps(counts(20, 30, 50), { method: 'newcombe-paired' });
    const wald = enps(counts(20, 30, 50), { method: 'wald' });
    expect(result.interval?.method).toBe('newcombe-paired');
    expect(result.score).toBe(wald.score);
    expect(result.standardError).toBe(wald.standardError);
  });

  it('stays within -100..100 and holds the score, for any tally (property)', () => {
    const count = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(count, count, count, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (d, p, r, level) => {
        fc.pre(d + p + r > 0);
        const result = enps(counts(d, p, r), { method: 'newcombe-paired', level });
        const { lower, upper } = result.interval!;
        expect(lower).toBeGreaterThanOrEqual(-100);
        expect(upper).toBeLessThanOrEqual(100);
        expect(lower).toBeLessThanOrEqual(result.score! + 1e-9);
        expect(upper).toBeGreaterThanOrEqual(result.score! - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
