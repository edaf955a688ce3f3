import { readFile } from 'node:fs/promises';
import { InternalCustomerError } from '../core/errors.js';
import { type CsvMapping, parseCsvMapping } from './parseCsvMapping.js';

/**
 * Reads a JSON mapping file (format: `CsvMappingFileSchema`) from disk and checks it with
 * `parseCsvMapping`, giving options to spread into `readCsvFile`:
 * `readCsvFile(path, { schema: EmployeeSchema, ...(await loadCsvMapping('hr-export.json')) })`.
 * The file is UTF-8 (a byte-order mark is allowed).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an empty path (at the call), a file that
 * cannot be read (the rejection names the file and the system error), or a mapping that is not
 * valid (as `parseCsvMapping`).
 *
 * @example
 * const options = await loadCsvMapping('tests/fixtures/csv/ibm-attrition-mapping.json');
 * options.mapping.EmployeeNumber // => 'id'
 * options.delimiter // => ','
 * loadCsvMapping('') // => throws INVALID_OPTION
 */
export function loadCsvMapping(path: string | URL): Promise<CsvMapping> {
  if (!(path instanceof URL) && (typeof path !== 'string' || path === '')) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `loadCsvMapping requires the path of a JSON mapping file, got ${JSON.stringify(path)}`,
    );
  }
  return readFile(path, 'utf8').then(
    (text) => parseCsvMapping(text),
    (error: unknown) => {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `loadCsvMapping could not read the mapping file ${String(path)}: ${(error as Error).message}`,
      );
    },
  );
}
