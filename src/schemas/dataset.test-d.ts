import { describe, expectTypeOf, it } from 'vitest';
import { type DatasetInput, type ValidateDatasetResult, validateDataset } from './index.js';

describe('validateDataset types', () => {
  it('checks typed input against DatasetInput', () => {
    const input: DatasetInput = { employees: [{ id: 'e1', name: 'Ada' }] };
    expectTypeOf(validateDataset(input)).toEqualTypeOf<ValidateDatasetResult>();
    validateDataset({ employees: [{ id: 'e1', name: 'Ada' }], teams: [{ id: 't', name: 'T' }] });
    // @ts-expect-error an employee needs a name
    validateDataset({ employees: [{ id: 'e1' }] });
    // @ts-expect-error ids are strings
    validateDataset({ employees: [{ id: 1, name: 'Ada' }] });
    // @ts-expect-error a misspelt collection
    validateDataset({ employes: [{ id: 'e1', name: 'Ada' }] });
  });

  it('takes values of unknown type (parsed JSON) for checking at run time', () => {
    const parsed: unknown = JSON.parse('{}');
    expectTypeOf(validateDataset(parsed, { strict: true })).toEqualTypeOf<ValidateDatasetResult>();
    const loose = JSON.parse('{}');
    validateDataset(loose);
  });
});
