import { InternalCustomerError } from '../core/errors.js';
import { fileChunks } from '../internal/csvText/fileChunks.js';
import { recordBatches } from '../internal/csvText/recordBatches.js';
import type { LoadMapping } from './mappingSchema.js';
import {
  createRowMapper,
  type LoadIssue,
  type MappedRow,
  type MapRowsResult,
  type RowMapper,
  type SourceRow,
} from './mapRows.js';

/** A file split into its header and rows, with the records that could not be read. */
export interface SplitFile {
  readonly header: readonly string[];
  readonly rows: SourceRow[];
  readonly issues: LoadIssue[];
}

/**
 * The header and data rows of a file, a piece at a time (the header arrives once, before any
 * row), as the `csv` module's readers split text; a record that cannot be read is pushed onto
 * `issues` with its row and line, and an empty file is an issue too.
 */
async function* fileRows(
  path: string,
  options: {
    readonly encoding?: LoadMapping['encoding'];
    readonly delimiter?: LoadMapping['delimiter'];
  },
  name: string,
  issues: LoadIssue[],
): AsyncGenerator<{ header?: readonly string[]; rows: SourceRow[] }, void, undefined> {
  let headerSeen = false;
  let row = 0;
  for await (const batch of recordBatches(
    fileChunks(path),
    { encoding: options.encoding, delimiter: options.delimiter },
    'readMappedFile',
  )) {
    let header: readonly string[] | undefined;
    const rows: SourceRow[] = [];
    for (const entry of batch) {
      if ('problem' in entry) {
        const at = headerSeen ? ++row : 0;
        issues.push({
          row: at,
          line: entry.line,
          path: '',
          code: 'malformed_row',
          file: name,
          message: `${name} row ${at} (line ${entry.line}): cannot be read: ${entry.problem}`,
        });
      } else if (!headerSeen) {
        headerSeen = true;
        header = entry.fields;
      } else rows.push({ fields: entry.fields, row: ++row, line: entry.line });
    }
    yield header === undefined ? { rows } : { header, rows };
  }
  if (!headerSeen) {
    issues.push({
      row: 0,
      line: 1,
      path: '',
      code: 'empty_file',
      file: name,
      message: `${name} has no header row: the file is empty`,
    });
  }
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
  let header: readonly string[] | undefined;
  const rows: SourceRow[] = [];
  const issues: LoadIssue[] = [];
  for await (const piece of fileRows(path, options, name, issues)) {
    header ??= piece.header;
    for (const row of piece.rows) rows.push(row);
  }
  return { header: header ?? [], rows, issues };
}

/** Options of {@link readMappedFile} and {@link foldMappedFile}. */
export interface ReadMappedFileOptions {
  /** The file's name in issues (default: the path). */
  readonly name?: string;
  /** Called with the rows read so far after each piece of the file (for a progress display). */
  readonly onProgress?: (rowsRead: number) => void;
}

/** What {@link foldMappedFile} found besides the rows it handed on. */
export interface FoldMappedFileResult {
  readonly issues: LoadIssue[];
  readonly warnings: string[];
  /** The data rows read, mapped or not (records that could not be split aside). */
  readonly rows: number;
}

/**
 * Reads a file with its mapping as {@link readMappedFile} does, streaming: each row is mapped as
 * it is read and handed to `visit`, then dropped, so that memory stays flat whatever the file's
 * size (a caller that counts keeps only its counts). Rows with issues are not visited; their
 * issues are returned at the end, with the warnings. Node only.
 *
 * O(size of the file) time; memory O(one piece of the file + issues).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the file cannot be read;
 * `INVALID_ENCODING` for bytes that are not valid text.
 *
 * @example
 * const mapping = parseLoadMapping({ kind: 'employees', delimiter: '\t', fields: { id: 'EmployeeID', hireDate: { column: 'Start Date', date: 'D.M.YYYY' } } });
 * let people = 0;
 * const folded = await foldMappedFile('tests/fixtures/load/company/company.tsv', mapping, () => { people++; });
 * people // => 124
 * folded.issues // => []
 */
export async function foldMappedFile(
  path: string,
  mapping: LoadMapping,
  visit: (row: MappedRow) => void,
  options: ReadMappedFileOptions = {},
): Promise<FoldMappedFileResult> {
  if (typeof path !== 'string' || path === '') {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `readMappedFile requires the path of a file, got ${JSON.stringify(path)}`,
    );
  }
  const name = options.name ?? path;
  const issues: LoadIssue[] = [];
  let mapper: RowMapper | undefined;
  let rows = 0;
  for await (const piece of fileRows(path, mapping, name, issues)) {
    if (piece.header !== undefined) {
      mapper = createRowMapper(piece.header, mapping, { file: name });
      issues.push(...mapper.headerIssues);
    }
    for (const source of piece.rows) {
      const mapped = mapper!.map(source, issues);
      if (mapped !== undefined) visit(mapped);
    }
    rows += piece.rows.length;
    options.onProgress?.(rows);
  }
  return { issues, warnings: mapper?.warnings() ?? [], rows };
}

/**
 * Reads a file with its mapping (see `LoadMappingSchema`): splits it (UTF-8 or UTF-16 with its
 * byte-order mark, CRLF or LF, the delimiter detected unless the mapping gives one) and maps each
 * row (`createRowMapper`, as `mapRows`), so that every issue names the file, its row and line.
 * The mapped rows are held in memory ({@link foldMappedFile} streams them instead). Node only.
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
  options: ReadMappedFileOptions = {},
): Promise<MapRowsResult> {
  const rows: MappedRow[] = [];
  const folded = await foldMappedFile(path, mapping, (row) => rows.push(row), options);
  return {
    rows,
    issues: folded.issues.sort((a, b) => a.row - b.row),
    warnings: folded.warnings,
  };
}
