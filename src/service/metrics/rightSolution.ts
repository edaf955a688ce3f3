/** Metrics of the practice "right solution": how the raiser rated a resolution. @internal */

import { NONE } from '../../internal/organisationIndex.js';
import { defineMetric } from './metric.js';

export const rightSolution = [
  defineMetric({
    id: 'resolutionSatisfaction',
    practice: 'right solution',
    label: 'resolution CSAT',
    definition:
      'Share of resolved concerns in the period whose raiser rated the resolution 4 or 5 of 5 (CSAT); the mean rating in the detail.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'customer-satisfaction (CSAT) practice: 80% satisfied',
    fromAnswers: true,
    compute(slice) {
      const { concerns: k, frame } = slice.organisation;
      const raters = slice.personSet();
      const pleased = slice.personSet();
      const displeased = slice.personSet();
      const who: number[] = [];
      let ratings = 0;
      let good = 0;
      let sum = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let i = k.groups[g]!; i < k.groups[g + 1]!; i++) {
          const resolved = k.resolvedDay[i]!;
          const rating = k.rating[i]!;
          if (resolved === NONE || resolved < frame.start || resolved > frame.last || rating === 0)
            continue;
          ratings++;
          sum += rating;
          const rater = k.employee[i]!;
          if (rating >= 4) {
            good++;
            pleased.add(rater);
          } else displeased.add(rater);
          if (raters.add(rater)) {
            people++;
            who.push(rater);
          }
        }
      }
      // Each rater once: every rating good, none, or some (the gate's answer variable).
      let all = 0;
      let none = 0;
      for (const rater of who) {
        if (!displeased.has(rater)) all++;
        else if (!pleased.has(rater)) none++;
      }
      return {
        people,
        value: ratings === 0 ? null : good / ratings,
        detail: ratings === 0 ? { ratings } : { ratings, meanRating: sum / ratings },
        answers: { 'all-counted': all, 'none-counted': none, 'some-counted': people - all - none },
      };
    },
  }),
] as const;
