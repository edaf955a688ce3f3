import { isInternalCustomerError } from '../../core/errors.js';

/**
 * For tests: the `InternalCustomerError` code an action throws, `undefined` when it does not
 * throw, or the text of any other error (so a wrong kind of error fails the assertion). @internal
 */
export function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isInternalCustomerError(error) ? error.code : String(error);
  }
  return undefined;
}
