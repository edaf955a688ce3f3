/**
 * The observation window of HR records: the first day the records cover (`recordsStart`). People
 * hired before it are in an extract only because they were still employed on it (left
 * truncation), so their tenure is observed from it: they enter the risk sets late. @internal
 */
import { countInWarning } from '../../internal/countInWarning.js';
import { DEFAULT_MIN_GROUP_SIZE } from '../../privacy/minGroupSize.js';
import { checkedDay, dayString } from './days.js';
import type { PreparedPerson } from './people.js';

/**
 * The day number of a `recordsStart` option, or undefined when none is given.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for a value that is not a calendar day. @internal
 */
export function checkedRecordsStart(value: unknown, functionName: string): number | undefined {
  return value === undefined ? undefined : checkedDay(value, functionName, 'recordsStart');
}

/** Days employed before the records start: the tenure at which a spell enters. @internal */
export function entryDays(hire: number, recordsStart: number | undefined): number {
  return recordsStart === undefined || hire >= recordsStart ? 0 : recordsStart - hire;
}

/** How long before the first termination a hire must be to suggest truncated records. */
const SUSPICIOUS_DAYS = 365;

/**
 * Warnings about the observation window of counted spells hired by `asOf`:
 *
 * - with `recordsStart`, spells that ended before it (an extract cannot hold them without holding
 *   every leaver of the time) are left out by the caller: one warning counts them;
 *
 * (each count only from `minGroupSize` up, default 5: "some" below it)
 * - without it, when spells were hired more than a year before the first termination in the data,
 *   the records probably start near that termination: a warning names the fix (`recordsStart`).
 *
 * O(spells). @internal
 */
export function windowWarnings(
  people: readonly PreparedPerson[],
  asOf: number,
  recordsStart: number | undefined,
  functionName: string,
  minGroupSize: number = DEFAULT_MIN_GROUP_SIZE,
): string[] {
  let firstTermination = Number.POSITIVE_INFINITY;
  let endedBefore = 0;
  for (const person of people) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      if (spell.hire > asOf) continue;
      if (spell.term <= asOf && spell.term < firstTermination) firstTermination = spell.term;
      if (recordsStart !== undefined && spell.term < recordsStart) endedBefore += 1;
    }
  }
  if (recordsStart !== undefined) {
    return endedBefore === 0
      ? []
      : [
          `${functionName}: ${countInWarning(endedBefore, minGroupSize)} spell(s) ended before recordsStart ${dayString(recordsStart)} and are left out (only people employed on or after it are observed)`,
        ];
  }
  if (firstTermination === Number.POSITIVE_INFINITY) return [];
  let early = 0;
  for (const person of people) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      if (spell.hire < firstTermination - SUSPICIOUS_DAYS) early += 1;
    }
  }
  return early === 0
    ? []
    : [
        `${functionName}: ${countInWarning(early, minGroupSize)} spell(s) were hired more than a year before the first termination in the data (${dayString(firstTermination)}); if the records start about then, those people are in them only because they stayed, which overstates retention: pass recordsStart (the first day the records cover) to observe them from then`,
      ];
}

/**
 * The first hire and the first termination among counted spells, as day numbers (`Infinity`
 * when there is none): all that the window warning of a period needs, and mergeable by `min`
 * (the streaming turnover counts carry them). O(spells). @internal
 */
export function windowBounds(people: readonly PreparedPerson[]): {
  firstHire: number;
  firstTermination: number;
} {
  let firstHire = Number.POSITIVE_INFINITY;
  let firstTermination = Number.POSITIVE_INFINITY;
  for (const person of people) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      if (spell.hire < firstHire) firstHire = spell.hire;
      if (spell.term < firstTermination) firstTermination = spell.term;
    }
  }
  return { firstHire, firstTermination };
}

/**
 * Warnings for a measure over a period (turnover, retention rate) that starts before the records
 * do: with `recordsStart`, when the period starts before it; without it, when the period starts
 * before the first termination in the data and spells were hired more than a year before that
 * termination (the records probably start about then). `bounds` are the counted spells'
 * {@link windowBounds}. O(1). @internal
 */
export function periodWindowWarnings(
  bounds: { readonly firstHire: number; readonly firstTermination: number },
  periodStart: number,
  recordsStart: number | undefined,
  functionName: string,
): string[] {
  if (recordsStart !== undefined) {
    return periodStart >= recordsStart
      ? []
      : [
          `${functionName}: the period starts on ${dayString(periodStart)}, before the records start on ${dayString(recordsStart)}: people who left before then are not in the records, so headcount and separations before it are missing; start the period on or after recordsStart`,
        ];
  }
  const { firstHire, firstTermination } = bounds;
  if (
    firstTermination === Number.POSITIVE_INFINITY ||
    periodStart >= firstTermination ||
    firstHire >= firstTermination - SUSPICIOUS_DAYS
  ) {
    return [];
  }
  return [
    `${functionName}: the period starts on ${dayString(periodStart)}, before the first termination in the data (${dayString(firstTermination)}), and spells were hired more than a year before it: if the records start about then, separations before it are missing; pass recordsStart (the first day the records cover) to be told when a period starts before it`,
  ];
}
