import type { CalendarDay } from '../../core/calendarDay.js';
import {
  type LedgerCell,
  ledgerRefusals,
  ledgerWarning,
  recordReleased,
} from '../../privacy/releaseLedger.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { type HireCohortsOptions, hireCohorts } from '../../retention/hireCohorts.js';
import {
  type PublishedHireCohorts,
  publishHireCohorts,
} from '../../retention/publishHireCohorts.js';
import type { RetentionPerson } from '../../retention/retentionPeople.js';
import { countsInHeadcount } from '../../schemas/vocabulary.js';
import { readEmployeesFile } from '../employeesFile.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { readLedgerFile, writeLedgerFile } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping } from '../readTable.js';

/** Options of `internal-customer cohorts`. @internal */
export interface CohortsCommandOptions {
  readonly asOf: CalendarDay;
  readonly cohort: NonNullable<HireCohortsOptions['cohort']>;
  /** Months after hire, such as [3, 6, 12, 24]. */
  readonly horizons: readonly number[];
  /** The first day the records cover (cohorts hired before it are not observed from hire). */
  readonly recordsStart?: CalendarDay | undefined;
  readonly minGroup: number;
  readonly mapping?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
}

/** The stable columns of `cohorts --format csv`: one row per cohort and horizon. @internal */
export const COHORTS_COLUMNS = [
  'cohort',
  'first',
  'last',
  'horizon',
  'status',
  'hires',
  'retained',
  'rate',
] as const;

/** A cell's status: shown, hidden by the gate, or not observable (too young, or hired before the records start). */
type CellStatus = 'shown' | 'suppressed' | 'unobservable';

/**
 * Checks the shown retention of each cohort against the ledger of --ledger and writes the ledger
 * back with what is shown. A cohort's value is what each of its hires did by a horizon (statistic
 * `retained:<months>`: still employed that many months after hire) over its hires (person and
 * hire day, so a rehire is its own spell); a cohort whose hires differ by 1 to k-1 from the same
 * horizon released earlier (a late-entered hire, a corrected hire day) has all its retention
 * hidden, its hires still shown, so no horizon of it can be set against an earlier one. Returns
 * whether a value was refused.
 */
async function releaseCohorts(
  published: PublishedHireCohorts,
  people: readonly RetentionPerson[],
  options: CohortsCommandOptions & { readonly ledger: string },
): Promise<{ published: PublishedHireCohorts; refused: boolean }> {
  const ledger = await readLedgerFile(options.ledger);
  const cellsOf = (rows: PublishedHireCohorts['rows']): LedgerCell[] =>
    rows.flatMap((row) => {
      const keys = people.flatMap((person) =>
        countsInHeadcount(person.workerType)
          ? person.spells
              .filter((spell) => spell.hireDate >= row.first && spell.hireDate <= row.last)
              .filter((spell) => spell.hireDate <= options.asOf)
              .map((spell) => `${person.id}@${spell.hireDate}`)
          : [],
      );
      return row.cells
        .filter((cell) => cell.retained?.status === 'shown')
        .map((cell) => ({
          id: `${row.cohort}:${cell.horizon}`,
          statistic: `retained:${cell.horizon}`,
          population: { keys },
        }));
    });
  const refusedCohorts = new Set(
    ledgerRefusals(ledger, cellsOf(published.rows), options.minGroup).map(
      (refusal) => refusal.id.split(':')[0]!,
    ),
  );
  const rows = published.rows.map((row) =>
    refusedCohorts.has(row.cohort)
      ? {
          ...row,
          cells: row.cells.map((cell) =>
            cell.retained === null
              ? cell
              : { ...cell, retained: { status: 'suppressed' as const } },
          ),
        }
      : row,
  );
  await writeLedgerFile(options.ledger, recordReleased(ledger, cellsOf(rows)));
  return { published: { ...published, rows }, refused: refusedCohorts.size > 0 };
}

/**
 * The hire-cohort retention triangle of an employees file, published through the privacy gate
 * (`publishHireCohorts`): a cohort of fewer than --min-group hires is hidden whole, and a horizon
 * when its retained count or the leavers since the previous horizon are too few. @internal
 */
export async function cohortsCommand(
  file: string,
  options: CohortsCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  if (options.recordsStart !== undefined && options.recordsStart > options.asOf) {
    throw usageError(
      `--records-start requires a day on or before --as-of, got --records-start ${options.recordsStart} --as-of ${options.asOf}`,
    );
  }
  const mapping = await columnMapping(options.mapping);
  const { people } = await readEmployeesFile(file, undefined, mapping, io);
  const triangle = hireCohorts(people, {
    asOf: options.asOf,
    cohort: options.cohort,
    horizons: options.horizons,
    ...(options.recordsStart === undefined ? {} : { recordsStart: options.recordsStart }),
  });
  let published = publishHireCohorts(triangle, { minGroupSize: options.minGroup });
  let refused = false;
  if (options.ledger !== undefined)
    ({ published, refused } = await releaseCohorts(published, people, {
      ...options,
      ledger: options.ledger,
    }));
  const cohorts = published.rows.map((row, index) => {
    const observedFromHire = triangle.rows[index]!.observedFromHire;
    const cells = row.cells.map((cell) => {
      const status: CellStatus =
        cell.retained === null
          ? 'unobservable'
          : cell.retained.status === 'shown'
            ? 'shown'
            : 'suppressed';
      return cell.retained?.status === 'shown'
        ? {
            horizon: cell.horizon,
            status,
            retained: cell.retained.value.retained,
            rate: cell.retained.value.rate,
          }
        : { horizon: cell.horizon, status };
    });
    return row.hires.status === 'shown'
      ? {
          cohort: row.cohort,
          first: row.first,
          last: row.last,
          observedFromHire,
          status: 'shown' as const,
          hires: row.hires.value,
          cells,
        }
      : {
          cohort: row.cohort,
          first: row.first,
          last: row.last,
          observedFromHire,
          status: 'suppressed' as const,
          cells: cells.map(({ horizon, status }) => ({ horizon, status })),
        };
  });
  const csvRows = cohorts.flatMap(({ cells, ...cohort }) =>
    cells.map((cell) => ({
      cohort: cohort.cohort,
      first: cohort.first,
      last: cohort.last,
      hires: cohort.status === 'shown' ? cohort.hires : null,
      ...cell,
    })),
  );
  const pct = (value: number) => formatNumber(value, { percent: true });
  // The library's warnings name its options; here they are flags.
  const warnings = published.warnings.map((warning) =>
    warning.replace(/^hireCohorts: /, '').replace(/\brecordsStart\b/g, '--records-start'),
  );
  if (refused) warnings.push(ledgerWarning(options.minGroup));
  return {
    json: {
      command: 'cohorts',
      file,
      asOf: options.asOf,
      cohort: options.cohort,
      horizons: triangle.horizons,
      recordsStart: options.recordsStart ?? null,
      minGroupSize: options.minGroup,
      rows: cohorts,
      warnings,
    },
    csv: { columns: COHORTS_COLUMNS, rows: csvRows },
    table: {
      title: `Hire cohorts (by ${options.cohort}) as of ${options.asOf} of ${file === '-' ? 'standard input' : file}`,
      header: [
        'cohort',
        'hires',
        ...triangle.horizons.map((horizon) => `after ${horizon} month${horizon === 1 ? '' : 's'}`),
      ],
      rows: cohorts.map((row) => [
        row.cohort,
        row.status === 'shown' ? String(row.hires) : 'suppressed',
        ...row.cells.map((cell) =>
          'rate' in cell
            ? `${pct(cell.rate)} (${cell.retained})`
            : cell.status === 'suppressed'
              ? 'suppressed'
              : row.observedFromHire
                ? 'not yet'
                : 'not observed',
        ),
      ]),
      notes: [
        "Retained = hires still employed on their anniversary that many months after hire (percentage of the cohort's hires, and the count); each spell is a hire (a rehire joins the cohort of its new hire day).",
        '"not yet": the anniversary of the cohort\'s last day has not arrived by --as-of; "not observed": the cohort began before --records-start, so its early leavers are missing.',
        suppressionFootnote(options.minGroup, 'hires'),
        ...warnings,
      ],
    },
  };
}
