/**
 * Writes the organisation's HTML report (report/index.html at the project root by default): what
 * `npm run demo` does after printing its summary. The page is self-contained: charts are
 * Vega-Lite specifications from `internal-customer/report`, rendered to SVG here in Node by the
 * optional dependencies vega and vega-lite (loaded by dynamic import), with no network and no CDN.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WrittenReport, writeOrganisationReport } from '../../src/cli/organisationReport.js';
import { packageVersion } from '../../src/cli/program.js';
import type { CalendarDay } from '../../src/core/index.js';
import { loadExampleDataset } from './dataset.js';

/** Where `npm run demo` writes the report (git-ignored). */
export const DEFAULT_REPORT_PATH = fileURLToPath(
  new URL('../../report/index.html', import.meta.url),
);

/** Loads the sample (or `path`) and writes its report to `out`. */
export async function writeDemoReport(
  args: { readonly path?: string; readonly asOf?: CalendarDay },
  out: string = DEFAULT_REPORT_PATH,
): Promise<WrittenReport> {
  const { dataset, asOf, source } = await loadExampleDataset({ ...args, options: {} });
  await mkdir(dirname(out), { recursive: true });
  return writeOrganisationReport(dataset, { asOf, out, source, version: packageVersion() });
}

/** The report's path relative to the working directory, for the line the demo prints. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
