/**
 * Invariants of personPeriods over random organisations (rehires, gaps between assignments,
 * left truncation, events on the same day): each spell's rows tile its observed days exactly,
 * with one event at most, on the last row; person-time is preserved; and every day's covariates
 * equal a naive evaluation from the definitions, day by day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PersonPeriodInput, personPeriods } from './personPeriods.js';

const BASE = Date.UTC(2020, 0, 1) / 86_400_000;
const dayText = (offset: number) =>
  new Date((BASE + offset) * 86_400_000).toISOString().slice(0, 10);

interface Spell {
  hire: number;
  term: number | undefined;
}
interface Piece {
  from: number;
  to: number | undefined;
  team: string;
  manager: string | undefined;
}
interface Event {
  day: number;
  promotion: boolean;
  percent: number | undefined;
}
interface Answer {
  day: number;
  hour: number;
  score: number;
}
interface Person {
  spells: Spell[];
  pieces: Piece[];
  events: Event[];
  answers: Answer[];
}

/** Consecutive stretches from a cursor: [from, to] with a gap after each, the last maybe open. */
function stretches(first: number, parts: readonly [number, number][], open: boolean) {
  let cursor = first;
  return parts.map(([length, gap], i) => {
    const from = cursor;
    const to = open && i === parts.length - 1 ? undefined : from + length;
    cursor = from + length + 1 + gap;
    return { from, to };
  });
}

const part = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 }));
const person = fc
  .record({
    first: fc.integer({ min: 0, max: 40 }),
    spells: fc.array(part, { minLength: 1, maxLength: 3 }),
    open: fc.boolean(),
    assignFirst: fc.integer({ min: 0, max: 40 }),
    pieces: fc.array(
      fc.tuple(part, fc.constantFrom('t', 'u'), fc.constantFrom('m', 'n', undefined)),
      { maxLength: 5 },
    ),
    assignOpen: fc.boolean(),
    events: fc.array(
      fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.option(fc.integer({ min: 1, max: 9 }))),
      { maxLength: 5 },
    ),
    answers: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 160 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 10 }),
      ),
      { maxLength: 5 },
    ),
  })
  .map((p): Person => {
    const spells = stretches(p.first, p.spells, p.open).map(({ from, to }) => ({
      hire: from,
      term: to,
    }));
    const pieces = stretches(
      p.assignFirst,
      p.pieces.map(([x]) => x),
      p.assignOpen,
    ).map((stretch, i) => ({ ...stretch, team: p.pieces[i]![1], manager: p.pieces[i]![2] }));
    // Career events inside a spell (the builder refuses others).
    const events = p.events.map(([which, offset, promotion, percent]) => {
      const spell = spells[which % spells.length]!;
      const length = (spell.term ?? spell.hire + 60) - spell.hire + 1;
      return { day: spell.hire + (offset % length), promotion, percent: percent ?? undefined };
    });
    const answers = p.answers.map(([day, hour, score]) => ({ day, hour, score }));
    return { spells, pieces, events, answers };
  });

const organisation = fc.record({
  people: fc.array(person, { minLength: 1, maxLength: 4 }),
  asOf: fc.integer({ min: 10, max: 160 }),
  recordsStart: fc.option(fc.integer({ min: 0, max: 60 })),
  calendar: fc.boolean(),
});

function inputOf(people: readonly Person[]): PersonPeriodInput {
  const id = (i: number) => `p${i}`;
  return {
    spells: people.flatMap((p, i) =>
      p.spells.map((s) => ({
        employeeId: id(i),
        hireDate: dayText(s.hire),
        ...(s.term === undefined
          ? {}
          : { terminationDate: dayText(s.term), separationKind: 'voluntary' as const }),
      })),
    ),
    assignments: people.flatMap((p, i) =>
      p.pieces.map((a) => ({
        employeeId: id(i),
        teamId: a.team,
        validFrom: dayText(a.from),
        ...(a.to === undefined ? {} : { validTo: dayText(a.to) }),
        ...(a.manager === undefined ? {} : { managerId: a.manager }),
      })),
    ),
    careerEvents: people.flatMap((p, i) =>
      p.events.map((e) => ({
        employeeId: id(i),
        kind: e.promotion ? ('promotion' as const) : ('pay-change' as const),
        date: dayText(e.day),
        ...(e.percent === undefined ? {} : { changePercent: e.percent }),
      })),
    ),
    surveys: [{ id: 's', confidentiality: 'identified' }],
    questions: [{ id: 'q', surveyId: 's', kind: 'enps' }],
    responses: people.flatMap((p, i) =>
      p.answers.map((a) => ({
        surveyId: 's',
        respondentId: id(i),
        submittedAt: `${dayText(a.day)}T${String(a.hour).padStart(2, '0')}:00:00Z`,
        answers: { q: a.score },
      })),
    ),
  };
}

/** The covariates on day d of a spell hired on h, straight from the definitions. */
function naiveState(p: Person, h: number, d: number) {
  const covering = p.pieces.find((a) => a.from <= d && d <= (a.to ?? Infinity));
  const seen = p.pieces.filter((a) => (a.to ?? Infinity) >= h && a.from <= d);
  let managerChanges = 0;
  for (let i = 1; i < seen.length; i++)
    if (seen[i]!.manager !== seen[i - 1]!.manager) managerChanges++;
  const since = p.events.filter((e) => h <= e.day && e.day <= d);
  const pays = since.filter((e) => !e.promotion);
  const lastPay = pays.reduce<Event | undefined>(
    (best, e) => (best === undefined || e.day >= best.day ? e : best),
    undefined,
  );
  const answers = p.answers.filter((a) => h <= a.day && a.day <= d);
  const lastAnswer = answers.reduce<Answer | undefined>(
    (best, a) =>
      best === undefined || a.day > best.day || (a.day === best.day && a.hour >= best.hour)
        ? a
        : best,
    undefined,
  );
  return {
    team: covering?.team ?? null,
    manager: covering?.manager ?? null,
    managerChanges,
    promotions: since.length - pays.length,
    payChanges: pays.length,
    lastPay: lastPay?.percent ?? null,
    enps: lastAnswer?.score ?? null,
  };
}

describe('personPeriods (properties)', () => {
  it('tiles each spell exactly, one event at most on its last row, covariates as defined day by day', () => {
    fc.assert(
      fc.property(organisation, ({ people, asOf, recordsStart, calendar }) => {
        if (recordsStart !== null && recordsStart > asOf) return;
        const result = personPeriods(inputOf(people), {
          asOf: dayText(asOf),
          ...(recordsStart === null ? {} : { recordsStart: dayText(recordsStart) }),
          ...(calendar ? { axis: 'calendar' as const } : {}),
        });
        const { rows } = result;
        const origin = calendar
          ? (recordsStart ??
            Math.min(
              ...people.flatMap((p) => p.spells.filter((s) => s.hire <= asOf).map((s) => s.hire)),
            ))
          : 0;
        let row = 0;
        let personTime = 0;
        let events = 0;
        people.forEach((p, i) => {
          p.spells.forEach((s, index) => {
            const term = s.term ?? Infinity;
            if (s.hire > asOf || term < (recordsStart ?? -Infinity)) return;
            const zero = calendar ? origin : s.hire;
            const first = Math.max(s.hire, recordsStart ?? -Infinity);
            const last = Math.min(term, asOf);
            personTime += last - first + 1;
            let expectedStart = first - zero;
            const begin = row;
            while (row < rows.id.length && rows.id[row] === `p${i}` && rows.spell[row] === index) {
              expect(rows.start[row]).toBe(expectedStart);
              expect(rows.stop[row]!).toBeGreaterThan(rows.start[row]!);
              if (
                row < rows.id.length - 1 &&
                rows.id[row + 1] === rows.id[row] &&
                rows.spell[row + 1] === index
              )
                expect(rows.event[row]).toBe(0);
              for (let d = rows.start[row]! + zero; d < rows.stop[row]! + zero; d++) {
                const state = naiveState(p, s.hire, d);
                expect([
                  rows.team[row],
                  rows.manager[row],
                  rows.managerChanges[row],
                  rows.promotions[row],
                  rows.payChanges[row],
                  rows.lastPayChangePercent[row],
                  rows.enps[row],
                ]).toEqual([
                  state.team,
                  state.manager,
                  state.managerChanges,
                  state.promotions,
                  state.payChanges,
                  state.lastPay,
                  state.enps,
                ]);
              }
              if (row > begin) {
                const before = naiveState(p, s.hire, rows.start[row]! + zero - 1);
                const now = naiveState(p, s.hire, rows.start[row]! + zero);
                expect(now).not.toEqual(before); // merged where nothing changes
              }
              expectedStart = rows.stop[row]!;
              row++;
            }
            expect(row).toBeGreaterThan(begin);
            expect(expectedStart).toBe(last - zero + 1);
            const ended = term <= asOf ? 1 : 0;
            expect(rows.event[row - 1]).toBe(ended);
            events += ended;
          });
        });
        expect(row).toBe(rows.id.length);
        let total = 0;
        for (let k = 0; k < rows.id.length; k++) total += rows.stop[k]! - rows.start[k]!;
        expect(total).toBe(personTime);
        expect(result.personTime).toBe(personTime);
        expect(result.events).toBe(events);
      }),
      { numRuns: 300 },
    );
  });
});
