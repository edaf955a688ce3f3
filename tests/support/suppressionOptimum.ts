/**
 * How useful suppression is: random small organisations, and the optimum to compare the
 * suppressor with, the smallest sets of hidden cells that `verifyNoDisclosure` (the exact
 * verifier) accepts, found by enumeration. Not exported from the package. @internal
 */
import { createRandom, type RandomSource } from '../../src/core/createRandom.js';
import {
  type CellStatistics,
  type PublishedReport,
  type Table,
  type TeamNode,
  teamBreakdownTable,
  teamCellId,
  teamTreeTable,
  verifyNoDisclosure,
} from '../../src/privacy/index.js';
import { publish } from './privacy.js';

/** A generated organisation: its table and the id of its company total. */
export interface RandomOrganisation {
  readonly table: Table;
  /** The root team's roll-up, over every group when there is a breakdown. */
  readonly companyTotal: string;
  readonly breakdown: boolean;
}

/** The answer categories of the generated cells, one declared variable. */
const CATEGORIES = ['detractor', 'passive', 'promoter'] as const;

/** People in a team: many small teams (0-4), some mid-sized, a few up to 200. */
function teamSize(random: RandomSource): number {
  const u = random();
  if (u < 0.45) return Math.floor(random() * 5);
  if (u < 0.8) return 5 + Math.floor(random() * 16);
  return 21 + Math.floor(random() * 180);
}

/** The answers of `people` respondents, each a detractor, passive or promoter. */
function answers(random: RandomSource, people: number): CellStatistics {
  const counts = { detractor: 0, passive: 0, promoter: 0 };
  for (let i = 0; i < people; i++) {
    const u = random();
    counts[u < 0.3 ? 'detractor' : u < 0.55 ? 'passive' : 'promoter']++;
  }
  return { n: people, counts, variables: { answer: CATEGORIES } };
}

/** A random tree of `count` teams, at most 4 levels deep; team t0 is the root. */
function randomTree(random: RandomSource, count: number): TeamNode[] {
  const teams: TeamNode[] = [{ id: 't0' }];
  const depth = [0];
  for (let i = 1; i < count; i++) {
    let parent: number;
    do parent = Math.floor(random() * i);
    while (depth[parent]! >= 3);
    teams.push({ id: `t${i}`, parentId: `t${parent}` });
    depth.push(depth[parent]! + 1);
  }
  return teams;
}

/**
 * A random organisation with at most `maxCells` cells holding people (the cells a suppressor may
 * choose to hide; empty cells are always hidden and protect nothing): a tree of 3 to 14 teams,
 * or with `breakdown` a tree of 2 to 5 teams crossed with 2 or 3 groups (tenure bands), people per
 * team from 0 to 200 with many small teams, each answering in one of three categories. Drawn
 * again from the same stream until it fits.
 */
export function randomOrganisation(
  seed: number,
  breakdown: boolean,
  maxCells = 20,
): RandomOrganisation {
  const random = createRandom(seed);
  for (;;) {
    let table: Table;
    if (breakdown) {
      const teams = randomTree(random, 2 + Math.floor(random() * 4));
      const groups = ['<1y', '1-3y', '3y+'].slice(0, 2 + Math.floor(random() * 2));
      const direct = new Map<string, Map<string, CellStatistics>>();
      for (const team of teams) {
        const people = teamSize(random);
        const split = groups.map(() => 0);
        // Tenure bands of unequal sizes, so some groups of a team are small.
        const weights = groups.map(() => random() + 0.05);
        const sum = weights.reduce((a, b) => a + b, 0);
        for (let i = 0; i < people; i++) {
          let u = random() * sum;
          let g = 0;
          while (g < groups.length - 1 && u >= weights[g]!) u -= weights[g++]!;
          split[g]!++;
        }
        direct.set(team.id, new Map(groups.map((group, g) => [group, answers(random, split[g]!)])));
      }
      table = teamBreakdownTable(teams, direct);
    } else {
      const teams = randomTree(random, 3 + Math.floor(random() * 12));
      table = teamTreeTable(
        teams,
        new Map(teams.map((team) => [team.id, answers(random, teamSize(random))])),
      );
    }
    const holding = table.cells.filter((cell) => cell.n > 0).length;
    if (holding <= maxCells) return { table, companyTotal: teamCellId('t0'), breakdown };
  }
}

/** The smallest hidden sets the verifier accepts, as found by {@link optimalSuppression}. */
export interface SuppressionOptimum {
  /** Cells that must be hidden whatever else is: empty, below the minimum, or all in one category. */
  readonly primary: readonly string[];
  /** A smallest accepted set of hidden cells holding people (primaries included). */
  readonly fewestCells: readonly string[];
  /** An accepted set of hidden cells with the fewest respondents (sum of n over hidden cells). */
  readonly fewestRespondents: readonly string[];
  /** The respondents hidden by `fewestRespondents`. */
  readonly respondents: number;
  /** Whether some accepted set leaves `avoid` (the company total) shown. */
  readonly avoidable: boolean;
  /** How many hidden sets were checked with the verifier (after a quick necessary condition). */
  readonly checks: number;
}

/** Options of {@link optimalSuppression}. */
export interface OptimalSuppressionOptions {
  readonly minGroupSize?: number;
  /** A cell to try leaving shown (the company total): is some accepted set without it? */
  readonly avoid?: string;
}

/**
 * The optimum a suppressor is measured against, by enumeration with the exact verifier
 * (`verifyNoDisclosure`) as the judge:
 *
 * - primaries: the cells whose being shown is itself a finding (fewer than the minimum, empty, or
 *   everyone in one category), read from the verifier on the table with every cell shown. Every
 *   accepted set holds them, so only their supersets are enumerated.
 * - fewest cells: the other cells holding people (candidates) are added 0, 1, 2 ... at a time, in
 *   every combination of that size; the first size with an accepted set is the optimum.
 * - fewest respondents, optimised separately over sets of any size: the sets of candidates are
 *   enumerated in order of the respondents they hide (candidates sorted by n; from a set whose
 *   last candidate is i, the next are "add i + 1" and "replace i by i + 1", a heap keeps the
 *   order), so the first accepted one hides the fewest respondents.
 *
 * Respondents hidden are the sum of n over hidden cells (a person in a hidden team and its hidden
 * parent counts twice), as the suppressor's own cost counts them. Exponential in the number of
 * complements needed: for tables of about 20 cells.
 */
export function optimalSuppression(
  table: Table,
  options: OptimalSuppressionOptions = {},
): SuppressionOptimum {
  const minGroupSize = options.minGroupSize ?? 5;
  const ids = table.cells.map((cell) => cell.id);
  const everyoneShown = verifyNoDisclosure(publish(table, new Set(), minGroupSize));
  const primary = new Set(
    everyoneShown.findings
      .filter((finding) => finding.kind === 'below-minimum' || finding.kind === 'attribute')
      .map((finding) => finding.cell),
  );
  const size = new Map(table.cells.map((cell) => [cell.id, cell.n]));
  const candidates = ids
    .filter((id) => !primary.has(id) && size.get(id)! > 0)
    .sort((a, b) => size.get(a)! - size.get(b)! || ids.indexOf(a) - ids.indexOf(b));
  // A quick necessary condition, to spare the verifier most sets: a cell at risk (a primary
  // holding people) alone among the hidden cells holding people of an equation is derivable.
  const atRisk = new Set([...primary].filter((id) => size.get(id)! > 0));
  const equations = table.equations.map((equation) => [equation.total, ...equation.parts]);
  const derivable = (hidden: ReadonlySet<string>) =>
    equations.some((terms) => {
      const unknowns = terms.filter((id) => hidden.has(id) && size.get(id)! > 0);
      return unknowns.length === 1 && atRisk.has(unknowns[0]!);
    });
  let checks = 0;
  const accepted = (extra: readonly string[]): boolean => {
    const hidden = new Set([...primary, ...extra]);
    if (derivable(hidden)) return false;
    checks++;
    return verifyNoDisclosure(publish(table, hidden, minGroupSize)).ok;
  };
  const holding = (list: Iterable<string>) => [...list].filter((id) => size.get(id)! > 0);
  const respondentsOf = (list: readonly string[]) =>
    list.reduce((sum, id) => sum + size.get(id)!, 0);

  const fewestCells = smallestAccepted(candidates, accepted);
  if (fewestCells === undefined)
    throw new Error('optimalSuppression: not even hiding every cell is accepted');
  const fewestRespondents = cheapestAccepted(candidates, (id) => size.get(id)!, accepted);
  const avoid = options.avoid;
  // Existence of an accepted set without it: hiding every other candidate is the most one can.
  const avoidable =
    avoid === undefined ||
    !fewestCells.includes(avoid) ||
    !fewestRespondents.includes(avoid) ||
    accepted(candidates.filter((id) => id !== avoid));
  const hiddenRespondents = holding([...primary, ...fewestRespondents]);
  return {
    primary: [...primary],
    fewestCells: holding([...primary, ...fewestCells]),
    fewestRespondents: hiddenRespondents,
    respondents: respondentsOf(hiddenRespondents),
    avoidable,
    checks,
  };
}

/** The first accepted combination of candidates, by size, then in lexicographic order. */
function smallestAccepted(
  candidates: readonly string[],
  accepted: (extra: readonly string[]) => boolean,
): string[] | undefined {
  for (let k = 0; k <= candidates.length; k++) {
    const chosen: number[] = [];
    const search = (from: number): string[] | undefined => {
      if (chosen.length === k) {
        const extra = chosen.map((i) => candidates[i]!);
        return accepted(extra) ? extra : undefined;
      }
      for (let i = from; i <= candidates.length - (k - chosen.length); i++) {
        chosen.push(i);
        const found = search(i + 1);
        chosen.pop();
        if (found !== undefined) return found;
      }
      return undefined;
    };
    const found = search(0);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The accepted set of candidates (sorted by cost) with the least total cost: sets in order of
 * cost, each once, from a heap.
 */
function cheapestAccepted(
  candidates: readonly string[],
  cost: (id: string) => number,
  accepted: (extra: readonly string[]) => boolean,
): string[] {
  if (accepted([])) return [];
  type Entry = { readonly set: readonly number[]; readonly cost: number };
  const heap: Entry[] = [];
  const push = (entry: Entry) => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (heap[up]!.cost <= heap[i]!.cost) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = (): Entry => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.cost < heap[m]!.cost) m = l;
        if (r < heap.length && heap[r]!.cost < heap[m]!.cost) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  const costOf = (i: number) => cost(candidates[i]!);
  if (candidates.length > 0) push({ set: [0], cost: costOf(0) });
  while (heap.length > 0) {
    const { set, cost: total } = pop();
    const extra = set.map((i) => candidates[i]!);
    if (accepted(extra)) return extra;
    const last = set[set.length - 1]!;
    if (last + 1 < candidates.length) {
      push({ set: [...set, last + 1], cost: total + costOf(last + 1) });
      push({
        set: [...set.slice(0, -1), last + 1],
        cost: total - costOf(last) + costOf(last + 1),
      });
    }
  }
  return [...candidates];
}

/** How close to the optimum a suppressor comes on random organisations. */
export interface Usefulness {
  readonly organisations: number;
  /** Organisations where the optimum hides at least one cell holding people (the ratios' base). */
  readonly compared: number;
  /** Mean over compared organisations of cells holding people hidden, suppressor / optimum. */
  readonly cellRatio: number;
  /** Mean over compared organisations of respondents hidden, suppressor / optimum. */
  readonly respondentRatio: number;
  /** The largest ratios seen. */
  readonly worstCellRatio: number;
  readonly worstRespondentRatio: number;
  /** Organisations whose company total (at least minGroupSize people) was hidden as a complement. */
  readonly totalAsComplement: readonly number[];
  /** Of those, the ones where no accepted set leaves it shown. */
  readonly totalNecessary: readonly number[];
  /** Reports the verifier rejected (should be none). */
  readonly rejected: readonly number[];
  /** Verifier calls of the optimum search. */
  readonly checks: number;
}

/**
 * Runs `suppress` on `count` random organisations (seeds 1 to count; even seeds with a
 * breakdown) and compares what it hides with {@link optimalSuppression}: cells and respondents
 * hidden, and whether the company total is hidden as a complement.
 */
export function measureUsefulness(
  count: number,
  suppress: (table: Table) => PublishedReport,
  minGroupSize = 5,
): Usefulness {
  let compared = 0;
  let cellSum = 0;
  let respondentSum = 0;
  let worstCellRatio = 0;
  let worstRespondentRatio = 0;
  let checks = 0;
  const totalAsComplement: number[] = [];
  const totalNecessary: number[] = [];
  const rejected: number[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const organisation = randomOrganisation(seed, seed % 2 === 0);
    const report = suppress(organisation.table);
    if (!verifyNoDisclosure(report).ok) rejected.push(seed);
    const optimum = optimalSuppression(organisation.table, {
      minGroupSize,
      avoid: organisation.companyTotal,
    });
    checks += optimum.checks;
    const total = report.cells.find((cell) => cell.id === organisation.companyTotal)!;
    if (
      total.status === 'suppressed' &&
      total.n >= minGroupSize &&
      !optimum.primary.includes(total.id)
    ) {
      totalAsComplement.push(seed);
      if (!optimum.avoidable) totalNecessary.push(seed);
    }
    if (optimum.fewestCells.length === 0) continue;
    const hidden = report.cells.filter((cell) => cell.status === 'suppressed' && cell.n > 0);
    const cellRatio = hidden.length / optimum.fewestCells.length;
    const respondentRatio = hidden.reduce((sum, cell) => sum + cell.n, 0) / optimum.respondents;
    compared++;
    cellSum += cellRatio;
    respondentSum += respondentRatio;
    worstCellRatio = Math.max(worstCellRatio, cellRatio);
    worstRespondentRatio = Math.max(worstRespondentRatio, respondentRatio);
  }
  return {
    organisations: count,
    compared,
    cellRatio: cellSum / compared,
    respondentRatio: respondentSum / compared,
    worstCellRatio,
    worstRespondentRatio,
    totalAsComplement,
    totalNecessary,
    rejected,
    checks,
  };
}
