import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { type ConfidenceType, type KaplanMeierResult, kaplanMeier } from './kaplanMeier.js';
import { kmMedian, kmQuantile } from './kmQuantile.js';
import { survivalAt } from './survivalAt.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isInternalCustomerError(error) ? error.code : String(error);
  }
  return undefined;
}

/** Absolute difference within 1e-9, with null (R NA) matching only null. */
function expectClose(actual: readonly (number | null)[], expected: readonly (number | null)[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i];
    if (want === null || want === undefined) {
      expect(value, `entry ${i}`).toBeNull();
    } else {
      expect(value, `entry ${i}`).not.toBeNull();
      expect(Math.abs((value as number) - want), `entry ${i}: ${value} vs ${want}`).toBeLessThan(
        1e-9,
      );
    }
  });
}

// kaplan-meier.md: R `survfit(Surv(time, status) ~ 1)`, printed to 10 decimals.
const TIME = [3, 5, 5, 8, 8, 8, 12, 12, 15, 18, 20, 24, 24, 30, 36];
const STATUS = [1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0];
const REFERENCE = {
  time: [3, 5, 8, 12, 15, 18, 20, 24, 30, 36],
  atRisk: [15, 14, 12, 9, 7, 6, 5, 4, 2, 1],
  events: [1, 1, 2, 1, 0, 1, 0, 2, 0, 0],
  censored: [0, 1, 1, 1, 1, 0, 1, 0, 1, 1],
  survival: [0.9333333333, 0.8666666667, 0.7222222222, 0.6419753086, 0.5349794239, 0.2674897119],
  sigma: [0.0690065559, 0.1012739367, 0.1640825308, 0.2020197164, 0.2722963443, 0.5693375968],
  standardError: [0.0644061189, 0.0877707451, 0.11850405, 0.1296916698, 0.1456729414, 0.1522919498],
  log: {
    lower: [0.8152640457, 0.7106365849, 0.5236047091, 0.4320746934, 0.3137314164, 0.0876367053],
    upper: [1, 1, 0.9961807624, 0.9538450255, 0.9122547791, 0.8164472378],
  },
  'log-log': {
    lower: [0.6126412438, 0.5639120057, 0.4171751699, 0.3386060336, 0.2303436835, 0.0462555066],
    upper: [0.9903322367, 0.9648844959, 0.8859168082, 0.8341095577, 0.7660490641, 0.5679291112],
  },
  plain: {
    lower: [0.80709966, 0.6946391673, 0.4899585521, 0.3877843068, 0.2494657052, 0],
    upper: [1, 1, 0.9544858923, 0.8961663105, 0.8204931426, 0.5659764486],
  },
} as const;
/** The table rows "as at" an earlier row: 15 as 12, 20 as 18, 30 and 36 as 24. */
const EXPAND = [0, 1, 2, 3, 3, 4, 4, 5, 5, 5];
const expand = (values: readonly number[]) => EXPAND.map((i) => values[i]!);

describe('kaplanMeier: the kaplan-meier.md reference table', () => {
  for (const confType of ['log', 'log-log', 'plain'] as const) {
    it(`reproduces R survfit(Surv(time, status) ~ 1, conf.type = "${confType}") to 1e-9`, () => {
      const km = kaplanMeier(TIME, STATUS, { confType });
      expect(km.time).toEqual(REFERENCE.time);
      expect(km.atRisk).toEqual(REFERENCE.atRisk);
      expect(km.events).toEqual(REFERENCE.events);
      expect(km.censored).toEqual(REFERENCE.censored);
      expectClose(km.survival, expand(REFERENCE.survival));
      expectClose(km.sigma, expand(REFERENCE.sigma));
      expectClose(km.standardError, expand(REFERENCE.standardError));
      expectClose(km.lower, expand(REFERENCE[confType].lower));
      expectClose(km.upper, expand(REFERENCE[confType].upper));
      expect(km).toMatchObject({ n: 15, totalEvents: 8, confType, level: 0.95 });
    });
  }

  it('gives the medians of print(survfit(...)): log 24 (12, NA), log-log and plain 24 (8, NA)', () => {
    const lowers = { log: 12, 'log-log': 8, plain: 8 };
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      expect(kmMedian(kaplanMeier(TIME, STATUS, { confType }))).toEqual({
        probability: 0.5,
        quantile: 24,
        lower: lowers[confType],
        upper: null,
      });
    }
  });

  it('gives the quantiles of quantile(fit, c(0.25, 0.5, 0.75)): 8, 24, none', () => {
    const km = kaplanMeier(TIME, STATUS);
    expect([0.25, 0.5, 0.75].map((p) => kmQuantile(km, p).quantile)).toEqual([8, 24, null]);
  });

  it('gives 12-month retention S(12) = 0.6419753086, first-year attrition 35.8%', () => {
    const at12 = survivalAt(kaplanMeier(TIME, STATUS), 12);
    expect(at12.survival).toBeCloseTo(0.6419753086, 9);
    expect(1 - at12.survival).toBeCloseTo(0.358, 3);
  });
});

interface FixtureFit {
  time: number[];
  atRisk: number[];
  events: number[];
  censored: number[];
  survival: number[];
  sigma: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  quantiles: {
    probs: number[];
    quantile: (number | null)[];
    lower: (number | null)[];
    upper: (number | null)[];
  };
  at: {
    times: number[];
    survival: number[];
    lower: (number | null)[];
    upper: (number | null)[];
    atRisk: number[];
  };
}
interface Fixture {
  r: string;
  survival: string;
  sets: Record<
    string,
    {
      entry?: number[];
      time: number[];
      status: number[];
      fits: Record<ConfidenceType, FixtureFit>;
    }
  >;
}
const readFixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;
const fixture = readFixture('km-ties');
const entryFixture = readFixture('km-entry');

describe.each([
  { file: 'km-ties', data: fixture, sets: 9, call: 'Surv(time, status)' },
  { file: 'km-entry', data: entryFixture, sets: 6, call: 'Surv(entry, time, status)' },
])(
  'kaplanMeier against R survival 3.5.3 on generated data (fixtures/$file.R)',
  ({ data, sets, call }) => {
    it('reads fixtures made with R survival 3.5.3', () => {
      expect(data.survival).toBe('3.5.3');
      expect(Object.keys(data.sets).length).toBeGreaterThanOrEqual(sets);
    });

    for (const [name, set] of Object.entries(data.sets)) {
      const options = set.entry === undefined ? {} : { entry: set.entry };
      for (const confType of ['log', 'log-log', 'plain'] as const) {
        const want = set.fits[confType];
        it(`${name}, ${confType}: survfit(${call} ~ 1, conf.type = "${confType}") to 1e-9`, () => {
          const km = kaplanMeier(set.time, set.status, { confType, ...options });
          expect(km.time).toEqual(want.time);
          expect(km.atRisk).toEqual(want.atRisk);
          expect(km.events).toEqual(want.events);
          expect(km.censored).toEqual(want.censored);
          expectClose(km.survival, want.survival);
          // R's std.err is Inf once everyone at risk has the event; the JSON carries it as null.
          expectClose(
            km.sigma.map((value) => (value === Number.POSITIVE_INFINITY ? null : value)),
            want.sigma,
          );
          expectClose(km.lower, want.lower);
          expectClose(km.upper, want.upper);
        });

        it(`${name}, ${confType}: quantile(fit, probs) with limits, and summary(fit, times, extend = TRUE)`, () => {
          const km = kaplanMeier(set.time, set.status, { confType, ...options });
          const quantiles = want.quantiles.probs.map((p) => kmQuantile(km, p));
          for (const column of ['quantile', 'lower', 'upper'] as const) {
            expectClose(
              quantiles.map((q) => q[column]),
              want.quantiles[column],
            );
          }
          const at = want.at.times.map((t) => survivalAt(km, t));
          for (const column of ['survival', 'lower', 'upper'] as const) {
            expectClose(
              at.map((row) => row[column]),
              want.at[column],
            );
          }
          expect(at.map((row) => row.atRisk)).toEqual(want.at.atRisk);
        });
      }
    }
  },
);

describe('kaplanMeier', () => {
  it('accepts typed arrays and gives the same table as plain arrays', () => {
    const set = fixture.sets['ties-heavy']!;
    const plain = kaplanMeier(set.time, set.status);
    expect(kaplanMeier(Float64Array.from(set.time), Uint8Array.from(set.status))).toEqual(plain);
    expect(kaplanMeier(Int32Array.from(set.time), Float64Array.from(set.status))).toEqual(plain);
  });

  it('gives the same table by counting whole times and by sorting fractional ones', () => {
    const set = fixture.sets['tenure-days']!;
    const counted = kaplanMeier(set.time, set.status);
    const sorted = kaplanMeier(
      set.time.map((t) => t + 0.5),
      set.status,
    );
    expect(sorted.time).toEqual(counted.time.map((t) => t + 0.5));
    const { time: _a, ...rest } = counted;
    const { time: _b, ...restSorted } = sorted;
    expect(restSorted).toEqual(rest);
    // Whole times spread too widely for counting take the sorting path and agree too.
    const spread = kaplanMeier(
      set.time.map((t) => t * 1_000_000),
      set.status,
    );
    expect(spread.survival).toEqual(counted.survival);
  });

  it('gives the same table with entry times by counting whole times and by sorting fractional ones', () => {
    const set = entryFixture.sets['tenure-days']!;
    const counted = kaplanMeier(set.time, set.status, { entry: set.entry! });
    const sorted = kaplanMeier(
      set.time.map((t) => t * 1_000_000),
      set.status,
      { entry: set.entry!.map((t) => t * 1_000_000) },
    );
    expect(sorted.atRisk).toEqual(counted.atRisk);
    expect(sorted.survival).toEqual(counted.survival);
  });

  it('gives the table without entry times when every entry is 0', () => {
    const set = fixture.sets['ties-heavy']!;
    const positive = set.time.map((t) => t + 1);
    expect(kaplanMeier(positive, set.status, { entry: positive.map(() => 0) })).toEqual(
      kaplanMeier(positive, set.status),
    );
  });

  it('throws for entry times that are not below their time or not one per time', () => {
    expect(codeOf(() => kaplanMeier([3, 5], [1, 0], { entry: [0, 5] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kaplanMeier([3, 5], [1, 0], { entry: [-1, 0] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kaplanMeier([3, 5], [1, 0], { entry: [Number.NaN, 0] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => kaplanMeier([3, 5], [1, 0], { entry: [0] }))).toBe('INVALID_INPUT');
  });

  it('counts events before censorings at a tie (those censored at t are at risk at t)', () => {
    const km = kaplanMeier([5, 5, 5, 7], [1, 0, 0, 1]);
    expect(km.atRisk).toEqual([4, 1]);
    expect(km.survival).toEqual([0.75, 0]);
  });

  it('returns an empty table for no observations, without NaN', () => {
    const km = kaplanMeier([], []);
    expect(km).toMatchObject({ n: 0, totalEvents: 0, time: [], survival: [] });
    expect(kmMedian(km)).toEqual({ probability: 0.5, quantile: null, lower: null, upper: null });
    expect(survivalAt(km, 3)).toMatchObject({ survival: 1, afterLastTime: true });
  });

  it('does not mutate its inputs', () => {
    const times = [8, 3, 5];
    const events = [1, 0, 1];
    kaplanMeier(times, events);
    kaplanMeier(
      times.map((t) => t + 0.25),
      events,
    );
    expect(times).toEqual([8, 3, 5]);
    expect(events).toEqual([1, 0, 1]);
  });

  it('treats -0 as 0', () => {
    expect(kaplanMeier([-0, 0, 1.5], [1, 0, 1]).time).toEqual([0, 1.5]);
  });

  it('throws OUT_OF_RANGE for negative, NaN and infinite times and events other than 0/1', () => {
    for (const time of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => kaplanMeier([1, time], [1, 0]))).toBe('OUT_OF_RANGE');
    }
    for (const event of [2, -1, 0.5, Number.NaN]) {
      expect(codeOf(() => kaplanMeier([1, 2], [1, event]))).toBe('OUT_OF_RANGE');
    }
  });

  it('throws INVALID_INPUT for arrays of different lengths or no arrays', () => {
    expect(codeOf(() => kaplanMeier([1, 2], [1]))).toBe('INVALID_INPUT');
    expect(codeOf(() => kaplanMeier(null as unknown as number[], []))).toBe('INVALID_INPUT');
  });

  it('throws INVALID_OPTION for an unknown interval type or a level outside (0, 1)', () => {
    expect(
      codeOf(() => kaplanMeier([1], [1], { confType: 'logit' as unknown as ConfidenceType })),
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => kaplanMeier([1], [1], { level: 1 }))).toBe('INVALID_OPTION');
  });

  it('uses the level asked for: 90% limits are inside 95% limits', () => {
    const wide = kaplanMeier(TIME, STATUS);
    const narrow = kaplanMeier(TIME, STATUS, { level: 0.9 });
    narrow.lower.forEach((value, i) => {
      expect(value!).toBeGreaterThanOrEqual(wide.lower[i]!);
    });
  });
});

describe('kmQuantile', () => {
  it('takes the midpoint of a stretch where S is exactly 1 - p (R quantile.survfit)', () => {
    // S = 0.5 from 3 up to 5: R quantile(survfit(Surv(1:6, c(1, 1, 1, 0, 1, 1)) ~ 1), 0.5) is 4.
    expect(kmQuantile(kaplanMeier([1, 2, 3, 4, 5, 6], [1, 1, 1, 0, 1, 1]), 0.5).quantile).toBe(4);
    // S = 0.5 from 2 to the last time 4: the midpoint of 2 and 4.
    expect(kmQuantile(kaplanMeier([1, 2, 3, 4], [1, 1, 0, 0]), 0.5).quantile).toBe(3);
  });

  it('throws OUT_OF_RANGE for p outside [0, 1]', () => {
    const km = kaplanMeier(TIME, STATUS);
    for (const p of [-0.1, 1.1, Number.NaN])
      expect(codeOf(() => kmQuantile(km, p))).toBe('OUT_OF_RANGE');
  });
});

describe('survivalAt', () => {
  it('is right-continuous: at an event time S already includes its events', () => {
    const km: KaplanMeierResult = kaplanMeier(TIME, STATUS);
    expect(survivalAt(km, 8).survival).toBeCloseTo(0.7222222222, 9);
    expect(survivalAt(km, 7.999).survival).toBeCloseTo(0.8666666667, 9);
    expect(survivalAt(km, 2)).toMatchObject({ survival: 1, lower: 1, upper: 1, atRisk: 15 });
    expect(survivalAt(km, 40)).toMatchObject({ afterLastTime: true, atRisk: 0 });
  });

  it('throws OUT_OF_RANGE for a negative or NaN time', () => {
    const km = kaplanMeier(TIME, STATUS);
    expect(codeOf(() => survivalAt(km, -1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => survivalAt(km, Number.NaN))).toBe('OUT_OF_RANGE');
  });
});
