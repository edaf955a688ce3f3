import type * as z from 'zod';
import { InternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { describeValue } from '../internal/describeValue.js';
import { hasReservedKey, parseRow } from '../internal/rows/parseRow.js';
import { type CellOptions, CellProblem, convertCell } from './internal/convertCell.js';
import { restoreFormula } from './internal/formulas.js';
import { type Column, planColumns } from './internal/planColumns.js';
import { type NormalisedReadOptions, normaliseReadOptions } from './internal/readOptions.js';
import type { CsvIssueItem, CsvItem, ReadCsvOptions } from './readCsv.js';

/** Options of {@link createRowStage}: those of `readCsv` that concern one row. */
export interface RowStageOptions<S extends z.ZodType = z.ZodType>
  extends Pick<
    ReadCsvOptions<S>,
    'schema' | 'mapping' | 'decimalComma' | 'dateFormat' | 'restoreFormulas' | 'collection'
  > {
  /**
   * The function named in option errors and in the `empty_file` issue, for a reader built on the
   * stage. Default `'createRowStage'`.
   */
  readonly caller?: string;
}

/** A column of the file that fills a field of the record: its position and the field's path. */
export interface RowStageColumn {
  /** Position of the column in each row (0-based). */
  readonly index: number;
  /** The field's dotted path (`answers.enps`). */
  readonly path: string;
}

/**
 * The row stage of the CSV reader (see {@link createRowStage}). Each method appends its items to
 * `out` (a new array when absent) and returns it.
 */
export interface RowStage<T> {
  /**
   * Takes the header's fields (the file's first record, starting on `line`) and plans which column
   * fills which field: gives the header's issues (row 0). Call it once, before any row.
   */
  header(fields: readonly string[], line: number, out?: CsvItem<T>[]): CsvItem<T>[];
  /** The planned columns (undefined before the header). */
  readonly columns: readonly RowStageColumn[] | undefined;
  /** Fields in the header (0 before it). */
  readonly headerLength: number;
  /** Reads data row `row` (1-based) starting on `line`: its record, or its issues. */
  row(fields: readonly string[], row: number, line: number, out?: CsvItem<T>[]): CsvItem<T>[];
  /** The issue of a record the splitter could not read (`malformed_row`), with its reason. */
  malformed(problem: string, row: number, line: number, out?: CsvItem<T>[]): CsvItem<T>[];
  /** The issue of an input without a header (`empty_file`), once the whole input is read. */
  noHeader(out?: CsvItem<T>[]): CsvItem<T>[];
}

/**
 * The prototype of the objects rows are built into: empty and without a prototype of its own, so
 * that a row has no inherited keys (`"toString" in row` is false, as for `Object.create(null)`),
 * while V8 keeps the rows themselves as fast objects rather than dictionaries.
 */
const ROW_PROTOTYPE: object = Object.freeze(Object.create(null));

/** Sets a value at a path of objects without inherited keys; paths never hold reserved keys. */
function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown) {
  let node = target;
  const last = segments.length - 1;
  for (let index = 0; index < last; index++) {
    const key = segments[index]!;
    let next = node[key] as Record<string, unknown> | undefined;
    if (next === undefined) {
      next = Object.create(ROW_PROTOTYPE) as Record<string, unknown>;
      node[key] = next;
    }
    node = next;
  }
  node[segments[last]!] = value;
}

function covers(failed: readonly string[], path: string): boolean {
  return failed.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/** The row stage from checked options. @internal */
export class RowStageReader<T> implements RowStage<T> {
  private planned: Column[] | undefined;
  private length = 0;
  private readonly cell: CellOptions;

  constructor(
    private readonly options: NormalisedReadOptions,
    private readonly caller: string,
  ) {
    this.cell = { decimalComma: options.decimalComma, dateFormat: options.dateFormat };
  }

  get columns(): readonly RowStageColumn[] | undefined {
    return this.planned;
  }

  get headerLength(): number {
    return this.length;
  }

  /** `row 3`, or `employees row 3` with a collection, as `parseRow` writes it. */
  private where(row: number): string {
    const collection = this.options.collection;
    const text = row === 0 ? 'header' : `row ${row}`;
    return collection === undefined ? text : `${collection} ${text}`;
  }

  private issue(row: number, line: number, issue: Omit<ValidationIssue, 'row' | 'line'>) {
    const collection = this.options.collection;
    return {
      kind: 'issue' as const,
      row,
      line,
      issue: {
        row,
        ...issue,
        ...(collection === undefined ? {} : { collection }),
        line,
      },
    } satisfies CsvIssueItem;
  }

  header(fields: readonly string[], line: number, out: CsvItem<T>[] = []): CsvItem<T>[] {
    const text = this.options.restoreFormulas ? fields.map(restoreFormula) : fields;
    const plan = planColumns(text, this.options.schema, this.options.mapping);
    this.planned = plan.columns;
    this.length = fields.length;
    for (const problem of plan.problems) out.push(this.issue(0, line, problem));
    return out;
  }

  malformed(problem: string, row: number, line: number, out: CsvItem<T>[] = []): CsvItem<T>[] {
    out.push(
      this.issue(row, line, {
        path: '',
        code: 'malformed_row',
        message: `${this.where(row)}: csv-parse could not read it: ${problem}`,
      }),
    );
    return out;
  }

  noHeader(out: CsvItem<T>[] = []): CsvItem<T>[] {
    out.push(
      this.issue(0, 1, {
        path: '',
        code: 'empty_file',
        message: `${this.caller} found no header row: the input is empty (or only blank lines)`,
      }),
    );
    return out;
  }

  row(fields: readonly string[], row: number, line: number, out: CsvItem<T>[] = []): CsvItem<T>[] {
    const columns = this.planned;
    if (columns === undefined) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${this.caller} requires the header before the rows (RowStage.header)`,
      );
    }
    if (fields.length !== this.length) {
      out.push(
        this.issue(row, line, {
          path: '',
          code: 'column_count',
          message: `${this.where(row)}: has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${this.length}`,
        }),
      );
      return out;
    }
    const restore = this.options.restoreFormulas;
    const target = Object.create(ROW_PROTOTYPE) as Record<string, unknown>;
    // Keys come from the planned columns, which are never reserved; only JSON cells can hold an
    // own "__proto__" key, so only they are scanned here.
    let reservedInCells = false;
    let problems: CsvIssueItem[] | undefined;
    let failed: string[] | undefined;
    for (const column of columns) {
      let text = fields[column.index]!;
      if (text === '') {
        if (column.field.acceptsNull) setPath(target, column.segments, null);
        continue;
      }
      if (restore) text = restoreFormula(text);
      const value = convertCell(text, column.field, this.cell);
      if (value instanceof CellProblem) {
        problems ??= [];
        failed ??= [];
        problems.push(
          this.issue(row, line, {
            path: column.path,
            code: value.code,
            message: `${this.where(row)}, ${column.path}: ${describeValue(text)} ${value.detail}`,
          }),
        );
        failed.push(column.path);
        continue;
      }
      if (typeof value === 'object' && value !== null && hasReservedKey(value)) {
        reservedInCells = true;
      }
      setPath(target, column.segments, value);
    }
    const result = parseRow(this.options.schema, target, row, {
      collection: this.options.collection,
      line,
      noReservedKeys: !reservedInCells,
    });
    if (result.ok && problems === undefined) {
      out.push({ kind: 'record', row, line, record: result.record as T });
      return out;
    }
    if (problems !== undefined) for (const problem of problems) out.push(problem);
    if (!result.ok) {
      for (const issue of result.issues) {
        // A field that could not be converted is absent; do not report it twice.
        if (failed !== undefined && covers(failed, issue.path)) continue;
        out.push({ kind: 'issue', row, line, issue });
      }
    }
    return out;
  }
}

/**
 * The row stage of `readCsv`, for readers of other shapes of files (the eNPS file reader of
 * `internal-customer/tallies` is one): it turns one record's fields into a validated record or its
 * issues, exactly as `readCsv` does. `header` plans the columns from the header's names (and the
 * mapping) and reports the header's problems; `row` converts each cell to the type of the field it
 * fills (see `readCsv` for the rules), validates the row with the schema (zod's compiled parser, as
 * `parseRecords`) and reports every problem with its row, line and field; `malformed` and
 * `noHeader` word the issues of a record the splitter could not read and of an empty input. The
 * caller splits the text into records and numbers them: rows from 1 after the header, lines as
 * physical lines (1-based) where each record starts.
 *
 * O(fields of the row) for each row.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a missing schema or an unknown date format
 * or mapping path (at the call).
 * @throws {InternalCustomerError} `INVALID_INPUT` from `row` before `header`.
 *
 * @example
 * const stage = createRowStage({ schema: z.object({ id: z.string(), score: EnpsScoreSchema }) });
 * stage.header(['id', 'score'], 1) // => []
 * stage.row(['e1', '9'], 1, 2) // => [{ kind: 'record', row: 1, line: 2, record: { id: 'e1', score: 9 } }]
 * stage.row(['e2', '7.5'], 2, 3)[0].issue.path // => 'score'
 * stage.row(['e3'], 3, 4)[0].issue.code // => 'column_count'
 * createRowStage({ schema: z.object({}) }).row([], 1, 1) // => throws INVALID_INPUT
 * createRowStage({ schema: z.object({}), dateFormat: 'banana' }) // => throws INVALID_OPTION
 */
export function createRowStage<S extends z.ZodType>(
  options: RowStageOptions<S>,
): RowStage<z.output<S>> {
  const caller = typeof options?.caller === 'string' ? options.caller : 'createRowStage';
  return new RowStageReader<z.output<S>>(normaliseReadOptions(caller, options), caller);
}
