// The text options shared by the CSV readers (`csv`) and the eNPS file reader (`tallies`).
import { InternalCustomerError } from '../../core/errors.js';
import { DELIMITERS } from './detectDelimiter.js';

/** A field delimiter the CSV module reads and writes: comma, semicolon or tab. */
export type CsvDelimiter = ',' | ';' | '\t';

/** A text encoding the CSV reader understands. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encodings the readers accept by name. @internal */
export const ENCODINGS: readonly CsvEncoding[] = ['utf-8', 'utf-16le', 'utf-16be'];

/** How much text decides the delimiter. @internal */
export const SAMPLE_CHARS = 64 * 1024;

/**
 * Checks the delimiter and encoding options of a reader.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown delimiter or encoding. @internal
 */
export function checkTextOptions(
  caller: string,
  options: { readonly delimiter?: unknown; readonly encoding?: unknown },
): { readonly delimiter: CsvDelimiter | undefined; readonly encoding: CsvEncoding | undefined } {
  const { delimiter, encoding } = options;
  if (delimiter !== undefined && !DELIMITERS.includes(delimiter as CsvDelimiter)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires delimiter to be ",", ";" or a tab, got ${JSON.stringify(delimiter)}`,
    );
  }
  if (encoding !== undefined && !ENCODINGS.includes(encoding as CsvEncoding)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires encoding to be "utf-8", "utf-16le" or "utf-16be", got ${JSON.stringify(encoding)}`,
    );
  }
  return {
    delimiter: delimiter as CsvDelimiter | undefined,
    encoding: encoding as CsvEncoding | undefined,
  };
}
