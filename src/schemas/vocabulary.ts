/**
 * The closed lists of the data model, declared once: the schemas build their enums from them,
 * and the maths modules check values and derive their types from them without loading zod (this
 * file imports nothing). Add a value here and every schema, check and type follows.
 */

/** How a person works for the organisation. */
export const WORKER_TYPES = ['employee', 'direct-temporary', 'contractor', 'agency'] as const;

/**
 * The worker types counted in headcount, turnover and tenure: employees on the payroll, permanent
 * or temporary (SHRM, BLS JOLTS); contractors and agency workers are not.
 */
export const HEADCOUNT_WORKER_TYPES = ['employee', 'direct-temporary'] as const;

/** Why a spell ended. */
export const SEPARATION_KINDS = ['voluntary', 'involuntary', 'other'] as const;

/**
 * The categorical variables of a group's exits, as the privacy gate reads them (DESIGN.md,
 * declared variables): each person is in one category of each, all sharing `stayed`.
 */
export const EXIT_VARIABLES = {
  exit: ['stayed', ...SEPARATION_KINDS],
  left: ['stayed', 'leavers'],
  regret: ['stayed', 'regretted', 'notRegretted'],
} as const;

/** How a survey treats who answered (DESIGN.md, confidentiality). */
export const CONFIDENTIALITY_MODES = ['anonymous', 'confidential', 'identified'] as const;

// Pure: a bundle that does not use it drops it even from a shared chunk (tests/size.test.ts).
const COUNTED: ReadonlySet<string> = /* @__PURE__ */ new Set(HEADCOUNT_WORKER_TYPES);

/**
 * Whether a person of this worker type counts in headcount, turnover and tenure (a missing type
 * means `employee`, the schema's default).
 *
 * @example
 * countsInHeadcount('direct-temporary') // => true
 * countsInHeadcount('agency') // => false
 * countsInHeadcount(undefined) // => true
 */
export function countsInHeadcount(workerType: string | undefined): boolean {
  return COUNTED.has(workerType ?? 'employee');
}
