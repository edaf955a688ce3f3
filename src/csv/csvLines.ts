import { InternalCustomerError } from '../core/errors.js';
import { DELIMITERS } from '../internal/csvText/detectDelimiter.js';
import { neutraliseFormula } from './internal/formulas.js';
import { isFieldPath } from './internal/readOptions.js';
import {
  cellText,
  isPlainObject,
  leafPaths,
  quoteCell,
  valueAtPath,
} from './internal/writeCells.js';
import type { CsvDelimiter } from './readCsv.js';

/** Options of {@link csvLines} and `toCsv`. */
export interface CsvLinesOptions {
  /**
   * The columns, as dotted field paths (`attributes.location`), in order. A column that names an
   * object holds it as JSON. Default: the leaf paths of the first row (`csvLines`) or of all rows
   * (`toCsv`), nested objects flattened to dotted columns.
   */
  readonly columns?: readonly string[];
  /** `,` (default), `;` or tab. */
  readonly delimiter?: CsvDelimiter;
  /**
   * Prefix `'` to text cells that start with `=`, `+`, `-`, `@`, tab or carriage return, so that a
   * spreadsheet shows them as text instead of running them (OWASP, CSV injection). Numbers are
   * never altered. Default true; `readCsv` with `restoreFormulas` undoes it.
   */
  readonly neutraliseFormulas?: boolean;
}

interface WriteOptions {
  readonly columns: readonly string[] | undefined;
  readonly delimiter: CsvDelimiter;
  readonly neutralise: boolean;
}

/**
 * Checks the writing options.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for options of the wrong kind. @internal
 */
export function normaliseWriteOptions(caller: string, options: CsvLinesOptions): WriteOptions {
  if (options === null || typeof options !== 'object') {
    throw new InternalCustomerError('INVALID_OPTION', `${caller} requires an options object`);
  }
  const { columns, delimiter = ',', neutraliseFormulas = true } = options;
  if (!DELIMITERS.includes(delimiter)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires delimiter to be ",", ";" or a tab, got ${JSON.stringify(delimiter)}`,
    );
  }
  if (typeof neutraliseFormulas !== 'boolean') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${caller} requires neutraliseFormulas to be true or false, got ${JSON.stringify(neutraliseFormulas)}`,
    );
  }
  if (columns !== undefined) {
    if (!Array.isArray(columns) || !columns.every(isFieldPath)) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${caller} requires columns to be field paths such as "attributes.location", got ${JSON.stringify(columns)}`,
      );
    }
    if (new Set(columns).size !== columns.length) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${caller} requires distinct columns, got ${JSON.stringify(columns)}`,
      );
    }
  }
  return { columns, delimiter, neutralise: neutraliseFormulas };
}

function line(cells: readonly string[], delimiter: CsvDelimiter): string {
  // A lone empty cell is written "" so that the line is not blank (blank lines are skipped).
  if (cells.length === 1 && cells[0] === '') return '""\r\n';
  return `${cells.join(delimiter)}\r\n`;
}

/** Writes the lines; the options are already checked. @internal */
export function* writeLines(
  rows: Iterable<Readonly<Record<string, unknown>>>,
  options: WriteOptions,
  caller: string,
): Generator<string, void, undefined> {
  const { delimiter, neutralise } = options;
  let columns = options.columns;
  let segments: string[][] = [];
  let known: ReadonlySet<string> | undefined;
  const header = (names: readonly string[]) => {
    segments = names.map((name) => name.split('.'));
    return line(
      names.map((name) => quoteCell(neutralise ? neutraliseFormula(name) : name, delimiter)),
      delimiter,
    );
  };
  if (columns !== undefined) yield header(columns);
  let index = 0;
  for (const row of rows) {
    index++;
    if (!isPlainObject(row)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${caller} requires each row to be a plain object, row ${index} is ${row === null ? 'null' : Array.isArray(row) ? 'an array' : typeof row}`,
      );
    }
    if (columns === undefined) {
      columns = leafPaths(row, true);
      known = new Set(columns);
      yield header(columns);
    } else if (known !== undefined) {
      for (const path of leafPaths(row, false)) {
        if (!known.has(path)) {
          throw new InternalCustomerError(
            'INVALID_INPUT',
            `${caller} requires every row to fit the columns of the first row (pass columns when rows differ): row ${index} has "${path}"`,
          );
        }
      }
    }
    const cells = new Array<string>(segments.length);
    for (let column = 0; column < segments.length; column++) {
      const path = segments[column]!;
      const value = path.length === 1 ? row[path[0]!] : valueAtPath(row, path);
      cells[column] = quoteCell(
        cellText(value, neutralise, caller, `row ${index}, ${columns[column]}`),
        delimiter,
      );
    }
    yield line(cells, delimiter);
  }
}

/**
 * Writes rows as CSV lines, one string per line with its CRLF, as a generator: a streaming writer
 * for more rows than fit in memory (`Readable.from(csvLines(rows))` pipes to a file). The first
 * line is the header. Cells follow RFC 4180: a cell holding the delimiter, a quote or a line break
 * is quoted, with quotes doubled.
 *
 * Values: `null` and `undefined` are empty cells; numbers are written as `String(n)`, never
 * altered (`-3` stays `-3`); booleans `true` / `false`; a `Date` as ISO 8601; arrays of strings
 * joined with `|` (as a JSON array when an item is empty or holds `|`, when the first starts with
 * `[`, and `[]` for an empty array, so that `readCsv` reads the same list back); other arrays and
 * objects as JSON; text neutralised against formulas unless `neutraliseFormulas` is false.
 * Without `columns`, the columns are the leaf paths of the first row (nested objects flattened
 * to dotted columns such as `attributes.location`), and a later row with a value outside them
 * throws: pass `columns` when rows differ, or use `toCsv`, which looks at every row.
 *
 * O(rows x columns); memory holds one row.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown delimiter or malformed columns
 * (at the call).
 * @throws {InternalCustomerError} `INVALID_INPUT` for a row that is not a plain object, a value
 * that cannot be written (NaN, Infinity, an invalid Date, a function), or a row that does not fit
 * the first row's columns.
 *
 * @example
 * [...csvLines([{ id: 'e1', tags: ['a', 'b'] }, { id: 'e2', tags: [] }])] // => ['id,tags\r\n', 'e1,a|b\r\n', 'e2,[]\r\n']
 * [...csvLines([{ id: 'e1', note: '@home' }], { delimiter: ';' })] // => ['id;note\r\n', "e1;'@home\r\n"]
 * csvLines([], { columns: ['attributes..location'] }) // => throws INVALID_OPTION
 */
export function csvLines(
  rows: Iterable<Readonly<Record<string, unknown>>>,
  options: CsvLinesOptions = {},
): Generator<string, void, undefined> {
  const checked = normaliseWriteOptions('csvLines', options);
  if (rows === null || typeof rows !== 'object' || !(Symbol.iterator in rows)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `csvLines requires an iterable of rows, got ${rows === null ? 'null' : typeof rows}`,
    );
  }
  return writeLines(rows, checked, 'csvLines');
}
