/**
 * Stints: continuous stretches of membership of a population (the company, or one team), the one
 * shape that headcount, turnover, retention and their team breakdowns are all computed from.
 * @internal
 */
import { InternalCustomerError } from '../../core/errors.js';
import type { Period } from '../../core/period.js';
import type {
  AverageHeadcountResult,
  HeadcountMethod,
  HeadcountSnapshot,
} from '../averageHeadcount.js';
import type { SeparationCounts, TurnoverResult } from '../turnover.js';
import { type DayRange, dayString, monthEndsIn } from './days.js';
import { proportionEstimate, rateEstimate } from './estimates.js';
import { type PreparedPerson, type PreparedSpell, prepareAssignments } from './people.js';

/** How a stint began: a hire, a transfer in from another team, or an assignment after a gap. */
export type StintStart = 'hire' | 'transfer' | 'assigned';
/** How a stint ended: a separation, a transfer out, an unassigned gap, or not yet. */
export type StintEnd = 'separation' | 'transfer' | 'unassigned' | 'open';

/** @internal */
export interface Stint {
  readonly person: number;
  /** First and last day (day numbers, inclusive); `to` is Infinity while open. */
  readonly from: number;
  readonly to: number;
  readonly start: StintStart;
  readonly end: StintEnd;
  readonly spell: PreparedSpell;
}

/** The company's stints: one per spell of every counted person. @internal */
export function companyStints(people: readonly PreparedPerson[]): Stint[] {
  const stints: Stint[] = [];
  for (const person of people) {
    if (!person.counted) continue;
    for (const spell of person.spells) {
      stints.push({
        person: person.index,
        from: spell.hire,
        to: spell.term,
        start: 'hire',
        end: spell.term === Number.POSITIVE_INFINITY ? 'open' : 'separation',
        spell,
      });
    }
  }
  return stints;
}

/**
 * Each team's stints: spells cut by the assignments, with consecutive days in one team within a
 * spell merged (a change of manager is not a transfer). Days of a spell in no assignment become
 * `unassigned` stints. O(spells + assignments). @internal
 */
export function teamStints(
  people: readonly PreparedPerson[],
  functionName: string,
): { teams: Map<string, Stint[]>; unassigned: Stint[] } {
  const teams = new Map<string, Stint[]>();
  const unassigned: Stint[] = [];
  for (const person of people) {
    if (!person.counted) continue;
    const assignments = prepareAssignments(person, functionName);
    for (const spell of person.spells) {
      const segments: { teamId: string; from: number; to: number }[] = [];
      for (const assignment of assignments) {
        const from = Math.max(assignment.from, spell.hire);
        const to = Math.min(assignment.to, spell.term);
        if (from > to) continue;
        const previous = segments[segments.length - 1];
        if (previous && previous.teamId === assignment.teamId && previous.to + 1 === from) {
          previous.to = to;
        } else {
          segments.push({ teamId: assignment.teamId, from, to });
        }
      }
      let covered = spell.hire;
      segments.forEach((segment, i) => {
        if (segment.from > covered) {
          unassigned.push({
            person: person.index,
            from: covered,
            to: segment.from - 1,
            start: covered === spell.hire ? 'hire' : 'assigned',
            end: 'unassigned',
            spell,
          });
        }
        covered = segment.to + 1;
        const before = segments[i - 1];
        const after = segments[i + 1];
        const start: StintStart =
          segment.from === spell.hire
            ? 'hire'
            : before !== undefined && before.to + 1 === segment.from
              ? 'transfer'
              : 'assigned';
        const end: StintEnd =
          segment.to === Number.POSITIVE_INFINITY
            ? 'open'
            : segment.to === spell.term
              ? 'separation'
              : after !== undefined && after.from === segment.to + 1
                ? 'transfer'
                : 'unassigned';
        const list = teams.get(segment.teamId);
        const stint: Stint = {
          person: person.index,
          from: segment.from,
          to: segment.to,
          start,
          end,
          spell,
        };
        if (list === undefined) teams.set(segment.teamId, [stint]);
        else list.push(stint);
      });
      if (covered <= spell.term) {
        unassigned.push({
          person: person.index,
          from: covered,
          to: spell.term,
          start: covered === spell.hire ? 'hire' : 'assigned',
          end: spell.term === Number.POSITIVE_INFINITY ? 'open' : 'separation',
          spell,
        });
      }
    }
  }
  return { teams, unassigned };
}

const METHODS: ReadonlySet<string> = new Set(['daily', 'monthly', 'start-end']);

/**
 * Checks a headcount method option.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown method. @internal
 */
export function checkedMethod(method: unknown, functionName: string): HeadcountMethod {
  const value = method ?? 'daily';
  if (typeof value !== 'string' || !METHODS.has(value)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires method 'daily', 'monthly' or 'start-end', got ${JSON.stringify(value)}`,
    );
  }
  return value as HeadcountMethod;
}

/** What a population's stints add up to over a period. @internal */
export interface StintMeasure {
  readonly daily: Int32Array;
  readonly separations: SeparationCounts;
  readonly kindMissing: number;
  readonly hires: number;
  readonly transfersIn: number;
  /** Distinct people with at least one day in the period. */
  readonly people: number;
}

/**
 * Daily headcounts (a difference array over the period's days), separations whose last day lies
 * in the period, hires and transfers in whose first day does. O(stints + days). @internal
 */
export function measureStints(
  stints: readonly Stint[],
  range: DayRange,
  transfersAreSeparations: boolean,
): StintMeasure {
  const days = range.last - range.start + 1;
  const delta = new Int32Array(days + 1);
  let total = 0;
  let voluntary = 0;
  let involuntary = 0;
  let other = 0;
  let regretted = 0;
  let regrettedUnknown = 0;
  let transfersOut = 0;
  let kindMissing = 0;
  let hires = 0;
  let transfersIn = 0;
  const people = new Set<number>();
  for (const stint of stints) {
    if (stint.to < range.start || stint.from > range.last) continue;
    people.add(stint.person);
    delta[Math.max(stint.from, range.start) - range.start]! += 1;
    delta[Math.min(stint.to, range.last) - range.start + 1]! -= 1;
    if (stint.from >= range.start) {
      if (stint.start === 'hire') hires += 1;
      else if (stint.start === 'transfer') transfersIn += 1;
    }
    if (stint.to > range.last) continue;
    if (stint.end === 'separation') {
      total += 1;
      const spell = stint.spell;
      if (spell.kind === 'voluntary') voluntary += 1;
      else if (spell.kind === 'involuntary') involuntary += 1;
      else other += 1;
      if (spell.kindMissing) kindMissing += 1;
      if (spell.regretted === true) regretted += 1;
      else if (spell.regretted === undefined) regrettedUnknown += 1;
    } else if (stint.end === 'transfer' && transfersAreSeparations) {
      total += 1;
      other += 1;
      transfersOut += 1;
    }
  }
  const daily = new Int32Array(days);
  let running = 0;
  for (let day = 0; day < days; day++) {
    running += delta[day]!;
    daily[day] = running;
  }
  return {
    daily,
    separations: {
      total,
      voluntary,
      involuntary,
      other,
      regretted,
      regrettedUnknown,
      transfersOut,
    },
    kindMissing,
    hires,
    transfersIn,
    people: people.size,
  };
}

/** The average headcount of a period from its daily headcounts, by method. @internal */
export function averageFromDaily(
  daily: Int32Array,
  range: DayRange,
  period: Period,
  method: HeadcountMethod,
): AverageHeadcountResult {
  const warnings: string[] = [];
  let personDays = 0;
  for (const value of daily) personDays += value;
  const snapshot = (day: number): HeadcountSnapshot => ({
    day: dayString(day),
    headcount: daily[day - range.start]!,
  });
  let days: number[];
  if (method === 'daily') {
    days = Array.from({ length: daily.length }, (_, i) => range.start + i);
  } else if (method === 'start-end') {
    days = range.last === range.start ? [range.start] : [range.start, range.last];
  } else {
    days = monthEndsIn(range.start, range.last);
    if (days.length === 0) {
      days = [range.last];
      warnings.push(
        `averageHeadcount: the period ${period.start} to ${period.end} holds no month end; its last day ${dayString(range.last)} is used as the one snapshot`,
      );
    } else if (days[days.length - 1] !== range.last) {
      warnings.push(
        `averageHeadcount: the period ${period.start} to ${period.end} does not end on a month end; the days after ${dayString(days[days.length - 1]!)} have no snapshot`,
      );
    }
  }
  const snapshots = days.map(snapshot);
  const sum = snapshots.reduce((acc, s) => acc + s.headcount, 0);
  return {
    period: { start: period.start, end: period.end },
    method,
    value: snapshots.length === 0 ? 0 : sum / snapshots.length,
    snapshots,
    personDays,
    days: daily.length,
    warnings,
  };
}

const METHOD_WORDS: Record<HeadcountMethod, string> = {
  daily: 'the mean of the daily headcounts',
  monthly: 'the mean of the month-end headcounts (SHRM)',
  'start-end': '(headcount on the first day + headcount on the last day) / 2',
};

/** Turnover of one population over a period, from its stints. @internal */
export function turnoverFromStints(
  stints: readonly Stint[],
  range: DayRange,
  period: Period,
  method: HeadcountMethod,
  level: number,
  transfersAreSeparations: boolean,
): { turnover: TurnoverResult; people: number } {
  const measure = measureStints(stints, range, transfersAreSeparations);
  return turnoverFromMeasure(measure, range, period, method, level);
}

/** Turnover of one population over a period, from what its stints add up to. @internal */
export function turnoverFromMeasure(
  measure: StintMeasure,
  range: DayRange,
  period: Period,
  method: HeadcountMethod,
  level: number,
): { turnover: TurnoverResult; people: number } {
  const average = averageFromDaily(measure.daily, range, period, method);
  const h = average.value;
  const s = measure.separations;
  const rate = (count: number) => (h > 0 ? count / h : 0);
  const warnings = [...average.warnings];
  if (h === 0) {
    warnings.push(
      s.total === 0
        ? 'turnover: the average headcount is 0, so every rate is reported as 0'
        : `turnover: the average headcount is 0 but ${s.total} separations fall in the period; rates are reported as 0 (use method 'daily')`,
    );
  }
  if (measure.kindMissing > 0) {
    warnings.push(
      `turnover: ${measure.kindMissing} separation(s) have no separationKind and are counted as other`,
    );
  }
  const turnover: TurnoverResult = {
    period: { start: period.start, end: period.end },
    definition: `separations in the period / average headcount, ${METHOD_WORDS[method]} (SHRM); separations split as BLS JOLTS`,
    separations: s,
    hires: measure.hires,
    transfersIn: measure.transfersIn,
    averageHeadcount: average,
    rates: {
      total: rate(s.total),
      voluntary: rate(s.voluntary),
      involuntary: rate(s.involuntary),
      other: rate(s.other),
      regretted: rate(s.regretted),
    },
    regrettedShare: s.total === 0 ? 0 : s.regretted / s.total,
    estimates: {
      total: rateEstimate(s.total, h, level),
      voluntary: rateEstimate(s.voluntary, h, level),
      involuntary: rateEstimate(s.involuntary, h, level),
      other: rateEstimate(s.other, h, level),
      regretted: rateEstimate(s.regretted, h, level),
      regrettedShare: proportionEstimate(s.regretted, s.total, level),
    },
    warnings,
  };
  return { turnover, people: measure.people };
}
