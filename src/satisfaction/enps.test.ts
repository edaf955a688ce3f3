import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/createRandom.js';
import { codeOf } from '../internal/testing/codeOf.js';
import { classifyEnps } from './classifyEnps.js';
import { compareEnps, compareEnpsPaired } from './compareEnps.js';
import { type EnpsOptions, enps } from './enps.js';
import { enpsTally, enpsTallyBy, enpsTallyFromCounts } from './enpsTally.js';

const counts = (detractors: number, passives: number, promoters: number) =>
  enpsTallyFromCounts({ detractors, passives, promoters });
/** The reference vectors are on the proportion scale; results are x100. */
const proportion = (value: number | null | undefined) => (value ?? Number.NaN) / 100;

describe('classifyEnps', () => {
  it('puts 6/7 and 8/9 on the right side of the default cut-offs', () => {
    expect([0, 6, 7, 8, 9, 10].map((score) => classifyEnps(score))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('follows configured cut-offs (0-5 / 6-8 / 9-10)', () => {
    expect(classifyEnps(6, { detractorMax: 5 })).toBe('passive');
    expect(classifyEnps(5, { detractorMax: 5 })).toBe('detractor');
  });

  it('refuses 11, -1, 7.5, NaN and invalid cut-offs', () => {
    for (const score of [11, -1, 7.5, Number.NaN])
      expect(codeOf(() => classifyEnps(score))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => classifyEnps(5, { detractorMax: 9, passiveMax: 8 }))).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('enps (reference: shared/reference/nps.md, R package NPS, Rocks 2016)', () => {
  it('reproduces (20, 30, 50): score, SE and the Wald, adjusted Wald and score intervals to 1e-9', () => {
    const tally = counts(20, 30, 50);
    const wald = enps(tally, { method: 'wald' });
    expect(proportion(wald.score)).toBeCloseTo(0.3, 12);
    expect(proportion(wald.standardError)).toBeCloseTo(0.0781024968, 9);
    expect(proportion(wald.interval?.lower)).toBeCloseTo(0.1469219192, 9);
    expect(proportion(wald.interval?.upper)).toBeCloseTo(0.4530780808, 9);
    const adjusted = enps(tally);
    expect(adjusted.interval?.method).toBe('adjusted-wald');
    expect(proportion(adjusted.score)).toBeCloseTo(0.3, 12);
    expect(proportion(adjusted.interval?.lower)).toBeCloseTo(0.1405113018, 9);
    expect(proportion(adjusted.interval?.upper)).toBeCloseTo(0.4420129701, 9);
    const score = enps(tally, { method: 'score' });
    expect(proportion(score.interval?.lower)).toBeCloseTo(0.1395514161, 9);
    expect(proportion(score.interval?.upper)).toBeCloseTo(0.4433930663, 9);
  });

  it('reproduces (1, 2, 3) for all three intervals to 1e-9', () => {
    const tally = counts(1, 2, 3);
    expect(proportion(enps(tally, { method: 'wald' }).standardError)).toBeCloseTo(0.3042903097, 9);
    const wald = enps(tally, { method: 'wald' }).interval;
    expect([proportion(wald?.lower), proportion(wald?.upper)].map((x) => x.toFixed(9))).toEqual([
      '-0.263064715',
      '0.929731381',
    ]);
    const adjusted = enps(tally).interval;
    expect(proportion(adjusted?.lower)).toBeCloseTo(-0.2674325879, 9);
    expect(proportion(adjusted?.upper)).toBeCloseTo(0.7118770324, 9);
    const score = enps(tally, { method: 'score' }).interval;
    expect(proportion(score?.lower)).toBeCloseTo(-0.3110737846, 9);
    expect(proportion(score?.upper)).toBeCloseTo(0.7539566636, 9);
  });

  it('reproduces the Wald interval at 90% and the R package variances', () => {
    const ninety = enps(counts(20, 30, 50), { method: 'wald', level: 0.9 }).interval;
    expect(proportion(ninety?.lower)).toBeCloseTo(0.1715328, 7);
    expect(proportion(ninety?.upper)).toBeCloseTo(0.4284672, 7);
    // R package NPS tests: SE(1,0,1) = 0.707, SE(0,1,1) = 0.354, SE(1,1,1) = 0.471, var(1,0,0) = 0.
    expect(proportion(enps(counts(1, 0, 1)).standardError)).toBeCloseTo(Math.SQRT1_2, 12); // 0.707 in the R package's test
    expect(proportion(enps(counts(0, 1, 1)).standardError)).toBeCloseTo(0.354, 3);
    expect(proportion(enps(counts(1, 1, 1)).standardError)).toBeCloseTo(0.471, 3);
    expect(enps(counts(1, 0, 0)).standardError).toBe(0);
  });

  it('takes a configured scale: 1..15 with detractors <= 6 and passives 7-8 gives NPS 2/30 and var 0.8622', () => {
    const scores = Array.from({ length: 15 }, (_, i) => i + 1);
    const result = enps(scores, {
      cutoffs: { scaleMin: 1, scaleMax: 15, detractorMax: 6, passiveMax: 8 },
    });
    expect(proportion(result.score)).toBeCloseTo(2 / 30, 12);
    expect(proportion(result.standardError) ** 2 * 15).toBeCloseTo(0.8622, 4);
  });

  it('computes eNPS from a 5-point item only with an explicit mapping, as a different statistic', () => {
    const mapped = enps([5, 5, 4, 3, 1], {
      cutoffs: { scaleMin: 1, scaleMax: 5, detractorMax: 3, passiveMax: 4 },
    });
    expect(mapped.score).toBeCloseTo(0, 12);
    expect(enps([5, 5, 4]).score).toBe(-100); // on the default 0-10 scale 5s are detractors: hence the explicit mapping
  });

  it('returns n = 0 and no score, never NaN, for an empty group', () => {
    const empty = enps([]);
    expect(empty).toMatchObject({
      n: 0,
      score: null,
      standardError: null,
      interval: null,
      proportions: null,
    });
    expect(JSON.stringify(empty)).not.toContain('NaN');
  });

  it('refuses bad scores, unknown methods, bad levels and a bootstrap without a seeded random', () => {
    for (const scores of [[11], [-1], [7.5], [Number.NaN]])
      expect(codeOf(() => enps(scores))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => enps([9], { method: 'exact' as 'wald' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => enps([9], { level: 95 }))).toBe('INVALID_OPTION');
    // A type error too (enps.test-d.ts); plain JavaScript callers get the runtime check.
    expect(codeOf(() => enps([9], { method: 'bootstrap' } as EnpsOptions))).toBe('INVALID_OPTION');
    expect(
      codeOf(() => enps([9], { method: 'bootstrap', random: createRandom(1), resamples: 10 })),
    ).toBe('INVALID_OPTION');
  });

  it('warns when n is small', () => {
    expect(enps([9, 9, 3]).warnings).toEqual(['only 3 answers: the interval is rough']);
    expect(enps(counts(20, 30, 50)).warnings).toEqual([]);
  });

  it('gives bootstrap limits within 1 point of the adjusted Wald limits at n = 1000 (seeded, 10 000 resamples)', () => {
    const tally = counts(200, 300, 500);
    const bootstrap = enps(tally, {
      method: 'bootstrap',
      random: createRandom(2026),
      resamples: 10_000,
    });
    const adjusted = enps(tally);
    expect(
      Math.abs((bootstrap.interval?.lower ?? 0) - (adjusted.interval?.lower ?? 99)),
    ).toBeLessThan(1);
    expect(
      Math.abs((bootstrap.interval?.upper ?? 0) - (adjusted.interval?.upper ?? 99)),
    ).toBeLessThan(1);
    expect(bootstrap.standardError).toBeGreaterThan(2);
    expect(enps(tally, { method: 'bootstrap', random: createRandom(2026) })).toEqual(bootstrap);
  });

  it('accepts a tally, raw arrays, typed arrays and iterables alike', () => {
    const scores = [10, 9, 8, 7, 6, 0, 3, 9];
    const expected = enps(scores).score;
    expect(enps(new Uint8Array(scores)).score).toBe(expected);
    expect(enps(new Float64Array(scores)).score).toBe(expected);
    expect(enps(new Set([10, 9, 0]).values()).score).toBeCloseTo(100 / 3, 12);
    expect(enps(enpsTally(scores)).score).toBe(expected);
    expect(
      enpsTallyBy(
        scores.map((score) => ({ score })),
        (row) => row.score,
      ),
    ).toEqual(enpsTally(scores));
  });
});

describe('compareEnps (reference: nps.md two-sample vectors)', () => {
  it('reproduces the Wald comparison of (20,30,50) and (30,30,40)', () => {
    const result = compareEnps(counts(20, 30, 50), counts(30, 30, 40), { method: 'wald' });
    expect(proportion(result.difference)).toBeCloseTo(0.2, 12);
    expect(proportion(result.standardError)).toBeCloseTo(0.1140175425, 9);
    expect(result.z).toBeCloseTo(1.7541160386, 9);
    expect(result.pValue).toBeCloseTo(0.079410626, 9);
    expect(proportion(result.interval?.lower)).toBeCloseTo(-0.0234702769, 9);
    expect(proportion(result.interval?.upper)).toBeCloseTo(0.4234702769, 9);
  });

  it('reproduces the adjusted Wald comparison, centred on the adjusted difference', () => {
    const result = compareEnps(counts(20, 30, 50), counts(30, 30, 40));
    expect(proportion(result.difference)).toBeCloseTo(0.2, 12);
    expect(proportion(result.testedDifference)).toBeCloseTo(0.1941747573, 9);
    expect(proportion(result.standardError)).toBeCloseTo(0.1120891602, 9);
    expect(result.pValue).toBeCloseTo(0.08321586753, 9);
    expect(proportion(result.interval?.lower)).toBeCloseTo(-0.0255159598, 9);
    expect(proportion(result.interval?.upper)).toBeCloseTo(0.4138654744, 9);
  });

  it('is signed: a - b is minus b - a', () => {
    const ab = compareEnps(counts(3, 4, 9), counts(6, 2, 5));
    const ba = compareEnps(counts(6, 2, 5), counts(3, 4, 9));
    expect(ab.difference).toBeCloseTo(-(ba.difference ?? 0), 12);
    expect(ab.pValue).toBeCloseTo(ba.pValue ?? 0, 12);
  });

  it('returns nulls when a group is empty and refuses different cut-offs', () => {
    expect(compareEnps([], [9, 9]).difference).toBeNull();
    expect(
      codeOf(() => compareEnps(enpsTally([9]), enpsTally([9], { cutoffs: { detractorMax: 5 } }))),
    ).toBe('INVALID_INPUT');
  });
});

describe('compareEnpsPaired', () => {
  it('matches R t.test(second, first, paired = TRUE) on the coded answers', () => {
    // R: a <- c(-1,0,1,-1,0,1); b <- c(1,1,1,-1,1,1); t.test(b, a, paired = TRUE)
    //    t = 2, df = 5, p-value = 0.10193947883, 95% CI -0.190193945212 1.523527278545
    const result = compareEnpsPaired([
      [6, 9],
      [7, 9],
      [9, 10],
      [3, 6],
      [8, 9],
      [10, 10],
    ]);
    expect(result.change).toBeCloseTo(200 / 3, 10);
    expect(result.t).toBeCloseTo(2, 12);
    expect(result.degreesOfFreedom).toBe(5);
    expect(result.pValue).toBeCloseTo(0.10193947883, 10);
    expect(proportion(result.interval?.lower)).toBeCloseTo(-0.190193945212, 10);
    expect(proportion(result.interval?.upper)).toBeCloseTo(1.523527278545, 10);
  });

  it('equals eNPS(second) - eNPS(first) and is more certain than the independent test when answers correlate', () => {
    const random = createRandom(9);
    const pairs: [number, number][] = Array.from({ length: 400 }, () => {
      const first = Math.floor(random() * 11);
      const second = Math.min(10, first + (random() < 0.3 ? 1 : 0));
      return [first, second];
    });
    const paired = compareEnpsPaired(pairs);
    const independent = compareEnps(
      pairs.map((pair) => pair[1]),
      pairs.map((pair) => pair[0]),
      { method: 'wald' },
    );
    expect(paired.change).toBeCloseTo(independent.difference ?? Number.NaN, 10);
    expect(paired.standardError ?? 0).toBeLessThan((independent.standardError ?? 0) / 2);
  });

  it('needs two pairs for a test', () => {
    expect(compareEnpsPaired([])).toMatchObject({ n: 0, change: null, pValue: null });
    expect(compareEnpsPaired([[9, 3]])).toMatchObject({ n: 1, change: -200, pValue: null });
  });
});
