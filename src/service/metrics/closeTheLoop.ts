/** Metrics of the practice "close the loop": following up survey answers. @internal */

import type { CalendarDay } from '../../core/calendarDay.js';
import { dayFromEpoch, epochDay, utcDayOf } from '../../internal/epochDay.js';
import { managerOn, NONE } from '../../internal/organisationIndex.js';
import { classifyEnps } from '../../satisfaction/classifyEnps.js';
import type { Dataset } from '../../schemas/dataset.js';
import { defineMetric } from './metric.js';
import type { ManagerSlice, Organisation } from './slice.js';

interface Detractor {
  readonly id: string;
  readonly answered: CalendarDay;
  readonly surveyId: string;
}

/**
 * Detractors of identified surveys opened in the period, credited to their manager on the day
 * the survey opened (and in tree scope to every manager above).
 */
function detractorsOf(o: Organisation): ReadonlyMap<string, readonly Detractor[]> {
  const { dataset, history, ids } = o;
  const managerIdOn = (id: string, day: CalendarDay): string | undefined => {
    const manager = managerOn(history, o.personOf(id), epochDay(day));
    return manager === NONE ? undefined : ids[manager];
  };
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const identified = new Map(
    dataset.surveys
      .filter((s) => s.confidentiality === 'identified' && o.inPeriod(s.opensOn))
      .map((s) => [s.id, s]),
  );
  const byManager = new Map<string, Detractor[]>();
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
      const list = byManager.get(manager);
      if (list === undefined) byManager.set(manager, [detractor]);
      else list.push(detractor);
      if (o.scope === 'direct') break;
    }
  }
  return byManager;
}

/** Follow-ups by manager id. */
function followUpsByManager(o: Organisation): ReadonlyMap<string, Dataset['followUps']> {
  const map = new Map<string, Dataset['followUps'][number][]>();
  for (const followUp of o.dataset.followUps) {
    const list = map.get(followUp.managerId);
    if (list === undefined) map.set(followUp.managerId, [followUp]);
    else list.push(followUp);
  }
  return map;
}

/** Surveys opened in the period, with the last day to answer a team's results. */
function surveysInPeriod(o: Organisation) {
  return o.dataset.surveys
    .filter((s) => o.inPeriod(s.opensOn))
    .map((s) => ({
      survey: s,
      teamDeadline: dayFromEpoch(
        epochDay(s.closesOn ?? s.opensOn) + o.windows.teamFollowUp,
      ) as CalendarDay,
    }));
}

/** The follow-ups of the slice's managers. */
function followUpsOf(slice: ManagerSlice): Dataset['followUps'] {
  const { ids } = slice.organisation;
  const byManager = slice.organisation.shared(followUpsByManager);
  const out: Dataset['followUps'][number][] = [];
  for (const g of slice.scopeManagers) for (const f of byManager.get(ids[g]!) ?? []) out.push(f);
  return out;
}

/**
 * The days of the slice's personal follow-ups, by survey and person (`surveyId`, a NUL, the
 * employee id): one pass, so that checking each detractor is a lookup, not a scan of every
 * follow-up (in tree scope a top manager's detractors and follow-ups are the whole
 * organisation's).
 */
function personalFollowUps(slice: ManagerSlice): ReadonlyMap<string, readonly number[]> {
  const days = new Map<string, number[]>();
  for (const f of slice.derived(followUpsOf)) {
    if (f.audience !== 'person' || f.employeeId === undefined) continue;
    const key = `${f.surveyId}\u0000${f.employeeId}`;
    const list = days.get(key);
    if (list === undefined) days.set(key, [epochDay(f.date)]);
    else list.push(epochDay(f.date));
  }
  return days;
}

export const closeTheLoop = [
  defineMetric({
    id: 'detractorFollowUp',
    practice: 'close the loop',
    label: 'detractors followed up',
    definition:
      'Identified surveys only: share of the detractors among the people reporting when the survey opened who got a personal follow-up from the manager within followUpDays (default 2) days of answering.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: "Bain's inner loop: call detractors back within 48 hours",
    compute(slice) {
      const { windows } = slice.organisation;
      const detractors = slice.organisation.shared(detractorsOf).get(slice.managerId) ?? [];
      if (detractors.length === 0) return { people: 0, value: null };
      const followUps = slice.derived(personalFollowUps);
      const calledBack = detractors.filter((detractor) => {
        const answered = epochDay(detractor.answered);
        const days = followUps.get(`${detractor.surveyId}\u0000${detractor.id}`) ?? [];
        return days.some((day) => day >= answered && day - answered <= windows.followUp);
      });
      return {
        people: new Set(detractors.map((detractor) => detractor.id)).size,
        value: calledBack.length / detractors.length,
      };
    },
  }),
  defineMetric({
    id: 'teamFollowUp',
    practice: 'close the loop',
    label: 'team follow-up',
    definition:
      'Confidential and anonymous surveys: share of the surveys in the period whose results the manager answered with a follow-up to the team within teamFollowUpDays (default 14) of closing, never naming anyone.',
    unit: 'share',
    higherIsBetter: true,
    target: 1,
    source: 'practice: share results and actions with the team within two weeks',
    compute(slice) {
      const { asOf } = slice.organisation;
      const groupSurveys = slice.organisation
        .shared(surveysInPeriod)
        .filter((s) => s.survey.confidentiality !== 'identified' && s.teamDeadline <= asOf);
      if (groupSurveys.length === 0) return { people: 0, value: null };
      const followUps = slice.derived(followUpsOf);
      const answered = groupSurveys.filter((s) =>
        followUps.some(
          (f) =>
            f.managerId === slice.managerId &&
            f.audience === 'team' &&
            f.surveyId === s.survey.id &&
            f.date <= s.teamDeadline,
        ),
      );
      return {
        people: slice.now.length,
        value: answered.length / groupSurveys.length,
        detail: { surveys: groupSurveys.length, answered: answered.length },
      };
    },
  }),
] as const;
