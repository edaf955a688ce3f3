import { InternalCustomerError } from '../core/errors.js';
import { type CommentOptions, effectiveMinCommentGroupSize } from './minGroupSize.js';
import {
  type LedgerCell,
  type LedgerPopulation,
  ledgerRefusals,
  ledgerWarning,
  type ReleaseLedger,
  recordReleased,
} from './releaseLedger.js';
import { type Reportable, SUPPRESSED } from './reportable.js';

/** The comments of one group whose respondents are known by key (confidential surveys). */
export interface KeyedCommentGroup {
  readonly id: string;
  readonly comments: readonly string[];
  /** Who answered in this group (each counted once), whether or not they commented. */
  readonly respondents: readonly string[];
}

/**
 * The comments of one group of an anonymous survey: no keys, only how many answered and which
 * group it lies within. Groups with no `within` and the groups within one group are disjoint (a
 * team tree), so the caller must not pass overlapping groups this way.
 */
export interface CountedCommentGroup {
  readonly id: string;
  readonly comments: readonly string[];
  /** How many answered in this group, whether or not they commented. */
  readonly n: number;
  /** The id of the group this one lies within (a team's department). */
  readonly within?: string | undefined;
}

/** A group of comments to release; all groups of one call are keyed, or all are counted. */
export type CommentGroup = KeyedCommentGroup | CountedCommentGroup;

/**
 * Why a group's comments are withheld, kept in the audit record only: `ledger` when only the
 * groups released in earlier calls (the release ledger) make it unsafe.
 */
export type CommentRefusal = 'below-minimum' | 'difference' | 'ledger';

/** Options of {@link reportCommentsFor}. */
export interface ReportCommentsForOptions extends CommentOptions {
  /**
   * The groups whose comments were released in earlier calls (`ReleaseLedger`); the result's
   * `ledger` adds this call's shown groups. Default: none (this call alone is protected).
   */
  readonly ledger?: ReleaseLedger;
  /** What the comments answer, their statistic in the ledger. Default `comments`; name the survey and question (`comments:<surveyId>:<questionId>`). */
  readonly statistic?: string;
}

/** One line of the audit record of {@link reportCommentsFor}. */
export interface CommentAuditEntry {
  readonly id: string;
  readonly n: number;
  readonly status: 'shown' | 'suppressed';
  readonly reason?: CommentRefusal;
}

/** The result of {@link reportCommentsFor}. */
export interface CommentRelease {
  /** What readers may see, by group id: suppressed groups carry no hint of size or reason. */
  readonly groups: ReadonlyMap<string, Reportable<readonly string[]>>;
  /** Each group's n, status and reason, in the order given: never send it to a reader. */
  readonly audit: readonly CommentAuditEntry[];
  /** The threshold applied ({@link effectiveMinCommentGroupSize}). */
  readonly minCommentGroupSize: number;
  /** With a `ledger` option: the ledger with this call's shown groups added. */
  readonly ledger?: ReleaseLedger;
  /** For readers: that a group was refused because of an earlier release, when one was. */
  readonly warnings: readonly string[];
}

/**
 * Releases the comments of several groups that may be nested or overlap (a department and its
 * teams, project groups), so that no one's comments can be singled out by comparing them. Each
 * group's comments are text a reader can match, so from the comments of released groups a reader
 * can compute those of any region of their Venn diagram (the department's comments that are not
 * in the team's, the comments two groups share). A group is released only when it has at least
 * k respondents ({@link effectiveMinCommentGroupSize}: the largest of 10, the caller's and the
 * survey's) and, with the groups released before it, every such region holds 0 or at least k
 * respondents. That covers each pair's differences in both directions and their overlap, and a
 * department minus all of its released teams together.
 *
 * Groups are considered in the order given, so put first those that matter most (a department
 * before its teams, or the teams first); a refused group stays refused, since more released
 * groups only cut the regions finer. Keyed groups (confidential and identified surveys) give
 * their respondents' keys and may overlap in any way. Counted groups (anonymous surveys) give
 * their n and the group they lie `within`; the regions are then a group minus its nearest
 * released descendants.
 *
 * Across calls, pass a `ledger`. Keyed groups released earlier for the same `statistic` count as
 * groups released first, so the rule above covers every region of all calls together. Counted
 * groups are compared with the earlier ones as sums over atomic groups (each group less the
 * groups within it, named by id: give the same ids and nesting in every call), pairwise: a shown
 * group that differs from an earlier one by 1 to k-1 respondents is refused.
 *
 * O(total respondents + regions) per keyed group; O(subtree size) per counted group.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a threshold below 3.
 * @throws {InternalCustomerError} `INVALID_INPUT` for duplicate ids, keyed and counted groups mixed, an unknown or cyclic `within`, or groups within one group that hold more than it.
 * @throws {InternalCustomerError} `OUT_OF_RANGE` for a count that is negative or not whole.
 *
 * @example
 * const team = Array.from({ length: 12 }, (_, i) => `p${i}`);
 * const release = reportCommentsFor([
 *   { id: 'department', comments: ['More training', 'Fewer meetings'], respondents: [...team, 'p12'] },
 *   { id: 'team', comments: ['More training'], respondents: team },
 * ]);
 * release.groups.get('department') // => { status: 'shown', value: ['More training', 'Fewer meetings'], n: 13 }
 * release.groups.get('team') // => { status: 'suppressed' }
 * release.audit[1] // => { id: 'team', n: 12, status: 'suppressed', reason: 'difference' }
 * // The team alone in a later call, with the department's release in the ledger:
 * const first = reportCommentsFor([{ id: 'department', comments: ['More training'], respondents: [...team, 'p12'] }], { ledger: emptyLedger() });
 * reportCommentsFor([{ id: 'team', comments: ['More training'], respondents: team }], { ledger: first.ledger ?? emptyLedger() }).audit // => [{ id: 'team', n: 12, status: 'suppressed', reason: 'ledger' }]
 */
export function reportCommentsFor(
  groups: readonly CommentGroup[],
  options: ReportCommentsForOptions = {},
): CommentRelease {
  const minimum = effectiveMinCommentGroupSize(options);
  const seen = new Set<string>();
  for (const group of groups) {
    if (seen.has(group.id)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportCommentsFor requires unique group ids, got "${group.id}" twice`,
      );
    }
    seen.add(group.id);
  }
  const keyed = groups.filter((group): group is KeyedCommentGroup => 'respondents' in group);
  if (keyed.length > 0 && keyed.length < groups.length) {
    throw new InternalCustomerError(
      'INVALID_INPUT',
      'reportCommentsFor requires all groups keyed (respondents) or all counted (n, within), not both',
    );
  }
  const counted = groups as readonly CountedCommentGroup[];
  const statistic = options.statistic ?? 'comments';
  const ledger = options.ledger;
  const populations = keyed.length > 0 ? keyed.map(keyedPopulation) : countedPopulations(counted);
  let decide = keyed.length > 0 ? keyedRelease(keyed, minimum) : countedRelease(counted, minimum);
  if (ledger !== undefined) {
    const cells = groups.map(
      (group, index): LedgerCell => ({ id: group.id, statistic, population: populations[index]! }),
    );
    const refused = new Set(
      keyed.length > 0
        ? keyedAfterLedger(ledger, cells, keyed, minimum, decide)
        : ledgerRefusals(
            ledger,
            cells.filter((_, index) => decide[index]!.reason === undefined),
            minimum,
          ).map((refusal) => refusal.id),
    );
    decide = decide.map((decision, index) =>
      refused.has(groups[index]!.id) ? { n: decision.n, reason: 'ledger' } : decision,
    );
  }
  const audit: CommentAuditEntry[] = [];
  const published = new Map<string, Reportable<readonly string[]>>();
  groups.forEach((group, index) => {
    const { n, reason } = decide[index]!;
    audit.push({
      id: group.id,
      n,
      status: reason === undefined ? 'shown' : 'suppressed',
      ...(reason === undefined ? {} : { reason }),
    });
    published.set(
      group.id,
      reason === undefined ? { status: 'shown', value: group.comments, n } : SUPPRESSED,
    );
  });
  if (ledger === undefined)
    return { groups: published, audit, minCommentGroupSize: minimum, warnings: [] };
  const shownCells = groups.flatMap((group, index) =>
    decide[index]!.reason === undefined
      ? [{ id: group.id, statistic, population: populations[index]! }]
      : [],
  );
  return {
    groups: published,
    audit,
    minCommentGroupSize: minimum,
    ledger: recordReleased(ledger, shownCells),
    warnings: decide.some((decision) => decision.reason === 'ledger')
      ? [ledgerWarning(minimum)]
      : [],
  };
}

const keyedPopulation = (group: KeyedCommentGroup): LedgerPopulation => ({
  keys: group.respondents,
});

/**
 * The counted groups as sums over atomic groups: each group's own part (its n less the groups
 * within it), named by its id, plus the parts of every group within it. @internal
 */
function countedPopulations(groups: readonly CountedCommentGroup[]): LedgerPopulation[] {
  const within = new Map<string, CountedCommentGroup[]>();
  for (const group of groups) {
    if (group.within === undefined) continue;
    const inner = within.get(group.within);
    if (inner === undefined) within.set(group.within, [group]);
    else inner.push(group);
  }
  const atoms = (group: CountedCommentGroup, depth: number): [string, number][] => {
    if (depth > groups.length) return []; // a cycle; countedRelease reports it
    const inner = within.get(group.id) ?? [];
    const own = group.n - inner.reduce((sum, child) => sum + child.n, 0);
    return [[group.id, own], ...inner.flatMap((child) => atoms(child, depth + 1))];
  };
  return groups.map((group) => ({ groups: Object.fromEntries(atoms(group, 0)) }));
}

/**
 * Keyed groups refused only because of earlier calls: the groups of the ledger (same statistic)
 * are released first, then this call's, by the same rule. @internal
 */
function keyedAfterLedger(
  ledger: ReleaseLedger,
  cells: readonly LedgerCell[],
  groups: readonly KeyedCommentGroup[],
  minimum: number,
  alone: readonly Decision[],
): string[] {
  // Checks the ledger's shape and that the statistic's populations are keyed too.
  ledgerRefusals(ledger, cells, minimum);
  const earlier = ledger.entries
    .filter((entry) => entry.statistic === cells[0]?.statistic)
    .map((entry, index) => ({
      id: `ledger:${index}`,
      comments: [],
      respondents: 'keys' in entry.population ? entry.population.keys : [],
    }));
  const together = keyedRelease([...earlier, ...groups], minimum, earlier.length);
  return groups
    .filter(
      (_, index) =>
        together[earlier.length + index]!.reason !== undefined &&
        alone[index]!.reason === undefined,
    )
    .map((group) => group.id);
}

/** Each group's n and, when refused, why. @internal */
type Decision = { n: number; reason?: CommentRefusal };

/** Whether a region of `size` respondents may be seen: empty, or at least the minimum. */
const safe = (size: number, minimum: number) => size === 0 || size >= minimum;

/**
 * Keyed groups: each respondent carries the set of released groups that hold them (a region of
 * the Venn diagram, numbered). Adding a group splits each region it touches into the part inside
 * it and the part outside; both must be safe, and so must its part of no region. @internal
 */
function keyedRelease(
  groups: readonly KeyedCommentGroup[],
  minimum: number,
  alreadyReleased = 0,
): Decision[] {
  const NONE = -1;
  const regionOf = new Map<string, number>();
  const sizes: number[] = [];
  const transitions = new Map<string, number>();
  return groups.map((group, index): Decision => {
    const members = [...new Set(group.respondents)];
    const given = index < alreadyReleased; // released in an earlier call: a fact, not a choice
    if (!given && members.length < minimum) return { n: members.length, reason: 'below-minimum' };
    const inside = new Map<number, number>();
    for (const key of members) {
      const region = regionOf.get(key) ?? NONE;
      inside.set(region, (inside.get(region) ?? 0) + 1);
    }
    for (const [region, count] of given ? [] : inside) {
      if (!safe(count, minimum)) return { n: members.length, reason: 'difference' };
      if (region !== NONE && !safe(sizes[region]! - count, minimum))
        return { n: members.length, reason: 'difference' };
    }
    for (const key of members) {
      const region = regionOf.get(key) ?? NONE;
      const step = `${region}:${index}`;
      let next = transitions.get(step);
      if (next === undefined) {
        next = sizes.length;
        sizes.push(0);
        transitions.set(step, next);
      }
      if (region !== NONE) sizes[region]!--;
      sizes[next]!++;
      regionOf.set(key, next);
    }
    return { n: members.length };
  });
}

/**
 * Counted groups form a forest by `within`. A released group's region is its n minus the n of its
 * nearest released descendants; adding a group changes its own region and that of its nearest
 * released ancestor. @internal
 */
function countedRelease(groups: readonly CountedCommentGroup[], minimum: number): Decision[] {
  const index = new Map(groups.map((group, i) => [group.id, i]));
  const children: number[][] = groups.map(() => []);
  const parent = groups.map((group): number | undefined => {
    if (!Number.isInteger(group.n) || group.n < 0) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `reportCommentsFor requires n as a whole number >= 0, got ${String(group.n)} for "${group.id}"`,
      );
    }
    if (group.within === undefined) return undefined;
    const at = index.get(group.within);
    if (at === undefined) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportCommentsFor: group "${group.id}" is within unknown group "${group.within}"`,
      );
    }
    return at;
  });
  parent.forEach((p, i) => {
    if (p !== undefined) children[p]!.push(i);
  });
  for (let i = 0; i < groups.length; i++) {
    let steps = 0;
    for (let at = parent[i]; at !== undefined; at = parent[at]) {
      if (++steps > groups.length) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `reportCommentsFor requires nesting without cycles; "${groups[i]!.id}" is within itself`,
        );
      }
    }
    const inner = children[i]!.reduce((sum, child) => sum + groups[child]!.n, 0);
    if (inner > groups[i]!.n) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportCommentsFor: the groups within "${groups[i]!.id}" hold ${inner} respondents, more than its ${groups[i]!.n}`,
      );
    }
  }
  const released = new Uint8Array(groups.length);
  // The region of each released group: its n minus its nearest released descendants'.
  const region = new Float64Array(groups.length);
  /** n of the nearest released descendants of `i`. */
  const releasedBelow = (i: number): number => {
    let sum = 0;
    const stack = [...children[i]!];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (released[at] === 1) sum += groups[at]!.n;
      else stack.push(...children[at]!);
    }
    return sum;
  };
  return groups.map((group, i): Decision => {
    const n = group.n;
    if (n < minimum) return { n, reason: 'below-minimum' };
    const below = releasedBelow(i);
    let ancestor = parent[i];
    while (ancestor !== undefined && released[ancestor] !== 1) ancestor = parent[ancestor];
    // The ancestor's region loses this group's part of it: n less what was released below.
    const ancestorAfter = ancestor === undefined ? 0 : region[ancestor]! - (n - below);
    if (!safe(n - below, minimum) || !safe(ancestorAfter, minimum))
      return { n, reason: 'difference' };
    released[i] = 1;
    region[i] = n - below;
    if (ancestor !== undefined) region[ancestor] = ancestorAfter;
    return { n };
  });
}
