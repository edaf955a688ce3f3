import { InternalCustomerError } from '../core/errors.js';

/** Options of {@link textTable}. */
export interface TextTableOptions {
  /** The column headings; every row has one cell per heading. */
  readonly header: readonly string[];
  /**
   * Alignment per column. Default: `right` for a column whose cells all read as numbers
   * (`-3`, `12.5%`, `+4.0`, the missing mark `–`, or empty), `left` otherwise.
   */
  readonly align?: readonly ('left' | 'right')[];
  /** Spaces between columns. Default 2. */
  readonly gap?: number;
}

const NUMERIC = /^(?:[+-]?\d+(?:\.\d+)?%?|–|)$/;

/** Width in code points, so `é` or `Ø` counts once. */
const width = (text: string) => [...text].length;

/**
 * Lays out rows of text as a plain-text table for a terminal: a heading line, a rule of dashes,
 * then one line per row, columns padded to their widest cell, numbers right-aligned. Cells are
 * text already formatted (see {@link formatNumber}); no colour and no trailing spaces, so the
 * output diffs cleanly and pipes into other tools. O(cells).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a row whose length differs from the header's,
 * or a cell holding a line break.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an alignment list of the wrong length or a
 * gap that is not a whole number from 1 to 8.
 *
 * @example
 * textTable([['Sales', '12.5'], ['Support', '-3.0']], { header: ['team', 'eNPS'] }) // => 'team     eNPS\n-------  ----\nSales    12.5\nSupport  -3.0'
 * textTable([['a']], { header: ['x', 'y'] }) // => throws INVALID_INPUT
 */
export function textTable(rows: readonly (readonly string[])[], options: TextTableOptions): string {
  const { header } = options;
  const gap = options.gap ?? 2;
  if (!Number.isInteger(gap) || gap < 1 || gap > 8) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `textTable requires gap as a whole number from 1 to 8, got ${String(gap)}`,
    );
  }
  if (options.align !== undefined && options.align.length !== header.length) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `textTable requires one alignment per column (${header.length}), got ${options.align.length}`,
    );
  }
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `textTable requires ${header.length} cells per row, got ${row.length} in row ${index + 1}`,
      );
    }
    for (const cell of row) {
      if (/[\r\n]/.test(cell)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `textTable requires cells without line breaks, got ${JSON.stringify(cell)} in row ${index + 1}`,
        );
      }
    }
  });
  const widths = header.map((heading, column) =>
    Math.max(width(heading), ...rows.map((row) => width(row[column]!))),
  );
  const align = header.map(
    (_, column) =>
      options.align?.[column] ??
      (rows.length > 0 && rows.every((row) => NUMERIC.test(row[column]!)) ? 'right' : 'left'),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column]! - width(cell));
        return align[column] === 'right' ? padding + cell : cell + padding;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
