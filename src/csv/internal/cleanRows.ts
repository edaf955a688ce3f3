import {
  type EnpsAggregationParams,
  type GroupCounter,
  RESPONSE_FIELDS,
} from './enpsAggregation.js';
import type { Column } from './planColumns.js';

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

/**
 * Plans the "valid for sure" rules of a responses file, shared by the JavaScript reader (which
 * counts such rows without building records) and the DuckDB engine (which counts them in SQL):
 * each rule only needs to imply `readCsv`'s verdict (a valid record, counted in the same group
 * with the same score), so every other row is read the full way, and results are the same by
 * construction. Undefined when some column has no rule (a mapped field the rules do not know),
 * a required column is missing, or a group column is not an id, an optional id or the instant:
 * then every row is read the full way. @internal
 */
export function planCleanRows(
  columns: readonly Column[],
  params: EnpsAggregationParams,
): CleanPlan | undefined {
  const scorePath = `answers.${params.question}`;
  const rules: { index: number; rule: CleanRule }[] = [];
  const byPath = new Map<string, { index: number; rule: CleanRule }>();
  for (const column of columns) {
    const path = column.path;
    let rule: CleanRule;
    if (path === 'id' || path === 'surveyId') rule = 'id';
    else if (path === 'respondentId') rule = 'optionalId';
    else if (path === 'submittedAt') rule = 'instant';
    else if (path === scorePath) rule = 'score';
    else if (column.segments.length === 2 && column.segments[0] === 'answers') rule = 'answer';
    else if (path === 'comments') rule = 'comments';
    else if (!RESPONSE_FIELDS.has(path) && params.groupBy.includes(path)) rule = 'id';
    else return undefined;
    const entry = { index: column.index, rule };
    rules.push(entry);
    byPath.set(path, entry);
  }
  for (const required of ['id', 'surveyId', 'submittedAt', scorePath]) {
    if (!byPath.has(required)) return undefined;
  }
  const groups: (number | undefined)[] = [];
  for (const name of params.groupBy) {
    const entry = byPath.get(name);
    if (entry === undefined) {
      // An absent optional field is a null key; an absent extra id makes every row invalid.
      if (name !== 'respondentId') return undefined;
      groups.push(undefined);
    } else if (entry.rule === 'id' || entry.rule === 'optionalId' || entry.rule === 'instant') {
      groups.push(entry.index);
    } else {
      return undefined;
    }
  }
  return {
    rules,
    score: byPath.get(scorePath)!.index,
    instant: byPath.get('submittedAt')!.index,
    groups,
  };
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
      key.push(counter.period(Number(text.slice(0, 4)), Number(text.slice(5, 7)), () => text));
    }
    counter.many(key, offset);
    return true;
  };
}
