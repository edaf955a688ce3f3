import { readFile } from 'node:fs/promises';
import { isInternalCustomerError } from '../core/errors.js';
import {
  type BreakdownSegment,
  type BreakdownTally,
  releaseBreakdown,
  type SuppressBreakdownOptions,
  suppressBreakdown,
} from '../organisation/breakdown.js';
import {
  checkLedger,
  emptyLedger,
  type LedgerPopulation,
  ledgerWarning,
  type ReleaseLedger,
} from '../privacy/releaseLedger.js';
import { dataError } from './errors.js';
import { writeFileAtomic } from './output.js';

/**
 * Reads the release ledger of `--ledger FILE`: an empty ledger when the file does not exist yet
 * (the first release). @internal
 */
export async function readLedgerFile(path: string): Promise<ReleaseLedger> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger();
    throw dataError(`--ledger: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return checkLedger(JSON.parse(text), '--ledger');
  } catch (error) {
    const message = isInternalCustomerError(error) ? error.message : (error as Error).message;
    throw dataError(`--ledger: ${path} is not a release ledger: ${message}`);
  }
}

/** Writes the ledger back, whole or not at all. @internal */
export async function writeLedgerFile(path: string, ledger: ReleaseLedger): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(ledger)}\n`);
}

/**
 * Publishes a breakdown, against the ledger of `--ledger FILE` when given (read, checked, and
 * written back with this release added); a warning when the ledger refused a value. @internal
 */
export async function publishBreakdown(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  options: SuppressBreakdownOptions & { readonly minGroupSize: number },
  ledger:
    | {
        readonly path: string | undefined;
        readonly statistic: string;
        readonly populations: () => ReadonlyMap<string | null, LedgerPopulation>;
      }
    | undefined,
): Promise<{ segments: BreakdownSegment[]; warnings: string[] }> {
  if (ledger?.path === undefined)
    return { segments: suppressBreakdown(tallies, options), warnings: [] };
  const release = releaseBreakdown(tallies, {
    ...options,
    ledger: await readLedgerFile(ledger.path),
    statistic: ledger.statistic,
    populations: ledger.populations(),
  });
  await writeLedgerFile(ledger.path, release.ledger);
  return {
    segments: release.segments,
    warnings: release.refusals.length > 0 ? [ledgerWarning(options.minGroupSize)] : [],
  };
}

/**
 * The populations of a file's groups without person keys: each group is an atomic group named
 * by the column and its value (`Department=Sales`; the whole file `*` without `--by`), counted.
 * Runs are comparable when they group by the same column. @internal
 */
export function atomicPopulations(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  by: string | undefined,
): Map<string | null, LedgerPopulation> {
  return new Map(
    [...tallies].map(([key, tally]) => [
      key,
      { groups: { [by === undefined ? '*' : `${by}=${key ?? ''}`]: tally.n } },
    ]),
  );
}

/**
 * Publishes a breakdown of answers (one category per answer: eNPS, favourability) of a file
 * without person keys, against `--ledger` when given. @internal
 */
export function publishAnswers(
  tallies: ReadonlyMap<string | null, BreakdownTally>,
  categories: readonly string[],
  options: {
    readonly by?: string | undefined;
    readonly minGroup: number;
    readonly ledger?: string | undefined;
  },
  statistic: string,
): Promise<{ segments: BreakdownSegment[]; warnings: string[] }> {
  return publishBreakdown(
    tallies,
    {
      grouped: options.by !== undefined,
      categories,
      variables: { answer: categories },
      minGroupSize: options.minGroup,
    },
    { path: options.ledger, statistic, populations: () => atomicPopulations(tallies, options.by) },
  );
}
