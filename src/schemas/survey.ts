import * as z from 'zod';
import { CalendarDaySchema, IdSchema, InstantSchema, SafeKeySchema } from './primitives.js';
import { CONFIDENTIALITY_MODES } from './vocabulary.js';

/**
 * What a survey promises respondents (DESIGN.md, Confidentiality of answers):
 * - `anonymous`: no respondent id is kept; answers cannot be joined to HR data.
 * - `confidential`: ids are kept only to join with HR data; only aggregates at or above the minimum
 *   group size are ever shown.
 * - `identified`: the employee knows the answer goes to their manager; only these allow
 *   person-level uses (following up a named detractor, a person's risk signals).
 */
export const ConfidentialitySchema = z.enum(CONFIDENTIALITY_MODES);
/** What a survey promises respondents (see {@link ConfidentialitySchema}). */
export type Confidentiality = z.infer<typeof ConfidentialitySchema>;

/** A survey (a quarterly eNPS pulse, an annual engagement survey). */
export const SurveySchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().min(1, 'must not be empty'),
    confidentiality: ConfidentialitySchema,
    opensOn: CalendarDaySchema,
    closesOn: CalendarDaySchema.optional(),
    minGroupSize: z.int().min(3).optional(),
  })
  .superRefine((survey, context) => {
    if (survey.closesOn !== undefined && survey.closesOn < survey.opensOn) {
      context.addIssue({
        code: 'custom',
        path: ['closesOn'],
        message: `closesOn ${survey.closesOn} is before opensOn ${survey.opensOn}`,
      });
    }
  });
/** A survey (see {@link SurveySchema}). */
export type Survey = z.infer<typeof SurveySchema>;

const questionBase = {
  id: IdSchema,
  surveyId: IdSchema,
  text: z.string().min(1, 'must not be empty'),
  /** The factor or driver the question belongs to (for example `growth`, `recognition`). */
  factor: z.string().min(1).optional(),
  /** Tags such as `intent-to-stay` or `engagement-index`. */
  tags: z.array(z.string().min(1)).default([]),
};

/**
 * Which answers of a Likert item count as favourable, neutral and unfavourable. Together they must
 * cover 1..points exactly once; `neutral` may be empty (even scales).
 */
export const FavourabilityMapSchema = z.strictObject({
  favourable: z.array(z.int().min(1)).min(1),
  neutral: z.array(z.int().min(1)).default([]),
  unfavourable: z.array(z.int().min(1)).min(1),
});
/** Which Likert answers are favourable, neutral and unfavourable. */
export type FavourabilityMap = z.infer<typeof FavourabilityMapSchema>;

/**
 * A survey question. `enps` is answered 0-10; `likert` 1..`points` (2 to 11 points) with an
 * optional favourability map (the reference map by scale size otherwise); `yesNo` true or false;
 * `text` free text.
 */
export const QuestionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...questionBase, kind: z.literal('enps') }),
    z.strictObject({
      ...questionBase,
      kind: z.literal('likert'),
      points: z.int().min(2).max(11),
      favourability: FavourabilityMapSchema.optional(),
    }),
    z.strictObject({ ...questionBase, kind: z.literal('yesNo') }),
    z.strictObject({ ...questionBase, kind: z.literal('text') }),
  ])
  .superRefine((question, context) => {
    if (question.kind !== 'likert' || question.favourability === undefined) return;
    const seen = new Map<number, string>();
    const map = question.favourability;
    for (const bucket of ['favourable', 'neutral', 'unfavourable'] as const) {
      for (const value of map[bucket]) {
        const earlier = seen.get(value);
        if (value > question.points) {
          context.addIssue({
            code: 'custom',
            path: ['favourability', bucket],
            message: `answer ${value} is off the 1-${question.points} scale`,
          });
        } else if (earlier !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['favourability', bucket],
            message: `answer ${value} is already ${earlier}`,
          });
        }
        seen.set(value, bucket);
      }
    }
    for (let value = 1; value <= question.points; value++) {
      if (!seen.has(value)) {
        context.addIssue({
          code: 'custom',
          path: ['favourability'],
          message: `answer ${value} of the 1-${question.points} scale is in no bucket`,
        });
      }
    }
  });
/** A survey question (see {@link QuestionSchema}). */
export type Question = z.infer<typeof QuestionSchema>;
/** The kind of a question: `enps`, `likert`, `yesNo` or `text`. */
export type QuestionKind = Question['kind'];

/** An invitation to a survey: the denominator of its response rate. */
export const SurveyInvitationSchema = z.strictObject({
  surveyId: IdSchema,
  employeeId: IdSchema,
  invitedOn: CalendarDaySchema.optional(),
});
/** An invitation to a survey (see {@link SurveyInvitationSchema}). */
export type SurveyInvitation = z.infer<typeof SurveyInvitationSchema>;

/** One answer: a number (eNPS, Likert), text, yes/no, or `null` when the question was skipped. */
export const AnswerValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
/** One answer: a number, text, yes/no, or `null` when skipped. */
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/**
 * One person's response to a survey. `respondentId` must be absent for anonymous surveys (the
 * dataset check refuses it). `answers` maps question ids to values; `null` means skipped, which is
 * counted apart and never as a zero. Values are checked against each question's scale when the
 * response is validated with its survey in a dataset.
 */
export const SurveyResponseSchema = z.strictObject({
  id: IdSchema,
  surveyId: IdSchema,
  respondentId: IdSchema.optional(),
  submittedAt: InstantSchema,
  answers: z.record(SafeKeySchema, AnswerValueSchema),
  comments: z
    .array(
      z.strictObject({
        questionId: IdSchema.optional(),
        text: z.string().min(1, 'must not be empty'),
      }),
    )
    .default([]),
});
/** One person's response to a survey (see {@link SurveyResponseSchema}). */
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;
