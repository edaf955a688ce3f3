/**
 * Columns of one manager's slice that metrics of several practices read, each derived once per
 * manager on first use (`slice.derived`). @internal
 */

import { IN_PERIOD } from '../serviceColumns.js';
import type { ManagerSlice } from './slice.js';

/** The slice's one-to-ones in the period, as sorted keys `person x span + day - start`. */
export interface PeriodMeetings {
  /** Sorted: by person, then day. */
  readonly keys: Float64Array;
  /** Days in the period up to its last counted day. */
  readonly span: number;
}

/** The one-to-ones in the period of the slice's managers, sorted by person then day. */
export function periodMeetings(slice: ManagerSlice): PeriodMeetings {
  const { meetings: m, frame } = slice.organisation;
  const span = frame.last - frame.start + 1;
  const count = slice.recordsIn(m.groups);
  const keys = new Float64Array(count);
  let k = 0;
  for (const g of slice.scopeManagers) {
    for (let i = m.groups[g]!; i < m.groups[g + 1]!; i++) {
      if (!(m.flags[i]! & IN_PERIOD)) continue;
      // person x span + day in the period: sorting the numbers sorts by person, then day.
      keys[k++] = m.employee[i]! * span + (m.day[i]! - frame.start);
    }
  }
  return { keys: keys.subarray(0, k).sort(), span };
}

/** Who reported to the slice's managers in the period, and for how long. */
export interface Exposure {
  /** Payroll people who reported on some day of the period, in order of first sight. */
  readonly everyone: Int32Array;
  /** Per entry of `everyone`: the last day they reported in the period. */
  readonly last: Int32Array;
  /** The average daily number of people reporting over the period. */
  readonly averagePeople: number;
}

/**
 * The payroll people reporting to the slice's managers on some day of the period (employed that
 * day), the last such day of each, and the average daily headcount (person-days over days).
 */
export function exposure(slice: ManagerSlice): Exposure {
  const { history, frame, payroll } = slice.organisation;
  const seen = slice.personSet();
  const everyone: number[] = [];
  const last: number[] = [];
  const at = new Map<number, number>();
  let personDays = 0;
  for (const g of slice.scopeManagers) {
    for (let p = history.reportStart[g]!; p < history.reportStart[g + 1]!; p++) {
      const person = history.reportEmployee[p]!;
      if (payroll[person] === 0) continue;
      for (let s = history.spellStart[person]!; s < history.spellStart[person + 1]!; s++) {
        const from = Math.max(history.reportFrom[p]!, history.spellHire[s]!, frame.start);
        const to = Math.min(history.reportTo[p]!, frame.last, history.spellEnd[s]!);
        if (to < from) continue;
        if (seen.add(person)) {
          at.set(person, everyone.length);
          everyone.push(person);
          last.push(to);
        } else {
          const index = at.get(person)!;
          if (to > last[index]!) last[index] = to;
        }
        personDays += to - from + 1;
      }
    }
  }
  const periodDays = frame.last + 1 - frame.start;
  return {
    everyone: Int32Array.from(everyone),
    last: Int32Array.from(last),
    averagePeople: periodDays > 0 ? personDays / periodDays : 0,
  };
}
