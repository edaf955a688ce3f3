import type { UTCDate } from '@date-fns/utc';
// One date-fns module each (not the barrel, which loads all of date-fns: ~90 ms).
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { formatCalendarDay, parseCalendarDay, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { effectiveMinGroupSize, type SurveyThreshold } from '../privacy/minGroupSize.js';
import {
  type LedgerPopulation,
  type LedgerRefusal,
  ledgerWarning,
  type ReleaseLedger,
  suppressTableWithLedger,
} from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { type CompareEnpsMethod, compareEnps, type EnpsComparison } from './compareEnps.js';
import { type EnpsOptions, type EnpsResult, enps } from './enps.js';
import { enpsTallyBy } from './enpsTally.js';

/** Options of {@link enpsTrend}. */
export interface EnpsTrendOptions extends Omit<EnpsOptions, 'method'> {
  /** Bucket size: ISO weeks (Monday first), calendar months or quarters, in UTC. */
  readonly interval: 'week' | 'month' | 'quarter';
  /** The last day to include (answers after it are left out and counted in warnings). */
  readonly asOf: string;
  /** Interval method of each bucket and of the change tests: one with a normal approximation ({@link CompareEnpsMethod}; default `adjusted-wald`). */
  readonly method?: CompareEnpsMethod;
  /** A change is flagged only when |change| reaches this many points. Default 5. */
  readonly minChange?: number;
  /** A change is flagged only when both buckets have at least this many answers. Default 20. */
  readonly minN?: number;
  /** Significance level of the change tests. Default 0.05. */
  readonly alpha?: number;
  /** Correct the change tests for multiplicity across the buckets. Default `none`. */
  readonly adjust?: 'none' | 'benjamini-hochberg';
  /** Minimum answers behind a shown bucket. Default 5; values below 3 are refused. */
  readonly minGroupSize?: number;
  /**
   * The surveys the answers come from (`Survey` records fit): the largest of their own
   * `minGroupSize` applies when larger than `minGroupSize` (`effectiveMinGroupSize`). Pass them
   * whenever the answers come from surveys that declare one.
   */
  readonly surveys?: readonly SurveyThreshold[];
  /**
   * What was released earlier on the same answers (`ReleaseLedger`): a bucket whose answers
   * differ from an earlier released bucket's (or total's) of the same `statistic` by 1 to
   * minGroupSize - 1 (one late answer in a quarter shown before) is refused and hidden. The
   * result's `ledger` adds this release. Default: no ledger.
   */
  readonly ledger?: ReleaseLedger;
  /**
   * What the answers measure, for the ledger: the same name in every release of the same
   * question. Default `enps:answers`. A bucket's population is its answers by survey and UTC day
   * of submission (atomic groups `<surveyId>@<day>`), so a month and the quarter that holds it
   * are compared.
   */
  readonly statistic?: string;
}

/** One bucket of a trend. */
export interface EnpsTrendPoint {
  readonly period: Period;
  /** The bucket's eNPS; suppressed (with no hint of its size) when too small, empty or unanimous. */
  readonly result: Reportable<EnpsResult>;
  /**
   * The change from the previous bucket, tested; `null` for the first bucket and whenever this
   * bucket or the previous one is suppressed.
   */
  readonly change:
    | (EnpsComparison & { readonly adjustedPValue: number | null; readonly significant: boolean })
    | null;
}

/** The result of {@link enpsTrend}. */
export interface EnpsTrendResult {
  readonly points: readonly EnpsTrendPoint[];
  readonly warnings: readonly string[];
  /**
   * With a `ledger` option: the ledger with this release's shown buckets added (keep it for the
   * next release), and why each refused bucket was refused (audit only).
   */
  readonly ledger?: { readonly ledger: ReleaseLedger; readonly refusals: readonly LedgerRefusal[] };
}

/** An answer of a trend: when, the score, and optionally its survey (for the ledger's groups). */
export interface TrendAnswer {
  readonly submittedAt: string;
  readonly score: number;
  readonly surveyId?: string;
}

/**
 * The release-ledger population of some answers: how many per survey and UTC day of submission
 * (atomic groups `<surveyId>@<day>`, the survey empty when not given). What `enpsTrend` records
 * for a bucket; use it to record other releases of the same answers (a total beside the trend).
 *
 * @example
 * answerGroups([{ submittedAt: '2025-04-15T09:00:00Z', score: 9, surveyId: 's' }, { submittedAt: '2025-04-15T17:00:00Z', score: 3, surveyId: 's' }]) // => { groups: { 's@2025-04-15': 2 } }
 */
export function answerGroups(answers: readonly TrendAnswer[]): LedgerPopulation {
  const groups: Record<string, number> = {};
  for (const answer of answers) {
    const group = `${answer.surveyId ?? ''}@${toCalendarDay(answer.submittedAt)}`;
    groups[group] = (groups[group] ?? 0) + 1;
  }
  return { groups };
}

const STEP = {
  week: { start: startOfISOWeek, add: addWeeks },
  month: { start: startOfMonth, add: addMonths },
  quarter: { start: startOfQuarter, add: addQuarters },
} as const;

/**
 * eNPS over time: answers grouped by ISO week, month or quarter of their UTC submission day (with
 * date-fns on UTC dates), every bucket from the first answer's up to `asOf`'s (empty buckets
 * included, suppressed), each an {@link enps} result, and each change from the previous bucket tested with
 * {@link compareEnps}. A change is flagged `significant` only when p < alpha (default 0.05), both
 * buckets have at least `minN` answers (default 20) and |change| reaches `minChange` points
 * (default 5): Viva Glint's alert rule, so small teams and tiny shifts do not raise alarms. With
 * `adjust: 'benjamini-hochberg'` the p-values are adjusted across the buckets first.
 *
 * Each bucket is a group of respondents and goes through `suppressTable`: a bucket with fewer
 * than `minGroupSize` answers (default 5, or the largest `minGroupSize` of the `surveys` passed
 * when larger), an empty one, or one in which every answer falls in one
 * category (all detractors) is `{ status: 'suppressed' }`, so a lone late answer is never shown
 * as its own score. Buckets do not overlap and no total is published, so no bucket can be
 * derived from the others; a report that also shows the eNPS of all these answers together (or of
 * a longer period) must suppress them together, with `suppressTable` and the total's equation.
 * Changes are tested only between two shown buckets, and the
 * Benjamini-Hochberg adjustment runs over those tests only, so no p-value depends on a hidden
 * bucket.
 *
 * With a `ledger`, each bucket is also checked against the earlier releases of its answers
 * (`suppressTableWithLedger`): the quarter shown with 10 answers and shown again with 11 gives
 * the late answer away, so the second is refused.
 *
 * O(n + buckets).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` for a submission that is not an ISO instant or day, or an invalid asOf.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for scores off the scale.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown interval, invalid thresholds or a minimum group size below 3.
 *
 * @example
 * const answers = [
 *   ...Array.from({ length: 40 }, (_, i) => ({ submittedAt: '2025-01-15T09:00:00Z', score: i % 2 ? 9 : 5 })),
 *   ...Array.from({ length: 40 }, (_, i) => ({ submittedAt: '2025-04-15T09:00:00Z', score: i % 5 ? 9 : 7 })),
 * ];
 * const trend = enpsTrend(answers, { interval: 'quarter', asOf: '2025-06-30' });
 * trend.points.map((point) => point.result.status === 'shown' && point.result.value.score) // => [0, 80]
 * trend.points[1]?.change?.significant // => true
 * const late = enpsTrend([...answers, { submittedAt: '2025-07-01T09:00:00Z', score: 0 }], { interval: 'quarter', asOf: '2025-09-30' });
 * late.points[2]?.result // => { status: 'suppressed' }
 */
export function enpsTrend(
  answers: readonly TrendAnswer[],
  options: EnpsTrendOptions,
): EnpsTrendResult {
  const step = STEP[options.interval];
  if (step === undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `enpsTrend requires interval week, month or quarter, got ${String(options.interval)}`,
    );
  }
  const minChange = options.minChange ?? 5;
  const minN = options.minN ?? 20;
  const alpha = options.alpha ?? 0.05;
  if (!(minChange >= 0) || !Number.isInteger(minN) || minN < 1 || !(alpha > 0 && alpha < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      'enpsTrend requires minChange >= 0, a whole minN >= 1 and alpha in (0, 1)',
    );
  }
  const minGroupSize = effectiveMinGroupSize(options, options.surveys);
  const asOf = toCalendarDay(options.asOf);
  const bucketStart = (day: string) =>
    formatCalendarDay(step.start(parseCalendarDay(day) as UTCDate));
  const byBucket = new Map<string, TrendAnswer[]>();
  let late = 0;
  let first: string | undefined;
  for (const answer of answers) {
    const day = toCalendarDay(answer.submittedAt);
    if (day > asOf) {
      late++;
      continue;
    }
    const start = bucketStart(day);
    if (first === undefined || start < first) first = start;
    const list = byBucket.get(start) ?? [];
    list.push(answer);
    byBucket.set(start, list);
  }
  const warnings = late > 0 ? [`${late} answers after ${asOf} left out`] : [];
  if (first === undefined) return { points: [], warnings };
  const method = options.method ?? 'adjusted-wald';
  const tallyOptions = options.cutoffs === undefined ? {} : { cutoffs: options.cutoffs };
  const last = bucketStart(asOf);
  const buckets: { period: Period; tally: ReturnType<typeof enpsTallyBy> }[] = [];
  for (let start = first; start <= last; ) {
    const end = formatCalendarDay(step.add(parseCalendarDay(start), 1));
    buckets.push({
      period: { start, end },
      tally: enpsTallyBy(byBucket.get(start) ?? [], (answer) => answer.score, tallyOptions),
    });
    start = end;
  }
  const table = {
    cells: buckets.map((bucket) => ({
      id: bucket.period.start,
      n: bucket.tally.n,
      counts: {
        detractors: bucket.tally.detractors,
        passives: bucket.tally.passives,
        promoters: bucket.tally.promoters,
      },
    })),
    equations: [],
  };
  let published: PublishedReport;
  let ledger: EnpsTrendResult['ledger'];
  if (options.ledger === undefined) {
    published = suppressTable(table, { minGroupSize });
  } else {
    const release = suppressTableWithLedger(table, {
      minGroupSize,
      ledger: options.ledger,
      statistic: options.statistic ?? 'enps:answers',
      populations: new Map(
        buckets.map((bucket) => [
          bucket.period.start,
          answerGroups(byBucket.get(bucket.period.start) ?? []),
        ]),
      ),
    });
    published = release.report;
    ledger = { ledger: release.ledger, refusals: release.refusals };
    if (release.refusals.length > 0) warnings.push(ledgerWarning(minGroupSize));
  }
  const isShown = published.cells.map((cell) => cell.status === 'shown');
  const level = options.level ?? 0.95;
  const comparisons = buckets.map((bucket, index) =>
    index === 0 || !isShown[index] || !isShown[index - 1]
      ? null
      : compareEnps(bucket.tally, buckets[index - 1]!.tally, { method, level }),
  );
  const raw = comparisons.map((comparison) => comparison?.pValue ?? null);
  const adjusted = options.adjust === 'benjamini-hochberg' ? benjaminiHochberg(raw) : raw;
  return {
    points: buckets.map((bucket, index) => {
      const comparison = comparisons[index];
      const previous = buckets[index - 1];
      const p = adjusted[index] ?? null;
      const result: Reportable<EnpsResult> = isShown[index]
        ? { status: 'shown', value: enps(bucket.tally, { method, level }), n: bucket.tally.n }
        : SUPPRESSED;
      return {
        period: bucket.period,
        result,
        change:
          comparison === null || comparison === undefined || previous === undefined
            ? null
            : {
                ...comparison,
                adjustedPValue: p,
                significant:
                  p !== null &&
                  p < alpha &&
                  bucket.tally.n >= minN &&
                  previous.tally.n >= minN &&
                  Math.abs(comparison.difference ?? 0) >= minChange,
              },
      };
    }),
    warnings,
    ...(ledger === undefined ? {} : { ledger }),
  };
}
