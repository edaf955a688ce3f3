import { InternalCustomerError } from '../core/errors.js';
import type { CellStatistics, TableEquation } from './table.js';

/** A table indexed for the algorithms: cells by position, equations as signed terms. @internal */
export interface IndexedTable {
  readonly ids: readonly string[];
  readonly n: readonly number[];
  /** Category counts per cell, by key (0 when absent). */
  readonly counts: ReadonlyMap<string, Float64Array>;
  /** Each equation's terms: the total with -1, the parts with +1. */
  readonly terms: readonly (readonly { readonly cell: number; readonly coefficient: number }[])[];
  /** The declared categorical variables: name -> the count keys that are its categories. */
  readonly variables: ReadonlyMap<string, readonly string[]>;
}

const SUM_TOLERANCE = 1e-9;

/**
 * Checks the input of the privacy algorithms and indexes it: unique cell ids; equations over known
 * cells, each cell at most once per equation; whole, non-negative n and counts with counts <= n;
 * finite sums; one list of categories per declared variable, whose counts add up to n in every
 * cell with values; and every equation holding for n, counts and sums. Only input checking is
 * shared between suppression and verification, never the reasoning. @internal
 */
export function indexTable(
  functionName: string,
  cells: readonly ({ readonly id: string } & Partial<CellStatistics>)[],
  equations: readonly TableEquation[],
  requireValuesFor: (index: number) => boolean,
): IndexedTable {
  const position = new Map<string, number>();
  const ids: string[] = [];
  const n: number[] = [];
  const countKeys = new Set<string>();
  cells.forEach((cell, index) => {
    if (position.has(cell.id)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires unique cell ids, got "${cell.id}" twice`,
      );
    }
    position.set(cell.id, index);
    ids.push(cell.id);
    const size = cell.n;
    if (size === undefined) {
      if (requireValuesFor(index)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName} requires n for cell "${cell.id}"`,
        );
      }
      n.push(Number.NaN);
      return;
    }
    if (!Number.isInteger(size) || size < 0) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires n as a whole number >= 0 in cell "${cell.id}", got ${String(size)}`,
      );
    }
    n.push(size);
    for (const [key, value] of Object.entries(cell.counts ?? {})) {
      if (!Number.isInteger(value) || value < 0 || value > size) {
        throw new InternalCustomerError(
          'OUT_OF_RANGE',
          `${functionName} requires count "${key}" in cell "${cell.id}" as a whole number from 0 to n (${size}), got ${String(value)}`,
        );
      }
      countKeys.add(key);
    }
    for (const [key, value] of Object.entries(cell.sums ?? {})) {
      if (!Number.isFinite(value)) {
        throw new InternalCustomerError(
          'OUT_OF_RANGE',
          `${functionName} requires sum "${key}" in cell "${cell.id}" to be finite, got ${String(value)}`,
        );
      }
    }
  });
  const variables = declaredVariables(functionName, cells);
  for (const categories of variables.values()) for (const key of categories) countKeys.add(key);
  const counts = new Map<string, Float64Array>();
  for (const key of countKeys) {
    counts.set(
      key,
      Float64Array.from(
        cells,
        (cell) => cell.counts?.[key] ?? (cell.n === undefined ? Number.NaN : 0),
      ),
    );
  }
  const sumKeys = new Set<string>();
  for (const cell of cells) for (const key of Object.keys(cell.sums ?? {})) sumKeys.add(key);
  const sums = new Map<string, Float64Array>();
  for (const key of sumKeys)
    sums.set(
      key,
      Float64Array.from(cells, (cell) => cell.sums?.[key] ?? 0),
    );
  const withheld = Uint8Array.from(cells, (cell) => (cell.n === undefined ? 1 : 0));
  const terms = equations.map((equation, index) => {
    const list: { cell: number; coefficient: number }[] = [];
    const named = new Set<number>();
    [equation.total, ...equation.parts].forEach((id, at) => {
      const cell = position.get(id);
      if (cell === undefined) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName}: equation ${index + 1} names unknown cell "${id}"`,
        );
      }
      if (named.has(cell)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName}: equation ${index + 1} names a cell twice`,
        );
      }
      named.add(cell);
      list.push({ cell, coefficient: at === 0 ? -1 : 1 });
    });
    // Values withheld in a term: nothing to check.
    if (list.every((term) => withheld[term.cell] === 0)) {
      const problems = unbalanced(list, n, counts, sums);
      if (problems.length > 0) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName}: equation ${index + 1} (total "${ids[list[0]!.cell]!}") does not add up for ${problems.join(', ')}`,
        );
      }
    }
    return list;
  });
  return { ids, n, counts, terms, variables };
}

/**
 * The categorical variables the cells declare, checked: the same categories wherever a variable
 * is declared, no category twice, and the categories' counts adding up to n in every cell with
 * values. O(cells x declared categories). @internal
 */
function declaredVariables(
  functionName: string,
  cells: readonly ({ readonly id: string } & Partial<CellStatistics>)[],
): Map<string, readonly string[]> {
  const variables = new Map<string, readonly string[]>();
  for (const cell of cells) {
    for (const [name, categories] of Object.entries(cell.variables ?? {})) {
      const known = variables.get(name);
      if (known === undefined) {
        if (categories.length === 0 || new Set(categories).size !== categories.length) {
          throw new InternalCustomerError(
            'INVALID_INPUT',
            `${functionName} requires variable "${name}" to list distinct categories, got [${categories.join(', ')}]`,
          );
        }
        variables.set(name, [...categories]);
      } else if (known.length !== categories.length || known.some((c, i) => c !== categories[i])) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName} requires one list of categories for variable "${name}", got [${known.join(', ')}] and [${categories.join(', ')}] (cell "${cell.id}")`,
        );
      }
    }
  }
  if (variables.size === 0) return variables;
  for (const cell of cells) {
    if (cell.n === undefined) continue;
    for (const [name, categories] of variables) {
      let total = 0;
      for (const key of categories) total += cell.counts?.[key] ?? 0;
      if (total !== cell.n) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${functionName} requires the categories of variable "${name}" to add up to n (${cell.n}) in cell "${cell.id}", got ${total}`,
        );
      }
    }
  }
  return variables;
}

/**
 * The statistics for which an equation does not hold: n and counts exactly, sums within a
 * tolerance relative to their size. A statistic absent from a cell is 0 there. O(terms x
 * statistics).
 */
function unbalanced(
  terms: readonly { cell: number; coefficient: number }[],
  n: readonly number[],
  counts: ReadonlyMap<string, Float64Array>,
  sums: ReadonlyMap<string, Float64Array>,
): string[] {
  const problems: string[] = [];
  let people = 0;
  for (const term of terms) people += term.coefficient * n[term.cell]!;
  if (people !== 0) problems.push('n');
  for (const [key, values] of counts) {
    let gap = 0;
    for (const term of terms) gap += term.coefficient * values[term.cell]!;
    if (gap !== 0) problems.push(key);
  }
  for (const [key, values] of sums) {
    let gap = 0;
    let scale = 1;
    for (const term of terms) {
      gap += term.coefficient * values[term.cell]!;
      scale += Math.abs(values[term.cell]!);
    }
    if (Math.abs(gap) > SUM_TOLERANCE * scale) problems.push(key);
  }
  return problems;
}

/** One unknown of a cell for an attacker: its n, a category count, or n minus a count. @internal */
export type LayoutStatistic =
  | { readonly kind: 'n' }
  | { readonly kind: 'count'; readonly key: string }
  | { readonly kind: 'rest'; readonly key: string };

/**
 * A categorical variable of the cells: the statistics that count its categories, which add up to
 * n. A count that no variable declares is a yes/no variable of its own: the count and the rest
 * (`binary`), as before variables could be declared. @internal
 */
export interface LayoutVariable {
  readonly name: string;
  readonly statistics: readonly number[];
  readonly categories: readonly string[];
  readonly binary: boolean;
}

/**
 * How the cells' statistics are read: every statistic (n first) and the categorical variables
 * they make up. Input interpretation only, shared by the suppression and its check. @internal
 */
export interface StatisticLayout {
  readonly statistics: readonly LayoutStatistic[];
  readonly variables: readonly LayoutVariable[];
}

/**
 * The layout of a table's statistics, for the count keys of an indexed table: a declared
 * variable's categories are one count each; any other count is a yes/no variable. @internal
 */
export function statisticLayout(indexed: IndexedTable): StatisticLayout {
  const statistics: LayoutStatistic[] = [{ kind: 'n' }];
  const variables: LayoutVariable[] = [];
  const declared = new Map<string, number>();
  for (const [name, categories] of indexed.variables) {
    const columns = categories.map((key) => {
      let column = declared.get(key);
      if (column === undefined) {
        column = statistics.push({ kind: 'count', key }) - 1;
        declared.set(key, column);
      }
      return column;
    });
    variables.push({ name, statistics: columns, categories, binary: false });
  }
  for (const key of indexed.counts.keys()) {
    if (declared.has(key)) continue;
    statistics.push({ kind: 'count', key }, { kind: 'rest', key });
    variables.push({
      name: key,
      statistics: [statistics.length - 2, statistics.length - 1],
      categories: [key, `not ${key}`],
      binary: true,
    });
  }
  return { statistics, variables };
}

/** The value of one statistic in a cell (NaN when the cell's values are withheld). @internal */
export function statisticValue(
  indexed: IndexedTable,
  cell: number,
  statistic: LayoutStatistic,
): number {
  const n = indexed.n[cell]!;
  if (statistic.kind === 'n') return n;
  const count = indexed.counts.get(statistic.key)![cell]!;
  return statistic.kind === 'count' ? count : n - count;
}
