import { describe, expect, it } from 'vitest';
import { DATASET_COLLECTIONS } from './dataset.js';
import { toJsonSchema } from './jsonSchema.js';

describe('toJsonSchema', () => {
  it('exports every collection and the dataset as draft 2020-12 JSON Schema', () => {
    for (const name of [...Object.keys(DATASET_COLLECTIONS), 'dataset'] as const) {
      const schema = toJsonSchema(name as keyof typeof DATASET_COLLECTIONS);
      expect(schema.$schema, name).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(JSON.parse(JSON.stringify(schema)), name).toEqual(schema);
    }
  });

  it('describes calendar days with format and a leap-year-aware pattern', () => {
    const hireDate = toJsonSchema('spells').properties?.hireDate as {
      format: string;
      pattern: string;
    };
    expect(hireDate.format).toBe('date');
    const pattern = new RegExp(hireDate.pattern);
    expect(pattern.test('2024-02-29')).toBe(true);
    expect(pattern.test('2023-02-29')).toBe(false);
    expect(pattern.test('31/12/2024')).toBe(false);
  });

  it('keeps ranges, enums and closed objects', () => {
    const survey = toJsonSchema('surveys');
    expect(survey.additionalProperties).toBe(false);
    expect(survey.properties?.confidentiality.enum).toEqual([
      'anonymous',
      'confidential',
      'identified',
    ]);
    expect(survey.properties?.minGroupSize).toMatchObject({ type: 'integer', minimum: 3 });
    const question = toJsonSchema('questions') as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((question.oneOf ?? question.anyOf)?.length).toBe(4);
  });

  it('marks defaulted fields optional on input', () => {
    expect(toJsonSchema('employees').required).toEqual(['id', 'name']);
  });
});
