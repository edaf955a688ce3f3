// The byte kinds of the hand-written passes over a CSV file's bytes (scanStructure, locateRows).

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/** A byte that is none of delimiter, quote or line break (passed over in a tight loop). @internal */
export const OTHER = 0;
/** @internal */
export const SEPARATOR = 1;
/** @internal */
export const QUOTE_KIND = 2;
/** A line feed or a carriage return. @internal */
export const BREAK = 3;

/** The kind of each byte value, for a file with this delimiter. @internal */
export function byteKinds(delimiter: string): Uint8Array {
  const kinds = new Uint8Array(256);
  kinds[delimiter.charCodeAt(0)] = SEPARATOR;
  kinds[QUOTE] = QUOTE_KIND;
  kinds[LF] = BREAK;
  kinds[CR] = BREAK;
  return kinds;
}

/** Whether a file's first block starts with a UTF-8 byte-order mark. @internal */
export function startsWithBom(block: Uint8Array, length: number): boolean {
  return length >= 3 && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf;
}
