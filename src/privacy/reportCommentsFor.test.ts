import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { reportComments } from './minGroupSize.js';
import { emptyLedger, ledgerWarning } from './releaseLedger.js';
import { reportCommentsFor } from './reportCommentsFor.js';

const people = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const team = people('t', 12);
const department = [...team, 'lone'];
const comments = (keys: readonly string[]) => keys.map((key) => `comment of ${key}`);

describe('reportCommentsFor (issue 14, leak 6)', () => {
  it('never shows a department of 13 and its team of 12 together: their difference is one comment', () => {
    // Today each group alone reaches 10 and is shown, so the difference is one person's comment.
    expect(reportComments(comments(department), 13).status).toBe('shown');
    expect(reportComments(comments(team), 12).status).toBe('shown');
    const release = reportCommentsFor([
      { id: 'department', comments: comments(department), respondents: department },
      { id: 'team', comments: comments(team), respondents: team },
    ]);
    expect(release.groups.get('department')).toMatchObject({ status: 'shown', n: 13 });
    expect(release.groups.get('team')).toEqual({ status: 'suppressed' });
    expect(release.audit.find((entry) => entry.id === 'team')).toMatchObject({
      status: 'suppressed',
      reason: 'difference',
    });
    // Asked the other way round, the team is kept and the department refused.
    const teamFirst = reportCommentsFor([
      { id: 'team', comments: comments(team), respondents: team },
      { id: 'department', comments: comments(department), respondents: department },
    ]);
    expect(teamFirst.groups.get('team')?.status).toBe('shown');
    expect(teamFirst.groups.get('department')).toEqual({ status: 'suppressed' });
  });

  it('does the same for an anonymous survey from counts and nesting', () => {
    const release = reportCommentsFor([
      { id: 'department', comments: comments(department), n: 13 },
      { id: 'team', comments: comments(team), n: 12, within: 'department' },
    ]);
    expect(release.groups.get('department')?.status).toBe('shown');
    expect(release.groups.get('team')).toEqual({ status: 'suppressed' });
  });

  it('shows nested groups that differ by at least the threshold', () => {
    const big = [...team, ...people('o', 10)];
    const release = reportCommentsFor([
      { id: 'department', comments: comments(big), respondents: big },
      { id: 'team', comments: comments(team), respondents: team },
    ]);
    expect([...release.groups.values()].map((group) => group.status)).toEqual(['shown', 'shown']);
  });

  it('refuses a parent whose remainder after all its shown sub-groups is small', () => {
    // 25 people, two teams of 12: the department minus both teams is one person.
    const other = people('u', 12);
    const all = [...team, ...other, 'lone'];
    const keyed = reportCommentsFor([
      { id: 'a', comments: comments(team), respondents: team },
      { id: 'b', comments: comments(other), respondents: other },
      { id: 'department', comments: comments(all), respondents: all },
    ]);
    expect(keyed.groups.get('department')).toEqual({ status: 'suppressed' });
    const counted = reportCommentsFor([
      { id: 'department', comments: comments(all), n: 25 },
      { id: 'a', comments: comments(team), n: 12, within: 'department' },
      { id: 'b', comments: comments(other), n: 12, within: 'department' },
    ]);
    expect(counted.groups.get('department')?.status).toBe('shown');
    expect(counted.groups.get('a')?.status).toBe('shown');
    expect(counted.groups.get('b')).toEqual({ status: 'suppressed' });
  });

  it('protects the shared and the separate pieces of overlapping groups', () => {
    // Two project groups of 12 sharing 2 people: their shared comments would be 2 people's.
    const a = people('a', 12);
    const b = [...people('b', 10), 'a0', 'a1'];
    const release = reportCommentsFor([
      { id: 'a', comments: comments(a), respondents: a },
      { id: 'b', comments: comments(b), respondents: b },
    ]);
    expect(release.groups.get('a')?.status).toBe('shown');
    expect(release.groups.get('b')).toEqual({ status: 'suppressed' });
  });

  it("holds comments to max(10, the caller's, the survey's) respondents", () => {
    const nine = people('p', 9);
    const eleven = people('p', 11);
    const one = (keys: readonly string[], options = {}) =>
      reportCommentsFor(
        [{ id: 'g', comments: comments(keys), respondents: keys }],
        options,
      ).groups.get('g')?.status;
    expect(one(nine)).toBe('suppressed');
    expect(one(eleven)).toBe('shown');
    expect(one(eleven, { minCommentGroupSize: 5 })).toBe('shown');
    expect(one(eleven, { minCommentGroupSize: 12 })).toBe('suppressed');
    expect(one(eleven, { survey: { minGroupSize: 12 } })).toBe('suppressed');
    expect(reportCommentsFor([], { survey: { minGroupSize: 15 } }).minCommentGroupSize).toBe(15);
    expect(reportComments(['x'], 11, { survey: { minGroupSize: 12 } }).status).toBe('suppressed');
    expect(reportComments(['x'], 9, { minCommentGroupSize: 6 }).status).toBe('suppressed');
  });

  it('counts each respondent once and hides empty groups like small ones', () => {
    const twice = [...people('p', 9), 'p0'];
    const release = reportCommentsFor([
      { id: 'twice', comments: [], respondents: twice },
      { id: 'empty', comments: [], respondents: [] },
    ]);
    expect(release.groups.get('twice')).toEqual({ status: 'suppressed' });
    expect(release.groups.get('empty')).toEqual({ status: 'suppressed' });
    expect(release.audit.map((entry) => entry.reason)).toEqual(['below-minimum', 'below-minimum']);
  });

  it('refuses duplicate ids, mixed kinds of group, unknown or cyclic nesting and impossible counts', () => {
    const keyed = { id: 'a', comments: [], respondents: ['x'] };
    expect(codeOf(() => reportCommentsFor([keyed, keyed]))).toBe('INVALID_INPUT');
    expect(codeOf(() => reportCommentsFor([keyed, { id: 'b', comments: [], n: 3 }]))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => reportCommentsFor([{ id: 'b', comments: [], n: 3, within: 'z' }]))).toBe(
      'INVALID_INPUT',
    );
    expect(
      codeOf(() =>
        reportCommentsFor([
          { id: 'a', comments: [], n: 3, within: 'b' },
          { id: 'b', comments: [], n: 3, within: 'a' },
        ]),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      codeOf(() =>
        reportCommentsFor([
          { id: 'a', comments: [], n: 10 },
          { id: 'b', comments: [], n: 6, within: 'a' },
          { id: 'c', comments: [], n: 6, within: 'a' },
        ]),
      ),
    ).toBe('INVALID_INPUT');
    expect(codeOf(() => reportCommentsFor([{ id: 'a', comments: [], n: -1 }]))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => reportCommentsFor([keyed], { minCommentGroupSize: 2 }))).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('reportCommentsFor across calls, with a release ledger (issue 14)', () => {
  const team = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const department = { id: 'department', comments: ['a', 'b'], respondents: [...team, 'p12'] };

  it('refuses a team in a second call whose department was shown in the first (comments in two calls)', () => {
    const first = reportCommentsFor([department], { ledger: emptyLedger() });
    expect(first.groups.get('department')?.status).toBe('shown');
    expect(first.warnings).toEqual([]);
    const second = reportCommentsFor([{ id: 'team', comments: ['a'], respondents: team }], {
      ledger: first.ledger!,
    });
    expect(second.groups.get('team')).toEqual({ status: 'suppressed' });
    expect(second.audit).toEqual([{ id: 'team', n: 12, status: 'suppressed', reason: 'ledger' }]);
    expect(second.warnings).toEqual([ledgerWarning(10)]);
    // Without the ledger the second call alone would show it.
    expect(
      reportCommentsFor([{ id: 'team', comments: ['a'], respondents: team }]).audit[0]?.status,
    ).toBe('shown');
  });

  it('covers regions of several earlier calls together, not only pairs', () => {
    // Two disjoint teams of 10 in two calls, then both plus one person: a region of 1.
    const a = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 10 }, (_, i) => `b${i}`);
    let ledger = reportCommentsFor([{ id: 'a', comments: [], respondents: a }], {
      ledger: emptyLedger(),
    }).ledger!;
    ledger = reportCommentsFor([{ id: 'b', comments: [], respondents: b }], { ledger }).ledger!;
    const both = { id: 'both', comments: [], respondents: [...a, ...b, 'x'] };
    expect(reportCommentsFor([both], { ledger }).audit[0]?.reason).toBe('ledger');
  });

  it('keeps questions apart by statistic', () => {
    const first = reportCommentsFor([department], {
      ledger: emptyLedger(),
      statistic: 'comments:s:q1',
    });
    const second = reportCommentsFor([{ id: 'team', comments: [], respondents: team }], {
      ledger: first.ledger!,
      statistic: 'comments:s:q2',
    });
    expect(second.audit[0]?.status).toBe('shown');
  });

  it('refuses counted groups that differ from an earlier call by a few late respondents', () => {
    const groups = (departmentN: number) => [
      { id: 'department', comments: [], n: departmentN },
      { id: 'team', comments: [], n: 12, within: 'department' },
    ];
    const first = reportCommentsFor(groups(24), { ledger: emptyLedger() });
    expect(first.audit.map((entry) => entry.status)).toEqual(['shown', 'shown']);
    const later = reportCommentsFor(groups(25), { ledger: first.ledger! });
    expect(later.audit.map((entry) => [entry.id, entry.reason])).toEqual([
      ['department', 'ledger'],
      ['team', undefined],
    ]);
  });
});
