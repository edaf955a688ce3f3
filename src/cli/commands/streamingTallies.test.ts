/**
 * The streaming path of `enps` and `favourability` (counts kept as the rows are read, issue 15)
 * against the collecting path they replaced (every record read into memory, then counted): the
 * same published output on the export fixtures, with csv renames and with a `load` mapping.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../io.js';
import type * as ReadTable from '../readTable.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = (name: string) => join(root, 'tests', 'fixtures', 'cli', name);
const load = (...parts: string[]) => join(root, 'tests', 'fixtures', 'load', ...parts);

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: (async function* () {})(),
  env: {},
};

const base = { minGroup: 5, level: 0.95 };
const enpsCases = [
  { file: cli('survey.csv'), options: { score: 'Recommend', by: 'Department' } },
  { file: cli('survey.csv'), options: { score: 'Recommend' } },
  {
    file: cli('survey-semicolon.csv'),
    options: { score: 'score', by: 'team', mapping: cli('survey-semicolon-mapping.json') },
  },
  {
    file: load('company', 'engagement.tsv'),
    options: { score: 'recommend', mapping: load('company', 'engagement.mapping.json') },
  },
];
const favourabilityCases = [
  {
    file: cli('survey.csv'),
    options: { items: ['growth1', 'workload1', 'support1'], points: 5, by: 'Team' },
  },
  {
    file: load('company', 'engagement.tsv'),
    options: {
      items: ['growth', 'workload', 'Support'],
      points: 5,
      mapping: load('company', 'engagement.mapping.json'),
    },
  },
];

/** Both commands' JSON output, with `foldTable` as it is or replaced by the collecting path. */
async function outputs(collecting: boolean) {
  vi.resetModules();
  if (collecting) {
    vi.doMock('../readTable.js', async (importOriginal) => {
      const actual = await importOriginal<typeof ReadTable>();
      const foldTable: typeof actual.foldTable = async (
        file,
        schema,
        fields,
        mapping,
        io,
        visit,
      ) => {
        const { records, recordRows } = await actual.readTable(file, schema, fields, mapping, io);
        for (let index = 0; index < records.length; index++)
          visit(records[index]!, recordRows[index]!);
      };
      return { ...actual, foldTable };
    });
  }
  const { enpsCommand } = await import('./enps.js');
  const { favourabilityCommand } = await import('./favourability.js');
  const results: unknown[] = [];
  for (const { file, options } of enpsCases) {
    const output = await enpsCommand(
      file,
      { ...base, ...options, method: 'adjusted-wald', seed: 1 },
      io,
    );
    results.push(output.json, output.table);
  }
  for (const { file, options } of favourabilityCases) {
    const output = await favourabilityCommand(file, { ...base, ...options }, io);
    results.push(output.json, output.table);
  }
  return results;
}

afterEach(() => {
  vi.doUnmock('../readTable.js');
  vi.resetModules();
});

describe('streaming tallies of enps and favourability', () => {
  it('publish what the collecting path publishes on the export fixtures', async () => {
    const streaming = await outputs(false);
    const collecting = await outputs(true);
    expect(collecting).toHaveLength(12);
    expect(streaming).toEqual(collecting);
    // The fixtures do publish something (not only suppressed cells).
    expect(JSON.stringify(streaming)).toContain('"status":"shown"');
  });
});
