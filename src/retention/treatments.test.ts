/**
 * The defined treatments of the edge cases (DESIGN.md: a person is employed on day d when
 * hireDate <= d <= terminationDate): a separation on the last day of a period, rehires, transfers
 * between teams, leave, missing separation details, an empty organisation and bad input.
 */
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import { annualiseTurnover } from './annualiseTurnover.js';
import { averageHeadcount } from './averageHeadcount.js';
import { firstYearAttrition } from './firstYearAttrition.js';
import { headcountOn } from './headcountOn.js';
import { hireCohorts } from './hireCohorts.js';
import type { RetentionPerson } from './retentionPeople.js';
import { retentionRate } from './retentionRate.js';
import { tenureSurvival } from './tenureSurvival.js';
import { turnover } from './turnover.js';
import { turnoverByMonth } from './turnoverByMonth.js';
import { type TeamTurnoverTotal, turnoverByTeam } from './turnoverByTeam.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isInternalCustomerError(error) ? error.code : String(error);
  }
  return undefined;
}

/** Every number anywhere in a value, for "no NaN" checks. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

const YEAR = { start: '2025-01-01', end: '2026-01-01' };
const stayer = (id: string, hireDate = '2020-01-01'): RetentionPerson => ({
  id,
  spells: [{ hireDate }],
});

describe('a separation on the last day of a period', () => {
  const people = [
    stayer('a'),
    {
      id: 'last-day',
      spells: [
        {
          hireDate: '2020-01-01',
          terminationDate: '2025-12-31',
          separationKind: 'voluntary' as const,
        },
      ],
    },
    {
      id: 'day-before',
      spells: [
        {
          hireDate: '2020-01-01',
          terminationDate: '2024-12-31',
          separationKind: 'voluntary' as const,
        },
      ],
    },
  ];

  it('belongs to the period holding its termination date, and not to the next one', () => {
    expect(turnover(people, YEAR).separations.total).toBe(1);
    expect(turnover(people, { start: '2026-01-01', end: '2027-01-01' }).separations.total).toBe(0);
    expect(turnover(people, { start: '2024-01-01', end: '2025-01-01' }).separations.total).toBe(1);
  });

  it('leaves the person in that day`s headcount (the last day employed) and out of the next', () => {
    expect(headcountOn(people, '2025-12-31').headcount).toBe(2);
    expect(headcountOn(people, '2026-01-01').headcount).toBe(1);
    expect(averageHeadcount(people, YEAR, { method: 'start-end' }).value).toBe(2);
  });

  it('is not retained: retention asks who is still employed after the last day', () => {
    expect(retentionRate(people, YEAR)).toMatchObject({ startHeadcount: 2, retained: 1 });
  });

  it('falls in December in the monthly series', () => {
    const series = turnoverByMonth(people, { from: '2025-11', to: '2026-01' });
    expect(series.months.map((m) => m.turnover.separations.total)).toEqual([0, 1, 0]);
  });
});

describe('a rehire (two employment spells for one person)', () => {
  const rehired: RetentionPerson = {
    id: 'r',
    spells: [
      {
        hireDate: '2021-01-01',
        terminationDate: '2025-03-31',
        separationKind: 'voluntary',
        regretted: true,
      },
      { hireDate: '2025-04-01' },
    ],
  };
  const people = [rehired, stayer('s')];

  it('is one separation and one hire, and one person a day even with back-to-back spells', () => {
    const result = turnover(people, YEAR);
    expect(result.separations).toMatchObject({ total: 1, voluntary: 1, regretted: 1 });
    expect(result.hires).toBe(1);
    expect(result.averageHeadcount.value).toBe(2);
    expect(headcountOn(people, '2025-03-31').headcount).toBe(2);
    expect(headcountOn(people, '2025-04-01').headcount).toBe(2);
  });

  it('is not retained over a period in which they left', () => {
    expect(retentionRate(people, YEAR)).toMatchObject({ startHeadcount: 2, retained: 1 });
    expect(retentionRate(people, { start: '2025-06-01', end: '2026-01-01' }).retained).toBe(2);
  });

  it('starts a new tenure clock: each spell is an observation unless asked otherwise', () => {
    const options = { asOf: '2025-12-31', unit: 'days' as const, minGroupSize: 3 };
    const three = [rehired, stayer('s'), stayer('t')];
    const all = tenureSurvival(three, options);
    expect(all.overall.status === 'shown' && all.overall.value.n).toBe(4);
    expect(all.overall.status === 'shown' && all.overall.n).toBe(3);
    const first = tenureSurvival(three, { ...options, spells: 'first' });
    expect(first.overall.status === 'shown' && first.overall.value.totalEvents).toBe(1);
    const latest = tenureSurvival(three, { ...options, spells: 'latest' });
    expect(latest.overall.status === 'shown' && latest.overall.value.totalEvents).toBe(0);
  });

  it('joins the hire cohort of the new hire day', () => {
    const cohorts = hireCohorts([rehired], { asOf: '2025-12-31', cohort: 'year', horizons: [3] });
    expect(cohorts.rows.map((row) => [row.cohort, row.hires])).toEqual([
      ['2021', 1],
      ['2025', 1],
    ]);
  });

  it('refuses overlapping spells', () => {
    const overlapping = {
      id: 'o',
      spells: [
        {
          hireDate: '2021-01-01',
          terminationDate: '2025-03-31',
          separationKind: 'voluntary' as const,
        },
        { hireDate: '2025-03-31' },
      ],
    };
    expect(codeOf(() => turnover([overlapping], YEAR))).toBe('INVALID_INPUT');
  });
});

describe('people on leave', () => {
  const people: RetentionPerson[] = [
    {
      id: 'l',
      spells: [{ hireDate: '2020-01-01' }],
      leaves: [{ startDate: '2024-11-01', kind: 'parental' }],
    },
    stayer('s'),
  ];

  it('stay in the headcount and are reported as on leave', () => {
    expect(headcountOn(people, '2025-06-01')).toMatchObject({ headcount: 2, onLeave: 1 });
    expect(averageHeadcount(people, YEAR).value).toBe(2);
  });

  it('are not separations, and leave does not stop the tenure clock', () => {
    expect(turnover(people, YEAR).separations.total).toBe(0);
    expect(retentionRate(people, YEAR).value).toBe(1);
    const tenure = tenureSurvival([...people, stayer('t'), stayer('u'), stayer('v')], {
      asOf: '2025-12-31',
      unit: 'days',
    });
    // 2020-01-01 to 2025-12-31 inclusive: 2192 days, for everyone alike.
    expect(tenure.overall.status === 'shown' && tenure.overall.value.time).toEqual([2192]);
  });

  it('refuses a leave that ends before it starts', () => {
    const bad = [
      {
        id: 'x',
        spells: [{ hireDate: '2020-01-01' }],
        leaves: [{ startDate: '2025-02-01', endDate: '2025-01-01' }],
      },
    ];
    expect(codeOf(() => headcountOn(bad, '2025-01-15'))).toBe('INVALID_INPUT');
  });
});

describe('transfers between teams', () => {
  // Six people in sales all year; `mover` moves to support on 1 July (last day in sales
  // 30 June); `leaver` leaves the company from sales on 30 September; support also has four
  // people of its own; `shuffled` changes manager in sales on 1 March (not a transfer).
  const inSales = (id: string) => ({
    id,
    spells: [{ hireDate: '2020-01-01' }],
    assignments: [{ teamId: 'sales', validFrom: '2020-01-01' }],
  });
  const inSupport = (id: string) => ({
    id,
    spells: [{ hireDate: '2020-01-01' }],
    assignments: [{ teamId: 'support', validFrom: '2020-01-01' }],
  });
  const people: RetentionPerson[] = [
    ...['s1', 's2', 's3', 's4'].map(inSales),
    ...['p1', 'p2', 'p3', 'p4'].map(inSupport),
    {
      id: 'mover',
      spells: [{ hireDate: '2020-01-01' }],
      assignments: [
        { teamId: 'sales', validFrom: '2020-01-01', validTo: '2025-06-30' },
        { teamId: 'support', validFrom: '2025-07-01' },
      ],
    },
    {
      id: 'leaver',
      spells: [
        { hireDate: '2020-01-01', terminationDate: '2025-09-30', separationKind: 'involuntary' },
      ],
      assignments: [{ teamId: 'sales', validFrom: '2020-01-01' }],
    },
    {
      id: 'shuffled',
      spells: [{ hireDate: '2020-01-01' }],
      assignments: [
        { teamId: 'sales', managerId: 'm1', validFrom: '2020-01-01', validTo: '2025-02-28' },
        { teamId: 'sales', managerId: 'm2', validFrom: '2025-03-01' },
      ],
    },
  ];
  const shownValue = <T>(cell: { status: string; value?: T }) => {
    expect(cell.status).toBe('shown');
    return cell.value as T;
  };

  it('are not separations of the company', () => {
    expect(turnover(people, YEAR).separations).toMatchObject({ total: 1, involuntary: 1 });
  });

  it('are separations of the team when asked: transfers "separation" counts them as other', () => {
    const result = turnoverByTeam(people, YEAR, { transfers: 'separation' });
    expect(result.teams.map((team) => team.teamId)).toEqual(['sales', 'support']);
    const sales = shownValue<TeamTurnoverTotal>(result.teams[0]!.total);
    expect(sales.separations).toBe(2);
    // How the two left (a dismissal, a move counted as other) is in the audit record only.
    expect(result.teams[0]!.turnover).toBe(SUPPRESSED);
    expect(result.exitsReport.cells[0]).toMatchObject({
      n: 2,
      counts: { voluntary: 0, involuntary: 1, other: 1 },
    });
    const support = shownValue<ReturnType<typeof turnover>>(result.teams[1]!.turnover);
    expect(support).toMatchObject({ transfersIn: 1, hires: 0 });
    expect(support.separations.total).toBe(0);
    // Sales headcount: 7 on 1 January (s1-s4, mover, leaver, shuffled), 5 on 31 December.
    expect(sales.averageHeadcount.snapshots[0]?.headcount).toBe(7);
    expect(sales.averageHeadcount.snapshots.at(-1)?.headcount).toBe(5);
  });

  it('are not separations of the team with transfers "not-separation": teams add up to the company', () => {
    const result = turnoverByTeam(people, YEAR, { transfers: 'not-separation' });
    const total = result.teams.reduce(
      (sum, team) => sum + (team.total.status === 'shown' ? team.total.value.separations : 0),
      0,
    );
    expect(total).toBe(turnover(people, YEAR).separations.total);
    // Person-days of the teams add up to the company's too.
    const personDays = result.teams.reduce(
      (sum, team) =>
        sum + (team.total.status === 'shown' ? team.total.value.averageHeadcount.personDays : 0),
      0,
    );
    expect(personDays).toBe(averageHeadcount(people, YEAR).personDays);
  });

  it('must be chosen explicitly', () => {
    expect(codeOf(() => turnoverByTeam(people, YEAR, {} as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => turnoverByTeam(people, YEAR, { transfers: 'both' as never }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('suppresses a team with fewer people than the minimum group size', () => {
    const result = turnoverByTeam(people, YEAR, { transfers: 'separation', minGroupSize: 6 });
    // Support had p1-p4 and the mover: 5 people in 2025.
    expect(result.teams[1]?.turnover).toBe(SUPPRESSED);
    expect(result.teams[0]?.total.status === 'shown' && result.teams[0].total.n).toBe(7);
  });

  it('warns about days employed without a team', () => {
    const result = turnoverByTeam([...people, stayer('floater')], YEAR, {
      transfers: 'separation',
    });
    expect(result.warnings.join()).toMatch(
      // One person: fewer than the minimum, so not counted.
      /some people had days employed in the period without a team/,
    );
  });

  it('refuses overlapping assignments', () => {
    const bad = [
      {
        id: 'x',
        spells: [{ hireDate: '2020-01-01' }],
        assignments: [
          { teamId: 'a', validFrom: '2020-01-01' },
          { teamId: 'b', validFrom: '2024-01-01' },
        ],
      },
    ];
    expect(codeOf(() => turnoverByTeam(bad, YEAR, { transfers: 'separation' }))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('missing separation details', () => {
  it('counts a separation without a kind as other, with a warning', () => {
    const people = [
      { id: 'x', spells: [{ hireDate: '2020-01-01', terminationDate: '2025-05-05' }] },
      stayer('y'),
    ];
    const result = turnover(people, YEAR);
    expect(result.separations).toMatchObject({ total: 1, other: 1, regrettedUnknown: 1 });
    expect(result.warnings.join()).toMatch(/no separationKind/);
  });
});

describe('contractors and agency staff', () => {
  it('are neither headcount nor separations nor tenure', () => {
    const people: RetentionPerson[] = [
      {
        id: 'c',
        workerType: 'contractor',
        spells: [
          { hireDate: '2020-01-01', terminationDate: '2025-03-01', separationKind: 'other' },
        ],
      },
      { id: 'g', workerType: 'agency', spells: [{ hireDate: '2020-01-01' }] },
    ];
    expect(turnover(people, YEAR)).toMatchObject({ separations: { total: 0 }, hires: 0 });
    expect(headcountOn(people, '2025-01-01')).toMatchObject({ headcount: 0, excluded: 2 });
    const tenure = tenureSurvival(people, { asOf: '2025-12-31' });
    expect(tenure.overall).toBe(SUPPRESSED);
  });
});

describe('an empty organisation', () => {
  it('gives defined zeros and empty results everywhere, never NaN and never a throw', () => {
    const results = [
      headcountOn([], '2025-01-01'),
      averageHeadcount([], YEAR),
      averageHeadcount([], YEAR, { method: 'monthly' }),
      turnover([], YEAR),
      annualiseTurnover(turnover([], YEAR)),
      turnoverByMonth([], { from: '2025-01', to: '2025-12' }),
      turnoverByTeam([], YEAR, { transfers: 'separation' }),
      retentionRate([], YEAR),
      firstYearAttrition([], { asOf: '2025-12-31' }),
      hireCohorts([], { asOf: '2025-12-31' }),
      tenureSurvival([], { asOf: '2025-12-31', by: 'team' }),
    ];
    for (const result of results) {
      expect(numbers(result).filter((value) => Number.isNaN(value))).toEqual([]);
    }
    const empty = turnover([], YEAR);
    expect(empty.rates).toEqual({ total: 0, voluntary: 0, involuntary: 0, other: 0, regretted: 0 });
    expect(empty.regrettedShare).toBe(0);
    expect(empty.averageHeadcount.value).toBe(0);
    expect(empty.estimates.total.interval).toMatchObject({
      lower: 0,
      upper: Number.POSITIVE_INFINITY,
    });
    expect(empty.warnings.join()).toMatch(/average headcount is 0/);
    expect(retentionRate([], YEAR)).toMatchObject({ value: 0, startHeadcount: 0, retained: 0 });
  });
});

describe('averageHeadcount periods', () => {
  it('uses the last day, with a warning, when a monthly average has no month end', () => {
    const people = [stayer('a')];
    const result = averageHeadcount(
      people,
      { start: '2025-03-05', end: '2025-03-20' },
      { method: 'monthly' },
    );
    expect(result.snapshots).toEqual([{ day: '2025-03-19', headcount: 1 }]);
    expect(result.warnings.join()).toMatch(/no month end/);
  });

  it('handles a one-day period', () => {
    const result = averageHeadcount(
      [stayer('a')],
      { start: '2025-03-05', end: '2025-03-06' },
      { method: 'start-end' },
    );
    expect(result).toMatchObject({ value: 1, days: 1 });
  });
});

describe('bad input', () => {
  const good = [stayer('a')];

  it('refuses a termination before the hire with INVALID_INPUT', () => {
    const bad = [
      {
        id: 'x',
        spells: [
          {
            hireDate: '2025-03-01',
            terminationDate: '2025-02-28',
            separationKind: 'voluntary' as const,
          },
        ],
      },
    ];
    for (const action of [
      () => turnover(bad, YEAR),
      () => headcountOn(bad, '2025-01-01'),
      () => retentionRate(bad, YEAR),
      () => tenureSurvival(bad, { asOf: '2025-12-31' }),
      () => hireCohorts(bad, { asOf: '2025-12-31' }),
      () => firstYearAttrition(bad, { asOf: '2025-12-31' }),
    ]) {
      expect(codeOf(action)).toBe('INVALID_INPUT');
    }
  });

  it('refuses a period whose end is before or at its start with INVALID_PERIOD', () => {
    for (const period of [
      { start: '2025-02-01', end: '2025-01-01' },
      { start: '2025-02-01', end: '2025-02-01' },
    ]) {
      expect(codeOf(() => turnover(good, period))).toBe('INVALID_PERIOD');
      expect(codeOf(() => averageHeadcount(good, period))).toBe('INVALID_PERIOD');
      expect(codeOf(() => retentionRate(good, period))).toBe('INVALID_PERIOD');
      expect(codeOf(() => turnoverByTeam(good, period, { transfers: 'separation' }))).toBe(
        'INVALID_PERIOD',
      );
    }
    expect(codeOf(() => turnoverByMonth(good, { from: '2025-05', to: '2025-04' }))).toBe(
      'INVALID_PERIOD',
    );
  });

  it('refuses days that do not exist with INVALID_DATE', () => {
    expect(codeOf(() => turnover(good, { start: '2025-02-30', end: '2025-03-01' }))).toBe(
      'INVALID_DATE',
    );
    expect(
      codeOf(() => headcountOn([{ id: 'x', spells: [{ hireDate: '2025-13-01' }] }], '2025-01-01')),
    ).toBe('INVALID_DATE');
    expect(codeOf(() => turnoverByMonth(good, { from: '2025-13', to: '2025-12' }))).toBe(
      'INVALID_DATE',
    );
    expect(codeOf(() => tenureSurvival(good, { asOf: 'yesterday' }))).toBe('INVALID_DATE');
  });

  it('refuses malformed people with INVALID_INPUT', () => {
    const cases: unknown[] = [
      'people',
      [
        { id: 'a', spells: [] },
        { id: 'a', spells: [] },
      ],
      [{ id: 'a', workerType: 'intern', spells: [] }],
      [{ id: 'a' }],
      [{ spells: [] }],
      [
        {
          id: 'a',
          spells: [
            { hireDate: '2020-01-01', terminationDate: '2021-01-01', separationKind: 'fired' },
          ],
        },
      ],
    ];
    for (const people of cases) {
      expect(codeOf(() => turnover(people as RetentionPerson[], YEAR))).toBe('INVALID_INPUT');
    }
  });

  it('refuses unknown options with INVALID_OPTION', () => {
    expect(codeOf(() => averageHeadcount(good, YEAR, { method: 'weekly' as never }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => turnover(good, YEAR, { level: 95 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tenureSurvival(good, { asOf: '2025-12-31', unit: 'weeks' as never }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => tenureSurvival(good, { asOf: '2025-12-31', by: 'gender' as never }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => tenureSurvival(good, { asOf: '2025-12-31', minGroupSize: 2 }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => hireCohorts(good, { asOf: '2025-12-31', horizons: [0] }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => hireCohorts(good, { asOf: '2025-12-31', cohort: 'week' as never }))).toBe(
      'INVALID_OPTION',
    );
  });
});
