import * as z from 'zod';
import { InternalCustomerError } from '../core/errors.js';
import { jsonOption, optionProblem } from '../internal/jsonOption.js';
import { parseRow } from '../internal/rows/parseRow.js';
import { RESERVED_KEYS } from '../schemas/primitives.js';
import { isDayFormat } from './internal/readOptions.js';
import type { CsvDelimiter, CsvEncoding } from './readCsv.js';

const FieldPathSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((path) => path.split('.').every((segment) => segment !== ''), {
    message: 'must be a dotted field path such as "attributes.location"',
  })
  .refine((path) => path.split('.').every((segment) => !RESERVED_KEYS.has(segment)), {
    message: 'must not contain a reserved key (__proto__, constructor, prototype)',
  });

/**
 * The JSON mapping file that tells the CSV reader (and the CLI) how to read an export:
 *
 * ```json
 * {
 *   "columns": { "Employee Number": "id", "Full Name": "name", "Location": "attributes.location" },
 *   "delimiter": ";",
 *   "encoding": "utf-8",
 *   "dateFormat": "dd/MM/yyyy",
 *   "decimalComma": true,
 *   "restoreFormulas": false
 * }
 * ```
 *
 * `columns` (required) maps header names to field paths (dots build nested objects); every other
 * key is optional and has the meaning of the `readCsv` option of the same name (`delimiter` is
 * `","`, `";"` or `"\t"`). Unknown keys are refused, so a misspelt option is not ignored.
 */
export const CsvMappingFileSchema = z.strictObject({
  columns: z.record(z.string(), FieldPathSchema),
  delimiter: z.enum([',', ';', '\t']).optional(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']).optional(),
  dateFormat: z
    .string()
    .refine(isDayFormat, 'must be a date-fns format of a day such as "dd/MM/yyyy"')
    .optional(),
  decimalComma: z.boolean().optional(),
  restoreFormulas: z.boolean().optional(),
});

/** A mapping file's content, as written (before checking). */
export type CsvMappingFile = z.input<typeof CsvMappingFileSchema>;

/** A mapping file as reading options: spread it into the options of `readCsv` or `readCsvFile`. */
export interface CsvMapping {
  readonly mapping: Readonly<Record<string, string>>;
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: CsvEncoding;
  readonly dateFormat?: string;
  readonly decimalComma?: boolean;
  readonly restoreFormulas?: boolean;
}

/**
 * Reads a CSV mapping: the JSON text of a mapping file (or the value it parses to), in the format
 * of {@link CsvMappingFileSchema}, checked with that schema (the date format by writing and
 * reading a day with it), as options for `readCsv`: its `columns` become `mapping`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for text that is not JSON or a mapping that
 * does not fit the format, with every problem in the message.
 *
 * @example
 * parseCsvMapping('{ "columns": { "Employee Number": "id", "Location": "attributes.location" }, "delimiter": ";" }') // => { mapping: { 'Employee Number': 'id', Location: 'attributes.location' }, delimiter: ';' }
 * parseCsvMapping({ columns: { Id: 'id' }, decimalComma: true }) // => { mapping: { Id: 'id' }, decimalComma: true }
 * parseCsvMapping('{ "columns": { "Id": "attributes.__proto__" } }') // => throws INVALID_OPTION
 * parseCsvMapping('{ "column": { "Id": "id" } }') // => throws INVALID_OPTION
 */
export function parseCsvMapping(json: unknown): CsvMapping {
  const value = jsonOption(json, 'parseCsvMapping');
  // parseRow also refuses "__proto__" keys, which JSON.parse keeps and zod would drop silently.
  const result = parseRow(CsvMappingFileSchema, value, 1);
  if (!result.ok) {
    const problems = result.issues.map((issue) => optionProblem(issue.message));
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `parseCsvMapping requires { "columns": { "<header>": "<field path>" }, ... }: ${problems.join('; ')}`,
    );
  }
  const { columns, ...rest } = result.record;
  return {
    mapping: Object.fromEntries(Object.entries(columns)),
    ...(rest.delimiter === undefined ? {} : { delimiter: rest.delimiter }),
    ...(rest.encoding === undefined ? {} : { encoding: rest.encoding }),
    ...(rest.dateFormat === undefined ? {} : { dateFormat: rest.dateFormat }),
    ...(rest.decimalComma === undefined ? {} : { decimalComma: rest.decimalComma }),
    ...(rest.restoreFormulas === undefined ? {} : { restoreFormulas: rest.restoreFormulas }),
  };
}
