import {
  type CleanPlan,
  type CleanRule,
  digitsAt,
  isCleanInstantAt,
  NOT_CLEAN,
  SKIPPED,
} from './cleanRows.js';
import type { EnpsAggregationParams, GroupCounter } from './enpsAggregation.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const DIGIT_0 = 48;

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

function printable(code: number): boolean {
  return code >= 33 && code <= 126;
}

/**
 * The rules of `cleanRows.ts` applied to a line of UTF-8 bytes, so that the eNPS readers count the
 * lines that are valid for sure without decoding them into text, splitting them into strings or
 * building records. A line qualifies only when it is one simple record: no quote, no carriage
 * return but one just before its line feed, not blank, and exactly as many fields as the header;
 * then its fields are those `String.prototype.split` gives the decoded line, which is how the
 * fast splitter reads such a line. Each byte rule matches the text rule on the same field (the
 * bytes it looks at are ASCII, and every other byte of valid UTF-8 is 0x80 or more), except
 * `answer`, which counts bytes (at least as many as UTF-16 units). The caller must have checked
 * that the bytes are valid UTF-8. `cleanLines.prop.test.ts` compares it with the text rules.
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
          () => this.text(this.instant),
        ),
      );
    }
    this.counter.many(key, offset);
  }
}
