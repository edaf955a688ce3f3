/** Metrics of the practice "remember occasions": birthdays and anniversaries. @internal */

import { exposure } from './derived.js';
import { defineMetric } from './metric.js';

export const rememberOccasions = [
  defineMetric({
    id: 'occasionsAcknowledged',
    practice: 'remember occasions',
    label: 'occasions acknowledged',
    definition:
      'Share of recorded occasions of the people reporting that fell in the period (up to asOf) and were acknowledged.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.9,
    source: 'configurable',
    compute(slice) {
      const { occasions: o, occasionAcknowledged } = slice.organisation;
      const visited = slice.personSet();
      let past = 0;
      let acknowledged = 0;
      let people = 0;
      // Everyone who reported in the period or reports now.
      const visit = (person: number) => {
        if (!visited.add(person) || person >= o.start.length - 1) return;
        const count = o.start[person + 1]! - o.start[person]!;
        if (count === 0) return;
        people++;
        past += count;
        for (let p = o.start[person]!; p < o.start[person + 1]!; p++)
          acknowledged += occasionAcknowledged[p]!;
      };
      for (const person of slice.derived(exposure).everyone) visit(person);
      for (const person of slice.now) visit(person);
      return { people, value: past === 0 ? null : acknowledged / past };
    },
  }),
] as const;
