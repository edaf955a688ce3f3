import { type BreakdownTally, suppressBreakdown } from '../../organisation/breakdown.js';
import { type Reportable, SUPPRESSED } from '../../privacy/reportable.js';

/** One published cell: a group of one period, or the period's total. */
export interface PublishedWarehouseCell<T> {
  /** The period's first day, or null without periods. */
  readonly period: string | null;
  /** `all` (everyone of the period), `group`, or `missing` (no value in any group column). */
  readonly segment: 'all' | 'group' | 'missing';
  /** The group's values of the `groupBy` columns; null for `all` and `missing`. */
  readonly key: readonly (string | null)[] | null;
  readonly cell: Reportable<T>;
}

/** How a publisher sees its aggregate. @internal */
export interface PublishSpec<A, T> {
  /** The categories counted per person, one categorical variable (`answer`) when `exclusive`. */
  readonly categories: readonly string[];
  readonly exclusive: boolean;
  readonly statistics: (aggregate: A) => BreakdownTally;
  readonly merge: (parts: readonly A[]) => A;
  readonly value: (aggregate: A) => T;
  readonly minGroupSize: number | undefined;
}

/**
 * Publishes aggregates keyed by group values (then the period's first day when `periods`) as one
 * breakdown per period through `suppressBreakdown`: `all = groups + missing` protected with
 * primary and complementary suppression; the value of a shown cell computed, of a hidden one
 * never. Cells come period by period, `all` first. @internal
 */
export function publishGroups<A, T>(
  groups: readonly { readonly key: readonly (string | null)[]; readonly aggregate: A }[],
  periods: boolean,
  spec: PublishSpec<A, T>,
): PublishedWarehouseCell<T>[] {
  const byPeriod = new Map<string | null, Map<string | null, A[]>>();
  const keys = new Map<string, readonly (string | null)[]>();
  let grouped = false;
  for (const { key, aggregate } of groups) {
    const period = periods ? key[key.length - 1]! : null;
    const values = periods ? key.slice(0, -1) : key;
    if (values.length > 0) grouped = true;
    const id = values.every((value) => value === null)
      ? null
      : values.length === 1
        ? values[0]!
        : JSON.stringify(values);
    if (id !== null) keys.set(id, values);
    let inPeriod = byPeriod.get(period);
    if (inPeriod === undefined) {
      inPeriod = new Map();
      byPeriod.set(period, inPeriod);
    }
    const parts = inPeriod.get(id);
    if (parts === undefined) inPeriod.set(id, [aggregate]);
    else parts.push(aggregate);
  }
  const result: PublishedWarehouseCell<T>[] = [];
  for (const [period, inPeriod] of byPeriod) {
    const merged = new Map<string | null, A>();
    const tallies = new Map<string | null, BreakdownTally>();
    for (const [id, parts] of inPeriod) {
      const aggregate = parts.length === 1 ? parts[0]! : spec.merge(parts);
      merged.set(id, aggregate);
      tallies.set(id, spec.statistics(aggregate));
    }
    const segments = suppressBreakdown(tallies, {
      categories: spec.categories,
      ...(spec.exclusive ? { variables: { answer: spec.categories } } : {}),
      grouped,
      ...(spec.minGroupSize === undefined ? {} : { minGroupSize: spec.minGroupSize }),
    });
    for (const { segment, group, cell } of segments) {
      const aggregate =
        segment === 'all'
          ? spec.merge([...merged.values()])
          : merged.get(segment === 'missing' ? null : group);
      result.push({
        period,
        segment,
        key: segment === 'group' && group !== null ? (keys.get(group) ?? null) : null,
        cell:
          cell.status === 'shown' && aggregate !== undefined
            ? { status: 'shown', value: spec.value(aggregate), n: cell.n }
            : SUPPRESSED,
      });
    }
  }
  return result;
}
