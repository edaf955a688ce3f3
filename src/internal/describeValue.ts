/**
 * The offending value as a message shows it, shortened: strings quoted, `undefined` as
 * `missing`. One home for every error message and issue of the library (zod-free, so the maths
 * modules can use it). @internal
 */

const MAX_VALUE_TEXT = 80;

/** Describes the offending value for a message, shortened. @internal */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}
