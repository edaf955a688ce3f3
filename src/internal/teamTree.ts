import { InternalCustomerError } from '../core/errors.js';

/** A node of a team tree: an id and its parent's. @internal */
export interface TeamTreeNode {
  readonly id: string;
  readonly parentId?: string | undefined;
}

/** A checked team tree. @internal */
export interface TeamTree {
  /** Every team, the leaves first, each after all its sub-teams. */
  readonly order: string[];
  /** Each team's sub-teams, in input order. */
  readonly children: Map<string, string[]>;
  /** The teams without a parent, in input order. */
  readonly roots: string[];
}

/**
 * The team tree, walked once: each team's sub-teams (in input order), the roots, and the order
 * from the leaves up (Kahn's algorithm), refusing duplicate ids, unknown parents and cycles with
 * `INVALID_INPUT` naming `functionName`. The one walker of the tree for the modules (privacy's
 * tables, the organisation report's team order). O(teams). @internal
 */
export function teamTree(teams: readonly TeamTreeNode[], functionName: string): TeamTree {
  const children = new Map<string, string[]>();
  const parents = new Map<string, string | undefined>();
  for (const team of teams) {
    if (parents.has(team.id)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires unique team ids, got "${team.id}" twice`,
      );
    }
    parents.set(team.id, team.parentId);
    children.set(team.id, []);
  }
  for (const team of teams) {
    if (team.parentId === undefined) continue;
    const siblings = children.get(team.parentId);
    if (siblings === undefined) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires known parents: team "${team.id}" has unknown parent "${team.parentId}"`,
      );
    }
    siblings.push(team.id);
  }
  // Kahn's algorithm from the leaves: whatever is never reached lies on a cycle.
  const pending = new Map([...children].map(([id, list]) => [id, list.length]));
  const order: string[] = [];
  const ready = [...pending].filter(([, count]) => count === 0).map(([id]) => id);
  for (let next = 0; next < ready.length; next++) {
    const id = ready[next]!;
    order.push(id);
    const parent = parents.get(id);
    if (parent === undefined) continue;
    const left = pending.get(parent)! - 1;
    pending.set(parent, left);
    if (left === 0) ready.push(parent);
  }
  if (order.length !== teams.length) {
    const stuck = [...pending].filter(([, count]) => count > 0).map(([id]) => id);
    throw new InternalCustomerError(
      'INVALID_INPUT',
      `${functionName} requires a tree without cycles; teams on or above a cycle: ${stuck.slice(0, 10).join(', ')}`,
    );
  }
  const roots = teams.filter((team) => team.parentId === undefined).map((team) => team.id);
  return { order, children, roots };
}

/** The teams depth first from the roots (each before its sub-teams), with their depth (0 at a root). @internal */
export function depthFirst(tree: TeamTree): { id: string; depth: number }[] {
  const out: { id: string; depth: number }[] = [];
  const visit = (id: string, depth: number) => {
    out.push({ id, depth });
    for (const child of tree.children.get(id) ?? []) visit(child, depth + 1);
  };
  for (const root of tree.roots) visit(root, 0);
  return out;
}
