import { InternalCustomerError } from '../../core/errors.js';

/** The output names of the points of a scale: `s0`, `s1` ... (answers of scaleMin + k). @internal */
export function scalePointNames(width: number): string[] {
  return Array.from({ length: width }, (_, offset) => `s${offset}`);
}

/** A non-empty id value (a survey's or a question's). @internal */
export function checkedId(value: unknown, option: string, functionName: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires ${option} as a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
