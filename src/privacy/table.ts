import { InternalCustomerError } from '../core/errors.js';
import { teamTree } from '../internal/teamTree.js';

/**
 * The additive statistics of one cell: `n` distinct respondents (or people), category `counts`
 * (each from 0 to n: detractors, promoters, leavers ...) and `sums` (sum of scores ...). Only
 * additive statistics can be reasoned about across totals, so reports publish these and derive
 * rates and scores from them.
 *
 * `variables` declares categorical variables: a variable's name maps to the `counts` keys that
 * are its categories, one per person, adding up to n (an answer: detractor, passive, promoter;
 * an exit: stayed, voluntary, involuntary, other). Attribute disclosure for a declared variable
 * is one category holding everyone; a category count of 0 tells nothing by itself (nobody left
 * for `other` reasons is not a trait everyone shares). A count that no variable declares is a
 * yes/no variable of its own (the count, and n minus it). Two variables may share categories
 * (an exit, and the same exit with voluntary split into regretted and not).
 */
export interface CellStatistics {
  readonly n: number;
  readonly counts?: Readonly<Record<string, number>>;
  readonly sums?: Readonly<Record<string, number>>;
  readonly variables?: Readonly<Record<string, readonly string[]>>;
}

/** A cell of a table: an id and its statistics. */
export interface TableCell extends CellStatistics {
  readonly id: string;
}

/** A published relation between cells: `total = sum of parts`, for n and every statistic. */
export interface TableEquation {
  readonly total: string;
  readonly parts: readonly string[];
}

/** Cells and the equations that tie them, before suppression. */
export interface Table {
  readonly cells: readonly TableCell[];
  readonly equations: readonly TableEquation[];
}

/** A node of a team tree. */
export interface TeamNode {
  readonly id: string;
  readonly parentId?: string | undefined;
}

/**
 * The cell id of a team's roll-up (the team and everything below it), optionally within a group
 * of a breakdown.
 *
 * @example
 * teamCellId('sales') // => 'team:sales'
 * teamCellId('sales', 'new-hires') // => 'team:sales|new-hires'
 */
export function teamCellId(teamId: string, group?: string): string {
  return group === undefined ? `team:${teamId}` : `team:${teamId}|${group}`;
}

/**
 * The cell id of the people directly in a team that has sub-teams (not in any sub-team).
 *
 * @example
 * directCellId('sales') // => 'team:sales:direct'
 */
export function directCellId(teamId: string, group?: string): string {
  return group === undefined ? `team:${teamId}:direct` : `team:${teamId}:direct|${group}`;
}

const EMPTY: CellStatistics = { n: 0 };

function addStatistics(cells: readonly CellStatistics[]): CellStatistics {
  let n = 0;
  const counts: Record<string, number> = Object.create(null);
  const sums: Record<string, number> = Object.create(null);
  let hasCounts = false;
  let hasSums = false;
  for (const cell of cells) {
    n += cell.n;
    for (const [key, value] of Object.entries(cell.counts ?? {})) {
      counts[key] = (counts[key] ?? 0) + value;
      hasCounts = true;
    }
    for (const [key, value] of Object.entries(cell.sums ?? {})) {
      sums[key] = (sums[key] ?? 0) + value;
      hasSums = true;
    }
  }
  const declared = cells.find((cell) => cell.variables !== undefined)?.variables;
  return {
    n,
    ...(hasCounts ? { counts: { ...counts } } : {}),
    ...(hasSums ? { sums: { ...sums } } : {}),
    ...(declared === undefined ? {} : { variables: declared }),
  };
}

/**
 * Builds the table of a team tree: one roll-up cell per team (`team:<id>`, the team and all
 * below it) and, for a team with sub-teams, a cell for its direct members (`team:<id>:direct`),
 * tied by `roll-up = sum of the sub-teams' roll-ups + direct members`. Feed it to
 * {@link suppressTable}. Direct members with no statistics are left out (an empty term adds
 * nothing to the equation).
 *
 * O(teams + cells).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for unknown parents, cycles, duplicate team ids
 * or statistics for a team that is not in the tree.
 *
 * @example
 * const table = teamTreeTable(
 *   [{ id: 'org' }, { id: 'a', parentId: 'org' }, { id: 'b', parentId: 'org' }],
 *   new Map([['org', { n: 2 }], ['a', { n: 6 }], ['b', { n: 9 }]]),
 * );
 * table.cells.map((cell) => [cell.id, cell.n]) // => [['team:a', 6], ['team:b', 9], ['team:org:direct', 2], ['team:org', 17]]
 * table.equations // => [{ total: 'team:org', parts: ['team:a', 'team:b', 'team:org:direct'] }]
 */
export function teamTreeTable(
  teams: readonly TeamNode[],
  direct: ReadonlyMap<string, CellStatistics>,
): Table {
  return buildTeamTable(
    'teamTreeTable',
    teams,
    (teamId) => {
      const statistics = direct.get(teamId);
      return statistics === undefined ? undefined : new Map([[undefined, statistics]]);
    },
    [...direct.keys()],
  );
}

/**
 * Builds the table of a team tree crossed with a breakdown (tenure band, location, period ...):
 * cells for every team and group (`team:<id>|<group>`), the team totals (`team:<id>`), and the
 * direct members of teams with sub-teams, tied by the tree equations within each group and by
 * `team total = sum over groups` for every team. Publishing a cross-tabulation in one report
 * means all of these relations are known to the reader, so suppression must hold against all of
 * them together.
 *
 * O(teams x groups).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for unknown parents, cycles, duplicate team ids
 * or statistics for a team that is not in the tree.
 *
 * @example
 * const table = teamBreakdownTable(
 *   [{ id: 'org' }, { id: 'a', parentId: 'org' }, { id: 'b', parentId: 'org' }],
 *   new Map([['a', new Map([['new', { n: 2 }], ['tenured', { n: 7 }]])], ['b', new Map([['tenured', { n: 8 }]])]]),
 * );
 * table.equations.length // => 5
 * table.cells.find((cell) => cell.id === 'team:org|tenured')?.n // => 15
 */
export function teamBreakdownTable(
  teams: readonly TeamNode[],
  direct: ReadonlyMap<string, ReadonlyMap<string, CellStatistics>>,
): Table {
  return buildTeamTable('teamBreakdownTable', teams, (teamId) => direct.get(teamId), [
    ...direct.keys(),
  ]);
}

function buildTeamTable(
  functionName: string,
  teams: readonly TeamNode[],
  directOf: (teamId: string) => ReadonlyMap<string | undefined, CellStatistics> | undefined,
  statisticTeams: readonly string[],
): Table {
  const { order, children } = teamTree(teams, functionName);
  const known = new Set(order);
  for (const teamId of statisticTeams) {
    if (!known.has(teamId)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} got statistics for team "${teamId}", which is not in the tree`,
      );
    }
  }
  const groups = new Set<string | undefined>();
  for (const teamId of order) for (const group of directOf(teamId)?.keys() ?? []) groups.add(group);
  const grouped = !groups.has(undefined);
  const groupList = [...groups].filter((g): g is string => g !== undefined).sort();
  const cells: TableCell[] = [];
  const equations: TableEquation[] = [];
  const rollups = new Map<string, CellStatistics>();

  for (const teamId of order) {
    const kids = children.get(teamId) ?? [];
    const directGroups = directOf(teamId);
    const perGroup = grouped ? groupList : [undefined];
    const totalParts: CellStatistics[] = [];
    for (const group of perGroup) {
      const own = directGroups?.get(group) ?? EMPTY;
      const id = teamCellId(teamId, group);
      let statistics: CellStatistics;
      if (kids.length === 0) {
        statistics = own;
      } else {
        const parts = kids.map((kid) => teamCellId(kid, group));
        const partStatistics = kids.map((kid) => rollups.get(teamCellId(kid, group)) ?? EMPTY);
        if (own.n > 0) {
          cells.push({ id: directCellId(teamId, group), ...own });
          parts.push(directCellId(teamId, group));
          partStatistics.push(own);
        }
        statistics = addStatistics(partStatistics);
        equations.push({ total: id, parts });
      }
      rollups.set(id, statistics);
      cells.push({ id, ...statistics });
      totalParts.push(statistics);
    }
    if (grouped) {
      const id = teamCellId(teamId);
      cells.push({ id, ...addStatistics(totalParts) });
      equations.push({ total: id, parts: groupList.map((group) => teamCellId(teamId, group)) });
      if (kids.length > 0) {
        const directParts = groupList.filter((group) => (directGroups?.get(group)?.n ?? 0) > 0);
        if (directParts.length > 0) {
          cells.push({
            id: directCellId(teamId),
            ...addStatistics(directParts.map((group) => directGroups!.get(group)!)),
          });
          equations.push({
            total: directCellId(teamId),
            parts: directParts.map((group) => directCellId(teamId, group)),
          });
        }
      }
    }
  }
  return { cells, equations };
}

/**
 * Builds a two-way table with its margins: cells `<row>|<column>`, row totals `<row>|*`, column
 * totals `*|<column>` and the grand total `*|*`, tied by the row and column equations.
 *
 * O(rows x columns).
 *
 * @example
 * const table = twoWayTable(new Map([['sales', new Map([['2025-Q1', { n: 6 }], ['2025-Q2', { n: 8 }]])]]));
 * table.cells.map((cell) => cell.id) // => ['sales|2025-Q1', 'sales|2025-Q2', 'sales|*', '*|2025-Q1', '*|2025-Q2', '*|*']
 */
export function twoWayTable(
  cellsByRow: ReadonlyMap<string, ReadonlyMap<string, CellStatistics>>,
): Table {
  const rows = [...cellsByRow.keys()].sort();
  const columns = [...new Set([...cellsByRow.values()].flatMap((row) => [...row.keys()]))].sort();
  const cells: TableCell[] = [];
  const equations: TableEquation[] = [];
  for (const row of rows) {
    const values = columns.map((column) => cellsByRow.get(row)?.get(column) ?? EMPTY);
    for (const [index, column] of columns.entries())
      cells.push({ id: `${row}|${column}`, ...values[index]! });
    cells.push({ id: `${row}|*`, ...addStatistics(values) });
    equations.push({ total: `${row}|*`, parts: columns.map((column) => `${row}|${column}`) });
  }
  for (const column of columns) {
    cells.push({
      id: `*|${column}`,
      ...addStatistics(rows.map((row) => cellsByRow.get(row)?.get(column) ?? EMPTY)),
    });
    equations.push({ total: `*|${column}`, parts: rows.map((row) => `${row}|${column}`) });
  }
  cells.push({
    id: '*|*',
    ...addStatistics(rows.flatMap((row) => [...(cellsByRow.get(row)?.values() ?? [])])),
  });
  equations.push({ total: '*|*', parts: rows.map((row) => `${row}|*`) });
  return { cells, equations };
}
