/** Metrics of the practice "listen": one-to-ones. @internal */

import { median } from 'simple-statistics';
import { IN_WINDOW } from '../serviceColumns.js';
import { periodMeetings } from './derived.js';
import { defineMetric } from './metric.js';

export const listen = [
  defineMetric({
    id: 'oneOnOneCoverage',
    practice: 'listen',
    label: '1:1 coverage',
    definition:
      'Share of the people reporting on asOf with a one-to-one with their manager in the last coverageDays (default 30) days.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.9,
    source:
      'common practice: a one-to-one at least monthly for everyone (most guides say every 1-2 weeks)',
    compute(slice) {
      const m = slice.organisation.meetings;
      const seen = slice.personSet();
      for (const g of slice.scopeManagers)
        for (let i = m.groups[g]!; i < m.groups[g + 1]!; i++)
          if (m.flags[i]! & IN_WINDOW) seen.add(m.employee[i]!);
      let covered = 0;
      for (const person of slice.now) if (seen.has(person)) covered++;
      const people = slice.now.length;
      return { people, value: people === 0 ? null : covered / people };
    },
  }),
  defineMetric({
    id: 'oneOnOneMedianGap',
    practice: 'listen',
    label: '1:1 gap (days)',
    definition:
      'Median number of days between consecutive one-to-ones of the same person with their manager, in the period.',
    unit: 'days',
    higherIsBetter: false,
    target: 14,
    source: 'common practice: one-to-ones at least every 14 days',
    compute(slice) {
      const { keys, span } = slice.derived(periodMeetings);
      const gaps: number[] = [];
      let people = 0;
      for (let i = 0; i < keys.length; ) {
        const person = Math.floor(keys[i]! / span);
        let previous = keys[i]!;
        let j = i + 1;
        for (; j < keys.length && Math.floor(keys[j]! / span) === person; j++) {
          if (keys[j] === previous) continue;
          gaps.push(keys[j]! - previous);
          previous = keys[j]!;
        }
        if (previous !== keys[i]) people++;
        i = j;
      }
      return {
        people,
        value: gaps.length === 0 ? null : median(gaps),
        detail: { gaps: gaps.length },
      };
    },
  }),
] as const;
