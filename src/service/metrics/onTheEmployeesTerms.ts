/** Metrics of the practice "on the employee’s terms": their own cadence. @internal */

import { periodMeetings } from './derived.js';
import { defineMetric } from './metric.js';

export const onTheEmployeesTerms = [
  defineMetric({
    id: 'preferredCadenceAdherence',
    practice: 'on the employee’s terms',
    label: 'own cadence kept',
    definition:
      'For people who set a preferred cadence: share of their gaps between one-to-ones (and the open gap up to asOf, once overdue) no longer than their preference.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'the employee’s own preference; 80% leaves room for holidays',
    compute(slice) {
      const { frame, preference } = slice.organisation;
      const { keys, span } = slice.derived(periodMeetings);
      const met = slice.personSet();
      let kept = 0;
      let intervals = 0;
      for (let i = 0; i < keys.length; ) {
        const person = Math.floor(keys[i]! / span);
        const preferred = slice.reportsNow(person) ? preference[person]! : 0;
        let previous = keys[i]! - person * span;
        let j = i + 1;
        for (; j < keys.length && Math.floor(keys[j]! / span) === person; j++) {
          const day = keys[j]! - person * span;
          if (day === previous) continue;
          if (preferred > 0) {
            intervals++;
            if (day - previous <= preferred) kept++;
          }
          previous = day;
        }
        if (preferred > 0) {
          met.add(person);
          // The open gap up to asOf, once longer than the preference.
          if (frame.asOf - (frame.start + previous) > preferred) intervals++;
        }
        i = j;
      }
      let people = 0;
      for (const person of slice.now) {
        const preferred = preference[person]!;
        if (preferred === 0) continue;
        people++;
        // Nobody met in the period: the whole period is one open gap.
        if (!met.has(person) && frame.asOf - frame.start > preferred) intervals++;
      }
      return { people, value: intervals === 0 ? null : kept / intervals };
    },
  }),
] as const;
