/** Metrics of the practice "resolve problems": concerns. @internal */

import { CLOSED, FINISHED, ON_TIME, RESPONDED, type Tickets } from '../serviceColumns.js';
import { defineMetric, type Measurement, survivalMeasurement } from './metric.js';
import type { ManagerSlice } from './slice.js';

/**
 * Kaplan-Meier median (p90 in the detail) of a survival time of the concerns raised in the
 * period: `time` to the event flagged by `event`, censored at asOf.
 */
function concernTime(
  slice: ManagerSlice,
  time: (concerns: Tickets) => Float64Array,
  event: number,
): Measurement {
  const { concerns: k, frame } = slice.organisation;
  const times = time(k);
  const capacity = slice.recordsIn(k.groups);
  const samples = slice.samples(capacity);
  const raisers = slice.personSet();
  let count = 0;
  let people = 0;
  for (const g of slice.scopeManagers) {
    for (let i = k.groups[g]!; i < k.groups[g + 1]!; i++) {
      const raised = k.raisedDay[i]!;
      if (raised < frame.start || raised > frame.last) continue;
      samples.times[count] = times[i]!;
      samples.events[count++] = k.flags[i]! & event ? 1 : 0;
      if (raisers.add(k.employee[i]!)) people++;
    }
  }
  return survivalMeasurement(samples.times, samples.events, count, people);
}

export const resolveProblems = [
  defineMetric({
    id: 'concernTimeToAcknowledge',
    practice: 'resolve problems',
    label: 'concern ack (days)',
    definition:
      'Median days from a concern being raised to its first response (any later status), Kaplan-Meier, with concerns not yet acknowledged censored at asOf; p90 in the detail.',
    unit: 'days',
    higherIsBetter: false,
    target: 2,
    source: 'service-desk practice: acknowledge within two working days',
    compute: (slice) => concernTime(slice, (k) => k.responseTime, RESPONDED),
  }),
  defineMetric({
    id: 'concernTimeToResolve',
    practice: 'resolve problems',
    label: 'concern resolve (days)',
    definition:
      'Median days from raised to resolved or declined, Kaplan-Meier, open concerns censored at asOf; p90 in the detail.',
    unit: 'days',
    higherIsBetter: false,
    target: 30,
    source: 'configurable; 30 days as a default service level',
    compute: (slice) => concernTime(slice, (k) => k.closeTime, FINISHED),
  }),
  defineMetric({
    id: 'concernsResolvedWithinTarget',
    practice: 'resolve problems',
    label: 'concerns in time',
    definition:
      'Share of concerns raised at least resolveWithinDays (default 30) days before asOf that were resolved within that time.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'service-level practice: 80% within the target time',
    compute(slice) {
      const { concerns: k, frame, windows } = slice.organisation;
      const dueBy = frame.asOf - windows.resolve;
      const raisers = slice.personSet();
      let due = 0;
      let onTime = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let i = k.groups[g]!; i < k.groups[g + 1]!; i++) {
          const raised = k.raisedDay[i]!;
          if (raised < frame.start || raised > frame.last || raised > dueBy) continue;
          due++;
          if (raisers.add(k.employee[i]!)) people++;
          if (k.flags[i]! & ON_TIME) onTime++;
        }
      }
      return { people, value: due === 0 ? null : onTime / due };
    },
  }),
  defineMetric({
    id: 'openConcerns',
    practice: 'resolve problems',
    label: 'open concerns',
    definition:
      'Concerns still open on asOf; the detail splits them by age (0-7, 8-30, 31-90, over 90 days).',
    unit: 'count',
    higherIsBetter: false,
    target: null,
    source: 'a backlog, read with its ages; no target',
    compute(slice) {
      const { concerns: k, frame } = slice.organisation;
      let open = 0;
      const ages = { '0-7': 0, '8-30': 0, '31-90': 0, 'over-90': 0 };
      for (const g of slice.scopeManagers) {
        for (let i = k.groups[g]!; i < k.groups[g + 1]!; i++) {
          if (k.flags[i]! & CLOSED) continue;
          open++;
          const age = frame.asOf - k.raisedDay[i]!;
          if (age <= 7) ages['0-7']++;
          else if (age <= 30) ages['8-30']++;
          else if (age <= 90) ages['31-90']++;
          else ages['over-90']++;
        }
      }
      return { people: slice.now.length, value: open, detail: ages };
    },
  }),
] as const;
