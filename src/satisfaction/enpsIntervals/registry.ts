/**
 * The eNPS interval methods: the one list that `EnpsIntervalMethod`, `ENPS_INTERVAL_METHODS`, the
 * `method` checks and error messages of `enps`, `compareEnps` and `enpsBy`, and the README's table
 * of methods all come from. A method is added by adding its file to this folder (one
 * `defineEnpsInterval`), its test, and its line here.
 */

import { InternalCustomerError } from '../../core/errors.js';
import type { IntervalMethod } from '../../core/estimate.js';
import { adjustedWald } from './adjustedWald.js';
import { bootstrap } from './bootstrap.js';
import type { EnpsIntervalDefinition, NormalApproximation } from './definition.js';
import { newcombePaired } from './newcombePaired.js';
import { score } from './score.js';
import { wald } from './wald.js';

/**
 * Every method, in the order documentation lists them. Each id is also one of core's
 * `IntervalMethod`s (what `Interval.method` says). @internal
 */
export const ENPS_INTERVAL_DEFINITIONS = [
  wald,
  adjustedWald,
  score,
  bootstrap,
  newcombePaired,
] as const satisfies readonly EnpsIntervalDefinition<IntervalMethod>[];

type Definition = (typeof ENPS_INTERVAL_DEFINITIONS)[number];

/** How the interval of an eNPS is computed: the id of one of {@link ENPS_INTERVAL_METHODS}. */
export type EnpsIntervalMethod = Definition['id'];

/** The methods that are a normal approximation (centre +- z SE), so two groups' SEs combine. */
export type NormalEnpsIntervalMethod = Extract<
  Definition,
  { readonly normal: (...args: never[]) => NormalApproximation }
>['id'];

/** The methods that need no seeded `random`. */
export type UnseededEnpsIntervalMethod = Extract<Definition, { readonly needsRandom: false }>['id'];

/** The interval method of `enps` when none is given. @internal */
export const DEFAULT_ENPS_INTERVAL_METHOD = 'adjusted-wald' satisfies EnpsIntervalMethod;

/** What a reader needs to know about an interval method. */
export interface EnpsIntervalMethodInfo {
  readonly id: EnpsIntervalMethod;
  /** A short name for tables and charts. */
  readonly label: string;
  /** What it is and when to use it. */
  readonly description: string;
  /** The public source of its definition. */
  readonly reference: string;
  /** Whether it needs a seeded `random` (`createRandom(seed)`). */
  readonly needsRandom: boolean;
  /** Whether `compareEnps` (two independent groups) offers it too. */
  readonly compares: boolean;
  /** Whether `enps` uses it when no method is given. */
  readonly isDefault: boolean;
}

/**
 * The interval methods `enps` accepts as `method`, with a label, what each is and its source: for
 * menus, command-line choices and documentation. The same list the library's checks use.
 *
 * @example
 * ENPS_INTERVAL_METHODS.map((method) => method.id) // => ['wald', 'adjusted-wald', 'score', 'bootstrap', 'newcombe-paired']
 * ENPS_INTERVAL_METHODS.find((method) => method.isDefault)?.id // => 'adjusted-wald'
 * ENPS_INTERVAL_METHODS.filter((method) => method.compares).map((method) => method.id) // => ['wald', 'adjusted-wald']
 */
export const ENPS_INTERVAL_METHODS: readonly EnpsIntervalMethodInfo[] = Object.freeze(
  ENPS_INTERVAL_DEFINITIONS.map((definition) =>
    Object.freeze({
      id: definition.id,
      label: definition.label,
      description: definition.description,
      reference: definition.reference,
      needsRandom: definition.needsRandom,
      compares: 'normal' in definition,
      isDefault: definition.id === DEFAULT_ENPS_INTERVAL_METHOD,
    }),
  ),
);

/** "a, b or c". @internal */
function listOf(ids: readonly string[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`;
}

function find<D extends EnpsIntervalDefinition>(
  definitions: readonly D[],
  method: unknown,
  functionName: string,
): D {
  const found = definitions.find((definition) => definition.id === method);
  if (found === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires method ${listOf(definitions.map((definition) => definition.id))}, got ${String(method)}`,
    );
  }
  return found;
}

/**
 * The definition of a method, or `INVALID_OPTION` naming every method. @internal
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method.
 */
export function enpsIntervalDefinition(
  method: unknown,
  functionName: string,
): EnpsIntervalDefinition<EnpsIntervalMethod> {
  return find<EnpsIntervalDefinition<EnpsIntervalMethod>>(
    ENPS_INTERVAL_DEFINITIONS,
    method,
    functionName,
  );
}

/** A method that is a normal approximation. @internal */
export type NormalEnpsIntervalDefinition = EnpsIntervalDefinition<NormalEnpsIntervalMethod> & {
  readonly normal: NonNullable<EnpsIntervalDefinition['normal']>;
};

/** The methods that are a normal approximation. */
const NORMAL_DEFINITIONS = ENPS_INTERVAL_DEFINITIONS.filter(
  (definition): definition is Extract<Definition, NormalEnpsIntervalDefinition> =>
    'normal' in definition,
);

/**
 * The normal approximation of a method that has one, or `INVALID_OPTION` naming those methods.
 * @internal
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a method that is not a normal approximation.
 */
export function normalEnpsInterval(
  method: unknown,
  functionName: string,
): NormalEnpsIntervalDefinition {
  return find<NormalEnpsIntervalDefinition>(NORMAL_DEFINITIONS, method, functionName);
}
