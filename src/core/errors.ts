/**
 * Every error code the library throws. The union is closed: a new code is a minor release and is
 * listed in CHANGELOG.md.
 *
 * - `OUT_OF_RANGE`: a number outside the allowed range (a rating of 11, a level of 1.5).
 * - `INVALID_DATE`: a calendar day or instant that does not exist or is not in the accepted format.
 * - `INVALID_PERIOD`: a period whose end is not after its start.
 * - `INVALID_OPTION`: an option of the wrong kind or outside its domain.
 * - `INVALID_INPUT`: data of the wrong shape handed to a function (not a validation of records).
 * - `VALIDATION_FAILED`: records failed their schema in `strict` mode; the error carries `.issues`.
 * - `INVALID_ENCODING`: bytes that are not valid text in the detected encoding.
 */
export type ErrorCode =
  | 'OUT_OF_RANGE'
  | 'INVALID_DATE'
  | 'INVALID_PERIOD'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'VALIDATION_FAILED'
  | 'INVALID_ENCODING';

/**
 * Every code a {@link ValidationIssue} can carry, declared once (a closed list: a new code is a
 * minor release). zod's own issue codes come first, as `parseRecords` passes them on; then the
 * checks across records and the readers' checks.
 *
 * - zod: `invalid_type`, `too_big`, `too_small`, `invalid_format`, `not_multiple_of`,
 *   `unrecognized_keys`, `invalid_union`, `invalid_key`, `invalid_element`, `invalid_value`,
 *   `custom`.
 * - records: `reserved_key` (a `__proto__` key), `unknown_reference` (an id that resolves to
 *   nothing), `duplicate`, `overlapping_spells`, `overlapping_assignments`, `team_cycle`,
 *   `manager_cycle`, `anonymous_respondent`, `unknown_question`, `off_scale`, `confidentiality`.
 * - files: `missing_column`, `malformed_row`, `column_count`, `empty_file`, `duplicate_header`,
 *   `unknown_field`, `conflicting_columns`, `invalid_number`, `invalid_boolean`, `invalid_date`,
 *   `invalid_json`, `invalid_score`.
 */
export const VALIDATION_ISSUE_CODES = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
  'reserved_key',
  'unknown_reference',
  'duplicate',
  'overlapping_spells',
  'overlapping_assignments',
  'team_cycle',
  'manager_cycle',
  'anonymous_respondent',
  'unknown_question',
  'off_scale',
  'confidentiality',
  'missing_column',
  'malformed_row',
  'column_count',
  'empty_file',
  'duplicate_header',
  'unknown_field',
  'conflicting_columns',
  'invalid_number',
  'invalid_boolean',
  'invalid_date',
  'invalid_json',
  'invalid_score',
] as const;

/** The code of a {@link ValidationIssue}: one of {@link VALIDATION_ISSUE_CODES}. */
export type ValidationIssueCode = (typeof VALIDATION_ISSUE_CODES)[number];

/**
 * One problem found in one input row: which row (1-based, in the order given), which field (a dotted
 * path, empty for the whole row), a machine-readable code and a message naming the offending value.
 * `collection` names the record type inside a dataset; `line` the physical line of a CSV file where
 * the row starts. Where they apply, `expected` says what was wanted and `received` what was found
 * (as the message shows it), so that tools need not parse the message.
 */
export interface ValidationIssue {
  readonly row: number;
  readonly path: string;
  readonly code: ValidationIssueCode;
  readonly message: string;
  readonly collection?: string;
  readonly line?: number;
  readonly expected?: string;
  readonly received?: string;
}

/**
 * The one error class of the library. Check for it with {@link isInternalCustomerError}, which
 * also works across ESM and CJS copies of the library, where `instanceof` does not.
 *
 * @example
 * const error = new InternalCustomerError('OUT_OF_RANGE', 'classifyEnps requires a score from 0 to 10, got 11');
 * error.code // => 'OUT_OF_RANGE'
 * error.name // => 'InternalCustomerError'
 * error.issues // => []
 */
export class InternalCustomerError extends Error {
  override readonly name = 'InternalCustomerError';
  readonly code: ErrorCode;
  /** The row-level issues behind a `VALIDATION_FAILED` error; empty for other codes. */
  readonly issues: readonly ValidationIssue[];

  constructor(code: ErrorCode, message: string, issues: readonly ValidationIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'OUT_OF_RANGE',
  'INVALID_DATE',
  'INVALID_PERIOD',
  'INVALID_OPTION',
  'INVALID_INPUT',
  'VALIDATION_FAILED',
  'INVALID_ENCODING',
]);

/**
 * Whether a value is an {@link InternalCustomerError}, optionally with a given code. It checks the
 * name and the code rather than the prototype, so it recognises errors thrown by another copy of
 * the library (an ESM and a CJS build loaded side by side).
 *
 * @example
 * isInternalCustomerError(new InternalCustomerError('INVALID_DATE', 'x')) // => true
 * isInternalCustomerError(new InternalCustomerError('INVALID_DATE', 'x'), 'OUT_OF_RANGE') // => false
 * isInternalCustomerError(new Error('x')) // => false
 */
export function isInternalCustomerError(
  value: unknown,
  code?: ErrorCode,
): value is InternalCustomerError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'InternalCustomerError') return false;
  if (typeof candidate.code !== 'string' || !ERROR_CODES.has(candidate.code)) return false;
  return code === undefined || candidate.code === code;
}
