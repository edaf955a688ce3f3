import { calendarDaysBetween, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { FavourabilityMap } from '../schemas/survey.js';
import { bucketsOf } from './favourability.js';

/** How the index averages. */
export type EngagementMethod = 'item-favourability' | 'person-mean';

/** One item of the index: its question id and scale. */
export interface EngagementItem {
  readonly id: string;
  readonly points: number;
  readonly map?: FavourabilityMap;
}

/** Options of {@link engagementIndex}. */
export interface EngagementIndexOptions {
  readonly items: readonly EngagementItem[];
  /** `item-favourability` (Culture Amp, default) or `person-mean` (Peakon, Officevibe). */
  readonly method?: EngagementMethod;
  /** The day the index is for: later answers are left out. */
  readonly asOf: string;
  /** Rolling window in days ending on asOf; each person's latest answer per item within it wins. */
  readonly window?: number;
}

/** An engagement index on 0-100. */
export interface EngagementIndexResult {
  /** 0-100; `null` when there are no answers. */
  readonly value: number | null;
  readonly method: EngagementMethod;
  /** People (or anonymous responses) behind the value. */
  readonly n: number;
  /** Per item: answers and % favourable (item-favourability) or mean 0-100 score (person-mean). */
  readonly items: readonly {
    readonly id: string;
    readonly n: number;
    readonly value: number | null;
  }[];
  readonly warnings: readonly string[];
}

/**
 * Checks that an answer to an index item is on its scale, and returns it. @internal
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer off the item's scale.
 */
export function checkItemAnswer(
  value: number | string | boolean,
  item: { readonly id: string; readonly points: number },
  functionName: string,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > item.points) {
    throw new InternalCustomerError(
      'OUT_OF_RANGE',
      `${functionName} requires whole answers from 1 to ${item.points} for "${item.id}", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A response as the index reads it: who answered (absent when anonymous), when, and the answers. */
export type EngagementResponse = {
  readonly respondentId?: string | undefined;
  readonly submittedAt: string;
  readonly answers: Readonly<Record<string, number | string | boolean | null>>;
};

/**
 * An engagement index over several Likert items, in the two ways vendors compute it:
 *
 * - `item-favourability` (Culture Amp): the mean over the index items of each item's % favourable.
 * - `person-mean` (Peakon, Officevibe): each person's answers on a 0-100 scale
 *   ((answer - 1) / (points - 1) x 100) averaged per person, then the people averaged, so a
 *   person who answered more items does not weigh more.
 *
 * Each person's latest answer to each item wins (rolling pulses), and with `window` only answers
 * from the `window` days ending on `asOf` count. Responses without a respondent id (anonymous
 * surveys) cannot be told apart: each counts as its own person, and a warning says so.
 *
 * O(responses x items).
 *
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer off an item's scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for no items, a scale outside 2-11 points or a window below 1.
 * @throws {InternalCustomerError} `INVALID_DATE` for an invalid asOf or submission instant.
 *
 * @example
 * const responses = [
 *   { respondentId: 'a', submittedAt: '2025-03-01T09:00:00Z', answers: { q1: 5, q2: 4 } },
 *   { respondentId: 'b', submittedAt: '2025-03-02T09:00:00Z', answers: { q1: 2, q2: null } },
 * ];
 * const items = [{ id: 'q1', points: 5 }, { id: 'q2', points: 5 }];
 * engagementIndex(responses, { items, asOf: '2025-03-31' }).value // => 75
 * engagementIndex(responses, { items, asOf: '2025-03-31', method: 'person-mean' }).value // => 56.25
 */
export function engagementIndex(
  responses: readonly EngagementResponse[],
  options: EngagementIndexOptions,
): EngagementIndexResult {
  const method = options.method ?? 'item-favourability';
  const { items } = options;
  if (items.length === 0)
    throw new InternalCustomerError('INVALID_OPTION', 'engagementIndex requires at least one item');
  if (method !== 'item-favourability' && method !== 'person-mean') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `engagementIndex requires method item-favourability or person-mean, got ${String(method)}`,
    );
  }
  if (options.window !== undefined && !(Number.isInteger(options.window) && options.window >= 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `engagementIndex requires a window of whole days >= 1, got ${String(options.window)}`,
    );
  }
  const asOf = toCalendarDay(options.asOf);
  const buckets = items.map((item) => {
    if (!Number.isInteger(item.points) || item.points < 2 || item.points > 11) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `engagementIndex requires 2 to 11 points for item "${item.id}"`,
      );
    }
    return bucketsOf(item.points, item.map, 'engagementIndex');
  });
  const warnings: string[] = [];
  // The latest answer per person and item within the window.
  const latest = new Map<string, { at: number[]; values: (number | undefined)[] }>();
  let anonymous = 0;
  responses.forEach((response, index) => {
    const day = toCalendarDay(response.submittedAt);
    if (day > asOf) return;
    if (options.window !== undefined && calendarDaysBetween(day, asOf) >= options.window) return;
    const person = response.respondentId ?? `\u0000anonymous:${index}`;
    if (response.respondentId === undefined) anonymous++;
    const at = Date.parse(
      response.submittedAt.length === 10
        ? `${response.submittedAt}T00:00:00Z`
        : response.submittedAt,
    );
    const entry = latest.get(person) ?? {
      at: items.map(() => Number.NEGATIVE_INFINITY),
      values: items.map(() => undefined),
    };
    items.forEach((item, i) => {
      const value = response.answers[item.id];
      if (value === null || value === undefined) return;
      const answer = checkItemAnswer(value, item, 'engagementIndex');
      // Each person's latest answer to each item wins, whatever order the responses come in.
      if (at >= entry.at[i]!) {
        entry.values[i] = answer;
        entry.at[i] = at;
      }
    });
    latest.set(person, entry);
  });
  if (anonymous > 0)
    warnings.push(`${anonymous} responses without a respondent id each count as a person`);
  const people = [...latest.values()].filter((entry) =>
    entry.values.some((value) => value !== undefined),
  );
  const perItem = items.map((item, i) => {
    const values = people
      .map((entry) => entry.values[i])
      .filter((value): value is number => value !== undefined);
    if (values.length === 0) return { id: item.id, n: 0, value: null };
    const value =
      method === 'item-favourability'
        ? (100 * values.filter((answer) => buckets[i]![answer] === 0).length) / values.length
        : (100 * values.reduce((sum, answer) => sum + (answer - 1) / (item.points - 1), 0)) /
          values.length;
    return { id: item.id, n: values.length, value };
  });
  let value: number | null = null;
  if (method === 'item-favourability') {
    const answered = perItem.filter((item) => item.value !== null);
    value =
      answered.length === 0
        ? null
        : answered.reduce((sum, item) => sum + item.value!, 0) / answered.length;
  } else if (people.length > 0) {
    const personMeans = people.map((entry) => {
      const scores = entry.values.flatMap((answer, i) =>
        answer === undefined ? [] : [(answer - 1) / (items[i]!.points - 1)],
      );
      return (100 * scores.reduce((sum, score) => sum + score, 0)) / scores.length;
    });
    value = personMeans.reduce((sum, mean) => sum + mean, 0) / personMeans.length;
  }
  return { value, method, n: people.length, items: perItem, warnings };
}
