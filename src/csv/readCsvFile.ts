import type * as z from 'zod';
import { InternalCustomerError } from '../core/errors.js';
import { fileChunks } from '../internal/csvText/fileChunks.js';
import { normaliseReadOptions } from './internal/readOptions.js';
import { type CsvItem, type ReadCsvOptions, readItems } from './readCsv.js';

/**
 * Reads a CSV file into validated records, streaming from disk (`node:fs`) through `readCsv`, whose
 * documentation gives every rule (encoding and delimiter detection, conversion of cells, issues).
 * Memory stays flat whatever the file's size; collect everything with `collectCsv`.
 *
 * O(size of the file).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a missing schema or an unknown delimiter,
 * encoding, date format or mapping path (at the call).
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be opened or read (while
 * iterating), or a record runs past 16 Mi characters (an unclosed quote).
 * @throws {InternalCustomerError} `INVALID_ENCODING` for bytes that are not valid text.
 * @throws {InternalCustomerError} `VALIDATION_FAILED` in `strict` mode when there was any issue.
 *
 * @example
 * const { records, issues } = await collectCsv(readCsvFile('tests/fixtures/csv/employees-utf16le.csv', { schema: EmployeeSchema }));
 * records.map((employee) => employee.name) // => ['Zoë Ødegård', 'Émile Dubois', 'Ana Lima']
 * issues // => []
 * readCsvFile('employees.csv', { schema: EmployeeSchema, mapping: { Id: '' } }) // => throws INVALID_OPTION
 */
export function readCsvFile<S extends z.ZodType>(
  path: string | URL,
  options: ReadCsvOptions<S>,
): AsyncGenerator<CsvItem<z.output<S>>, void, undefined> {
  const normalised = normaliseReadOptions('readCsvFile', options);
  if (!(path instanceof URL) && (typeof path !== 'string' || path === '')) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `readCsvFile requires the path of a CSV file, got ${JSON.stringify(path)}`,
    );
  }
  return readItems<z.output<S>>(fileChunks(path), normalised, 'readCsvFile');
}
