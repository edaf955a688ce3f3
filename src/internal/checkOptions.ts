/**
 * Options objects are checked, not read loosely: a misspelt or unsupported option (`{ entri }`,
 * or `{ entry }` where a function takes none) would otherwise be ignored in silence and the
 * function would compute something else than the caller asked for. @internal
 */
import { InternalCustomerError } from '../core/errors.js';
import { describeValue } from './describeValue.js';

/**
 * The options a function knows, one key each: declare it `satisfies OptionKeys<XOptions>`, so the
 * compiler keeps it complete as the options type grows. @internal
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * Checks an options object: absent (undefined) or a plain object whose own keys are all known.
 * Keys whose value is undefined count as absent. O(keys).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for options that are not an object, or an
 * unknown option, naming it and the known ones. @internal
 */
export function checkOptions(
  options: unknown,
  known: Readonly<Record<string, true>>,
  functionName: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires its options as an object, got ${describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue;
    if ((options as Record<string, unknown>)[key] === undefined) continue;
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} does not know the option ${JSON.stringify(key)} (it knows ${Object.keys(known).join(', ') || 'none'})`,
    );
  }
}
