import { InternalCustomerError } from '../core/errors.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Question } from '../schemas/survey.js';

type LikertQuestion = Extract<Question, { kind: 'likert' }>;

import { checkItemAnswer } from './engagementIndex.js';
import type { BreakdownResult } from './enpsBy.js';
import { bucketsOf } from './favourability.js';
import { publishSegments, type SegmentOptions, segmentTable } from './segments.js';

/** Options of {@link engagementIndexBy}. */
export interface EngagementIndexByOptions extends Omit<SegmentOptions, 'by'> {
  /** The Likert questions of the index. Default: every Likert question of the survey. */
  readonly items?: readonly string[];
}

/** The engagement index of a segment (`item-favourability`, on 0-100). */
export interface EngagementIndexCell {
  /** The mean over the items of each item's % favourable; `null` when no item was answered. */
  readonly value: number | null;
  /** Per item: how many answered it, and its % favourable (`null` when nobody did). */
  readonly items: readonly {
    readonly id: string;
    readonly n: number;
    readonly value: number | null;
  }[];
}

const BUCKETS = ['favourable', 'neutral', 'unfavourable'] as const;

/**
 * The engagement index of a survey by team (`item-favourability`, Culture Amp's: the mean over
 * the index items of each item's % favourable, as {@link engagementIndex} computes it), through
 * the same gate as {@link enpsBy}: a team is shown only with at least the minimum group size of
 * respondents who answered an item, with complementary suppression across the tree and `all`.
 * Each item's answer (favourable, neutral, unfavourable, or skipped) is a categorical variable of
 * the cell, so a team in which everyone answered one item favourably (an index item at 100%) or
 * unfavourably is hidden: it would tell each member's answer. Each respondent's first response
 * counts, as in the other breakdowns. With `ledger`, the statistic is
 * `engagement:<surveyId>:<items joined by +>`.
 *
 * O(responses x items + teams), plus the gate.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or anonymous survey, an item
 * that is not a Likert question of it, no items, or a minimum group size below 3.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer off an item's scale.
 *
 * @example
 * const people = Array.from({ length: 6 }, (_, i) => `p${i}`);
 * const dataset = validateDataset({
 *   employees: [{ id: 'm', name: 'M' }, ...people.map((id) => ({ id, name: id }))],
 *   teams: [{ id: 't', name: 'T' }],
 *   assignments: people.map((id) => ({ employeeId: id, managerId: 'm', teamId: 't', validFrom: '2025-01-01' })),
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'a', surveyId: 's', kind: 'likert', points: 5, text: 'A' }, { id: 'b', surveyId: 's', kind: 'likert', points: 5, text: 'B' }],
 *   responses: people.map((id, i) => ({ id, surveyId: 's', respondentId: id, submittedAt: '2025-03-02T10:00:00Z', answers: { a: [5, 4, 2, 5, 3, 4][i] ?? null, b: [4, 2, 1, 5, 5, 3][i] ?? null } })),
 * }).dataset;
 * const team = engagementIndexBy(dataset, { surveyId: 's' }).segments.find((s) => s.id === 'team:t');
 * team?.cell.status === 'shown' && team.cell.value.value // => 58.3333333
 */
export function engagementIndexBy(
  dataset: Dataset,
  options: EngagementIndexByOptions,
): BreakdownResult<EngagementIndexCell> {
  const likert = dataset.questions.filter(
    (q): q is LikertQuestion => q.surveyId === options.surveyId && q.kind === 'likert',
  );
  const items = (options.items ?? likert.map((q) => q.id)).map((id) => {
    const question = likert.find((q) => q.id === id);
    if (question === undefined)
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `engagementIndexBy requires Likert questions of survey "${options.surveyId}", got "${id}"`,
      );
    return {
      id,
      points: question.points,
      buckets: bucketsOf(question.points, question.favourability, 'engagementIndexBy'),
    };
  });
  if (items.length === 0)
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `engagementIndexBy requires at least one Likert item in survey "${options.surveyId}"`,
    );
  // One variable per item: its answer's bucket, or skipped; each respondent has one of each.
  const variables = Object.fromEntries(
    items.map((item) => [
      item.id,
      [...BUCKETS, 'skipped'].map((category) => `${item.id}:${category}`),
    ]),
  );
  const built = segmentTable(
    dataset,
    { ...options, by: { kind: 'team' } },
    'engagementIndexBy',
    () => null,
    () => likert.find((q) => q.id === items[0]!.id)!,
    {
      categoriesOf: (answers) => {
        const categories = items.map((item) => {
          const value = answers[item.id] ?? null;
          if (value === null) return `${item.id}:skipped`;
          const answer = checkItemAnswer(value, item, 'engagementIndexBy');
          return `${item.id}:${BUCKETS[item.buckets[answer]!]!}`;
        });
        // Someone who answered no item of the index is no respondent of it.
        return categories.every((category) => category.endsWith(':skipped')) ? null : categories;
      },
      variables,
      statistic: `engagement:${options.surveyId}:${items.map((item) => item.id).join('+')}`,
    },
  );
  return publishSegments(built, (cell) => {
    const perItem = items.map((item) => {
      const count = (bucket: string) => cell.counts?.[`${item.id}:${bucket}`] ?? 0;
      const n = BUCKETS.reduce((sum, bucket) => sum + count(bucket), 0);
      return { id: item.id, n, value: n === 0 ? null : (100 * count('favourable')) / n };
    });
    const answered = perItem.filter((item) => item.value !== null);
    const value =
      answered.length === 0
        ? null
        : answered.reduce((sum, item) => sum + item.value!, 0) / answered.length;
    return { value, items: perItem };
  });
}
