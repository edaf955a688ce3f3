import type { Concern, Idea, Occasion, OneOnOne } from '../../schemas/feedback.js';
import type { CareerEvent, Leave } from '../../schemas/organisation.js';
import { CONCERN_TOPICS, IDEA_TITLES, NEED_NOTES } from './catalogue.js';
import { type DayNumber, dayInYear, fromDayNumber, instantOf, isWeekend, partsOf } from './days.js';
import { type Draw, logistic } from './draw.js';
import type { RaisedEvent, SimCareerEvent, SimPerson } from './model.js';
import { employedOn } from './surveys.js';

const MINUTES_PER_DAY = 24 * 60;

/** The last day a manager can act on something raised on `from`: their last day, or `asOf`. */
function lastDayOfService(manager: SimPerson, from: DayNumber, asOf: DayNumber): DayNumber {
  for (const spell of manager.spells) {
    if (spell.hire <= from && (spell.end === undefined || from <= spell.end)) {
      return Math.min(spell.end ?? asOf, asOf);
    }
  }
  return from;
}

function instantFromMinutes(minutes: number): string {
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  return instantOf(day, minutes - day * MINUTES_PER_DAY);
}

/**
 * Moves a moment (in minutes since the epoch) forward to working hours: 08:00-18:00 UTC on a
 * weekday, so that nobody answers an idea at 03:00 or on a Sunday. @internal
 */
function workingTime(draw: Draw, minutes: number): number {
  let day = Math.floor(minutes / MINUTES_PER_DAY);
  let time = minutes - day * MINUTES_PER_DAY;
  if (time < 8 * 60) time = 8 * 60 + draw.int(0, 60);
  else if (time > 18 * 60) {
    day += 1;
    time = 8 * 60 + draw.int(0, 60);
  }
  while (isWeekend(day)) day += 1;
  return day * MINUTES_PER_DAY + time;
}

type Step<S extends string> = { status: S; at: string };

/**
 * A status history that moves forward in time and stops (still open) when the next step would fall
 * after `asOf` or after the manager's last day. @internal
 */
function history<S extends string>(
  draw: Draw,
  raisedAt: number,
  limit: number,
  steps: readonly { status: S; happens: boolean; afterMinutes: number }[],
): Step<S | 'raised'>[] {
  const result: Step<S | 'raised'>[] = [{ status: 'raised', at: instantFromMinutes(raisedAt) }];
  let at = raisedAt;
  for (const step of steps) {
    if (!step.happens) continue;
    at = workingTime(draw, at + Math.max(1, Math.round(step.afterMinutes)));
    if (at > limit) break;
    result.push({ status: step.status, at: instantFromMinutes(at) });
  }
  return result;
}

/** Ideas with status histories driven by the manager's responsiveness. @internal */
export function generateIdeas(
  draw: Draw,
  events: readonly RaisedEvent[],
  people: ReadonlyMap<string, SimPerson>,
  asOf: DayNumber,
): Idea[] {
  return events.map((event, index) => {
    const manager = people.get(event.managerId)!;
    const r = manager.service.responsiveness;
    const raisedAt = event.day * MINUTES_PER_DAY + draw.int(8 * 60, 18 * 60);
    const limit = (lastDayOfService(manager, event.day, asOf) + 1) * MINUTES_PER_DAY - 1;
    const acknowledged = draw.chance(logistic(1.6 + 1.5 * r));
    const decided = acknowledged && draw.chance(logistic(0.9 + r));
    const statusHistory = history(draw, raisedAt, limit, [
      {
        status: 'acknowledged',
        happens: acknowledged,
        afterMinutes: 60 * draw.exponential(20 * Math.exp(-0.8 * r)),
      },
      {
        status: 'in-progress',
        happens: acknowledged && draw.chance(0.5),
        afterMinutes: MINUTES_PER_DAY * draw.exponential(6),
      },
      {
        status: draw.chance(0.45 + 0.1 * r) ? 'adopted' : 'declined',
        happens: decided,
        afterMinutes: MINUTES_PER_DAY * draw.exponential(18 * Math.exp(-0.4 * r)),
      },
    ] as const);
    return {
      id: `I${String(index + 1).padStart(4, '0')}`,
      employeeId: event.personId,
      managerId: event.managerId,
      title: draw.pick(IDEA_TITLES),
      statusHistory,
    };
  });
}

/** Concerns with status histories and, on some resolved ones, a resolution rating. @internal */
export function generateConcerns(
  draw: Draw,
  events: readonly RaisedEvent[],
  people: ReadonlyMap<string, SimPerson>,
  asOf: DayNumber,
): Concern[] {
  return events.map((event, index) => {
    const manager = people.get(event.managerId)!;
    const r = manager.service.responsiveness;
    const raisedAt = event.day * MINUTES_PER_DAY + draw.int(8 * 60, 18 * 60);
    const limit = (lastDayOfService(manager, event.day, asOf) + 1) * MINUTES_PER_DAY - 1;
    const acknowledged = draw.chance(logistic(2 + 1.5 * r));
    const closed = acknowledged && draw.chance(logistic(1.2 + r));
    const statusHistory = history(draw, raisedAt, limit, [
      {
        status: 'acknowledged',
        happens: acknowledged,
        afterMinutes: 60 * draw.exponential(16 * Math.exp(-0.8 * r)),
      },
      {
        status: 'in-progress',
        happens: acknowledged && draw.chance(0.7),
        afterMinutes: MINUTES_PER_DAY * draw.exponential(4),
      },
      {
        status: draw.chance(0.82) ? 'resolved' : 'declined',
        happens: closed,
        afterMinutes: MINUTES_PER_DAY * draw.exponential(14 * Math.exp(-0.5 * r)),
      },
    ] as const);
    const concern: Concern = {
      id: `C${String(index + 1).padStart(4, '0')}`,
      employeeId: event.personId,
      managerId: event.managerId,
      topic: draw.pick(CONCERN_TOPICS),
      statusHistory,
    };
    if (statusHistory.at(-1)!.status === 'resolved' && draw.chance(0.7)) {
      concern.resolutionRating = Math.max(
        1,
        Math.min(5, Math.round(3.4 + 0.9 * r + draw.normal(0, 0.9))),
      );
    }
    return concern;
  });
}

/** One-to-ones on or after `from`, with summaries and needs. @internal */
export function generateOneOnOnes(
  draw: Draw,
  events: readonly RaisedEvent[],
  people: ReadonlyMap<string, SimPerson>,
  from: DayNumber,
  asOf: DayNumber,
): OneOnOne[] {
  const meetings: OneOnOne[] = [];
  for (const event of events) {
    if (event.day < from) continue;
    const manager = people.get(event.managerId)!;
    const summaryWritten = draw.chance(logistic(0.3 + 1.6 * manager.service.summaries));
    const summaryConfirmed = summaryWritten && draw.chance(0.65);
    const needs: OneOnOne['needs'] = [];
    if (draw.chance(0.2)) {
      const kind = draw.weighted({
        development: 35,
        workload: 25,
        tools: 15,
        wellbeing: 15,
        other: 10,
      });
      const r = manager.service.responsiveness;
      const addressedOn = event.day + Math.round(draw.exponential(12 * Math.exp(-0.6 * r)));
      const addressed =
        draw.chance(logistic(0.6 + 1.5 * r)) &&
        addressedOn <= asOf &&
        employedOn(manager, addressedOn);
      needs.push({
        kind,
        note: NEED_NOTES[kind],
        ...(addressed ? { addressedOn: fromDayNumber(addressedOn) } : {}),
      });
    }
    meetings.push({
      id: `O${String(meetings.length + 1).padStart(5, '0')}`,
      employeeId: event.personId,
      managerId: event.managerId,
      date: fromDayNumber(event.day),
      summaryWritten,
      summaryConfirmed,
      needs,
    });
  }
  return meetings;
}

/** The manager of a person on a day, from their assignment history. @internal */
export function managerOn(person: SimPerson, day: DayNumber): string | undefined {
  for (const assignment of person.assignments) {
    if (assignment.from <= day && (assignment.to === undefined || day <= assignment.to)) {
      return assignment.managerId;
    }
  }
  return undefined;
}

/**
 * Birthdays of people who opted in and work anniversaries from the year before `asOf` to 30 days
 * after it, acknowledged (by the manager of the day) more often by attentive managers. @internal
 */
export function generateOccasions(
  draw: Draw,
  people: readonly SimPerson[],
  byId: ReadonlyMap<string, SimPerson>,
  asOf: DayNumber,
): Occasion[] {
  const from = asOf - 364;
  const to = asOf + 30;
  const occasions: Occasion[] = [];
  const { year } = partsOf(asOf);
  for (const person of people) {
    const candidates: { kind: 'birthday' | 'work-anniversary'; day: DayNumber }[] = [];
    for (const y of [year - 1, year, year + 1]) {
      if (person.shareBirthday) {
        const birth = partsOf(person.birth);
        candidates.push({ kind: 'birthday', day: dayInYear(y, birth.month, birth.date) });
      }
      const spell = person.spells.at(-1)!;
      const hire = partsOf(spell.hire);
      if (y > hire.year)
        candidates.push({ kind: 'work-anniversary', day: dayInYear(y, hire.month, hire.date) });
    }
    candidates.sort((a, b) => a.day - b.day);
    for (const candidate of candidates) {
      if (candidate.day < from || candidate.day > to) continue;
      const current = person.spells.at(-1)!;
      if (candidate.day < current.hire) continue;
      if (candidate.day <= asOf && !employedOn(person, candidate.day)) continue;
      if (candidate.day > asOf && !employedOn(person, asOf)) continue;
      const occasion: Occasion = {
        employeeId: person.id,
        kind: candidate.kind,
        date: fromDayNumber(candidate.day),
        acknowledged: false,
      };
      if (candidate.day <= asOf) {
        const managerId = managerOn(person, candidate.day);
        const manager = managerId === undefined ? undefined : byId.get(managerId);
        const habit = manager === undefined ? 0 : manager.service.occasions;
        if (draw.chance(logistic(0.6 + 1.7 * habit))) {
          const late = draw.chance(0.8) ? 0 : draw.int(1, 4);
          occasion.acknowledged = true;
          occasion.acknowledgedOn = fromDayNumber(Math.min(asOf, candidate.day + late));
        }
      }
      occasions.push(occasion);
    }
  }
  return occasions;
}

/**
 * Parental, sick, sabbatical and a few unpaid leaves inside employment spells, never overlapping
 * for one person; a leave still running at `asOf` has no end date. @internal
 */
export function generateLeaves(draw: Draw, people: readonly SimPerson[], asOf: DayNumber): Leave[] {
  const leaves: Leave[] = [];
  for (const person of people) {
    if (person.workerType === 'contractor' || person.workerType === 'agency') continue;
    let free = -Infinity;
    for (const spell of person.spells) {
      const end = spell.end ?? asOf;
      for (let day = Math.max(spell.hire + 60, asOf - 4 * 365); day <= end; day += 30) {
        if (day < free) continue;
        const age = (day - person.birth) / 365.25;
        const tenure = (day - spell.hire) / 365.25;
        const rates = {
          parental: age >= 24 && age <= 44 ? 0.035 : 0,
          sick: 0.06,
          sabbatical: tenure >= 5 ? 0.01 : 0,
          unpaid: 0.006,
        };
        const total = rates.parental + rates.sick + rates.sabbatical + rates.unpaid;
        if (!draw.chance(total / 12)) continue;
        const kind = draw.weighted(rates);
        const length = {
          parental: draw.int(60, 330),
          sick: draw.int(5, 50),
          sabbatical: draw.int(30, 90),
          unpaid: draw.int(10, 60),
        }[kind];
        const start = day + draw.int(0, 29);
        if (start > end) break;
        const last = start + length - 1;
        if (spell.end !== undefined && last > spell.end) continue;
        leaves.push({
          employeeId: person.id,
          kind,
          startDate: fromDayNumber(start),
          ...(last <= asOf ? { endDate: fromDayNumber(last) } : {}),
        });
        free = last + 30;
      }
    }
  }
  return leaves;
}

/** Career events as records, in date order. @internal */
export function careerEventRecords(events: readonly SimCareerEvent[]): CareerEvent[] {
  return [...events]
    .sort((a, b) => a.day - b.day)
    .map((event) => ({
      employeeId: event.personId,
      kind: event.kind,
      date: fromDayNumber(event.day),
      changePercent: event.changePercent,
    }));
}
