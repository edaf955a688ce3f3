import type { FollowUp } from '../../schemas/feedback.js';
import type {
  AnswerValue,
  Confidentiality,
  Question,
  Survey,
  SurveyInvitation,
  SurveyResponse,
} from '../../schemas/survey.js';
import { ITEMS, OPEN_ANSWERS } from './catalogue.js';
import { type DayNumber, dayInYear, fromDayNumber, instantOf, partsOf } from './days.js';
import { type Draw, logistic } from './draw.js';
import type { SimPerson, SurveySnapshot } from './model.js';

/** A survey of the sample organisation before it becomes records. @internal */
export interface SurveyPlan {
  readonly id: string;
  readonly name: string;
  readonly confidentiality: Confidentiality;
  readonly opens: DayNumber;
  readonly closes: DayNumber;
  readonly annual: boolean;
  readonly itemIds: readonly string[];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The mode of each quarter's survey: October's annual survey and July's pulse are confidential. */
const MODE_BY_MONTH: Readonly<Record<number, Confidentiality>> = {
  1: 'anonymous',
  4: 'identified',
  7: 'confidential',
  10: 'confidential',
};

/**
 * Plans 16 quarterly surveys ending before `asOf`: they open on the 10th of January, April, July
 * and October and stay open for two weeks. October's is the longer annual survey. @internal
 */
export function planSurveys(asOf: DayNumber, count: number): SurveyPlan[] {
  const { year, month } = partsOf(asOf);
  // The latest survey month of the quarterly cycle whose two-week window closes by asOf.
  let y = year;
  let m = month - ((month - 1) % 3);
  while (dayInYear(y, m, 10) + 13 > asOf) {
    m -= 3;
    if (m < 1) {
      m += 12;
      y -= 1;
    }
  }
  const plans: SurveyPlan[] = [];
  for (let index = 0; index < count; index++) {
    const opens = dayInYear(y, m, 10);
    const annual = m === 10;
    const pulseItems = ITEMS.filter((item) => item.pulse).map((item) => item.id);
    plans.unshift({
      id: `S${y}-${String(m).padStart(2, '0')}`,
      name: `${annual ? 'Annual engagement survey' : 'Quarterly pulse'} ${MONTH_NAMES[m - 1]} ${y}`,
      confidentiality: MODE_BY_MONTH[m]!,
      opens,
      closes: opens + 13,
      annual,
      itemIds: annual ? ITEMS.map((item) => item.id) : pulseItems,
    });
    m -= 3;
    if (m < 1) {
      m += 12;
      y -= 1;
    }
  }
  return plans;
}

/** What the survey generator needs besides the plans. @internal */
export interface SurveyContext {
  readonly draw: Draw;
  readonly asOf: DayNumber;
  readonly plans: readonly SurveyPlan[];
  readonly snapshots: ReadonlyMap<DayNumber, SurveySnapshot>;
  readonly people: ReadonlyMap<string, SimPerson>;
  /** Whether a person is on leave on a day. */
  readonly onLeave: (personId: string, day: DayNumber) => boolean;
}

/** Survey records of the sample organisation. @internal */
export interface SurveyRecords {
  readonly surveys: Survey[];
  readonly questions: Question[];
  readonly invitations: SurveyInvitation[];
  readonly responses: SurveyResponse[];
  readonly followUps: FollowUp[];
}

const THRESHOLDS = [-1.75, -0.95, -0.15, 0.95];

/**
 * Invitations, responses and follow-ups for every planned survey. Each answer comes from the
 * respondent's engagement on the day (lower in the months before a voluntary leaving) plus a
 * factor-specific part and noise, so that items correlate with each other and with eNPS as real
 * survey items do. @internal
 */
export function generateSurveys(context: SurveyContext): SurveyRecords {
  const { draw, plans } = context;
  const records: SurveyRecords = {
    surveys: [],
    questions: [],
    invitations: [],
    responses: [],
    followUps: [],
  };
  for (const plan of plans) {
    records.surveys.push({
      id: plan.id,
      name: plan.name,
      confidentiality: plan.confidentiality,
      opensOn: fromDayNumber(plan.opens),
      closesOn: fromDayNumber(plan.closes),
    });
    const items = ITEMS.filter((item) => plan.itemIds.includes(item.id));
    records.questions.push(...questionsOf(plan.id, items));

    const snapshot = context.snapshots.get(plan.opens)!;
    const shock = draw.normal(0, 0.15);
    const drafts: ResponseDraft[] = [];
    for (const entry of snapshot.people) {
      records.invitations.push({
        surveyId: plan.id,
        employeeId: entry.personId,
        invitedOn: fromDayNumber(plan.opens),
      });
      const draft = respond(context, plan, items, entry, shock);
      if (draft !== undefined) drafts.push(draft);
    }
    // Ordered by submission time, so that the order of rows reveals nobody.
    drafts.sort((a, b) =>
      a.response.submittedAt < b.response.submittedAt
        ? -1
        : a.response.submittedAt > b.response.submittedAt
          ? 1
          : 0,
    );
    drafts.forEach((draft, index) => {
      records.responses.push({
        id: `${plan.id}-R${String(index + 1).padStart(4, '0')}`,
        ...draft.response,
      });
    });
    records.followUps.push(...followUpsOf(context, plan, snapshot.teamManagers, drafts));
  }
  // Numbered in date order (the sort is stable, so ties keep the order they were made in).
  records.followUps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  records.followUps.forEach((followUp, index) => {
    followUp.id = `F${String(index + 1).padStart(5, '0')}`;
  });
  return records;
}

type SnapshotEntry = SurveySnapshot['people'][number];
type Item = (typeof ITEMS)[number];

interface ResponseDraft {
  readonly response: Omit<SurveyResponse, 'id'>;
  readonly managerId: string | undefined;
  readonly personId: string;
  readonly enps: AnswerValue;
}

/** The eNPS question, the plan's Likert items and the open question of one survey. @internal */
function questionsOf(surveyId: string, items: readonly Item[]): Question[] {
  return [
    {
      id: 'enps',
      surveyId,
      kind: 'enps',
      text: 'How likely are you to recommend working here to a friend?',
      tags: [],
    },
    ...items.map(
      (item): Question => ({
        id: item.id,
        surveyId,
        kind: 'likert',
        points: 5,
        text: item.text,
        factor: item.factor,
        tags: [...item.tags],
      }),
    ),
    {
      id: 'open',
      surveyId,
      kind: 'text',
      text: 'What one thing would make work better for you?',
      tags: [],
    },
  ];
}

/** Whether an invited person answers and, if so, their response. @internal */
function respond(
  context: SurveyContext,
  plan: SurveyPlan,
  items: readonly Item[],
  entry: SnapshotEntry,
  shock: number,
): ResponseDraft | undefined {
  const { draw, people, asOf } = context;
  const person = people.get(entry.personId)!;
  const leaving = leavingAfter(person, plan.opens);
  const dip =
    leaving !== undefined && leaving.kind === 'voluntary' && leaving.days <= 180
      ? 0.9 * (1 - leaving.days / 180) + 0.3
      : 0;
  const engagement = entry.engagement - dip;
  const respondLogit =
    1.35 + 0.4 * engagement + shock + (plan.confidentiality === 'identified' ? -0.25 : 0);
  const responds = context.onLeave(person.id, plan.opens)
    ? draw.chance(0.15)
    : draw.chance(logistic(respondLogit));
  if (!responds) return undefined;
  let day = plan.opens + Math.min(13, Math.floor(draw.exponential(3)));
  if (leaving !== undefined) day = Math.min(day, plan.opens + leaving.days);
  if (day > asOf) day = asOf;
  const manager = entry.managerId === undefined ? undefined : people.get(entry.managerId);
  const answers: Record<string, AnswerValue> = {};
  const enpsLatent = 0.85 * engagement + 0.5 * draw.normal();
  const enps = draw.chance(0.01)
    ? null
    : Math.max(0, Math.min(10, Math.round(7.8 + 1.8 * enpsLatent)));
  answers.enps = enps;
  const factors = new Map<string, number>();
  let lowest: { id: string; value: number } | undefined;
  for (const item of items) {
    let factor = factors.get(item.factor);
    if (factor === undefined) {
      factor =
        item.factor === 'manager-support' && manager !== undefined
          ? 0.6 * manager.skill + 0.8 * draw.normal()
          : draw.normal();
      factors.set(item.factor, factor);
    }
    const noise = Math.sqrt(Math.max(0.1, 1 - item.loading ** 2 - 0.35 ** 2));
    let latent = item.loading * engagement + 0.35 * factor + noise * draw.normal() + item.shift;
    if (item.tags.includes('intent-to-stay') && dip > 0) latent -= 0.8;
    const value = 1 + THRESHOLDS.filter((threshold) => latent > threshold).length;
    if (draw.chance(0.03)) {
      answers[item.id] = null;
      continue;
    }
    answers[item.id] = value;
    if (lowest === undefined || value < lowest.value) lowest = { id: item.id, value };
  }
  const tone = engagement + draw.normal(0, 0.5);
  const bank =
    tone > 0.6 ? OPEN_ANSWERS.positive : tone < -0.4 ? OPEN_ANSWERS.negative : OPEN_ANSWERS.neutral;
  answers.open = draw.chance(0.3) ? draw.pick(bank) : null;
  const comments: { questionId?: string; text: string }[] = [];
  if (lowest !== undefined && lowest.value <= 2 && draw.chance(0.25)) {
    comments.push({ questionId: lowest.id, text: draw.pick(OPEN_ANSWERS.negative) });
  }
  const response: Omit<SurveyResponse, 'id'> = {
    surveyId: plan.id,
    ...(plan.confidentiality === 'anonymous' ? {} : { respondentId: person.id }),
    submittedAt: instantOf(day, draw.int(7 * 60, 19 * 60) + draw.uniform()),
    answers,
    comments,
  };
  return { response, managerId: entry.managerId, personId: person.id, enps };
}

/**
 * Closing the loop: managers talk to their team about the results, and for identified surveys
 * some also talk to the detractors among their reports. Ids are provisional (renumbered in date
 * order at the end). @internal
 */
function followUpsOf(
  context: SurveyContext,
  plan: SurveyPlan,
  teamManagers: ReadonlyMap<string, string>,
  drafts: readonly ResponseDraft[],
): FollowUp[] {
  const { draw, people, asOf } = context;
  const followUps: FollowUp[] = [];
  const id = () => `F${String(followUps.length + 1).padStart(5, '0')}`;
  for (const [teamId, managerId] of teamManagers) {
    const manager = people.get(managerId)!;
    const habit = manager.service.followUps;
    if (draw.chance(logistic(0.9 + 1.6 * habit))) {
      const day = plan.closes + Math.round(draw.between(1, 10 + 20 * logistic(-habit)));
      if (day <= asOf && employedOn(manager, day)) {
        followUps.push({
          id: id(),
          managerId,
          surveyId: plan.id,
          date: fromDayNumber(day),
          audience: 'team',
          teamId,
          regarding: draw.chance(0.2) ? 'comment' : 'results',
        });
      }
    }
  }
  if (plan.confidentiality !== 'identified') return followUps;
  for (const draft of drafts) {
    if (draft.managerId === undefined || draft.enps === null || (draft.enps as number) > 6)
      continue;
    const manager = people.get(draft.managerId)!;
    const person = people.get(draft.personId)!;
    if (!draw.chance(logistic(0.2 + 1.6 * manager.service.followUps))) continue;
    const day = plan.closes + draw.int(1, 21);
    if (day > asOf || !employedOn(manager, day) || !employedOn(person, day)) continue;
    followUps.push({
      id: id(),
      managerId: manager.id,
      surveyId: plan.id,
      date: fromDayNumber(day),
      audience: 'person',
      employeeId: person.id,
      regarding: 'score',
    });
  }
  return followUps;
}

/** Whether the person is employed on the day. @internal */
export function employedOn(person: SimPerson, day: DayNumber): boolean {
  return person.spells.some(
    (spell) =>
      spell.hire <= day &&
      (spell.end === undefined || day <= spell.end) &&
      !(spell.end === undefined && person.lastDay !== undefined && day > person.lastDay),
  );
}

/** Days from `day` to the end of the spell the person is in, with how it ends. @internal */
function leavingAfter(
  person: SimPerson,
  day: DayNumber,
): { days: number; kind: 'voluntary' | 'involuntary' | 'other' } | undefined {
  for (const spell of person.spells) {
    if (spell.hire > day) continue;
    if (spell.end !== undefined) {
      if (day <= spell.end) return { days: spell.end - day, kind: spell.kind! };
      continue;
    }
    // The open spell: a leaving already decided but after asOf still shows in the answers.
    if (person.lastDay !== undefined && person.leaving !== undefined) {
      return { days: person.lastDay - day, kind: person.leaving.kind };
    }
  }
  return undefined;
}
