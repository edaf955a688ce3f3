import * as z from 'zod';
import { CalendarDaySchema, IdSchema, RESERVED_KEYS } from '../schemas/primitives.js';
import { CONFIDENTIALITY_MODES } from '../schemas/vocabulary.js';
import { DAY_FORMATS } from './dayFormats.js';

/** A value a mapping can give a field: text, a number, yes/no, or null (missing). */
const MappedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** How one field of the records is filled from a row (see {@link LoadMappingSchema}). */
export const FieldRuleSchema = z
  .strictObject({
    column: z.string().min(1).optional().describe('the header of the column that fills the field'),
    constant: MappedValueSchema.optional().describe('the same value on every row (no column)'),
    default: MappedValueSchema.optional().describe('the value when the cell is missing'),
    values: z
      .record(z.string(), MappedValueSchema)
      .optional()
      .describe(
        'a value map: cell text (as written, or trimmed) -> value; null means missing. A text not in the map is a row issue',
      ),
    missing: z
      .array(z.string())
      .optional()
      .describe(
        'texts that mean "missing" in this column (beside the empty cell and the file-wide list)',
      ),
    date: z
      .enum(DAY_FORMATS)
      .optional()
      .describe(
        'how the column writes days (default YYYY-MM-DD); a YY format (two-digit years) needs "twoDigitYearStart"',
      ),
    twoDigitYearStart: z
      .int()
      .min(1000)
      .max(9899)
      .optional()
      .describe(
        'the century pivot of a YY date format, required by it: the first year a two-digit year can mean (1950: 50-99 are 1950-1999, 00-49 are 2000-2049)',
      ),
    unit: z.enum(['years', 'months']).optional().describe('for tenure: the unit of the number'),
    trim: z
      .boolean()
      .optional()
      .describe('trim white space around the cell (default true: "M " is "M")'),
  })
  .refine(
    (rule) =>
      !(rule.column !== undefined && rule.constant !== undefined) &&
      (rule.column !== undefined || rule.constant !== undefined || rule.default !== undefined),
    { message: 'give a "column", or a "constant", or only a "default"' },
  );

/** How a field is filled: a column's header (shorthand), or a {@link FieldRuleSchema} object. */
export const FieldMappingSchema = z.union([z.string().min(1), FieldRuleSchema]);

const FieldPathSchema = z
  .string()
  .min(1)
  .refine(
    (path) => path.split('.').every((segment) => segment !== '' && !RESERVED_KEYS.has(segment)),
    {
      message: 'must be a dotted field path such as "attributes.location", without reserved keys',
    },
  );

const QuestionDeclarationSchema = z.union([
  z.strictObject({ kind: z.literal('enps'), text: z.string().min(1).optional() }),
  z.strictObject({
    kind: z.literal('likert'),
    points: z.int().min(2).max(11),
    text: z.string().min(1).optional(),
  }),
  z.strictObject({ kind: z.literal('yesNo'), text: z.string().min(1).optional() }),
  z.strictObject({ kind: z.literal('text'), text: z.string().min(1).optional() }),
]);

/**
 * A mapping file: how to read one export (an HR file, a survey file) into the library's records,
 * all declared, nothing guessed. `kind` says what one row is: `employees` (one employment spell of
 * a person; gives employees, spells, teams and reporting lines) or `responses` (one survey
 * response; gives the survey, its questions and the responses). `fields` maps each field of the
 * records (`id`, `hireDate`, `attributes.department`, `answers.q1` ...) to a column (its header)
 * or to a rule (column or constant, value map, missing texts, date format, default).
 *
 * Fields of `employees`: `id` (required), `name` (default: the id), `workerType`, `birthDate`,
 * `hireDate`, `terminationDate`, `separationKind`, `regretted`, `left` (a yes/no or 1/0 flag or a
 * status column mapped to true/false: without it, a person left when a termination date is
 * present; with it, the termination date, separation kind and regretted are kept only for
 * leavers), `tenure` (with `unit`: a hire date is derived from it and `asOf` or the termination
 * date when the file has no hire date), `managerId` or `managerName` (reporting lines, joined to
 * the employees by id or by name), `team` (a department column: the teams), `attributes.*` and
 * `protectedAttributes.*`.
 *
 * Fields of `responses`: `id` (default: the row number), `respondentId` (joined to employees by
 * id), `submittedAt` (a day, or an instant), `answers.<question>`, and `attributes.*` (used by
 * the command line's `--by`, not kept in the dataset); `survey` and `questions` declare the survey.
 */
export const LoadMappingSchema = z.strictObject({
  $schema: z.string().optional(),
  kind: z.enum(['employees', 'responses']),
  file: z
    .string()
    .min(1)
    .optional()
    .describe('the file this mapping reads, relative to the mapping (for folders)'),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
  decimalComma: z.boolean().optional().describe('read 7,5 as 7.5 in number fields'),
  asOf: CalendarDaySchema.optional().describe(
    'the day the file describes: the end of tenure for people still employed',
  ),
  missing: z
    .array(z.string())
    .optional()
    .describe('texts that mean "missing" in every column (the empty cell always does)'),
  fields: z.record(FieldPathSchema, FieldMappingSchema),
  survey: z
    .strictObject({
      id: IdSchema,
      name: z.string().min(1).optional(),
      confidentiality: z.enum(CONFIDENTIALITY_MODES).optional(),
      opensOn: CalendarDaySchema.optional(),
    })
    .optional(),
  questions: z.record(IdSchema, QuestionDeclarationSchema).optional(),
  toConfirm: z
    .array(z.string())
    .optional()
    .describe(
      'what a starter mapping (init-mapping) guessed: check each point, then remove it; a mapping is refused while this list is not empty',
    ),
});

/** A mapping file, checked (see {@link LoadMappingSchema}). */
export type LoadMapping = z.output<typeof LoadMappingSchema>;
/** A mapping file as written (see {@link LoadMappingSchema}). */
export type LoadMappingInput = z.input<typeof LoadMappingSchema>;
/** One field's rule (see {@link FieldRuleSchema}). */
export type FieldRule = z.output<typeof FieldRuleSchema>;
