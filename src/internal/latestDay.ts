import type { CalendarDay } from '../core/calendarDay.js';
import type { Dataset } from '../schemas/dataset.js';
import { utcDayOf } from './epochDay.js';

/**
 * The latest day the records mention (spells, assignments, responses, one-to-ones), if any: the
 * "today" of a dataset given without one (the demo and the CLI's report). @internal
 */
export function latestDay(
  dataset: Pick<Dataset, 'spells' | 'assignments' | 'responses' | 'oneOnOnes'>,
): CalendarDay | undefined {
  let latest: CalendarDay | undefined;
  const see = (day: string | undefined) => {
    if (day !== undefined && (latest === undefined || day > latest)) latest = day;
  };
  for (const s of dataset.spells) {
    see(s.hireDate);
    see(s.terminationDate);
  }
  for (const a of dataset.assignments) {
    see(a.validFrom);
    see(a.validTo);
  }
  for (const r of dataset.responses) see(utcDayOf(r.submittedAt));
  for (const o of dataset.oneOnOnes) see(o.date);
  return latest;
}
