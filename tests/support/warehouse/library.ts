/**
 * The library's own in-memory results on the generated data (data.ts), grouped as the warehouse
 * builders group: what every builder's SQL, run on any engine and read back, must equal.
 */

import { type HireCohortsOptions, hireCohorts } from '../../../src/retention/hireCohorts.js';
import { kaplanMeier } from '../../../src/retention/kaplanMeier.js';
import type { RetentionPerson } from '../../../src/retention/retentionPeople.js';
import { turnover } from '../../../src/retention/turnover.js';
import { enpsTally } from '../../../src/satisfaction/enpsTally.js';
import { favourabilityCounts } from '../../../src/satisfaction/favourabilityCounts.js';
import {
  type Answers,
  dateText,
  EXIT_KINDS,
  type Invitations,
  respondentId,
  type Spells,
  TEAMS,
} from './data.js';

/** The first day of the UTC month, quarter or year of an instant (seconds). */
export function periodStart(seconds: number, per: 'month' | 'quarter' | 'year'): string {
  const d = new Date(seconds * 1000);
  const month =
    per === 'year' ? 0 : per === 'quarter' ? 3 * Math.floor(d.getUTCMonth() / 3) : d.getUTCMonth();
  return `${d.getUTCFullYear()}-${String(month + 1).padStart(2, '0')}-01`;
}

const byKey = <T extends { key: readonly (string | null)[] }>(list: T[]): T[] =>
  list.sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

function grouped<T>(
  count: number,
  keyOf: (i: number) => (string | null)[] | undefined,
  create: () => T,
  add: (acc: T, i: number) => void,
): { key: (string | null)[]; acc: T }[] {
  const groups = new Map<string, { key: (string | null)[]; acc: T }>();
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === undefined) continue;
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (group === undefined) {
      group = { key, acc: create() };
      groups.set(id, group);
    }
    add(group.acc, i);
  }
  return byKey([...groups.values()]);
}

/** Which answers and how grouped: a period `[start, end)` of UTC days and one survey, or all. */
export interface AnswerFilter {
  readonly per?: 'month' | 'quarter' | 'year';
  readonly period?: { readonly start: string; readonly end: string };
  readonly survey?: number;
}

/** eNPS tallies of the `enps` question per team (and UTC period), as enpsTally counts them. */
export function libraryEnps(answers: Answers, filter: AnswerFilter = { per: 'quarter' }) {
  const from =
    filter.period === undefined ? -Infinity : Date.parse(`${filter.period.start}T00:00:00Z`) / 1000;
  const to =
    filter.period === undefined ? Infinity : Date.parse(`${filter.period.end}T00:00:00Z`) / 1000;
  return grouped(
    answers.count,
    (i) => {
      const at = answers.answeredAt[i]!;
      if (answers.question[i] !== 0 || at < from || at >= to) return undefined;
      if (filter.survey !== undefined && answers.survey[i] !== filter.survey) return undefined;
      const team = TEAMS[answers.team[i]!]!;
      return filter.per === undefined ? [team] : [team, periodStart(at, filter.per)];
    },
    () => ({ scores: [] as number[], skipped: 0 }),
    (acc, i) => {
      const score = answers.score[i]!;
      if (score < 0) acc.skipped++;
      else acc.scores.push(score);
    },
  ).map(({ key, acc }) => ({ key, tally: enpsTally(acc.scores), skipped: acc.skipped }));
}

/** Likert counts of question `q1` (1-5) per team and UTC month, as favourabilityCounts counts. */
export function libraryFavourability(answers: Answers) {
  return grouped(
    answers.count,
    (i) =>
      answers.question[i] === 1
        ? [TEAMS[answers.team[i]!]!, periodStart(answers.answeredAt[i]!, 'month')]
        : undefined,
    () => [] as (number | null)[],
    (acc, i) => {
      const score = answers.score[i]!;
      acc.push(score < 0 ? null : score);
    },
  ).map(({ key, acc }) => ({ key, counts: favourabilityCounts(acc, { points: 5 }) }));
}

/** Invitations and responses of survey `pulse-2` per team and UTC year of the invitation. */
export function libraryResponses(invitations: Invitations) {
  return grouped(
    invitations.count,
    (i) =>
      invitations.survey[i] === 1
        ? [TEAMS[invitations.team[i]!]!, periodStart(invitations.invitedAt[i]!, 'year')]
        : undefined,
    () => ({ invited: 0, responded: 0 }),
    (acc, i) => {
      acc.invited++;
      if (invitations.respondedAt[i]! >= 0) acc.responded++;
    },
  ).map(({ key, acc }) => ({ key, ...acc }));
}

/** The spells as the retention functions take them: one person a spell. */
export function retentionPeople(spells: Spells): { team: string; person: RetentionPerson }[] {
  return Array.from({ length: spells.count }, (_, k) => {
    const left = spells.leftOn[k]!;
    const kind = spells.exitKind[k]!;
    const regretted = spells.regretted[k]!;
    return {
      team: TEAMS[spells.team[k]!]!,
      person: {
        id: String(respondentId(k)),
        spells: [
          {
            hireDate: dateText(spells.hiredOn[k]!),
            ...(left < 0 ? {} : { terminationDate: dateText(left) }),
            ...(kind < 0
              ? {}
              : { separationKind: EXIT_KINDS[kind] === 'retirement' ? 'other' : EXIT_KINDS[kind] }),
            ...(regretted < 0 ? {} : { regretted: regretted === 1 }),
          },
        ],
      } as RetentionPerson,
    };
  });
}

function perTeam(spells: Spells): Map<string, RetentionPerson[]> {
  const teams = new Map<string, RetentionPerson[]>();
  for (const { team, person } of retentionPeople(spells)) {
    const list = teams.get(team) ?? [];
    teams.set(team, list);
    list.push(person);
  }
  return new Map([...teams].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** turnover per team over a period. */
export function libraryTurnover(spells: Spells, period: { start: string; end: string }) {
  return [...perTeam(spells)].map(([team, people]) => ({
    key: [team],
    turnover: turnover(people, period),
  }));
}

/** hireCohorts per team. */
export function libraryHireCohorts(spells: Spells, options: HireCohortsOptions) {
  return [...perTeam(spells)].map(([team, people]) => ({
    key: [team],
    cohorts: hireCohorts(people, options),
  }));
}

/** Kaplan-Meier of tenure (days employed, hire and last day included) with late entry, per team. */
export function librarySurvival(spells: Spells, asOf: string, recordsStart: string) {
  const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
  const end = day(asOf);
  const start = day(recordsStart);
  return grouped(
    spells.count,
    (k) => {
      const exit = spells.leftOn[k]! >= 0 && spells.leftOn[k]! <= end ? spells.leftOn[k]! : end;
      return spells.hiredOn[k]! > end || exit < start ? undefined : [TEAMS[spells.team[k]!]!];
    },
    () => ({ times: [] as number[], events: [] as number[], entry: [] as number[] }),
    (acc, k) => {
      const hired = spells.hiredOn[k]!;
      const ended = spells.leftOn[k]! >= 0 && spells.leftOn[k]! <= end;
      acc.times.push((ended ? spells.leftOn[k]! : end) - hired + 1);
      acc.events.push(ended ? 1 : 0);
      acc.entry.push(hired < start ? start - hired : 0);
    },
  ).map(({ key, acc }) => ({
    key,
    curve: kaplanMeier(acc.times, acc.events, { entry: acc.entry }),
  }));
}
