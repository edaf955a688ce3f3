/** Metrics of the practice "summarise to confirm": confirmed one-to-one summaries. @internal */

import { CONFIRMED, IN_PERIOD, WRITTEN } from '../serviceColumns.js';
import { defineMetric } from './metric.js';

export const summariseToConfirm = [
  defineMetric({
    id: 'summariesConfirmed',
    practice: 'summarise to confirm',
    label: 'summaries confirmed',
    definition:
      'Share of one-to-ones in the period with a written summary that the employee confirmed.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable',
    compute(slice) {
      const m = slice.organisation.meetings;
      const met = slice.personSet();
      let meetings = 0;
      let confirmed = 0;
      let written = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let i = m.groups[g]!; i < m.groups[g + 1]!; i++) {
          const flags = m.flags[i]!;
          if (!(flags & IN_PERIOD)) continue;
          meetings++;
          if (flags & CONFIRMED) confirmed++;
          if (flags & WRITTEN) written++;
          if (met.add(m.employee[i]!)) people++;
        }
      }
      return {
        people,
        value: meetings === 0 ? null : confirmed / meetings,
        detail: { meetings, written },
      };
    },
  }),
] as const;
