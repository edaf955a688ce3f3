import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { periodFromInclusive } from '../../core/period.js';
import { formatNumber } from '../../report/formatNumber.js';
import { type AnswersColumns, DEFAULT_ANSWERS_COLUMNS } from '../../warehouse/answersTable.js';
import { enpsSql } from '../../warehouse/enpsSql.js';
import { enpsTalliesFromRows } from '../../warehouse/enpsTalliesFromRows.js';
import { favourabilityCountsFromRows } from '../../warehouse/favourabilityCountsFromRows.js';
import { favourabilitySql } from '../../warehouse/favourabilitySql.js';
import type { PublishedWarehouseCell, WarehousePeriodUnit } from '../../warehouse/index.js';
import { publishWarehouseEnps } from '../../warehouse/publishWarehouseEnps.js';
import { publishWarehouseFavourability } from '../../warehouse/publishWarehouseFavourability.js';
import type {
  WarehouseDialect,
  WarehouseQuery,
  WarehouseRow,
  WarehouseValue,
} from '../../warehouse/types.js';
import { dataError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { type CommandOutput, writeFileAtomic } from '../output.js';

/** The aggregates the `sql` and `merge` commands know. @internal */
export const WAREHOUSE_AGGREGATES = ['enps', 'favourability'] as const;
/** One of {@link WAREHOUSE_AGGREGATES}. @internal */
export type WarehouseAggregate = (typeof WAREHOUSE_AGGREGATES)[number];

const UNITS = new Set(['month', 'quarter', 'year']);

/** `--group-by team_id,quarter`: the columns, and the period among them (at most one). @internal */
export function warehouseGrouping(list: readonly string[] | undefined): {
  groupBy: string[];
  per?: WarehousePeriodUnit;
} {
  const groupBy: string[] = [];
  let per: WarehousePeriodUnit | undefined;
  for (const item of list ?? []) {
    if (!UNITS.has(item)) groupBy.push(item);
    else if (per === undefined) per = item as WarehousePeriodUnit;
    else throw usageError('--group-by takes at most one of month, quarter and year.');
  }
  return per === undefined ? { groupBy } : { groupBy, per };
}

/** Options of `internal-customer sql`. @internal */
export interface SqlCommandOptions {
  readonly dialect: WarehouseDialect;
  readonly table?: string | undefined;
  readonly groupBy?: readonly string[] | undefined;
  readonly question?: string | undefined;
  readonly survey?: string | undefined;
  readonly points?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** `score=value,answeredAt=created` */
  readonly columns?: readonly string[] | undefined;
  readonly inline?: boolean | undefined;
  readonly output?: string | undefined;
}

function answerColumns(list: readonly string[] | undefined): Partial<AnswersColumns> {
  const columns: Record<string, string> = {};
  for (const item of list ?? []) {
    const [field, name, ...rest] = item.split('=');
    if (
      field === undefined ||
      name === undefined ||
      name === '' ||
      rest.length > 0 ||
      !(field in DEFAULT_ANSWERS_COLUMNS)
    ) {
      throw usageError(
        `--columns takes field=column pairs, the fields ${Object.keys(DEFAULT_ANSWERS_COLUMNS).join(', ')}; got ${JSON.stringify(item)}.`,
      );
    }
    columns[field] = name;
  }
  return columns;
}

/** Text that is the same in every dialect's string literal: no quote, backslash or control. */
const PLAIN = /^[\p{L}\p{N} _.:+\-/@]*$/u;

/** One value as a literal for `--inline`: plain text and numbers only, never escaped. */
function inlineLiteral(value: WarehouseValue): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && PLAIN.test(value)) return `'${value}'`;
  throw usageError(
    `--inline takes only plain values (letters, digits, space and - _ . : + / @), got ${JSON.stringify(value)}: print the SQL with its parameters instead.`,
  );
}

/** The query text for an analyst: parameters listed in a comment, or inlined with --inline. */
export function queryText(query: WarehouseQuery, inline: boolean): string {
  if (query.params.length === 0) return `${query.sql};\n`;
  if (inline) {
    let index = 0;
    // Placeholders are the only `?`, `$n` and `@pn` outside quoted names (values are parameters).
    const sql = query.sql.replace(/`[^`]*`|"[^"]*"|\$\d+|@p\d+|\?/g, (token) => {
      if (token.startsWith('`') || token.startsWith('"')) return token;
      return inlineLiteral(query.params[index++]!);
    });
    return `${sql};\n`;
  }
  const name = (index: number) =>
    query.dialect === 'postgres'
      ? `$${index + 1}`
      : query.dialect === 'bigquery'
        ? `@p${index + 1}`
        : `${index + 1}.`;
  const lines = query.params.map(
    (value, index) =>
      `--   ${name(index)} ${JSON.stringify(typeof value === 'bigint' ? value.toString() : value)}`,
  );
  return `-- parameters, in order (${query.dialect === 'bigquery' ? 'named' : 'positional'}):\n${lines.join('\n')}\n${query.sql};\n`;
}

/** `internal-customer sql <aggregate>`: prints (or writes) the query. @internal */
export async function sqlCommand(
  aggregate: WarehouseAggregate,
  options: SqlCommandOptions,
  io: CliIo,
): Promise<void> {
  if ((options.from === undefined) !== (options.to === undefined))
    throw usageError('--from and --to go together.');
  if (options.from !== undefined && options.to !== undefined && options.to < options.from)
    throw usageError('--to must be on or after --from.');
  const common = {
    dialect: options.dialect,
    ...warehouseGrouping(options.groupBy),
    ...(options.table === undefined ? {} : { table: options.table }),
    ...(options.question === undefined ? {} : { questionId: options.question }),
    ...(options.survey === undefined ? {} : { surveyId: options.survey }),
    ...(options.from === undefined || options.to === undefined
      ? {}
      : { period: periodFromInclusive(options.from, options.to) }),
    columns: answerColumns(options.columns),
  };
  let query: WarehouseQuery;
  if (aggregate === 'enps') query = enpsSql(common);
  else {
    if (options.points === undefined) throw usageError('favourability needs --points.');
    query = favourabilitySql({ ...common, points: options.points });
  }
  const text = queryText(query, options.inline === true);
  if (options.output === undefined) io.stdout.write(text);
  else await writeFileAtomic(options.output, text);
}

/** Options of `internal-customer merge`. @internal */
export interface MergeCommandOptions {
  readonly aggregate: WarehouseAggregate;
  readonly groupBy?: readonly string[] | undefined;
  readonly points?: number | undefined;
  readonly minGroup: number;
  readonly level: number;
}

async function readText(file: string, io: CliIo): Promise<string> {
  if (file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw dataError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/**
 * The rows of an exported result: a JSON array of objects (or `{ "rows": [...] }`, or one object
 * a line), else CSV with a header (an empty cell is NULL, as engines export it).
 */
export function exportedRows(text: string, name: string): WarehouseRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = trimmed.startsWith('[')
        ? JSON.parse(trimmed)
        : trimmed.includes('\n') && !trimmed.startsWith('{"rows"')
          ? trimmed
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line) => JSON.parse(line))
          : JSON.parse(trimmed);
      const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown }).rows;
      if (!Array.isArray(rows)) throw new Error('no array of rows');
      return rows as WarehouseRow[];
    } catch (error) {
      throw dataError(`cannot read ${name} as JSON: ${(error as Error).message}`);
    }
  }
  try {
    const records = parse(trimmed, { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    return records.map((record) => {
      const row: Record<string, string | null> = {};
      for (const key in record) row[key] = record[key] === '' ? null : record[key]!;
      return row;
    });
  } catch (error) {
    throw dataError(`cannot read ${name} as CSV: ${(error as Error).message}`);
  }
}

/** The columns of `merge --format csv` (and the fields of each JSON row). @internal */
export const MERGE_COLUMNS = [
  'period',
  'segment',
  'group',
  'status',
  'n',
  'value',
  'lower',
  'upper',
] as const;

function cellRow<T>(
  cell: PublishedWarehouseCell<T>,
  value: (shown: T) => { value: number | null; lower: number | null; upper: number | null },
) {
  const shown = cell.cell.status === 'shown' ? cell.cell : null;
  const numbers = shown === null ? { value: null, lower: null, upper: null } : value(shown.value);
  return {
    period: cell.period,
    segment: cell.segment,
    group: cell.key === null ? null : cell.key.map((part) => part ?? '(none)').join(' / '),
    status: cell.cell.status,
    n: shown?.n ?? null,
    ...numbers,
  };
}

/** `internal-customer merge <file>`: exported rows merged, analysed and published. @internal */
export async function mergeCommand(
  file: string,
  options: MergeCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const name = file === '-' ? 'standard input' : file;
  const rows = exportedRows(await readText(file, io), name);
  const grouping = warehouseGrouping(options.groupBy);
  const gate = { minGroupSize: options.minGroup, level: options.level };
  let published: ReturnType<typeof cellRow>[];
  let title: string;
  if (options.aggregate === 'enps') {
    const tallies = enpsTalliesFromRows(rows, grouping);
    published = publishWarehouseEnps(tallies, gate).map((cell) =>
      cellRow(cell, (result) => ({
        value: result.score,
        lower: result.interval?.lower ?? null,
        upper: result.interval?.upper ?? null,
      })),
    );
    title = 'eNPS (-100 to 100) from warehouse rows';
  } else {
    if (options.points === undefined) throw usageError('favourability needs --points.');
    const counts = favourabilityCountsFromRows(rows, { ...grouping, points: options.points });
    published = publishWarehouseFavourability(counts, gate).map((cell) =>
      cellRow(cell, (result) => ({
        value: result.shares === null ? null : 100 * result.shares.favourable,
        lower: result.interval === null ? null : 100 * result.interval.lower,
        upper: result.interval === null ? null : 100 * result.interval.upper,
      })),
    );
    title = 'Favourable share (%) from warehouse rows';
  }
  const show = (value: number | null) => (value === null ? '' : formatNumber(value, { digits: 1 }));
  const suppressed = published.filter((row) => row.status !== 'shown').length;
  return {
    json: {
      command: 'merge',
      aggregate: options.aggregate,
      minGroupSize: options.minGroup,
      rows: published,
    },
    csv: { columns: MERGE_COLUMNS, rows: published },
    table: {
      title: `${title}, ${rows.length} rows read`,
      header: [
        'period',
        'segment',
        'group',
        'n',
        options.aggregate === 'enps' ? 'eNPS' : 'favourable %',
        'interval',
      ],
      rows: published.map((row) => [
        row.period ?? '',
        row.segment,
        row.group ?? '',
        row.status === 'shown' ? String(row.n) : 'suppressed',
        show(row.value),
        row.lower === null || row.upper === null ? '' : `${show(row.lower)} to ${show(row.upper)}`,
      ]),
      notes:
        suppressed === 0
          ? []
          : [
              `${suppressed} cells suppressed: fewer than ${options.minGroup} answers, everyone alike, or needed to protect another cell.`,
            ],
      textColumns: 3,
    },
  };
}
