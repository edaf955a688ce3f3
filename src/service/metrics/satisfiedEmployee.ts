/** Metrics of the practice "satisfied employee": the team's eNPS. @internal */

import { SUPPRESSED } from '../../privacy/reportable.js';
import { defineMetric } from './metric.js';

export const satisfiedEmployee = [
  defineMetric({
    id: 'teamEnps',
    practice: 'satisfied employee',
    label: 'team eNPS',
    definition:
      'eNPS (adjusted Wald interval) of the latest confidential or identified survey in the period, with complementary suppression across managers.',
    unit: 'score',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
    compute(slice) {
      // The cell went through complementary suppression across every manager (`scorecards`).
      const cell = slice.organisation.teamEnps.get(slice.managerId);
      if (cell === undefined || cell.status !== 'shown' || cell.value.score === null)
        return SUPPRESSED;
      const { score, interval } = cell.value;
      return interval === null
        ? { people: cell.n, value: score, detail: { respondents: cell.n } }
        : { people: cell.n, value: score, interval, detail: { respondents: cell.n } };
    },
  }),
] as const;
