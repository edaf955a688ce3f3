import { describe, expect, it } from 'vitest';
import {
  type BreakdownTally,
  breakdownTally,
  suppressBreakdown,
  suppressCell,
} from './breakdown.js';

const tally = (n: number, yes: number): BreakdownTally => ({ n, counts: { yes } });

describe('suppressBreakdown', () => {
  it('publishes all first, then groups by value, then missing', () => {
    const tallies = new Map<string | null, BreakdownTally>([
      ['b', tally(9, 3)],
      ['a', tally(8, 2)],
      [null, tally(6, 1)],
    ]);
    const segments = suppressBreakdown(tallies, {
      grouped: true,
      categories: ['yes'],
      minGroupSize: 5,
    });
    expect(segments.map((s) => [s.segment, s.group, s.cell.status])).toEqual([
      ['all', null, 'shown'],
      ['group', 'a', 'shown'],
      ['group', 'b', 'shown'],
      ['missing', null, 'shown'],
    ]);
    expect(segments[0]!.cell).toEqual({
      status: 'shown',
      value: { counts: { yes: 6 }, sums: {} },
      n: 23,
    });
  });

  it('hides a second group when one is too small, so the total cannot give it away', () => {
    const tallies = new Map<string | null, BreakdownTally>([
      ['small', tally(2, 1)],
      ['mid', tally(6, 2)],
      ['large', tally(40, 10)],
    ]);
    const status = Object.fromEntries(
      suppressBreakdown(tallies, { grouped: true, categories: ['yes'], minGroupSize: 5 }).map(
        (s) => [s.group ?? s.segment, s.cell.status],
      ),
    );
    expect(status).toEqual({
      all: 'shown',
      small: 'suppressed',
      mid: 'suppressed',
      large: 'shown',
    });
  });

  it('applies primary suppression to the total alone without groups', () => {
    const segments = suppressBreakdown(new Map([[null, tally(4, 1)]]), {
      grouped: false,
      categories: ['yes'],
      minGroupSize: 5,
    });
    expect(segments).toEqual([{ segment: 'all', group: null, cell: { status: 'suppressed' } }]);
  });
});

describe('suppressBreakdown: everyone in one category', () => {
  it('hides a group whose members all sit in one category, and a complement', () => {
    const tallies = new Map<string | null, BreakdownTally>([
      ['a', { n: 6, counts: { detractor: 6, passive: 0, promoter: 0 } }],
      ['b', { n: 7, counts: { detractor: 2, passive: 2, promoter: 3 } }],
      ['c', { n: 9, counts: { detractor: 1, passive: 4, promoter: 4 } }],
    ]);
    const segments = suppressBreakdown(tallies, {
      categories: ['detractor', 'passive', 'promoter'],
    });
    expect(segments.map((s) => [s.group ?? s.segment, s.cell.status])).toEqual([
      ['all', 'shown'],
      ['a', 'suppressed'],
      ['b', 'suppressed'],
      ['c', 'shown'],
    ]);
  });
});

describe('breakdownTally', () => {
  it('makes a tally with every category at 0 once, then returns the same one', () => {
    const tallies = new Map<string | null, BreakdownTally>();
    const first = breakdownTally(tallies, null, ['x', 'y']);
    first.n = 3;
    expect(breakdownTally(tallies, null, ['x', 'y'])).toBe(first);
    expect(tallies.get(null)).toEqual({ n: 3, counts: { x: 0, y: 0 } });
  });
});

describe('suppressCell', () => {
  const counts = (detractors: number, passives: number, promoters: number) => ({
    n: detractors + passives + promoters,
    counts: { detractors, passives, promoters },
  });

  it('shows a value of enough people in more than one category', () => {
    expect(suppressCell('v', counts(1, 0, 4))).toEqual({ status: 'shown', value: 'v', n: 5 });
  });

  it('hides a value whose people all sit in one category, at any size', () => {
    expect(suppressCell('v', counts(6, 0, 0))).toEqual({ status: 'suppressed' });
    expect(suppressCell('v', counts(0, 0, 40))).toEqual({ status: 'suppressed' });
  });

  it('hides fewer than the minimum, and an empty group alike', () => {
    expect(suppressCell('v', counts(2, 1, 1))).toEqual({ status: 'suppressed' });
    expect(suppressCell('v', { n: 0 })).toEqual({ status: 'suppressed' });
    expect(suppressCell('v', counts(3, 3, 3), { minGroupSize: 10 })).toEqual({
      status: 'suppressed',
    });
  });
});
