import { median } from 'simple-statistics';
import { type CalendarDay, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Interval } from '../core/estimate.js';
import { poissonExactInterval, wilsonInterval } from '../core/intervals.js';
import { period as makePeriod, type Period } from '../core/period.js';
import { dayFromEpoch, epochDay, utcDayOf } from '../internal/epochDay.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { kmQuantiles } from '../retention/internal/kmQuantiles.js';
import { classifyEnps } from '../satisfaction/classifyEnps.js';
import { enpsBy } from '../satisfaction/enpsBy.js';
import type { Dataset } from '../schemas/dataset.js';
import {
  ADOPTED,
  buildHistory,
  buildMeetings,
  buildTickets,
  CLOSED,
  CONFIRMED,
  FINISHED,
  type Frame,
  type Groups,
  groupByKey,
  type History,
  IN_PERIOD,
  IN_WINDOW,
  type Meetings,
  managerOn,
  type Needs,
  NONE,
  ON_TIME,
  People,
  RESPONDED,
  reportsOn,
  scatter,
  spellOn,
  type Tickets,
  treeOn,
  WRITTEN,
} from './serviceColumns.js';
import { SERVICE_METRICS, type ServiceMetricId } from './serviceMetrics.js';
import {
  compareReminders,
  type OccasionReminder,
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
const plusDays = (day: CalendarDay, amount: number) => dayFromEpoch(epochDay(day) + amount);

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
 * The scorecard of every manager who treats employees as customers: each metric of
 * `SERVICE_METRICS` for the people reporting to them (directly, or the whole tree), from the
 * assignment history (who reported to whom on each day), as a `Reportable` with its target and
 * assessment. A metric with no data or fewer than `minGroupSize` distinct people behind it is
 * simply suppressed (empty and too small look the same). Team eNPS goes through complementary
 * suppression across all managers, so a manager with 3 reports gets none and nobody can subtract
 * their way to it. One-to-ones with someone who did not report to that manager on that day are
 * left out and reported in `issues`. Also the median manager, for comparison.
 *
 * Each collection is read once into columns grouped by manager, so the cost is O(records +
 * people + managers x their records), with the records of a manager's whole tree in tree scope.
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
  const frame: Frame = {
    asOf: epochDay(asOf),
    asOfEnd: (epochDay(asOf) + 1) * DAY - 1,
    start: epochDay(range.start),
    last: epochDay(lastDay),
    coverageStart: epochDay(asOf) - (windows.coverage - 1),
    resolveWithin: windows.resolve,
  };
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

  // Every collection read once, into columns (serviceColumns.ts).
  const people = new People();
  for (const employee of dataset.employees) people.of(employee.id);
  const history = buildHistory(dataset, people);
  const issues: ServiceIssue[] = [];
  const { meetings, needs } = buildMeetings(
    dataset.oneOnOnes,
    history,
    people,
    frame,
    (meeting) => {
      issues.push({
        collection: 'oneOnOnes',
        id: meeting.id,
        message: `one-to-one ${meeting.id} on ${meeting.date}: ${meeting.employeeId} did not report to ${meeting.managerId} that day; left out`,
      });
    },
  );
  const concerns = buildTickets(dataset.concerns, 'concern', history, people, frame);
  const ideas = buildTickets(dataset.ideas, 'idea', history, people, frame);
  const occasionPerson: number[] = [];
  const occasionAcknowledged: number[] = [];
  for (const occasion of dataset.occasions) {
    if (!inPeriod(occasion.date)) continue;
    occasionPerson.push(people.of(occasion.employeeId));
    occasionAcknowledged.push(occasion.acknowledged ? 1 : 0);
  }
  const size = people.ids.length;
  const occasions = groupByKey(Int32Array.from(occasionPerson), occasionPerson.length, size);
  const acknowledgedInOrder = scatter(Uint8Array.from(occasionAcknowledged), occasions);
  const payroll = new Uint8Array(size).fill(1);
  const preference = new Int32Array(size);
  for (const employee of dataset.employees) {
    const person = people.find(employee.id);
    const type = employee.workerType ?? 'employee';
    payroll[person] = type === 'employee' || type === 'direct-temporary' ? 1 : 0;
    preference[person] = employee.preferredOneOnOneDays ?? 0;
  }
  const managerIdOn = (id: string, day: CalendarDay): string | undefined => {
    const manager = managerOn(history, people.find(id), epochDay(day));
    return manager === NONE ? undefined : people.ids[manager];
  };

  // Detractors of identified surveys opened in the period, credited to every manager above them.
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const identified = new Map(
    dataset.surveys
      .filter((s) => s.confidentiality === 'identified' && inPeriod(s.opensOn))
      .map((s) => [s.id, s]),
  );
  const detractorsOf = new Map<string, Detractor[]>();
  for (const response of dataset.responses) {
    const s = identified.get(response.surveyId);
    if (s === undefined || response.respondentId === undefined) continue;
    const score = response.answers[enpsQuestion.get(s.id) ?? ''];
    if (typeof score !== 'number' || classifyEnps(score) !== 'detractor') continue;
    const detractor = {
      id: response.respondentId,
      answered: utcDayOf(response.submittedAt),
      surveyId: s.id,
    };
    const seen = new Set<string>();
    for (
      let manager = managerIdOn(detractor.id, s.opensOn);
      manager !== undefined && !seen.has(manager);
      manager = managerIdOn(manager, s.opensOn)
    ) {
      seen.add(manager);
      const list = detractorsOf.get(manager);
      if (list === undefined) detractorsOf.set(manager, [detractor]);
      else list.push(detractor);
      if (scope === 'direct') break;
    }
  }

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

  const isManager = (person: number) =>
    person < history.size && history.reportStart[person + 1]! > history.reportStart[person]!;
  // Everyone who managed someone on asOf or at the start of the period, with those reports.
  const managers: { manager: number; now: number[]; atStart: number[] }[] = [];
  for (let person = 0; person < history.size; person++) {
    if (!isManager(person)) continue;
    const now = reportsOn(history, person, frame.asOf);
    const atStart = reportsOn(history, person, frame.start);
    if (now.length > 0 || atStart.length > 0) managers.push({ manager: person, now, atStart });
  }
  const ids = people.ids;
  managers.sort((a, b) =>
    ids[a.manager]! < ids[b.manager]! ? -1 : ids[a.manager]! > ids[b.manager]! ? 1 : 0,
  );
  const context: Context = {
    dataset,
    history,
    ids,
    isManager,
    scope,
    range,
    asOf,
    frame,
    inPeriod,
    windows,
    minGroupSize,
    targets,
    better,
    payroll,
    preference,
    meetings,
    needs,
    concerns,
    ideas,
    occasions,
    occasionAcknowledged: acknowledgedInOrder,
    followUps: groupBy(dataset.followUps, (followUp) => followUp.managerId),
    teamEnps,
    reminders: remindersByPerson(
      remindersFor(prepareOccasions(dataset, asOf), asOf, windows.occasions, undefined),
      people,
    ),
    surveys: dataset.surveys
      .filter((s) => inPeriod(s.opensOn))
      .map((s) => ({
        survey: s,
        teamDeadline: plusDays(s.closesOn ?? s.opensOn, windows.teamFollowUp),
      })),
    detractorsOf,
    scratch: new Scratch(
      size,
      scope === 'tree' ? meetings.day.length : largestGroup(meetings.groups),
      concerns.raisedDay.length,
      ideas.raisedDay.length,
      needs.day.length,
    ),
  };
  const cards = managers.map((entry, index) =>
    scorecardOf(
      entry.manager,
      index + 1,
      context,
      scope === 'tree' ? treeOn(history, entry.manager, frame.asOf) : entry.now,
      scope === 'tree' ? treeOn(history, entry.manager, frame.start) : entry.atStart,
    ),
  );
  const organisationMedian = Object.fromEntries(
    SERVICE_METRICS.map((metric) => {
      const values: number[] = [];
      for (const card of cards) {
        const cell = card.metrics[metric.id];
        if (cell.status === 'shown' && cell.value.value !== null) values.push(cell.value.value);
      }
      return [metric.id, values.length === 0 ? null : median(values)];
    }),
  ) as Record<ServiceMetricId, number | null>;
  const warnings =
    survey === undefined
      ? ['no confidential or identified eNPS survey opened in the period: team eNPS is suppressed']
      : [];
  return { period: range, asOf, scope, scorecards: cards, organisationMedian, issues, warnings };
}

interface Detractor {
  readonly id: string;
  readonly answered: CalendarDay;
  readonly surveyId: string;
}

/** Work arrays reused across managers: marks of people seen in this round, and sample buffers. */
class Scratch {
  // A person is in a set when its mark equals the round (the scorecard's number): no clearing.
  readonly now: Int32Array;
  readonly seen: Int32Array;
  readonly summary: Int32Array;
  readonly preferenceDone: Int32Array;
  readonly raisers: Int32Array;
  readonly dueRaisers: Int32Array;
  readonly raters: Int32Array;
  readonly ideaRaisers: Int32Array;
  readonly deciders: Int32Array;
  readonly needPeople: Int32Array;
  readonly exposed: Int32Array;
  readonly occasionPeople: Int32Array;
  readonly occasionHolders: Int32Array;
  /** Per person: the last day reporting in the period. */
  readonly exposureLast: Int32Array;
  readonly everyone: Int32Array;
  readonly meetingKeys: Float64Array;
  readonly times: Float64Array;
  readonly events: Uint8Array;
  readonly times2: Float64Array;
  readonly events2: Uint8Array;
  constructor(people: number, meetings: number, concerns: number, ideas: number, needs: number) {
    const marks = () => new Int32Array(people);
    this.now = marks();
    this.seen = marks();
    this.summary = marks();
    this.preferenceDone = marks();
    this.raisers = marks();
    this.dueRaisers = marks();
    this.raters = marks();
    this.ideaRaisers = marks();
    this.deciders = marks();
    this.needPeople = marks();
    this.exposed = marks();
    this.occasionPeople = marks();
    this.occasionHolders = marks();
    this.exposureLast = new Int32Array(people);
    this.everyone = new Int32Array(people);
    this.meetingKeys = new Float64Array(meetings);
    const samples = Math.max(concerns, ideas, needs, people);
    this.times = new Float64Array(samples);
    this.events = new Uint8Array(samples);
    this.times2 = new Float64Array(samples);
    this.events2 = new Uint8Array(samples);
  }
}

interface Context {
  readonly dataset: Dataset;
  readonly history: History;
  readonly ids: readonly string[];
  readonly isManager: (person: number) => boolean;
  readonly scope: 'direct' | 'tree';
  readonly range: Period;
  readonly asOf: CalendarDay;
  readonly frame: Frame;
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
  readonly payroll: Uint8Array;
  readonly preference: Int32Array;
  readonly meetings: Meetings;
  readonly needs: Needs;
  readonly concerns: Tickets;
  readonly ideas: Tickets;
  readonly occasions: Groups;
  /** Per occasion, in the grouped order of `occasions`: 1 when acknowledged. */
  readonly occasionAcknowledged: Uint8Array;
  readonly followUps: ReadonlyMap<string, Dataset['followUps']>;
  readonly teamEnps: ReadonlyMap<string, Reportable<MetricValue>>;
  /** Everyone's reminders from asOf, by person number, in the order of `remindersFor`. */
  readonly reminders: readonly (OccasionReminder[] | undefined)[];
  /** Surveys opened in the period, with the last day to answer a team's results. */
  readonly surveys: readonly { survey: Dataset['surveys'][number]; teamDeadline: CalendarDay }[];
  readonly detractorsOf: ReadonlyMap<string, readonly Detractor[]>;
  readonly scratch: Scratch;
}

/** Median and p90 of survival times (Kaplan-Meier, R's quantile rule); `null` where not reached. */
function survivalSummary(times: Float64Array, events: Uint8Array) {
  const [median, p90] = kmQuantiles(times, events, [0.5, 0.9]);
  let total = 0;
  for (let i = 0; i < events.length; i++) total += events[i]!;
  return { median: median ?? null, p90: p90 ?? null, events: total, n: times.length };
}

/** The size of the largest group of a grouping (the work buffers of one manager). */
function largestGroup(groups: Int32Array): number {
  let largest = 0;
  for (let g = 0; g + 1 < groups.length; g++)
    largest = Math.max(largest, groups[g + 1]! - groups[g]!);
  return largest;
}

/** Reminders by person number, each person's in the order of the list. */
function remindersByPerson(
  reminders: readonly OccasionReminder[],
  people: People,
): (OccasionReminder[] | undefined)[] {
  const byPerson: (OccasionReminder[] | undefined)[] = Array.from(
    { length: people.ids.length },
    () => undefined,
  );
  for (const reminder of reminders) {
    const person = people.find(reminder.employeeId);
    if (person === NONE) continue;
    const list = byPerson[person];
    if (list === undefined) byPerson[person] = [reminder];
    else list.push(reminder);
  }
  return byPerson;
}

/**
 * The reminders of some people: theirs from everyone's list, in the order `remindersFor` gives
 * for these people (concatenated in their order, then the same stable sort).
 */
function remindersOf(people: readonly number[], c: Context): OccasionReminder[] {
  const out: OccasionReminder[] = [];
  for (const person of people) for (const r of c.reminders[person] ?? []) out.push(r);
  return out.length < 2 ? out : out.sort(compareReminders);
}

/** Marks a person in a set for this round; true the first time. */
function mark(set: Int32Array, person: number, round: number): boolean {
  if (set[person] === round) return false;
  set[person] = round;
  return true;
}

/**
 * One manager's scorecard from the columns; `now` and `atStart` are the people reporting to them
 * (directly or in the tree, per scope) on asOf and at the start of the period. `round` numbers the
 * scorecard for the marks of `Scratch`.
 */
function scorecardOf(
  manager: number,
  round: number,
  c: Context,
  now: readonly number[],
  atStart: readonly number[],
): Scorecard {
  const { history, frame, windows, scratch: x } = c;
  const managerId = c.ids[manager]!;
  // The managers whose records count: the manager, and in tree scope every manager below.
  const scopeManagers = [manager, ...(c.scope === 'tree' ? now.filter(c.isManager) : [])];
  for (const person of now) x.now[person] = round;

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
    // Built field by field (not spread): 220 000 of these per 10 000 managers.
    const cell: { -readonly [K in keyof MetricValue]: MetricValue[K] } = {
      value,
      target,
      assessment,
    };
    if (extra.interval !== undefined) cell.interval = extra.interval;
    if (extra.detail !== undefined) cell.detail = extra.detail;
    return { status: 'shown', n: people, value: cell };
  };
  const survival = (
    id: ServiceMetricId,
    times: Float64Array,
    events: Uint8Array,
    count: number,
    people: number,
  ) => {
    if (count === 0) return metric(id, 0, null);
    const summary = survivalSummary(times.subarray(0, count), events.subarray(0, count));
    return metric(id, people, summary.median, {
      detail: {
        ...(summary.p90 === null ? {} : { p90: summary.p90 }),
        events: summary.events,
        records: summary.n,
      },
    });
  };
  const metrics = {} as Record<ServiceMetricId, Reportable<MetricValue>>;

  // Listen: one pass over the manager's one-to-ones for every meeting-based metric.
  const m = c.meetings;
  const span = frame.last - frame.start + 1;
  let periodMeetings = 0;
  let confirmed = 0;
  let written = 0;
  let summaryPeople = 0;
  let keys = 0;
  for (const g of scopeManagers) {
    for (let i = m.groups[g]!; i < m.groups[g + 1]!; i++) {
      const person = m.employee[i]!;
      const flags = m.flags[i]!;
      if (flags & IN_WINDOW) x.seen[person] = round;
      if (!(flags & IN_PERIOD)) continue;
      periodMeetings++;
      if (flags & CONFIRMED) confirmed++;
      if (flags & WRITTEN) written++;
      if (mark(x.summary, person, round)) summaryPeople++;
      // person x span + day in the period: sorting the numbers sorts by person, then day.
      x.meetingKeys[keys++] = person * span + (m.day[i]! - frame.start);
    }
  }
  let covered = 0;
  for (const person of now) if (x.seen[person] === round) covered++;
  metrics.oneOnOneCoverage = metric(
    'oneOnOneCoverage',
    now.length,
    now.length === 0 ? null : covered / now.length,
  );
  const sorted = x.meetingKeys.subarray(0, keys).sort();
  const gaps: number[] = [];
  let gapPeople = 0;
  let met = 0;
  let intervals = 0;
  for (let i = 0; i < keys; ) {
    const person = Math.floor(sorted[i]! / span);
    const preferred = x.now[person] === round ? c.preference[person]! : 0;
    let previous = sorted[i]! - person * span;
    let days = 1;
    let j = i + 1;
    for (; j < keys && Math.floor(sorted[j]! / span) === person; j++) {
      const day = sorted[j]! - person * span;
      if (day === previous) continue;
      gaps.push(day - previous);
      days++;
      if (preferred > 0) {
        intervals++;
        if (day - previous <= preferred) met++;
      }
      previous = day;
    }
    if (days > 1) gapPeople++;
    if (preferred > 0) {
      x.preferenceDone[person] = round;
      if (frame.asOf - (frame.start + previous) > preferred) intervals++;
    }
    i = j;
  }
  metrics.oneOnOneMedianGap = metric(
    'oneOnOneMedianGap',
    gapPeople,
    gaps.length === 0 ? null : median(gaps),
    { detail: { gaps: gaps.length } },
  );
  let withPreference = 0;
  for (const person of now) {
    const preferred = c.preference[person]!;
    if (preferred === 0) continue;
    withPreference++;
    if (x.preferenceDone[person] !== round && frame.asOf - frame.start > preferred) intervals++;
  }
  metrics.preferredCadenceAdherence = metric(
    'preferredCadenceAdherence',
    withPreference,
    intervals === 0 ? null : met / intervals,
  );

  // Resolve problems.
  const k = c.concerns;
  const dueBy = frame.asOf - windows.resolve;
  let recent = 0;
  let raisers = 0;
  let due = 0;
  let dueRaisers = 0;
  let onTime = 0;
  let open = 0;
  const ages = { '0-7': 0, '8-30': 0, '31-90': 0, 'over-90': 0 };
  let ratings = 0;
  let raters = 0;
  let good = 0;
  let ratingSum = 0;
  for (const g of scopeManagers) {
    for (let i = k.groups[g]!; i < k.groups[g + 1]!; i++) {
      const person = k.employee[i]!;
      const raised = k.raisedDay[i]!;
      const flags = k.flags[i]!;
      if (raised >= frame.start && raised <= frame.last) {
        x.times[recent] = k.responseTime[i]!;
        x.events[recent] = flags & RESPONDED ? 1 : 0;
        x.times2[recent] = k.closeTime[i]!;
        x.events2[recent] = flags & FINISHED ? 1 : 0;
        recent++;
        if (mark(x.raisers, person, round)) raisers++;
        if (raised <= dueBy) {
          due++;
          if (mark(x.dueRaisers, person, round)) dueRaisers++;
          if (flags & ON_TIME) onTime++;
        }
      }
      if (!(flags & CLOSED)) {
        open++;
        const age = frame.asOf - raised;
        if (age <= 7) ages['0-7']++;
        else if (age <= 30) ages['8-30']++;
        else if (age <= 90) ages['31-90']++;
        else ages['over-90']++;
      }
      const resolved = k.resolvedDay[i]!;
      const rating = k.rating[i]!;
      if (resolved !== NONE && resolved >= frame.start && resolved <= frame.last && rating > 0) {
        ratings++;
        ratingSum += rating;
        if (rating >= 4) good++;
        if (mark(x.raters, person, round)) raters++;
      }
    }
  }
  metrics.concernTimeToAcknowledge = survival(
    'concernTimeToAcknowledge',
    x.times,
    x.events,
    recent,
    raisers,
  );
  metrics.concernTimeToResolve = survival(
    'concernTimeToResolve',
    x.times2,
    x.events2,
    recent,
    raisers,
  );
  metrics.concernsResolvedWithinTarget = metric(
    'concernsResolvedWithinTarget',
    dueRaisers,
    due === 0 ? null : onTime / due,
  );
  metrics.openConcerns = metric('openConcerns', now.length, open, { detail: ages });
  metrics.resolutionSatisfaction = metric(
    'resolutionSatisfaction',
    raters,
    ratings === 0 ? null : good / ratings,
    { detail: { ratings, ...(ratings === 0 ? {} : { meanRating: ratingSum / ratings }) } },
  );

  // Seek ideas.
  const periodDays = frame.last + 1 - frame.start;
  let everyone = 0;
  let personDays = 0;
  for (const g of scopeManagers) {
    for (let p = history.reportStart[g]!; p < history.reportStart[g + 1]!; p++) {
      const person = history.reportEmployee[p]!;
      if (c.payroll[person] === 0) continue;
      for (let s = history.spellStart[person]!; s < history.spellStart[person + 1]!; s++) {
        const from = Math.max(history.reportFrom[p]!, history.spellHire[s]!, frame.start);
        const to = Math.min(history.reportTo[p]!, frame.last, history.spellEnd[s]!);
        if (to < from) continue;
        if (mark(x.exposed, person, round)) {
          x.everyone[everyone++] = person;
          x.exposureLast[person] = to;
        }
        if (to > x.exposureLast[person]!) x.exposureLast[person] = to;
        personDays += to - from + 1;
      }
    }
  }
  const averagePeople = periodDays > 0 ? personDays / periodDays : 0;
  const d = c.ideas;
  let recentIdeas = 0;
  let ideaRaisers = 0;
  let decided = 0;
  let deciders = 0;
  let adopted = 0;
  for (const g of scopeManagers) {
    for (let i = d.groups[g]!; i < d.groups[g + 1]!; i++) {
      const raised = d.raisedDay[i]!;
      if (raised < frame.start || raised > frame.last) continue;
      const person = d.employee[i]!;
      const flags = d.flags[i]!;
      x.times[recentIdeas] = d.responseTime[i]!;
      x.events[recentIdeas] = flags & RESPONDED ? 1 : 0;
      recentIdeas++;
      if (mark(x.ideaRaisers, person, round)) ideaRaisers++;
      if (flags & CLOSED) {
        decided++;
        if (mark(x.deciders, person, round)) deciders++;
        if (flags & ADOPTED) adopted++;
      }
    }
  }
  metrics.ideasPerPersonPerQuarter = metric(
    'ideasPerPersonPerQuarter',
    now.length,
    averagePeople === 0 ? null : recentIdeas / averagePeople / (periodDays / 91.3125),
    { detail: { ideas: recentIdeas, averagePeople } },
  );
  metrics.ideaTimeToFirstResponse = survival(
    'ideaTimeToFirstResponse',
    x.times,
    x.events,
    recentIdeas,
    ideaRaisers,
  );
  metrics.ideasDecided = metric(
    'ideasDecided',
    ideaRaisers,
    recentIdeas === 0 ? null : decided / recentIdeas,
  );
  metrics.ideaAdoptionRate = metric(
    'ideaAdoptionRate',
    deciders,
    decided === 0 ? null : adopted / decided,
  );

  // Find out needs; summarise to confirm.
  const n = c.needs;
  const byKind = [0, 0, 0, 0, 0];
  let needCount = 0;
  let addressed = 0;
  let needPeople = 0;
  for (const g of scopeManagers) {
    for (let i = n.groups[g]!; i < n.groups[g + 1]!; i++) {
      byKind[n.kind[i]!]!++;
      const done = n.addressed[i]! <= frame.asOf;
      if (done) addressed++;
      if (mark(x.needPeople, n.employee[i]!, round)) needPeople++;
      x.times[needCount] = (done ? n.addressed[i]! : frame.asOf) - n.day[i]!;
      x.events[needCount] = done ? 1 : 0;
      needCount++;
    }
  }
  metrics.needsAddressed = metric(
    'needsAddressed',
    needPeople,
    needCount === 0 ? null : addressed / needCount,
    {
      detail: {
        development: byKind[0]!,
        workload: byKind[1]!,
        tools: byKind[2]!,
        wellbeing: byKind[3]!,
        other: byKind[4]!,
      },
    },
  );
  metrics.needTimeToAddress =
    needCount === 0
      ? SUPPRESSED
      : survival('needTimeToAddress', x.times, x.events, needCount, needPeople);
  metrics.summariesConfirmed = metric(
    'summariesConfirmed',
    summaryPeople,
    periodMeetings === 0 ? null : confirmed / periodMeetings,
    { detail: { meetings: periodMeetings, written } },
  );

  // Close the loop.
  const followUps: Dataset['followUps'][number][] = [];
  for (const g of scopeManagers)
    for (const f of c.followUps.get(c.ids[g]!) ?? []) followUps.push(f);
  const detractors = c.detractorsOf.get(managerId) ?? [];
  const calledBack = detractors.filter((detractor) =>
    followUps.some(
      (f) =>
        f.audience === 'person' &&
        f.employeeId === detractor.id &&
        f.surveyId === detractor.surveyId &&
        f.date >= detractor.answered &&
        epochDay(f.date) - epochDay(detractor.answered) <= windows.followUp,
    ),
  );
  metrics.detractorFollowUp = metric(
    'detractorFollowUp',
    new Set(detractors.map((detractor) => detractor.id)).size,
    detractors.length === 0 ? null : calledBack.length / detractors.length,
  );
  const groupSurveys = c.surveys.filter(
    (s) => s.survey.confidentiality !== 'identified' && s.teamDeadline <= c.asOf,
  );
  const answered = groupSurveys.filter((s) =>
    followUps.some(
      (f) =>
        f.managerId === managerId &&
        f.audience === 'team' &&
        f.surveyId === s.survey.id &&
        f.date <= s.teamDeadline,
    ),
  );
  metrics.teamFollowUp = metric(
    'teamFollowUp',
    groupSurveys.length === 0 ? 0 : now.length,
    groupSurveys.length === 0 ? null : answered.length / groupSurveys.length,
    { detail: { surveys: groupSurveys.length, answered: answered.length } },
  );

  // Satisfied employee.
  metrics.teamEnps = c.teamEnps.get(managerId) ?? SUPPRESSED;

  // Long relationships.
  let cohort = 0;
  let retained = 0;
  for (const person of atStart) {
    if (c.payroll[person] === 0) continue;
    cohort++;
    const s = spellOn(history, person, frame.start);
    if (s !== NONE && history.spellEnd[s]! > frame.last) retained++;
  }
  metrics.retentionRate = metric('retentionRate', cohort, cohort === 0 ? null : retained / cohort, {
    ...(cohort === 0 ? {} : { interval: wilsonInterval(retained, cohort) }),
    detail: { startHeadcount: cohort, retained },
  });
  let regretted = 0;
  let leavers = 0;
  let tenures = 0;
  for (let i = 0; i < everyone; i++) {
    const person = x.everyone[i]!;
    const last = x.exposureLast[person]!;
    const s = spellOn(history, person, last);
    if (s === NONE) continue;
    const end = history.spellEnd[s]!;
    const leaving = end === last;
    if (leaving && end >= frame.start && end <= frame.last && history.spellRegretted[s] === 1)
      regretted++;
    x.times[tenures] = (last - history.spellHire[s]! + 1) / 365.2425;
    x.events[tenures] = leaving ? 1 : 0;
    if (leaving) leavers++;
    tenures++;
  }
  const exposure = averagePeople;
  const interval = garwood(regretted);
  metrics.regrettedTurnover = metric(
    'regrettedTurnover',
    everyone,
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
  const tenureMedian =
    tenures === 0
      ? null
      : (kmQuantiles(x.times.subarray(0, tenures), x.events.subarray(0, tenures), [0.5])[0] ??
        null);
  metrics.medianTenure = metric('medianTenure', everyone, tenureMedian, {
    detail: { people: everyone, leavers },
  });

  // Remember occasions: of everyone who reported in the period or reports now.
  let past = 0;
  let acknowledged = 0;
  let holders = 0;
  const visit = (person: number) => {
    if (!mark(x.occasionPeople, person, round)) return;
    const o = c.occasions;
    if (person >= o.start.length - 1) return;
    for (let p = o.start[person]!; p < o.start[person + 1]!; p++) {
      past++;
      acknowledged += c.occasionAcknowledged[p]!;
      if (mark(x.occasionHolders, person, round)) holders++;
    }
  };
  for (let i = 0; i < everyone; i++) visit(x.everyone[i]!);
  for (const person of now) visit(person);
  metrics.occasionsAcknowledged = metric(
    'occasionsAcknowledged',
    holders,
    past === 0 ? null : acknowledged / past,
  );

  return {
    managerId,
    scope: c.scope,
    people: now.length,
    metrics,
    upcomingOccasions: remindersOf(now, c),
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
