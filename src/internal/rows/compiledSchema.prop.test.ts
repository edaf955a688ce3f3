/**
 * zod's compiled parser (`z.compile`, used by parseRecords and the CSV reader through
 * compiledSchema) accepts and refuses exactly what the schema's own safeParse does, with the same
 * parsed value and the same issues: checked with fast-check on records of every collection of the
 * sample organisation, each mutated into a near-valid record (a field removed, emptied, padded
 * with white space, replaced by a value of another type or an off-by-one value, an unknown key
 * added ...), and on generated survey responses.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { DATASET_COLLECTIONS } from '../../schemas/dataset.js';
import { SurveyResponseSchema } from '../../schemas/survey.js';
import { compiledSchema } from './compiledSchema.js';

const sample = JSON.parse(
  readFileSync(new URL('../../../examples/data/dataset.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>[]>;

/** Values that sit next to valid ones: other types, edges of ranges and formats. */
const nearValue = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  ' e1',
  'e1 ',
  'e\u00a01',
  0,
  -1,
  11,
  7.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '7',
  true,
  'yes',
  [],
  {},
  '2024-02-29',
  '2023-02-29',
  '2025-13-01',
  '2025-03-01T10:00:00Z',
  '2025-03-01T24:00:00Z',
  '2025-03-01T10:00:00.123+13:00',
  '2025-03-01T10:00:00',
  'constructor',
  { __proto__: null, x: 1 },
);

/** Mutates one field of a record (possibly a nested one) into a near-valid value. */
function mutate(record: unknown, path: readonly number[], value: unknown, mode: number): unknown {
  if (record === null || typeof record !== 'object') return mode === 0 ? value : record;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(record)
    ? [...record]
    : { ...(record as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || path.length === 0) {
    if (!Array.isArray(copy)) (copy as Record<string, unknown>).unknownField = value;
    return copy;
  }
  const key = keys[path[0]! % keys.length]!;
  const target = copy as Record<string, unknown>;
  if (path.length > 1 && target[key] !== null && typeof target[key] === 'object') {
    target[key] = mutate(target[key], path.slice(1), value, mode);
  } else if (mode === 1) {
    delete target[key];
  } else if (mode === 2) {
    target[`${key}Extra`] = value;
  } else {
    target[key] = value;
  }
  return copy;
}

function same(schema: z.ZodType, value: unknown): void {
  const expected = schema.safeParse(value);
  const actual = compiledSchema(schema).safeParse(value);
  expect(actual.success).toBe(expected.success);
  if (expected.success) expect(actual.data).toStrictEqual(expected.data);
  else expect(actual.error?.issues).toStrictEqual(expected.error.issues);
}

describe('compiledSchema', () => {
  for (const [collection, schema] of Object.entries(DATASET_COLLECTIONS)) {
    const records = sample[collection] ?? [];
    if (records.length === 0) continue;
    it(`parses valid and near-valid ${collection} exactly as the schema does`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: records.length - 1 }),
          fc.array(fc.nat(40), { maxLength: 3 }),
          nearValue,
          fc.integer({ min: 0, max: 4 }),
          (index, path, value, mode) => {
            const record = records[index]!;
            same(schema, record);
            same(schema, mutate(record, path, value, mode));
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('parses generated survey responses exactly as the schema does', () => {
    const id = fc.oneof(fc.constantFrom('r1', ' r1', 'r1\n', ''), fc.string({ maxLength: 4 }));
    const answer = fc.oneof(
      fc.integer({ min: -2, max: 12 }),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant({}),
    );
    const response = fc.record(
      {
        id,
        surveyId: id,
        respondentId: id,
        submittedAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.constantFrom('2025-02-29T10:00:00Z', '2024-02-29T23:59:59-12:00', '2025-01-01'),
        ),
        answers: fc.dictionary(
          fc.oneof(
            fc.constantFrom('enps', '', 'constructor', 'prototype'),
            fc.string({ maxLength: 3 }),
          ),
          answer,
          { maxKeys: 4 },
        ),
        comments: fc.array(
          fc.record(
            { questionId: id, text: fc.string({ maxLength: 3 }) },
            { requiredKeys: ['text'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['id', 'surveyId', 'submittedAt', 'answers'] },
    );
    fc.assert(
      fc.property(response, (value) => same(SurveyResponseSchema, value)),
      { numRuns: 400 },
    );
  });
});
