import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { hireCohortsFromRows } from './hireCohortsFromRows.js';
import { hireCohortsSql } from './hireCohortsSql.js';
import { publishWarehouseHireCohorts } from './publishWarehouseHireCohorts.js';
import { publishWarehouseResponses } from './publishWarehouseResponses.js';
import { publishWarehouseSurvival } from './publishWarehouseSurvival.js';
import { publishWarehouseTurnover } from './publishWarehouseTurnover.js';
import { responseCountsFromRows } from './responseCountsSql.js';
import { mergeWarehouseSurvival, survivalCountsFromRows } from './survivalCountsFromRows.js';
import { turnoverCountsFromRows, warehouseTurnover } from './turnoverCountsFromRows.js';
import { turnoverSql } from './turnoverSql.js';
import { WAREHOUSE_DIALECTS } from './types.js';

const YEAR = { start: '2025-01-01', end: '2026-01-01' };

/** Spells of one team as survival rows: time t, one event when `left`, else censored. */
const survivalRows = (team: string, spells: readonly [number, boolean][]) =>
  spells.map(([time, left]) => ({
    team_id: team,
    time,
    events: left ? 1 : 0,
    censored: left ? 0 : 1,
    entered: 0,
  }));

const turnoverRow = (team: string, spells: number, voluntary: number, involuntary: number) => ({
  team_id: team,
  spells,
  separations: voluntary + involuntary,
  voluntary,
  involuntary,
  other: 0,
  kind_missing: 0,
  regretted_separations: 0,
  regretted_unknown: voluntary + involuntary,
  hires: 0,
  headcount_days: spells * 300,
});

const status = (
  cells: readonly {
    key: readonly (string | null)[] | null;
    segment: string;
    cell: { status: string };
  }[],
) => Object.fromEntries(cells.map((c) => [c.key?.join('/') ?? c.segment, c.cell.status]));

describe('publishWarehouseSurvival', () => {
  const rows = [
    ...survivalRows('a', [
      [10, true],
      [20, false],
      [30, true],
      [40, false],
      [50, true],
      [60, false],
    ]),
    ...survivalRows('b', [
      [15, true],
      [25, false],
      [35, true],
      [45, false],
      [55, false],
      [65, true],
    ]),
    ...survivalRows('small', [
      [12, true],
      [22, false],
    ]),
  ];

  it('hides a curve of fewer spells than the minimum, and one more to protect it', () => {
    const cells = publishWarehouseSurvival(survivalCountsFromRows(rows, { groupBy: ['team_id'] }));
    const shown = status(cells);
    expect(shown.small).toBe('suppressed');
    // all = a + b + small: one of a and b is hidden too, so small cannot be worked out.
    expect([shown.a, shown.b].filter((s) => s === 'suppressed')).toHaveLength(1);
    expect(shown.all).toBe('shown');
  });

  it('shows the total as the curve of the merged counts, a suppressed cell carrying nothing', () => {
    const groups = survivalCountsFromRows(rows, { groupBy: ['team_id'] });
    const cells = publishWarehouseSurvival(groups);
    const all = cells.find((c) => c.segment === 'all')!.cell;
    expect(all.status === 'shown' && all.value.n).toBe(14);
    expect(all.status === 'shown' && all.value.time).toEqual(
      survivalCountsFromRows(rows)[0]!.counts.time,
    );
    for (const cell of cells)
      if (cell.cell.status === 'suppressed') expect(Object.keys(cell.cell)).toEqual(['status']);
    expect(mergeWarehouseSurvival(groups)).toEqual({
      ...survivalCountsFromRows(rows)[0]!,
      key: ['a'],
    });
  });

  it('hides a group where everyone left', () => {
    const everyone = survivalRows(
      'gone',
      [10, 20, 30, 40, 50, 60].map((t) => [t, true]),
    );
    const cells = publishWarehouseSurvival(
      survivalCountsFromRows([...rows.filter((r) => r.team_id !== 'small'), ...everyone], {
        groupBy: ['team_id'],
      }),
    );
    expect(status(cells).gone).toBe('suppressed');
  });
});

describe('publishWarehouseResponses', () => {
  it('hides a rate of fewer respondents than the minimum, and one more to protect it', () => {
    const groups = responseCountsFromRows(
      [
        { team_id: 'a', invited: 12, responded: 9 },
        { team_id: 'b', invited: 10, responded: 8 },
        { team_id: 'c', invited: 9, responded: 2 },
      ],
      { groupBy: ['team_id'] },
    );
    const shown = status(publishWarehouseResponses(groups));
    expect(shown.c).toBe('suppressed');
    expect([shown.a, shown.b].filter((s) => s === 'suppressed')).toHaveLength(1);
    const all = publishWarehouseResponses(groups).find((c) => c.segment === 'all')!.cell;
    expect(all.status === 'shown' && [all.value.invited, all.value.responded]).toEqual([31, 19]);
  });

  it('publishes one table per period with per', () => {
    const groups = responseCountsFromRows(
      [
        { team_id: 'a', period_year: 2025, invited: 12, responded: 9 },
        { team_id: 'a', period_year: 2024, invited: 3, responded: 3 },
      ],
      { groupBy: ['team_id'], per: 'year' },
    );
    const cells = publishWarehouseResponses(groups, { per: 'year' });
    expect(cells.map((c) => [c.period, c.segment, c.cell.status])).toEqual([
      ['2024-01-01', 'all', 'suppressed'],
      ['2024-01-01', 'group', 'suppressed'],
      ['2025-01-01', 'all', 'shown'],
      ['2025-01-01', 'group', 'shown'],
    ]);
  });
});

describe('publishWarehouseTurnover', () => {
  const rows = [
    turnoverRow('a', 20, 2, 1),
    turnoverRow('b', 30, 3, 2),
    turnoverRow('c', 40, 1, 1),
    turnoverRow('small', 3, 1, 0),
  ];

  it('hides a group of fewer spells than the minimum, and one more to protect it', () => {
    const counts = turnoverCountsFromRows(rows, { period: YEAR, groupBy: ['team_id'] });
    const shown = status(publishWarehouseTurnover(counts));
    expect(shown.small).toBe('suppressed');
    expect([shown.a, shown.b, shown.c].filter((s) => s === 'suppressed')).toHaveLength(1);
    expect(shown.all).toBe('shown');
  });

  it('shows the turnover of the merged counts as the total', () => {
    const counts = turnoverCountsFromRows(rows, { period: YEAR, groupBy: ['team_id'] });
    const all = publishWarehouseTurnover(counts).find((c) => c.segment === 'all')!.cell;
    const total = turnoverCountsFromRows(rows, { period: YEAR }).groups[0]!;
    expect(all.status === 'shown' && all.value).toEqual(warehouseTurnover(total, YEAR));
    expect(all.status === 'shown' && all.value.separations.total).toBe(11);
  });
});

describe('publishWarehouseHireCohorts', () => {
  it('hides a cohort of fewer hires than the minimum', () => {
    const rows = [
      { team_id: 'a', period_year: 2024, period_number: 1, hires: 3, retained_3: 3 },
      { team_id: 'a', period_year: 2024, period_number: 2, hires: 8, retained_3: 7 },
    ];
    const groups = hireCohortsFromRows(rows, {
      asOf: '2025-06-30',
      horizons: [3],
      groupBy: ['team_id'],
    });
    const [team] = publishWarehouseHireCohorts(groups);
    expect(team!.published.rows.map((row) => row.hires.status)).toEqual(['suppressed', 'shown']);
  });
});

describe('turnoverSql', () => {
  it('requires a period', () => {
    for (const dialect of WAREHOUSE_DIALECTS) {
      expect(() =>
        turnoverSql({ dialect } as unknown as Parameters<typeof turnoverSql>[0]),
      ).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }));
    }
  });

  it('refuses a group column named like an output column', () => {
    try {
      turnoverSql({ dialect: 'duckdb', period: YEAR, groupBy: ['hires'] });
      expect.unreachable();
    } catch (error) {
      expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
    }
  });

  it('writes positional parameters in the order they appear, in every dialect', () => {
    for (const dialect of ['duckdb', 'snowflake', 'spark'] as const) {
      const query = turnoverSql({ dialect, period: YEAR });
      let index = 0;
      const inlined = query.sql.replace(/\?/g, () => `'${String(query.params[index++])}'`);
      expect(index).toBe(query.params.length);
      expect(inlined).toContain(
        "`exit_kind` = 'voluntary'".replaceAll('`', dialect === 'spark' ? '`' : '"'),
      );
      // Headcount-days: from the later of hire and the period's first day to the earlier of the
      // last day employed and the period's last day.
      expect(inlined).toMatch(/GREATEST\([^)]*'2025-01-01'/);
      expect(inlined).toMatch(/COALESCE\([^)]*'2025-12-31'/);
    }
  });

  it('refuses counts that do not add up', () => {
    expect(() =>
      turnoverCountsFromRows([{ ...turnoverRow('a', 5, 1, 1), separations: 3 }], { period: YEAR }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('hireCohortsSql', () => {
  it('refuses horizons that are not whole months from 1 to 1200', () => {
    for (const horizons of [[], [0], [1.5], [1201]]) {
      expect(() => hireCohortsSql({ dialect: 'postgres', asOf: '2025-12-31', horizons })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      );
    }
  });

  it('refuses more retained than hires', () => {
    expect(() =>
      hireCohortsFromRows([{ period_year: 2024, period_number: 1, hires: 1, retained_3: 2 }], {
        asOf: '2025-12-31',
        horizons: [3],
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
