import * as z from 'zod';
import { createRandom } from '../../core/createRandom.js';
import { type BreakdownTally, breakdownTally } from '../../organisation/breakdown.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { classifyEnps } from '../../satisfaction/classifyEnps.js';
import { type EnpsIntervalMethod, type EnpsResult, enps } from '../../satisfaction/enps.js';
import { ENPS_INTERVAL_METHODS } from '../../satisfaction/enpsIntervals/registry.js';
import { enpsTallyFromCounts } from '../../satisfaction/enpsTally.js';
import { EnpsScoreSchema } from '../../schemas/primitives.js';
import type { CliIo } from '../io.js';
import { publishAnswers } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping, type FieldColumn, readTable } from '../readTable.js';

/** Options of `internal-customer enps`. @internal */
export interface EnpsCommandOptions {
  readonly score: string;
  readonly by?: string | undefined;
  readonly minGroup: number;
  readonly method: EnpsIntervalMethod;
  readonly level: number;
  readonly seed: number;
  readonly mapping?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
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
  const schema = z.object({
    score: EnpsScoreSchema.nullable(),
    ...(options.by === undefined ? {} : { group: z.string().nullable() }),
  });
  const { records } = await readTable(file, schema, fields, mapping, io);
  const tallies = new Map<string | null, BreakdownTally>();
  let skipped = 0;
  for (const record of records) {
    if (record.score === null) {
      skipped++;
      continue;
    }
    const key = (record as { group?: string | null }).group ?? null;
    const tally = breakdownTally(tallies, key === '' ? null : key, CATEGORIES);
    tally.n++;
    tally.counts[classifyEnps(record.score)]! += 1;
  }
  const published = await publishAnswers(tallies, CATEGORIES, options, `enps:${options.score}`);
  const segments = published.segments;
  const random = ENPS_INTERVAL_METHODS.find((method) => method.id === options.method)?.needsRandom
    ? createRandom(options.seed)
    : undefined;
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
        ...(random === undefined ? {} : { random }),
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
        `eNPS = % promoters (9-10) - % detractors (0-6), from -100 to 100; ${options.method} interval.`,
        suppressionFootnote(options.minGroup, 'answers'),
        ...warnings,
      ],
    },
  };
}
