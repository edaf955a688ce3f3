/**
 * The scorecards' gate in tree scope against the independent verifier: on random manager trees
 * (up to 6 levels) with random direct groups, the cards it shows, with every other cell of the
 * tree table (direct groups, managers without a card) unknown to the reader, give away no group
 * of 1 to k-1 people and no category that everyone in a small group shares (issue 14).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublishedReport } from '../privacy/suppressTable.js';
import { teamCellId, teamTreeTable } from '../privacy/table.js';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import type { Measurement } from './metrics/metric.js';
import { gateScorecards } from './scorecardGate.js';

/** A random tree: each manager's parent is an earlier manager at most 5 levels down. */
const trees = fc
  .array(fc.record({ parent: fc.nat(), people: fc.nat({ max: 12 }), good: fc.nat({ max: 12 }) }), {
    minLength: 1,
    maxLength: 25,
  })
  .chain((managers) =>
    fc.record({
      managers: fc.constant(managers),
      // Some managers have no card (reports in the history only): never released.
      cardless: fc.array(fc.boolean(), { minLength: managers.length, maxLength: managers.length }),
      answers: fc.boolean(),
      minGroupSize: fc.integer({ min: 3, max: 6 }),
    }),
  );

describe('gateScorecards in tree scope', () => {
  it('lets no subtraction of trees give away a small direct group', () => {
    let shownCards = 0;
    fc.assert(
      fc.property(trees, ({ managers, cardless, answers, minGroupSize }) => {
        const depth: number[] = [];
        const nodes = managers.map((manager, i) => {
          // An earlier manager less than 5 levels deep, or none (a root).
          const candidates = [...Array(i).keys()].filter((j) => depth[j]! < 5);
          const parent =
            i === 0 || candidates.length === 0
              ? undefined
              : candidates[manager.parent % candidates.length]!;
          depth.push(parent === undefined ? 0 : depth[parent]! + 1);
          return { id: `m${i}`, parentId: parent === undefined ? undefined : `m${parent}` };
        });
        const measure = (people: number, good: number): Measurement => {
          const all = Math.min(good, people);
          return answers
            ? {
                people,
                value: null,
                answers: { 'all-counted': all, 'none-counted': people - all, 'some-counted': 0 },
              }
            : { people, value: null };
        };
        const direct = managers.map((m) => measure(m.people, m.good));
        // A manager with children always has a card (they have reports on asOf).
        const hasChildren = new Set(nodes.flatMap((node) => node.parentId ?? []));
        const cards = nodes.filter((node, i) => hasChildren.has(node.id) || !cardless[i]);
        // Each card's own measurement: the sum over its tree, as the gate's table adds it up.
        const table = teamTreeTable(
          nodes,
          new Map(
            nodes.map((node, i) => [
              node.id,
              answers
                ? {
                    n: direct[i]!.people,
                    counts: direct[i]!.answers!,
                    variables: {
                      answer: ['all-counted', 'none-counted', 'some-counted'] as const,
                    },
                  }
                : { n: direct[i]!.people },
            ]),
          ),
        );
        const byId = new Map(table.cells.map((cell) => [cell.id, cell]));
        const cardMeasurements = cards.map((card) => {
          const cell = byId.get(teamCellId(card.id))!;
          return measure(cell.n, cell.counts?.['all-counted'] ?? 0);
        });
        const [shown] = gateScorecards(
          cards.map((card) => card.id),
          [cardMeasurements],
          { nodes, measured: [direct] },
          minGroupSize,
        );
        const released = new Set(
          cards.filter((_, i) => shown![i] === 1).map((card) => teamCellId(card.id)),
        );
        shownCards += released.size;
        // The reader sees the released cards only; every other cell is unknown to them.
        const report: PublishedReport = {
          cells: table.cells.map((cell) => ({
            ...cell,
            status: released.has(cell.id) ? 'shown' : 'suppressed',
          })),
          equations: table.equations,
          minGroupSize,
        };
        const check = verifyNoDisclosure(report);
        expect(check.findings).toEqual([]);
      }),
      { numRuns: 150, seed: 14 },
    );
    expect(shownCards).toBeGreaterThan(100);
  });
});
