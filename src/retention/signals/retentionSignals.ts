import { addCalendarDays, calendarDaysBetween, toCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import { checkOptions, type OptionKeys } from '../../internal/checkOptions.js';
import type { Dataset } from '../../schemas/dataset.js';
import { retentionPeople } from '../retentionPeople.js';
import { type TenureBand, tenureHazard } from './tenureHazard.js';

/** The signals a manager can act on. */
export type SignalId =
  | 'detractor'
  | 'enpsDrop'
  | 'intentToStayNegative'
  | 'highHazardTenure'
  | 'oneOnOneOverdue'
  | 'oldOpenConcern'
  | 'unansweredIdea'
  | 'noRecentPromotionOrRaise'
  | 'managerChanged';

/** One signal: whether it is present, unknown (`null`: no data, or not allowed), and why. */
export interface RetentionSignal {
  readonly id: SignalId;
  readonly present: boolean | null;
  /** What it is based on, in words a manager understands. */
  readonly reason: string;
}

/** Options of {@link retentionSignals}. */
export interface RetentionSignalsOptions {
  readonly asOf: string;
  /** The organisation's tenure life table; computed from the dataset when absent. */
  readonly bands?: readonly TenureBand[];
  /** A one-to-one is overdue after this many days without a preferred cadence. Default 30. */
  readonly overdueDays?: number;
  /** A concern or idea counts as old after this many days. Default 30. */
  readonly oldDays?: number;
  /** Only identified surveys that opened within this many days before asOf count. Default 365. */
  readonly surveyWindowDays?: number;
}

/** The options retentionSignals knows (an unknown one is an error). */
const RETENTION_SIGNALS_OPTIONS = {
  asOf: true,
  bands: true,
  overdueDays: true,
  oldDays: true,
  surveyWindowDays: true,
} satisfies OptionKeys<RetentionSignalsOptions>;

const MONTH = 30.436875;

/**
 * The factors that listening tools and research tie to leaving, derived from the library's own
 * records for one employee on `asOf`:
 *
 * - `detractor`, `enpsDrop`, `intentToStayNegative`: from the latest `identified` surveys only
 *   (DESIGN.md, confidentiality) opened in the `surveyWindowDays` (365) before asOf: the latest
 *   eNPS answer is 0-6; it fell by 2 or more points since the previous identified survey; the answer to a question tagged `intent-to-stay` was "no" (or
 *   unfavourable on a Likert scale). For people whose answers are confidential or anonymous these
 *   are `null`: the library never uses them for a person.
 * - `highHazardTenure`: their tenure lies in the band with the highest hazard of the organisation's
 *   own life table of leavers ({@link tenureHazard}: 0-3, 3-6, 6-12, 12-24, 24+ months).
 * - `oneOnOneOverdue`: days since the last one-to-one exceed their preferred cadence (or
 *   `overdueDays`, default 30).
 * - `oldOpenConcern`, `unansweredIdea`: a concern open, or an idea without any response, for more
 *   than `oldDays` (default 30).
 * - `noRecentPromotionOrRaise`: no promotion or pay change recorded in 24 months (`null` when the
 *   dataset records none at all).
 * - `managerChanged`: their manager changed in the last 180 days.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when the person is not employed on asOf.
 *
 * @example
 * const dataset = validateDataset({
 *   employees: [{ id: 'a', name: 'Ada' }, { id: 'm', name: 'Mo' }],
 *   spells: [{ employeeId: 'a', hireDate: '2025-01-06' }, { employeeId: 'm', hireDate: '2020-01-01' }],
 *   assignments: [{ employeeId: 'a', managerId: 'm', teamId: 't', validFrom: '2025-01-06' }],
 *   teams: [{ id: 't', name: 'T' }],
 * }).dataset;
 * const signals = retentionSignals('a', dataset, { asOf: '2025-06-30' });
 * signals.find((s) => s.id === 'oneOnOneOverdue').present // => true
 * signals.find((s) => s.id === 'detractor').present // => null
 */
export function retentionSignals(
  employeeId: string,
  dataset: Dataset,
  options: RetentionSignalsOptions,
): RetentionSignal[] {
  checkOptions(options, RETENTION_SIGNALS_OPTIONS, 'retentionSignals');
  const asOf = toCalendarDay(options.asOf);
  const overdueDays = options.overdueDays ?? 30;
  const oldDays = options.oldDays ?? 30;
  const spell = dataset.spells.find(
    (s) =>
      s.employeeId === employeeId &&
      s.hireDate <= asOf &&
      (s.terminationDate === undefined || asOf <= s.terminationDate),
  );
  if (spell === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `retentionSignals: "${employeeId}" is not employed on ${asOf}`,
    );
  }
  return [
    ...surveySignals(employeeId, dataset, asOf, options.surveyWindowDays ?? 365),
    tenureSignal(dataset, spell.hireDate, asOf, options.bands),
    ...serviceSignals(employeeId, dataset, spell.hireDate, asOf, { overdueDays, oldDays }),
    ...careerSignals(employeeId, dataset, spell.hireDate, asOf),
  ];
}

/** Signals from the person's own answers to identified surveys in the window. @internal */
function surveySignals(
  employeeId: string,
  dataset: Dataset,
  asOf: string,
  windowDays: number,
): RetentionSignal[] {
  const signals: RetentionSignal[] = [];
  // Survey answers: identified surveys only.
  const windowStart = addCalendarDays(asOf, -windowDays);
  const identified = dataset.surveys
    .filter(
      (s) => s.confidentiality === 'identified' && s.opensOn <= asOf && s.opensOn >= windowStart,
    )
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1));
  const enpsScores: { survey: string; score: number }[] = [];
  let intent: boolean | null = null;
  let intentSurvey = '';
  for (const survey of identified) {
    const response = dataset.responses.find(
      (r) => r.surveyId === survey.id && r.respondentId === employeeId,
    );
    if (response === undefined) continue;
    for (const question of dataset.questions.filter((q) => q.surveyId === survey.id)) {
      const value = response.answers[question.id];
      if (value === null || value === undefined) continue;
      if (question.kind === 'enps' && typeof value === 'number')
        enpsScores.push({ survey: survey.name, score: value });
      if (intent === null && question.tags.includes('intent-to-stay')) {
        if (question.kind === 'yesNo' && typeof value === 'boolean') intent = !value;
        if (question.kind === 'likert' && typeof value === 'number')
          intent = value <= Math.floor(question.points / 2);
        if (intent !== null) intentSurvey = survey.name;
      }
    }
  }
  const joinable = identified.length > 0;
  const latest = enpsScores[0];
  signals.push({
    id: 'detractor',
    present: latest === undefined ? null : latest.score <= 6,
    reason:
      latest === undefined
        ? joinable
          ? 'no eNPS answer in an identified survey'
          : 'no identified survey: answers are not used for a person'
        : `answered ${latest.score} of 10 in "${latest.survey}"`,
  });
  const previous = enpsScores[1];
  signals.push({
    id: 'enpsDrop',
    present:
      latest === undefined || previous === undefined ? null : previous.score - latest.score >= 2,
    reason:
      latest === undefined || previous === undefined
        ? 'fewer than two identified eNPS answers'
        : `from ${previous.score} to ${latest.score}`,
  });
  signals.push({
    id: 'intentToStayNegative',
    present: intent,
    reason:
      intent === null
        ? 'no identified answer to an intent-to-stay question'
        : `${intent ? 'does not expect' : 'expects'} to stay (in "${intentSurvey}")`,
  });

  return signals;
}

/** Whether the person's tenure is in the band where most people leave. @internal */
function tenureSignal(
  dataset: Dataset,
  hireDate: string,
  asOf: string,
  given: RetentionSignalsOptions['bands'],
): RetentionSignal {
  const bands = given ?? tenureHazard(retentionPeople(dataset), { asOf }).bands;
  const months = (calendarDaysBetween(hireDate, asOf) + 1) / MONTH;
  const band = bands.find((b) => months >= b.from && (b.to === null || months < b.to));
  const highest = Math.max(...bands.map((b) => b.hazard));
  return {
    id: 'highHazardTenure',
    present: band === undefined || highest === 0 ? null : band.hazard === highest,
    reason:
      band === undefined
        ? 'no life table'
        : `${months.toFixed(1)} months of tenure; ${band.from}-${band.to ?? ''} months is ${band.hazard === highest ? 'the' : 'not the'} band where most people leave`,
  };
}

/** Signals of listening and service: one-to-ones, concerns and ideas. @internal */
function serviceSignals(
  employeeId: string,
  dataset: Dataset,
  hireDate: string,
  asOf: string,
  { overdueDays, oldDays }: { readonly overdueDays: number; readonly oldDays: number },
): RetentionSignal[] {
  const signals: RetentionSignal[] = [];
  const meetings = dataset.oneOnOnes
    .filter((m) => m.employeeId === employeeId && m.date <= asOf)
    .map((m) => m.date)
    .sort();
  const cadence =
    dataset.employees.find((e) => e.id === employeeId)?.preferredOneOnOneDays ?? overdueDays;
  const last = meetings.at(-1);
  const since = calendarDaysBetween(last ?? hireDate, asOf);
  signals.push({
    id: 'oneOnOneOverdue',
    present: since > cadence,
    reason:
      last === undefined
        ? `no one-to-one since joining ${since} days ago`
        : `${since} days since the last one-to-one (cadence ${cadence} days)`,
  });
  const ageOf = (at: string) => calendarDaysBetween(toCalendarDay(at), asOf);
  const openConcerns = dataset.concerns.filter(
    (c) =>
      c.employeeId === employeeId &&
      !c.statusHistory.some((e) => e.status === 'resolved' || e.status === 'declined') &&
      ageOf(c.statusHistory[0]!.at) > oldDays,
  );
  signals.push({
    id: 'oldOpenConcern',
    present: openConcerns.length > 0,
    reason:
      openConcerns.length === 0
        ? `no concern open for more than ${oldDays} days`
        : `${openConcerns.length} concern(s) open for more than ${oldDays} days`,
  });
  const unanswered = dataset.ideas.filter(
    (i) =>
      i.employeeId === employeeId &&
      i.statusHistory.length === 1 &&
      ageOf(i.statusHistory[0]!.at) > oldDays,
  );
  signals.push({
    id: 'unansweredIdea',
    present: unanswered.length > 0,
    reason:
      unanswered.length === 0
        ? `no idea waiting more than ${oldDays} days`
        : `${unanswered.length} idea(s) without a response for more than ${oldDays} days`,
  });
  return signals;
}

/** Signals of career: promotions or pay changes, and a new manager. @internal */
function careerSignals(
  employeeId: string,
  dataset: Dataset,
  hireDate: string,
  asOf: string,
): RetentionSignal[] {
  const signals: RetentionSignal[] = [];
  const events = dataset.careerEvents
    .filter((e) => e.employeeId === employeeId && e.date <= asOf)
    .map((e) => e.date)
    .sort();
  const cutoff = addCalendarDays(asOf, -730);
  signals.push({
    id: 'noRecentPromotionOrRaise',
    present: dataset.careerEvents.length === 0 ? null : (events.at(-1) ?? hireDate) < cutoff,
    reason:
      dataset.careerEvents.length === 0
        ? 'no promotions or pay changes are recorded'
        : events.length === 0
          ? 'none recorded'
          : `last on ${events.at(-1)}`,
  });
  const lines = dataset.assignments
    .filter((a) => a.employeeId === employeeId && a.validFrom <= asOf)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const current = lines.at(-1);
  const before = [...lines].reverse().find((a) => a.managerId !== current?.managerId);
  const changed =
    current !== undefined &&
    before !== undefined &&
    current.validFrom > addCalendarDays(asOf, -180);
  signals.push({
    id: 'managerChanged',
    present: current === undefined ? null : changed,
    reason:
      current === undefined
        ? 'no reporting line recorded'
        : changed
          ? `new manager since ${current.validFrom}`
          : 'same manager for 180 days or more',
  });
  return signals;
}
