import { describe, expect, it } from 'vitest';
import { bruteForceAttack, naiveSuppression } from '../../tests/support/privacy.js';
import { codeOf } from '../internal/testing/codeOf.js';
import {
  effectiveMinGroupSize,
  reportComments,
  resolveMinGroupSize,
  suppressSmallGroup,
} from './minGroupSize.js';
import { mapReportable, SUPPRESSED, shown } from './reportable.js';
import { suppressTable } from './suppressTable.js';
import { teamBreakdownTable, teamTreeTable, twoWayTable } from './table.js';
import { toReportables } from './toReportables.js';
import { verifyNoDisclosure, verifyReports } from './verifyNoDisclosure.js';

const statuses = (report: { cells: readonly { id: string; status: string }[] }) =>
  Object.fromEntries(report.cells.map((cell) => [cell.id, cell.status]));

describe('minimum group size', () => {
  it('defaults to 5 and refuses values below 3 or fractional', () => {
    expect(resolveMinGroupSize(undefined)).toBe(5);
    expect(resolveMinGroupSize(3)).toBe(3);
    expect(codeOf(() => resolveMinGroupSize(2))).toBe('INVALID_OPTION');
    expect(codeOf(() => resolveMinGroupSize(4.5))).toBe('INVALID_OPTION');
    expect(codeOf(() => suppressTable({ cells: [], equations: [] }, { minGroupSize: 1 }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('suppresses at 4 and shows at 5 respondents, and hides empty groups the same way', () => {
    expect(suppressSmallGroup('x', 4)).toBe(SUPPRESSED);
    expect(suppressSmallGroup('x', 5)).toEqual({ status: 'shown', value: 'x', n: 5 });
    expect(suppressSmallGroup('x', 0)).toBe(SUPPRESSED);
    expect(JSON.stringify(suppressSmallGroup('x', 0))).toBe(
      JSON.stringify(suppressSmallGroup('x', 4)),
    );
    expect(codeOf(() => suppressSmallGroup('x', -1))).toBe('OUT_OF_RANGE');
  });

  it("takes the largest of the caller's minimum, each survey's own and 3 (issue 14, leak 5)", () => {
    expect(effectiveMinGroupSize({})).toBe(5);
    expect(effectiveMinGroupSize({}, {})).toBe(5);
    expect(effectiveMinGroupSize({}, { minGroupSize: 10 })).toBe(10);
    expect(effectiveMinGroupSize({ minGroupSize: 12 }, { minGroupSize: 10 })).toBe(12);
    expect(effectiveMinGroupSize({ minGroupSize: 3 }, { minGroupSize: 4 })).toBe(4);
    expect(effectiveMinGroupSize({ minGroupSize: 3 }, [])).toBe(3);
    expect(effectiveMinGroupSize({}, [{ minGroupSize: 6 }, { minGroupSize: 9 }, {}])).toBe(9);
    expect(codeOf(() => effectiveMinGroupSize({ minGroupSize: 2 }, { minGroupSize: 10 }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => effectiveMinGroupSize({}, { minGroupSize: 2.5 }))).toBe('INVALID_OPTION');
  });

  it('holds comments to a higher threshold of 10', () => {
    expect(reportComments(['a'], 9).status).toBe('suppressed');
    expect(reportComments(['a'], 10).status).toBe('shown');
    // The caller may raise the threshold, not lower it below 10 (issue 14).
    expect(reportComments(['a'], 6, { minCommentGroupSize: 6 }).status).toBe('suppressed');
    expect(reportComments(['a'], 11, { minCommentGroupSize: 12 }).status).toBe('suppressed');
  });

  it('maps shown values and keeps suppressed cells bare', () => {
    expect(mapReportable(shown(2, 5), (x) => x * 2)).toEqual({ status: 'shown', value: 4, n: 5 });
    expect(mapReportable(SUPPRESSED, (x: number) => x * 2)).toEqual({ status: 'suppressed' });
    expect(codeOf(() => shown(1, 0))).toBe('OUT_OF_RANGE');
  });
});

describe('teamTreeTable', () => {
  const teams = [
    { id: 'org' },
    { id: 'sales', parentId: 'org' },
    { id: 'east', parentId: 'sales' },
    { id: 'west', parentId: 'sales' },
    { id: 'eng', parentId: 'org' },
  ];

  it('rolls statistics up the tree with a direct-members cell for teams with sub-teams', () => {
    const table = teamTreeTable(
      teams,
      new Map([
        ['org', { n: 1, counts: { promoters: 1 } }],
        ['sales', { n: 2, counts: { promoters: 0 } }],
        ['east', { n: 6, counts: { promoters: 3 }, sums: { score: 45 } }],
        ['west', { n: 7, counts: { promoters: 2 }, sums: { score: 40 } }],
        ['eng', { n: 9, counts: { promoters: 4 } }],
      ]),
    );
    const byId = new Map(table.cells.map((cell) => [cell.id, cell]));
    expect(byId.get('team:sales')).toEqual({
      id: 'team:sales',
      n: 15,
      counts: { promoters: 5 },
      sums: { score: 85 },
    });
    expect(byId.get('team:org')?.n).toBe(25);
    expect(table.equations).toContainEqual({
      total: 'team:sales',
      parts: ['team:east', 'team:west', 'team:sales:direct'],
    });
    expect(table.equations).toContainEqual({
      total: 'team:org',
      parts: ['team:sales', 'team:eng', 'team:org:direct'],
    });
  });

  it('refuses cycles, unknown parents, duplicate teams and statistics for unknown teams', () => {
    expect(
      codeOf(() =>
        teamTreeTable(
          [
            { id: 'a', parentId: 'b' },
            { id: 'b', parentId: 'a' },
          ],
          new Map(),
        ),
      ),
    ).toBe('INVALID_INPUT');
    expect(() =>
      teamTreeTable(
        [
          { id: 'a', parentId: 'b' },
          { id: 'b', parentId: 'a' },
        ],
        new Map(),
      ),
    ).toThrowError(/cycles/);
    expect(() => teamTreeTable([{ id: 'a', parentId: 'zz' }], new Map())).toThrowError(
      /unknown parent "zz"/,
    );
    expect(() => teamTreeTable([{ id: 'a' }, { id: 'a' }], new Map())).toThrowError(
      /unique team ids/,
    );
    expect(() => teamTreeTable([{ id: 'a' }], new Map([['b', { n: 1 }]]))).toThrowError(
      /not in the tree/,
    );
  });
});

describe('suppressTable', () => {
  it('hides a small team and its smallest sibling, not the parent', () => {
    const table = teamTreeTable(
      [
        { id: 'org' },
        { id: 'a', parentId: 'org' },
        { id: 'b', parentId: 'org' },
        { id: 'c', parentId: 'org' },
      ],
      new Map([
        ['a', { n: 3 }],
        ['b', { n: 9 }],
        ['c', { n: 12 }],
      ]),
    );
    const report = suppressTable(table);
    expect(statuses(report)).toEqual({
      'team:a': 'suppressed',
      'team:b': 'suppressed',
      'team:c': 'shown',
      'team:org': 'shown',
    });
    expect(verifyNoDisclosure(report).ok).toBe(true);
  });

  it('adds a third cell when a pair contains a single person, who could subtract themselves', () => {
    const table = teamTreeTable(
      [
        { id: 'org' },
        { id: 'a', parentId: 'org' },
        { id: 'b', parentId: 'org' },
        { id: 'c', parentId: 'org' },
        { id: 'd', parentId: 'org' },
      ],
      new Map([
        ['a', { n: 1 }],
        ['b', { n: 3 }],
        ['c', { n: 8 }],
        ['d', { n: 20 }],
      ]),
    );
    const report = suppressTable(table);
    expect(statuses(report)).toMatchObject({
      'team:a': 'suppressed',
      'team:b': 'suppressed',
      'team:c': 'suppressed',
      'team:d': 'shown',
    });
    expect(verifyNoDisclosure(report).ok).toBe(true);
    const pairOnly = {
      ...report,
      cells: report.cells.map((cell) =>
        cell.id === 'team:c' ? { ...cell, status: 'shown' as const } : cell,
      ),
    };
    expect(verifyNoDisclosure(pairOnly).findings).toEqual([
      // Both together: 4 people, a group below the minimum for everyone.
      {
        cell: 'team:a + team:b',
        kind: 'union',
        detail: 'n = 4 of these cells together follows from the published equations',
      },
      {
        cell: 'team:b',
        kind: 'insider',
        detail: 'n = 3 follows from the published equations to the one person in "team:a"',
      },
    ]);
  });

  it('suppresses a team in which everyone gave one answer, and reports why only in the audit record', () => {
    const table = teamTreeTable(
      [
        { id: 'org' },
        { id: 'a', parentId: 'org' },
        { id: 'b', parentId: 'org' },
        { id: 'c', parentId: 'org' },
      ],
      new Map([
        ['a', { n: 6, counts: { detractors: 6, promoters: 0 } }],
        ['b', { n: 8, counts: { detractors: 2, promoters: 3 } }],
        ['c', { n: 9, counts: { detractors: 1, promoters: 5 } }],
      ]),
    );
    const report = suppressTable(table);
    expect(report.cells.find((cell) => cell.id === 'team:a')).toMatchObject({
      status: 'suppressed',
      reason: 'attribute',
    });
    expect(verifyNoDisclosure(report).ok).toBe(true);
    expect(toReportables(report).get('team:a')).toEqual({ status: 'suppressed' });
  });

  it('adds a complement when suppressed cells would all be known to share an answer', () => {
    // a (3 people) and b (6) would be the hidden pair, but both have no detractors while the
    // parent's count says the shown teams hold them all: the pair's detractor total is 0.
    const table = teamTreeTable(
      [
        { id: 'org' },
        { id: 'a', parentId: 'org' },
        { id: 'b', parentId: 'org' },
        { id: 'c', parentId: 'org' },
        { id: 'd', parentId: 'org' },
      ],
      new Map([
        ['a', { n: 3, counts: { detractors: 0 } }],
        ['b', { n: 6, counts: { detractors: 0 } }],
        ['c', { n: 7, counts: { detractors: 2 } }],
        ['d', { n: 30, counts: { detractors: 4 } }],
      ]),
    );
    const naive = naiveSuppression(table);
    // Only team:a is at risk: learning that b's six have no detractors is what publishing b would say.
    expect(
      verifyNoDisclosure(naive).findings.map((finding) => [finding.cell, finding.kind]),
    ).toEqual([['team:a', 'bounds']]);
    const report = suppressTable(table);
    expect(statuses(report)).toMatchObject({
      'team:a': 'suppressed',
      'team:b': 'suppressed',
      'team:c': 'suppressed',
      'team:d': 'shown',
    });
    expect(verifyNoDisclosure(report).ok).toBe(true);
  });

  it('reads a declared variable as one answer per person: a category of 0 in the hidden pair is no shared answer', () => {
    const answers = (detractor: number, passive: number, promoter: number) => ({
      n: detractor + passive + promoter,
      counts: { detractor, passive, promoter },
      variables: { answer: ['detractor', 'passive', 'promoter'] },
    });
    const teams = ['a', 'b', 'c', 'd'].map((id) => ({ id, parentId: 'org' }));
    const direct = new Map([
      ['a', answers(0, 1, 2)],
      ['b', answers(0, 3, 3)],
      ['c', answers(2, 2, 3)],
      ['d', answers(4, 10, 16)],
    ]);
    const report = suppressTable(teamTreeTable([{ id: 'org' }, ...teams], direct));
    expect(statuses(report)).toMatchObject({
      'team:a': 'suppressed',
      'team:b': 'suppressed',
      'team:c': 'shown',
      'team:d': 'shown',
      'team:org': 'shown',
    });
    expect(verifyNoDisclosure(report).ok).toBe(true);
    // The same counts as yes/no variables: "no detractors" is then what a and b share.
    const undeclared = new Map([...direct].map(([id, { n, counts }]) => [id, { n, counts }]));
    const yesNo = suppressTable(teamTreeTable([{ id: 'org' }, ...teams], undeclared));
    expect(statuses(yesNo)['team:c']).toBe('suppressed');
  });

  it('refuses a declared variable whose categories do not add up to n, or two lists for one variable', () => {
    const variables = { answer: ['yes', 'no'] };
    expect(() =>
      suppressTable({
        cells: [{ id: 'x', n: 6, counts: { yes: 2, no: 3 }, variables }],
        equations: [],
      }),
    ).toThrowError(/categories of variable "answer" to add up to n \(6\) in cell "x", got 5/);
    expect(
      codeOf(() =>
        suppressTable({
          cells: [
            { id: 'x', n: 6, counts: { yes: 2, no: 4 }, variables },
            { id: 'y', n: 6, counts: { yes: 2, no: 4 }, variables: { answer: ['no', 'yes'] } },
          ],
          equations: [],
        }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('holds against the whole cross-tabulation where the naive rule leaks through a bridge of equations', () => {
    // Two blocks of small cells joined by one cell: every row and column has two hidden cells, so
    // the naive rule stops, yet rows 1+2 minus columns 1+2 isolate cell r2|c3.
    const n = (values: number[][]) =>
      new Map(
        values.map((row, r) => [
          `r${r + 1}`,
          new Map(row.map((value, c) => [`c${c + 1}`, { n: value }])),
        ]),
      );
    const table = twoWayTable(
      n([
        [2, 2, 40, 40],
        [2, 2, 2, 40],
        [40, 40, 2, 2],
        [40, 40, 2, 2],
      ]),
    );
    const naive = naiveSuppression(table);
    expect(statuses(naive)['r2|c3']).toBe('suppressed');
    expect(verifyNoDisclosure(naive).findings).toContainEqual({
      cell: 'r2|c3',
      kind: 'linear',
      detail: 'n = 2 follows from the published equations',
    });
    expect(bruteForceAttack(naive)).toEqual(['r2|c3']);
    const report = suppressTable(table);
    expect(verifyNoDisclosure(report)).toMatchObject({ ok: true, findings: [] });
    expect(bruteForceAttack(report, 12)).toEqual([]);
  });

  it('protects a team tree crossed with a breakdown', () => {
    const teams = [
      { id: 'org' },
      { id: 'a', parentId: 'org' },
      { id: 'b', parentId: 'org' },
      { id: 'c', parentId: 'org' },
    ];
    const groups = (pairs: [string, number][]) =>
      new Map(pairs.map(([group, value]) => [group, { n: value }]));
    const table = teamBreakdownTable(
      teams,
      new Map([
        [
          'a',
          groups([
            ['new', 2],
            ['tenured', 7],
          ]),
        ],
        [
          'b',
          groups([
            ['new', 6],
            ['tenured', 8],
          ]),
        ],
        [
          'c',
          groups([
            ['new', 9],
            ['tenured', 11],
          ]),
        ],
      ]),
    );
    const report = suppressTable(table);
    expect(verifyNoDisclosure(report).ok).toBe(true);
    expect(statuses(report)['team:a|new']).toBe('suppressed');
  });

  it('refuses negative counts, counts above n and equations that do not add up', () => {
    const cells = [
      { id: 't', n: 5 },
      { id: 'a', n: 2 },
      { id: 'b', n: 3 },
    ];
    expect(codeOf(() => suppressTable({ cells: [{ id: 'x', n: -1 }], equations: [] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(
      codeOf(() => suppressTable({ cells: [{ id: 'x', n: 2, counts: { d: 3 } }], equations: [] })),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() => suppressTable({ cells: [{ id: 'x', n: 2, counts: { d: -1 } }], equations: [] })),
    ).toBe('OUT_OF_RANGE');
    expect(() => suppressTable({ cells, equations: [{ total: 't', parts: ['a'] }] })).toThrowError(
      /does not add up for n/,
    );
    expect(() =>
      suppressTable({ cells, equations: [{ total: 't', parts: ['a', 'zz'] }] }),
    ).toThrowError(/unknown cell "zz"/);
    expect(
      codeOf(() =>
        verifyNoDisclosure({
          cells: [{ id: 'x', n: -2, status: 'shown' }],
          equations: [],
          minGroupSize: 5,
        }),
      ),
    ).toBe('OUT_OF_RANGE');
  });
});

describe('verifyNoDisclosure', () => {
  it('flags shown cells below the minimum and shown cells where everyone gave one answer', () => {
    const report = {
      minGroupSize: 5,
      equations: [],
      cells: [
        { id: 'small', n: 4, status: 'shown' as const },
        { id: 'all-detractors', n: 6, counts: { detractors: 6 }, status: 'shown' as const },
        { id: 'fine', n: 6, counts: { detractors: 2 }, status: 'shown' as const },
      ],
    };
    expect(
      verifyNoDisclosure(report).findings.map((finding) => [finding.cell, finding.kind]),
    ).toEqual([
      ['small', 'below-minimum'],
      ['all-detractors', 'attribute'],
    ]);
  });

  it('knows that a total holds the one person of a team through a breakdown (no false alarm)', () => {
    // The whole table is one person, in team a, group x. team:org holds team:a only through
    // team:org|x and team:org|y; the person learns nothing about anyone else from it.
    const report = suppressTable(
      teamBreakdownTable(
        [{ id: 'org' }, { id: 'a', parentId: 'org' }],
        new Map([
          [
            'a',
            new Map([
              ['x', { n: 1 }],
              ['y', { n: 0 }],
            ]),
          ],
        ]),
      ),
    );
    expect(verifyNoDisclosure(report).findings).toEqual([]);
  });

  it('does not count a cell derivable as empty, which hides nobody', () => {
    const report = {
      minGroupSize: 5,
      equations: [{ total: 't', parts: ['a', 'b'] }],
      cells: [
        { id: 't', n: 9, status: 'shown' as const },
        { id: 'a', n: 9, status: 'shown' as const },
        { id: 'b', n: 0, status: 'suppressed' as const },
      ],
    };
    expect(verifyNoDisclosure(report).ok).toBe(true);
  });

  it('finds a cell isolated only by combining several equations', () => {
    // t1 = a + b + s1, t2 = b + c + s2, t3 = a + c + s3: t1 - t2 + t3 = 2a + known.
    const cells = [
      { id: 'a', n: 2 },
      { id: 'b', n: 3 },
      { id: 'c', n: 4 },
      { id: 's1', n: 10 },
      { id: 's2', n: 10 },
      { id: 's3', n: 10 },
      { id: 't1', n: 15 },
      { id: 't2', n: 17 },
      { id: 't3', n: 16 },
    ].map((cell) => ({
      ...cell,
      status: cell.n < 5 ? ('suppressed' as const) : ('shown' as const),
    }));
    const report = {
      minGroupSize: 5,
      cells,
      equations: [
        { total: 't1', parts: ['a', 'b', 's1'] },
        { total: 't2', parts: ['b', 'c', 's2'] },
        { total: 't3', parts: ['a', 'c', 's3'] },
      ],
    };
    expect(verifyNoDisclosure(report).findings.map((finding) => finding.cell)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(bruteForceAttack(report)).toEqual(['a', 'b', 'c']);
  });

  it('checks several reports together, as one reader who sees them all', () => {
    const report = suppressTable(
      teamTreeTable(
        [
          { id: 'org' },
          { id: 'a', parentId: 'org' },
          { id: 'b', parentId: 'org' },
          { id: 'c', parentId: 'org' },
        ],
        new Map([
          ['a', { n: 3 }],
          ['b', { n: 9 }],
          ['c', { n: 12 }],
        ]),
      ),
    );
    const teamB = {
      minGroupSize: 5,
      equations: [],
      cells: [{ id: 'team:b', n: 9, status: 'shown' as const }],
    };
    expect(verifyReports([report]).ok).toBe(true);
    expect(verifyReports([report, teamB]).findings.map((finding) => finding.cell)).toEqual([
      'team:a',
    ]);
    const different = { ...teamB, cells: [{ id: 'team:b', n: 8, status: 'shown' as const }] };
    expect(codeOf(() => verifyReports([report, different]))).toBe('INVALID_INPUT');
  });
});

describe('leak 3: values forced by counts being >= 0', () => {
  // Teams org (with direct members), a, b, c under org, broken down by tenure band. Team c has
  // only `<1y` answers: `c` = `c|<1y` is shown, which forces `c|1-3y` = `c|3y+` = 0, and then
  // `org:direct|3y+` = `org|3y+` - `a|3y+` - `b|3y+` exactly.
  const answers = (n: number, detractors: number, passives: number) => ({
    n,
    counts: { detractors, passives, promoters: n - detractors - passives },
  });
  const table = teamBreakdownTable(
    [
      { id: 'org' },
      { id: 'a', parentId: 'org' },
      { id: 'b', parentId: 'org' },
      { id: 'c', parentId: 'org' },
    ],
    new Map([
      [
        'org',
        new Map([
          ['<1y', answers(6, 2, 2)],
          ['1-3y', answers(7, 2, 3)],
          ['3y+', answers(3, 1, 1)],
        ]),
      ],
      [
        'a',
        new Map([
          ['<1y', answers(8, 2, 3)],
          ['1-3y', answers(9, 3, 3)],
          ['3y+', answers(10, 3, 4)],
        ]),
      ],
      [
        'b',
        new Map([
          ['<1y', answers(11, 3, 4)],
          ['1-3y', answers(12, 3, 4)],
          ['3y+', answers(13, 4, 4)],
        ]),
      ],
      ['c', new Map([['<1y', answers(9, 3, 3)]])],
    ]),
  );
  const hidden = new Set([
    'team:c|1-3y',
    'team:c|3y+',
    'team:org:direct|<1y',
    'team:org:direct|1-3y',
    'team:org:direct|3y+',
  ]);
  const leaky = {
    minGroupSize: 5,
    equations: table.equations,
    cells: table.cells.map((cell) => ({
      ...cell,
      status: hidden.has(cell.id) ? ('suppressed' as const) : ('shown' as const),
    })),
  };

  it('finds org:direct|3y+ (n 3; 1 detractor, 1 passive, 1 promoter) derivable once c|1-3y and c|3y+ are forced to 0', () => {
    // Empty cells are known zeros (leak 7); forced zeros of counts are found the same way.
    expect(verifyNoDisclosure(leaky).findings.map((finding) => finding.cell)).toContain(
      'team:org:direct|3y+',
    );
  });

  it('adds complements to the forced zeros so that nothing is derivable', () => {
    const report = suppressTable(table);
    expect(statuses(report)['team:org:direct|3y+']).toBe('suppressed');
    expect(verifyNoDisclosure(report).findings).toEqual([]);
  });
});

describe('leak 7: empty cells as complements', () => {
  // Team b is empty, as the org chart tells anyone: hiding it protects nothing.
  const table = teamTreeTable(
    [
      { id: 'org' },
      { id: 'a', parentId: 'org' },
      { id: 'b', parentId: 'org' },
      { id: 'c', parentId: 'org' },
    ],
    new Map([
      ['a', { n: 3 }],
      ['b', { n: 0 }],
      ['c', { n: 20 }],
    ]),
  );

  it('finds a 3-person cell whose only complement is a team known to be empty', () => {
    const leaky = {
      minGroupSize: 5,
      equations: table.equations,
      cells: table.cells.map((cell) => ({
        ...cell,
        status:
          cell.id === 'team:a' || cell.id === 'team:b'
            ? ('suppressed' as const)
            : ('shown' as const),
      })),
    };
    expect(verifyNoDisclosure(leaky).findings).toEqual([
      { cell: 'team:a', kind: 'linear', detail: 'n = 3 follows from the published equations' },
    ]);
  });

  it('never counts an empty cell as a complement', () => {
    const report = suppressTable(table);
    expect(statuses(report)).toMatchObject({ 'team:a': 'suppressed', 'team:c': 'suppressed' });
    expect(verifyNoDisclosure(report).findings).toEqual([]);
  });

  it("gives each hidden cell its reason in the audit record only, an empty one 'empty'", () => {
    const report = suppressTable(table);
    expect(report.cells.map((cell) => [cell.id, cell.reason])).toEqual([
      ['team:a', 'primary'],
      ['team:b', 'empty'],
      ['team:c', 'complementary'],
      ['team:org', undefined],
    ]);
    const published = toReportables(report);
    expect(published.get('team:b')).toEqual(published.get('team:a'));
  });
});
