/**
 * DESIGN.md: the maths modules run in browsers and edge runtimes, so their bundles carry no zod
 * (they import only types from schemas) and no `node:` import. Bundles the source of each subpath
 * with esbuild (platform browser) and reads what went in. The positive controls (schemas carries
 * zod, csv and tallies import node:) prove the check can fail.
 */
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { MATHS_MODULES } from './support/mathsModules.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function bundle(module: string) {
  const result = await build({
    entryPoints: [join(projectRoot, 'src', module, 'index.ts')],
    bundle: true,
    write: false,
    // As a browser bundler would: packages' "browser" fields apply.
    platform: 'browser',
    format: 'esm',
    metafile: true,
    // Node built-ins stay external, with or without the node: prefix (csv-parse imports "stream").
    external: ['node:*', ...builtinModules],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const imports = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.map((item) => item.path),
  );
  return {
    zod: inputs.filter((path) => /node_modules\/zod\//.test(path)),
    // The Node-only csv module (and the parser it uses) never enters a portable bundle.
    csv: inputs.filter((path) => /(^|\/)src\/csv\/|node_modules\/csv-parse\//.test(path)),
    node: imports.filter((path) => path.startsWith('node:') || builtinModules.includes(path)),
    bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0),
  };
}

describe('portable bundles', () => {
  it('cover the core module at least, and the organisation report', () => {
    expect(MATHS_MODULES).toContain('core');
    expect(MATHS_MODULES).toContain('organisation');
  });

  for (const module of MATHS_MODULES) {
    it(`bundle ${module} with no zod, no csv and no node: import`, async () => {
      const { zod, csv, node } = await bundle(module);
      expect(zod).toEqual([]);
      expect(csv).toEqual([]);
      expect(node).toEqual([]);
    });
  }

  it('detect zod where it is used (schemas), and csv and node: where they are used (csv, tallies)', async () => {
    expect((await bundle('schemas')).zod.length).toBeGreaterThan(0);
    const csv = await bundle('csv');
    expect(csv.node.length).toBeGreaterThan(0);
    expect(csv.csv.length).toBeGreaterThan(0);
    expect((await bundle('tallies')).node.length).toBeGreaterThan(0);
  });
});
