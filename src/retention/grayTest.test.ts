import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { expectClose } from '../internal/testing/expectClose.js';
import { cumulativeIncidence } from './cumulativeIncidence.js';
import type { IncidenceFixture } from './fixtures/incidenceFixture.js';
import { grayTest } from './grayTest.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/cumulative-incidence.json', import.meta.url), 'utf8'),
) as IncidenceFixture;
const cases = Object.entries(fixture.sets).filter(([, set]) => set.cuminc !== undefined);

describe('grayTest against R cmprsk 2.2-11 cuminc (fixtures/cumulative-incidence.R)', () => {
  it('reads fixtures made with cmprsk 2.2.11 on at least five data sets', () => {
    expect(fixture.cmprsk).toBe('2.2.11');
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, set] of cases) {
    const reference = set.cuminc!;
    it(`${name}: $Tests (statistic, p-value, df) to 1e-9`, () => {
      const result = grayTest(set.time, set.exit, set.group, { kinds: set.kinds });
      const codes = Object.keys(reference.tests);
      expect(result.tests.map((test) => test.kind)).toEqual(
        codes.map((code) => set.kinds[Number(code) - 1]),
      );
      result.tests.forEach((test, i) => {
        const want = reference.tests[codes[i]!]!;
        expectClose([test.statistic], [want.statistic], 1e-9 * Math.max(1, want.statistic));
        expectClose([test.pValue], [want.pValue]);
        expect(test.degreesOfFreedom).toBe(want.df);
      });
    });

    it(`${name}: each group's est and var at the times of the kind, to 1e-9`, () => {
      const result = grayTest(set.time, set.exit, set.group, { kinds: set.kinds });
      expect(result.curves.length).toBe(Object.keys(reference.curves).length);
      for (const curve of result.curves) {
        const code = set.kinds.indexOf(curve.kind) + 1;
        const want = reference.curves[`${curve.group} ${code}`]!;
        // cuminc's step corners: 0, then (t, F before) and (t, F after) per time, then the last time.
        const corners = (values: number[]) => values.filter((_, i) => i > 0 && i % 2 === 0);
        const last = want.time.length - 1;
        expect(curve.time).toEqual(corners(want.time.slice(0, last)));
        expectClose(curve.estimate, corners(want.est.slice(0, last)), 1e-9, curve.group);
        expectClose(curve.variance, corners(want.var.slice(0, last)), 1e-9, curve.group);
      }
    });
  }

  it('has the estimates of cumulativeIncidence, but its own variances', () => {
    const set = fixture.sets.ties!;
    const gray = grayTest(set.time, set.exit, set.group, { kinds: set.kinds });
    const rows = set.group.map((g, i) => (g === 'x' ? i : -1)).filter((i) => i >= 0);
    const aj = cumulativeIncidence(
      rows.map((i) => set.time[i]!),
      rows.map((i) => set.exit[i]!),
      { kinds: set.kinds },
    );
    const curve = gray.curves.find((c) => c.group === 'x' && c.kind === 'voluntary')!;
    const at = curve.time.map((t) => aj.time.indexOf(t));
    expectClose(
      curve.estimate,
      at.map((row) => aj.incidence[0]!.probability[row]!),
      1e-12,
    );
    const jackknife = at.map((row) => aj.incidence[0]!.standardError[row]! ** 2);
    expect(curve.variance.some((v, i) => Math.abs(v - jackknife[i]!) > 1e-7)).toBe(true);
  });
});

describe('grayTest', () => {
  const time = [3, 5, 5, 8, 4, 7, 9, 5, 2];
  const exit = [1, 2, 0, 1, 1, 0, 2, 1, 0];
  const group = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a'];

  it('refuses entry times with a message that says why', () => {
    expect(codeOf(() => grayTest(time, exit, group, { entry: time.map(() => 0) as never }))).toBe(
      'INVALID_OPTION',
    );
    expect(() => grayTest(time, exit, group, { entry: [0] as never })).toThrow(/late entry/);
  });

  it('gives curves but no test for one group, with a warning', () => {
    const result = grayTest(
      time,
      exit,
      time.map(() => 'all'),
    );
    expect(result.tests).toEqual([]);
    expect(result.curves.length).toBe(2);
    expect(result.warnings[0]).toMatch(/nothing to test/);
  });

  it('does not depend on the order of observations or the order of the groups', () => {
    const order = [4, 8, 0, 2, 7, 1, 6, 3, 5];
    const a = grayTest(time, exit, group);
    const b = grayTest(
      order.map((i) => time[i]!),
      order.map((i) => exit[i]!),
      order.map((i) => (group[i] === 'a' ? 'z' : 'b')),
    );
    expectClose(
      b.tests.map((t) => t.statistic),
      a.tests.map((t) => t.statistic),
      1e-12,
    );
  });

  it('sums over strata: one stratum per group leaves nothing to compare', () => {
    const result = grayTest(time, exit, group, { strata: group });
    expect(result.tests.map((t) => t.statistic)).toEqual([null, null]);
    expect(result.warnings.length).toBe(2);
  });

  it('refuses malformed input', () => {
    expect(codeOf(() => grayTest(time, exit, group.slice(1)))).toBe('INVALID_INPUT');
    expect(codeOf(() => grayTest(time, exit, group, { rho: -1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => grayTest(time, exit, group, { strata: [1] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => grayTest([1, Number.NaN], [1, 0], ['a', 'b']))).toBe('OUT_OF_RANGE');
  });
});
