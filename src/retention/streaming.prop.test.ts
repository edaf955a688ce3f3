/**
 * The streaming forms give exactly the in-memory results: people (or tenures) cut into random
 * chunks, each chunk counted on its own, the partial results merged in a random order and
 * finished, equal `turnover` and `kaplanMeier` of everything at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayString } from './internal/days.js';
import { kaplanMeier } from './kaplanMeier.js';
import type { RetentionPerson } from './retentionPeople.js';
import {
  kaplanMeierFromSurvivalCounts,
  mergeSurvivalCounts,
  survivalCounts,
} from './survivalCounts.js';
import { turnover } from './turnover.js';
import { mergeTurnoverCounts, turnoverCounts, turnoverFromCounts } from './turnoverCounts.js';

const BASE = Date.UTC(2024, 9, 1) / 86_400_000; // 2024-10-01
const KINDS = ['voluntary', 'involuntary', 'other', undefined] as const;

/** A person with up to three non-overlapping spells from late 2024 on. */
const person = fc
  .record({
    spells: fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 300 })), {
      minLength: 1,
      maxLength: 3,
    }),
    open: fc.boolean(),
    kind: fc.constantFrom(...KINDS),
    regretted: fc.option(fc.boolean(), { nil: undefined }),
    type: fc.constantFrom('employee', 'employee', 'direct-temporary', 'contractor' as const),
  })
  .map(({ spells, open, kind, regretted, type }) => {
    let day = BASE;
    return {
      workerType: type,
      spells: spells.map(([gap, length], i) => {
        const hire = day + gap;
        const last = hire + length;
        day = last + 1;
        if (open && i === spells.length - 1) return { hireDate: dayString(hire) };
        return {
          hireDate: dayString(hire),
          terminationDate: dayString(last),
          ...(kind === undefined ? {} : { separationKind: kind }),
          ...(regretted === undefined ? {} : { regretted }),
        };
      }),
    };
  });

const people = fc
  .array(person, { maxLength: 40 })
  .map((list): RetentionPerson[] => list.map((p, i) => ({ id: `p${i}`, ...p })));

function chunksOf<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = cuts.map((cut) => Math.floor(cut * (items.length + 1))).sort((a, b) => a - b);
  const chunks: T[][] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(items.slice(start, point));
    start = point;
  }
  chunks.push(items.slice(start));
  return chunks;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 });
const periods = fc.constantFrom(
  { start: '2025-01-01', end: '2026-01-01' },
  { start: '2025-03-01', end: '2025-04-01' },
  { start: '2024-12-15', end: '2025-02-10' },
);
const methods = fc.constantFrom('daily', 'monthly', 'start-end' as const);

describe('streaming turnover', () => {
  it('merges chunk counts into the turnover of everyone, for every headcount method', () => {
    fc.assert(
      fc.property(people, cuts, periods, methods, (everyone, at, period, method) => {
        const parts = chunksOf(everyone, at)
          .reverse()
          .map((chunk) => turnoverCounts(chunk, period));
        const merged = mergeTurnoverCounts(...parts);
        expect(turnoverFromCounts(merged, { headcountMethod: method })).toEqual(
          turnover(everyone, period, { headcountMethod: method }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("gives turnover's warning when the records probably start after the period (seed -480655402)", () => {
    // A period starting before the first termination, with a hire more than a year before it:
    // the warning needs the first hire and first termination of all chunks, merged by min.
    const year = { start: '2025-01-01', end: '2026-01-01' };
    const stayer: RetentionPerson = { id: 'p0', spells: [{ hireDate: '2024-10-01' }] };
    const leaver: RetentionPerson = {
      id: 'p1',
      spells: [
        { hireDate: '2024-12-08', terminationDate: '2026-10-02', separationKind: 'voluntary' },
      ],
    };
    const merged = mergeTurnoverCounts(
      turnoverCounts([leaver], year),
      turnoverCounts([stayer], year),
    );
    expect(merged.firstHire).toBe('2024-10-01');
    expect(merged.firstTermination).toBe('2026-10-02');
    const expected = turnover([stayer, leaver], year);
    expect(expected.warnings[0]).toMatch(/before the first termination in the data \(2026-10-02\)/);
    expect(turnoverFromCounts(merged)).toEqual(expected);
    const withStart = turnover([stayer, leaver], year, { recordsStart: '2025-02-01' });
    expect(withStart.warnings[0]).toMatch(/before the records start on 2025-02-01/);
    expect(turnoverFromCounts(merged, { recordsStart: '2025-02-01' })).toEqual(withStart);
  });

  it('refuses to merge counts over different periods', () => {
    expect(() =>
      mergeTurnoverCounts(
        turnoverCounts([], { start: '2025-01-01', end: '2026-01-01' }),
        turnoverCounts([], { start: '2025-01-01', end: '2025-02-01' }),
      ),
    ).toThrow(/one period/);
  });
});

describe('streaming Kaplan-Meier', () => {
  it('merges chunk counts into the curve of all the tenures', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1 })), {
          maxLength: 120,
        }),
        fc.boolean(),
        cuts,
        (rows, quarters, at) => {
          const times = rows.map(([t]) => (quarters ? t / 4 : t));
          const events = rows.map(([, e]) => e);
          const parts = chunksOf(
            times.map((t, i) => [t, events[i]!] as const),
            at,
          )
            .reverse()
            .map((chunk) =>
              survivalCounts(
                chunk.map(([t]) => t),
                chunk.map(([, e]) => e),
              ),
            );
          const merged = mergeSurvivalCounts(...parts);
          expect(kaplanMeierFromSurvivalCounts(merged)).toEqual(kaplanMeier(times, events));
          expect(kaplanMeierFromSurvivalCounts(merged, { confType: 'log-log' })).toEqual(
            kaplanMeier(times, events, { confType: 'log-log' }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses counts that do not add up', () => {
    expect(() =>
      kaplanMeierFromSurvivalCounts({
        time: [1],
        events: [1],
        censored: [0],
        n: 2,
        totalEvents: 1,
      }),
    ).toThrow(/add up/);
  });
});
