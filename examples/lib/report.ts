/**
 * Writes the organisation's HTML report (report/index.html at the project root by default): what
 * `npm run demo` does after printing its summary. It runs the package's command line tool, as you
 * would in your own project (`npx internal-customer report <data> --out report.html`): the page is
 * self-contained, its charts are Vega-Lite specifications from `internal-customer/report` rendered
 * to SVG by the optional dependencies vega and vega-lite, with no network and no CDN.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CalendarDay } from 'internal-customer/core';
import { SAMPLE_AS_OF, SAMPLE_DATASET_PATH } from './dataset.js';

/** Where `npm run demo` writes the report (git-ignored). */
export const DEFAULT_REPORT_PATH = fileURLToPath(
  new URL('../../report/index.html', import.meta.url),
);

/** What the command line tool says it wrote (`--format json`). */
export interface WrittenReport {
  readonly out: string;
  readonly sections: readonly { readonly id: string; readonly title: string }[];
}

/** The installed package's command line tool: its `bin` in its package.json. */
function cliPath(): string {
  const manifestPath = createRequire(import.meta.url).resolve('internal-customer/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: Record<string, string>;
  };
  return join(dirname(manifestPath), manifest.bin['internal-customer']!);
}

/** Writes the report of the sample (or of `path`) to `out` with `internal-customer report`. */
export async function writeDemoReport(
  args: { readonly path?: string; readonly asOf?: CalendarDay },
  out: string = DEFAULT_REPORT_PATH,
): Promise<WrittenReport> {
  const path = args.path ?? SAMPLE_DATASET_PATH;
  const asOf = args.asOf ?? (args.path === undefined ? SAMPLE_AS_OF : undefined);
  await mkdir(dirname(out), { recursive: true });
  const { stdout } = await promisify(execFile)(process.execPath, [
    cliPath(),
    'report',
    path,
    '--out',
    out,
    '--format',
    'json',
    ...(asOf === undefined ? [] : ['--as-of', asOf]),
  ]);
  return JSON.parse(stdout) as WrittenReport;
}

/** The report's path relative to the working directory, for the line the demo prints. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
