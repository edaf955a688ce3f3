import { median } from 'simple-statistics';
import { type CalendarDay, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { period as makePeriod, type Period } from '../core/period.js';
import { MS_PER_DAY as DAY, dayFromEpoch, epochDay } from '../internal/epochDay.js';
import {
  groupByKey,
  NONE,
  organisationIndex,
  type People,
  reportsOn,
  scatter,
  treeOn,
} from '../internal/organisationIndex.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import type { PublishedReport } from '../privacy/suppressTable.js';
import type { EnpsResult } from '../satisfaction/enps.js';
import { enpsBy } from '../satisfaction/enpsBy.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Measurement, MetricValue } from './metrics/metric.js';
import { byMetric, METRICS, type ServiceMetricId } from './metrics/registry.js';
import {
  ManagerSlice,
  type Organisation,
  PersonSet,
  Scratch,
  type Windows,
} from './metrics/slice.js';
import { type DirectGroups, gateScorecardsAudited, type Measured } from './scorecardGate.js';
import { buildMeetings, buildTickets, type Frame } from './serviceColumns.js';
import {
  compareReminders,
  type OccasionReminder,
  prepareOccasions,
  remindersFor,
} from './upcomingOccasions.js';

export type { MetricValue } from './metrics/metric.js';

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
  /**
   * Per metric, the audit record of its privacy gate, with a reason per hidden cell: one cell per
   * card in direct scope, the manager tree's cells in tree scope; none for team eNPS (gated by
   * `enpsBy`). It holds the hidden values: keep it server-side, never send it to a reader.
   */
  readonly audit: Readonly<Partial<Record<ServiceMetricId, PublishedReport>>>;
}

const plusDays = (day: CalendarDay, amount: number) =>
  dayFromEpoch(epochDay(day) + amount) as CalendarDay;

/** The options checked and turned into days. */
interface Settings {
  readonly asOf: CalendarDay;
  readonly range: Period;
  readonly scope: 'direct' | 'tree';
  readonly minGroupSize: number;
  readonly windows: Windows;
  readonly frame: Frame;
  readonly inPeriod: (day: CalendarDay) => boolean;
}

/**
 * The scorecard of every manager who treats employees as customers: each metric of
 * `SERVICE_METRICS` for the people reporting to them (directly, or the whole tree), from the
 * assignment history (who reported to whom on each day), as a `Reportable` with its target and
 * assessment. A metric with no data or fewer than `minGroupSize` distinct people behind it is
 * suppressed (empty and too small look the same), and so is a share of the employees' own answers
 * that all fell on one side. Every metric's population goes through the privacy gate
 * (`suppressTable`, once per metric): in tree scope a manager's tree is their direct group plus
 * their child managers' trees, with complementary suppression, so nobody can subtract child trees
 * from a parent's to reach a direct group of 1 to k-1 people; medians are shown only where their
 * population's cell is. Team eNPS goes through complementary suppression of its own (`enpsBy`).
 * One-to-ones with someone who did not report to that manager on that day are left out and
 * reported in `issues`. Also the median manager, for comparison.
 *
 * Each collection is read once into columns grouped by manager, so the cost is O(records +
 * people + managers x their records), with the records of a manager's whole tree in tree scope
 * (which also measures every manager's direct group, for the gate), plus `suppressTable`.
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
  const settings = settingsOf(options);
  const { asOf, range, scope, frame } = settings;
  const issues: ServiceIssue[] = [];
  const { organisation, people } = organisationOf(dataset, settings, issues);
  const { history } = organisation;
  const ids = people.ids;
  // Everyone who managed someone on asOf or at the start of the period, with those reports.
  const managers: { manager: number; now: number[]; atStart: number[] }[] = [];
  for (let person = 0; person < history.size; person++) {
    if (history.reportStart[person + 1]! === history.reportStart[person]!) continue;
    const now = reportsOn(history, person, frame.asOf);
    const atStart = reportsOn(history, person, frame.start);
    if (now.length > 0 || atStart.length > 0) managers.push({ manager: person, now, atStart });
  }
  managers.sort((a, b) =>
    ids[a.manager]! < ids[b.manager]! ? -1 : ids[a.manager]! > ids[b.manager]! ? 1 : 0,
  );
  const reminders = remindersByPerson(
    remindersFor(prepareOccasions(dataset, asOf), asOf, settings.windows.occasions, undefined),
    people,
  );
  const targets = METRICS.map((metric) => {
    const target = options.targets?.[metric.id];
    return target !== undefined ? target : metric.target;
  });
  const scratch = new Scratch(ids.length);
  const nowSet = new PersonSet(ids.length);
  const measured: Measured[][] = METRICS.map(() => new Array<Measured>(managers.length));
  const nows = managers.map((entry, index) => {
    const now = scope === 'tree' ? treeOn(history, entry.manager, frame.asOf) : entry.now;
    const atStart = scope === 'tree' ? treeOn(history, entry.manager, frame.start) : entry.atStart;
    const slice = new ManagerSlice(
      organisation,
      entry.manager,
      now,
      atStart,
      scratch,
      nowSet.clear(index + 1),
    );
    for (let k = 0; k < METRICS.length; k++) {
      scratch.release();
      measured[k]![index] = METRICS[k]!.compute(slice);
    }
    return now;
  });
  const { shown, reports } = gateScorecardsAudited(
    managers.map((entry) => ids[entry.manager]!),
    measured,
    scope === 'tree'
      ? directGroups(organisation, managers, scratch, nowSet, managers.length + 1)
      : undefined,
    settings.minGroupSize,
  );
  const cards = managers.map(
    (entry, index): Scorecard => ({
      managerId: ids[entry.manager]!,
      scope,
      people: nows[index]!.length,
      metrics: byMetric((metric, k) =>
        shown[k]![index] === 1
          ? publish(measured[k]![index]!, targets[k]!, metric, settings)
          : SUPPRESSED,
      ),
      upcomingOccasions: remindersOf(nows[index]!, reminders),
    }),
  );
  const organisationMedian = byMetric((metric) => {
    const values: number[] = [];
    for (const card of cards) {
      const cell = card.metrics[metric.id];
      if (cell.status === 'shown' && cell.value.value !== null) values.push(cell.value.value);
    }
    return values.length === 0 ? null : median(values);
  });
  const warnings =
    teamSurvey(dataset, settings) === undefined
      ? ['no confidential or identified eNPS survey opened in the period: team eNPS is suppressed']
      : [];
  const audit: Partial<Record<ServiceMetricId, PublishedReport>> = {};
  METRICS.forEach((metric, k) => {
    if (reports[k] !== undefined) audit[metric.id] = reports[k];
  });
  return {
    period: range,
    asOf,
    scope,
    scorecards: cards,
    organisationMedian,
    issues,
    warnings,
    audit,
  };
}

/**
 * The direct groups of a tree-scope call, for the gate: every card manager and every manager
 * below one (someone with reports in the history but none on asOf or at the start, whose records
 * count in the trees above), each under their manager on asOf, measured by every metric over
 * their own records and direct reports (a twin of the organisation in direct scope).
 */
function directGroups(
  organisation: Organisation,
  managers: readonly { manager: number; now: number[]; atStart: number[] }[],
  scratch: Scratch,
  nowSet: PersonSet,
  firstStamp: number,
): DirectGroups {
  const { history, ids } = organisation;
  const isManager = (person: number) =>
    person < history.size && history.reportStart[person + 1]! > history.reportStart[person]!;
  const parentOf = new Map<number, number>();
  const nodes: { manager: number; now: readonly number[]; atStart: readonly number[] }[] = [
    ...managers,
  ];
  const cards = new Set(managers.map((entry) => entry.manager));
  for (const entry of managers) {
    for (const person of entry.now) {
      if (!isManager(person)) continue;
      parentOf.set(person, entry.manager);
      if (!cards.has(person)) nodes.push({ manager: person, now: [], atStart: [] });
    }
  }
  const twin = withScope(organisation, 'direct');
  const measured: Measured[][] = METRICS.map(() => new Array<Measured>(nodes.length));
  nodes.forEach((node, j) => {
    const slice = new ManagerSlice(
      twin,
      node.manager,
      node.now,
      node.atStart,
      scratch,
      nowSet.clear(firstStamp + j),
    );
    for (let k = 0; k < METRICS.length; k++) {
      scratch.release();
      measured[k]![j] = METRICS[k]!.compute(slice);
    }
  });
  return {
    nodes: nodes.map((node) => {
      const parent = parentOf.get(node.manager);
      return { id: ids[node.manager]!, parentId: parent === undefined ? undefined : ids[parent] };
    }),
    measured,
  };
}

/**
 * A measurement as a published cell: suppressed below the minimum, or when it is a share of the
 * people's own answers that all fell on one side (0 or 1), else assessed on its target.
 */
function publish(
  measured: Measurement | Reportable<MetricValue>,
  target: number | null,
  metric: { readonly higherIsBetter: boolean | null; readonly fromAnswers?: boolean },
  settings: Settings,
): Reportable<MetricValue> {
  if ('status' in measured) return measured;
  const { people, value } = measured;
  if (people < settings.minGroupSize || people === 0) return SUPPRESSED;
  if (metric.fromAnswers === true && (value === 0 || value === 1)) return SUPPRESSED;
  const higher = metric.higherIsBetter;
  const assessment =
    target === null || value === null || higher === null
      ? null
      : (higher ? value >= target : value <= target)
        ? 'meets'
        : 'below';
  // Built field by field (not spread): 230 000 of these per 10 000 managers.
  const cell: { -readonly [K in keyof MetricValue]: MetricValue[K] } = {
    value,
    target,
    assessment,
  };
  if (measured.interval !== undefined) cell.interval = measured.interval;
  if (measured.detail !== undefined) cell.detail = measured.detail;
  return { status: 'shown', n: people, value: cell };
}

/** The options checked, with the period's days as day numbers. */
function settingsOf(options: ScorecardOptions): Settings {
  const asOf = toCalendarDay(options.asOf);
  const range = makePeriod(options.period.start, options.period.end);
  const windows = {
    coverage: options.coverageDays ?? 30,
    resolve: options.resolveWithinDays ?? 30,
    followUp: options.followUpDays ?? 2,
    teamFollowUp: options.teamFollowUpDays ?? 14,
    occasions: options.occasionDays ?? 14,
  };
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  for (const [name, value] of Object.entries(windows)) {
    if (!Number.isInteger(value) || value < 1)
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `scorecards requires ${name} days as a whole number >= 1, got ${String(value)}`,
      );
  }
  // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as text.
  const lastDay = plusDays(range.end, -1) < asOf ? plusDays(range.end, -1) : asOf;
  return {
    asOf,
    range,
    scope: options.scope ?? 'direct',
    minGroupSize,
    windows,
    frame: {
      asOf: epochDay(asOf),
      asOfEnd: (epochDay(asOf) + 1) * DAY - 1,
      start: epochDay(range.start),
      last: epochDay(lastDay),
      coverageStart: epochDay(asOf) - (windows.coverage - 1),
      resolveWithin: windows.resolve,
    },
    inPeriod: (day: CalendarDay) => day >= range.start && day <= lastDay,
  };
}

/** Every collection read once, into columns (serviceColumns.ts); one-to-ones left out go to `issues`. */
function organisationOf(
  dataset: Dataset,
  settings: Settings,
  issues: ServiceIssue[],
): { organisation: Organisation; people: People } {
  const { frame, inPeriod } = settings;
  const { people, history, payroll } = organisationIndex(dataset);
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
  const preference = new Int32Array(size);
  for (const employee of dataset.employees)
    preference[people.find(employee.id)] = employee.preferredOneOnOneDays ?? 0;
  const organisation = withScope(
    {
      dataset,
      history,
      ids: people.ids,
      personOf: (id) => people.find(id),
      scope: settings.scope,
      range: settings.range,
      asOf: settings.asOf,
      frame,
      inPeriod,
      windows: settings.windows,
      payroll,
      preference,
      meetings,
      needs,
      concerns,
      ideas,
      occasions,
      occasionAcknowledged: scatter(Uint8Array.from(occasionAcknowledged), occasions),
      teamEnps: teamEnpsCells(dataset, settings),
    },
    settings.scope,
  );
  return { organisation, people };
}

/**
 * The organisation in a scope, with memos of its own (`shared`): what is derived once per call
 * may depend on the scope (detractors are credited up the tree in tree scope). A twin in direct
 * scope has no team eNPS cells: that metric went through its own gate.
 */
function withScope(base: Omit<Organisation, 'shared'>, scope: 'direct' | 'tree'): Organisation {
  const memo = new Map<unknown, unknown>();
  const organisation: Organisation = {
    ...base,
    scope,
    teamEnps: scope === base.scope ? base.teamEnps : new Map(),
    shared: <T>(build: (organisation: Organisation) => T): T => {
      if (!memo.has(build)) memo.set(build, build(organisation));
      return memo.get(build) as T;
    },
  };
  return organisation;
}

/** The latest survey in the period that may be joined to managers and asks the eNPS question. */
function teamSurvey(dataset: Dataset, settings: Settings) {
  return dataset.surveys
    .filter(
      (s) =>
        s.confidentiality !== 'anonymous' &&
        settings.inPeriod(s.opensOn) &&
        dataset.questions.some((q) => q.surveyId === s.id && q.kind === 'enps'),
    )
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
}

/** Team eNPS by manager id: the latest joinable survey, through complementary suppression. */
function teamEnpsCells(dataset: Dataset, settings: Settings): Map<string, Reportable<EnpsResult>> {
  const cells = new Map<string, Reportable<EnpsResult>>();
  const survey = teamSurvey(dataset, settings);
  if (survey === undefined) return cells;
  const { scope, minGroupSize } = settings;
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
    cells.set(segment.key, segment.cell);
  }
  return cells;
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
function remindersOf(
  people: readonly number[],
  reminders: readonly (OccasionReminder[] | undefined)[],
): OccasionReminder[] {
  const out: OccasionReminder[] = [];
  for (const person of people) for (const r of reminders[person] ?? []) out.push(r);
  return out.length < 2 ? out : out.sort(compareReminders);
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
