import * as z from 'zod';
import { wilsonInterval } from '../../core/intervals.js';
import { type BreakdownTally, breakdownTally } from '../../organisation/breakdown.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { defaultFavourabilityMap } from '../../satisfaction/favourability.js';
import type { CliIo } from '../io.js';
import { publishAnswers } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping, type FieldColumn, foldTable } from '../readTable.js';

/** Options of `internal-customer favourability`. @internal */
export interface FavourabilityCommandOptions {
  readonly items: readonly string[];
  readonly points: number;
  readonly by?: string | undefined;
  readonly minGroup: number;
  readonly level: number;
  readonly mapping?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
}

const CATEGORIES = ['favourable', 'neutral', 'unfavourable'] as const;

/** The stable columns of `favourability --format csv` (and the fields of each JSON row). @internal */
export const FAVOURABILITY_COLUMNS = [
  'item',
  'segment',
  'group',
  'status',
  'n',
  'favourable',
  'neutral',
  'unfavourable',
  'favourableShare',
  'neutralShare',
  'unfavourableShare',
  'lower',
  'upper',
  'skipped',
] as const;

/** Reads Likert items (and a group) and publishes favourability per item and group. @internal */
export async function favourabilityCommand(
  file: string,
  options: FavourabilityCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const mapping = await columnMapping(options.mapping);
  const map = defaultFavourabilityMap(options.points);
  const bucket = new Map<number, (typeof CATEGORIES)[number]>();
  for (const category of CATEGORIES)
    for (const answer of map[category]) bucket.set(answer, category);
  const itemField = (index: number) => `item${index}`;
  const fields: FieldColumn[] = options.items.map((column, index) => ({
    field: itemField(index),
    column,
    source: '--items',
  }));
  if (options.by !== undefined) fields.push({ field: 'group', column: options.by, source: '--by' });
  const answer = z.int().min(1).max(options.points).nullable();
  const schema = z.object({
    ...Object.fromEntries(options.items.map((_, index) => [itemField(index), answer])),
    ...(options.by === undefined ? {} : { group: z.string().nullable() }),
  });
  // Each item's counts per group, counted as the rows are read (streaming: memory flat whatever
  // the file's size); any issue fails the read after the whole file, and the counts are dropped.
  const itemTallies = options.items.map(() => new Map<string | null, BreakdownTally>());
  const itemSkipped = options.items.map(() => 0);
  await foldTable(file, schema, fields, mapping, io, (read) => {
    const record = read as Record<string, number | string | null>;
    const key = (record.group as string | null | undefined) ?? null;
    for (let index = 0; index < itemTallies.length; index++) {
      const value = record[itemField(index)] as number | null;
      if (value === null) {
        itemSkipped[index]!++;
        continue;
      }
      const tally = breakdownTally(itemTallies[index]!, key === '' ? null : key, CATEGORIES);
      tally.n++;
      tally.counts[bucket.get(value)!]! += 1;
    }
  });
  const rows: Record<string, unknown>[] = [];
  const tableRows: string[][] = [];
  const warnings: string[] = [];
  for (const [index, item] of options.items.entries()) {
    const tallies = itemTallies[index]!;
    const skipped = itemSkipped[index]!;
    const published = await publishAnswers(tallies, CATEGORIES, options, `likert:${item}`);
    warnings.push(...published.warnings.map((warning) => `${item}: ${warning}`));
    const segments = published.segments;
    for (const { segment, group, cell } of segments) {
      const label = segment === 'all' ? '(all)' : segment === 'missing' ? '(missing)' : group!;
      if (cell.status !== 'shown') {
        rows.push({ item, segment, group, status: 'suppressed' });
        tableRows.push([item, label, '', 'suppressed', '', '', '']);
        continue;
      }
      const n = cell.n;
      const counts = cell.value.counts;
      const favourable = counts.favourable ?? 0;
      const interval = wilsonInterval(favourable, n, options.level);
      const row = {
        item,
        segment,
        group,
        status: 'shown',
        n,
        favourable,
        neutral: counts.neutral ?? 0,
        unfavourable: counts.unfavourable ?? 0,
        favourableShare: favourable / n,
        neutralShare: (counts.neutral ?? 0) / n,
        unfavourableShare: (counts.unfavourable ?? 0) / n,
        lower: interval.lower,
        upper: interval.upper,
        skipped: segment === 'all' ? skipped : null,
      };
      rows.push(row);
      tableRows.push([
        item,
        label,
        String(n),
        formatNumber(row.favourableShare, { percent: true, digits: 0 }),
        formatNumber(row.neutralShare, { percent: true, digits: 0 }),
        formatNumber(row.unfavourableShare, { percent: true, digits: 0 }),
        `${formatNumber(row.lower, { percent: true, digits: 0 })} to ${formatNumber(row.upper, { percent: true, digits: 0 })}`,
      ]);
    }
    if (skipped > 0)
      warnings.push(`${item}: ${skipped} skipped answer${skipped === 1 ? '' : 's'} not counted`);
  }
  return {
    json: {
      command: 'favourability',
      file,
      items: options.items,
      points: options.points,
      map,
      byColumn: options.by ?? null,
      minGroupSize: options.minGroup,
      level: options.level,
      rows,
      warnings,
    },
    csv: { columns: FAVOURABILITY_COLUMNS, rows },
    table: {
      title: `Favourability of ${file === '-' ? 'standard input' : file}${options.by === undefined ? '' : ` by ${options.by}`}`,
      header: [
        'item',
        options.by ?? 'group',
        'n',
        'favourable',
        'neutral',
        'unfavourable',
        `favourable, ${formatNumber(options.level, { percent: true, digits: 0 })} interval`,
      ],
      rows: tableRows,
      textColumns: 2,
      notes: [
        `${options.points}-point scale: favourable ${map.favourable.join(', ')}; neutral ${map.neutral.join(', ') || 'none'}; unfavourable ${map.unfavourable.join(', ')} (vivaglint's map); Wilson interval.`,
        suppressionFootnote(options.minGroup, 'answers'),
        ...warnings,
      ],
    },
  };
}
