/** How much text the CSV readers parse and turn into items at a time. @internal */
export const PIECE_CHARS = 16 * 1024;

/**
 * Where the next piece of `text` from `start` ends: at most `size` characters later, never between
 * the two halves of a surrogate pair. Text is parsed in such pieces so that few rows are alive at
 * once (rows that outlive a young-generation collection make the collector's work much larger).
 * @internal
 */
export function pieceEnd(text: string, start: number, size = PIECE_CHARS): number {
  const cut = Math.min(text.length, start + size);
  const code = text.charCodeAt(cut - 1);
  return cut < text.length && code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}
