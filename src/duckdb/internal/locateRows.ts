import { readPartRows } from '../../csv/internal/enpsParts.js';
import type { LineFilter, PartTask, RowEntry } from '../../csv/internal/splitRange.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** FNV-1a of bytes, kept to a small integer (a fast key). */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let index = from; index < to; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
  return hash & 0x3fffffff;
}

/** The same hash of a text's UTF-8 bytes. */
function hashText(text: string): number {
  const bytes = Buffer.from(text);
  return hashBytes(bytes, 0, bytes.length);
}

/**
 * Passes over every simple line whose first field cannot be that of a wanted row (its bytes'
 * hash is not among the wanted ones), so that the splitter reads only the candidates, quoted
 * records and lines in doubt. One look at each byte up to the first delimiter, then `indexOf`.
 */
class FirstFieldLines implements LineFilter {
  lineEnd = 0;
  /** The next quote and carriage return at or after the last line checked, in `bytes`. */
  private bytes: Buffer | undefined;
  private quote = -1;
  private carriage = -1;

  constructor(
    private readonly wanted: ReadonlySet<number>,
    private readonly separator: number,
  ) {}

  /** The first `code` at or after `from` (the end of `bytes` when none), cached per buffer. */
  private next(bytes: Buffer, code: number, from: number, known: number): number {
    if (this.bytes === bytes && known >= from) return known;
    const found = bytes.indexOf(code, from);
    return found < 0 ? bytes.length : found;
  }

  check(bytes: Buffer, start: number): boolean {
    const end = bytes.indexOf(LF, start);
    this.lineEnd = end;
    this.quote = this.next(bytes, QUOTE, start, this.quote);
    this.carriage = this.next(bytes, CR, start, this.carriage);
    this.bytes = bytes;
    // One simple record: no quote, no carriage return but just before the line feed, not blank.
    const content = this.carriage === end - 1 ? end - 1 : end;
    if (this.quote < end || this.carriage < end - 1 || content === start) return false;
    const separator = this.separator;
    let index = start;
    while (index < content && bytes[index] !== separator) index++;
    return !this.wanted.has(hashBytes(bytes, start, index));
  }

  count(): void {}
}

/**
 * Finds the rows of a file that DuckDB did not count (their fields, as DuckDB read them, with
 * `null` for an empty cell), and reads them the full way with their row and line numbers:
 * `splitPart` over the whole file passes over the simple lines whose first field is none of
 * theirs, and the records it does read are kept when their fields are those of a wanted row (as
 * often as DuckDB saw them). Returns the partial result of those rows (counts and issues), the
 * data rows of the file, and whether every wanted row was found exactly (else the caller reads
 * the file with `csvEnpsTallies`). DuckDB gives no row numbers in a parallel scan (`row_number`
 * and `WITH ORDINALITY` make the scan single-threaded), so they are counted here. @internal
 */
export async function locateRows(
  task: PartTask,
  wanted: ReadonlyMap<string, number>,
): Promise<{ readonly result: Awaited<ReturnType<typeof readPartRows>>; readonly found: boolean }> {
  const left = new Map(wanted);
  const hashes = new Set<number>();
  for (const key of wanted.keys()) hashes.add(hashText((JSON.parse(key) as string[])[0] ?? ''));
  const keep = (entry: RowEntry) => {
    if (!('fields' in entry)) return false;
    const key = JSON.stringify(entry.fields);
    const count = left.get(key);
    if (count === undefined) return false;
    if (count === 1) left.delete(key);
    else left.set(key, count - 1);
    return true;
  };
  const filter = new FirstFieldLines(hashes, task.delimiter.charCodeAt(0));
  const result = await readPartRows(task, keep, filter);
  return { result, found: left.size === 0 && !result.unsure };
}
