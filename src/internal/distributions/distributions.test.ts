/**
 * The distributions against values computed at 50 digits with mpmath (fixtures/reference.py
 * writes fixtures/reference.json): every CDF and quantile, lower and upper tails, to 1e-12
 * relative, on a grid that reaches 1e-300 and 1e300.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../core/createRandom.js';
import { isInternalCustomerError } from '../../core/errors.js';
import {
  betaCdf,
  betaQuantile,
  binomialDraw,
  chiSquareCdf,
  chiSquareQuantile,
  gammaCdf,
  gammaQuantile,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
} from './index.js';
import { work } from './solve.js';

interface ReferenceCase {
  /** Numbers, or the string 'Infinity' (JSON has no infinity). */
  readonly args: readonly (number | string)[];
  readonly tail: 'lower' | 'upper';
  readonly value: string;
}

const reference = JSON.parse(
  readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8'),
) as { cases: Record<string, ReferenceCase[]> };

const functions: Record<string, (args: readonly number[], upper: boolean) => number> = {
  normalCdf: ([x], upper) => normalCdf(x!, upper),
  normalQuantile: ([p], upper) => normalQuantile(p!, upper),
  gammaCdf: ([x, a], upper) => gammaCdf(x!, a!, upper),
  gammaQuantile: ([p, a], upper) => gammaQuantile(p!, a!, upper),
  chiSquareCdf: ([x, k], upper) => chiSquareCdf(x!, k!, upper),
  chiSquareQuantile: ([p, k], upper) => chiSquareQuantile(p!, k!, upper),
  betaCdf: ([x, a, b], upper) => betaCdf(x!, a!, b!, upper),
  betaQuantile: ([p, a, b], upper) => betaQuantile(p!, a!, b!, upper),
  tCdf: ([t, nu], upper) => tCdf(t!, nu!, upper),
  tQuantile: ([p, nu], upper) => tQuantile(p!, nu!, upper),
};

const TOLERANCE = 1e-12;

function relativeError(got: number, want: number): number {
  if (want === 0) return got === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(got - want) / Math.abs(want);
}

describe('distributions against 50-digit references', () => {
  for (const [name, cases] of Object.entries(reference.cases)) {
    it(`${name} agrees to 1e-12 relative in both tails (${cases.length} values)`, () => {
      const compute = functions[name]!;
      const failures = cases
        .map((item) => {
          const got = compute(item.args.map(Number), item.tail === 'upper');
          return { ...item, got, error: relativeError(got, Number(item.value)) };
        })
        .filter((item) => !(item.error <= TOLERANCE));
      expect(failures).toEqual([]);
    });
  }

  it('covers the far tails: p = 1e-300 for every quantile and CDF values near 1e-300', () => {
    for (const name of ['normalQuantile', 'gammaQuantile', 'betaQuantile', 'tQuantile']) {
      expect(reference.cases[name]!.some((item) => item.args[0] === 1e-300)).toBe(true);
    }
    expect(reference.cases.normalCdf!.some((item) => Number(item.value) < 1e-299)).toBe(true);
  });

  it('covers t with many degrees of freedom (Welch tests on large samples): nu up to 1e12, t from 1e-3 to 40', () => {
    const has = (name: string, first: number, degrees: number) =>
      reference.cases[name]!.some((item) => item.args[0] === first && item.args[1] === degrees);
    for (const degrees of [1e4, 3e4, 1e5, 1e6, 1e8, 1e12]) {
      expect(has('tCdf', 1e-3, degrees) && has('tCdf', 40, degrees)).toBe(true);
      expect(has('tQuantile', 1e-300, degrees) && has('tQuantile', 0.45, degrees)).toBe(true);
    }
  });
});

/** Whether the reference grid has a value of `name` whose arguments pass `test`. */
const has = (name: string, test: (args: readonly number[]) => boolean) =>
  reference.cases[name]!.some((item) => test(item.args.map(Number)));

describe('large shapes (regressions: silent wrong values outside the first grid)', () => {
  it('the reference grid reaches gamma a = 1e300, beta a = b = 1e300 and t with nu = infinity', () => {
    expect(has('gammaCdf', ([x, a]) => x === 1e10 && a === 1e10)).toBe(true);
    expect(has('gammaCdf', ([, a]) => a === 1e300)).toBe(true);
    expect(has('gammaQuantile', ([p, a]) => p === 1e-300 && a === 1e16)).toBe(true);
    expect(has('chiSquareCdf', ([, k]) => k === 2e300)).toBe(true);
    expect(has('betaCdf', ([x, a, b]) => x === 0.5 && a === 1e15 && b === 1e15)).toBe(true);
    expect(has('betaQuantile', ([p, a, b]) => p === 0.5 && a === 1e300 && b === 1e300)).toBe(true);
    expect(has('tCdf', ([t, nu]) => t === 1.5 && nu === 1.7e308)).toBe(true);
    expect(has('tQuantile', ([p, nu]) => p === 0.975 && nu === Number.POSITIVE_INFINITY)).toBe(
      true,
    );
  });

  it('gives t with infinite degrees of freedom as the normal, and huge finite ones continuously', () => {
    for (const t of [-38, -5, -1.5, 0.1, 1.5, 20]) {
      expect(tCdf(t, Number.POSITIVE_INFINITY)).toBe(normalCdf(t));
      expect(tCdf(t, Number.POSITIVE_INFINITY, true)).toBe(normalCdf(t, true));
      expect(tCdf(t, 1.7e308)).toBe(normalCdf(t));
      expect(Math.abs(tCdf(t, 1e24) / normalCdf(t) - 1)).toBeLessThan(1e-13);
    }
    expect(tQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
    expect(tQuantile(1e-300, 1e300, true)).toBe(normalQuantile(1e-300, true));
  });

  it('bounds the work of extreme quantiles (Newton iterations and series terms, not time)', () => {
    const cases: [string, () => number, number][] = [
      ['betaQuantile(0.5, 1e300, 1e300)', () => betaQuantile(0.5, 1e300, 1e300), 0.5],
      [
        'betaQuantile(1e-300, 1e10, 1e10)',
        () => betaQuantile(1e-300, 1e10, 1e10),
        0.4998690187371628,
      ],
      ['gammaQuantile(1e-300, 1e300)', () => gammaQuantile(1e-300, 1e300), 1e300],
      ['gammaQuantile(0.5, 1e16, true)', () => gammaQuantile(0.5, 1e16, true), 1e16],
      ['chiSquareQuantile(0.05, 2e12)', () => chiSquareQuantile(0.05, 2e12), 1999996710293.883],
      ['tQuantile(1e-300, 1e20)', () => tQuantile(1e-300, 1e20), -37.0470962993612],
    ];
    for (const [name, compute, expected] of cases) {
      work.iterations = 0;
      work.terms = 0;
      expect(Math.abs(compute() / expected - 1), name).toBeLessThan(1e-12);
      expect(work.iterations, name).toBeLessThanOrEqual(12);
      expect(work.terms, name).toBeLessThanOrEqual(2000);
    }
  });

  it('solves the upper gamma quantile for shapes below 0.01 (regression: 7e-313 instead of 0.0052)', () => {
    // Found by fast-check (chi-square with 0.0104 degrees of freedom, tail at x = a): the power-law
    // start was subnormal, the density over it overflowed, and an infinite slope passed for
    // convergence. mpmath at 60 digits: Q(a, x) = p solved by findroot in log x.
    const a = 0.005189695856729569;
    const x = gammaQuantile(0.024062456936174592, a, true);
    expect(Math.abs(x / 0.005189695856726512 - 1)).toBeLessThan(1e-12);
    expect(chiSquareQuantile(0.024062456936174592, 2 * a, true) / 2).toBe(x);
  });

  it('keeps the beta tails of a small shape beside a huge one to 1e-14 (regression: 1.4e-13)', () => {
    // Found by fast-check as a monotonicity failure: x^a and the (a + b)^a in B(a, b) were rounded
    // apart. mpmath at 60 digits: P(X > x) = (1 - x)^b for a = 1, at x = 1 / (1 + b) as a double
    // and 5.7e-14 standard deviations above (where the old value was 2e-13 off, above the first).
    const b = 2.4051658955259516e240;
    for (const [x, expected] of [
      [4.1577173610360216e-241, 0.36787944117144233],
      [4.157717361036258e-241, 0.3678794411714214],
    ] as const)
      expect(Math.abs(betaCdf(x, 1, b, true) / expected - 1), `x = ${x}`).toBeLessThan(1e-14);
  });

  it('gives the beta tails of two shapes from 100 up whatever their ratio (regressions)', () => {
    // Found by fast-check at the mean: BGRAT beside a shape of 1e8 was 8e-7 off (and not
    // monotone), the continued fraction threw at a = 1.8e8, b = 1e300, and a = 4e74 gave NaN.
    // References: the density integrated at 60 digits (LargeBeta of fixtures/reference.py).
    const cases = [
      [131016315.08817145, 21694528466570.72, 6.039104471380426e-6, 0.5000116177540204],
      [131016315.08817145, 21694528466570.72, 6.039104471380442e-6, 0.500011617765549],
      [179766380.14966887, 9.999999281796619e299, 1.79766393060552e-292, 0.5000099182389247],
      [582.7479944730641, 1.2691353535760547e74, 4.591693020220808e-72, 0.5055087433813927],
      [582.7479944730641, 1.2691353535760547e74, 4.59169302022081e-72, 0.5055087433813968],
    ] as const;
    for (const [a, b, x, lower] of cases) {
      expect(Math.abs(betaCdf(x, a, b) / lower - 1), `${a}, ${b}, ${x}`).toBeLessThan(1e-14);
      expect(Math.abs(betaCdf(x, a, b, true) / (1 - lower) - 1)).toBeLessThan(1e-14);
    }
    // The double nearest the mean of Beta(4.2e74, 1.6e165) is 1.3e21 standard deviations above it
    // (mpmath at 400 digits: a (1 - x) - b x = -2.6e58): the lower tail is 1, the upper 0.
    expect(betaCdf(2.56100939268401e-91, 4.150331510962099e74, 1.6205842597915798e165)).toBe(1);
    expect(betaCdf(2.56100939268401e-91, 4.150331510962099e74, 1.6205842597915798e165, true)).toBe(
      0,
    );
  });

  it('solves a beta quantile whose root is 1e-300 beside a shape of 4e-4 (regression: did not converge)', () => {
    // Found by fast-check with shapes below the property's 0.01: bisection from -4e-4 to 0 in
    // log(1 - x) needed 1000 halvings to reach -1e-300; the bracket is now halved geometrically.
    // mpmath at 60 digits: x = (1 - p)^(1/a) for Beta(a, 1). The CDF's own 7e-15 is amplified by
    // 1 / (a (1 - p)) = 3200 in x, hence 1e-10.
    const a = 0.00041646245536099634;
    const x = betaQuantile(0.2499999999999999, a, 1, true);
    expect(Math.abs(x / 9.999999999945511e-301 - 1)).toBeLessThan(1e-10);
  });

  it('throws INVALID_OPTION rather than return a value it could not compute', () => {
    let caught: unknown;
    try {
      // Shapes below the smallest normal double: log B(a, b) overflows and no Newton step is defined.
      betaQuantile(0.3, 1e-320, 1e-320);
    } catch (error) {
      caught = error;
    }
    expect(isInternalCustomerError(caught, 'INVALID_OPTION')).toBe(true);
  });
});

describe('small shapes (regressions: tails and quantiles below gamma 0.5, beta 0.5, t with 1 degree)', () => {
  it('the reference grid reaches gamma and beta shapes of 1e-300 and t with 1e-20 degrees, both tails', () => {
    const both = (name: string, test: (args: readonly number[]) => boolean) =>
      ['lower', 'upper'].every((tail) =>
        reference.cases[name]!.some((item) => item.tail === tail && test(item.args.map(Number))),
      );
    expect(both('gammaCdf', ([, a]) => a === 1e-300)).toBe(true);
    expect(both('gammaQuantile', ([, a]) => a === 1e-8)).toBe(true);
    expect(has('gammaQuantile', ([p, a]) => p === 1e-300 && a === 1e-300)).toBe(true);
    expect(both('chiSquareQuantile', ([, k]) => k === 0.1)).toBe(true);
    expect(both('betaCdf', ([, a, b]) => a === 1e-300 && b === 1e-300)).toBe(true);
    expect(both('betaQuantile', ([p, a, b]) => p === 0.5 && a === 1e-300 && b === 1e-300)).toBe(
      true,
    );
    expect(both('tCdf', ([, nu]) => nu === 1e-20)).toBe(true);
    expect(both('tQuantile', ([, nu]) => nu === 1e-8)).toBe(true);
  });

  it('computes the upper tail beyond a small shape directly, not as 1 - lower (regression: 3e-8 off)', () => {
    // mpmath at 60 and 120 digits: gammainc(1e-8, 1e-8, inf, regularized=True) and
    // betainc(0.2, 1e-8, 0, 1 - 1e-5, regularized=True).
    expect(Math.abs(gammaCdf(1e-8, 1e-8, true) / 1.7843463505329364e-7 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(betaCdf(1e-5, 1e-8, 0.2, true) / 1.622474025730163e-7 - 1)).toBeLessThan(1e-13);
    // The mirrored beta, whose small b piles its mass at 1: betainc(0.2, 1e-8, 0, 1 - 1e-5).
    expect(Math.abs(betaCdf(1 - 1e-5, 0.2, 1e-8) / 1.6224740257306179e-7 - 1)).toBeLessThan(1e-13);
  });

  it('solves t quantiles below 1 degree of freedom (regressions: 6 digits at 0.001, finite at 1e-20)', () => {
    // mpmath at 60 digits, |t| solved in log |t| on P(T > |t|) = I_x(nu/2, 1/2) / 2. The old search
    // in log(1 - x) lost the root where x is far below the doubles (log(1 - x) rounds to 0).
    expect(Math.abs(tQuantile(0.3, 0.001) / -1.1166011909601347e220 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(tQuantile(0.4999999, 1e-8) / -24258.3084007736 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(tQuantile(0.4999999, 1e-8, true) / 24258.3084007736 - 1)).toBeLessThan(1e-13);
    // With 1e-20 degrees of freedom 0.5 - P(T <= t) is below 1e-19 for every |t| up to 1e300, and
    // the doubles next to 1/2 are 5.6e-17 apart: every other quantile is beyond the largest double.
    expect(tQuantile(0.4999999999, 1e-20)).toBe(Number.NEGATIVE_INFINITY);
    expect(tQuantile(0.3, 1e-20, true)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives the median of Beta(1e-300, 1e-300) as 1/2 (regression: 1)', () => {
    // Half the mass at each end: I_x(a, a) = 1/2 at x = 1/2 by symmetry, and every other
    // probability's root is beyond the doubles next to 0 or 1.
    expect(betaQuantile(0.5, 1e-300, 1e-300)).toBe(0.5);
    expect(betaQuantile(0.5, 1e-300, 1e-300, true)).toBe(0.5);
    expect(betaQuantile(0.3, 1e-300, 1e-300)).toBe(0);
    expect(betaQuantile(0.3, 1e-300, 1e-300, true)).toBe(1);
  });

  it('gives the limits of an infinite shape, and INVALID_OPTION where there is none', () => {
    // As the shape grows, Gamma(a) (and chi-square) moves all its mass beyond every finite x; a
    // beta with one infinite shape piles it at 1 (a) or 0 (b). Before: NaN from the CDF, a
    // not-converged error from the quantile.
    expect(chiSquareCdf(1, Number.POSITIVE_INFINITY)).toBe(0);
    expect(chiSquareCdf(1, Number.POSITIVE_INFINITY, true)).toBe(1);
    expect(gammaCdf(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(1);
    expect(chiSquareQuantile(0.5, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaQuantile(0.5, Number.POSITIVE_INFINITY, true)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaQuantile(0, Number.POSITIVE_INFINITY)).toBe(0);
    expect(betaCdf(0.9, Number.POSITIVE_INFINITY, 2)).toBe(0);
    expect(betaCdf(1e-300, 2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(betaQuantile(0.5, Number.POSITIVE_INFINITY, 2)).toBe(1);
    expect(betaQuantile(0.5, 2, Number.POSITIVE_INFINITY, true)).toBe(0);
    const infinite = Number.POSITIVE_INFINITY;
    for (const compute of [
      () => betaCdf(0.5, infinite, infinite),
      () => betaQuantile(0.5, infinite, infinite),
    ]) {
      let caught: unknown;
      try {
        compute();
      } catch (error) {
        caught = error;
      }
      expect(isInternalCustomerError(caught, 'INVALID_OPTION')).toBe(true);
    }
  });
});

describe('binomialDraw', () => {
  it('draws the same seeded values as before (BTRD, Bernoulli sums and the mirrored p > 1/2)', () => {
    // Recorded from this sampler, which matched @stdlib/random-base-binomial draw for draw
    // (540 000 draws, three seeds, both algorithms) before that package was removed.
    const draws = (n: number, p: number) => {
      const random = createRandom(2026);
      return Array.from({ length: 8 }, () => binomialDraw(random, n, p));
    };
    expect(draws(1_000_000, 0.37)).toEqual([
      370093, 369373, 369866, 370167, 369939, 370188, 370089, 370977,
    ]);
    expect(draws(40, 0.1)).toEqual([3, 5, 9, 1, 4, 4, 5, 5]);
    expect(draws(1000, 0.8)).toEqual([795, 794, 816, 802, 792, 799, 791, 795]);
  });

  it('has the binomial mean and variance, and draws 0 of 0 trials', () => {
    const random = createRandom(7);
    const count = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < count; i++) {
      const draw = binomialDraw(random, 1000, 0.3);
      sum += draw;
      squares += draw * draw;
    }
    const mean = sum / count;
    const variance = squares / count - mean * mean;
    // Mean 300 with standard error sqrt(210 / 20 000) = 0.1; variance 210 within 5%.
    expect(Math.abs(mean - 300)).toBeLessThan(0.5);
    expect(Math.abs(variance / 210 - 1)).toBeLessThan(0.05);
    expect(binomialDraw(random, 0, 0.5)).toBe(0);
  });
});

describe('distribution edges', () => {
  it('gives the quantiles of 0 and 1 and the CDFs at the ends of the support', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1, true)).toBe(Number.NEGATIVE_INFINITY);
    expect(gammaQuantile(0, 2)).toBe(0);
    expect(gammaQuantile(0, 2, true)).toBe(Number.POSITIVE_INFINITY);
    expect(tQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(gammaCdf(0, 2)).toBe(0);
    expect(betaCdf(1, 2, 3, true)).toBe(0);
    expect(tCdf(0, 4)).toBe(0.5);
    expect(tCdf(Number.POSITIVE_INFINITY, 4, true)).toBe(0);
  });

  it('returns NaN for probabilities outside [0, 1] and non-positive parameters', () => {
    expect(normalQuantile(1.5)).toBeNaN();
    expect(gammaQuantile(0.5, 0)).toBeNaN();
    expect(tCdf(1, -1)).toBeNaN();
    expect(betaCdf(0.5, 1, 0)).toBeNaN();
  });
});
