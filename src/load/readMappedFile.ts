import { InternalCustomerError } from '../core/errors.js';
import { fileChunks } from '../internal/csvText/fileChunks.js';
import { recordBatches } from '../internal/csvText/recordBatches.js';
import type { LoadMapping } from './mappingSchema.js';
import { type LoadIssue, type MapRowsResult, mapRows, type SourceRow } from './mapRows.js';

/** A file split into its header and rows, with the records that could not be read. */
export interface SplitFile {
  readonly header: readonly string[];
  readonly rows: SourceRow[];
  readonly issues: LoadIssue[];
}

/**
 * Splits a CSV or TSV file into its header and data rows, as the `csv` module's readers split
 * text (encoding from the byte-order mark: UTF-8, UTF-16 LE or BE; delimiter detected unless
 * given; CRLF or LF). A record that cannot be read is an issue with its row and line. @internal
 */
export async function splitFile(
  path: string,
  options: {
    readonly encoding?: LoadMapping['encoding'];
    readonly delimiter?: LoadMapping['delimiter'];
  },
  name: string = path,
): Promise<SplitFile> {
  let header: string[] | undefined;
  const rows: SourceRow[] = [];
  const issues: LoadIssue[] = [];
  let row = 0;
  for await (const batch of recordBatches(
    fileChunks(path),
    { encoding: options.encoding, delimiter: options.delimiter },
    'readMappedFile',
  )) {
    for (const entry of batch) {
      if ('problem' in entry) {
        const at = header === undefined ? 0 : ++row;
        issues.push({
          row: at,
          line: entry.line,
          path: '',
          code: 'malformed_row',
          file: name,
          message: `${name} row ${at} (line ${entry.line}): cannot be read: ${entry.problem}`,
        });
      } else if (header === undefined) header = [...entry.fields];
      else rows.push({ fields: [...entry.fields], row: ++row, line: entry.line });
    }
  }
  if (header === undefined) {
    issues.push({
      row: 0,
      line: 1,
      path: '',
      code: 'empty_file',
      file: name,
      message: `${name} has no header row: the file is empty`,
    });
  }
  return { header: header ?? [], rows, issues };
}

/**
 * Reads a file with its mapping (see `LoadMappingSchema`): splits it (`splitFile`: UTF-8 or
 * UTF-16 with its byte-order mark, CRLF or LF, the delimiter detected unless the mapping gives
 * one) and maps each row (`mapRows`), so that every issue names the file, its row and line. The
 * whole file is held in memory. Node only.
 *
 * O(size of the file).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be read;
 * `INVALID_ENCODING` for bytes that are not valid text.
 *
 * @example
 * const mapping = parseLoadMapping({ kind: 'employees', delimiter: '\t', fields: { id: 'EmployeeID', hireDate: { column: 'Start Date', date: 'D.M.YYYY' } } });
 * const { rows, issues } = await readMappedFile('tests/fixtures/load/company/company.tsv', mapping);
 * rows.length // => 124
 * issues // => []
 */
export async function readMappedFile(
  path: string,
  mapping: LoadMapping,
  options: { readonly name?: string } = {},
): Promise<MapRowsResult> {
  if (typeof path !== 'string' || path === '') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `readMappedFile requires the path of a file, got ${JSON.stringify(path)}`,
    );
  }
  const name = options.name ?? path;
  const split = await splitFile(path, mapping, name);
  const mapped = mapRows(split.header, split.rows, mapping, { file: name });
  return {
    rows: mapped.rows,
    issues: [...split.issues, ...mapped.issues].sort((a, b) => a.row - b.row),
    warnings: mapped.warnings,
  };
}
