/** Metrics of the practice "seek ideas": ideas raised to the manager. @internal */

import { ADOPTED, CLOSED, RESPONDED } from '../serviceColumns.js';
import { exposure } from './derived.js';
import { defineMetric, survivalMeasurement } from './metric.js';
import type { ManagerSlice } from './slice.js';

/** Ideas raised in the period: how many, by how many people, decided and adopted. */
function ideaCounts(slice: ManagerSlice) {
  const { ideas: d, frame } = slice.organisation;
  const raisers = slice.personSet();
  const deciders = slice.personSet();
  const counts = { ideas: 0, raisers: 0, decided: 0, deciders: 0, adopted: 0 };
  for (const g of slice.scopeManagers) {
    for (let i = d.groups[g]!; i < d.groups[g + 1]!; i++) {
      const raised = d.raisedDay[i]!;
      if (raised < frame.start || raised > frame.last) continue;
      const person = d.employee[i]!;
      counts.ideas++;
      if (raisers.add(person)) counts.raisers++;
      if (d.flags[i]! & CLOSED) {
        counts.decided++;
        if (deciders.add(person)) counts.deciders++;
        if (d.flags[i]! & ADOPTED) counts.adopted++;
      }
    }
  }
  return counts;
}

export const seekIdeas = [
  defineMetric({
    id: 'ideasPerPersonPerQuarter',
    practice: 'seek ideas',
    label: 'ideas / person / qtr',
    definition:
      'Ideas raised to the manager in the period, per person reporting (average daily headcount) and per 91.3125 days.',
    unit: 'rate',
    higherIsBetter: true,
    target: null,
    source: 'depends on the work; compare with the organisation median',
    compute(slice) {
      const { frame } = slice.organisation;
      const { averagePeople } = slice.derived(exposure);
      const { ideas } = slice.derived(ideaCounts);
      const periodDays = frame.last + 1 - frame.start;
      return {
        people: slice.now.length,
        value: averagePeople === 0 ? null : ideas / averagePeople / (periodDays / 91.3125),
        detail: { ideas, averagePeople },
      };
    },
  }),
  defineMetric({
    id: 'ideaTimeToFirstResponse',
    practice: 'seek ideas',
    label: 'idea reply (days)',
    definition:
      'Median days from an idea being raised to its first response, Kaplan-Meier, unanswered ideas censored at asOf.',
    unit: 'days',
    higherIsBetter: false,
    target: 7,
    source: 'configurable; a week as a default',
    compute(slice) {
      const { ideas: d, frame } = slice.organisation;
      const capacity = slice.recordsIn(d.groups);
      const { times, events } = slice.samples(capacity);
      let count = 0;
      for (const g of slice.scopeManagers) {
        for (let i = d.groups[g]!; i < d.groups[g + 1]!; i++) {
          const raised = d.raisedDay[i]!;
          if (raised < frame.start || raised > frame.last) continue;
          times[count] = d.responseTime[i]!;
          events[count++] = d.flags[i]! & RESPONDED ? 1 : 0;
        }
      }
      return survivalMeasurement(times, events, count, slice.derived(ideaCounts).raisers);
    },
  }),
  defineMetric({
    id: 'ideasDecided',
    practice: 'seek ideas',
    label: 'ideas decided',
    definition: 'Share of ideas raised in the period that were adopted or declined by asOf.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable; a decision either way closes the loop',
    compute(slice) {
      const { ideas, raisers, decided } = slice.derived(ideaCounts);
      return { people: raisers, value: ideas === 0 ? null : decided / ideas };
    },
  }),
  defineMetric({
    id: 'ideaAdoptionRate',
    practice: 'seek ideas',
    label: 'ideas adopted',
    definition: 'Share of decided ideas that were adopted.',
    unit: 'share',
    higherIsBetter: null,
    target: null,
    source: 'no target: adopting ideas to meet a number would defeat the purpose',
    compute(slice) {
      const { decided, deciders, adopted } = slice.derived(ideaCounts);
      return { people: deciders, value: decided === 0 ? null : adopted / decided };
    },
  }),
] as const;
