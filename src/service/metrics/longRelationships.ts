/** Metrics of the practice "long relationships": retention and tenure. @internal */

import { wilsonInterval } from '../../core/intervals.js';
import { NONE, spellOn } from '../../internal/organisationIndex.js';
import { exposure } from './derived.js';
import { defineMetric, garwood, survivalMedian } from './metric.js';
import type { ManagerSlice } from './slice.js';

/** Leavers among the people reporting in the period, with their tenures as survival samples. */
function leaving(slice: ManagerSlice) {
  const { history, frame } = slice.organisation;
  const { everyone, last } = slice.derived(exposure);
  const times = new Float64Array(everyone.length);
  const events = new Uint8Array(everyone.length);
  let regretted = 0;
  let leavers = 0;
  let tenures = 0;
  for (let i = 0; i < everyone.length; i++) {
    const s = spellOn(history, everyone[i]!, last[i]!);
    if (s === NONE) continue;
    const end = history.spellEnd[s]!;
    const leaves = end === last[i];
    if (leaves && end >= frame.start && end <= frame.last && history.spellRegretted[s] === 1)
      regretted++;
    times[tenures] = (last[i]! - history.spellHire[s]! + 1) / 365.2425;
    events[tenures++] = leaves ? 1 : 0;
    if (leaves) leavers++;
  }
  return {
    regretted,
    leavers,
    times: times.subarray(0, tenures),
    events: events.subarray(0, tenures),
  };
}

export const longRelationships = [
  defineMetric({
    id: 'retentionRate',
    practice: 'long relationships',
    label: 'retention',
    definition:
      'Of the people reporting (and employed) on the first day of the period, the share still employed by the company on its last day (Wilson interval).',
    unit: 'share',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
    compute(slice) {
      const { history, frame, payroll } = slice.organisation;
      let cohort = 0;
      let retained = 0;
      for (const person of slice.atStart) {
        if (payroll[person] === 0) continue;
        cohort++;
        const s = spellOn(history, person, frame.start);
        if (s !== NONE && history.spellEnd[s]! > frame.last) retained++;
      }
      const detail = { startHeadcount: cohort, retained };
      return cohort === 0
        ? { people: 0, value: null, detail }
        : {
            people: cohort,
            value: retained / cohort,
            interval: wilsonInterval(retained, cohort),
            detail,
          };
    },
  }),
  defineMetric({
    id: 'regrettedTurnover',
    practice: 'long relationships',
    label: 'regretted turnover',
    definition:
      'Regretted separations of people reporting to the manager on their last day, over the average daily number of people reporting (exact Poisson interval).',
    unit: 'rate',
    higherIsBetter: false,
    target: null,
    source: 'compare with the organisation median manager',
    compute(slice) {
      const { everyone, averagePeople: exposed } = slice.derived(exposure);
      const { regretted } = slice.derived(leaving);
      const detail = { regretted, averageHeadcount: exposed };
      if (exposed === 0) return { people: everyone.length, value: null, detail };
      const interval = garwood(regretted);
      return {
        people: everyone.length,
        value: regretted / exposed,
        interval: { ...interval, lower: interval.lower / exposed, upper: interval.upper / exposed },
        detail,
      };
    },
  }),
  defineMetric({
    id: 'medianTenure',
    practice: 'long relationships',
    label: 'median tenure (years)',
    definition:
      'Median company tenure in years (Kaplan-Meier) of the people who reported to the manager in the period: leavers are events, the others censored at their tenure on the last day they reported.',
    unit: 'years',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
    compute(slice) {
      const { everyone } = slice.derived(exposure);
      const { times, events, leavers } = slice.derived(leaving);
      return {
        people: everyone.length,
        value: survivalMedian(times, events),
        detail: { people: everyone.length, leavers },
      };
    },
  }),
] as const;
