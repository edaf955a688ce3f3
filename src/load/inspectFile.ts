import { open } from 'node:fs/promises';
import { InternalCustomerError } from '../core/errors.js';
import { detectDelimiter } from '../internal/csvText/detectDelimiter.js';
import { SAMPLE_CHARS } from '../internal/csvText/textOptions.js';
import type { LoadMapping } from './mappingSchema.js';
import { splitFile } from './readMappedFile.js';
import { type StarterMapping, starterMapping } from './starterMapping.js';

/** What {@link inspectFile} finds: the encoding, the delimiter, the header and a sample of rows. */
export interface FileInspection {
  readonly encoding: NonNullable<LoadMapping['encoding']>;
  /** Whether the file starts with a byte-order mark. */
  readonly byteOrderMark: boolean;
  readonly delimiter: NonNullable<LoadMapping['delimiter']>;
  readonly lineEnd: 'CRLF' | 'LF';
  readonly header: readonly string[];
  /** The first rows (up to `sampleRows`). */
  readonly rows: readonly (readonly string[])[];
}

/**
 * Looks at a file as the readers will: its encoding (from the byte-order mark), its delimiter (as
 * `readCsv` detects it), its line ends, its header and its first rows; and writes a starter
 * mapping from them (`starterMapping`, every guess listed to confirm). Node only.
 *
 * O(size of the file).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be read;
 * `INVALID_ENCODING` for bytes that are not valid text.
 *
 * @example
 * const found = await inspectFile('tests/fixtures/load/company/company.tsv');
 * [found.encoding, found.byteOrderMark, found.delimiter, found.lineEnd] // => ['utf-16le', true, '\t', 'CRLF']
 * found.mapping.mapping.kind // => 'employees'
 */
export async function inspectFile(
  path: string,
  options: { readonly sampleRows?: number } = {},
): Promise<FileInspection & { readonly mapping: StarterMapping }> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SAMPLE_CHARS * 2);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `inspectFile could not read ${path}: ${(error as Error).message}`,
    );
  }
  const encoding: FileInspection['encoding'] =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  const byteOrderMark =
    encoding !== 'utf-8' || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf);
  const text = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
  const delimiter = await detectDelimiter(text, head.length < SAMPLE_CHARS * 2);
  const split = await splitFile(path, { encoding, delimiter });
  const rows = split.rows.slice(0, options.sampleRows ?? 500).map((row) => row.fields);
  const found = {
    encoding,
    byteOrderMark,
    delimiter,
    lineEnd: /\r\n/.test(text) ? ('CRLF' as const) : ('LF' as const),
    header: split.header,
    rows,
  };
  return {
    ...found,
    mapping: starterMapping(split.header, rows, {
      file: path,
      ...(encoding === 'utf-8' ? {} : { encoding }),
      delimiter,
    }),
  };
}
