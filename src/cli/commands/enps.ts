import * as z from 'zod';
import { createRandom } from '../../core/createRandom.js';
import { type BreakdownTally, breakdownTally } from '../../organisation/breakdown.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { classifyEnps, type EnpsCutoffs, resolveCutoffs } from '../../satisfaction/classifyEnps.js';
import { type EnpsIntervalMethod, type EnpsResult, enps } from '../../satisfaction/enps.js';
import { enpsTallyFromCounts } from '../../satisfaction/enpsTally.js';
import { dataError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { publishAnswers } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { type ColumnMapping, columnMapping, type FieldColumn, foldTable } from '../readTable.js';

/** Options of `internal-customer enps`. @internal */
export interface EnpsCommandOptions {
  readonly score: string;
  readonly by?: string | undefined;
  readonly minGroup: number;
  readonly method: EnpsIntervalMethod;
  readonly level: number;
  readonly seed: number;
  readonly mapping?: string | undefined;
  /** The answers' scale as `min-max` (default 0-10); any other needs `cutoffs`. */
  readonly scale?: string | undefined;
  /** The highest detractor and passive answers, `detractorMax,passiveMax` (default 6,8 on 0-10). */
  readonly cutoffs?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
}

/**
 * The scale and cut-offs the answers are read with: 0-10 with Bain's 6 and 8 by default; another
 * scale only with its cut-offs given, since no standard maps a 1-5 item to promoters. @internal
 */
export function enpsScale(options: Pick<EnpsCommandOptions, 'scale' | 'cutoffs'>): EnpsCutoffs {
  let scaleMin = 0;
  let scaleMax = 10;
  if (options.scale !== undefined) {
    const match = /^(\d+)-(\d+)$/.exec(options.scale);
    if (match === null || Number(match[1]) >= Number(match[2]))
      throw usageError(
        `--scale requires the lowest and highest answers as min-max, such as 1-5, got ${options.scale}`,
      );
    scaleMin = Number(match[1]);
    scaleMax = Number(match[2]);
  }
  const standard = scaleMin === 0 && scaleMax === 10;
  if (options.cutoffs === undefined) {
    if (!standard)
      throw usageError(
        `--scale ${options.scale} needs --cutoffs: the highest detractor and passive answers (for example --cutoffs ${scaleMin + Math.floor((scaleMax - scaleMin) / 2)},${scaleMax - 1}: promoters answer ${scaleMax}); eNPS has no standard cut-offs off the 0-10 scale`,
      );
    return resolveCutoffs(undefined);
  }
  const match = /^(\d+),(\d+)$/.exec(options.cutoffs);
  if (match === null)
    throw usageError(
      `--cutoffs requires detractorMax,passiveMax such as 6,8, got ${options.cutoffs}`,
    );
  try {
    return resolveCutoffs({
      scaleMin,
      scaleMax,
      detractorMax: Number(match[1]),
      passiveMax: Number(match[2]),
    });
  } catch (error) {
    throw usageError(
      `--scale ${scaleMin}-${scaleMax} --cutoffs ${options.cutoffs}: ${(error as Error).message}`,
    );
  }
}

const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

/**
 * Refuses answers that look like another scale than the 0-10 one assumed when no --scale is
 * given: none above 7 and none at 0 (a 1-5 or 1-7 item), or a question declared Likert in the
 * mapping. Never blanks or rescales them silently. @internal
 */
export function checkDefaultScale(
  scores: readonly number[],
  options: Pick<EnpsCommandOptions, 'score' | 'scale'>,
  mapping: ColumnMapping,
): void {
  if (options.scale !== undefined) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) {
    if (score < min) min = score;
    if (score > max) max = score;
  }
  checkScaleRange(
    min <= max ? { min, max } : undefined,
    options.score,
    declaredKind(options.score, mapping),
  );
}

/** How the mapping declares the question of a score column (`likert`, `enps`), if at all. */
const declaredKind = (column: string, mapping: ColumnMapping): string | undefined =>
  mapping.load?.questions?.[column.replace(/^answers\./, '')]?.kind;

/** {@link checkDefaultScale} from the lowest and highest answers (undefined: none answered). */
function checkScaleRange(
  answered: { readonly min: number; readonly max: number } | undefined,
  column: string,
  declared: string | undefined,
): void {
  if (answered === undefined) return;
  const { min, max } = answered;
  if (declared === 'likert' || (max <= 7 && min >= 1)) {
    throw dataError(
      `the answers of "${column}" run from ${min} to ${max}${declared === 'likert' ? ' on a question the mapping declares Likert' : ''}: eNPS is defined on the 0-10 scale (promoters 9-10, detractors 0-6). If "${column}" is an eNPS question on another scale, give it and its cut-offs, such as --scale 1-5 --cutoffs 2,4 (detractors 1-2, passives 3-4, promoters 5); if it is 0-10 and nobody answered above ${max}, give --scale 0-10`,
    );
  }
}

const CATEGORIES = ['detractor', 'passive', 'promoter'] as const;

/** The stable columns of `enps --format csv` (and the fields of each JSON row). @internal */
export const ENPS_COLUMNS = [
  'segment',
  'group',
  'status',
  'n',
  'detractors',
  'passives',
  'promoters',
  'score',
  'lower',
  'upper',
  'standardError',
] as const;

/** Reads answers 0-10 (and a group) and publishes eNPS per group with intervals. @internal */
export async function enpsCommand(
  file: string,
  options: EnpsCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const mapping = await columnMapping(options.mapping);
  const fields: FieldColumn[] = [{ field: 'score', column: options.score, source: '--score' }];
  if (options.by !== undefined) fields.push({ field: 'group', column: options.by, source: '--by' });
  const cutoffs = enpsScale(options);
  const schema = z.object({
    score: z.int().min(cutoffs.scaleMin).max(cutoffs.scaleMax).nullable(),
    ...(options.by === undefined ? {} : { group: z.string().nullable() }),
  });
  // Counted as the rows are read (streaming: memory flat whatever the file's size); any issue
  // fails the read after the whole file, with every row named, and the counts are dropped.
  // Each scale point's category, classified once (the schema keeps scores whole and on the scale).
  const categoryOf = Array.from({ length: cutoffs.scaleMax - cutoffs.scaleMin + 1 }, (_, offset) =>
    classifyEnps(cutoffs.scaleMin + offset, cutoffs),
  );
  const tallies = new Map<string | null, BreakdownTally>();
  let skipped = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  await foldTable(file, schema, fields, mapping, io, (record) => {
    if (record.score === null) {
      skipped++;
      return;
    }
    if (record.score < min) min = record.score;
    if (record.score > max) max = record.score;
    const key = (record as { group?: string | null }).group ?? null;
    const tally = breakdownTally(tallies, key === '' ? null : key, CATEGORIES);
    tally.n++;
    tally.counts[categoryOf[record.score - cutoffs.scaleMin]!]! += 1;
  });
  if (options.scale === undefined) {
    const declared = declaredKind(options.score, mapping);
    checkScaleRange(min <= max ? { min, max } : undefined, options.score, declared);
  }
  const published = await publishAnswers(tallies, CATEGORIES, options, `enps:${options.score}`);
  const segments = published.segments;
  // Read only by the methods that resample; enps's options require it for them.
  const random = createRandom(options.seed);
  const rows = segments.map(({ segment, group, cell }) => {
    if (cell.status !== 'shown') return { segment, group, status: 'suppressed' as const };
    const result: EnpsResult = enps(
      enpsTallyFromCounts({
        detractors: cell.value.counts.detractor ?? 0,
        passives: cell.value.counts.passive ?? 0,
        promoters: cell.value.counts.promoter ?? 0,
      }),
      {
        method: options.method,
        level: options.level,
        random,
      },
    );
    return {
      segment,
      group,
      status: 'shown' as const,
      n: result.n,
      detractors: result.detractors,
      passives: result.passives,
      promoters: result.promoters,
      score: result.score,
      lower: result.interval?.lower ?? null,
      upper: result.interval?.upper ?? null,
      standardError: result.standardError,
    };
  });
  const label = (row: { segment: string; group: string | null }) =>
    row.segment === 'all' ? '(all)' : row.segment === 'missing' ? '(missing)' : row.group!;
  // The adjusted-Wald and Wald limits are not clipped (enps); clip them for display only.
  const limit = (value: number | null) =>
    formatNumber(value === null ? null : Math.min(100, Math.max(-100, value)));
  const levelText = `${formatNumber(options.level, { percent: true, digits: 0 })}`;
  const warnings: string[] = [...published.warnings];
  if (skipped > 0)
    warnings.push(
      `${skipped} row${skipped === 1 ? '' : 's'} without a score (skipped answers) not counted`,
    );
  return {
    json: {
      command: 'enps',
      file,
      scoreColumn: options.score,
      scale: { ...cutoffs },
      byColumn: options.by ?? null,
      minGroupSize: options.minGroup,
      method: options.method,
      level: options.level,
      skipped,
      rows,
      warnings,
    },
    csv: { columns: ENPS_COLUMNS, rows },
    table: {
      title: `eNPS of ${file === '-' ? 'standard input' : file}${options.by === undefined ? '' : ` by ${options.by}`}`,
      header: [
        options.by ?? 'group',
        'n',
        'eNPS',
        `${levelText} interval`,
        'promoters',
        'passives',
        'detractors',
      ],
      rows: rows.map((row) =>
        row.status === 'shown'
          ? [
              label(row),
              String(row.n),
              formatNumber(row.score),
              `${limit(row.lower)} to ${limit(row.upper)}`,
              String(row.promoters),
              String(row.passives),
              String(row.detractors),
            ]
          : [label(row), '', 'suppressed', '', '', '', ''],
      ),
      notes: [
        `eNPS = % promoters (${range(cutoffs.passiveMax + 1, cutoffs.scaleMax)}) - % detractors (${range(cutoffs.scaleMin, cutoffs.detractorMax)}), from -100 to 100; ${options.method} interval.${cutoffs.scaleMax === 10 && cutoffs.scaleMin === 0 ? '' : ` Answers on ${cutoffs.scaleMin}-${cutoffs.scaleMax} with the cut-offs given (--scale, --cutoffs): not comparable with 0-10 eNPS.`}`,
        suppressionFootnote(options.minGroup, 'answers'),
        ...warnings,
      ],
    },
  };
}
