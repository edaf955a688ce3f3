import * as z from 'zod';
import { CalendarDaySchema, IdSchema } from './primitives.js';

/** A team in the team tree; `parentId` is absent for the root. */
export const TeamSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1, 'must not be empty'),
  parentId: IdSchema.optional(),
});
/** A team of the team tree (see {@link TeamSchema}). */
export type Team = z.infer<typeof TeamSchema>;

/** Adds an issue when an inclusive range ends before it starts. @internal */
function checkOrder(
  context: z.RefinementCtx,
  from: [key: string, day: string],
  to: [key: string, day: string | undefined],
): void {
  if (to[1] !== undefined && to[1] < from[1]) {
    context.addIssue({
      code: 'custom',
      path: [to[0]],
      message: `${to[0]} ${to[1]} is before ${from[0]} ${from[1]}`,
    });
  }
}

/**
 * Who an employee reported to, and in which team, from `validFrom` to `validTo` (both inclusive;
 * `validTo` absent while current). The history answers "who reported to whom on that day", and a
 * change of team is a transfer. `managerId` is absent for the person at the top.
 */
export const AssignmentSchema = z
  .strictObject({
    employeeId: IdSchema,
    managerId: IdSchema.optional(),
    teamId: IdSchema,
    validFrom: CalendarDaySchema,
    validTo: CalendarDaySchema.optional(),
  })
  .superRefine((assignment, context) => {
    if (assignment.managerId === assignment.employeeId) {
      context.addIssue({
        code: 'custom',
        path: ['managerId'],
        message: `employee ${assignment.employeeId} cannot manage themselves`,
      });
    }
    checkOrder(context, ['validFrom', assignment.validFrom], ['validTo', assignment.validTo]);
  });
/** Who an employee reported to, and in which team, over a span of days (see {@link AssignmentSchema}). */
export type Assignment = z.infer<typeof AssignmentSchema>;

/** A kind of leave of absence. People on leave stay in headcount (SHRM). */
export const LeaveKindSchema = z.enum(['parental', 'sick', 'sabbatical', 'unpaid', 'other']);

/** A leave of absence from `startDate` to `endDate` (inclusive; absent while ongoing). */
export const LeaveSchema = z
  .strictObject({
    employeeId: IdSchema,
    kind: LeaveKindSchema,
    startDate: CalendarDaySchema,
    endDate: CalendarDaySchema.optional(),
  })
  .superRefine((leave, context) => {
    checkOrder(context, ['startDate', leave.startDate], ['endDate', leave.endDate]);
  });
/** A leave of absence (see {@link LeaveSchema}). */
export type Leave = z.infer<typeof LeaveSchema>;

/**
 * A promotion or pay change on a day, for "months since the last promotion or raise".
 * `changePercent` is the pay change in percent where known.
 */
export const CareerEventSchema = z.strictObject({
  employeeId: IdSchema,
  kind: z.enum(['promotion', 'pay-change']),
  date: CalendarDaySchema,
  changePercent: z.number().min(-100).max(1000).optional(),
});
/** A promotion or pay change (see {@link CareerEventSchema}). */
export type CareerEvent = z.infer<typeof CareerEventSchema>;
