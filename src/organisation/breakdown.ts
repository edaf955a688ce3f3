import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { suppressTable } from '../privacy/suppressTable.js';
import type { CellStatistics, TableCell, TableEquation } from '../privacy/table.js';
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
  const minGroupSize = options.minGroupSize;
  const published = toReportables(
    suppressTable({ cells, equations }, minGroupSize === undefined ? {} : { minGroupSize }),
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
