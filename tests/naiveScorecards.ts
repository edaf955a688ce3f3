/**
 * The manager scorecard written the naive way, for the property test of `scorecards`: for each
 * manager, filter the record objects by manager and compute every metric from its definition in
 * SERVICE_METRICS, with calendar days as strings and the public Kaplan-Meier functions. Slow
 * (managers x records) and independent of the columns. Not shipped (tests/ is not in the package).
 */

import { type CalendarDay, toCalendarDay } from '../src/core/calendarDay.js';
import type { Interval } from '../src/core/estimate.js';
import { poissonExactInterval, wilsonInterval } from '../src/core/intervals.js';
import type { Period } from '../src/core/period.js';
import { kaplanMeier } from '../src/retention/kaplanMeier.js';
import { kmQuantile } from '../src/retention/kmQuantile.js';
import { enpsBy } from '../src/satisfaction/enpsBy.js';
import type { Dataset } from '../src/schemas/dataset.js';

const DAY = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY;
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const OPEN = '9999-12-31';

/** What a metric measured: the people behind it, the value, and its interval and detail. */
export interface NaiveMeasurement {
  readonly people: number;
  readonly value: number | null;
  readonly interval?: Interval;
  readonly detail?: Record<string, number>;
}

/** The naive settings of one call. */
export interface NaiveOptions {
  readonly period: Period;
  readonly asOf: string;
  readonly scope: 'direct' | 'tree';
  readonly minGroupSize: number;
  readonly coverageDays: number;
  readonly resolveWithinDays: number;
  readonly followUpDays: number;
  readonly teamFollowUpDays: number;
}

type Ticket = Dataset['concerns'][number] | Dataset['ideas'][number];

/** What every metric reads about the organisation. */
interface Naive {
  readonly d: Dataset;
  readonly o: NaiveOptions;
  readonly asOf: CalendarDay;
  readonly start: string;
  readonly last: string;
  /** Assignment lines by employee, stably sorted by validFrom. */
  readonly lines: Map<string, Dataset['assignments'][number][]>;
  readonly managers: Set<string>;
  /** One-to-ones with the person's manager that day, up to asOf. */
  readonly valid: Dataset['oneOnOnes'][number][];
  readonly spellsOf: Map<string, Dataset['spells'][number][]>;
  readonly employeeOf: Map<string, Dataset['employees'][number]>;
  /** The same, by employee. */
  readonly validOf: Map<string, Dataset['oneOnOnes'][number][]>;
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

function managerOn(n: Naive, person: string, day: string): string | undefined {
  const started = (n.lines.get(person) ?? []).filter((a) => a.validFrom <= day);
  const line = started[started.length - 1];
  return line !== undefined && day <= (line.validTo ?? OPEN) ? line.managerId : undefined;
}

function spellOn(n: Naive, person: string, day: string) {
  return (n.spellsOf.get(person) ?? []).find(
    (s) => s.hireDate <= day && day <= (s.terminationDate ?? OPEN),
  );
}

function reportsOn(n: Naive, manager: string, day: string): string[] {
  return n.d.assignments
    .filter(
      (a) =>
        a.managerId === manager &&
        a.validFrom <= day &&
        day <= (a.validTo ?? OPEN) &&
        spellOn(n, a.employeeId, day) !== undefined,
    )
    .map((a) => a.employeeId);
}

function treeOn(n: Naive, manager: string, day: string): string[] {
  const seen = new Set([manager]);
  const out: string[] = [];
  const stack = [manager];
  while (stack.length > 0) {
    for (const report of reportsOn(n, stack.pop()!, day)) {
      if (seen.has(report)) continue;
      seen.add(report);
      out.push(report);
      stack.push(report);
    }
  }
  return out;
}

function survival(times: number[], events: number[], people: number): NaiveMeasurement {
  if (times.length === 0) return { people: 0, value: null };
  const km = kaplanMeier(times, events);
  const p90 = kmQuantile(km, 0.9).quantile;
  const total = events.reduce((a, b) => a + b, 0);
  return {
    people,
    value: kmQuantile(km, 0.5).quantile,
    detail: {
      ...(p90 === null ? {} : { p90 }),
      events: total,
      records: times.length,
    },
  };
}

/** A ticket's times and flags, read from its status history as SERVICE_METRICS defines them. */
function ticketFacts(ticket: Ticket, asOf: CalendarDay, resolveWithin: number) {
  const statuses = ticket.statusHistory;
  const raisedAt = Date.parse(statuses[0]!.at);
  const end = (dayNumber(asOf) + 1) * DAY - 1;
  const known = statuses.map((s, k) => ({ ...s, k, ms: Date.parse(s.at) }));
  const byAsOf = known.filter((s) => s.ms <= end);
  const final = (s: string) => s === 'resolved' || s === 'declined' || s === 'adopted';
  const response = byAsOf.find((s) => s.k > 0 && s.status !== 'raised');
  const close = byAsOf.find((s) => s.k > 0 && final(s.status));
  const decision = byAsOf.find((s) => final(s.status));
  const resolved = known.find((s) => s.status === 'resolved');
  return {
    raised: dayOf(Math.floor(raisedAt / DAY)),
    responseTime: Math.max(0, ((response?.ms ?? end) - raisedAt) / DAY),
    responded: response !== undefined,
    closeTime: Math.max(0, ((close?.ms ?? end) - raisedAt) / DAY),
    finished: close !== undefined,
    decided: decision !== undefined,
    adopted: decision?.status === 'adopted',
    resolvedDay: resolved === undefined ? undefined : dayOf(Math.floor(resolved.ms / DAY)),
    onTime: resolved !== undefined && (resolved.ms - raisedAt) / DAY <= resolveWithin,
    rating: 'resolutionRating' in ticket ? (ticket.resolutionRating ?? 0) : 0,
  };
}

/** One manager's people and records, by metric id. */
function measure(n: Naive, manager: string, now: string[], atStart: string[]) {
  const { o, asOf, start, last } = n;
  const inPeriod = (day: string) => day >= start && day <= last;
  const scopeManagers = new Set([
    manager,
    ...(o.scope === 'tree' ? now.filter((p) => n.managers.has(p)) : []),
  ]);
  const distinct = (ids: string[]) => new Set(ids).size;
  const out: Record<string, NaiveMeasurement> = {};

  // Listen, on the employee's terms, summarise to confirm, find out needs.
  const meetings = n.valid.filter((m) => scopeManagers.has(m.managerId));
  const periodMeetings = meetings.filter((m) => inPeriod(m.date));
  const coverageStart = dayOf(dayNumber(asOf) - (o.coverageDays - 1));
  const covered = now.filter((p) =>
    meetings.some((m) => m.employeeId === p && m.date >= coverageStart),
  );
  out.oneOnOneCoverage = {
    people: now.length,
    value: now.length === 0 ? null : covered.length / now.length,
  };
  const daysOf = (person: string) =>
    [...new Set(periodMeetings.filter((m) => m.employeeId === person).map((m) => m.date))].sort();
  const gaps: number[] = [];
  let gapPeople = 0;
  for (const person of new Set(periodMeetings.map((m) => m.employeeId))) {
    const days = daysOf(person);
    for (let i = 1; i < days.length; i++) gaps.push(dayNumber(days[i]!) - dayNumber(days[i - 1]!));
    if (days.length > 1) gapPeople++;
  }
  out.oneOnOneMedianGap = {
    people: gapPeople,
    value: gaps.length === 0 ? null : median(gaps),
    detail: { gaps: gaps.length },
  };
  out.newHireTimeToFirstOneOnOne = newHireTime(n, scopeManagers);
  let kept = 0;
  let intervals = 0;
  const withPreference = now.filter((p) => (employeeOf(n, p)?.preferredOneOnOneDays ?? 0) > 0);
  for (const person of withPreference) {
    const preferred = employeeOf(n, person)!.preferredOneOnOneDays!;
    const days = daysOf(person).map(dayNumber);
    for (let i = 1; i < days.length; i++) {
      intervals++;
      if (days[i]! - days[i - 1]! <= preferred) kept++;
    }
    const lastMet = days.length === 0 ? dayNumber(start) : days[days.length - 1]!;
    if (dayNumber(asOf) - lastMet > preferred) intervals++;
  }
  out.preferredCadenceAdherence = {
    people: withPreference.length,
    value: intervals === 0 ? null : kept / intervals,
  };
  const confirmed = periodMeetings.filter((m) => m.summaryConfirmed).length;
  out.summariesConfirmed = {
    people: distinct(periodMeetings.map((m) => m.employeeId)),
    value: periodMeetings.length === 0 ? null : confirmed / periodMeetings.length,
    detail: {
      meetings: periodMeetings.length,
      written: periodMeetings.filter((m) => m.summaryWritten).length,
    },
  };
  Object.assign(out, needs(n, periodMeetings));
  Object.assign(out, concerns(n, scopeManagers, now));
  Object.assign(out, ideasAndTenure(n, scopeManagers, now, atStart));
  Object.assign(out, closingTheLoop(n, manager, scopeManagers, now));
  return out;
}

function employeeOf(n: Naive, id: string) {
  return n.employeeOf.get(id);
}

function newHireTime(n: Naive, scopeManagers: Set<string>): NaiveMeasurement {
  const times: number[] = [];
  const events: number[] = [];
  const people = new Set<string>();
  for (const spell of n.d.spells) {
    if (spell.hireDate < n.start || spell.hireDate > n.last) continue;
    const boss = managerOn(n, spell.employeeId, spell.hireDate);
    if (boss === undefined || !scopeManagers.has(boss)) continue;
    const until = [spell.terminationDate ?? OPEN, n.asOf].sort()[0]!;
    const first = (n.validOf.get(spell.employeeId) ?? [])
      .filter((m) => m.date >= spell.hireDate && m.date <= until)
      .map((m) => m.date)
      .sort()[0];
    times.push(dayNumber(first ?? until) - dayNumber(spell.hireDate));
    events.push(first === undefined ? 0 : 1);
    people.add(spell.employeeId);
  }
  return survival(times, events, people.size);
}

function needs(n: Naive, periodMeetings: Dataset['oneOnOnes'][number][]) {
  const raised = periodMeetings.flatMap((m) =>
    m.needs.map((need) => ({ ...need, day: m.date, employeeId: m.employeeId })),
  );
  const addressed = (need: (typeof raised)[number]) =>
    need.addressedOn !== undefined && need.addressedOn <= n.asOf;
  const kinds = ['development', 'workload', 'tools', 'wellbeing', 'other'] as const;
  const people = new Set(raised.map((need) => need.employeeId)).size;
  return {
    needsAddressed: {
      people,
      value: raised.length === 0 ? null : raised.filter(addressed).length / raised.length,
      detail: Object.fromEntries(
        kinds.map((kind) => [kind, raised.filter((need) => need.kind === kind).length]),
      ),
    },
    needTimeToAddress: survival(
      raised.map(
        (need) => dayNumber(addressed(need) ? need.addressedOn! : n.asOf) - dayNumber(need.day),
      ),
      raised.map((need) => (addressed(need) ? 1 : 0)),
      people,
    ),
  };
}

function concerns(n: Naive, scopeManagers: Set<string>, now: string[]) {
  const { o, asOf, start, last } = n;
  const all = n.d.concerns
    .filter((c) => scopeManagers.has(c.managerId))
    .map((c) => ({ c, f: ticketFacts(c, asOf, o.resolveWithinDays) }))
    .filter(({ f }) => f.raised <= asOf);
  const recent = all.filter(({ f }) => f.raised >= start && f.raised <= last);
  const raisers = new Set(recent.map(({ c }) => c.employeeId)).size;
  const dueBy = dayOf(dayNumber(asOf) - o.resolveWithinDays);
  const due = recent.filter(({ f }) => f.raised <= dueBy);
  const open = all.filter(({ f }) => !f.decided);
  const age = (raised: string) => dayNumber(asOf) - dayNumber(raised);
  const rated = all.filter(
    ({ f }) =>
      f.resolvedDay !== undefined &&
      f.resolvedDay >= start &&
      f.resolvedDay <= last &&
      f.rating > 0,
  );
  const ratingSum = rated.reduce((sum, { f }) => sum + f.rating, 0);
  return {
    concernTimeToAcknowledge: survival(
      recent.map(({ f }) => f.responseTime),
      recent.map(({ f }) => (f.responded ? 1 : 0)),
      raisers,
    ),
    concernTimeToResolve: survival(
      recent.map(({ f }) => f.closeTime),
      recent.map(({ f }) => (f.finished ? 1 : 0)),
      raisers,
    ),
    concernsResolvedWithinTarget: {
      people: new Set(due.map(({ c }) => c.employeeId)).size,
      value: due.length === 0 ? null : due.filter(({ f }) => f.onTime).length / due.length,
    },
    openConcerns: {
      people: now.length,
      value: open.length,
      detail: {
        '0-7': open.filter(({ f }) => age(f.raised) <= 7).length,
        '8-30': open.filter(({ f }) => age(f.raised) > 7 && age(f.raised) <= 30).length,
        '31-90': open.filter(({ f }) => age(f.raised) > 30 && age(f.raised) <= 90).length,
        'over-90': open.filter(({ f }) => age(f.raised) > 90).length,
      },
    },
    resolutionSatisfaction: {
      people: new Set(rated.map(({ c }) => c.employeeId)).size,
      value:
        rated.length === 0 ? null : rated.filter(({ f }) => f.rating >= 4).length / rated.length,
      detail: {
        ratings: rated.length,
        ...(rated.length === 0 ? {} : { meanRating: ratingSum / rated.length }),
      },
    },
  };
}

function ideasAndTenure(n: Naive, scopeManagers: Set<string>, now: string[], atStart: string[]) {
  const { d, o, asOf, start, last } = n;
  const payroll = (id: string) => {
    const type = employeeOf(n, id)?.workerType ?? 'employee';
    return type === 'employee' || type === 'direct-temporary';
  };
  // Exposure: payroll people reporting to the scope's managers on days of the period.
  const lastDay = new Map<string, string>();
  let personDays = 0;
  for (const a of d.assignments) {
    if (a.managerId === undefined || !scopeManagers.has(a.managerId) || !payroll(a.employeeId))
      continue;
    for (const s of n.spellsOf.get(a.employeeId) ?? []) {
      const from = [a.validFrom, s.hireDate, start].sort()[2]!;
      const to = [a.validTo ?? OPEN, last, s.terminationDate ?? OPEN].sort()[0]!;
      if (to < from) continue;
      if ((lastDay.get(a.employeeId) ?? '') < to) lastDay.set(a.employeeId, to);
      personDays += dayNumber(to) - dayNumber(from) + 1;
    }
  }
  const periodDays = dayNumber(last) + 1 - dayNumber(start);
  const average = periodDays > 0 ? personDays / periodDays : 0;
  const ideas = d.ideas
    .filter((i) => scopeManagers.has(i.managerId))
    .map((i) => ({ i, f: ticketFacts(i, asOf, o.resolveWithinDays) }))
    .filter(({ f }) => f.raised >= start && f.raised <= last);
  const decided = ideas.filter(({ f }) => f.decided);
  const raisers = new Set(ideas.map(({ i }) => i.employeeId)).size;
  const out: Record<string, NaiveMeasurement> = {
    ideasPerPersonPerQuarter: {
      people: now.length,
      value: average === 0 ? null : ideas.length / average / (periodDays / 91.3125),
      detail: { ideas: ideas.length, averagePeople: average },
    },
    ideaTimeToFirstResponse: survival(
      ideas.map(({ f }) => f.responseTime),
      ideas.map(({ f }) => (f.responded ? 1 : 0)),
      raisers,
    ),
    ideasDecided: {
      people: raisers,
      value: ideas.length === 0 ? null : decided.length / ideas.length,
    },
    ideaAdoptionRate: {
      people: new Set(decided.map(({ i }) => i.employeeId)).size,
      value:
        decided.length === 0 ? null : decided.filter(({ f }) => f.adopted).length / decided.length,
    },
  };
  const cohort = atStart.filter(payroll);
  const retained = cohort.filter((p) => {
    const s = spellOn(n, p, start);
    return s !== undefined && (s.terminationDate ?? OPEN) > last;
  }).length;
  out.retentionRate = {
    people: cohort.length,
    value: cohort.length === 0 ? null : retained / cohort.length,
    ...(cohort.length === 0 ? {} : { interval: wilsonInterval(retained, cohort.length) }),
    detail: { startHeadcount: cohort.length, retained },
  };
  let regretted = 0;
  const times: number[] = [];
  const events: number[] = [];
  for (const [person, day] of lastDay) {
    const s = spellOn(n, person, day);
    if (s === undefined) continue;
    const leaving = s.terminationDate === day;
    if (leaving && day >= start && day <= last && s.regretted === true) regretted++;
    times.push((dayNumber(day) - dayNumber(s.hireDate) + 1) / 365.2425);
    events.push(leaving ? 1 : 0);
  }
  const garwood = poissonExactInterval(regretted);
  out.regrettedTurnover = {
    people: lastDay.size,
    value: average === 0 ? null : regretted / average,
    ...(average === 0
      ? {}
      : {
          interval: { ...garwood, lower: garwood.lower / average, upper: garwood.upper / average },
        }),
    detail: { regretted, averageHeadcount: average },
  };
  out.medianTenure = {
    people: lastDay.size,
    value: times.length === 0 ? null : kmQuantile(kaplanMeier(times, events), 0.5).quantile,
    detail: { people: lastDay.size, leavers: events.filter((e) => e === 1).length },
  };
  const holders = new Set([...lastDay.keys(), ...now]);
  const occasions = d.occasions.filter(
    (x) => holders.has(x.employeeId) && x.date >= start && x.date <= last,
  );
  out.occasionsAcknowledged = {
    people: new Set(occasions.map((x) => x.employeeId)).size,
    value:
      occasions.length === 0
        ? null
        : occasions.filter((x) => x.acknowledged).length / occasions.length,
  };
  return out;
}

function closingTheLoop(n: Naive, manager: string, scopeManagers: Set<string>, now: string[]) {
  const { d, o, asOf, start, last } = n;
  const followUps = d.followUps.filter((f) => scopeManagers.has(f.managerId));
  const detractors: { id: string; answered: string; surveyId: string }[] = [];
  for (const survey of d.surveys) {
    if (survey.confidentiality !== 'identified' || survey.opensOn < start || survey.opensOn > last)
      continue;
    const question = d.questions.find((q) => q.surveyId === survey.id && q.kind === 'enps');
    for (const r of d.responses) {
      const score = r.answers[question?.id ?? ''];
      if (r.surveyId !== survey.id || r.respondentId === undefined) continue;
      if (typeof score !== 'number' || score > 6) continue;
      // Above the respondent on the day the survey opened: the line manager, or the chain.
      const chain: string[] = [];
      for (
        let m = managerOn(n, r.respondentId, survey.opensOn);
        m !== undefined && !chain.includes(m);
        m = managerOn(n, m, survey.opensOn)
      ) {
        chain.push(m);
        if (o.scope === 'direct') break;
      }
      if (chain.includes(manager))
        detractors.push({
          id: r.respondentId,
          answered: new Date(Date.parse(r.submittedAt)).toISOString().slice(0, 10),
          surveyId: survey.id,
        });
    }
  }
  const calledBack = detractors.filter((x) =>
    followUps.some(
      (f) =>
        f.audience === 'person' &&
        f.employeeId === x.id &&
        f.surveyId === x.surveyId &&
        f.date >= x.answered &&
        dayNumber(f.date) - dayNumber(x.answered) <= o.followUpDays,
    ),
  );
  const surveys = d.surveys
    .filter((s) => s.opensOn >= start && s.opensOn <= last && s.confidentiality !== 'identified')
    .map((s) => ({ s, deadline: dayOf(dayNumber(s.closesOn ?? s.opensOn) + o.teamFollowUpDays) }))
    .filter(({ deadline }) => deadline <= asOf);
  const answered = surveys.filter(({ s, deadline }) =>
    followUps.some(
      (f) =>
        f.managerId === manager &&
        f.audience === 'team' &&
        f.surveyId === s.id &&
        f.date <= deadline,
    ),
  );
  return {
    detractorFollowUp: {
      people: new Set(detractors.map((x) => x.id)).size,
      value: detractors.length === 0 ? null : calledBack.length / detractors.length,
    },
    teamFollowUp: {
      people: surveys.length === 0 ? 0 : now.length,
      value: surveys.length === 0 ? null : answered.length / surveys.length,
      detail: { surveys: surveys.length, answered: answered.length },
    },
  };
}

/** Team eNPS cells by manager: `enpsBy`'s, whose suppression spans all managers at once. */
function teamEnps(n: Naive): Map<string, NaiveMeasurement> {
  const { d, o, start, last } = n;
  const survey = d.surveys
    .filter(
      (s) =>
        s.confidentiality !== 'anonymous' &&
        s.opensOn >= start &&
        s.opensOn <= last &&
        d.questions.some((q) => q.surveyId === s.id && q.kind === 'enps'),
    )
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
  const cells = new Map<string, NaiveMeasurement>();
  if (survey === undefined) return cells;
  const breakdown = enpsBy(d, {
    surveyId: survey.id,
    by: { kind: 'manager', scope: o.scope },
    minGroupSize: o.minGroupSize,
  });
  for (const segment of breakdown.segments) {
    if (segment.kind !== (o.scope === 'direct' ? 'manager-direct' : 'manager-tree')) continue;
    const cell = segment.cell;
    if (segment.key === null || cell.status !== 'shown' || cell.value.score === null) continue;
    cells.set(segment.key, {
      people: cell.n,
      value: cell.value.score,
      ...(cell.value.interval === null ? {} : { interval: cell.value.interval }),
      detail: { respondents: cell.n },
    });
  }
  return cells;
}

/**
 * Every manager's measurements, naively: the managers (anyone managing someone on asOf or on the
 * period's first day, sorted by id), their people and every metric of SERVICE_METRICS.
 */
export function naiveScorecards(
  dataset: Dataset,
  options: NaiveOptions,
): { managerId: string; people: number; metrics: Record<string, NaiveMeasurement> }[] {
  const asOf = toCalendarDay(options.asOf);
  const periodLast = dayOf(dayNumber(options.period.end) - 1);
  const lines = new Map<string, Dataset['assignments'][number][]>();
  for (const a of dataset.assignments)
    lines.set(a.employeeId, [...(lines.get(a.employeeId) ?? []), a]);
  for (const list of lines.values())
    list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const n: Naive = {
    d: dataset,
    o: options,
    asOf,
    start: options.period.start,
    // biome-ignore lint/complexity/useMathMinMax: YYYY-MM-DD strings, compared as text.
    last: periodLast < asOf ? periodLast : asOf,
    lines,
    managers: new Set(
      dataset.assignments.flatMap((a) => (a.managerId === undefined ? [] : [a.managerId])),
    ),
    valid: [],
    validOf: new Map(),
    spellsOf: new Map(),
    employeeOf: new Map(dataset.employees.map((e) => [e.id, e])),
  };
  const valid = dataset.oneOnOnes.filter(
    (m) => m.date <= asOf && managerOn(n, m.employeeId, m.date) === m.managerId,
  );
  for (const spell of dataset.spells)
    n.spellsOf.set(spell.employeeId, [...(n.spellsOf.get(spell.employeeId) ?? []), spell]);
  const validOf = new Map<string, Dataset['oneOnOnes'][number][]>();
  for (const m of valid) validOf.set(m.employeeId, [...(validOf.get(m.employeeId) ?? []), m]);
  const naive = { ...n, valid, validOf };
  const enps = teamEnps(naive);
  return [...naive.managers]
    .sort()
    .map((manager) => {
      const direct = reportsOn(naive, manager, asOf);
      const directAtStart = reportsOn(naive, manager, naive.start);
      if (direct.length === 0 && directAtStart.length === 0) return undefined;
      const tree = options.scope === 'tree';
      const now = tree ? treeOn(naive, manager, asOf) : direct;
      const atStart = tree ? treeOn(naive, manager, naive.start) : directAtStart;
      const metrics = measure(naive, manager, now, atStart);
      metrics.teamEnps = enps.get(manager) ?? { people: 0, value: null };
      return { managerId: manager, people: now.length, metrics };
    })
    .filter((card) => card !== undefined);
}
