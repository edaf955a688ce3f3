/**
 * The chart builders return plain Vega-Lite JSON that compiles with vega-lite 6 and renders with
 * vega to SVG without a warning (the optional renderers are dev dependencies here), and each marks
 * what it must: suppressed cells, significant changes, cells not yet observable.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { period } from '../core/period.js';
import { codeOf } from '../internal/testing/codeOf.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import { hireCohorts } from '../retention/hireCohorts.js';
import { kaplanMeier } from '../retention/kaplanMeier.js';
import { publishHireCohorts } from '../retention/publishHireCohorts.js';
import { turnoverByMonth } from '../retention/turnoverByMonth.js';
import { enpsTrend } from '../satisfaction/enpsTrend.js';
import { favourability } from '../satisfaction/favourability.js';
import { validateDataset } from '../schemas/dataset.js';
import { scorecards } from '../service/scorecards.js';
import type { VegaLiteSpec } from './chartTypes.js';
import { cohortChart } from './cohortChart.js';
import { enpsTrendChart } from './enpsTrendChart.js';
import { favourabilityChart } from './favourabilityChart.js';
import { heatmapChart } from './heatmapChart.js';
import { scorecardChart } from './scorecardChart.js';
import { scorecardTable } from './scorecardTable.js';
import { survivalChart } from './survivalChart.js';
import { turnoverChart } from './turnoverChart.js';

async function render(spec: VegaLiteSpec): Promise<{ svg: string; problems: string[] }> {
  const problems: string[] = [];
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    problems.push(args.join(' '));
    return logger;
  };
  logger.error = logger.warn;
  const compiled = vegaLite.compile(spec as never, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, problems };
}

type Values = Record<string, unknown>[];
const valuesOf = (spec: VegaLiteSpec) => (spec.data as { values: Values }).values;

const answers = [
  ...Array.from({ length: 40 }, (_, i) => ({
    submittedAt: '2025-01-15T09:00:00Z',
    score: i % 2 ? 9 : 5,
  })),
  ...Array.from({ length: 40 }, (_, i) => ({
    submittedAt: '2025-04-15T09:00:00Z',
    score: i % 5 ? 9 : 7,
  })),
  ...Array.from({ length: 10 }, () => ({ submittedAt: '2025-10-15T09:00:00Z', score: 10 })),
];
const people = [
  { id: 'a', spells: [{ hireDate: '2024-01-15' }] },
  {
    id: 'b',
    spells: [
      {
        hireDate: '2024-02-01',
        terminationDate: '2024-06-30',
        separationKind: 'voluntary' as const,
      },
    ],
  },
  { id: 'c', spells: [{ hireDate: '2025-02-10' }] },
];

/** Two managers of five people each, one holding one-to-ones with everyone. */
function scorecardsResult() {
  const team = (manager: string) => ['a', 'b', 'c', 'd', 'e'].map((id) => `${manager}-${id}`);
  const people = [...team('m1'), ...team('m2')];
  const dataset = validateDataset({
    employees: ['m1', 'm2', ...people].map((id) => ({ id, name: id === 'm1' ? 'Ada' : id })),
    teams: [{ id: 't', name: 'T' }],
    spells: ['m1', 'm2', ...people].map((employeeId) => ({ employeeId, hireDate: '2024-01-01' })),
    assignments: people.map((employeeId) => ({
      employeeId,
      managerId: employeeId.slice(0, 2),
      teamId: 't',
      validFrom: '2024-01-01',
    })),
    oneOnOnes: team('m1').map((employeeId, i) => ({
      id: `o${i}`,
      employeeId,
      managerId: 'm1',
      date: '2025-06-20',
      summaryWritten: true,
      summaryConfirmed: true,
    })),
  }).dataset;
  return scorecards(dataset, { period: period('2025-01-01', '2025-07-01'), asOf: '2025-06-30' });
}

const charts: [string, VegaLiteSpec][] = [
  [
    'enpsTrendChart',
    enpsTrendChart(enpsTrend(answers, { interval: 'quarter', asOf: '2025-12-31' })),
  ],
  [
    'favourabilityChart',
    favourabilityChart([
      { label: 'grow', result: favourability([4, 3, 5, 2, 4], { points: 5 }) },
      { label: 'workload', result: SUPPRESSED },
      { label: 'nobody', result: favourability([null], { points: 5 }) },
    ]),
  ],
  [
    'heatmapChart',
    heatmapChart([
      { row: 'Sales', column: 'Growth', cell: { status: 'shown', value: 0.625, n: 8 } },
      { row: 'Support', column: 'Growth', cell: SUPPRESSED },
    ]),
  ],
  [
    'heatmapChart (scores)',
    heatmapChart([{ row: 'A', column: 'eNPS', cell: { status: 'shown', value: -12.34, n: 9 } }], {
      scale: 'score',
    }),
  ],
  [
    'survivalChart',
    survivalChart([
      { label: 'everyone', curve: kaplanMeier([3, 5, 5, 8, 12], [1, 1, 0, 1, 0]) },
      {
        label: 'all left',
        curve: { status: 'shown', value: kaplanMeier([1, 2, 3], [1, 1, 1]), n: 3 },
      },
      { label: 'Sales', curve: SUPPRESSED },
    ]),
  ],
  [
    'cohortChart',
    cohortChart([
      ...publishHireCohorts(hireCohorts(people, { asOf: '2025-06-30', horizons: [3, 12] }), {
        minGroupSize: 3,
      }).rows,
      {
        cohort: '2025-Q2',
        first: '2025-04-01',
        last: '2025-06-30',
        hires: SUPPRESSED,
        cells: [
          { horizon: 3, retained: SUPPRESSED },
          { horizon: 12, retained: SUPPRESSED },
        ],
      },
    ]),
  ],
  ['turnoverChart', turnoverChart(turnoverByMonth(people, { from: '2024-01', to: '2024-12' }))],
  ['scorecardChart', scorecardChart(scorecardsResult().scorecards)],
  ['enpsTrendChart (empty)', enpsTrendChart({ points: [], warnings: [] })],
  ['heatmapChart (empty)', heatmapChart([])],
  ['survivalChart (all suppressed)', survivalChart([{ label: 'x', curve: SUPPRESSED }])],
];

describe('chart builders', () => {
  for (const [name, spec] of charts) {
    it(`${name} is plain JSON that renders to SVG with no warning`, async () => {
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      const { svg, problems } = await render(spec);
      expect(problems).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
    });
  }

  it('enpsTrendChart leaves gaps for empty and unanimous quarters and flags the significant change', () => {
    const values = valuesOf(charts[0]![1]);
    expect(values.map((row) => [row.period, row.score])).toEqual([
      ['2025-Q1', 0],
      ['2025-Q2', 80],
      ['2025-Q3', null],
      ['2025-Q4', null],
    ]);
    expect(values.map((row) => row.significant)).toEqual([false, true, false, false]);
    expect(values[1]!.flag).toBe('+80.0');
  });

  it('enpsTrendChart leaves a gap for a suppressed period and never shows its n (issue 14, leak 1)', async () => {
    const late = [
      ...Array.from({ length: 10 }, (_, i) => ({
        submittedAt: '2025-01-15T09:00:00Z',
        score: [9, 10, 7, 3, 9, 8, 6, 10, 9, 7][i]!,
      })),
      { submittedAt: '2025-04-02T09:00:00Z', score: 0 },
      ...Array.from({ length: 8 }, (_, i) => ({
        submittedAt: '2025-07-15T09:00:00Z',
        score: i % 2 ? 9 : 4,
      })),
    ];
    const spec = enpsTrendChart(enpsTrend(late, { interval: 'quarter', asOf: '2025-09-30' }));
    const values = valuesOf(spec);
    expect(values.map((row) => row.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(values[1]).toEqual({
      period: '2025-Q2',
      start: '2025-04-01',
      status: 'suppressed',
      score: null,
      lower: null,
      upper: null,
      n: null,
      change: null,
      pValue: null,
      significant: false,
      flag: '',
    });
    expect(JSON.stringify(values)).not.toMatch(/-100/);
    // The line breaks at the gap: two separate paths, not one drawn across Q2.
    const { svg, problems } = await render(spec);
    expect(problems).toEqual([]);
    const line = svg.match(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/s)?.[1] ?? '';
    const path = line.match(/ d="([^"]*)"/)?.[1] ?? '';
    expect(path.match(/M/g)?.length).toBe(2);
  });

  it('enpsTrendChart rounds half away from zero and clips limits to -100..100', () => {
    const trend = enpsTrend(
      Array.from({ length: 8 }, (_, i) => ({
        submittedAt: '2025-01-15T09:00:00Z',
        score: i === 0 ? 8 : 10,
      })),
      { interval: 'quarter', asOf: '2025-03-31', method: 'wald' },
    );
    const [row] = valuesOf(enpsTrendChart(trend));
    // Wald: 87.5 +- 1.959964 * 100 * sqrt((0.875 - 0.875^2) / 8) = 87.5 +- 22.917.
    expect(row!.score).toBe(87.5);
    expect(row!.upper).toBe(100);
    expect(row!.lower).toBe(64.6);
  });

  it('favourabilityChart draws a suppressed item and one nobody answered as labelled grey bars', () => {
    const values = valuesOf(charts[1]![1]);
    expect(
      values.filter((row) => row.category === 'Suppressed').map((row) => [row.item, row.label]),
    ).toEqual([
      ['workload', 'suppressed'],
      ['nobody', 'no answers'],
    ]);
  });

  it('heatmapChart marks suppressed cells with a dash and no value', () => {
    const values = valuesOf(charts[2]![1]);
    expect(values[1]).toMatchObject({ status: 'suppressed', value: null, n: null, label: '–' });
    expect(valuesOf(charts[3]![1])[0]).toMatchObject({ value: -12.3, label: '-12.3' });
  });

  it('heatmapChart refuses two cells at one place and an unknown scale', () => {
    const cell = { row: 'a', column: 'b', cell: SUPPRESSED };
    expect(codeOf(() => heatmapChart([cell, cell]))).toBe('INVALID_INPUT');
    expect(codeOf(() => heatmapChart([], { scale: 'stars' as never }))).toBe('INVALID_OPTION');
  });

  it('survivalChart starts every curve at 1 and names suppressed curves in the subtitle', () => {
    const spec = charts[4]![1];
    const values = valuesOf(spec);
    expect(values.filter((row) => row.time === 0).map((row) => row.survival)).toEqual([1, 1]);
    expect(values.some((row) => row.curve === 'Sales')).toBe(false);
    expect((spec.title as { subtitle: string }).subtitle).toContain(
      'Suppressed (too few people): Sales',
    );
  });

  it('cohortChart keeps unobservable cells apart from zero and greys suppressed cohorts', () => {
    const values = valuesOf(charts[5]![1]);
    expect(
      values.find((row) => row.cohort === '2025-Q1' && row.horizon === '12 months'),
    ).toMatchObject({
      status: 'pending',
      rate: null,
    });
    expect(values.filter((row) => row.cohort === '2025-Q2').map((row) => row.status)).toEqual([
      'suppressed',
      'suppressed',
    ]);
  });

  it('turnoverChart gives each month its rates by kind in percent', () => {
    const values = valuesOf(charts[6]![1]);
    expect(values.filter((row) => row.month === '2024-06').map((row) => row.kind)).toEqual([
      'Voluntary',
      'Involuntary',
      'Other',
    ]);
    expect(
      values.find((row) => row.month === '2024-06' && row.kind === 'Voluntary')!.separations,
    ).toBe(1);
  });

  it('scorecardChart colours each cell by its assessment and greys suppressed ones', () => {
    const values = valuesOf(
      scorecardChart(scorecardsResult().scorecards, { names: new Map([['m1', 'Ada']]) }),
    );
    expect(
      values.find((v) => v.manager === 'Ada (5)' && v.metricId === 'oneOnOneCoverage'),
    ).toMatchObject({
      label: '100%',
      assessment: 'meets',
      target: '90%',
    });
    expect(
      values.find((v) => v.manager === 'm2 (5)' && v.metricId === 'oneOnOneCoverage'),
    ).toMatchObject({
      label: '0%',
      assessment: 'below',
    });
    expect(values.find((v) => v.managerId === 'm2' && v.metricId === 'teamEnps')).toMatchObject({
      assessment: 'suppressed',
      label: '–',
    });
  });

  it('scorecardTable gives the same cells as text, marking values below target, with a tone per cell', () => {
    const table = scorecardTable(scorecardsResult().scorecards, {
      metrics: ['oneOnOneCoverage', 'summariesConfirmed', 'teamEnps'],
    });
    expect(table).toEqual({
      header: ['manager', 'people', '1:1 coverage', 'summaries confirmed', 'team eNPS'],
      rows: [
        ['m1', '5', '100%', '100%', 'suppressed'],
        ['m2', '5', '0%!', 'suppressed', 'suppressed'],
      ],
      tones: [
        [null, null, 'good', 'good', 'muted'],
        [null, null, 'poor', 'muted', 'muted'],
      ],
    });
  });

  it('heatmapChart never cuts a label, and numbers columns in order when asked', () => {
    const long = 'I can see a future for myself here, whatever the next reorganisation brings';
    const cells = [
      { row: 'Sales', column: long, cell: SUPPRESSED },
      { row: 'Sales', column: 'Workload', cell: SUPPRESSED },
    ];
    const text = heatmapChart(cells) as unknown as {
      encoding: { x: { axis: object }; y: { axis: object } };
    };
    expect(text.encoding.x.axis).toMatchObject({ labelLimit: 0 });
    expect(text.encoding.y.axis).toMatchObject({ labelLimit: 0 });
    const numbered = heatmapChart(cells, { columnLabels: 'numbers' });
    expect(valuesOf(numbered).map((row) => [row.key, row.column])).toEqual([
      ['1', long],
      ['2', 'Workload'],
    ]);
    expect(codeOf(() => heatmapChart(cells, { columnLabels: 'letters' as never }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('favourabilityChart wraps long labels onto lines of labelChars, centred on their bars, never cut', async () => {
    const label =
      'I have good opportunities to learn and grow here, in my own team and across the group';
    const spec = favourabilityChart(
      [
        { label, result: favourability([4, 5, 2], { points: 5 }) },
        { label: 'Short', result: SUPPRESSED },
      ],
      { labelChars: 30 },
    );
    const wrapped = valuesOf(spec).map((row) => String(row.wrapped).split('\n'));
    expect(wrapped[0]!.filter((line) => line !== '').join(' ')).toBe(label);
    expect(wrapped[0]!.every((line) => line.length <= 30)).toBe(true);
    // Every label as many lines as the longest (3), the short one centred: '', 'Short', ''.
    expect(wrapped.at(-1)).toEqual(['', 'Short', '']);
    const { svg, problems } = await render(spec);
    expect(problems).toEqual([]);
    expect(svg).toContain('>learn and grow here, in my own<');
    expect(codeOf(() => favourabilityChart([], { labelChars: 0 }))).toBe('INVALID_OPTION');
  });

  it('survivalChart with highlight draws one curve in colour over the others in grey, no legend', async () => {
    const curves = [
      { label: 'everyone', curve: kaplanMeier([3, 5, 5, 8, 12], [1, 1, 0, 1, 0]) },
      { label: 'Sales', curve: kaplanMeier([2, 4], [1, 0]) },
      { label: 'Hidden', curve: SUPPRESSED },
    ];
    const spec = survivalChart(curves, { highlight: 'Sales' });
    expect((spec.title as { text: string }).text).toBe('Sales');
    expect(
      valuesOf(spec)
        .filter((row) => row.highlighted)
        .map((row) => row.curve),
    ).toEqual(['Sales', 'Sales', 'Sales']);
    const { svg, problems } = await render(spec);
    expect(problems).toEqual([]);
    expect(svg).not.toContain('role-legend');
    expect(codeOf(() => survivalChart(curves, { highlight: 'Hidden' }))).toBe('INVALID_OPTION');
  });

  it('turnoverChart mentions regret only when some separation carries the regretted flag', () => {
    const flagged = people.map((person) => ({
      ...person,
      spells: person.spells.map((spell) => ({ ...spell, regretted: true })),
    }));
    const months = { from: '2024-01', to: '2024-12' };
    expect(JSON.stringify(turnoverChart(turnoverByMonth(people, months)))).not.toMatch(/regret/i);
    const spec = turnoverChart(turnoverByMonth(flagged, months));
    expect((spec.layer as unknown[]).length).toBe(2);
    expect(valuesOf(spec).find((row) => row.month === '2024-06')).toMatchObject({ regretted: 1 });
  });

  it('every builder refuses a width that is not a positive number', () => {
    expect(codeOf(() => turnoverChart({ months: [], warnings: [] }, { width: 0 }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => cohortChart([], { height: Number.NaN }))).toBe('INVALID_OPTION');
  });
});
