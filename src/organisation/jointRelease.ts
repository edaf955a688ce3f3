import { utcDayOf } from '../internal/epochDay.js';
import { type ReleaseLedger, suppressTableWithLedger } from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { CellStatistics, TableCell, TableEquation } from '../privacy/table.js';
import { classifyEnps } from '../satisfaction/classifyEnps.js';
import { answerGroups, type EnpsTrendResult } from '../satisfaction/enpsTrend.js';

/** An eNPS answer of the report, with its survey. @internal */
export interface ReportAnswer {
  readonly surveyId: string;
  readonly submittedAt: string;
  readonly score: number;
}

const CATEGORY_KEY = {
  detractor: 'detractors',
  passive: 'passives',
  promoter: 'promoters',
} as const;

/** Each answer's category: one categorical variable (a category nobody chose is no shared trait). */
const VARIABLES = { answer: ['detractors', 'passives', 'promoters'] } as const;

function emptyCell(id: string) {
  return { id, n: 0, counts: { detractors: 0, passives: 0, promoters: 0 }, variables: VARIABLES };
}

/**
 * The trend's periods and the latest survey's eNPS total, released together (issue 14, leak 1 in
 * the report): the total is the sum of the latest survey's answers in each period, so a total
 * shown beside periods each suppressed on their own gives away a suppressed period's answers by
 * subtraction (10 answers in Q1 and one late answer in Q2: total minus Q1 is the late answer).
 * One table holds the periods (published), the total (published) and each period's answers of the
 * latest survey and of the others (never published, so treated as known: a conservative choice),
 * tied by `period = latest's part + others' part` and `total = sum of latest's parts` (plus the
 * latest's answers outside every period). `suppressTable` then protects all of it at once; a
 * period it hides loses its result and the changes into and out of it. @internal
 */
export function releaseTrendWithTotal(
  trend: EnpsTrendResult,
  answers: readonly ReportAnswer[],
  latestSurveyId: string,
  minGroupSize: number,
  ledger?: ReleaseLedger,
): {
  readonly trend: EnpsTrendResult;
  readonly totalShown: boolean;
  readonly release?: { readonly ledger: ReleaseLedger; readonly refused: boolean };
} {
  const points = trend.points;
  const latest = points.map((_, i) => emptyCell(`latest|${i}`));
  const others = points.map((_, i) => emptyCell(`others|${i}`));
  const outside = emptyCell('latest|outside');
  // The answers of each cell that totals nothing, for the ledger's populations.
  const answersOf = new Map<string, ReportAnswer[]>();
  for (const answer of answers) {
    const day = utcDayOf(answer.submittedAt);
    const index = points.findIndex((p) => p.period.start <= day && day < p.period.end);
    const isLatest = answer.surveyId === latestSurveyId;
    if (index < 0 && !isLatest) continue;
    const cell = index < 0 ? outside : (isLatest ? latest : others)[index]!;
    cell.n++;
    cell.counts[CATEGORY_KEY[classifyEnps(answer.score)]]++;
    if (ledger === undefined) continue;
    const list = answersOf.get(cell.id);
    if (list === undefined) answersOf.set(cell.id, [answer]);
    else list.push(answer);
  }
  const add = (id: string, parts: readonly CellStatistics[]): TableCell => ({
    id,
    n: parts.reduce((sum, part) => sum + part.n, 0),
    counts: Object.fromEntries(
      VARIABLES.answer.map((key) => [
        key,
        parts.reduce((sum, part) => sum + (part.counts?.[key] ?? 0), 0),
      ]),
    ),
    variables: VARIABLES,
  });
  const periods = points.map((_, i) => add(`period|${i}`, [latest[i]!, others[i]!]));
  const total = add('total', [...latest, outside]);
  const equations: TableEquation[] = [
    ...points.map((_, i) => ({ total: `period|${i}`, parts: [`latest|${i}`, `others|${i}`] })),
    { total: 'total', parts: [...latest.map((cell) => cell.id), outside.id] },
  ];
  const table = { cells: [...periods, total, ...latest, ...others, outside], equations };
  let report: PublishedReport;
  let release: { ledger: ReleaseLedger; refused: boolean } | undefined;
  if (ledger === undefined) {
    report = suppressTable(table, { minGroupSize });
  } else {
    // Every eNPS answer of every survey is one statistic here, counted by survey and day, as
    // `enpsTrend` counts it: the total and the periods are compared with earlier reports.
    const ledgered = suppressTableWithLedger(table, {
      minGroupSize,
      ledger,
      statistic: 'enps:answers',
      populations: new Map(
        [...latest, ...others, outside].map((cell) => [
          cell.id,
          answerGroups(answersOf.get(cell.id) ?? []),
        ]),
      ),
    });
    report = ledgered.report;
    release = { ledger: ledgered.ledger, refused: ledgered.refusals.length > 0 };
  }
  const shown = new Set(report.cells.filter((c) => c.status === 'shown').map((c) => c.id));
  const hidden = points.map((_, i) => !shown.has(`period|${i}`));
  return {
    trend: {
      ...trend,
      points: points.map((point, i) => ({
        ...point,
        result: hidden[i] ? (SUPPRESSED as Reportable<never>) : point.result,
        change: hidden[i] || (i > 0 && hidden[i - 1]) ? null : point.change,
      })),
    },
    totalShown: shown.has('total'),
    ...(release === undefined ? {} : { release }),
  };
}
