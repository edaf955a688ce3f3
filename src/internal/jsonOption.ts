import { InternalCustomerError } from '../core/errors.js';

/**
 * The value of an option given as JSON text (a leading byte-order mark allowed) or already as a
 * value; `INVALID_OPTION` naming the caller for text that is not JSON. @internal
 */
export function jsonOption(json: unknown, caller: string): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) as unknown;
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires JSON text, got text that is not JSON (${(error as Error).message})`,
    );
  }
}

/** A row issue's message without its `row 1` prefix, for an option checked as one row. @internal */
export function optionProblem(message: string): string {
  return message.replace(/^row 1(, )?:?\s*/, '');
}
