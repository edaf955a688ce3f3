import * as z from 'zod';
import { type CalendarDay, toCalendarDay } from '../../core/calendarDay.js';
import { ledgerRefusals, ledgerWarning, recordReleased } from '../../privacy/releaseLedger.js';
import { SUPPRESSED } from '../../privacy/reportable.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import type { CompareEnpsMethod } from '../../satisfaction/compareEnps.js';
import {
  type EnpsTrendPoint,
  type EnpsTrendResult,
  enpsTrend,
} from '../../satisfaction/enpsTrend.js';
import { InstantSchema } from '../../schemas/primitives.js';
import { dataError } from '../errors.js';
import type { CliIo } from '../io.js';
import { readLedgerFile, writeLedgerFile } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping, type FieldColumn, readTable } from '../readTable.js';
import { checkDefaultScale, enpsScale } from './enps.js';

/** Options of `internal-customer trend`. @internal */
export interface TrendCommandOptions {
  readonly score: string;
  /** The column of each answer's day or instant (default `submittedAt`). */
  readonly date: string;
  readonly interval: 'week' | 'month' | 'quarter';
  /** The last day to include; default the latest answer's day. */
  readonly asOf?: CalendarDay | undefined;
  readonly method: CompareEnpsMethod;
  readonly adjust: 'none' | 'benjamini-hochberg';
  readonly minGroup: number;
  readonly level: number;
  readonly mapping?: string | undefined;
  readonly scale?: string | undefined;
  readonly cutoffs?: string | undefined;
  readonly ledger?: string | undefined;
}

/** The stable columns of `trend --format csv` (and the fields of each JSON row). @internal */
export const TREND_COLUMNS = [
  'start',
  'end',
  'status',
  'n',
  'detractors',
  'passives',
  'promoters',
  'score',
  'lower',
  'upper',
  'change',
  'changeLower',
  'changeUpper',
  'pValue',
  'adjustedPValue',
  'significant',
] as const;

type Answer = { submittedAt: string; score: number };

/**
 * The trend checked against the ledger of --ledger: refused buckets lose their answers and the
 * trend is run again, so no change or adjusted p-value depends on them; the ledger is written
 * back with the buckets shown. @internal
 */
async function releaseWithLedger(
  first: EnpsTrendResult,
  answers: readonly Answer[],
  settings: Parameters<typeof enpsTrend>[1],
  options: TrendCommandOptions & { readonly ledger: string },
  warnings: string[],
): Promise<EnpsTrendResult> {
  let trend = first;
  const ledger = await readLedgerFile(options.ledger);
  const statistic = `enps:${options.score}`;
  const population = (point: EnpsTrendPoint) => ({
    groups: {
      [`${options.date}=${point.period.start}..${point.period.end}`]:
        point.result.status === 'shown' ? point.result.n : 0,
    },
  });
  const cells = (points: readonly EnpsTrendPoint[]) =>
    points
      .filter((point) => point.result.status === 'shown')
      .map((point) => ({ id: point.period.start, statistic, population: population(point) }));
  const refused = new Set(
    ledgerRefusals(ledger, cells(trend.points), options.minGroup).map((r) => r.id),
  );
  if (refused.size > 0) {
    const all = trend.points;
    const bucketOf = new Map(all.map((point) => [point.period.start, point.period]));
    const kept = answers.filter((answer) => {
      const day = toCalendarDay(answer.submittedAt);
      return ![...refused].some((start) => start <= day && day < bucketOf.get(start)!.end);
    });
    const again = new Map(
      enpsTrend(kept, settings).points.map((point) => [point.period.start, point]),
    );
    // A hidden bucket stays in its place (suppressed), never missing from the series.
    trend = {
      points: all.map(
        (point) =>
          again.get(point.period.start) ?? {
            period: point.period,
            result: SUPPRESSED,
            change: null,
          },
      ),
      warnings: trend.warnings,
    };
    warnings.push(ledgerWarning(options.minGroup));
  }
  await writeLedgerFile(options.ledger, recordReleased(ledger, cells(trend.points)));
  return trend;
}

/**
 * eNPS per week, month or quarter of a file of answers, through `enpsTrend` (each bucket a group
 * of the privacy gate) and, with `--ledger`, the release ledger: a bucket whose answers differ
 * from a bucket released earlier by fewer than --min-group is hidden, by leaving its answers out
 * and running the trend again, so that no change or adjusted p-value depends on it. @internal
 */
export async function trendCommand(
  file: string,
  options: TrendCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const mapping = await columnMapping(options.mapping);
  const cutoffs = enpsScale(options);
  const fields: FieldColumn[] = [
    { field: 'score', column: options.score, source: '--score' },
    { field: 'submittedAt', column: options.date, source: '--date' },
  ];
  const schema = z.object({
    score: z.int().min(cutoffs.scaleMin).max(cutoffs.scaleMax).nullable(),
    submittedAt: z.union([z.iso.date(), InstantSchema]).nullable(),
  });
  const { records } = await readTable(file, schema, fields, mapping, io);
  checkDefaultScale(
    records.flatMap((record) => (record.score === null ? [] : [record.score])),
    options,
    mapping,
  );
  const answers: Answer[] = [];
  let skipped = 0;
  for (const record of records) {
    if (record.score === null || record.submittedAt === null) skipped++;
    else answers.push({ submittedAt: record.submittedAt, score: record.score });
  }
  const asOf =
    options.asOf ??
    answers.reduce<string | undefined>((latest, answer) => {
      const day = toCalendarDay(answer.submittedAt);
      return latest === undefined || day > latest ? day : latest;
    }, undefined);
  if (asOf === undefined) throw dataError(`${file} has no answer with a score and a day`);
  const settings = {
    interval: options.interval,
    asOf,
    method: options.method,
    adjust: options.adjust,
    level: options.level,
    minGroupSize: options.minGroup,
    cutoffs,
  };
  const first = enpsTrend(answers, settings);
  const warnings = [...first.warnings];
  const trend =
    options.ledger === undefined
      ? first
      : await releaseWithLedger(
          first,
          answers,
          settings,
          { ...options, ledger: options.ledger },
          warnings,
        );
  const rows = trend.points.map(({ period, result, change }) => {
    if (result.status !== 'shown')
      return { start: period.start, end: period.end, status: 'suppressed' as const };
    const value = result.value;
    return {
      start: period.start,
      end: period.end,
      status: 'shown' as const,
      n: value.n,
      detractors: value.detractors,
      passives: value.passives,
      promoters: value.promoters,
      score: value.score,
      lower: value.interval?.lower ?? null,
      upper: value.interval?.upper ?? null,
      change: change?.difference ?? null,
      changeLower: change?.interval?.lower ?? null,
      changeUpper: change?.interval?.upper ?? null,
      pValue: change?.pValue ?? null,
      adjustedPValue: change?.adjustedPValue ?? null,
      significant: change === null ? null : change.significant,
    };
  });
  if (skipped > 0)
    warnings.push(
      `${skipped} row${skipped === 1 ? '' : 's'} without a score or a day (skipped answers) not counted`,
    );
  const limit = (value: number | null) =>
    formatNumber(value === null ? null : Math.min(100, Math.max(-100, value)));
  const levelText = formatNumber(options.level, { percent: true, digits: 0 });
  return {
    json: {
      command: 'trend',
      file,
      scoreColumn: options.score,
      dateColumn: options.date,
      interval: options.interval,
      asOf,
      scale: { ...cutoffs },
      minGroupSize: options.minGroup,
      method: options.method,
      adjust: options.adjust,
      level: options.level,
      skipped,
      rows,
      warnings,
    },
    csv: { columns: TREND_COLUMNS, rows },
    table: {
      title: `eNPS by ${options.interval} to ${asOf} of ${file === '-' ? 'standard input' : file}`,
      header: ['from', 'n', 'eNPS', `${levelText} interval`, 'change', 'p', 'flag'],
      rows: rows.map((row) =>
        row.status === 'shown'
          ? [
              row.start,
              String(row.n),
              formatNumber(row.score),
              `${limit(row.lower)} to ${limit(row.upper)}`,
              row.change === null ? '' : formatNumber(row.change, { signed: true }),
              row.pValue === null ? '' : formatNumber(row.adjustedPValue ?? row.pValue),
              row.significant === true ? 'changed' : '',
            ]
          : [row.start, '', 'suppressed', '', '', '', ''],
      ),
      notes: [
        `Each ${options.interval} is a group (UTC days); a change is tested against the previous ${options.interval} only when both are shown, and flagged "changed" when p < 0.05, both have at least 20 answers and it moves at least 5 points${options.adjust === 'none' ? '' : ' (p adjusted by Benjamini-Hochberg)'}.`,
        suppressionFootnote(options.minGroup, 'answers'),
        ...warnings,
      ],
    },
  };
}
