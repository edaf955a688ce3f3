/** Metrics of the practice "listen": one-to-ones. @internal */

import { median } from 'simple-statistics';
import { groupByKey, managerOn, NONE, scatter } from '../../internal/organisationIndex.js';
import { IN_WINDOW } from '../serviceColumns.js';
import { periodMeetings } from './derived.js';
import { defineMetric, survivalMeasurement } from './metric.js';
import type { Organisation } from './slice.js';

/**
 * The people hired in the period (employment spells starting in it, up to asOf), grouped by
 * their manager on the hire day, with the days from hire to their first one-to-one (with the
 * manager they had that day): an event when it came by asOf and before they left, otherwise
 * censored at asOf or at their last day. O(spells + one-to-ones).
 */
function newHires(o: Organisation) {
  const { history, frame, meetings } = o;
  const manager: number[] = [];
  const person: number[] = [];
  const hired: number[] = [];
  const until: number[] = [];
  for (let p = 0; p < history.size; p++) {
    for (let s = history.spellStart[p]!; s < history.spellStart[p + 1]!; s++) {
      const hire = history.spellHire[s]!;
      if (hire < frame.start || hire > frame.last) continue;
      const boss = managerOn(history, p, hire);
      if (boss === NONE) continue;
      manager.push(boss);
      person.push(p);
      hired.push(hire);
      until.push(Math.min(history.spellEnd[s]!, frame.asOf));
    }
  }
  // Each person's hires, chained; then the first one-to-one within each hire's spell.
  const firstHire = new Int32Array(history.size).fill(NONE);
  const nextHire = new Int32Array(person.length);
  for (let h = person.length - 1; h >= 0; h--) {
    nextHire[h] = firstHire[person[h]!]!;
    firstHire[person[h]!] = h;
  }
  const firstMeeting = new Float64Array(person.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < meetings.day.length; i++) {
    const day = meetings.day[i]!;
    for (let h = firstHire[meetings.employee[i]!]!; h !== NONE; h = nextHire[h]!)
      if (day >= hired[h]! && day <= until[h]! && day < firstMeeting[h]!) firstMeeting[h] = day;
  }
  const time = new Float64Array(person.length);
  const event = new Uint8Array(person.length);
  for (let h = 0; h < person.length; h++) {
    const met = firstMeeting[h]! !== Number.POSITIVE_INFINITY;
    time[h] = (met ? firstMeeting[h]! : until[h]!) - hired[h]!;
    event[h] = met ? 1 : 0;
  }
  const byManager = groupByKey(Int32Array.from(manager), manager.length, o.ids.length);
  return {
    groups: byManager.start,
    person: scatter(Int32Array.from(person), byManager),
    time: scatter(time, byManager),
    event: scatter(event, byManager),
  };
}

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
  defineMetric({
    id: 'newHireTimeToFirstOneOnOne',
    practice: 'listen',
    label: 'new hire 1st 1:1 (days)',
    definition:
      'Median days from the hire of a person hired in the period (reporting to the manager on their hire day) to their first one-to-one with their manager, Kaplan-Meier, with people not met yet censored at asOf (or at their last day, if they left first); p90 in the detail.',
    unit: 'days',
    higherIsBetter: false,
    target: 7,
    source:
      'onboarding practice: a first one-to-one in the first week; Microsoft found new hires who had one in their first week better connected (Klinghoffer, Young & Haspas, HBR 2018, an observational study of 3,000 hires)',
    compute(slice) {
      const hires = slice.organisation.shared(newHires);
      const { times, events } = slice.samples(slice.recordsIn(hires.groups));
      const hiredPeople = slice.personSet();
      let count = 0;
      let people = 0;
      for (const g of slice.scopeManagers) {
        for (let h = hires.groups[g]!; h < hires.groups[g + 1]!; h++) {
          times[count] = hires.time[h]!;
          events[count++] = hires.event[h]!;
          if (hiredPeople.add(hires.person[h]!)) people++;
        }
      }
      return survivalMeasurement(times, events, count, people);
    },
  }),
] as const;
