import * as z from 'zod';
import { AttributesSchema, CalendarDaySchema, IdSchema } from './primitives.js';
import { SEPARATION_KINDS, WORKER_TYPES } from './vocabulary.js';

/**
 * Attribute names treated as protected characteristics. They must be recorded under
 * `protectedAttributes`, never in the free `attributes`, so that no model or breakdown uses them
 * unless asked to explicitly.
 */
export const PROTECTED_ATTRIBUTE_NAMES: readonly string[] = [
  'age',
  'ageBand',
  'gender',
  'sex',
  'ethnicity',
  'race',
  'religion',
  'disability',
  'sexualOrientation',
  'maritalStatus',
  'pregnancy',
  'nationality',
];

const protectedNames = new Set(PROTECTED_ATTRIBUTE_NAMES.map((name) => name.toLowerCase()));

/**
 * How a person works for the organisation. Only `employee` and `direct-temporary` count in
 * headcount and turnover (SHRM); contractors and agency staff are people a manager serves but are
 * not on the payroll.
 */
export const WorkerTypeSchema = z.enum(WORKER_TYPES);
/** How a person works for the organisation (see {@link WorkerTypeSchema}). */
export type WorkerType = z.infer<typeof WorkerTypeSchema>;

/**
 * A person. Employment dates live in {@link EmploymentSpellSchema} records (one per spell, so a
 * rehire is two spells); reporting lines in assignments.
 *
 * - `birthDate` is optional and used for birthday reminders only when `shareBirthday` is true
 *   (opt-in).
 * - `preferredOneOnOneDays`: the cadence the employee asked for, "on the employee's terms".
 * - `attributes`: free segmentation attributes (location, role, level ...).
 * - `protectedAttributes`: protected characteristics (gender, age band, ethnicity, marital status
 *   ...), never used by default in risk models or breakdowns. A protected name in `attributes` is
 *   refused, so that it cannot slip in by accident.
 */
export const EmployeeSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().min(1, 'must not be empty'),
    workerType: WorkerTypeSchema.default('employee'),
    birthDate: CalendarDaySchema.optional(),
    shareBirthday: z.boolean().default(false),
    preferredOneOnOneDays: z.int().min(1).max(366).optional(),
    attributes: AttributesSchema.default({}),
    protectedAttributes: AttributesSchema.default({}),
  })
  .superRefine((employee, context) => {
    for (const key of Object.keys(employee.attributes)) {
      if (protectedNames.has(key.toLowerCase())) {
        context.addIssue({
          code: 'custom',
          path: ['attributes', key],
          message: `"${key}" is a protected attribute: record it under protectedAttributes`,
        });
      }
    }
  });
/** A person (see {@link EmployeeSchema}). */
export type Employee = z.infer<typeof EmployeeSchema>;

/** Why a person left: BLS JOLTS splits separations into quits, layoffs and discharges, and other. */
export const SeparationKindSchema = z.enum(SEPARATION_KINDS);
/** Why a person left: `voluntary`, `involuntary` or `other` (BLS JOLTS). */
export type SeparationKind = z.infer<typeof SeparationKindSchema>;

/**
 * One continuous period of employment. `terminationDate` is the last day employed (DESIGN.md), on
 * or after `hireDate`; when present, `separationKind` is required and `regretted` says whether the
 * organisation wished to keep the person. A rehired person has two spells, which must not overlap.
 */
export const EmploymentSpellSchema = z
  .strictObject({
    employeeId: IdSchema,
    hireDate: CalendarDaySchema,
    terminationDate: CalendarDaySchema.optional(),
    separationKind: SeparationKindSchema.optional(),
    regretted: z.boolean().optional(),
  })
  .superRefine((spell, context) => {
    if (spell.terminationDate === undefined) {
      for (const key of ['separationKind', 'regretted'] as const) {
        if (spell[key] !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [key],
            message: `${key} is only allowed with a terminationDate`,
          });
        }
      }
      return;
    }
    if (spell.terminationDate < spell.hireDate) {
      context.addIssue({
        code: 'custom',
        path: ['terminationDate'],
        message: `terminationDate ${spell.terminationDate} is before hireDate ${spell.hireDate}`,
      });
    }
    if (spell.separationKind === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['separationKind'],
        message: 'separationKind is required with a terminationDate',
      });
    }
  });
/** One period of employment (see {@link EmploymentSpellSchema}). */
export type EmploymentSpell = z.infer<typeof EmploymentSpellSchema>;
