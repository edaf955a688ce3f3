import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { expectClose } from '../internal/testing/expectClose.js';
import { cumulativeIncidence } from './cumulativeIncidence.js';
import type { IncidenceFixture } from './fixtures/incidenceFixture.js';
import { kaplanMeier } from './kaplanMeier.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/cumulative-incidence.json', import.meta.url), 'utf8'),
) as IncidenceFixture;

/** The rows of one group. */
function subset<T>(values: readonly T[], groups: readonly string[], group: string): T[] {
  return values.filter((_, i) => groups[i] === group);
}

describe('cumulativeIncidence against R survival 3.5.3 (fixtures/cumulative-incidence.R)', () => {
  it('reads fixtures made with R survival 3.5.3', () => {
    expect(fixture.survival).toBe('3.5.3');
    expect(Object.keys(fixture.sets).length).toBeGreaterThanOrEqual(11);
  });

  for (const [name, set] of Object.entries(fixture.sets)) {
    const call = set.entry === undefined ? 'Surv(time, status)' : 'Surv(entry, time, status)';
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      it(`${name}, ${confType}: survfit(${call} ~ group, conf.type = "${confType}") to 1e-9`, () => {
        for (const [group, want] of Object.entries(set.fits[confType])) {
          const entry = set.entry === undefined ? undefined : subset(set.entry, set.group, group);
          const fit = cumulativeIncidence(
            subset(set.time, set.group, group),
            subset(set.exit, set.group, group),
            { kinds: set.kinds, confType, entry },
          );
          expect(fit.time).toEqual(want.time);
          expect(fit.atRisk).toEqual(want.atRisk);
          expect(fit.censored).toEqual(want.censored);
          const states = [fit.survival, ...fit.incidence];
          ['(s0)', ...set.kinds].forEach((state, s) => {
            const label = `${group} ${state}`;
            const mine = states[s]!;
            const theirs = want.states[state]!;
            expectClose(mine.probability, theirs.probability, 1e-9, label);
            expectClose(mine.standardError, theirs.standardError, 1e-9, label);
            expectClose(mine.lower, theirs.lower, 1e-9, label);
            expectClose(mine.upper, theirs.upper, 1e-9, label);
            if (s > 0) expect(fit.incidence[s - 1]!.events).toEqual(theirs.events);
          });
        }
      });
    }
  }
});

describe('cumulativeIncidence', () => {
  const time = [3, 5, 5, 8, 4, 7, 9, 5, 2];
  const exit = [1, 2, 0, 1, 1, 0, 2, 1, 0];

  it('names the kinds 1 to the largest code without kinds', () => {
    const fit = cumulativeIncidence(time, exit);
    expect(fit.incidence.map((curve) => curve.kind)).toEqual(['1', '2']);
    expect(fit.totalEvents).toBe(6);
    expect(fit.n).toBe(9);
  });

  it('gives a flat zero curve to a kind nobody had', () => {
    const fit = cumulativeIncidence(time, exit, { kinds: ['a', 'b', 'c'] });
    expect(fit.incidence[2]!.probability.every((p) => p === 0)).toBe(true);
    expect(fit.incidence[2]!.standardError.every((se) => se === 0)).toBe(true);
  });

  it('accepts typed arrays and does not depend on the order of observations', () => {
    const order = [4, 8, 0, 2, 7, 1, 6, 3, 5];
    const plain = cumulativeIncidence(time, exit);
    const shuffled = cumulativeIncidence(
      Float64Array.from(order, (i) => time[i]!),
      Uint8Array.from(order, (i) => exit[i]!),
    );
    expect(shuffled).toEqual(plain);
  });

  it('does not mutate its input', () => {
    const times = [...time];
    const exits = [...exit];
    cumulativeIncidence(times, exits, { entry: [0, 0, 2, 4, 1, 0, 6, 0, 0] });
    expect(times).toEqual(time);
    expect(exits).toEqual(exit);
  });

  it('gives an empty table for no observations', () => {
    const fit = cumulativeIncidence([], [], { kinds: ['voluntary'] });
    expect(fit.time).toEqual([]);
    expect(fit.incidence[0]!.probability).toEqual([]);
  });

  it('refuses malformed input with a clear code', () => {
    expect(codeOf(() => cumulativeIncidence([1, 2], [1]))).toBe('INVALID_INPUT');
    expect(codeOf(() => cumulativeIncidence([1, -2], [1, 0]))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0.5]))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 3], { kinds: ['a', 'b'] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0], { entry: [0, 2] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0], { entry: [0] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0], { kinds: ['a', 'a'] }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0], { level: 1.5 }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => cumulativeIncidence([1, 2], [1, 0], { entri: [0, 0] } as never))).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('cumulativeIncidence: why not 1 - Kaplan-Meier with the other exits censored (README)', () => {
  // 10 hires: 4 dismissed in months 1-4, 2 quit in months 6 and 8, 4 still employed at month 12.
  const months = [1, 2, 3, 4, 6, 8, 12, 12, 12, 12];
  const exits = [2, 2, 2, 2, 1, 1, 0, 0, 0, 0];

  it('gives the share who quit, 2 in 10, where 1 - KM of quits says 1/3', () => {
    const fit = cumulativeIncidence(months, exits, { kinds: ['voluntary', 'involuntary'] });
    // F(6) = S(4) x 1/6 = 0.6 / 6; F(8) = F(6) + S(6) x 1/5 = 0.1 + 0.5 / 5.
    expect(fit.incidence[0]!.probability.at(-1)).toBeCloseTo(0.2, 15);
    expect(fit.incidence[1]!.probability.at(-1)).toBeCloseTo(0.4, 15);
    const quits = exits.map((exit) => (exit === 1 ? 1 : 0));
    const naive = 1 - kaplanMeier(months, quits).survival.at(-1)!;
    expect(naive).toBeCloseTo(1 - (5 / 6) * (4 / 5), 15);
    expect(naive / fit.incidence[0]!.probability.at(-1)!).toBeCloseTo(5 / 3, 12);
  });
});
