import {
  type LedgerPopulation,
  type LedgerRefusal,
  type ReleaseLedger,
  suppressTableWithLedger,
  unionOf,
} from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { CellStatistics, Table, TableCell, TableEquation } from '../privacy/table.js';
import { type CellValues, toReportables } from '../privacy/toReportables.js';

/** One published segment of a breakdown. */
export interface BreakdownSegment {
  /** `all` (everyone), `group` (one value of the grouping) or `missing` (no value). */
  readonly segment: 'all' | 'group' | 'missing';
  /** The group's value; null for `all` and `missing`. */
  readonly group: string | null;
  readonly cell: Reportable<CellValues>;
}

/**
 * A group's tally while reading: the people (or answers) in it and how many of them fall in each
 * category. The categories of one variable add up to at most n (an answer's category: detractor,
 * passive, promoter); a person may also be counted under several flags (left, left voluntarily).
 */
export interface BreakdownTally {
  n: number;
  counts: Record<string, number>;
}

/**
 * The tally of a key (a group's value, or `null` for no value), made with every category at 0 the
 * first time the key is seen. The map is the caller's accumulator and is added to.
 *
 * @example
 * const tallies = new Map();
 * const tally = breakdownTally(tallies, 'sales', ['detractor', 'passive', 'promoter']);
 * tally.n++; tally.counts.promoter++;
 * tallies.get('sales') // => { n: 1, counts: { detractor: 0, passive: 0, promoter: 1 } }
 */
export function breakdownTally(
  tallies: Map<string | null, BreakdownTally>,
  key: string | null,
  categories: readonly string[],
): BreakdownTally {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = { n: 0, counts: Object.fromEntries(categories.map((category) => [category, 0])) };
    tallies.set(key, tally);
  }
  return tally;
}

/** Options of {@link suppressBreakdown}. */
export interface SuppressBreakdownOptions {
  /** The categories counted in each tally (`detractor`, `passive`, `promoter`, say). */
  readonly categories: readonly string[];
  /**
   * The categorical variables among the categories (`CellStatistics.variables`): name -> its
   * categories, one per person, adding up to n (`{ answer: ['detractor', 'passive', 'promoter'] }`).
   * A category of 0 is then no trait that everyone shares; a category no variable names stays a
   * yes/no count. Default: none.
   */
  readonly variables?: Readonly<Record<string, readonly string[]>>;
  /** Publish each group beside the total; without it, only `all`. Default true. */
  readonly grouped?: boolean;
  /** Minimum distinct people (or answers) behind a shown cell. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
}

/**
 * Publishes a one-way breakdown through the privacy module: one cell per group (the `null` key
 * holds the people without a value, the `missing` segment), and the `all` total tied to them by
 * `all = groups + missing`. `suppressTable` applies primary suppression (fewer than minGroupSize,
 * or everyone in one category), then complementary suppression so that no hidden group can be
 * derived by subtracting the shown ones from the total. Without groups only `all` is published,
 * with primary suppression. Segments come `all` first, then the groups sorted by value, then
 * `missing`.
 *
 * Roughly O(groups) plus `suppressTable` on one equation.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const tallies = new Map([
 *   ['a', { n: 8, counts: { yes: 2 } }],
 *   ['b', { n: 9, counts: { yes: 3 } }],
 *   ['c', { n: 2, counts: { yes: 1 } }],
 * ]);
 * suppressBreakdown(tallies, { categories: ['yes'] }).map((s) => [s.group ?? s.segment, s.cell.status]) // => [['all', 'shown'], ['a', 'suppressed'], ['b', 'shown'], ['c', 'suppressed']]
 */
export function suppressBreakdown(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  options: SuppressBreakdownOptions,
): BreakdownSegment[] {
  const { minGroupSize } = options;
  return publishBreakdown(tallies, options, (table) =>
    suppressTable(table, minGroupSize === undefined ? {} : { minGroupSize }),
  );
}

/** Options of {@link releaseBreakdown}. */
export interface ReleaseBreakdownOptions extends SuppressBreakdownOptions {
  /** What was released earlier (`ReleaseLedger`). */
  readonly ledger: ReleaseLedger;
  /** What the breakdown measures of each person (`enps:<column>`, `turnover:<start>..<end>`). */
  readonly statistic: string;
  /** Who is in each group (the `null` key: those without a value). */
  readonly populations: ReadonlyMap<string | null, LedgerPopulation>;
}

/**
 * {@link suppressBreakdown} against a release ledger (`suppressTableWithLedger`): a group or total
 * whose population differs from an earlier release of the same statistic by 1 to minGroupSize - 1
 * is refused and hidden with complements; returns the ledger with this release added.
 *
 * @throws {InternalCustomerError} as `suppressBreakdown` and `ledgerRefusals`.
 *
 * @example
 * const tallies = new Map([['a', { n: 8, counts: { yes: 2 } }], ['b', { n: 9, counts: { yes: 3 } }]]);
 * const populations = new Map([['a', { groups: { 'team=a': 8 } }], ['b', { groups: { 'team=b': 9 } }]]);
 * const first = releaseBreakdown(tallies, { categories: ['yes'], ledger: emptyLedger(), statistic: 'yes', populations });
 * const later = new Map([['a', { n: 8, counts: { yes: 2 } }], ['b', { n: 10, counts: { yes: 3 } }]]);
 * const again = releaseBreakdown(later, { categories: ['yes'], ledger: first.ledger, statistic: 'yes', populations: new Map([...populations, ['b', { groups: { 'team=b': 10 } }]]) });
 * again.segments.map((s) => [s.group ?? s.segment, s.cell.status]) // => [['all', 'suppressed'], ['a', 'shown'], ['b', 'suppressed']]
 */
export function releaseBreakdown(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  options: ReleaseBreakdownOptions,
): {
  segments: BreakdownSegment[];
  ledger: ReleaseLedger;
  refusals: readonly LedgerRefusal[];
} {
  let release: ReturnType<typeof suppressTableWithLedger> | undefined;
  const segments = publishBreakdown(tallies, options, (table, idOf) => {
    const populations = new Map<string, LedgerPopulation>();
    for (const [key, population] of options.populations) populations.set(idOf(key), population);
    if (!table.cells.some((cell) => cell.id !== 'all'))
      populations.set('all', unionOf([...options.populations.values()]));
    release = suppressTableWithLedger(table, { ...options, populations });
    return release.report;
  });
  return { segments, ledger: release!.ledger, refusals: release!.refusals };
}

/** The table of a breakdown, suppressed by `suppress`, as segments. @internal */
function publishBreakdown(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  options: SuppressBreakdownOptions,
  suppress: (table: Table, idOf: (key: string | null) => string) => PublishedReport,
): BreakdownSegment[] {
  const { categories } = options;
  const grouped = options.grouped ?? true;
  const keys = [...tallies.keys()]
    .filter((key): key is string => key !== null)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const missing = tallies.get(null);
  const { variables } = options;
  const statistics = (tally: BreakdownTally | undefined): CellStatistics => ({
    n: tally?.n ?? 0,
    counts: Object.fromEntries(categories.map((c) => [c, tally?.counts[c] ?? 0])),
    ...(variables === undefined ? {} : { variables }),
  });
  const total: BreakdownTally = {
    n: 0,
    counts: Object.fromEntries(categories.map((c) => [c, 0])),
  };
  for (const tally of tallies.values()) {
    total.n += tally.n;
    for (const c of categories) total.counts[c]! += tally.counts[c] ?? 0;
  }
  const cells: TableCell[] = [{ id: 'all', ...statistics(total) }];
  const equations: TableEquation[] = [];
  if (grouped) {
    const parts: string[] = [];
    keys.forEach((key, index) => {
      cells.push({ id: `group:${index}`, ...statistics(tallies.get(key)) });
      parts.push(`group:${index}`);
    });
    if (missing !== undefined && missing.n > 0) {
      cells.push({ id: 'missing', ...statistics(missing) });
      parts.push('missing');
    }
    if (parts.length > 0) equations.push({ total: 'all', parts });
  }
  const position = new Map(keys.map((key, index) => [key, `group:${index}`]));
  const published = toReportables(
    suppress({ cells, equations }, (key) =>
      key === null ? 'missing' : (position.get(key) ?? 'missing'),
    ),
  );
  const cell = (id: string) => published.get(id) ?? SUPPRESSED;
  const segments: BreakdownSegment[] = [{ segment: 'all', group: null, cell: cell('all') }];
  if (grouped) {
    keys.forEach((key, index) => {
      segments.push({ segment: 'group', group: key, cell: cell(`group:${index}`) });
    });
    if (missing !== undefined && missing.n > 0)
      segments.push({ segment: 'missing', group: null, cell: cell('missing') });
  }
  return segments;
}

/** Options of {@link suppressCell}. */
export interface SuppressCellOptions {
  /** Minimum distinct people (or answers) behind a shown value. Default 5; below 3 refused. */
  readonly minGroupSize?: number;
}

/**
 * Publishes one value through `suppressTable` as a table of one cell, so that it meets the
 * library's one rule: shown only when its n reaches the minimum group size and no category holds
 * everyone (six answers, all detractors, would tell each person's answer). Give the counts of
 * every category behind the value.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for negative or fractional counts.
 *
 * @example
 * suppressCell(-100, { n: 6, counts: { detractors: 6, passives: 0, promoters: 0 } }) // => { status: 'suppressed' }
 * suppressCell(0, { n: 6, counts: { detractors: 2, passives: 2, promoters: 2 } }) // => { status: 'shown', value: 0, n: 6 }
 * suppressCell(0, { n: 4, counts: { detractors: 2, passives: 0, promoters: 2 } }) // => { status: 'suppressed' }
 */
export function suppressCell<T>(
  value: T,
  statistics: CellStatistics,
  options: SuppressCellOptions = {},
): Reportable<T> {
  const [cell] = suppressTable(
    { cells: [{ id: 'cell', ...statistics }], equations: [] },
    options,
  ).cells;
  return cell?.status === 'shown' ? { status: 'shown', value, n: statistics.n } : SUPPRESSED;
}

/** Options of {@link releaseCell}. */
export interface ReleaseCellOptions extends SuppressCellOptions {
  /** What was released earlier (`ReleaseLedger`). */
  readonly ledger: ReleaseLedger;
  /** What the value measures of each person (`likert:<surveyId>:<questionId>`). */
  readonly statistic: string;
  /** Who is behind the value: person keys, or atomic groups with their counts. */
  readonly population: LedgerPopulation;
}

/**
 * {@link suppressCell} against a release ledger: a value whose people differ from an earlier
 * release of the same statistic by 1 to minGroupSize - 1 is refused and hidden; returns the
 * ledger with the value added when shown.
 *
 * @throws {InternalCustomerError} as `suppressCell` and `ledgerRefusals`.
 *
 * @example
 * const counts = { n: 6, counts: { detractors: 2, passives: 2, promoters: 2 } };
 * const first = releaseCell(0, counts, { ledger: emptyLedger(), statistic: 'enps:s:q', population: { groups: { 'day-1': 6 } } });
 * first.cell // => { status: 'shown', value: 0, n: 6 }
 * const late = { n: 7, counts: { detractors: 3, passives: 2, promoters: 2 } };
 * releaseCell(-14, late, { ledger: first.ledger, statistic: 'enps:s:q', population: { groups: { 'day-1': 6, 'day-2': 1 } } }).cell // => { status: 'suppressed' }
 */
export function releaseCell<T>(
  value: T,
  statistics: CellStatistics,
  options: ReleaseCellOptions,
): { cell: Reportable<T>; ledger: ReleaseLedger; refusals: readonly LedgerRefusal[] } {
  const release = suppressTableWithLedger(
    { cells: [{ id: 'cell', ...statistics }], equations: [] },
    {
      ledger: options.ledger,
      statistic: options.statistic,
      populations: new Map([['cell', options.population]]),
      ...(options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize }),
    },
  );
  const shown = release.report.cells[0]?.status === 'shown';
  return {
    cell: shown ? { status: 'shown', value, n: statistics.n } : SUPPRESSED,
    ledger: release.ledger,
    refusals: release.refusals,
  };
}
