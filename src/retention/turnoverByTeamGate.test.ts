import { describe, expect, it } from 'vitest';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import type { RetentionPerson } from './retentionPeople.js';
import { turnoverByTeam } from './turnoverByTeam.js';

const YEAR = { start: '2025-01-01', end: '2026-01-01' };

/** `size` people in `teamId` since 2020; the first ones leave in 2025 the ways given. */
function team(
  teamId: string,
  size: number,
  exits: readonly ('voluntary' | 'involuntary' | 'other')[] = [],
  regretted: readonly boolean[] = [],
): RetentionPerson[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `${teamId}${i}`,
    spells: [
      {
        hireDate: '2020-01-01',
        ...(i < exits.length
          ? {
              terminationDate: `2025-0${1 + (i % 9)}-15`,
              separationKind: exits[i]!,
              ...(regretted[i] === undefined ? {} : { regretted: regretted[i]! }),
            }
          : {}),
      },
    ],
    assignments: [{ teamId, validFrom: '2020-01-01' }],
  }));
}

const byTeam = (people: readonly RetentionPerson[]) =>
  turnoverByTeam(people, YEAR, { transfers: 'not-separation', minGroupSize: 5 });

describe('turnoverByTeam through the privacy gate (issue 14)', () => {
  it('hides how the one leaver of a team of 10 left (a dismissal), and shows the team total', () => {
    const result = byTeam(team('sales', 10, ['involuntary']));
    const [sales] = result.teams;
    expect(sales!.turnover).toEqual({ status: 'suppressed' });
    expect(sales!.total.status === 'shown' && sales!.total.value.separations).toBe(1);
    expect(sales!.total.status === 'shown' && sales!.total.value.rate).toBeCloseTo(1 / 9.45, 2);
    expect(result.exitsReport.cells[0]).toMatchObject({
      id: 'sales',
      n: 1,
      reason: 'primary',
    });
    expect(result.warnings.join('\n')).toMatch(/how people left .* is hidden in some teams/);
  });

  it('reads the exit as one variable over the leavers: all the same way is hidden, a kind nobody took is not', () => {
    const same = byTeam(
      team('ops', 12, ['voluntary', 'voluntary', 'voluntary', 'voluntary', 'voluntary']),
    );
    expect(same.teams[0]!.turnover.status).toBe('suppressed');
    expect(same.exitsReport.cells[0]!.reason).toBe('attribute');
    // Nobody left for "other" reasons: a zero category, not a trait that all 5 share.
    const mixed = byTeam(
      team('ops', 12, ['voluntary', 'voluntary', 'voluntary', 'involuntary', 'involuntary']),
    );
    const ops = mixed.teams[0]!.turnover;
    expect(ops.status === 'shown' && ops.value.separations).toMatchObject({
      voluntary: 3,
      involuntary: 2,
      other: 0,
    });
    expect(verifyNoDisclosure(mixed.exitsReport).ok).toBe(true);
  });

  it('reads regret as a variable of its own only when some exit is flagged regretted', () => {
    const exits = ['voluntary', 'voluntary', 'voluntary', 'involuntary', 'involuntary'] as const;
    const flagged = byTeam(team('ops', 12, exits, [true, true, true, true, true]));
    expect(flagged.exitsReport.cells[0]!.reason).toBe('attribute');
    expect(
      byTeam(team('ops', 12, exits, [true, false, true, false, false])).teams[0]!.turnover.status,
    ).toBe('shown');
  });

  it('shows a team in which nobody left, with its kinds (all 0, as the total tells)', () => {
    const result = byTeam(team('hr', 6));
    expect(result.teams[0]!.turnover.status).toBe('shown');
    expect(result.exitsReport.cells[0]!.reason).toBe('empty');
  });

  it('hides a team everyone left, and a team below the minimum, with their reasons in the audit record', () => {
    const result = byTeam([
      ...team('gone', 5, ['voluntary', 'voluntary', 'involuntary', 'other', 'other']),
      ...team('tiny', 3),
    ]);
    expect(result.teams.map((row) => [row.turnover.status, row.total.status])).toEqual([
      ['suppressed', 'suppressed'],
      ['suppressed', 'suppressed'],
    ]);
    expect(result.report.cells.map((cell) => [cell.id, cell.reason])).toEqual([
      ['gone', 'attribute'],
      ['tiny', 'primary'],
    ]);
    expect(verifyNoDisclosure(result.report).ok).toBe(true);
  });

  it('does not count fewer than the minimum in its warning about days without a team', () => {
    const loose: RetentionPerson[] = ['x', 'y'].map((id) => ({
      id,
      spells: [{ hireDate: '2020-01-01' }],
      assignments: [],
    }));
    const warnings = byTeam([...team('sales', 10), ...loose]).warnings;
    expect(warnings).toContain(
      'turnoverByTeam: some people had days employed in the period without a team; those days count in no team',
    );
    const many = Array.from({ length: 6 }, (_, i) => ({ ...loose[0]!, id: `z${i}` }));
    expect(byTeam([...team('sales', 10), ...many]).warnings.join('\n')).toMatch(
      /: 6 people had days/,
    );
  });
});
