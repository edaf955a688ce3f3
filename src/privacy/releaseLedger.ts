import { InternalCustomerError } from '../core/errors.js';
import { resolveMinGroupSize } from './minGroupSize.js';
import { type PublishedReport, suppressTable } from './suppressTable.js';
import type { Table } from './table.js';

/**
 * Who a released value is about. `keys`: the person or respondent keys behind it (confidential
 * and identified surveys, HR records), each counted once. `groups`: for anonymous data, the
 * atomic groups it covers with how many answered in each: an atomic group is the finest group the
 * data tells apart (a team's answers to an anonymous survey, a file's rows of one value of the
 * `--by` column), named the same way in every release, so that the difference of two
 * populations is a sum over atomic groups (see {@link populationDifference}).
 */
export type LedgerPopulation =
  | { readonly keys: readonly string[] }
  | { readonly groups: Readonly<Record<string, number>> };

/**
 * One released value: the statistic it measures and its population. The statistic names what is
 * measured of each person, so that two releases of it differ only by who is in them: the same
 * question of the same survey (`enps:<surveyId>:<questionId>`), or the same event window
 * (`turnover:<start>..<end>`).
 */
export interface LedgerEntry {
  readonly statistic: string;
  readonly population: LedgerPopulation;
}

/**
 * What was released earlier on the same data (JSON-serialisable): pass it to the next release and
 * keep the one it returns. Like the audit record, it names people: keep it server-side, never
 * send it to a reader.
 */
export interface ReleaseLedger {
  readonly version: 1;
  readonly entries: readonly LedgerEntry[];
}

/** A value about to be released: its cell id and what it measures of whom. */
export interface LedgerCell extends LedgerEntry {
  readonly id: string;
}

/** Why a cell was refused, for the audit record only. */
export interface LedgerRefusal {
  readonly id: string;
  readonly statistic: string;
  /** The index, in the ledger's `entries`, of the earlier release it differs from. */
  readonly earlier: number;
  /** People in the new cell and not in the earlier one. */
  readonly onlyNew: number;
  /** People in the earlier cell and not in the new one. */
  readonly onlyEarlier: number;
}

/** An empty ledger, to start with. @example emptyLedger() // => { version: 1, entries: [] } */
export function emptyLedger(): ReleaseLedger {
  return { version: 1, entries: [] };
}

/**
 * How two populations of one statistic differ: the people only in the first and only in the
 * second. With keys, the two set differences. With atomic groups, each group's count difference
 * goes to the side that has more (`max(0, a - b)` summed over groups): the same group in two
 * releases holds the same people, give or take people added or removed (a late answer), so the
 * difference is a sum over atomic groups. Keys and groups cannot be compared.
 *
 * O(size of both).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when one population has keys and the other groups.
 *
 * @example
 * populationDifference({ keys: ['a', 'b', 'c'] }, { keys: ['b', 'c', 'd', 'e'] }) // => { onlyFirst: 1, onlySecond: 2 }
 * populationDifference({ groups: { 'team:x': 12, 'team:y': 8 } }, { groups: { 'team:x': 13 } }) // => { onlyFirst: 8, onlySecond: 1 }
 */
export function populationDifference(
  first: LedgerPopulation,
  second: LedgerPopulation,
): { readonly onlyFirst: number; readonly onlySecond: number } {
  if ('keys' in first && 'keys' in second) {
    const a = new Set(first.keys);
    const b = new Set(second.keys);
    let shared = 0;
    for (const key of a) if (b.has(key)) shared++;
    return { onlyFirst: a.size - shared, onlySecond: b.size - shared };
  }
  if ('groups' in first && 'groups' in second) {
    let onlyFirst = 0;
    let onlySecond = 0;
    for (const group of new Set([...Object.keys(first.groups), ...Object.keys(second.groups)])) {
      const difference = (first.groups[group] ?? 0) - (second.groups[group] ?? 0);
      if (difference > 0) onlyFirst += difference;
      else onlySecond -= difference;
    }
    return { onlyFirst, onlySecond };
  }
  throw new InternalCustomerError(
    'INVALID_INPUT',
    'populationDifference cannot compare person keys with atomic group counts',
  );
}

/** A population as members (key or atomic group) with multiplicities. @internal */
function members(population: LedgerPopulation): Map<string, number> {
  if ('keys' in population) return new Map([...new Set(population.keys)].map((key) => [key, 1]));
  return new Map(Object.entries(population.groups).filter(([, count]) => count > 0));
}

const sizeOf = (population: ReadonlyMap<string, number>) => {
  let size = 0;
  for (const count of population.values()) size += count;
  return size;
};

/**
 * The cells a release must refuse because of what was released before: a cell whose population
 * for the same statistic differs from an earlier released one's by 1 to minGroupSize - 1 people,
 * in either direction. This is the rule vendors apply to successive report filters (Culture Amp
 * disables a filter when the people left behind would be fewer than the minimum), taken both
 * ways and to overlaps:
 * - a subset (a department minus one person): the earlier value minus the new one is the people
 *   left out;
 * - a superset (a team plus one late answer): the new value minus the earlier one is the people
 *   added;
 * - an overlap: the difference of the two values is the people only in one minus the people only
 *   in the other, so either side being small is refused (the other side may be known, or all of
 *   one category).
 * Two populations that share nobody are not compared (nothing subtracts to part of either), nor
 * is a cell below the minimum (hidden anyway); a cell whose population was released before, for
 * the same statistic, is never refused (its value is known already: running the same release
 * again shows the same cells, even where a cell differs by a few people from another one the
 * first run showed). Cells
 * of different statistics are never compared: a month's headcount and the next month's count
 * different things of each person (employed in that month), so a few hires between them do not
 * isolate anyone's value of one statistic.
 *
 * Only pairs are checked: a value equal to the sum of two disjoint earlier ones plus one person is
 * not caught (DESIGN.md says what the ledger cannot do). Each cell is refused for its first
 * offending earlier entry. O(members of the cells x earlier entries holding each member).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a malformed ledger, or one statistic with both keys and groups.
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const department = Array.from({ length: 13 }, (_, i) => `p${i}`);
 * const ledger = recordReleased(emptyLedger(), [{ id: 'dept', statistic: 'enps:s:q', population: { keys: department } }]);
 * ledgerRefusals(ledger, [{ id: 'dept-minus-one', statistic: 'enps:s:q', population: { keys: department.slice(1) } }], 5) // => [{ id: 'dept-minus-one', statistic: 'enps:s:q', earlier: 0, onlyNew: 0, onlyEarlier: 1 }]
 * ledgerRefusals(ledger, [{ id: 'dept-minus-five', statistic: 'enps:s:q', population: { keys: department.slice(5) } }], 5) // => []
 * ledgerRefusals(ledger, [{ id: 'other-question', statistic: 'enps:s:q2', population: { keys: department.slice(1) } }], 5) // => []
 */
export function ledgerRefusals(
  ledger: ReleaseLedger,
  cells: readonly LedgerCell[],
  minGroupSize: number,
): LedgerRefusal[] {
  checkLedger(ledger, 'ledgerRefusals');
  if (!Number.isInteger(minGroupSize) || minGroupSize < 3) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `ledgerRefusals requires a minimum group size of at least 3, got ${String(minGroupSize)}`,
    );
  }
  const wanted = new Set(cells.map((cell) => cell.statistic));
  // Per statistic: the earlier entries' members and sizes, and which entries hold each member.
  const earlier = new Map<
    string,
    { keyed: boolean; index: Map<string, number[]>; sizes: Map<number, number> }
  >();
  const populations: Map<string, number>[] = [];
  ledger.entries.forEach((entry, at) => {
    if (!wanted.has(entry.statistic)) return;
    const population = members(entry.population);
    populations[at] = population;
    const keyed = 'keys' in entry.population;
    let known = earlier.get(entry.statistic);
    if (known === undefined) {
      known = { keyed, index: new Map(), sizes: new Map() };
      earlier.set(entry.statistic, known);
    }
    mixed(known.keyed, keyed, entry.statistic);
    known.sizes.set(at, sizeOf(population));
    for (const member of population.keys()) {
      const holders = known.index.get(member);
      if (holders === undefined) known.index.set(member, [at]);
      else holders.push(at);
    }
  });
  const refusals: LedgerRefusal[] = [];
  for (const cell of cells) {
    const known = earlier.get(cell.statistic);
    if (known === undefined) continue;
    mixed(known.keyed, 'keys' in cell.population, cell.statistic);
    const population = members(cell.population);
    const size = sizeOf(population);
    if (size < minGroupSize) continue;
    const shared = new Map<number, number>();
    for (const [member, count] of population) {
      for (const at of known.index.get(member) ?? []) {
        const overlap = Math.min(count, populations[at]!.get(member)!);
        shared.set(at, (shared.get(at) ?? 0) + overlap);
      }
    }
    // The same population released before: its value is known already, nothing new is told.
    const again = [...shared].some(
      ([at, overlap]) => overlap === size && known.sizes.get(at)! === overlap,
    );
    if (again) continue;
    for (const [at, overlap] of [...shared].sort(([a], [b]) => a - b)) {
      const onlyNew = size - overlap;
      const onlyEarlier = known.sizes.get(at)! - overlap;
      const small = (people: number) => people > 0 && people < minGroupSize;
      if (overlap > 0 && (small(onlyNew) || small(onlyEarlier))) {
        refusals.push({
          id: cell.id,
          statistic: cell.statistic,
          earlier: at,
          onlyNew,
          onlyEarlier,
        });
        break;
      }
    }
  }
  return refusals;
}

/**
 * The ledger with the cells just released added (those shown to readers; hidden cells are not
 * released). A population already in the ledger for the same statistic is not added again, so
 * running the same report twice leaves the ledger as it was. Keys are stored sorted and
 * deduplicated, atomic groups sorted and without zeros, so the ledger's JSON is canonical.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a malformed ledger.
 *
 * @example
 * const once = recordReleased(emptyLedger(), [{ id: 'a', statistic: 'enps:s:q', population: { keys: ['p2', 'p1', 'p1'] } }]);
 * once // => { version: 1, entries: [{ statistic: 'enps:s:q', population: { keys: ['p1', 'p2'] } }] }
 * recordReleased(once, [{ id: 'b', statistic: 'enps:s:q', population: { keys: ['p1', 'p2'] } }]).entries.length // => 1
 */
export function recordReleased(
  ledger: ReleaseLedger,
  released: readonly LedgerCell[],
): ReleaseLedger {
  checkLedger(ledger, 'recordReleased');
  const entries: LedgerEntry[] = [...ledger.entries];
  const seen = new Set(entries.map(entryKey));
  for (const cell of released) {
    const entry: LedgerEntry = {
      statistic: cell.statistic,
      population: canonical(cell.population),
    };
    const key = entryKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return { version: 1, entries };
}

/**
 * The warning a release carries when the ledger refused some of its values: it names the rule,
 * never which value (that would tell how the group changed).
 *
 * @example
 * ledgerWarning(5) // => 'A value was refused and hidden: its group differs from a group released earlier (the release ledger) by fewer than 5 people.'
 */
export function ledgerWarning(minGroupSize: number): string {
  return `A value was refused and hidden: its group differs from a group released earlier (the release ledger) by fewer than ${minGroupSize} people.`;
}

/**
 * Checks that a value (parsed JSON, say) is a release ledger, and returns it.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when it is not one.
 *
 * @example
 * checkLedger({ version: 1, entries: [] }).entries.length // => 0
 * checkLedger({ entries: [] }) // => throws INVALID_INPUT
 */
export function checkLedger(value: unknown, functionName = 'checkLedger'): ReleaseLedger {
  const fail = (what: string): never => {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires a release ledger (version 1): ${what}`,
    );
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  if (version !== 1) fail(`version ${JSON.stringify(version)}`);
  if (!Array.isArray(entries)) return fail('no entries list');
  entries.forEach((entry: unknown, at) => {
    const { statistic, population } = (entry ?? {}) as {
      statistic?: unknown;
      population?: unknown;
    };
    if (typeof statistic !== 'string') fail(`entry ${at} has no statistic`);
    const { keys, groups } = (population ?? {}) as { keys?: unknown; groups?: unknown };
    const validKeys = Array.isArray(keys) && keys.every((key) => typeof key === 'string');
    const validGroups =
      typeof groups === 'object' &&
      groups !== null &&
      !Array.isArray(groups) &&
      Object.values(groups).every((count) => Number.isInteger(count) && (count as number) >= 0);
    if (validKeys === validGroups) fail(`entry ${at} needs keys or whole group counts`);
  });
  return value as ReleaseLedger;
}

function mixed(keyed: boolean, cellKeyed: boolean, statistic: string): void {
  if (keyed !== cellKeyed) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `the release ledger holds "${statistic}" both with person keys and with atomic group counts`,
    );
  }
}

function canonical(population: LedgerPopulation): LedgerPopulation {
  if ('keys' in population) return { keys: [...new Set(population.keys)].sort(compare) };
  return {
    groups: Object.fromEntries(
      Object.entries(population.groups)
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => compare(a, b)),
    ),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function entryKey(entry: LedgerEntry): string {
  return JSON.stringify([entry.statistic, canonical(entry.population)]);
}

/** Options of {@link suppressTableWithLedger}. */
export interface LedgerTableOptions {
  readonly minGroupSize?: number;
  /** What was released before; the result's `ledger` adds this release's shown cells. */
  readonly ledger: ReleaseLedger;
  /** What every cell of the table measures (`enps:<surveyId>:<questionId>`). */
  readonly statistic: string;
  /**
   * The population of each cell that is no total of an equation (a team's direct members, a
   * group); a total's is derived: the union of its parts' keys, or the sum of their atomic groups.
   */
  readonly populations: ReadonlyMap<string, LedgerPopulation>;
}

/** The result of {@link suppressTableWithLedger}. */
export interface LedgerTableRelease {
  /** The audit record; refused cells have reason `ledger`. */
  readonly report: PublishedReport;
  /** The ledger given, with this release's shown cells added. */
  readonly ledger: ReleaseLedger;
  /** Why each refused cell was refused (audit only). */
  readonly refusals: readonly LedgerRefusal[];
}

/**
 * Suppresses a table against a release ledger: the cells {@link ledgerRefusals} refuses are
 * hidden in advance and protected by complements (`suppressTable`'s `refused`), and the cells
 * shown are recorded in the returned ledger.
 *
 * @throws {InternalCustomerError} as {@link ledgerRefusals} and `suppressTable`.
 *
 * @example
 * const table = teamTreeTable([{ id: 'org' }, { id: 'a', parentId: 'org' }, { id: 'b', parentId: 'org' }], new Map([['a', { n: 6 }], ['b', { n: 7 }]]));
 * const keys = (from: number, to: number) => ({ keys: Array.from({ length: to - from }, (_, i) => `p${from + i}`) });
 * const first = suppressTableWithLedger(table, { ledger: emptyLedger(), statistic: 'enps:s:q', populations: new Map([['team:a', keys(0, 6)], ['team:b', keys(6, 13)]]) });
 * first.ledger.entries.length // => 3
 * // A day later p0 has left a, p6 moved from b to a and p13 joined b: every cell differs by 1 or 2.
 * const moved = suppressTableWithLedger(table, { ledger: first.ledger, statistic: 'enps:s:q', populations: new Map([['team:a', keys(1, 7)], ['team:b', keys(7, 14)]]) });
 * moved.report.cells.map((cell) => cell.reason ?? 'shown') // => ['ledger', 'ledger', 'ledger']
 */
export function suppressTableWithLedger(
  table: Table,
  options: LedgerTableOptions,
): LedgerTableRelease {
  const { statistic } = options;
  const minGroupSize = resolveMinGroupSize(options.minGroupSize);
  const populations = tablePopulations(table, options.populations);
  const cells = table.cells.map((cell) => ({
    id: cell.id,
    statistic,
    population: populations.get(cell.id)!,
  }));
  const refusals = ledgerRefusals(options.ledger, cells, minGroupSize);
  const report = suppressTable(table, { minGroupSize, refused: refusals.map((r) => r.id) });
  const shown = cells.filter((_, index) => report.cells[index]!.status === 'shown');
  return { report, ledger: recordReleased(options.ledger, shown), refusals };
}

/**
 * The population of several disjoint parts together: their keys, or their atomic groups added up.
 *
 * @example
 * unionOf([{ groups: { x: 3 } }, { groups: { x: 2, y: 4 } }]) // => { groups: { x: 5, y: 4 } }
 * unionOf([{ keys: ['a'] }, { keys: ['b'] }]) // => { keys: ['a', 'b'] }
 */
export function unionOf(populations: readonly LedgerPopulation[]): LedgerPopulation {
  if (!populations.some((p) => 'groups' in p))
    return { keys: populations.flatMap((p) => ('keys' in p ? p.keys : [])) };
  const groups: Record<string, number> = {};
  for (const p of populations)
    if ('groups' in p)
      for (const [group, count] of Object.entries(p.groups))
        groups[group] = (groups[group] ?? 0) + count;
  return { groups };
}

/** Each cell's population: given for cells that total nothing, derived for totals. @internal */
function tablePopulations(
  table: Table,
  given: ReadonlyMap<string, LedgerPopulation>,
): Map<string, LedgerPopulation> {
  const partsOf = new Map(table.equations.map((equation) => [equation.total, equation.parts]));
  const result = new Map<string, LedgerPopulation>();
  const visiting = new Set<string>();
  const of = (id: string): LedgerPopulation => {
    const known = result.get(id) ?? given.get(id);
    if (known !== undefined) return known;
    const parts = partsOf.get(id);
    if (parts === undefined || visiting.has(id)) return { keys: [] };
    visiting.add(id);
    const population = unionOf(parts.map(of));
    result.set(id, population);
    return population;
  };
  for (const cell of table.cells) result.set(cell.id, of(cell.id));
  return result;
}
