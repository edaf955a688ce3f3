import { UTCDate } from '@date-fns/utc';
import { formatISO } from 'date-fns/formatISO';
import { subMonths } from 'date-fns/subMonths';
import type { ValidationIssue, ValidationIssueCode } from '../core/errors.js';
import { describeValue } from '../internal/describeValue.js';
import { DayProblem, readDay } from './dayFormats.js';
import type { FieldRule, LoadMapping } from './mappingSchema.js';

/** A problem found while loading, naming the file it was found in. */
export interface LoadIssue extends ValidationIssue {
  /** The file (its name as given), when the issue belongs to one. */
  readonly file?: string;
}

/** One record of a file as split: its fields, data row (1-based after the header) and line. */
export interface SourceRow {
  readonly fields: readonly string[];
  readonly row: number;
  readonly line: number;
}

/** One row after its mapping: the value of each mapped field (dotted paths), with its origin. */
export interface MappedRow {
  readonly row: number;
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** What {@link mapRows} gives: the rows that mapped, every issue and warnings about precision. */
export interface MapRowsResult {
  readonly rows: MappedRow[];
  readonly issues: LoadIssue[];
  readonly warnings: string[];
}

type Kind = 'text' | 'day' | 'instant' | 'boolean' | 'number' | 'answer';

function kindOf(field: string): Kind {
  switch (field) {
    case 'hireDate':
    case 'terminationDate':
    case 'birthDate':
      return 'day';
    case 'submittedAt':
      return 'instant';
    case 'left':
    case 'regretted':
      return 'boolean';
    case 'tenure':
      return 'number';
    default:
      return field.startsWith('answers.') ? 'answer' : 'text';
  }
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** A field's rule, its column's position and what the reading needs. */
interface Plan {
  readonly field: string;
  readonly rule: FieldRule;
  readonly index: number | undefined;
  readonly kind: Kind;
  readonly missing: ReadonlySet<string>;
}

function normalRule(rule: string | FieldRule): FieldRule {
  return typeof rule === 'string' ? { column: rule } : rule;
}

/** Where a row is, for messages: `hr.csv row 4 (line 5)`. */
function where(file: string | undefined, row: number, line: number): string {
  return `${file === undefined ? '' : `${file} `}row ${row} (line ${line})`;
}

/** The header position of a column: exact, or equal once trimmed and lower-cased. */
function columnIndex(header: readonly string[], column: string): number | undefined {
  const exact = header.indexOf(column);
  if (exact >= 0) return exact;
  const wanted = column.trim().toLowerCase();
  const loose = header.findIndex((name) => name.trim().toLowerCase() === wanted);
  return loose >= 0 ? loose : undefined;
}

/** Converts a cell's text to the value of its field, or says why it cannot. */
function convert(text: string, plan: Plan, decimalComma: boolean): unknown {
  switch (plan.kind) {
    case 'day':
    case 'instant': {
      if (plan.kind === 'instant' && plan.rule.date === undefined && /T\d{2}:\d{2}/.test(text))
        return text;
      const day = readDay(text, plan.rule.date ?? 'YYYY-MM-DD', plan.rule);
      if (day instanceof DayProblem) {
        return new DayProblem(
          `${day.detail}${plan.rule.date === undefined ? ' (declare the column\'s "date" format: M/D/YYYY, DD/MM/YYYY, D.M.YYYY, excel-1900 ...)' : ''}`,
        );
      }
      return plan.kind === 'instant' ? `${day}T00:00:00Z` : day;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (YES.has(lower)) return true;
      if (NO.has(lower)) return false;
      return new DayProblem(
        'is not a yes/no value (yes, no, true, false, 1, 0): map it with "values"',
      );
    }
    case 'number':
    case 'answer': {
      const normal = decimalComma ? text.replace(',', '.') : text;
      if (/^-?\d+(?:\.\d+)?$/.test(normal)) return Number(normal);
      return plan.kind === 'answer' ? text : new DayProblem('is not a number');
    }
    case 'text':
      return text;
  }
}

function planFields(
  header: readonly string[],
  mapping: LoadMapping,
  file: string | undefined,
  issues: LoadIssue[],
): Plan[] {
  const shared = mapping.missing ?? [];
  const plans: Plan[] = [];
  for (const [field, given] of Object.entries(mapping.fields)) {
    const rule = normalRule(given);
    let index: number | undefined;
    if (rule.column !== undefined) {
      index = columnIndex(header, rule.column);
      if (index === undefined) {
        issues.push({
          row: 0,
          path: field,
          code: 'missing_column',
          message: `${file === undefined ? '' : `${file}: `}column ${JSON.stringify(rule.column)} (for ${field}) is not in the header (${header.map((name) => JSON.stringify(name)).join(', ')})`,
          ...(file === undefined ? {} : { file }),
        });
        continue;
      }
    }
    plans.push({
      field,
      rule,
      index,
      kind: kindOf(field),
      missing: new Set([...shared, ...(rule.missing ?? [])]),
    });
  }
  return plans;
}

/** One field's value on a row: `undefined` when missing, a {@link DayProblem} when unreadable. */
function fieldValue(plan: Plan, fields: readonly string[], decimalComma: boolean): unknown {
  const { rule } = plan;
  if (rule.constant !== undefined) return rule.constant ?? undefined;
  if (plan.index === undefined) return rule.default ?? undefined;
  const raw = fields[plan.index!] ?? '';
  const text = rule.trim === false ? raw : raw.trim();
  let value: unknown;
  if (text === '' || plan.missing.has(raw) || plan.missing.has(text)) value = undefined;
  else if (rule.values !== undefined) {
    const mapped = Object.hasOwn(rule.values, raw)
      ? rule.values[raw]
      : Object.hasOwn(rule.values, text)
        ? rule.values[text]
        : new DayProblem(
            `is not in the value map (${Object.keys(rule.values)
              .map((key) => JSON.stringify(key))
              .join(', ')})`,
          );
    value = mapped === null ? undefined : mapped;
    if (typeof value === 'string' && plan.kind !== 'text' && plan.kind !== 'answer')
      value = convert(value, plan, decimalComma);
  } else value = convert(text, plan, decimalComma);
  return value === undefined ? (rule.default ?? undefined) : value;
}

/**
 * Derives the fields a file leaves implicit: a person left when the `left` flag says so (or, with
 * no flag, when a termination date is present), and only leavers keep a termination date,
 * separation kind and regretted; a hire date from tenure counts back from the termination date
 * (leavers) or `asOf`. Returns a problem text, or undefined.
 */
function derive(values: Record<string, unknown>, mapping: LoadMapping): string | undefined {
  if (mapping.kind !== 'employees') return undefined;
  const left =
    values.left === undefined ? values.terminationDate !== undefined : values.left === true;
  if (!left) {
    delete values.terminationDate;
    delete values.separationKind;
    delete values.regretted;
  } else if (values.terminationDate === undefined) {
    return 'left, but has no terminationDate: map a column of termination dates or give it a "default" (the file\'s as-of day, for a snapshot of leavers)';
  }
  if (values.hireDate === undefined && typeof values.tenure === 'number') {
    const end = (left ? values.terminationDate : mapping.asOf) as string;
    const unit = (mapping.fields.tenure as FieldRule).unit;
    const months = Math.round(unit === 'years' ? values.tenure * 12 : values.tenure);
    const [year, month, day] = end.split('-').map(Number) as [number, number, number];
    values.hireDate = formatISO(subMonths(new UTCDate(year, month - 1, day), months), {
      representation: 'date',
    });
  }
  delete values.tenure;
  delete values.left;
  return undefined;
}

/** Maps one file's rows one at a time (see {@link createRowMapper}). */
export interface RowMapper {
  /** The issues of the header (a mapped column it lacks), found when the mapper was made. */
  readonly headerIssues: readonly LoadIssue[];
  /** The row mapped, or undefined when it has issues (pushed onto `issues`). */
  map(source: SourceRow, issues: LoadIssue[]): MappedRow | undefined;
  /** Warnings about the rows mapped so far (a hire date derived from tenure). */
  warnings(): string[];
}

/**
 * Maps the rows of one file one at a time, as {@link mapRows} does all at once: for a reader
 * that streams a file and keeps only what it needs of each row (the command line counting
 * answers of a 10-million-row export). Pure; O(fields) per row.
 *
 * @example
 * const mapping = parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: { column: 'Start', date: 'D.M.YYYY' } } });
 * const mapper = createRowMapper(['Id', 'Start'], mapping, { file: 'hr.csv' });
 * mapper.map({ fields: ['e1', '4.7.2011'], row: 1, line: 2 }, [])?.values // => { id: 'e1', hireDate: '2011-07-04' }
 */
export function createRowMapper(
  header: readonly string[],
  mapping: LoadMapping,
  options: { readonly file?: string } = {},
): RowMapper {
  const file = options.file;
  const headerIssues: LoadIssue[] = [];
  const plans = planFields(header, mapping, file, headerIssues);
  const decimalComma = mapping.decimalComma === true;
  let derivedFromTenure = 0;
  return {
    headerIssues,
    map(source, issues) {
      const values: Record<string, unknown> = {};
      let bad = false;
      const fail = (path: string, code: ValidationIssueCode, message: string) => {
        bad = true;
        issues.push({
          row: source.row,
          line: source.line,
          path,
          code,
          message: `${where(file, source.row, source.line)}, ${message}`,
          ...(file === undefined ? {} : { file }),
        });
      };
      for (const plan of plans) {
        const value = fieldValue(plan, source.fields, decimalComma);
        if (value instanceof DayProblem) {
          const cell = source.fields[plan.index!] ?? '';
          fail(
            plan.field,
            issueCode(plan, value),
            `${plan.field} (column ${JSON.stringify(plan.rule.column)}): ${describeValue(cell)} ${value.detail}`,
          );
        } else if (value !== undefined) values[plan.field] = value;
      }
      if (bad) return undefined;
      const fromTenure = values.hireDate === undefined && values.tenure !== undefined;
      const problem = derive(values, mapping);
      if (problem !== undefined) {
        fail('terminationDate', 'custom', problem);
        return undefined;
      }
      if (fromTenure) derivedFromTenure++;
      return { row: source.row, line: source.line, values };
    },
    warnings() {
      if (derivedFromTenure === 0) return [];
      const unit = (mapping.fields.tenure as FieldRule).unit;
      return [
        `${file === undefined ? '' : `${file}: `}the hire date of ${derivedFromTenure} row${derivedFromTenure === 1 ? '' : 's'} is derived from tenure in whole ${unit} counted back from ${mapping.asOf ?? 'asOf'} (or the termination date): tenures and survival curves are precise to about a ${unit === 'years' ? 'year' : 'month'}, not a day`,
      ];
    },
  };
}

/** The code of a cell's issue: off the value map, a day, a yes/no flag or a number. */
function issueCode(plan: Plan, problem: DayProblem): ValidationIssueCode {
  if (plan.rule.values !== undefined && /value map/.test(problem.detail)) return 'invalid_value';
  if (plan.kind === 'day' || plan.kind === 'instant') return 'invalid_date';
  return plan.kind === 'boolean' ? 'invalid_boolean' : 'invalid_number';
}

/**
 * Maps the rows of one file with its mapping (see `LoadMappingSchema`): each field is read from
 * its column (or is a constant), trimmed, checked against the missing texts (the empty cell, the
 * file's list, the column's list), looked up in its value map, converted (days from the
 * column's format, yes/no flags, numbers), defaulted when missing, then the implicit fields are
 * derived (who left, a hire date from tenure). A cell that cannot be read is a row issue naming
 * the file, the row and line, the field, the column and the format expected; the row is then left
 * out. Pure: the caller splits the file into rows (the `load` module's `readMappedFile` does).
 *
 * O(rows x fields).
 *
 * @example
 * const mapping = parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: { column: 'Start', date: 'M/D/YYYY' }, terminationDate: { column: 'End', date: 'M/D/YYYY', missing: ['12/12/2999'] }, separationKind: { column: 'Why', values: { Quit: 'voluntary', Fired: 'involuntary' } } } });
 * const { rows, issues } = mapRows(['Id', 'Start', 'End', 'Why'], [{ fields: ['e1', '7/4/2011', '12/12/2999', ''], row: 1, line: 2 }, { fields: ['e2', '7/4/2011', '1/31/2015', 'Quit'], row: 2, line: 3 }, { fields: ['e3', '31/12/2011', '', ''], row: 3, line: 4 }], mapping, { file: 'hr.csv' });
 * rows.map((row) => row.values) // => [{ id: 'e1', hireDate: '2011-07-04' }, { id: 'e2', hireDate: '2011-07-04', terminationDate: '2015-01-31', separationKind: 'voluntary' }]
 * issues[0]?.message // => 'hr.csv row 3 (line 4), hireDate (column "Start"): "31/12/2011" is not a day written as M/D/YYYY'
 */
export function mapRows(
  header: readonly string[],
  rows: Iterable<SourceRow>,
  mapping: LoadMapping,
  options: { readonly file?: string } = {},
): MapRowsResult {
  const mapper = createRowMapper(header, mapping, options);
  const issues: LoadIssue[] = [...mapper.headerIssues];
  const out: MappedRow[] = [];
  for (const source of rows) {
    const mapped = mapper.map(source, issues);
    if (mapped !== undefined) out.push(mapped);
  }
  return { rows: out, issues, warnings: mapper.warnings() };
}
