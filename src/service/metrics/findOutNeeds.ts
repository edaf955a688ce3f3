/** Metrics of the practice "find out needs": needs raised in one-to-ones. @internal */

import { defineMetric, survivalMeasurement } from './metric.js';

export const findOutNeeds = [
  defineMetric({
    id: 'needsAddressed',
    practice: 'find out needs',
    label: 'needs addressed',
    definition:
      'Share of needs raised in one-to-ones in the period that were addressed by asOf; needs by kind in the detail.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable',
    compute(slice) {
      const { needs: n, frame } = slice.organisation;
      const byKind = [0, 0, 0, 0, 0];
      const raisers = slice.personSet();
      let count = 0;
      let addressed = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let i = n.groups[g]!; i < n.groups[g + 1]!; i++) {
          count++;
          byKind[n.kind[i]!]!++;
          if (n.addressed[i]! <= frame.asOf) addressed++;
          if (raisers.add(n.employee[i]!)) people++;
        }
      }
      return {
        people,
        value: count === 0 ? null : addressed / count,
        detail: {
          development: byKind[0]!,
          workload: byKind[1]!,
          tools: byKind[2]!,
          wellbeing: byKind[3]!,
          other: byKind[4]!,
        },
      };
    },
  }),
  defineMetric({
    id: 'needTimeToAddress',
    practice: 'find out needs',
    label: 'need time (days)',
    definition:
      'Median days from a need being raised to being addressed, Kaplan-Meier, open needs censored at asOf.',
    unit: 'days',
    higherIsBetter: false,
    target: 14,
    source: 'configurable; the next one-to-one at the common 14-day cadence',
    compute(slice) {
      const { needs: n, frame } = slice.organisation;
      const capacity = slice.recordsIn(n.groups);
      const { times, events } = slice.samples(capacity);
      const raisers = slice.personSet();
      let count = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let i = n.groups[g]!; i < n.groups[g + 1]!; i++) {
          const done = n.addressed[i]! <= frame.asOf;
          times[count] = (done ? n.addressed[i]! : frame.asOf) - n.day[i]!;
          events[count++] = done ? 1 : 0;
          if (raisers.add(n.employee[i]!)) people++;
        }
      }
      return survivalMeasurement(times, events, count, people);
    },
  }),
] as const;
