import * as z from 'zod';
import { CalendarDaySchema, IdSchema, InstantSchema } from './primitives.js';

const STAGE: Readonly<Record<string, number>> = {
  raised: 0,
  acknowledged: 1,
  'in-progress': 2,
  resolved: 3,
  adopted: 3,
  declined: 3,
};

/**
 * Checks a status history: it starts with `raised`, each step moves forward (raised ->
 * acknowledged -> in progress -> a final status; steps may be skipped), nothing follows a final
 * status, and the timestamps do not go back in time. @internal
 */
function checkHistory(
  history: readonly { readonly status: string; readonly at: string }[],
  context: z.RefinementCtx,
): void {
  if (history.length === 0) return;
  if (history[0]?.status !== 'raised') {
    context.addIssue({
      code: 'custom',
      path: ['statusHistory', 0, 'status'],
      message: `the history must start with "raised", got "${history[0]?.status}"`,
    });
  }
  for (let index = 1; index < history.length; index++) {
    const previous = history[index - 1]!;
    const current = history[index]!;
    if ((STAGE[current.status] ?? 0) <= (STAGE[previous.status] ?? 0)) {
      context.addIssue({
        code: 'custom',
        path: ['statusHistory', index, 'status'],
        message: `"${current.status}" cannot follow "${previous.status}"`,
      });
    }
    if (Date.parse(current.at) < Date.parse(previous.at)) {
      context.addIssue({
        code: 'custom',
        path: ['statusHistory', index, 'at'],
        message: `${current.at} is before the previous status at ${previous.at}`,
      });
    }
  }
}

function statusEntry<T extends z.ZodEnum>(statuses: T) {
  return z.strictObject({ status: statuses, at: InstantSchema, note: z.string().optional() });
}

/** The statuses of an idea. */
export const IdeaStatusSchema = z.enum([
  'raised',
  'acknowledged',
  'in-progress',
  'adopted',
  'declined',
]);
/** A status of an idea. */
export type IdeaStatus = z.infer<typeof IdeaStatusSchema>;

/**
 * An idea an employee brought to their manager, with its status history (the first entry is when
 * it was raised). Feeds idea responsiveness: time to first response, share decided, adoption.
 */
export const IdeaSchema = z
  .strictObject({
    id: IdSchema,
    employeeId: IdSchema,
    managerId: IdSchema,
    title: z.string().min(1, 'must not be empty'),
    statusHistory: z.array(statusEntry(IdeaStatusSchema)).min(1),
  })
  .superRefine((idea, context) => checkHistory(idea.statusHistory, context));
/** An idea brought to a manager, with its history (see {@link IdeaSchema}). */
export type Idea = z.infer<typeof IdeaSchema>;

/** The statuses of a concern. */
export const ConcernStatusSchema = z.enum([
  'raised',
  'acknowledged',
  'in-progress',
  'resolved',
  'declined',
]);
/** A status of a concern. */
export type ConcernStatus = z.infer<typeof ConcernStatusSchema>;

/**
 * A problem an employee raised with their manager, with its status history and, once resolved, the
 * employee's satisfaction with the resolution (1-5, like a support ticket's CSAT).
 */
export const ConcernSchema = z
  .strictObject({
    id: IdSchema,
    employeeId: IdSchema,
    managerId: IdSchema,
    topic: z.string().min(1, 'must not be empty'),
    statusHistory: z.array(statusEntry(ConcernStatusSchema)).min(1),
    resolutionRating: z.int().min(1).max(5).optional(),
  })
  .superRefine((concern, context) => {
    checkHistory(concern.statusHistory, context);
    const last = concern.statusHistory.at(-1)?.status;
    if (concern.resolutionRating !== undefined && last !== 'resolved') {
      context.addIssue({
        code: 'custom',
        path: ['resolutionRating'],
        message: `a resolution rating needs a resolved concern, the last status is "${last}"`,
      });
    }
  });
/** A problem raised with a manager, with its history (see {@link ConcernSchema}). */
export type Concern = z.infer<typeof ConcernSchema>;

/** Kinds of needs raised in one-to-ones. */
export const NeedKindSchema = z.enum(['development', 'workload', 'tools', 'wellbeing', 'other']);
/** A kind of need raised in a one-to-one. */
export type NeedKind = z.infer<typeof NeedKindSchema>;

/**
 * A one-to-one meeting. `summaryWritten` and `summaryConfirmed` (by the employee) measure
 * "summarise to be sure you understood"; `needs` are the needs raised, each with the day it was
 * addressed (absent while open).
 */
export const OneOnOneSchema = z
  .strictObject({
    id: IdSchema,
    employeeId: IdSchema,
    managerId: IdSchema,
    date: CalendarDaySchema,
    summaryWritten: z.boolean().default(false),
    summaryConfirmed: z.boolean().default(false),
    needs: z
      .array(
        z.strictObject({
          kind: NeedKindSchema,
          note: z.string().optional(),
          addressedOn: CalendarDaySchema.optional(),
        }),
      )
      .default([]),
  })
  .superRefine((meeting, context) => {
    if (meeting.employeeId === meeting.managerId) {
      context.addIssue({
        code: 'custom',
        path: ['managerId'],
        message: 'a one-to-one needs two different people',
      });
    }
    if (meeting.summaryConfirmed && !meeting.summaryWritten) {
      context.addIssue({
        code: 'custom',
        path: ['summaryConfirmed'],
        message: 'a summary cannot be confirmed before it is written',
      });
    }
    meeting.needs.forEach((need, index) => {
      if (need.addressedOn !== undefined && need.addressedOn < meeting.date) {
        context.addIssue({
          code: 'custom',
          path: ['needs', index, 'addressedOn'],
          message: `addressedOn ${need.addressedOn} is before the meeting on ${meeting.date}`,
        });
      }
    });
  });
/** A one-to-one meeting (see {@link OneOnOneSchema}). */
export type OneOnOne = z.infer<typeof OneOnOneSchema>;

/**
 * A manager's response to survey feedback: to a named person (`audience: 'person'`, allowed only
 * for identified surveys, checked in a dataset) or to the team (`audience: 'team'`), on a day, and
 * what it answered.
 */
export const FollowUpSchema = z
  .strictObject({
    id: IdSchema,
    managerId: IdSchema,
    surveyId: IdSchema,
    date: CalendarDaySchema,
    audience: z.enum(['person', 'team']),
    employeeId: IdSchema.optional(),
    teamId: IdSchema.optional(),
    regarding: z.enum(['results', 'score', 'comment']).default('results'),
    note: z.string().optional(),
  })
  .superRefine((followUp, context) => {
    if (followUp.audience === 'person' && followUp.employeeId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['employeeId'],
        message: 'a follow-up to a person needs employeeId',
      });
    }
    if (followUp.audience === 'team' && followUp.employeeId !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['employeeId'],
        message: 'a follow-up to the team must not name a person',
      });
    }
  });
/** A manager's answer to survey feedback (see {@link FollowUpSchema}). */
export type FollowUp = z.infer<typeof FollowUpSchema>;

/**
 * An important occasion for an employee. Birthdays are reminded only for employees who opted in;
 * work anniversaries are derived from employment spells, custom occasions carry a label.
 */
export const OccasionSchema = z
  .strictObject({
    employeeId: IdSchema,
    kind: z.enum(['birthday', 'work-anniversary', 'custom']),
    date: CalendarDaySchema,
    label: z.string().min(1).optional(),
    acknowledged: z.boolean().default(false),
    acknowledgedOn: CalendarDaySchema.optional(),
  })
  .superRefine((occasion, context) => {
    if (occasion.kind === 'custom' && occasion.label === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'a custom occasion needs a label',
      });
    }
    if (occasion.acknowledgedOn !== undefined && !occasion.acknowledged) {
      context.addIssue({
        code: 'custom',
        path: ['acknowledgedOn'],
        message: 'acknowledgedOn is set but acknowledged is false',
      });
    }
  });
/** An occasion of an employee (see {@link OccasionSchema}). */
export type Occasion = z.infer<typeof OccasionSchema>;
