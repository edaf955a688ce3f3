import type { RandomSource } from '../../core/createRandom.js';

/**
 * Draws from common distributions on top of one seeded uniform source, so that the sample
 * organisation is reproducible from its seed alone. @internal
 */
export interface Draw {
  /** A uniform number in [0, 1). */
  readonly uniform: RandomSource;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A whole number from `min` to `max`, both inclusive. */
  int(min: number, max: number): number;
  /** A real number in [min, max). */
  between(min: number, max: number): number;
  /** A normal draw (Box-Muller). */
  normal(mean?: number, sd?: number): number;
  /** An exponential draw with the given mean. */
  exponential(mean: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One key of a map of weights, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** Builds the draws of {@link Draw} from a seeded uniform source. @internal */
export function createDraw(uniform: RandomSource): Draw {
  let spare: number | undefined;
  const normal = (mean = 0, sd = 1): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return mean + sd * value;
    }
    // 1 - u keeps the logarithm finite (u may be 0, never 1).
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  };
  const int = (min: number, max: number): number => min + Math.floor(uniform() * (max - min + 1));
  return {
    uniform,
    chance: (p) => uniform() < p,
    int,
    between: (min, max) => min + (max - min) * uniform(),
    normal,
    exponential: (mean) => -mean * Math.log(1 - uniform()),
    pick: (items) => items[Math.floor(uniform() * items.length)]!,
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let threshold = uniform() * total;
      for (const [key, weight] of entries) {
        threshold -= weight;
        if (threshold < 0) return key;
      }
      return entries.at(-1)![0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = int(0, index);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
  };
}

/** The logistic function. @internal */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The daily probability that gives an annual probability `annual` over 365 days. @internal */
export function dailyFromAnnual(annual: number): number {
  return 1 - (1 - Math.min(annual, 0.999)) ** (1 / 365);
}
