/**
 * What an attacker who holds the earlier releases knows, as a report the verifier can read.
 * Independent of the gate: it does not call `ledgerRefusals` nor `suppressTable`. @internal
 */
import { InternalCustomerError } from '../core/errors.js';
import type { LedgerPopulation, ReleaseLedger } from './releaseLedger.js';
import type { PublishedCell, PublishedReport } from './suppressTable.js';
import type { TableEquation } from './table.js';

/**
 * The release ledger as `verifyNoDisclosure` reads it: the earlier releases of the statistic the
 * report measures, and who is in the report's cells.
 */
export interface VerifyLedgerOptions {
  /** What was released before (only the entries of `statistic` are read). */
  readonly ledger: ReleaseLedger;
  /** What every cell of the report measures (`enps:<surveyId>:<questionId>`). */
  readonly statistic: string;
  /**
   * The population of each cell that is no total of an equation; its size must be the cell's n.
   * A cell left out holds nobody of any earlier release.
   */
  readonly populations: ReadonlyMap<string, LedgerPopulation>;
}

/** Members of a population: keys, or `group#i` for the i-th member of an atomic group. */
function membersOf(population: LedgerPopulation): string[] {
  if ('keys' in population) return [...new Set(population.keys)].map((key) => `k:${key}`);
  return Object.entries(population.groups).flatMap(([group, count]) =>
    Array.from({ length: count }, (_, i) => `g:${group}#${i}`),
  );
}

/**
 * The report as the attacker with the ledger sees it, on people counts only: the report's cells
 * (n only), each earlier release of the statistic that shares someone with the report as a shown
 * cell, and the atoms (the people of one cell of the report, or of none, who are in the same
 * earlier releases) as suppressed cells, tied by `cell = its atoms` and `earlier release = its
 * atoms`. Every equation holds for n and every count alike, so a group whose n follows from this
 * system has its counts follow from the same combination: a group of 1 to k-1 people whose n is
 * pinned is a group whose values the attacker learns. A member of an atomic group (anonymous
 * data) is the i-th of it: two releases of one group share the smaller count
 * (`populationDifference`'s reading).
 *
 * O(people in the report's cells and the earlier releases that share someone with them).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when a population's size is not its cell's n, a
 * population is given for a total, or someone is in two cells that total nothing.
 */
export function ledgerAttackReport(
  report: PublishedReport,
  options: VerifyLedgerOptions,
): PublishedReport {
  const totals = new Set(report.equations.map((equation) => equation.total));
  const cellOf = new Map<string, string>();
  const byId = new Map(report.cells.map((cell) => [cell.id, cell]));
  for (const [id, population] of options.populations) {
    const cell = byId.get(id);
    if (cell === undefined || totals.has(id)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `verifyNoDisclosure: a ledger population is given for "${id}", which is not a cell that totals nothing`,
      );
    }
    const members = membersOf(population);
    if (members.length !== cell.n) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `verifyNoDisclosure: the ledger population of "${id}" holds ${members.length} people, the cell ${cell.n}`,
      );
    }
    for (const member of members) {
      if (cellOf.has(member)) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `verifyNoDisclosure: a person is in two cells that total nothing ("${cellOf.get(member)}", "${id}")`,
        );
      }
      cellOf.set(member, id);
    }
  }
  // The earlier releases of the statistic that share someone with this report.
  const entries: { index: number; members: string[] }[] = [];
  options.ledger.entries.forEach((entry, index) => {
    if (entry.statistic !== options.statistic) return;
    const members = membersOf(entry.population);
    if (members.some((member) => cellOf.has(member))) entries.push({ index, members });
  });
  const cells: PublishedCell[] = report.cells.map((cell) => ({
    id: cell.id,
    n: cell.n,
    status: cell.status,
  }));
  if (entries.length === 0)
    return { cells, equations: report.equations, minGroupSize: report.minGroupSize };
  // Each person's signature: their cell (or none) and the earlier releases holding them.
  const releasesOf = new Map<string, number[]>();
  for (const [at, entry] of entries.entries()) {
    for (const member of entry.members) {
      const list = releasesOf.get(member);
      if (list === undefined) releasesOf.set(member, [at]);
      else list.push(at);
    }
  }
  const atoms = new Map<string, { cell: string | undefined; releases: number[]; n: number }>();
  const signature = (member: string) => {
    const cell = cellOf.get(member);
    const releases = releasesOf.get(member) ?? [];
    const key = JSON.stringify([cell ?? null, releases]);
    const atom = atoms.get(key);
    if (atom === undefined) atoms.set(key, { cell, releases, n: 1 });
    else atom.n++;
  };
  for (const member of cellOf.keys()) signature(member);
  for (const member of releasesOf.keys()) if (!cellOf.has(member)) signature(member);
  // A cell that is one atom stands for itself; a cell of several atoms is their total.
  const atomsOfCell = new Map<string, number>();
  for (const atom of atoms.values())
    if (atom.cell !== undefined) atomsOfCell.set(atom.cell, (atomsOfCell.get(atom.cell) ?? 0) + 1);
  const equations: TableEquation[] = [...report.equations];
  const partsOfCell = new Map<string, string[]>();
  const partsOfRelease = entries.map((): string[] => []);
  let counter = 0;
  for (const atom of atoms.values()) {
    let id: string;
    if (atom.cell !== undefined && atomsOfCell.get(atom.cell) === 1) {
      id = atom.cell;
    } else {
      id =
        atom.cell === undefined
          ? `ledger-outside:${counter++}`
          : `ledger-atom:${atom.cell}:${counter++}`;
      cells.push({ id, n: atom.n, status: 'suppressed' });
      if (atom.cell !== undefined) {
        const parts = partsOfCell.get(atom.cell);
        if (parts === undefined) partsOfCell.set(atom.cell, [id]);
        else parts.push(id);
      }
    }
    for (const at of atom.releases) partsOfRelease[at]!.push(id);
  }
  for (const [cell, parts] of partsOfCell) equations.push({ total: cell, parts });
  entries.forEach((entry, at) => {
    const id = `ledger:${entry.index}`;
    cells.push({ id, n: entry.members.length, status: 'shown' });
    equations.push({ total: id, parts: partsOfRelease[at]! });
  });
  return { cells, equations, minGroupSize: report.minGroupSize };
}
