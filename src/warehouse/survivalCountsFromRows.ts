import { InternalCustomerError } from '../core/errors.js';
import { compareKeys } from '../internal/compareKeys.js';
import type { SurvivalCounts } from '../retention/survivalCounts.js';
import { field, readGroups } from './internal/readGroups.js';
import { smallCount } from './parseWarehouseCount.js';
import type { WarehouseRow } from './types.js';

/** One group's survival counts, read from the warehouse. */
export interface WarehouseSurvivalGroup {
  /** The values of the `groupBy` columns (`null` where absent). */
  readonly key: readonly (string | null)[];
  /** Events and censorings per distinct time (days employed). */
  readonly counts: SurvivalCounts;
  /**
   * The number at risk at each time of `counts`: those who entered before it (at hire, or at the
   * records start) and had not left (entry < t <= time), summed from the entry counts. Give it to
   * `kaplanMeierFromSurvivalCounts(counts, { atRisk })`.
   */
  readonly atRisk: readonly number[];
  /** Entries into the records after hire (late entry) per entry time, for merging groups. */
  readonly lateEntries: { readonly time: readonly number[]; readonly count: readonly number[] };
}

interface PerTime {
  events: number;
  censored: number;
  entered: number;
}

/**
 * Reads the rows of a {@link survivalSql} query, from any engine, into survival counts per group,
 * several rows of one key and time adding up, with the numbers at risk summed here from the entry
 * counts (late entry). `kaplanMeierFromSurvivalCounts(group.counts, { atRisk: group.atRisk })`
 * then equals `kaplanMeier(times, events, { entry })` of the spells.
 *
 * O(rows + distinct times x log(distinct times)) per group.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a count or time that is not a whole number >= 0,
 * or entries that leave a negative number at risk.
 *
 * @example
 * const rows = [{ time: 3, events: 1, censored: 0, entered: 0 }, { time: '5', events: '1', censored: 0, entered: 0 }, { time: 4, events: 0, censored: 0, entered: 1 }, { time: 5, events: 0, censored: 1, entered: 0 }];
 * const [group] = survivalCountsFromRows(rows);
 * [group?.counts.time, group?.atRisk] // => [[3, 5], [2, 2]]
 */
export function survivalCountsFromRows(
  rows: Iterable<WarehouseRow>,
  options: { readonly groupBy?: readonly string[] } = {},
): WarehouseSurvivalGroup[] {
  const name = 'survivalCountsFromRows';
  const groups = readGroups<Map<number, PerTime>>(
    rows,
    { groupBy: options.groupBy ?? [], per: undefined },
    () => new Map(),
    (times, row) => {
      const time = smallCount(field(row, 'time'), 'time');
      let counts = times.get(time);
      if (counts === undefined) {
        counts = { events: 0, censored: 0, entered: 0 };
        times.set(time, counts);
      }
      counts.events += smallCount(field(row, 'events'), 'events');
      counts.censored += smallCount(field(row, 'censored'), 'censored');
      counts.entered += smallCount(field(row, 'entered'), 'entered');
    },
    name,
  );
  const result = [...groups.values()].map(({ key, acc }) => survivalGroup(key, acc, name));
  return result.sort((a, b) => compareKeys(a.key, b.key));
}

/** One group from its counts per time: at risk summed from the entries. */
function survivalGroup(
  key: readonly (string | null)[],
  acc: ReadonlyMap<number, PerTime>,
  name: string,
): WarehouseSurvivalGroup {
  const sorted = [...acc.keys()].sort((a, b) => a - b);
  let n = 0;
  let totalEvents = 0;
  let lateEntries = 0;
  for (const time of sorted) {
    const counts = acc.get(time)!;
    n += counts.events + counts.censored;
    totalEvents += counts.events;
    lateEntries += counts.entered;
  }
  const time: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  const atRisk: number[] = [];
  const entries = { time: [] as number[], count: [] as number[] };
  let exited = 0;
  // Late entries at times >= t are not yet at risk at t (entry < t).
  let notYetEntered = lateEntries;
  for (const t of sorted) {
    const counts = acc.get(t)!;
    if (counts.events + counts.censored > 0) {
      const risk = n - exited - notYetEntered;
      if (risk < counts.events + counts.censored) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${name} requires entries before their exits: group ${JSON.stringify(key)} has ${risk} at risk at time ${t} for ${counts.events + counts.censored} exits`,
        );
      }
      time.push(t);
      events.push(counts.events);
      censored.push(counts.censored);
      atRisk.push(risk);
      exited += counts.events + counts.censored;
    }
    if (counts.entered > 0) {
      entries.time.push(t);
      entries.count.push(counts.entered);
    }
    notYetEntered -= counts.entered;
  }
  return { key, counts: { time, events, censored, n, totalEvents }, atRisk, lateEntries: entries };
}

/**
 * The survival counts of several groups together (disjoint spells), as one group of the first
 * one's key (or none): events, censorings and late entries add per time, the numbers at risk
 * summed again. A monoid.
 *
 * O(times x log(times)).
 *
 * @example
 * const rows = [{ team_id: 'a', time: 3, events: 1, censored: 0, entered: 0 }, { team_id: 'b', time: 5, events: 0, censored: 2, entered: 0 }];
 * const merged = mergeWarehouseSurvival(survivalCountsFromRows(rows, { groupBy: ['team_id'] }));
 * [merged.counts.time, merged.atRisk] // => [[3, 5], [3, 2]]
 */
export function mergeWarehouseSurvival(
  groups: readonly WarehouseSurvivalGroup[],
): WarehouseSurvivalGroup {
  const times = new Map<number, PerTime>();
  const at = (time: number) => {
    let counts = times.get(time);
    if (counts === undefined) {
      counts = { events: 0, censored: 0, entered: 0 };
      times.set(time, counts);
    }
    return counts;
  };
  for (const group of groups) {
    group.counts.time.forEach((time, index) => {
      const counts = at(time);
      counts.events += group.counts.events[index]!;
      counts.censored += group.counts.censored[index]!;
    });
    group.lateEntries.time.forEach((time, index) => {
      at(time).entered += group.lateEntries.count[index]!;
    });
  }
  return survivalGroup(groups[0]?.key ?? [], times, 'mergeWarehouseSurvival');
}
