import { describe, expect, it } from 'vitest';
import { InternalCustomerError, isInternalCustomerError } from './errors.js';

describe('isInternalCustomerError', () => {
  it('recognises an error from another copy of the library by name and code', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'InternalCustomerError',
      code: 'OUT_OF_RANGE',
    });
    expect(isInternalCustomerError(foreign)).toBe(true);
    expect(isInternalCustomerError(foreign, 'OUT_OF_RANGE')).toBe(true);
  });

  it('refuses look-alikes with an unknown code and non-objects', () => {
    expect(isInternalCustomerError({ name: 'InternalCustomerError', code: 'NOPE' })).toBe(false);
    expect(isInternalCustomerError('InternalCustomerError')).toBe(false);
    expect(isInternalCustomerError(null)).toBe(false);
  });

  it('keeps the issues of a VALIDATION_FAILED error', () => {
    const issue = {
      row: 2,
      path: 'score',
      code: 'too_big' as const,
      message: 'row 2, score: too big',
    };
    const error = new InternalCustomerError('VALIDATION_FAILED', 'parseRecords found 1 issue', [
      issue,
    ]);
    expect(error.issues).toEqual([issue]);
    expect(error).toBeInstanceOf(Error);
    expect(error.stack).toContain('InternalCustomerError');
  });
});
