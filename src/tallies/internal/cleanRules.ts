// The "valid for sure" rules of the eNPS file readers, on text and on UTF-8 bytes, kept free of
// the schemas and date libraries (a worker thread that counts lines loads them in milliseconds).
import type { EnpsAggregationParams } from './enpsAggregation.js';
import type { GroupCounter } from './groupCounts.js';

/**
 * How the cells of one column are checked by the "valid for sure" rules of the eNPS file readers:
 * - `id`: an `IdSchema` id for sure: non-empty, first and last characters printable ASCII
 *   (`!` to `~`, so not white space, which is all that `trim` removes);
 * - `optionalId`: empty (the field is left out) or `id`;
 * - `instant`: `YYYY-MM-DDTHH:MM:SSZ` (JavaScript also `.fff` before the `Z`) on a real day and
 *   hour, year 1000 or later (zod's `datetime` accepts all of these, and their UTC day is their
 *   first ten characters);
 * - `score`: empty (skipped) or exactly one of the scale's points as `String` writes them;
 * - `answer`: any other answer, at most 300 characters (only a decimal too long for a finite
 *   number is not an answer);
 * - `comments`: empty (the default `[]`) or `[]`.
 * @internal
 */
export type CleanRule = 'id' | 'optionalId' | 'instant' | 'score' | 'answer' | 'comments';

/** The rules of a file's columns, and where the tally's values are. @internal */
export interface CleanPlan {
  /** One rule per column that fills a field, by the column's position in a row. */
  readonly rules: readonly { readonly index: number; readonly rule: CleanRule }[];
  /** Position of the eNPS question's column. */
  readonly score: number;
  /** Position of `submittedAt`. */
  readonly instant: number;
  /** Position of each `groupBy` column, or undefined for one that is absent (its key is null). */
  readonly groups: readonly (number | undefined)[];
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;

function printable(code: number): boolean {
  return code >= 33 && code <= 126;
}

/** The `id` rule. @internal */
export function isCleanId(text: string): boolean {
  return (
    text.length > 0 && printable(text.charCodeAt(0)) && printable(text.charCodeAt(text.length - 1))
  );
}

/** The digits of `bytes[start, end)` as a number, or -1 for a non-digit. @internal */
export function digitsAt(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const code = bytes[index]!;
    if (code < DIGIT_0 || code > DIGIT_9) return -1;
    value = value * 10 + code - DIGIT_0;
  }
  return value;
}

/**
 * The `instant` rule on the UTF-8 bytes `bytes[start, end)`: `YYYY-MM-DDTHH:MM:SS(.f+)?Z` on a
 * real day and time, year >= 1000. @internal
 */
export function isCleanInstantAt(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 20 || bytes[end - 1] !== 90 /* Z */) return false;
  if (
    bytes[start + 4] !== MINUS ||
    bytes[start + 7] !== MINUS ||
    bytes[start + 10] !== 84 /* T */ ||
    bytes[start + 13] !== 58 /* : */ ||
    bytes[start + 16] !== 58
  ) {
    return false;
  }
  // Fractional seconds: a point and at least one digit.
  if (
    length > 20 &&
    (length === 21 || bytes[start + 19] !== 46 /* . */ || digitsAt(bytes, start + 20, end - 1) < 0)
  ) {
    return false;
  }
  const year = digitsAt(bytes, start, start + 4);
  const month = digitsAt(bytes, start + 5, start + 7);
  const day = digitsAt(bytes, start + 8, start + 10);
  const hour = digitsAt(bytes, start + 11, start + 13);
  const minute = digitsAt(bytes, start + 14, start + 16);
  const second = digitsAt(bytes, start + 17, start + 19);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days =
    month === 2
      ? leap
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  return day <= days;
}

/** The `instant` rule on text. @internal */
export function isCleanInstant(text: string): boolean {
  // Every character the rule accepts is ASCII, where Latin-1 bytes are the characters' codes.
  if (text.length < 20 || text.length > 64) return false;
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) >= 0x80) return false;
  }
  return isCleanInstantAt(Buffer.from(text, 'latin1'), 0, text.length);
}

/** A score cell that is not clean. */
export const NOT_CLEAN = -2;
/** An empty score cell: the question was skipped. */
export const SKIPPED = -1;

/**
 * The JavaScript form of the rules: a function of a row's fields (as many as the header's) that
 * returns the score's offset on the scale, {@link SKIPPED} for an empty score, or
 * {@link NOT_CLEAN} when any rule fails. @internal
 */
export function cleanRowCheck(
  plan: CleanPlan,
  params: EnpsAggregationParams,
): (fields: readonly string[]) => number {
  const { scaleMin, scaleMax } = params.cutoffs;
  const points = new Map<string, number>();
  for (let value = scaleMin; value <= scaleMax; value++)
    points.set(String(value), value - scaleMin);
  const others = plan.rules.filter((entry) => entry.rule !== 'score');
  const score = plan.score;
  return (fields) => {
    for (const { index, rule } of others) {
      const text = fields[index]!;
      switch (rule) {
        case 'id':
          if (!isCleanId(text)) return NOT_CLEAN;
          break;
        case 'optionalId':
          if (text !== '' && !isCleanId(text)) return NOT_CLEAN;
          break;
        case 'instant':
          if (!isCleanInstant(text)) return NOT_CLEAN;
          break;
        case 'answer':
          if (text.length > 300) return NOT_CLEAN;
          break;
        case 'comments':
          if (text !== '' && text !== '[]') return NOT_CLEAN;
          break;
        case 'score':
          break;
      }
    }
    const text = fields[score]!;
    if (text === '') return SKIPPED;
    return points.get(text) ?? NOT_CLEAN;
  };
}

/**
 * Counts the rows that are valid for sure straight from their fields (as many as the header's),
 * without building a record or running the schema: returns true when it counted the row, false
 * for a row to be read the full way (then `addItems` counts it). A counted row is one `readCsv`
 * would yield as a valid record, counted with the same group key and score. @internal
 */
export function cleanFieldsCounter(
  plan: CleanPlan,
  params: EnpsAggregationParams,
  counter: GroupCounter,
): (fields: readonly string[]) => boolean {
  const check = cleanRowCheck(plan, params);
  const { groups, instant } = plan;
  const period = params.period;
  const single = groups.length === 1 && period === undefined ? groups[0] : undefined;
  return (fields) => {
    const offset = check(fields);
    if (offset === NOT_CLEAN) return false;
    if (single !== undefined) {
      counter.one(fields[single]!, offset);
      return true;
    }
    const key: (string | null)[] = [];
    for (const position of groups) {
      const text = position === undefined ? '' : fields[position]!;
      key.push(text === '' ? null : text);
    }
    if (period !== undefined) {
      const text = fields[instant]!;
      key.push(counter.period(Number(text.slice(0, 4)), Number(text.slice(5, 7))));
    }
    counter.many(key, offset);
    return true;
  };
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

const SEPARATOR = 1;
const LINE_FEED = 2;
const CARRIAGE_RETURN = 3;
const OTHER = 4;

const RULE_CODES: Readonly<Record<CleanRule, number>> = {
  id: 0,
  optionalId: 1,
  instant: 2,
  score: 3,
  answer: 4,
  comments: 5,
};

/**
 * The rules of `cleanRules.ts` applied to a line of UTF-8 bytes, so that the eNPS readers count the
 * lines that are valid for sure without decoding them into text, splitting them into strings or
 * building records. A line qualifies only when it is one simple record: no quote, no carriage
 * return but one just before its line feed, not blank, and exactly as many fields as the header;
 * then its fields are those `String.prototype.split` gives the decoded line, which is how the
 * fast splitter reads such a line. Each byte rule matches the text rule on the same field (the
 * bytes it looks at are ASCII, and every other byte of valid UTF-8 is 0x80 or more), except
 * `answer`, which counts bytes (at least as many as UTF-16 units). The caller must have checked
 * that the bytes are valid UTF-8. `cleanRows.prop.test.ts` (in src/csv) compares it with the text rules.
 * Written by hand because no CSV library reads bytes without making strings. @internal
 */
export class CleanLines {
  /** The position of the line feed that ends the line last checked. */
  lineEnd = 0;
  /** The positions where each field of the line last checked ends. */
  private readonly ends: Int32Array;
  /** For each byte value: 0, or SEPARATOR, LINE_FEED, CARRIAGE_RETURN or OTHER (a quote). */
  private readonly kinds: Uint8Array;
  private readonly width: number;
  private readonly rules: Int32Array;
  private readonly indexes: Int32Array;
  private readonly groups: readonly (number | undefined)[];
  private readonly single: number | undefined;
  private readonly instant: number;
  private readonly score: number;
  private readonly scaleMin: number;
  private readonly points: number;
  private readonly hasPeriod: boolean;
  /** The score's offset on the scale (or SKIPPED) in the line last checked and found clean. */
  private offset = NOT_CLEAN;
  private bytes: Buffer = Buffer.alloc(0);

  constructor(
    plan: CleanPlan,
    params: EnpsAggregationParams,
    headerLength: number,
    delimiter: string,
    private readonly counter: GroupCounter,
  ) {
    this.width = headerLength;
    this.ends = new Int32Array(headerLength);
    this.kinds = new Uint8Array(256);
    this.kinds[QUOTE] = OTHER;
    this.kinds[CR] = CARRIAGE_RETURN;
    this.kinds[LF] = LINE_FEED;
    this.kinds[delimiter.charCodeAt(0)] = SEPARATOR;
    this.rules = Int32Array.from(plan.rules, (entry) => RULE_CODES[entry.rule]);
    this.indexes = Int32Array.from(plan.rules, (entry) => entry.index);
    this.groups = plan.groups;
    this.hasPeriod = params.period !== undefined;
    this.single = plan.groups.length === 1 && !this.hasPeriod ? plan.groups[0] : undefined;
    this.instant = plan.instant;
    this.score = plan.score;
    this.scaleMin = params.cutoffs.scaleMin;
    this.points = params.cutoffs.scaleMax - params.cutoffs.scaleMin + 1;
  }

  private start(field: number): number {
    return field === 0 ? this.lineStart : this.ends[field - 1]! + 1;
  }

  private lineStart = 0;

  /**
   * Checks the line that starts at `start` (a line feed must follow in `bytes`): sets `lineEnd`
   * and returns whether the line is valid for sure.
   */
  check(bytes: Buffer, start: number): boolean {
    const { ends, kinds, width } = this;
    let fields = 0;
    let simple = true;
    let carriage = -1;
    let index = start;
    for (; ; index++) {
      // One table look-up per byte: most bytes are none of the four.
      const kind = kinds[bytes[index]!]!;
      if (kind === 0) continue;
      if (kind === SEPARATOR) {
        if (fields < width) ends[fields] = index;
        fields++;
      } else if (kind === LINE_FEED) break;
      else if (kind === OTHER) simple = false;
      else {
        if (carriage >= 0) simple = false;
        carriage = index;
      }
    }
    this.lineEnd = index;
    let end = index;
    if (carriage >= 0) {
      if (carriage !== index - 1) return false;
      end = carriage;
    }
    if (!simple || fields + 1 !== width || end === start) return false;
    ends[width - 1] = end;
    this.lineStart = start;
    const { rules, indexes } = this;
    for (let rule = 0; rule < rules.length; rule++) {
      const field = indexes[rule]!;
      const from = this.start(field);
      const to = ends[field]!;
      switch (rules[rule]) {
        case 0: // id
          if (to === from || !printable(bytes[from]!) || !printable(bytes[to - 1]!)) return false;
          break;
        case 1: // optionalId
          if (to !== from && (!printable(bytes[from]!) || !printable(bytes[to - 1]!))) return false;
          break;
        case 2: // instant
          if (!isCleanInstantAt(bytes, from, to)) return false;
          break;
        case 4: // answer
          if (to - from > 300) return false;
          break;
        case 5: // comments
          if (to !== from && !(to - from === 2 && bytes[from] === 91 && bytes[from + 1] === 93)) {
            return false;
          }
          break;
      }
    }
    const offset = this.scoreOffset(bytes, this.start(this.score), ends[this.score]!);
    if (offset === NOT_CLEAN) return false;
    this.offset = offset;
    this.bytes = bytes;
    return true;
  }

  /** An integer written as `String` writes it (`-3`, `0`, `10`), as an offset on the scale. */
  private scoreOffset(bytes: Buffer, from: number, to: number): number {
    if (to === from) return SKIPPED;
    const negative = bytes[from] === MINUS;
    const first = negative ? from + 1 : from;
    const length = to - first;
    if (length === 0 || length > 15) return NOT_CLEAN;
    // No leading zero, and no "-0".
    if (bytes[first] === DIGIT_0 && (length > 1 || negative)) return NOT_CLEAN;
    const magnitude = digitsAt(bytes, first, to);
    if (magnitude < 0) return NOT_CLEAN;
    const offset = (negative ? -magnitude : magnitude) - this.scaleMin;
    return offset >= 0 && offset < this.points ? offset : NOT_CLEAN;
  }

  /** A field's text: Latin-1 for ASCII bytes (the same text, decoded faster), else UTF-8. */
  private text(field: number): string {
    const bytes = this.bytes;
    const from = this.start(field);
    const to = this.ends[field]!;
    for (let index = from; index < to; index++) {
      if (bytes[index]! >= 0x80) return bytes.toString('utf8', from, to);
    }
    return bytes.toString('latin1', from, to);
  }

  /** Counts the line last checked and found clean. */
  count(): void {
    const offset = this.offset;
    if (this.single !== undefined) {
      this.counter.one(this.text(this.single), offset);
      return;
    }
    const key: (string | null)[] = [];
    for (const field of this.groups) {
      const text = field === undefined ? '' : this.text(field);
      key.push(text === '' ? null : text);
    }
    if (this.hasPeriod) {
      const from = this.start(this.instant);
      key.push(
        this.counter.period(
          digitsAt(this.bytes, from, from + 4),
          digitsAt(this.bytes, from + 5, from + 7),
        ),
      );
    }
    this.counter.many(key, offset);
  }
}
