import * as z from 'zod';
import { InternalCustomerError } from '../core/errors.js';
import { jsonOption, optionProblem } from '../internal/jsonOption.js';
import { parseRow } from '../internal/rows/parseRow.js';
import { isTwoDigitYearFormat } from './dayFormats.js';
import { type FieldRule, type LoadMapping, LoadMappingSchema } from './mappingSchema.js';

/** The fields each kind of file can fill, beside `attributes.*` (and `answers.*` for responses). */
export const MAPPED_FIELDS = {
  employees: [
    'id',
    'name',
    'workerType',
    'birthDate',
    'hireDate',
    'terminationDate',
    'separationKind',
    'regretted',
    'left',
    'tenure',
    'managerId',
    'managerName',
    'team',
  ],
  responses: ['id', 'respondentId', 'submittedAt'],
} as const;

/** Whether a kind of file can fill a field. @internal */
export function isMappedField(kind: LoadMapping['kind'], field: string): boolean {
  if (field.startsWith('attributes.') && field.split('.').length === 2) return true;
  if (kind === 'employees')
    return (
      (MAPPED_FIELDS.employees as readonly string[]).includes(field) ||
      (field.startsWith('protectedAttributes.') && field.split('.').length === 2)
    );
  return (
    (MAPPED_FIELDS.responses as readonly string[]).includes(field) ||
    (field.startsWith('answers.') && field.split('.').length === 2)
  );
}

/** A two-digit year format without its century pivot, or a pivot without such a format. */
function centuryProblems(field: string, rule: FieldRule): string[] {
  const twoDigits = rule.date !== undefined && isTwoDigitYearFormat(rule.date);
  if (twoDigits && rule.twoDigitYearStart === undefined)
    return [
      `fields.${field}: "date": "${rule.date}" writes years with two digits, which are never guessed: give the century pivot "twoDigitYearStart" (the first year a two-digit year can mean, such as 1950 for 1950-2049)`,
    ];
  if (!twoDigits && rule.twoDigitYearStart !== undefined)
    return [
      `fields.${field}: "twoDigitYearStart" belongs to a "date" format with two-digit years (M/D/YY, DD/MM/YY ...)`,
    ];
  return [];
}

/** The problems a mapping has beyond its schema: fields its kind cannot fill, missing parts. */
function mappingProblems(mapping: LoadMapping): string[] {
  const problems: string[] = [];
  if (mapping.toConfirm !== undefined && mapping.toConfirm.length > 0) {
    problems.push(
      `it has ${mapping.toConfirm.length} point${mapping.toConfirm.length === 1 ? '' : 's'} to confirm (toConfirm: ${mapping.toConfirm.join('; ')}); check each, then empty the list`,
    );
  }
  for (const [field, rule] of Object.entries(mapping.fields)) {
    if (!isMappedField(mapping.kind, field)) {
      problems.push(
        `fields.${field}: a ${mapping.kind} file fills ${[...MAPPED_FIELDS[mapping.kind]].join(', ')}, attributes.*${mapping.kind === 'employees' ? ', protectedAttributes.*' : ', answers.*'}`,
      );
    }
    if (typeof rule === 'object' && rule.unit !== undefined && field !== 'tenure') {
      problems.push(`fields.${field}: "unit" belongs to tenure only`);
    }
    if (typeof rule === 'object') problems.push(...centuryProblems(field, rule));
  }
  const fields = mapping.fields;
  if (fields.id === undefined && mapping.kind === 'employees')
    problems.push('fields.id is required');
  if (mapping.kind === 'employees') {
    if (fields.managerId !== undefined && fields.managerName !== undefined)
      problems.push('give managerId or managerName, not both');
    const tenure = fields.tenure;
    if (tenure !== undefined && (typeof tenure === 'string' || tenure.unit === undefined))
      problems.push('fields.tenure needs its "unit": "years" or "months"');
    if (tenure !== undefined && fields.hireDate === undefined && mapping.asOf === undefined)
      problems.push('a hire date derived from tenure needs "asOf", the day the file describes');
    if (fields.hireDate === undefined && tenure === undefined)
      problems.push('fields.hireDate (or fields.tenure with asOf) is required');
  } else {
    if (mapping.survey === undefined)
      problems.push('a responses file needs "survey": { "id": ... }');
    for (const field of Object.keys(fields)) {
      const question = field.startsWith('answers.') ? field.slice('answers.'.length) : undefined;
      if (question !== undefined && mapping.questions?.[question] === undefined)
        problems.push(
          `${field} needs its question declared in "questions" (kind enps, likert ...)`,
        );
    }
  }
  return problems;
}

/**
 * Reads a mapping file (the JSON text, or the value it parses to) and checks it: against
 * {@link LoadMappingSchema}, then that each field is one its kind of file can fill and that
 * derived fields have what they need (tenure its unit and `asOf`; a responses file its survey and
 * the questions of its answers). Pure; runs anywhere.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for text that is not JSON or a mapping that
 * does not fit, with every problem in the message.
 *
 * @example
 * const mapping = parseLoadMapping('{ "kind": "employees", "fields": { "id": "EmpID", "hireDate": { "column": "DateofHire", "date": "M/D/YYYY" } } }');
 * mapping.fields.id // => 'EmpID'
 * parseLoadMapping({ kind: 'employees', fields: { id: 'EmpID' } }) // => throws INVALID_OPTION
 * parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: 'Start', salary: 'Pay' } }) // => throws INVALID_OPTION
 */
export function parseLoadMapping(json: unknown): LoadMapping {
  const value = jsonOption(json, 'parseLoadMapping');
  const result = parseRow(LoadMappingSchema, value, 1);
  const problems = result.ok
    ? mappingProblems(result.record)
    : result.issues.map((issue) => optionProblem(issue.message));
  if (!result.ok || problems.length > 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `parseLoadMapping requires a mapping { "kind": "employees" | "responses", "fields": { ... } }: ${problems.join('; ')}`,
    );
  }
  return result.record;
}

/**
 * The JSON Schema (draft 2020-12) of mapping files, generated from {@link LoadMappingSchema}, for
 * editors (`"$schema"` in a mapping file) and tools in other languages. It cannot carry the checks
 * of {@link parseLoadMapping} beyond the shape (which fields a kind fills, derived fields' needs).
 *
 * @example
 * loadMappingJsonSchema().required // => ['kind', 'fields']
 */
export function loadMappingJsonSchema(): Record<string, unknown> & { required?: string[] } {
  return z.toJSONSchema(LoadMappingSchema, { io: 'input' }) as Record<string, unknown> & {
    required?: string[];
  };
}
