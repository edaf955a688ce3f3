/**
 * Text that a spreadsheet would run as a formula (OWASP, CSV injection): it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return, possibly after apostrophes already there (so that a value
 * which itself starts with `'=` survives a write and a restoring read unchanged).
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

/** A cell the writer neutralised: one added `'` before formula-like text. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** Prefixes `'` to formula-like text so spreadsheets show it as text. @internal */
export function neutraliseFormula(text: string): string {
  return FORMULA_LIKE.test(text) ? `'${text}` : text;
}

/** Removes the `'` that {@link neutraliseFormula} added. @internal */
export function restoreFormula(text: string): string {
  return text.charCodeAt(0) === 39 && NEUTRALISED.test(text) ? text.slice(1) : text;
}
