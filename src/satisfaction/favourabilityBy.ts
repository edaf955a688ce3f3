import { InternalCustomerError } from '../core/errors.js';
import type { Dataset } from '../schemas/dataset.js';
import type { BreakdownResult } from './enpsBy.js';
import { bucketsOf, type FavourabilityResult, favourabilityResult } from './favourability.js';
import { publishSegments, type SegmentOptions, segmentTable } from './segments.js';

/** Options of {@link favourabilityBy}. */
export interface FavourabilityByOptions extends SegmentOptions {
  /** The Likert question. */
  readonly questionId: string;
  readonly level?: number;
}

const BUCKETS = ['favourable', 'neutral', 'unfavourable'] as const;

/**
 * Favourability of one Likert question broken down by team, manager or attribute, with the same
 * joining, confidentiality rules and suppression as {@link enpsBy}. Skipped answers are not
 * counted (each cell's n is the respondents who answered the question).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or anonymous survey, a question
 * that is not a Likert question of it, a protected attribute without consent, or a minimum group size below 3.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for an answer off the question's scale.
 *
 * @example
 * const dataset = validateDataset({
 *   employees: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: id, attributes: { site: 'Oslo' } })),
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' }],
 *   responses: ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, surveyId: 's', respondentId: id, submittedAt: '2025-03-02T10:00:00Z', answers: { grow: [5, 4, 3, 2, 4][i] ?? null } })),
 * }).dataset;
 * const result = favourabilityBy(dataset, { surveyId: 's', questionId: 'grow', by: { kind: 'attribute', name: 'site' } });
 * const oslo = result.segments.find((segment) => segment.key === 'Oslo');
 * oslo?.cell.status === 'shown' && oslo.cell.value.shares?.favourable // => 0.6
 */
export function favourabilityBy(
  dataset: Dataset,
  options: FavourabilityByOptions,
): BreakdownResult<FavourabilityResult> {
  let buckets: Int8Array | undefined;
  let points = 0;
  const built = segmentTable(
    dataset,
    options,
    'favourabilityBy',
    (value) => {
      if (value === null) return null;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > points) {
        throw new InternalCustomerError(
          'OUT_OF_RANGE',
          `favourabilityBy requires whole answers from 1 to ${points}, got ${JSON.stringify(value)}`,
        );
      }
      return BUCKETS[buckets![value]!]!;
    },
    (survey) => {
      const question = dataset.questions.find(
        (q) => q.surveyId === survey.id && q.id === options.questionId,
      );
      if (question === undefined || question.kind !== 'likert') {
        throw new InternalCustomerError(
          'INVALID_OPTION',
          `favourabilityBy requires a Likert question "${options.questionId}" in survey "${survey.id}"`,
        );
      }
      points = question.points;
      buckets = bucketsOf(question.points, question.favourability, 'favourabilityBy');
      return question;
    },
    // Every category of the answer, chosen or not: one seen alone is no proof that all chose it.
    { variables: { answer: [...BUCKETS] } },
  );
  const level = options.level ?? 0.95;
  return publishSegments(built, (cell) => {
    const [favourable, neutral, unfavourable] = BUCKETS.map((key) => cell.counts?.[key] ?? 0) as [
      number,
      number,
      number,
    ];
    return favourabilityResult(favourable, neutral, unfavourable, 0, level);
  });
}
