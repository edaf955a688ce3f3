import { LOWEST_MIN_GROUP_SIZE, resolveMinGroupSize } from '../privacy/minGroupSize.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import { suppressTable } from '../privacy/suppressTable.js';
import type { CellStatistics, TableCell, TableEquation } from '../privacy/table.js';
import { type CellValues, toReportables } from '../privacy/toReportables.js';

/** One published segment of a breakdown. @internal */
export interface BreakdownSegment {
  /** `all` (everyone), `group` (one value of the --by column) or `missing` (no value). */
  readonly segment: 'all' | 'group' | 'missing';
  /** The --by value; null for `all` and `missing`. */
  readonly group: string | null;
  readonly cell: Reportable<CellValues>;
}

/** A group's tally while reading. @internal */
export interface Tally {
  n: number;
  counts: Record<string, number>;
}

/** Adds one person in a category (or none) to the tally of a key. @internal */
export function addTo(
  tallies: Map<string | null, Tally>,
  key: string | null,
  categories: readonly string[],
): Tally {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = { n: 0, counts: Object.fromEntries(categories.map((category) => [category, 0])) };
    tallies.set(key, tally);
  }
  return tally;
}

/**
 * Publishes a breakdown through the privacy module: one cell per group (the `null` key holds
 * the people without a value, the `missing` segment), and the `all` total tied to them by
 * `all = groups + missing`; `suppressTable` applies primary suppression (fewer than
 * minGroupSize, or everyone in one category), then complementary suppression so that no hidden
 * group can be derived by subtracting the shown ones from the total. Without groups (no --by),
 * only `all` is published, with primary suppression. Segments come `all` first, then the groups
 * sorted by value, then `missing`. @internal
 */
export function suppressBreakdown(
  tallies: ReadonlyMap<string | null, Tally>,
  grouped: boolean,
  categories: readonly string[],
  minGroupSize: number,
): BreakdownSegment[] {
  const keys = [...tallies.keys()]
    .filter((key): key is string => key !== null)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const missing = tallies.get(null);
  const statistics = (tally: Tally | undefined): CellStatistics => ({
    n: tally?.n ?? 0,
    counts: Object.fromEntries(categories.map((c) => [c, tally?.counts[c] ?? 0])),
  });
  const total: Tally = { n: 0, counts: Object.fromEntries(categories.map((c) => [c, 0])) };
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
  const published = toReportables(suppressTable({ cells, equations }, { minGroupSize }));
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

/**
 * Publishes one value through `suppressTable` as a table of one cell, so that it meets the
 * library's one rule: shown only when its n reaches the minimum group size and no category holds
 * everyone (six answers, all detractors, would tell each person's answer). @internal
 */
export function suppressCell<T>(
  value: T,
  statistics: CellStatistics,
  minGroupSize: number,
): Reportable<T> {
  const [cell] = suppressTable(
    { cells: [{ id: 'cell', ...statistics }], equations: [] },
    {
      minGroupSize,
    },
  ).cells;
  return cell?.status === 'shown' ? { status: 'shown', value, n: statistics.n } : SUPPRESSED;
}

/**
 * The minimum group size in force: the largest of the caller's (default 5), the survey's own
 * `minGroupSize` and the library's floor of 3. @internal
 */
export function effectiveMinGroupSize(
  minGroupSize: number | undefined,
  survey?: { readonly minGroupSize?: number | undefined },
): number {
  return Math.max(
    resolveMinGroupSize(minGroupSize),
    survey?.minGroupSize ?? LOWEST_MIN_GROUP_SIZE,
    LOWEST_MIN_GROUP_SIZE,
  );
}

/**
 * The reasons a value may be hidden, in words, for one footnote under a table or report: never
 * per cell, since a cell's own reason would tell what it hides. @internal
 */
export function suppressionReasons(minGroupSize: number, unit: string): readonly string[] {
  return [
    `fewer than ${minGroupSize} ${unit}`,
    `all ${unit} in one category`,
    'hidden so that another hidden value cannot be worked out',
  ];
}

/** The one footnote that lists {@link suppressionReasons}. @internal */
export function suppressionFootnote(minGroupSize: number, unit: string): string {
  const [few, same, complement] = suppressionReasons(minGroupSize, unit);
  return `Hidden (suppressed) values: ${few}, ${same}, or ${complement}.`;
}
