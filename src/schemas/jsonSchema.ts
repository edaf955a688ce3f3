import * as z from 'zod';
import { DATASET_COLLECTIONS, type DatasetCollection, DatasetSchema } from './dataset.js';

/** The record types that have a JSON Schema: each dataset collection, and the dataset itself. */
export type JsonSchemaName = DatasetCollection | 'dataset';

/**
 * The JSON Schema (draft 2020-12) of a record type's input form, for tools in other languages that
 * validate the same records. It carries types, enums, required fields, ranges and the day and
 * instant formats (with a leap-year-aware pattern for days). It cannot carry the checks written as
 * refinements: termination on or after hire, a protected attribute in `attributes`, status
 * histories in order, Likert favourability maps covering the scale, and every check across
 * records ({@link validateDataset}); run those here.
 *
 * @example
 * const schema = toJsonSchema('spells');
 * schema.required // => ['employeeId', 'hireDate']
 * toJsonSchema('employees').properties.workerType.default // => 'employee'
 */
export function toJsonSchema(name: JsonSchemaName): Record<string, unknown> & {
  // biome-ignore lint/suspicious/noExplicitAny: JSON Schema is open-ended; callers read it as JSON.
  properties?: Record<string, any>;
  required?: string[];
} {
  const schema = name === 'dataset' ? DatasetSchema : DATASET_COLLECTIONS[name];
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as ReturnType<
    typeof toJsonSchema
  >;
}
