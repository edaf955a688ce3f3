/**
 * `npm run bench`: runs every case beside its baseline, prints the table and writes it to
 * BENCHMARKS.md with the machine it was measured on.
 */
import { writeFileSync } from 'node:fs';
import { machine, markdownTable, runCases } from './harness.js';
import { privacyCases } from './privacy.bench.js';
import { retentionCases } from './retention.bench.js';
import { satisfactionCases } from './satisfaction.bench.js';

const rows = await runCases([...satisfactionCases, ...retentionCases, ...privacyCases]);
const table = markdownTable(rows);
console.log(table);
const text = [
  '# Benchmarks',
  '',
  'Written by `npm run bench`. Each case runs beside its baseline in the same process, so the',
  'ratio compares numbers from one machine and one run. Goals in milliseconds are for a 2-core',
  'machine like the one below.',
  '',
  `Measured on: ${machine()}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  table,
  '',
].join('\n');
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), text);
if (rows.some((row) => !row.met)) {
  console.error('Some goals were not met.');
  process.exitCode = 1;
}
