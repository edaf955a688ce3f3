import { InternalCustomerError } from '../core/errors.js';

/**
 * Checks a confidence level option: strictly between 0 and 1, else `INVALID_OPTION` naming the
 * function. One check for every function that takes a `level`. @internal
 */
export function checkLevel(level: number, functionName: string): void {
  if (!(level > 0 && level < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires a level strictly between 0 and 1, got ${String(level)}`,
    );
  }
}
