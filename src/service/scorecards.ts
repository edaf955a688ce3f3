import { median } from 'simple-statistics';
import { type CalendarDay, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { poissonExactInterval, wilsonInterval } from '../core/intervals.js';
import { period as makePeriod, type Period } from '../core/period.js';
import { dayFromEpoch, epochDay, utcDayOf } from '../internal/epochDay.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { kaplanMeier } from '../retention/kaplanMeier.js';
import { kmQuantile } from '../retention/kmQuantile.js';
import { classifyEnps } from '../satisfaction/classifyEnps.js';
import { enpsBy } from '../satisfaction/enpsBy.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Concern, Idea } from '../schemas/feedback.js';
import { type ReportingLines, reportingLines } from './reportingLines.js';
import { SERVICE_METRICS, type ServiceMetricId } from './serviceMetrics.js';
import {
  type OccasionReminder,
  type PreparedOccasions,
  prepareOccasions,
  remindersFor,
} from './upcomingOccasions.js';

/** Options of {@link scorecards} and {@link managerScorecard}. */
export interface ScorecardOptions {
  /** The period the metrics cover. */
  readonly period: Period;
  /** The day of the scorecard (open items are counted up to it). */
  readonly asOf: string;
  /** The manager's direct reports (default) or whole reporting tree. */
  readonly scope?: 'direct' | 'tree';
  /** Targets by metric, replacing the defaults of `SERVICE_METRICS`; `null` for none. */
  readonly targets?: Partial<Record<ServiceMetricId, number | null>>;
  /** Minimum distinct people behind a shown metric. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
  /** Window of the one-to-one coverage. Default 30 days. */
  readonly coverageDays?: number;
  /** Target time for resolving a concern. Default 30 days. */
  readonly resolveWithinDays?: number;
  /** Time allowed to follow up a detractor in person. Default 2 days (Bain's inner loop). */
  readonly followUpDays?: number;
  /** Time allowed to answer a team's survey results. Default 14 days after the survey closes. */
  readonly teamFollowUpDays?: number;
  /** Upcoming occasions shown: this many days from asOf. Default 14. */
  readonly occasionDays?: number;
}

/** A metric's value, its target and whether it meets it. */
export interface MetricValue {
  /** The value in the metric's unit; `null` when it is not reached yet (a median beyond all follow-up). */
  readonly value: number | null;
  readonly target: number | null;
  /** `meets` or `below` the target; `null` without a target or a value. */
  readonly assessment: 'meets' | 'below' | null;
  readonly interval?: Interval;
  /** Counts and secondary numbers (p90, by kind, by age). */
  readonly detail?: Readonly<Record<string, number>>;
}

/** One manager's scorecard. */
export interface Scorecard {
  readonly managerId: string;
  readonly scope: 'direct' | 'tree';
  /** People reporting on asOf (the team's size is no secret). */
  readonly people: number;
  readonly metrics: Readonly<Record<ServiceMetricId, Reportable<MetricValue>>>;
  /** The reminders for the next `occasionDays` days (the manager's own list). */
  readonly upcomingOccasions: readonly OccasionReminder[];
}

/** A record the scorecards could not use, and why. */
export interface ServiceIssue {
  readonly collection: 'oneOnOnes';
  readonly id: string;
  readonly message: string;
}

/** The result of {@link scorecards}. */
export interface ScorecardsResult {
  readonly period: Period;
  readonly asOf: CalendarDay;
  readonly scope: 'direct' | 'tree';
  readonly scorecards: readonly Scorecard[];
  /** The median manager: for each metric, the median of the values shown. */
  readonly organisationMedian: Readonly<Record<ServiceMetricId, number | null>>;
  readonly issues: readonly ServiceIssue[];
  readonly warnings: readonly string[];
}

const DAY = 86_400_000;
const parsed = new Map<string, number>();
/** Milliseconds of an instant, cached: status histories repeat the same instants across metrics. */
const at = (instant: string): number => {
  let value = parsed.get(instant);
  if (value === undefined) {
    value = Date.parse(instant);
    if (parsed.size > 1_000_000) parsed.clear();
    parsed.set(instant, value);
  }
  return value;
};
const dayOf = utcDayOf;
const dayNumbers = new Map<string, number>();
/** The day number of a calendar day, cached: a year of records has only a few hundred days. */
const dayNumber = (day: CalendarDay): number => {
  let value = dayNumbers.get(day);
  if (value === undefined) {
    value = epochDay(day);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(day, value);
  }
  return value;
};
/** Days from one calendar day to another, on integer day numbers (hot loops). */
const daysBetween = (from: CalendarDay, to: CalendarDay) => epochDay(to) - epochDay(from);
const plusDays = (day: CalendarDay, amount: number) => dayFromEpoch(epochDay(day) + amount);

interface TimedRecord {
  readonly employeeId: string;
  readonly statusHistory: readonly { readonly status: string; readonly at: string }[];
}

/** Survival data (days) from the first status to the first matching later status. */
function timesTo(
  records: readonly TimedRecord[],
  reached: (status: string) => boolean,
  asOfEnd: number,
) {
  const times: number[] = [];
  const events: number[] = [];
  for (const record of records) {
    const start = at(record.statusHistory[0]!.at);
    const hit = record.statusHistory
      .slice(1)
      .find((entry) => reached(entry.status) && at(entry.at) <= asOfEnd);
    times.push(Math.max(0, ((hit === undefined ? asOfEnd : at(hit.at)) - start) / DAY));
    events.push(hit === undefined ? 0 : 1);
  }
  return { times, events };
}

/** Median and p90 of survival times, Kaplan-Meier; `null` where not reached. */
function survivalSummary(times: readonly number[], events: readonly number[]) {
  const km = kaplanMeier(times, events);
  return {
    median: kmQuantile(km, 0.5).quantile,
    p90: kmQuantile(km, 0.9).quantile,
    events: km.totalEvents,
    n: times.length,
  };
}

/**
 * The scorecard of every manager who treats employees as customers: each metric of
 * `SERVICE_METRICS` for the people reporting to them (directly, or the whole tree), from the
 * assignment history (who reported to whom on each day), as a `Reportable` with its target and
 * assessment. A metric with no data or fewer than `minGroupSize` distinct people behind it is
 * simply suppressed (empty and too small look the same). Team eNPS goes through complementary
 * suppression across all managers, so a manager with 3 reports gets none and nobody can subtract
 * their way to it. One-to-ones with someone who did not report to that manager on that day are
 * left out and reported in `issues`. Also the median manager, for comparison.
 *
 * O(records log records + managers x their records).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for an invalid asOf.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3 or windows that are not whole days >= 1.
 *
 * @example
 * const people = ['a', 'b', 'c', 'd', 'e'];
 * const dataset = validateDataset({
 *   employees: ['m', ...people].map((id) => ({ id, name: id })),
 *   spells: ['m', ...people].map((employeeId) => ({ employeeId, hireDate: '2024-01-01' })),
 *   assignments: people.map((employeeId) => ({ employeeId, managerId: 'm', teamId: 't', validFrom: '2024-01-01' })),
 *   teams: [{ id: 't', name: 'T' }],
 *   oneOnOnes: people.map((employeeId, i) => ({ id: `o${i}`, employeeId, managerId: 'm', date: '2025-06-20', summaryWritten: true, summaryConfirmed: i < 4 })),
 * }).dataset;
 * const result = scorecards(dataset, { period: period('2025-01-01', '2025-07-01'), asOf: '2025-06-30' });
 * result.scorecards[0].metrics.oneOnOneCoverage.value.value // => 1
 * result.scorecards[0].metrics.summariesConfirmed.value.value // => 0.8
 */
export function scorecards(dataset: Dataset, options: ScorecardOptions): ScorecardsResult {
  const asOf = toCalendarDay(options.asOf);
  const range = makePeriod(options.period.start, options.period.end);
  const scope = options.scope ?? 'direct';
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  const windows = {
    coverage: options.coverageDays ?? 30,
    resolve: options.resolveWithinDays ?? 30,
    followUp: options.followUpDays ?? 2,
    teamFollowUp: options.teamFollowUpDays ?? 14,
    occasions: options.occasionDays ?? 14,
  };
  for (const [name, value] of Object.entries(windows)) {
    if (!Number.isInteger(value) || value < 1)
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `scorecards requires ${name} days as a whole number >= 1, got ${String(value)}`,
      );
  }
  // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as text.
  const lastDay = plusDays(range.end, -1) < asOf ? plusDays(range.end, -1) : asOf;
  const inPeriod = (day: CalendarDay) => day >= range.start && day <= lastDay;
  const asOfEnd = at(`${asOf}T23:59:59.999Z`);
  const lines = reportingLines(dataset);
  const targets = Object.fromEntries(
    SERVICE_METRICS.map((m) => [
      m.id,
      options.targets?.[m.id] !== undefined ? options.targets[m.id]! : m.target,
    ]),
  ) as Record<ServiceMetricId, number | null>;
  const better = Object.fromEntries(SERVICE_METRICS.map((m) => [m.id, m.higherIsBetter])) as Record<
    ServiceMetricId,
    boolean | null
  >;
  const employees = new Map(dataset.employees.map((e) => [e.id, e]));
  const payroll = (id: string) => {
    const type = employees.get(id)?.workerType ?? 'employee';
    return type === 'employee' || type === 'direct-temporary';
  };

  // One-to-ones: only with the person's manager on that day.
  const issues: ServiceIssue[] = [];
  const meetings = dataset.oneOnOnes.filter((meeting) => {
    if (lines.managerOn(meeting.employeeId, meeting.date) === meeting.managerId) return true;
    issues.push({
      collection: 'oneOnOnes',
      id: meeting.id,
      message: `one-to-one ${meeting.id} on ${meeting.date}: ${meeting.employeeId} did not report to ${meeting.managerId} that day; left out`,
    });
    return false;
  });
  const byManager = <T extends { managerId: string }>(records: readonly T[]) =>
    groupBy(records, (record) => record.managerId);
  const assignmentsBy = groupBy(
    dataset.assignments.filter((a) => a.managerId !== undefined),
    (a) => a.managerId!,
  );
  const spellsOf = groupBy(dataset.spells, (spell) => spell.employeeId);
  const occasionsOf = groupBy(dataset.occasions, (occasion) => occasion.employeeId);
  const prepared = prepareOccasions(dataset, asOf);
  // Detractors of identified surveys opened in the period, credited to every manager above them.
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const identified = new Map(
    dataset.surveys
      .filter((s) => s.confidentiality === 'identified' && inPeriod(s.opensOn))
      .map((s) => [s.id, s]),
  );
  const detractorsOf = new Map<string, { id: string; answered: CalendarDay; surveyId: string }[]>();
  for (const response of dataset.responses) {
    const s = identified.get(response.surveyId);
    if (s === undefined || response.respondentId === undefined) continue;
    const score = response.answers[enpsQuestion.get(s.id) ?? ''];
    if (typeof score !== 'number' || classifyEnps(score) !== 'detractor') continue;
    const detractor = {
      id: response.respondentId,
      answered: dayOf(response.submittedAt),
      surveyId: s.id,
    };
    const seen = new Set<string>();
    for (
      let manager = lines.managerOn(detractor.id, s.opensOn);
      manager !== undefined && !seen.has(manager);
      manager = lines.managerOn(manager, s.opensOn)
    ) {
      seen.add(manager);
      const list = detractorsOf.get(`${scope === 'direct' ? 'direct' : 'tree'}:${manager}`) ?? [];
      list.push(detractor);
      detractorsOf.set(`${scope === 'direct' ? 'direct' : 'tree'}:${manager}`, list);
      if (scope === 'direct') break;
    }
  }
  const meetingsBy = byManager(meetings);
  const concernsBy = byManager(dataset.concerns);
  const ideasBy = byManager(dataset.ideas);
  const followUpsBy = byManager(dataset.followUps);

  // Team eNPS: the latest survey that may be joined to managers, through complementary suppression.
  const survey = dataset.surveys
    .filter(
      (s) =>
        s.confidentiality !== 'anonymous' &&
        inPeriod(s.opensOn) &&
        dataset.questions.some((q) => q.surveyId === s.id && q.kind === 'enps'),
    )
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
  const teamEnps = new Map<string, Reportable<MetricValue>>();
  if (survey !== undefined) {
    const breakdown = enpsBy(dataset, {
      surveyId: survey.id,
      by: { kind: 'manager', scope },
      minGroupSize,
    });
    for (const segment of breakdown.segments) {
      if (
        segment.key === null ||
        (scope === 'direct' ? segment.kind !== 'manager-direct' : segment.kind !== 'manager-tree')
      )
        continue;
      const cell = segment.cell;
      teamEnps.set(
        segment.key,
        cell.status === 'shown' && cell.value.score !== null
          ? {
              status: 'shown',
              n: cell.n,
              value: {
                value: cell.value.score,
                target: targets.teamEnps,
                assessment: null,
                ...(cell.value.interval === null ? {} : { interval: cell.value.interval }),
                detail: { respondents: cell.n },
              },
            }
          : SUPPRESSED,
      );
    }
  }

  const managers = [...lines.managers]
    .filter(
      (m) => lines.reportsOn(m, asOf).length > 0 || lines.reportsOn(m, range.start).length > 0,
    )
    .sort();
  const cards = managers.map((managerId) =>
    scorecardOf(managerId, {
      dataset,
      lines,
      scope,
      range,
      asOf,
      asOfEnd,
      lastDay,
      inPeriod,
      windows,
      minGroupSize,
      targets,
      better,
      payroll,
      employees,
      meetings: meetingsBy,
      concerns: concernsBy,
      ideas: ideasBy,
      followUps: followUpsBy,
      teamEnps,
      assignmentsBy,
      spellsOf,
      occasionsOf,
      prepared,
      detractorsOf,
    }),
  );
  const organisationMedian = Object.fromEntries(
    SERVICE_METRICS.map((metric) => {
      const values = cards.flatMap((card) => {
        const cell = card.metrics[metric.id];
        return cell.status === 'shown' && cell.value.value !== null ? [cell.value.value] : [];
      });
      return [metric.id, values.length === 0 ? null : median(values)];
    }),
  ) as Record<ServiceMetricId, number | null>;
  const warnings =
    survey === undefined
      ? ['no confidential or identified eNPS survey opened in the period: team eNPS is suppressed']
      : [];
  return { period: range, asOf, scope, scorecards: cards, organisationMedian, issues, warnings };
}

interface Context {
  readonly dataset: Dataset;
  readonly lines: ReportingLines;
  readonly scope: 'direct' | 'tree';
  readonly range: Period;
  readonly asOf: CalendarDay;
  readonly asOfEnd: number;
  readonly lastDay: CalendarDay;
  readonly inPeriod: (day: CalendarDay) => boolean;
  readonly windows: {
    coverage: number;
    resolve: number;
    followUp: number;
    teamFollowUp: number;
    occasions: number;
  };
  readonly minGroupSize: number;
  readonly targets: Record<ServiceMetricId, number | null>;
  readonly better: Record<ServiceMetricId, boolean | null>;
  readonly payroll: (id: string) => boolean;
  readonly employees: ReadonlyMap<string, Dataset['employees'][number]>;
  readonly meetings: ReadonlyMap<string, Dataset['oneOnOnes']>;
  readonly concerns: ReadonlyMap<string, Concern[]>;
  readonly ideas: ReadonlyMap<string, Idea[]>;
  readonly followUps: ReadonlyMap<string, Dataset['followUps']>;
  readonly teamEnps: ReadonlyMap<string, Reportable<MetricValue>>;
  readonly assignmentsBy: ReadonlyMap<string, readonly Dataset['assignments'][number][]>;
  readonly spellsOf: ReadonlyMap<string, readonly Dataset['spells'][number][]>;
  readonly occasionsOf: ReadonlyMap<string, readonly Dataset['occasions'][number][]>;
  readonly prepared: PreparedOccasions;
  readonly detractorsOf: ReadonlyMap<
    string,
    readonly { id: string; answered: CalendarDay; surveyId: string }[]
  >;
}

const garwoodCache = new Map<number, Interval>();
/** The exact Poisson interval of a count, cached: counts repeat across thousands of managers. */
function garwood(count: number): Interval {
  let interval = garwoodCache.get(count);
  if (interval === undefined) {
    interval = poissonExactInterval(count);
    garwoodCache.set(count, interval);
  }
  return interval;
}

/** Groups records by a key, in one pass. */
function groupBy<T>(records: readonly T[], key: (record: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const record of records) {
    const k = key(record);
    const list = map.get(k);
    if (list === undefined) map.set(k, [record]);
    else list.push(record);
  }
  return map;
}

/**
 * Days each person reported to one of `managers` while employed (payroll only) between `start`
 * and `last` inclusive, and the last such day: from the assignment history, intersected with the
 * employment spells. O(their assignments x spells).
 */
function exposures(
  managers: ReadonlySet<string>,
  start: CalendarDay,
  last: CalendarDay,
  c: Context,
): Map<string, { days: number; last: CalendarDay }> {
  const result = new Map<string, { days: number; last: CalendarDay }>();
  for (const manager of managers) {
    for (const a of c.assignmentsBy.get(manager) ?? []) {
      if (!c.payroll(a.employeeId)) continue;
      for (const spell of c.spellsOf.get(a.employeeId) ?? []) {
        // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as text.
        const later = a.validFrom > spell.hireDate ? a.validFrom : spell.hireDate;
        const from = later > start ? later : start;
        const end = a.validTo !== undefined && a.validTo < last ? a.validTo : last;
        const to =
          spell.terminationDate !== undefined && spell.terminationDate < end
            ? spell.terminationDate
            : end;
        if (to < from) continue;
        const entry = result.get(a.employeeId) ?? { days: 0, last: to };
        entry.days += daysBetween(from, to) + 1;
        if (to > entry.last) entry.last = to;
        result.set(a.employeeId, entry);
      }
    }
  }
  return result;
}

function scorecardOf(managerId: string, c: Context): Scorecard {
  const { lines, asOf, range, windows } = c;
  const peopleOn = (day: CalendarDay) =>
    c.scope === 'tree' ? lines.treeOn(managerId, day) : lines.reportsOn(managerId, day);
  const now = peopleOn(asOf);
  const atStart = peopleOn(range.start);
  // The managers whose records count: the manager, and in tree scope every manager below.
  const scopeManagers = new Set([
    managerId,
    ...(c.scope === 'tree' ? now.filter((id) => lines.managers.has(id)) : []),
  ]);
  // Concatenation by push: flatMap over large inner arrays was the slowest step at scale.
  const gather = <T>(map: ReadonlyMap<string, readonly T[]>): T[] => {
    if (scopeManagers.size === 1) return (map.get(managerId) ?? []) as T[];
    const out: T[] = [];
    for (const m of scopeManagers) for (const record of map.get(m) ?? []) out.push(record);
    return out;
  };
  const meetings = gather(c.meetings);
  const concerns = gather(c.concerns).filter(
    (concern) => dayOf(concern.statusHistory[0]!.at) <= asOf,
  );
  const ideas = gather(c.ideas).filter((idea) => dayOf(idea.statusHistory[0]!.at) <= asOf);

  const metric = (
    id: ServiceMetricId,
    people: number,
    value: number | null,
    extra: { interval?: Interval; detail?: Record<string, number> } = {},
  ): Reportable<MetricValue> => {
    if (people < c.minGroupSize || people === 0) return SUPPRESSED;
    const target = c.targets[id];
    const higher = c.better[id];
    const assessment =
      target === null || value === null || higher === null
        ? null
        : (higher ? value >= target : value <= target)
          ? 'meets'
          : 'below';
    return { status: 'shown', n: people, value: { value, target, assessment, ...extra } };
  };
  const distinct = (ids: readonly string[]) => new Set(ids).size;
  const metrics = {} as Record<ServiceMetricId, Reportable<MetricValue>>;

  // Listen.
  // One pass over the meetings for every meeting-based metric (this loop runs over millions).
  const coverageStart = plusDays(asOf, -(windows.coverage - 1));
  const seen = new Set<string>();
  const daysByPerson = new Map<string, number[]>();
  const summaryPeople = new Set<string>();
  const needs: {
    kind: string;
    addressedOn?: string | undefined;
    employeeId: string;
    date: string;
  }[] = [];
  let periodMeetings = 0;
  let confirmed = 0;
  let written = 0;
  for (const meeting of meetings) {
    if (meeting.date > asOf) continue;
    if (meeting.date >= coverageStart) seen.add(meeting.employeeId);
    if (!c.inPeriod(meeting.date)) continue;
    periodMeetings++;
    if (meeting.summaryConfirmed) confirmed++;
    if (meeting.summaryWritten) written++;
    summaryPeople.add(meeting.employeeId);
    const raised = meeting.needs;
    for (let k = 0; k < raised.length; k++) {
      const need = raised[k]!;
      needs.push({
        kind: need.kind,
        addressedOn: need.addressedOn,
        employeeId: meeting.employeeId,
        date: meeting.date,
      });
    }
    const day = dayNumber(meeting.date);
    const list = daysByPerson.get(meeting.employeeId);
    if (list === undefined) daysByPerson.set(meeting.employeeId, [day]);
    else list.push(day);
  }
  metrics.oneOnOneCoverage = metric(
    'oneOnOneCoverage',
    now.length,
    now.length === 0 ? null : now.filter((id) => seen.has(id)).length / now.length,
  );
  for (const [person, list] of daysByPerson)
    daysByPerson.set(
      person,
      [...new Set(list)].sort((a, b) => a - b),
    );
  const gaps: number[] = [];
  let gapPeople = 0;
  for (const list of daysByPerson.values()) {
    if (list.length > 1) gapPeople++;
    for (let i = 1; i < list.length; i++) gaps.push(list[i]! - list[i - 1]!);
  }
  metrics.oneOnOneMedianGap = metric(
    'oneOnOneMedianGap',
    gapPeople,
    gaps.length === 0 ? null : median(gaps),
    { detail: { gaps: gaps.length } },
  );
  let met = 0;
  let intervals = 0;
  const withPreference = now.filter(
    (id) => c.employees.get(id)?.preferredOneOnOneDays !== undefined,
  );
  for (const id of withPreference) {
    const preference = c.employees.get(id)!.preferredOneOnOneDays!;
    const days = daysByPerson.get(id) ?? [];
    for (let i = 1; i < days.length; i++) {
      intervals++;
      if (days[i]! - days[i - 1]! <= preference) met++;
    }
    const since = days.at(-1) ?? epochDay(c.range.start);
    if (epochDay(asOf) - since > preference) intervals++;
  }
  metrics.preferredCadenceAdherence = metric(
    'preferredCadenceAdherence',
    withPreference.length,
    intervals === 0 ? null : met / intervals,
  );

  // Resolve problems.
  const recentConcerns = concerns.filter((concern) =>
    c.inPeriod(dayOf(concern.statusHistory[0]!.at)),
  );
  const raisers = (records: readonly TimedRecord[]) => distinct(records.map((r) => r.employeeId));
  const acknowledge = timesTo(recentConcerns, (status) => status !== 'raised', c.asOfEnd);
  const resolve = timesTo(
    recentConcerns,
    (status) => status === 'resolved' || status === 'declined',
    c.asOfEnd,
  );
  const survival = (
    id: ServiceMetricId,
    data: { times: number[]; events: number[] },
    people: number,
  ) => {
    if (data.times.length === 0) return metric(id, 0, null);
    const summary = survivalSummary(data.times, data.events);
    return metric(id, people, summary.median, {
      detail: {
        ...(summary.p90 === null ? {} : { p90: summary.p90 }),
        events: summary.events,
        records: summary.n,
      },
    });
  };
  metrics.concernTimeToAcknowledge = survival(
    'concernTimeToAcknowledge',
    acknowledge,
    raisers(recentConcerns),
  );
  metrics.concernTimeToResolve = survival('concernTimeToResolve', resolve, raisers(recentConcerns));
  const dueBy = plusDays(asOf, -windows.resolve);
  const due = recentConcerns.filter((concern) => dayOf(concern.statusHistory[0]!.at) <= dueBy);
  const onTime = due.filter((concern) => {
    const resolved = concern.statusHistory.find((entry) => entry.status === 'resolved');
    return (
      resolved !== undefined &&
      (at(resolved.at) - at(concern.statusHistory[0]!.at)) / DAY <= windows.resolve
    );
  });
  metrics.concernsResolvedWithinTarget = metric(
    'concernsResolvedWithinTarget',
    raisers(due),
    due.length === 0 ? null : onTime.length / due.length,
  );
  const open = concerns.filter(
    (concern) =>
      !concern.statusHistory.some(
        (entry) =>
          (entry.status === 'resolved' || entry.status === 'declined') && at(entry.at) <= c.asOfEnd,
      ),
  );
  const ages = open.map((concern) => daysBetween(dayOf(concern.statusHistory[0]!.at), asOf));
  metrics.openConcerns = metric('openConcerns', now.length, open.length, {
    detail: {
      '0-7': ages.filter((a) => a <= 7).length,
      '8-30': ages.filter((a) => a > 7 && a <= 30).length,
      '31-90': ages.filter((a) => a > 30 && a <= 90).length,
      'over-90': ages.filter((a) => a > 90).length,
    },
  });
  const rated = concerns.filter((concern) => {
    const resolved = concern.statusHistory.find((entry) => entry.status === 'resolved');
    return (
      resolved !== undefined &&
      c.inPeriod(dayOf(resolved.at)) &&
      concern.resolutionRating !== undefined
    );
  });
  const ratings = rated.map((concern) => concern.resolutionRating!);
  metrics.resolutionSatisfaction = metric(
    'resolutionSatisfaction',
    raisers(rated),
    ratings.length === 0 ? null : ratings.filter((r) => r >= 4).length / ratings.length,
    {
      detail: {
        ratings: ratings.length,
        ...(ratings.length === 0
          ? {}
          : { meanRating: ratings.reduce((sum, r) => sum + r, 0) / ratings.length }),
      },
    },
  );

  // Seek ideas.
  const recentIdeas = ideas.filter((idea) => c.inPeriod(dayOf(idea.statusHistory[0]!.at)));
  const periodDays = daysBetween(range.start, plusDays(c.lastDay, 1));
  const exposed = exposures(scopeManagers, range.start, c.lastDay, c);
  let personDays = 0;
  for (const entry of exposed.values()) personDays += entry.days;
  const averagePeople = periodDays > 0 ? personDays / periodDays : 0;
  metrics.ideasPerPersonPerQuarter = metric(
    'ideasPerPersonPerQuarter',
    now.length,
    averagePeople === 0 ? null : recentIdeas.length / averagePeople / (periodDays / 91.3125),
    { detail: { ideas: recentIdeas.length, averagePeople } },
  );
  metrics.ideaTimeToFirstResponse = survival(
    'ideaTimeToFirstResponse',
    timesTo(recentIdeas, (status) => status !== 'raised', c.asOfEnd),
    raisers(recentIdeas),
  );
  const decidedAt = (idea: Idea) =>
    idea.statusHistory.find(
      (entry) =>
        (entry.status === 'adopted' || entry.status === 'declined') && at(entry.at) <= c.asOfEnd,
    );
  const decided = recentIdeas.filter((idea) => decidedAt(idea) !== undefined);
  metrics.ideasDecided = metric(
    'ideasDecided',
    raisers(recentIdeas),
    recentIdeas.length === 0 ? null : decided.length / recentIdeas.length,
  );
  metrics.ideaAdoptionRate = metric(
    'ideaAdoptionRate',
    raisers(decided),
    decided.length === 0
      ? null
      : decided.filter((idea) => decidedAt(idea)!.status === 'adopted').length / decided.length,
  );

  // Find out needs; summarise to confirm.
  const addressed = needs.filter(
    (need) => need.addressedOn !== undefined && need.addressedOn <= asOf,
  );
  const byKind = Object.fromEntries(
    ['development', 'workload', 'tools', 'wellbeing', 'other'].map((kind) => [
      kind,
      needs.filter((n) => n.kind === kind).length,
    ]),
  );
  const needPeople = distinct(needs.map((n) => n.employeeId));
  metrics.needsAddressed = metric(
    'needsAddressed',
    needPeople,
    needs.length === 0 ? null : addressed.length / needs.length,
    { detail: byKind },
  );
  if (needs.length === 0) metrics.needTimeToAddress = SUPPRESSED;
  else {
    const times = needs.map((need) =>
      daysBetween(
        need.date,
        need.addressedOn !== undefined && need.addressedOn <= asOf ? need.addressedOn : asOf,
      ),
    );
    const events = needs.map((need) =>
      need.addressedOn !== undefined && need.addressedOn <= asOf ? 1 : 0,
    );
    metrics.needTimeToAddress = survival('needTimeToAddress', { times, events }, needPeople);
  }
  metrics.summariesConfirmed = metric(
    'summariesConfirmed',
    summaryPeople.size,
    periodMeetings === 0 ? null : confirmed / periodMeetings,
    {
      detail: { meetings: periodMeetings, written },
    },
  );

  // Close the loop.
  const surveys = c.dataset.surveys.filter((s) => c.inPeriod(s.opensOn));
  const followUps = gather(c.followUps);
  const detractors = c.detractorsOf.get(`${c.scope}:${managerId}`) ?? [];
  const calledBack = detractors.filter((d) =>
    followUps.some(
      (f) =>
        f.audience === 'person' &&
        f.employeeId === d.id &&
        f.surveyId === d.surveyId &&
        f.date >= d.answered &&
        daysBetween(d.answered, f.date) <= windows.followUp,
    ),
  );
  metrics.detractorFollowUp = metric(
    'detractorFollowUp',
    distinct(detractors.map((d) => d.id)),
    detractors.length === 0 ? null : calledBack.length / detractors.length,
  );
  const groupSurveys = surveys.filter(
    (s) =>
      s.confidentiality !== 'identified' &&
      plusDays(s.closesOn ?? s.opensOn, windows.teamFollowUp) <= asOf,
  );
  const answered = groupSurveys.filter((s) =>
    followUps.some(
      (f) =>
        f.managerId === managerId &&
        f.audience === 'team' &&
        f.surveyId === s.id &&
        f.date <= plusDays(s.closesOn ?? s.opensOn, windows.teamFollowUp),
    ),
  );
  metrics.teamFollowUp = metric(
    'teamFollowUp',
    groupSurveys.length === 0 ? 0 : now.length,
    groupSurveys.length === 0 ? null : answered.length / groupSurveys.length,
    {
      detail: { surveys: groupSurveys.length, answered: answered.length },
    },
  );

  // Satisfied employee.
  metrics.teamEnps = c.teamEnps.get(managerId) ?? SUPPRESSED;

  // Long relationships.
  const spellOn = (id: string, day: CalendarDay) =>
    (c.spellsOf.get(id) ?? []).find(
      (s) => s.hireDate <= day && (s.terminationDate === undefined || day <= s.terminationDate),
    );
  const cohort = atStart.filter(c.payroll);
  const retained = cohort.filter((id) => {
    const spell = spellOn(id, range.start);
    return (
      spell !== undefined &&
      (spell.terminationDate === undefined || spell.terminationDate > c.lastDay)
    );
  });
  metrics.retentionRate = metric(
    'retentionRate',
    cohort.length,
    cohort.length === 0 ? null : retained.length / cohort.length,
    {
      ...(cohort.length === 0 ? {} : { interval: wilsonInterval(retained.length, cohort.length) }),
      detail: { startHeadcount: cohort.length, retained: retained.length },
    },
  );
  const everyone = new Set(exposed.keys());
  const lastUnder = new Map([...exposed].map(([id, entry]) => [id, entry.last]));
  const regretted = [...everyone].filter((id) => {
    const spell = spellOn(id, lastUnder.get(id)!);
    return (
      spell?.terminationDate !== undefined &&
      c.inPeriod(spell.terminationDate) &&
      spell.regretted === true &&
      lastUnder.get(id) === spell.terminationDate
    );
  }).length;
  const exposure = averagePeople;
  const interval = garwood(regretted);
  metrics.regrettedTurnover = metric(
    'regrettedTurnover',
    everyone.size,
    exposure === 0 ? null : regretted / exposure,
    {
      ...(exposure === 0
        ? {}
        : {
            interval: {
              ...interval,
              lower: interval.lower / exposure,
              upper: interval.upper / exposure,
            },
          }),
      detail: { regretted, averageHeadcount: exposure },
    },
  );
  const tenure: number[] = [];
  const left: number[] = [];
  for (const id of everyone) {
    const last = lastUnder.get(id)!;
    const spell = spellOn(id, last);
    if (spell === undefined) continue;
    const leaving = spell.terminationDate !== undefined && spell.terminationDate === last;
    tenure.push((daysBetween(spell.hireDate, last) + 1) / 365.2425);
    left.push(leaving ? 1 : 0);
  }
  const km = tenure.length === 0 ? null : kmQuantile(kaplanMeier(tenure, left), 0.5);
  metrics.medianTenure = metric('medianTenure', everyone.size, km?.quantile ?? null, {
    detail: { people: everyone.size, leavers: left.filter(Boolean).length },
  });

  // Remember occasions.
  const occasionPeople = new Set(everyone);
  for (const id of now) occasionPeople.add(id);
  const past = [...occasionPeople].flatMap((id) =>
    (c.occasionsOf.get(id) ?? []).filter((o) => c.inPeriod(o.date)),
  );
  metrics.occasionsAcknowledged = metric(
    'occasionsAcknowledged',
    distinct(past.map((o) => o.employeeId)),
    past.length === 0 ? null : past.filter((o) => o.acknowledged).length / past.length,
  );

  return {
    managerId,
    scope: c.scope,
    people: now.length,
    metrics,
    upcomingOccasions: remindersFor(c.prepared, asOf, windows.occasions, now),
  };
}

/**
 * One manager's scorecard: {@link scorecards} for everyone (suppression and the median manager
 * need the whole organisation), then this manager's card with the organisation median beside it.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the person managed nobody on asOf or at the start of the period.
 *
 * @example
 * const people = ['a', 'b', 'c', 'd', 'e'];
 * const dataset = validateDataset({
 *   employees: ['m', ...people].map((id) => ({ id, name: id })),
 *   spells: ['m', ...people].map((employeeId) => ({ employeeId, hireDate: '2024-01-01' })),
 *   assignments: people.map((employeeId) => ({ employeeId, managerId: 'm', teamId: 't', validFrom: '2024-01-01' })),
 *   teams: [{ id: 't', name: 'T' }],
 * }).dataset;
 * const card = managerScorecard('m', dataset, { period: period('2025-01-01', '2025-07-01'), asOf: '2025-06-30' });
 * card.scorecard.metrics.oneOnOneCoverage.value.assessment // => 'below'
 * card.scorecard.metrics.retentionRate.value.value // => 1
 */
export function managerScorecard(
  managerId: string,
  dataset: Dataset,
  options: ScorecardOptions,
): {
  readonly scorecard: Scorecard;
  readonly organisationMedian: ScorecardsResult['organisationMedian'];
  readonly issues: readonly ServiceIssue[];
  readonly warnings: readonly string[];
} {
  const all = scorecards(dataset, options);
  const scorecard = all.scorecards.find((card) => card.managerId === managerId);
  if (scorecard === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `managerScorecard: "${managerId}" managed nobody on ${all.asOf} or on ${all.period.start}`,
    );
  }
  return {
    scorecard,
    organisationMedian: all.organisationMedian,
    issues: all.issues,
    warnings: all.warnings,
  };
}
