import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CalendarDay } from '../../core/calendarDay.js';
import { isCalendarDay } from '../../core/calendarDay.js';
import { latestDay } from '../../internal/latestDay.js';
import { loadCommandDataset } from '../datasetFolder.js';
import { dataError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { readLedgerFile, writeLedgerFile } from '../ledgerFile.js';
import { writeOrganisationReport } from '../organisationReport.js';

/** Options of `internal-customer report`. @internal */
export interface ReportCommandOptions {
  readonly out: string;
  readonly asOf?: CalendarDay | undefined;
  readonly minGroup: number;
  /** A release ledger file (read, then written back with this report's values). */
  readonly ledger?: string | undefined;
  /** A mapping file for one export (or, with a folder, the file its `"file"` names). */
  readonly mapping?: string | undefined;
  readonly version: string;
}

/** What `report` did, for `--format json`. @internal */
export interface ReportCommandResult {
  readonly out: string;
  readonly asOf: CalendarDay;
  readonly sections: readonly { readonly id: string; readonly title: string }[];
  readonly bytes: number;
}

/**
 * Builds the organisation's HTML report from a dataset folder (or dataset JSON, or one export
 * with `--mapping`) and writes it
 * atomically to `--out`, creating its folder first (before any computing, so a path that cannot
 * be a folder fails at once). Any validation issue of the dataset fails with exit code 2 and
 * nothing written. @internal
 */
export async function reportCommand(
  path: string,
  options: ReportCommandOptions,
  _io: CliIo,
): Promise<ReportCommandResult> {
  if (options.asOf !== undefined && !isCalendarDay(options.asOf)) {
    throw usageError(`--as-of requires a calendar day as YYYY-MM-DD, got ${options.asOf}`);
  }
  const folder = dirname(resolve(options.out));
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw dataError(`cannot create the folder of --out ${folder}: ${(error as Error).message}`);
  }
  const { dataset, issues } = await loadCommandDataset(path, options.mapping);
  if (issues.length > 0) {
    throw dataError(
      `${path} has ${issues.length} issue${issues.length === 1 ? '' : 's'}; no report was written`,
      issues,
    );
  }
  const asOf = options.asOf ?? latestDay(dataset);
  if (asOf === undefined) throw dataError(`${path} has no dated records: nothing to report`);
  const ledger = options.ledger === undefined ? undefined : await readLedgerFile(options.ledger);
  const written = await writeOrganisationReport(dataset, {
    asOf,
    out: options.out,
    minGroupSize: options.minGroup,
    source: path,
    version: options.version,
    ...(ledger === undefined ? {} : { ledger }),
  });
  // Written after the report: a report that failed released nothing.
  if (options.ledger !== undefined && written.ledger !== undefined)
    await writeLedgerFile(options.ledger, written.ledger);
  return { out: written.out, asOf, sections: written.sections, bytes: written.bytes };
}
