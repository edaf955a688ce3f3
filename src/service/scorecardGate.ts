/**
 * The scorecards' way through the privacy gate: each metric's population, per manager, as the
 * cells of one table for `suppressTable` (issue 14, leak 8). @internal
 */

import type { Reportable } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import {
  type CellStatistics,
  type TableCell,
  type TeamNode,
  teamCellId,
  teamTreeTable,
} from '../privacy/table.js';
import { ANSWER_CATEGORIES, type Measurement, type MetricValue } from './metrics/metric.js';

/** What a metric gave for one manager: a measurement, or a cell already gated (team eNPS). */
export type Measured = Measurement | Reportable<MetricValue>;

/** A share of answers declares its categories as one variable: a category of 0 tells nothing. */
const ANSWER_VARIABLE = { answer: ANSWER_CATEGORIES };

/** A measurement's additive statistics: its distinct people, and its answers for a share of them. */
function statisticsOf(measured: Measurement): CellStatistics {
  const answers = measured.answers;
  return answers === undefined
    ? { n: measured.people }
    : { n: measured.people, counts: answers, variables: ANSWER_VARIABLE };
}

/** The manager tree of a tree-scope call: its nodes, and each metric's measurement of each node's direct group. */
export interface DirectGroups {
  /** Every manager whose records count in some tree (the cards, and managers below them without reports now or at the start), with their manager on asOf. */
  readonly nodes: readonly TeamNode[];
  /** By metric, then by node: the measurement over the node's own records and direct reports. */
  readonly measured: readonly (readonly Measured[])[];
}

/**
 * Which cards the gate shows, by metric then by card: 1 where the metric's population cell is
 * shown. In direct scope the cells are the cards' own populations (disjoint groups, so primary
 * and attribute suppression). In tree scope they are the roll-ups of a tree table over `tree`'s
 * direct groups (`tree(m) = direct(m) + sum of tree(child)`), whose direct cells are never
 * released but treated as known (a conservative choice), with complementary suppression, so
 * that no tree minus its children gives a direct group of 1 to k-1 people. A metric whose cells
 * went through a gate of their own (team eNPS) is passed through (all 1).
 *
 * O(metrics x (cards + nodes)) plus `suppressTable` per metric.
 */
export function gateScorecards(
  managerIds: readonly string[],
  measured: readonly (readonly Measured[])[],
  tree: DirectGroups | undefined,
  minGroupSize: number,
): Uint8Array[] {
  return gateScorecardsAudited(managerIds, measured, tree, minGroupSize).shown;
}

/**
 * {@link gateScorecards} with each metric's audit record: in direct scope one cell per card (its
 * population, status and reason), in tree scope the tree table as suppressed; undefined for a
 * metric passed through (team eNPS, whose record is `enpsBy`'s).
 */
export function gateScorecardsAudited(
  managerIds: readonly string[],
  measured: readonly (readonly Measured[])[],
  tree: DirectGroups | undefined,
  minGroupSize: number,
): { shown: Uint8Array[]; reports: (PublishedReport | undefined)[] } {
  const reports: (PublishedReport | undefined)[] = [];
  const shownByMetric = measured.map((byCard, k) => {
    reports[k] = undefined;
    const shown = new Uint8Array(managerIds.length).fill(1);
    // Passed through when any card or tree node holds a gated cell (a node's team eNPS may be
    // suppressed while every card's is shown).
    const gated = (cell: Measured) => 'status' in cell;
    if (byCard.some(gated) || tree?.measured[k]?.some(gated) === true) return shown;
    if (tree === undefined) {
      // Disjoint groups, no equations: a cell's fate depends on its own statistics only, so the
      // table holds each distinct population once (a few dozen cells, not one per manager).
      const slotOf = new Map<number | string, number>();
      const slots = new Int32Array(managerIds.length);
      const cells: TableCell[] = [];
      for (let i = 0; i < managerIds.length; i++) {
        const measurement = byCard[i] as Measurement;
        const answers = measurement.answers;
        const key =
          answers === undefined
            ? measurement.people
            : `${measurement.people}|${answers['all-counted']}|${answers['none-counted']}`;
        let slot = slotOf.get(key);
        if (slot === undefined) {
          slot = cells.length;
          slotOf.set(key, slot);
          cells.push({ id: String(slot), ...statisticsOf(measurement) });
        }
        slots[i] = slot;
      }
      const report = suppressTable({ cells, equations: [] }, { minGroupSize });
      for (let i = 0; i < managerIds.length; i++)
        if (report.cells[slots[i]!]!.status !== 'shown') shown[i] = 0;
      reports[k] = {
        ...report,
        cells: managerIds.map((id, i) => ({ ...report.cells[slots[i]!]!, id })),
      };
      return shown;
    }
    const direct = new Map<string, CellStatistics>();
    const byNode = tree.measured[k]!;
    tree.nodes.forEach((node, j) => {
      direct.set(node.id, statisticsOf(byNode[j] as Measurement));
    });
    const status = new Map<string, 'shown' | 'suppressed'>();
    const table = teamTreeTable(tree.nodes, direct);
    const report = suppressTable(table, { minGroupSize });
    for (const cell of report.cells) status.set(cell.id, cell.status);
    for (let i = 0; i < managerIds.length; i++)
      if (status.get(teamCellId(managerIds[i]!)) !== 'shown') shown[i] = 0;
    reports[k] = report;
    return shown;
  });
  return { shown: shownByMetric, reports };
}
