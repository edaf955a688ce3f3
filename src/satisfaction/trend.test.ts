import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../privacy/releaseLedger.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { engagementIndex } from './engagementIndex.js';
import { enpsTrend } from './enpsTrend.js';
import { responseRate } from './responseRate.js';

const answers = (count: number, submittedAt: string, score: (i: number) => number) =>
  Array.from({ length: count }, (_, i) => ({ submittedAt, score: score(i) }));

describe('enpsTrend', () => {
  it('buckets by calendar quarter in UTC, including empty quarters up to asOf', () => {
    const trend = enpsTrend(
      [
        ...answers(30, '2025-01-10T08:00:00Z', (i) => (i < 29 ? 9 : 7)),
        ...answers(30, '2025-07-01T00:30:00+02:00', (i) => (i < 29 ? 3 : 7)),
      ],
      { interval: 'quarter', asOf: '2025-09-30' },
    );
    // 00:30 at +02:00 on 1 July is 22:30 UTC on 30 June: the second quarter's last day.
    expect(
      trend.points.map((point) => [
        point.period.start,
        point.result.status === 'shown' ? point.result.n : null,
      ]),
    ).toEqual([
      ['2025-01-01', 30],
      ['2025-04-01', 30],
      ['2025-07-01', null],
    ]);
    expect(trend.points[1]?.result).toMatchObject({ value: { score: (-29 / 30) * 100 } });
    expect(trend.points[2]?.change).toBeNull();
  });

  it('buckets by ISO week (Monday first) and by month', () => {
    const week = enpsTrend(
      [
        ...answers(2, '2025-03-09T12:00:00Z', () => 9),
        ...answers(2, '2025-03-10T12:00:00Z', () => 9),
      ],
      {
        interval: 'week',
        asOf: '2025-03-12',
      },
    );
    expect(week.points.map((point) => point.period)).toEqual([
      { start: '2025-03-03', end: '2025-03-10' },
      { start: '2025-03-10', end: '2025-03-17' },
    ]);
    const month = enpsTrend(
      answers(1, '2024-02-29T23:59:59Z', () => 9),
      { interval: 'month', asOf: '2024-03-01' },
    );
    expect(month.points.map((point) => point.period.start)).toEqual(['2024-02-01', '2024-03-01']);
  });

  it('flags a change only when p < 0.05, both buckets have 20 answers and the change is at least 5 points', () => {
    const big = enpsTrend(
      [
        ...answers(40, '2025-01-15T09:00:00Z', (i) => (i % 2 ? 9 : 5)),
        ...answers(40, '2025-04-15T09:00:00Z', (i) => (i % 5 ? 9 : 7)),
      ],
      {
        interval: 'quarter',
        asOf: '2025-06-30',
      },
    );
    expect(big.points[1]?.change?.significant).toBe(true);
    const few = enpsTrend(
      [
        ...answers(19, '2025-01-15T09:00:00Z', (i) => (i < 18 ? 3 : 7)),
        ...answers(40, '2025-04-15T09:00:00Z', (i) => (i < 39 ? 9 : 7)),
      ],
      {
        interval: 'quarter',
        asOf: '2025-06-30',
      },
    );
    expect(few.points[1]?.change?.pValue).toBeLessThan(0.05);
    expect(few.points[1]?.change?.significant).toBe(false);
    const small = enpsTrend(
      [
        ...answers(10_000, '2025-01-15T09:00:00Z', (i) => (i % 100 < 50 ? 9 : 5)),
        ...answers(10_000, '2025-04-15T09:00:00Z', (i) => (i % 100 < 52 ? 9 : 5)),
      ],
      { interval: 'quarter', asOf: '2025-06-30' },
    );
    expect(small.points[1]?.change?.pValue).toBeLessThan(0.05);
    expect(small.points[1]?.change?.difference).toBeCloseTo(4, 9);
    expect(small.points[1]?.change?.significant).toBe(false);
    const lowered = enpsTrend(
      [
        ...answers(10_000, '2025-01-15T09:00:00Z', (i) => (i % 100 < 50 ? 9 : 5)),
        ...answers(10_000, '2025-04-15T09:00:00Z', (i) => (i % 100 < 52 ? 9 : 5)),
      ],
      { interval: 'quarter', asOf: '2025-06-30', minChange: 3 },
    );
    expect(lowered.points[1]?.change?.significant).toBe(true);
  });

  it('leaves out answers after asOf and says so, and gives no points for no answers', () => {
    const trend = enpsTrend(
      answers(3, '2025-05-01T00:00:00Z', () => 9),
      { interval: 'month', asOf: '2025-04-30' },
    );
    expect(trend).toEqual({ points: [], warnings: ['3 answers after 2025-04-30 left out'] });
  });

  it('adjusts the change p-values with Benjamini-Hochberg on request', () => {
    const data = [
      ...answers(40, '2025-01-15T09:00:00Z', (i) => (i % 2 ? 9 : 5)),
      ...answers(40, '2025-04-15T09:00:00Z', () => 9),
      ...answers(40, '2025-07-15T09:00:00Z', (i) => (i % 3 ? 9 : 5)),
    ];
    const raw = enpsTrend(data, { interval: 'quarter', asOf: '2025-09-30' });
    const adjusted = enpsTrend(data, {
      interval: 'quarter',
      asOf: '2025-09-30',
      adjust: 'benjamini-hochberg',
    });
    const rawP = raw.points.map((point) => point.change?.pValue ?? null);
    expect(adjusted.points.map((point) => point.change?.adjustedPValue ?? null)).toEqual(
      benjaminiHochberg(rawP),
    );
  });

  it('refuses an unknown interval and a bad asOf', () => {
    expect(() => enpsTrend([], { interval: 'year' as 'month', asOf: '2025-01-01' })).toThrow(
      /interval week, month or quarter/,
    );
    expect(() => enpsTrend([], { interval: 'month', asOf: '2025-02-30' })).toThrow(/toCalendarDay/);
  });
});

describe('benjaminiHochberg', () => {
  it('matches R p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH")', () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.2]);
    for (const [i, value] of [0.04, 0.0533333333333, 0.0533333333333, 0.2].entries()) {
      expect(adjusted[i]).toBeCloseTo(value, 12);
    }
  });

  it('keeps untested entries null and refuses p-values outside [0, 1]', () => {
    expect(benjaminiHochberg([null, 0.5])).toEqual([null, 0.5]);
    expect(() => benjaminiHochberg([1.2])).toThrow(/\[0, 1\]/);
  });
});

describe('responseRate', () => {
  it('assesses below 60% as low, from 75% as good, between as fair', () => {
    expect(
      [59, 60, 74, 75, 80].map((responded) => responseRate(100, responded).assessment),
    ).toEqual(['low', 'fair', 'fair', 'good', 'good']);
  });

  it('gives a Wilson interval and refuses more responses than invitations', () => {
    const result = responseRate(10, 6);
    expect(result.interval?.lower).toBeCloseTo(0.3126738, 6);
    expect(() => responseRate(10, 11)).toThrow(/responded <= invited/);
    expect(() => responseRate(10, 5, { low: 0.9, target: 0.8 })).toThrow(/low <= target/);
  });
});

describe('engagementIndex', () => {
  const items = [
    { id: 'q1', points: 5 },
    { id: 'q2', points: 5 },
  ];

  it("averages items' % favourable (Culture Amp) or people's 0-100 means (Peakon)", () => {
    const responses = [
      { respondentId: 'a', submittedAt: '2025-03-01T09:00:00Z', answers: { q1: 5, q2: 4 } },
      { respondentId: 'b', submittedAt: '2025-03-02T09:00:00Z', answers: { q1: 2, q2: null } },
    ];
    const byItem = engagementIndex(responses, { items, asOf: '2025-03-31' });
    expect(byItem.value).toBe(75); // q1: 1 of 2 favourable, q2: 1 of 1
    expect(byItem.items).toEqual([
      { id: 'q1', n: 2, value: 50 },
      { id: 'q2', n: 1, value: 100 },
    ]);
    // a: (100 + 75) / 2 = 87.5; b: 25; people: (87.5 + 25) / 2
    expect(
      engagementIndex(responses, { items, asOf: '2025-03-31', method: 'person-mean' }).value,
    ).toBe(56.25);
  });

  it("keeps each person's latest answer per item in the window", () => {
    const responses = [
      { respondentId: 'a', submittedAt: '2025-03-20T09:00:00Z', answers: { q1: 1, q2: 1 } },
      { respondentId: 'a', submittedAt: '2025-01-05T09:00:00Z', answers: { q1: 5, q2: 5 } },
      { respondentId: 'a', submittedAt: '2025-03-25T09:00:00Z', answers: { q1: 5, q2: null } },
    ];
    const result = engagementIndex(responses, {
      items,
      asOf: '2025-03-31',
      window: 30,
      method: 'person-mean',
    });
    expect(result.n).toBe(1);
    expect(result.value).toBe(50); // q1 latest 5 (100), q2 latest in window 1 (0)
    expect(
      engagementIndex(responses, { items, asOf: '2025-03-31', method: 'person-mean' }).value,
    ).toBe(50);
    expect(
      engagementIndex(responses, { items, asOf: '2025-02-01', method: 'person-mean' }).value,
    ).toBe(100);
  });

  it('counts anonymous responses as separate people and warns', () => {
    const result = engagementIndex(
      [
        { submittedAt: '2025-03-01T09:00:00Z', answers: { q1: 5 } },
        { submittedAt: '2025-03-01T09:00:00Z', answers: { q1: 5 } },
      ],
      { items, asOf: '2025-03-31' },
    );
    expect(result.n).toBe(2);
    expect(result.warnings).toEqual(['2 responses without a respondent id each count as a person']);
  });

  it("refuses answers off an item's scale and gives null with no answers", () => {
    expect(() =>
      engagementIndex(
        [{ respondentId: 'a', submittedAt: '2025-03-01T09:00:00Z', answers: { q1: 6 } }],
        { items, asOf: '2025-03-31' },
      ),
    ).toThrow(/1 to 5/);
    expect(engagementIndex([], { items, asOf: '2025-03-31' }).value).toBeNull();
  });
});

describe('enpsTrend privacy (issue 14, leak 1)', () => {
  // Ten answers in Q1 and one late answer of 0 in Q2: Q2 must not show "score -100, n 1".
  const lateAnswer = [
    ...answers(10, '2025-01-15T09:00:00Z', (i) => [9, 10, 7, 3, 9, 8, 6, 10, 9, 7][i]!),
    ...answers(1, '2025-04-02T09:00:00Z', () => 0),
  ];

  it('suppresses a period of fewer than minGroupSize answers, with no hint of its size', () => {
    const trend = enpsTrend(lateAnswer, { interval: 'quarter', asOf: '2025-06-30' });
    expect(trend.points[0]?.result).toMatchObject({ status: 'shown', n: 10 });
    expect(trend.points[1]?.result).toEqual({ status: 'suppressed' });
    expect(trend.points[1]?.change).toBeNull();
    expect(JSON.stringify(trend.points[1])).not.toMatch(/-100|"n"/);
  });

  it('suppresses a period in which every answer falls in one category', () => {
    const trend = enpsTrend([...lateAnswer, ...answers(6, '2025-07-02T09:00:00Z', () => 2)], {
      interval: 'quarter',
      asOf: '2025-09-30',
    });
    expect(trend.points.map((point) => point.result.status)).toEqual([
      'shown',
      'suppressed',
      'suppressed',
    ]);
  });

  it('suppresses empty periods like small ones and honours a larger minGroupSize', () => {
    const trend = enpsTrend(
      [...lateAnswer, ...answers(12, '2025-10-02T09:00:00Z', (i) => (i % 2 ? 9 : 5))],
      { interval: 'quarter', asOf: '2025-12-31', minGroupSize: 11 },
    );
    expect(trend.points.map((point) => point.result)).toEqual([
      { status: 'suppressed' },
      { status: 'suppressed' },
      { status: 'suppressed' },
      expect.objectContaining({ status: 'shown', n: 12 }),
    ]);
    expect(() =>
      enpsTrend(lateAnswer, { interval: 'quarter', asOf: '2025-06-30', minGroupSize: 2 }),
    ).toThrow(/minGroupSize/);
  });

  it('applies the largest minGroupSize of the surveys the answers come from (issue 14, leak 5)', () => {
    const eight = answers(8, '2025-01-15T09:00:00Z', (i) => (i % 2 ? 9 : 5));
    const trend = (surveys?: readonly { minGroupSize?: number }[]) =>
      enpsTrend(eight, {
        interval: 'quarter',
        asOf: '2025-03-31',
        ...(surveys === undefined ? {} : { surveys }),
      }).points[0]?.result.status;
    expect(trend()).toBe('shown');
    expect(trend([{}, { minGroupSize: 5 }])).toBe('shown');
    expect(trend([{ minGroupSize: 5 }, { minGroupSize: 10 }])).toBe('suppressed');
  });

  it('tests and adjusts changes only between shown periods', () => {
    const data = [
      ...answers(40, '2025-01-15T09:00:00Z', (i) => (i % 2 ? 9 : 5)),
      ...answers(2, '2025-04-15T09:00:00Z', () => 0),
      ...answers(40, '2025-07-15T09:00:00Z', (i) => (i % 5 ? 9 : 7)),
      ...answers(40, '2025-10-15T09:00:00Z', (i) => (i % 3 ? 9 : 5)),
    ];
    const trend = enpsTrend(data, {
      interval: 'quarter',
      asOf: '2025-12-31',
      adjust: 'benjamini-hochberg',
    });
    expect(trend.points.map((point) => point.change === null)).toEqual([true, true, true, false]);
    // One test only, so its adjusted p-value is its own.
    expect(trend.points[3]?.change?.adjustedPValue).toBe(trend.points[3]?.change?.pValue);
  });
});

describe('enpsTrend with a release ledger', () => {
  const ten = answers(10, '2025-04-15T09:00:00Z', (i) => (i % 2 ? 9 : 5));

  it('refuses a quarter shown before with one answer fewer (a late answer), and warns', () => {
    const first = enpsTrend(ten, {
      interval: 'quarter',
      asOf: '2025-05-31',
      ledger: emptyLedger(),
    });
    expect(first.points[0]?.result.status).toBe('shown');
    expect(first.ledger?.ledger.entries).toHaveLength(1);
    const late = [...ten, { submittedAt: '2025-06-20T09:00:00Z', score: 0 }];
    const second = enpsTrend(late, {
      interval: 'quarter',
      asOf: '2025-06-30',
      ledger: first.ledger!.ledger,
    });
    expect(second.points[0]?.result).toEqual({ status: 'suppressed' });
    expect(second.ledger?.refusals.map((r) => r.onlyNew)).toEqual([1]);
    expect(second.warnings.some((w) => w.includes('release ledger'))).toBe(true);
    // Without the ledger the late answer would be given away by subtraction.
    expect(
      enpsTrend(late, { interval: 'quarter', asOf: '2025-06-30' }).points[0]?.result.status,
    ).toBe('shown');
  });

  it('compares a month with the quarter that holds it (same answers, same statistic)', () => {
    const april = answers(10, '2025-04-15T09:00:00Z', (i) => (i % 2 ? 9 : 5));
    const may = answers(2, '2025-05-15T09:00:00Z', () => 10);
    const quarter = enpsTrend([...april, ...may], {
      interval: 'quarter',
      asOf: '2025-06-30',
      ledger: emptyLedger(),
    });
    expect(quarter.points[0]?.result.status).toBe('shown');
    const months = enpsTrend(april, {
      interval: 'month',
      asOf: '2025-04-30',
      ledger: quarter.ledger!.ledger,
    });
    expect(months.points[0]?.result).toEqual({ status: 'suppressed' });
  });

  it('leaves the same release again as it was', () => {
    const first = enpsTrend(ten, {
      interval: 'quarter',
      asOf: '2025-06-30',
      ledger: emptyLedger(),
    });
    const again = enpsTrend(ten, {
      interval: 'quarter',
      asOf: '2025-06-30',
      ledger: first.ledger!.ledger,
    });
    expect(again.points[0]?.result.status).toBe('shown');
    expect(again.ledger?.ledger).toEqual(first.ledger?.ledger);
  });
});
