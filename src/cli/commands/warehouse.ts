import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { periodFromInclusive } from '../../core/period.js';
import { formatNumber } from '../../report/formatNumber.js';
import { kmMedian } from '../../retention/kmQuantile.js';
import { DEFAULT_ANSWERS_COLUMNS } from '../../warehouse/answersTable.js';
import { enpsSql } from '../../warehouse/enpsSql.js';
import { enpsTalliesFromRows } from '../../warehouse/enpsTalliesFromRows.js';
import { favourabilityCountsFromRows } from '../../warehouse/favourabilityCountsFromRows.js';
import { favourabilitySql } from '../../warehouse/favourabilitySql.js';
import { hireCohortsFromRows } from '../../warehouse/hireCohortsFromRows.js';
import { hireCohortsSql } from '../../warehouse/hireCohortsSql.js';
import type { PublishedWarehouseCell, WarehousePeriodUnit } from '../../warehouse/index.js';
import { publishWarehouseEnps } from '../../warehouse/publishWarehouseEnps.js';
import { publishWarehouseFavourability } from '../../warehouse/publishWarehouseFavourability.js';
import { publishWarehouseHireCohorts } from '../../warehouse/publishWarehouseHireCohorts.js';
import { publishWarehouseResponses } from '../../warehouse/publishWarehouseResponses.js';
import { publishWarehouseSurvival } from '../../warehouse/publishWarehouseSurvival.js';
import { publishWarehouseTurnover } from '../../warehouse/publishWarehouseTurnover.js';
import {
  DEFAULT_INVITATIONS_COLUMNS,
  responseCountsFromRows,
  responseCountsSql,
} from '../../warehouse/responseCountsSql.js';
import { DEFAULT_SPELLS_COLUMNS } from '../../warehouse/spellsTable.js';
import { survivalCountsFromRows } from '../../warehouse/survivalCountsFromRows.js';
import { survivalSql } from '../../warehouse/survivalSql.js';
import { turnoverCountsFromRows } from '../../warehouse/turnoverCountsFromRows.js';
import { turnoverSql } from '../../warehouse/turnoverSql.js';
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
export const WAREHOUSE_AGGREGATES = [
  'enps',
  'favourability',
  'responses',
  'survival',
  'turnover',
  'cohorts',
] as const;
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
  readonly asOf?: string | undefined;
  readonly recordsStart?: string | undefined;
  readonly cohort?: 'month' | 'quarter' | 'year' | undefined;
  readonly horizons?: readonly number[] | undefined;
  readonly inline?: boolean | undefined;
  readonly output?: string | undefined;
}

/** The table each aggregate reads: answers, invitations or spells (their column fields). */
function tableColumns(aggregate: WarehouseAggregate): object {
  if (aggregate === 'enps' || aggregate === 'favourability') return DEFAULT_ANSWERS_COLUMNS;
  if (aggregate === 'responses') return DEFAULT_INVITATIONS_COLUMNS;
  return DEFAULT_SPELLS_COLUMNS;
}

function renamedColumns(
  list: readonly string[] | undefined,
  defaults: object,
): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const item of list ?? []) {
    const [field, name, ...rest] = item.split('=');
    if (
      field === undefined ||
      name === undefined ||
      name === '' ||
      rest.length > 0 ||
      !(field in defaults)
    ) {
      throw usageError(
        `--columns takes field=column pairs, the fields ${Object.keys(defaults).join(', ')}; got ${JSON.stringify(item)}.`,
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

/** `--from`/`--to` as a period, or nothing; refused when only one is given. */
function periodOption(options: {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}) {
  if ((options.from === undefined) !== (options.to === undefined))
    throw usageError('--from and --to go together.');
  if (options.from === undefined || options.to === undefined) return {};
  if (options.to < options.from) throw usageError('--to must be on or after --from.');
  return { period: periodFromInclusive(options.from, options.to) };
}

/** The group columns of a spells aggregate: no calendar period among them. */
function spellGroups(aggregate: WarehouseAggregate, groupBy: readonly string[] | undefined) {
  const grouping = warehouseGrouping(groupBy);
  if (grouping.per !== undefined)
    throw usageError(
      `${aggregate} groups by no calendar period in --group-by${aggregate === 'cohorts' ? ' (use --cohort)' : ''}.`,
    );
  return grouping.groupBy;
}

/** The period of turnover: --from and --to, required. */
function turnoverPeriod(options: SqlCommandOptions | MergeCommandOptions) {
  const { period } = periodOption(options);
  if (period === undefined) throw usageError('turnover needs --from and --to.');
  return period;
}

/** --as-of, --records-start and, for cohorts, --cohort and --horizons. */
function spellWindow(
  aggregate: 'survival' | 'cohorts',
  options: SqlCommandOptions | MergeCommandOptions,
) {
  if (options.asOf === undefined) throw usageError(`${aggregate} needs --as-of.`);
  return {
    groupBy: spellGroups(aggregate, options.groupBy),
    asOf: options.asOf,
    ...(options.recordsStart === undefined ? {} : { recordsStart: options.recordsStart }),
    ...(aggregate === 'cohorts' && options.cohort !== undefined ? { cohort: options.cohort } : {}),
    ...(aggregate === 'cohorts' && options.horizons !== undefined
      ? { horizons: options.horizons }
      : {}),
  };
}

/** The query of an aggregate from the command's options. */
function aggregateQuery(aggregate: WarehouseAggregate, options: SqlCommandOptions): WarehouseQuery {
  const where = {
    dialect: options.dialect,
    ...(options.table === undefined ? {} : { table: options.table }),
    columns: renamedColumns(options.columns, tableColumns(aggregate)),
  };
  if (aggregate === 'turnover') {
    const groupBy = spellGroups(aggregate, options.groupBy);
    return turnoverSql({ ...where, groupBy, period: turnoverPeriod(options) });
  }
  if (aggregate === 'survival')
    return survivalSql({ ...where, ...spellWindow(aggregate, options) });
  if (aggregate === 'cohorts')
    return hireCohortsSql({ ...where, ...spellWindow(aggregate, options) });
  const common = {
    ...where,
    ...warehouseGrouping(options.groupBy),
    ...(options.survey === undefined ? {} : { surveyId: options.survey }),
    ...periodOption(options),
  };
  if (aggregate === 'responses') return responseCountsSql(common);
  const answers = {
    ...common,
    ...(options.question === undefined ? {} : { questionId: options.question }),
  };
  if (aggregate === 'enps') return enpsSql(answers);
  if (options.points === undefined) throw usageError('favourability needs --points.');
  return favourabilitySql({ ...answers, points: options.points });
}

/** `internal-customer sql <aggregate>`: prints (or writes) the query. @internal */
export async function sqlCommand(
  aggregate: WarehouseAggregate,
  options: SqlCommandOptions,
  io: CliIo,
): Promise<void> {
  const text = queryText(aggregateQuery(aggregate, options), options.inline === true);
  if (options.output === undefined) io.stdout.write(text);
  else await writeFileAtomic(options.output, text);
}

/** Options of `internal-customer merge`. @internal */
export interface MergeCommandOptions {
  readonly aggregate: WarehouseAggregate;
  readonly groupBy?: readonly string[] | undefined;
  readonly points?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly asOf?: string | undefined;
  readonly recordsStart?: string | undefined;
  readonly cohort?: 'month' | 'quarter' | 'year' | undefined;
  readonly horizons?: readonly number[] | undefined;
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

type MergeRow = ReturnType<typeof cellRow>;

const interval = (value: { lower: number; upper: number } | null, scale = 1) => ({
  lower: value === null ? null : scale * value.lower,
  upper: value === null ? null : scale * value.upper,
});

/** The published rows of an aggregate, its title and the heading of its value. */
function publishedRows(
  rows: readonly WarehouseRow[],
  options: MergeCommandOptions,
): { published: MergeRow[]; title: string; heading: string } {
  const { aggregate } = options;
  const gate = { minGroupSize: options.minGroup, level: options.level };
  if (aggregate === 'survival' || aggregate === 'turnover' || aggregate === 'cohorts')
    return publishedSpellRows(aggregate, rows, options);
  const grouping = warehouseGrouping(options.groupBy);
  if (aggregate === 'enps') {
    const tallies = enpsTalliesFromRows(rows, grouping);
    const published = publishWarehouseEnps(tallies, gate).map((cell) =>
      cellRow(cell, (result) => ({ value: result.score, ...interval(result.interval ?? null) })),
    );
    return { published, title: 'eNPS (-100 to 100) from warehouse rows', heading: 'eNPS' };
  }
  if (aggregate === 'responses') {
    const groups = responseCountsFromRows(rows, grouping);
    const published = publishWarehouseResponses(groups, {
      ...gate,
      ...(grouping.per === undefined ? {} : { per: grouping.per }),
    }).map((cell) =>
      cellRow(cell, (result) => ({
        value: result.rate === null ? null : 100 * result.rate,
        ...interval(result.interval, 100),
      })),
    );
    return { published, title: 'Response rate (%) from warehouse rows', heading: 'responded %' };
  }
  if (options.points === undefined) throw usageError('favourability needs --points.');
  const counts = favourabilityCountsFromRows(rows, { ...grouping, points: options.points });
  const published = publishWarehouseFavourability(counts, gate).map((cell) =>
    cellRow(cell, (result) => ({
      value: result.shares === null ? null : 100 * result.shares.favourable,
      ...interval(result.interval, 100),
    })),
  );
  return { published, title: 'Favourable share (%) from warehouse rows', heading: 'favourable %' };
}

/** Survival (median tenure), turnover (total rate) and hire cohorts (retained % per horizon). */
function publishedSpellRows(
  aggregate: 'survival' | 'turnover' | 'cohorts',
  rows: readonly WarehouseRow[],
  options: MergeCommandOptions,
): { published: MergeRow[]; title: string; heading: string } {
  const gate = { minGroupSize: options.minGroup, level: options.level };
  if (aggregate === 'turnover') {
    const groupBy = spellGroups(aggregate, options.groupBy);
    const counts = turnoverCountsFromRows(rows, { groupBy, period: turnoverPeriod(options) });
    const published = publishWarehouseTurnover(counts, gate).map((cell) =>
      cellRow(cell, (result) => ({
        value: 100 * result.rates.total,
        lower: 100 * result.estimates.total.interval.lower,
        upper: 100 * result.estimates.total.interval.upper,
      })),
    );
    return {
      published,
      title: 'Turnover over the period (%) from warehouse rows',
      heading: 'turnover %',
    };
  }
  const window = spellWindow(aggregate, options);
  if (aggregate === 'survival') {
    const groups = survivalCountsFromRows(rows, window);
    const published = publishWarehouseSurvival(groups, gate).map((cell) =>
      cellRow(cell, (curve) => {
        const median = kmMedian(curve);
        return { value: median.quantile, lower: median.lower, upper: median.upper };
      }),
    );
    return { published, title: 'Median tenure (days) from warehouse rows', heading: 'median days' };
  }
  const { level: _level, ...cohortGate } = gate;
  const published = publishWarehouseHireCohorts(
    hireCohortsFromRows(rows, window),
    cohortGate,
  ).flatMap(({ key, published: triangle }) =>
    triangle.rows.flatMap((row) =>
      row.cells.map((cell) => {
        const shown = row.hires.status === 'shown' && cell.retained?.status === 'shown';
        const group = [...key.map((part) => part ?? '(none)'), `${cell.horizon} months`];
        return {
          period: row.first,
          segment: key.length === 0 ? ('all' as const) : ('group' as const),
          group: group.join(' / '),
          status: shown ? ('shown' as const) : ('suppressed' as const),
          n: shown && row.hires.status === 'shown' ? row.hires.value : null,
          value: shown && cell.retained?.status === 'shown' ? 100 * cell.retained.value.rate : null,
          lower: null,
          upper: null,
        };
      }),
    ),
  );
  return {
    published,
    title: 'Hires retained (%) per cohort from warehouse rows',
    heading: 'retained %',
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
  const { published, title, heading } = publishedRows(rows, options);
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
      header: ['period', 'segment', 'group', 'n', heading, 'interval'],
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
