import { InternalCustomerError } from '../core/errors.js';

/**
 * The scale and cut-offs of an eNPS question: answers are whole numbers from `scaleMin` to
 * `scaleMax`; a detractor answers at most `detractorMax`, a passive at most `passiveMax`, a
 * promoter above. Bain's default is 0-10 with detractors 0-6, passives 7-8, promoters 9-10; some
 * vendors use 0-5 / 6-8 / 9-10 (`detractorMax: 5`).
 */
export interface EnpsCutoffs {
  readonly scaleMin: number;
  readonly scaleMax: number;
  readonly detractorMax: number;
  readonly passiveMax: number;
}

/** Bain's cut-offs on the 0-10 scale. */
export const DEFAULT_ENPS_CUTOFFS: EnpsCutoffs = Object.freeze({
  scaleMin: 0,
  scaleMax: 10,
  detractorMax: 6,
  passiveMax: 8,
});

/** An answer's category. */
export type EnpsCategory = 'detractor' | 'passive' | 'promoter';

/** The scale's ends and cut-offs, in the order they are checked and printed. @internal */
const CUTOFF_FIELDS = [
  'scaleMin',
  'scaleMax',
  'detractorMax',
  'passiveMax',
] as const satisfies readonly (keyof EnpsCutoffs)[];

/** Whether two scales and cut-offs are the same (tallies made with them can be merged). @internal */
export function sameCutoffs(a: EnpsCutoffs, b: EnpsCutoffs): boolean {
  return CUTOFF_FIELDS.every((field) => a[field] === b[field]);
}

/**
 * Checks an eNPS scale and cut-offs option and fills in Bain's defaults for what it leaves out,
 * as every eNPS function does with its `cutoffs` option (as `resolveMinGroupSize` does for a
 * minimum group size). Readers and engines built on the library (such as `csvEnpsTallies`) use it
 * to refuse bad cut-offs before reading anything, naming themselves in the message.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for cut-offs that are not whole, out of order
 * or outside the scale.
 *
 * @example
 * resolveCutoffs(undefined) // => { scaleMin: 0, scaleMax: 10, detractorMax: 6, passiveMax: 8 }
 * resolveCutoffs({ detractorMax: 5 }) // => { scaleMin: 0, scaleMax: 10, detractorMax: 5, passiveMax: 8 }
 * resolveCutoffs({ scaleMin: 1, scaleMax: 5, detractorMax: 2, passiveMax: 3 }).scaleMax // => 5
 * resolveCutoffs({ detractorMax: 9 }) // => throws INVALID_OPTION
 */
export function resolveCutoffs(
  cutoffs: Partial<EnpsCutoffs> | undefined,
  functionName = 'resolveCutoffs',
): EnpsCutoffs {
  if (cutoffs === undefined) return DEFAULT_ENPS_CUTOFFS;
  const resolved = { ...DEFAULT_ENPS_CUTOFFS, ...cutoffs };
  const { scaleMin, scaleMax, detractorMax, passiveMax } = resolved;
  const whole = CUTOFF_FIELDS.every((field) => Number.isInteger(resolved[field]));
  if (
    !whole ||
    !(scaleMin <= detractorMax && detractorMax < passiveMax && passiveMax < scaleMax) ||
    scaleMax - scaleMin > 1000
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires whole cut-offs with scaleMin <= detractorMax < passiveMax < scaleMax, got ${JSON.stringify(resolved)}`,
    );
  }
  return resolved;
}

/**
 * The eNPS category of one answer: detractor, passive or promoter.
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer that is not a whole number on the scale (7.5, 11, -1, NaN).
 * @throws {InternalCustomerError} `INVALID_OPTION` for invalid cut-offs.
 *
 * @example
 * classifyEnps(6) // => 'detractor'
 * classifyEnps(7) // => 'passive'
 * classifyEnps(9) // => 'promoter'
 * classifyEnps(6, { detractorMax: 5 }) // => 'passive'
 * classifyEnps(11) // => throws OUT_OF_RANGE
 */
export function classifyEnps(score: number, cutoffs?: Partial<EnpsCutoffs>): EnpsCategory {
  const resolved = resolveCutoffs(cutoffs, 'classifyEnps');
  checkScore(score, resolved, 'classifyEnps');
  return score <= resolved.detractorMax
    ? 'detractor'
    : score <= resolved.passiveMax
      ? 'passive'
      : 'promoter';
}

/** Throws unless the score is a whole number on the scale. @internal */
export function checkScore(score: number, cutoffs: EnpsCutoffs, functionName: string): void {
  if (!Number.isInteger(score) || score < cutoffs.scaleMin || score > cutoffs.scaleMax) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `${functionName} requires whole scores from ${cutoffs.scaleMin} to ${cutoffs.scaleMax}, got ${String(score)}`,
    );
  }
}
