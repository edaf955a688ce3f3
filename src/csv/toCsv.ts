import { InternalCustomerError } from '../core/errors.js';
import { type CsvLinesOptions, normaliseWriteOptions, writeLines } from './csvLines.js';
import { isPlainObject, leafPaths } from './internal/writeCells.js';

/** Options of {@link toCsv}: those of `csvLines`. */
export type ToCsvOptions = CsvLinesOptions;

/**
 * Writes rows as one CSV string (RFC 4180, CRLF line ends, a header line first), by joining the
 * lines of `csvLines`; every value rule is documented there. Without `columns`, the columns are
 * the leaf paths of all rows in order of first appearance, nested objects flattened to dotted
 * columns (`attributes.location`), so rows may differ. Text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'` unless
 * `neutraliseFormulas` is false (OWASP, CSV injection); numbers are never altered. `readCsv` with
 * `restoreFormulas` reads the output back to the same records. No rows and no columns give `''`.
 *
 * O(rows x columns); the rows and the text are held in memory (use `csvLines` to stream).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown delimiter or malformed columns.
 * @throws {InternalCustomerError} `INVALID_INPUT` for a row that is not a plain object or a value
 * that cannot be written (NaN, Infinity, an invalid Date, a function).
 *
 * @example
 * toCsv([{ id: 'e1', score: -3, note: '=1+2' }]) // => "id,score,note\r\ne1,-3,'=1+2\r\n"
 * toCsv([{ id: 'e1', attributes: { location: 'Paris, FR' } }, { id: 'e2', tags: ['a', 'b'] }]) // => 'id,attributes.location,tags\r\ne1,"Paris, FR",\r\ne2,,a|b\r\n'
 * toCsv([{ id: 'e1', score: 9 }], { columns: ['id'], delimiter: ';' }) // => 'id\r\ne1\r\n'
 * toCsv([{ score: Number.NaN }]) // => throws INVALID_INPUT
 */
export function toCsv(
  rows: Iterable<Readonly<Record<string, unknown>>>,
  options: ToCsvOptions = {},
): string {
  const checked = normaliseWriteOptions('toCsv', options);
  if (rows === null || typeof rows !== 'object' || !(Symbol.iterator in rows)) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `toCsv requires an iterable of rows, got ${rows === null ? 'null' : typeof rows}`,
    );
  }
  let all: Iterable<Readonly<Record<string, unknown>>> = rows;
  let columns = checked.columns;
  if (columns === undefined) {
    const list = Array.from(rows);
    const seen = new Set<string>();
    for (const row of list) {
      if (!isPlainObject(row)) continue; // writeLines reports it
      for (const path of leafPaths(row, true)) seen.add(path);
    }
    all = list;
    columns = list.length === 0 ? undefined : [...seen];
  }
  let text = '';
  for (const line of writeLines(all, { ...checked, columns }, 'toCsv')) text += line;
  return text;
}
