/**
 * The library is bundled by apps, often for browsers: one import must stay small. Bundles single
 * imports of the source with esbuild as an app's bundler would (ESM, minified, tree-shaken,
 * platform neutral so that nothing resolves to a Node build) and fails when a bundle grows past
 * its limit (issue 20). The maths subpaths must bundle for a neutral platform at all: no `tty`,
 * `fs` or other Node built-in reached through a dependency (as `debug` once did through @stdlib).
 * Sizes are gzip level 9 of the minified output; README's size table shows them.
 */
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { MATHS_MODULES } from './support/mathsModules.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Minified and gzipped bytes of a bundle of `code` (an ESM module in the project root). */
async function bundleSize(code: string, external: string[] = []) {
  const result = await build({
    stdin: { contents: code, resolveDir: projectRoot, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]!.contents;
  const imports = Object.values(result.metafile.outputs).flatMap((item) =>
    item.imports.map((entry) => entry.path),
  );
  const inputs = Object.keys(result.metafile.inputs);
  return {
    minified: output.length,
    gzipped: gzipSync(output, { level: 9 }).length,
    imports,
    inputs,
  };
}

const KB = 1024;

/** One import each, with its limit in gzipped bytes. */
const LIMITS = [
  {
    name: 'enps (with its interval methods)',
    code: "export { enps } from './src/satisfaction/index.ts';",
    limit: 6 * KB,
  },
  {
    name: 'kaplanMeier',
    code: "export { kaplanMeier } from './src/retention/index.ts';",
    limit: 4 * KB,
  },
  {
    name: 'the schemas, without zod',
    code: "export * from './src/schemas/index.ts';",
    limit: 10 * KB,
    external: ['zod', 'zod/*'],
  },
] as const;

describe('bundle sizes', () => {
  for (const { name, code, limit, ...rest } of LIMITS) {
    it(`keeps ${name} within ${limit / KB} KB minified and gzipped`, async () => {
      const size = await bundleSize(code, 'external' in rest ? [...rest.external] : []);
      expect(size.gzipped, `${name}: ${size.gzipped} bytes gzipped`).toBeLessThanOrEqual(limit);
      expect(new Set(size.imports)).toEqual(new Set('external' in rest ? ['zod'] : []));
    });
  }

  for (const module of MATHS_MODULES) {
    it(`bundles ${module} for a neutral platform with no Node built-in`, async () => {
      const size = await bundleSize(`export * from './src/${module}/index.ts';`);
      const builtins = size.imports.filter(
        (path) => path.startsWith('node:') || builtinModules.includes(path),
      );
      expect(builtins).toEqual([]);
      expect(size.imports).toEqual([]);
      expect(size.inputs.filter((path) => /node_modules\/(debug|@stdlib)\//.test(path))).toEqual(
        [],
      );
    });
  }

  it('notices growth: a bundle that adds a dependency weighs more than its limit allows', async () => {
    // Positive control: the whole satisfaction module is far past the limit of enps alone.
    const whole = await bundleSize("export * from './src/satisfaction/index.ts';");
    expect(whole.gzipped).toBeGreaterThan(6 * KB);
  });
});
