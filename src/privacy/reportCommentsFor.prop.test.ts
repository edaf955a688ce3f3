/**
 * reportCommentsFor as an attacker sees it: over random nested and overlapping groups, no two
 * released groups differ (either way) or overlap by 1 to k-1 respondents, and no released group
 * minus all the others holds 1 to k-1; every refused group would have opened such a piece; and
 * counted groups (anonymous surveys) give the same answer as the same groups with keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommentGroup, reportCommentsFor } from './reportCommentsFor.js';

const PEOPLE = 60;

/**
 * Random groups of people 0..59: each a random set, a random part of an earlier group (nested)
 * or the union of two earlier groups, so nesting, overlap and equality all occur.
 */
const groupsArbitrary = fc
  .array(
    fc.tuple(
      fc.constantFrom('random', 'part', 'union'),
      fc.nat(),
      fc.nat(),
      fc.double({ min: 0.2, max: 1, noNaN: true }),
      fc.nat(),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((recipes) => {
    const sets: Set<number>[] = [];
    for (const [kind, a, b, share, seed] of recipes) {
      let state = seed;
      const random = () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state / 2_147_483_648;
      };
      const earlier = sets.length === 0 ? undefined : sets[a % sets.length]!;
      const other = sets.length === 0 ? undefined : sets[b % sets.length]!;
      if (kind === 'part' && earlier !== undefined) {
        sets.push(new Set([...earlier].filter(() => random() < share)));
      } else if (kind === 'union' && earlier !== undefined && other !== undefined) {
        sets.push(new Set([...earlier, ...other]));
      } else {
        const size = Math.round(share * PEOPLE * 0.6);
        sets.push(
          new Set(
            Array.from({ length: PEOPLE }, (_, i) => i).filter(() => random() < size / PEOPLE),
          ),
        );
      }
    }
    return sets;
  });

const minus = (a: ReadonlySet<number>, b: ReadonlySet<number>) =>
  [...a].filter((x) => !b.has(x)).length;
const both = (a: ReadonlySet<number>, b: ReadonlySet<number>) =>
  [...a].filter((x) => b.has(x)).length;
const small = (size: number, k: number) => size >= 1 && size < k;

/** The regions of the Venn diagram of `sets` that some set holds, with their sizes. */
const regions = (sets: readonly ReadonlySet<number>[]) => {
  const count = new Map<string, number>();
  for (let person = 0; person < PEOPLE; person++) {
    const signature = sets.map((set) => (set.has(person) ? '1' : '0')).join('');
    if (signature.includes('1')) count.set(signature, (count.get(signature) ?? 0) + 1);
  }
  return [...count.values()];
};

const keyedGroups = (sets: readonly ReadonlySet<number>[]): CommentGroup[] =>
  sets.map((set, i) => ({
    id: `g${i}`,
    comments: [...set].map((person) => `comment ${person}`),
    respondents: [...set].map((person) => `p${person}`),
  }));

describe('reportCommentsFor (property)', () => {
  it('releases no pair of groups whose differences or overlap hold 1 to k-1 respondents', () => {
    fc.assert(
      fc.property(groupsArbitrary, fc.integer({ min: 3, max: 14 }), (sets, caller) => {
        const release = reportCommentsFor(keyedGroups(sets), { minCommentGroupSize: caller });
        const k = release.minCommentGroupSize;
        expect(k).toBe(Math.max(10, caller));
        const shown = sets.filter((_, i) => release.groups.get(`g${i}`)?.status === 'shown');
        for (const a of shown) {
          expect(a.size).toBeGreaterThanOrEqual(k);
          for (const b of shown) {
            if (a === b) continue;
            expect(small(minus(a, b), k)).toBe(false);
            expect(small(both(a, b), k)).toBe(false);
          }
          // A group minus all the other shown groups together.
          const others = new Set(shown.filter((b) => b !== a).flatMap((b) => [...b]));
          expect(small(minus(a, others), k)).toBe(false);
        }
        // Each refused group is too small or would open a small region among what is shown.
        sets.forEach((set, i) => {
          if (release.groups.get(`g${i}`)?.status === 'shown') return;
          const opens = regions([...shown, set]).some((size) => small(size, k));
          expect(set.size < k || opens).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer for counted groups nested as a tree as for the same groups with keys', () => {
    // A random forest of up to 12 groups, each with 0-12 direct members.
    const forest = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 12 })), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(forest, fc.array(fc.nat(), { maxLength: 12 }), (nodes, shuffle) => {
        const parent = nodes.map(([pick, root], i) => (i === 0 || root ? undefined : pick % i));
        const members: string[][] = nodes.map(([, , direct], i) =>
          Array.from({ length: direct }, (_, j) => `n${i}-${j}`),
        );
        for (let i = nodes.length - 1; i > 0; i--) {
          const p = parent[i];
          if (p !== undefined) members[p]!.push(...members[i]!);
        }
        // Any order of consideration, the same for both.
        const order = nodes.map((_, i) => i);
        shuffle.forEach((pick, i) => {
          const j = i % order.length;
          const l = pick % order.length;
          [order[j], order[l]] = [order[l]!, order[j]!];
        });
        const keyed = reportCommentsFor(
          order.map((i) => ({ id: `g${i}`, comments: [], respondents: members[i]! })),
        );
        const counted = reportCommentsFor(
          order.map((i) => ({
            id: `g${i}`,
            comments: [],
            n: members[i]!.length,
            within: parent[i] === undefined ? undefined : `g${parent[i]}`,
          })),
        );
        expect(counted.audit).toEqual(keyed.audit);
      }),
      { numRuns: 300 },
    );
  });
});
