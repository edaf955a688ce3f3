/**
 * `npm run bench`: runs every case beside its baseline, prints the table and writes it to
 * BENCHMARKS.md with the machine it was measured on.
 */
import { writeFileSync } from 'node:fs';
import { type BenchCase, machine, markdownTable, runCases } from './harness.js';

// Each group is loaded only when it runs (loading builds its data). `npm run bench -- scale`
// runs the named groups and prints their table without writing BENCHMARKS.md.
const groups: Record<string, () => Promise<readonly BenchCase[]>> = {
  satisfaction: async () => (await import('./satisfaction.bench.js')).satisfactionCases,
  retention: async () => (await import('./retention.bench.js')).retentionCases,
  privacy: async () => (await import('./privacy.bench.js')).privacyCases,
  model: async () => (await import('./model.bench.js')).modelCases,
  service: async () => (await import('./service.bench.js')).serviceCases,
  scale: async () => (await import('./scale.bench.js')).scaleCases,
};
const only = process.argv.slice(2).filter((name) => name in groups);
const rows = [];
for (const [name, load] of Object.entries(groups)) {
  if (only.length > 0 && !only.includes(name)) continue;
  rows.push(...(await runCases(await load())));
}
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
if (only.length === 0) writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), text);
if (rows.some((row) => !row.met)) {
  console.error('Some goals were not met.');
  process.exitCode = 1;
}
