import * as z from 'zod';
import type { ValidationIssue } from '../core/errors.js';
import type { RetentionPerson, RetentionSpell } from '../retention/retentionPeople.js';
import { SeparationKindSchema, WorkerTypeSchema } from '../schemas/employee.js';
import { CalendarDaySchema, IdSchema } from '../schemas/primitives.js';
import { dataError } from './errors.js';
import type { CliIo } from './io.js';
import { type ColumnMapping, type FieldColumn, readTable } from './readTable.js';

/**
 * The columns of an employees file (one row per employment spell; a rehire has two rows with
 * one id), as the README documents them: `id` and `hireDate` required, the others optional (an
 * empty cell is absent). Rename other headers to these with `--mapping`. @internal
 */
export const EMPLOYEES_FILE_COLUMNS = [
  'id',
  'hireDate',
  'terminationDate',
  'separationKind',
  'regretted',
  'workerType',
] as const;

/** The people of an employees file and the --by value of each. @internal */
export interface EmployeesFile {
  readonly people: RetentionPerson[];
  /** Person id -> the --by value of their latest spell (null when empty). */
  readonly groupOf: ReadonlyMap<string, string | null>;
}

function rowSchema(grouped: boolean) {
  return z
    .object({
      id: IdSchema.nullable(),
      hireDate: CalendarDaySchema.nullable(),
      terminationDate: CalendarDaySchema.optional(),
      separationKind: SeparationKindSchema.optional(),
      regretted: z.boolean().optional(),
      workerType: WorkerTypeSchema.optional(),
      ...(grouped ? { group: z.string().nullable() } : {}),
    })
    .superRefine((row, context) => {
      for (const key of ['id', 'hireDate'] as const) {
        if (row[key] === null)
          context.addIssue({ code: 'custom', path: [key], message: `${key} is required` });
      }
      if (row.terminationDate === undefined) {
        for (const key of ['separationKind', 'regretted'] as const) {
          if (row[key] !== undefined) {
            context.addIssue({
              code: 'custom',
              path: [key],
              message: `${key} is only allowed with a terminationDate`,
            });
          }
        }
        return;
      }
      if (row.hireDate !== null && row.terminationDate < row.hireDate) {
        context.addIssue({
          code: 'custom',
          path: ['terminationDate'],
          message: `terminationDate ${row.terminationDate} is before hireDate ${row.hireDate}`,
        });
      }
      if (row.separationKind === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['separationKind'],
          message: 'separationKind is required with a terminationDate',
        });
      }
    });
}

/**
 * Reads an employees file into retention people: spells grouped by id and sorted by hire day,
 * the worker type and --by value of each person's latest spell. Overlapping spells of one id are
 * issues (exit code 2), as are all the row issues of the reader. @internal
 */
export async function readEmployeesFile(
  file: string,
  by: string | undefined,
  mapping: ColumnMapping,
  io: CliIo,
): Promise<EmployeesFile> {
  const fields: FieldColumn[] = EMPLOYEES_FILE_COLUMNS.map((column) => ({
    field: column,
    column,
    source: 'employees file',
  }));
  if (by !== undefined) fields.push({ field: 'group', column: by, source: '--by' });
  const { records, recordRows } = await readTable(
    file,
    rowSchema(by !== undefined),
    fields,
    mapping,
    io,
  );
  const byId = new Map<string, { row: number; record: (typeof records)[number] }[]>();
  records.forEach((record, index) => {
    const list = byId.get(record.id!) ?? [];
    list.push({ row: recordRows[index]!, record });
    byId.set(record.id!, list);
  });
  const issues: ValidationIssue[] = [];
  const people: RetentionPerson[] = [];
  const groupOf = new Map<string, string | null>();
  for (const [id, list] of byId) {
    list.sort((a, b) => (a.record.hireDate! < b.record.hireDate! ? -1 : 1));
    for (let index = 1; index < list.length; index++) {
      const previous = list[index - 1]!;
      const current = list[index]!;
      const end = previous.record.terminationDate;
      if (end === undefined || end >= current.record.hireDate!) {
        issues.push({
          row: current.row,
          path: 'hireDate',
          code: 'overlapping_spells',
          message: `row ${current.row}, hireDate: ${id} is hired on ${current.record.hireDate} while still employed from row ${previous.row} (${previous.record.hireDate} to ${end ?? 'now'})`,
        });
      }
    }
    const latest = list[list.length - 1]!.record;
    const spells: RetentionSpell[] = list.map(({ record }) => ({
      hireDate: record.hireDate!,
      ...(record.terminationDate === undefined ? {} : { terminationDate: record.terminationDate }),
      ...(record.separationKind === undefined ? {} : { separationKind: record.separationKind }),
      ...(record.regretted === undefined ? {} : { regretted: record.regretted }),
    }));
    people.push({ id, workerType: latest.workerType ?? 'employee', spells });
    const group = (latest as { group?: string | null }).group ?? null;
    groupOf.set(id, group === '' ? null : group);
  }
  if (issues.length > 0) {
    throw dataError(
      `${file === '-' ? 'standard input' : file} has ${issues.length} overlapping spell${issues.length === 1 ? '' : 's'}; nothing was computed`,
      issues,
    );
  }
  return { people, groupOf };
}
