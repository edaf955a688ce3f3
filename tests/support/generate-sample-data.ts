/**
 * Writes the fictional sample organisation to `examples/data`: the whole dataset as
 * `dataset.json` and one CSV file per record type. The files are committed; a test checks that
 * `dataset.json` still equals the generator's output, so run this after changing the generator:
 *
 *   npx tsx tests/support/generate-sample-data.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsv } from '../../src/csv/index.js';
import { generateSampleOrganisation } from '../../src/internal/sampleOrganisation.js';
import { DATASET_COLLECTIONS, type DatasetCollection } from '../../src/schemas/index.js';

const directory = fileURLToPath(new URL('../../examples/data/', import.meta.url));

/**
 * JSON with one record per line: valid JSON that stays small and gives readable diffs when the
 * generator changes.
 */
function formatDataset(dataset: Readonly<Record<string, readonly unknown[] | undefined>>): string {
  const blocks = Object.entries(dataset).map(([key, records]) => {
    const lines = (records ?? []).map((record) => `    ${JSON.stringify(record)}`);
    return lines.length === 0
      ? `  ${JSON.stringify(key)}: []`
      : `  ${JSON.stringify(key)}: [\n${lines.join(',\n')}\n  ]`;
  });
  return `{\n${blocks.join(',\n')}\n}\n`;
}

const started = performance.now();
const dataset = generateSampleOrganisation();
const generated = performance.now();
await mkdir(directory, { recursive: true });
const written: [file: string, bytes: number][] = [];
const write = async (file: string, text: string) => {
  await writeFile(join(directory, file), text, 'utf8');
  written.push([file, Buffer.byteLength(text)]);
};
await write('dataset.json', formatDataset(dataset));
for (const key of Object.keys(DATASET_COLLECTIONS) as DatasetCollection[]) {
  const rows = (dataset[key] ?? []) as readonly Readonly<Record<string, unknown>>[];
  await write(`${key}.csv`, toCsv(rows));
}
console.log(`Generated the sample organisation in ${(generated - started).toFixed(0)} ms`);
for (const [file, bytes] of written) {
  console.log(`  examples/data/${file.padEnd(18)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
}
