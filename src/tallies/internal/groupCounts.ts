// Group counts of the eNPS file readers, kept free of the schemas and date libraries so that a
// worker thread that only counts lines loads in a few milliseconds.

/** The calendar period eNPS tallies are grouped by, on the UTC day of each submission. */
export type EnpsPeriod = 'month' | 'quarter' | 'year';

/** One group's counts: the answers per scale point and the skipped answers. @internal */
export interface EnpsGroupCounts {
  readonly key: readonly (string | null)[];
  readonly histogram: number[];
  skipped: number;
}

/** The id of a group key in a map of groups. @internal */
export function groupId(key: readonly (string | null)[]): string {
  if (key.length !== 1) return JSON.stringify(key);
  const only = key[0];
  return typeof only === 'string' ? `s${only}` : 'n';
}

/** Counts one answer (`offset` on the scale, or negative for a skipped one) in its group. @internal */
export function countAnswer(
  groups: Map<string, EnpsGroupCounts>,
  key: (string | null)[],
  offset: number,
  width: number,
): EnpsGroupCounts {
  const id = groupId(key);
  let group = groups.get(id);
  if (group === undefined) {
    group = { key, histogram: new Array<number>(width).fill(0), skipped: 0 };
    groups.set(id, group);
  }
  if (offset < 0) group.skipped++;
  else group.histogram[offset]!++;
  return group;
}

/** The first day of the period of a UTC day given by its year (1000 to 9999) and month. @internal */
export function periodOfMonth(year: number, month: number, period: EnpsPeriod): string {
  const first = period === 'year' ? 1 : period === 'month' ? month : month - ((month - 1) % 3);
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/**
 * Counts answers straight into groups, for rows that are valid for sure (`cleanLines.ts`), keyed
 * exactly as `addItems` keys them: one group column's text (empty for a null key) without a key
 * array per row, or the whole key. @internal
 */
export class GroupCounter {
  private readonly width: number;
  /** The groups of one-part keys by the part's text (no id to build per row). */
  private readonly byText = new Map<string, EnpsGroupCounts>();
  /** Period keys by year x 100 + month. */
  private readonly periods = new Map<number, string>();

  constructor(
    private readonly groups: Map<string, EnpsGroupCounts>,
    scale: { readonly scaleMin: number; readonly scaleMax: number },
    private readonly periodKind: EnpsPeriod | undefined,
  ) {
    this.width = scale.scaleMax - scale.scaleMin + 1;
  }

  /** Counts an answer (`offset` on the scale, negative when skipped) of a one-part key. */
  one(text: string, offset: number): void {
    const group = this.byText.get(text);
    if (group === undefined) {
      this.byText.set(
        text,
        countAnswer(this.groups, [text === '' ? null : text], offset, this.width),
      );
    } else if (offset < 0) group.skipped++;
    else group.histogram[offset]!++;
  }

  /** Counts an answer of any key. */
  many(key: (string | null)[], offset: number): void {
    countAnswer(this.groups, key, offset, this.width);
  }

  /** The period key of a UTC day by its year (1000 to 9999) and month. */
  period(year: number, month: number): string {
    const id = year * 100 + month;
    let start = this.periods.get(id);
    if (start === undefined) {
      start = periodOfMonth(year, month, this.periodKind!);
      this.periods.set(id, start);
    }
    return start;
  }
}
