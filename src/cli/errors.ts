import type { ValidationIssue } from '../core/errors.js';

/**
 * A failure the command line tool reports and exits on: `1` for a usage error (a wrong option or
 * value), `2` for a data error (a file that cannot be read, a missing column, invalid values),
 * with the issues listed one per line on standard error. @internal
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
  }
}

/** A usage error (exit code 1). @internal */
export const usageError = (message: string) => new CliError(1, message);

/** A data error (exit code 2), with the issues behind it. @internal */
export const dataError = (message: string, issues: readonly ValidationIssue[] = []) =>
  new CliError(2, message, issues);

/**
 * A message for people at the command line: the library's messages start with the function that
 * refused (`periodFromInclusive requires ...`, `readCsv found ...`), a name that means nothing
 * there, so it is left out wherever such a message begins (at the start or after `: `). @internal
 */
export function withoutFunctionNames(message: string): string {
  return message.replace(/(^|: )[a-z][A-Za-z0-9]* (requires|found) /g, '$1$2 ');
}
