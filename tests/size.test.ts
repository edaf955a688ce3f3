/**
 * The library is bundled by apps, often for browsers: one import must stay small as an app gets
 * it, from the built package (issue 20). Builds the package's ES modules with the project's own
 * tsup config into a private folder (the files a bundler reads through the `import` condition of
 * package.json `exports`; the CommonJS files and the types, which no such bundle contains, are
 * left out, and the project's dist/ is not touched), puts it in an app's node_modules, and
 * bundles single imports of `internal-customer/...` there with esbuild as the app's bundler would
 * (ESM, minified, tree-shaken, platform neutral so that nothing resolves to a Node build). Fails
 * when a bundle grows past its limit, or when the built package tree-shakes worse than its source
 * (a module-level statement esbuild cannot prove pure, such as `new Set(list)` or a table of
 * fractions, stays in a bundle when tsup puts its module in a chunk shared with the one imported;
 * from the source, the unused module is dropped whole). The maths subpaths must bundle for a
 * neutral platform at all: no `tty`, `fs` or other Node built-in reached through a dependency (as
 * `debug` once did through @stdlib). Sizes are gzip level 9 of the minified output; README's size
 * table shows them.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { build as buildWithTsup, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';
import { MATHS_MODULES } from './support/mathsModules.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let folder = '';
let app = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-size-'));
  const installed = join(folder, 'app', 'node_modules', 'internal-customer');
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(projectRoot, 'package.json'), join(installed, 'package.json'));
  // The library's config (the command line tool's is the other one, and no app bundles it).
  const library = ((Array.isArray(config) ? config : [config]) as Options[]).find(
    (options) => typeof options.entry === 'object' && 'index' in options.entry,
  )!;
  await buildWithTsup({
    ...library,
    format: ['esm'],
    dts: false,
    outDir: join(installed, 'dist'),
    silent: true,
    config: false,
  });
  app = join(folder, 'app');
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/**
 * Minified and gzipped bytes of a bundle of `code`, an ESM module of the app (imports of
 * `internal-customer/...` read the built package) or, with `from: 'source'`, of the project root.
 */
async function bundleSize(code: string, external: readonly string[] = [], from = app) {
  const result = await build({
    stdin: { contents: code, resolveDir: from, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    metafile: true,
    external: [...external],
    // The package's own dependencies (date-fns ...) resolve from the project's node_modules.
    nodePaths: [join(projectRoot, 'node_modules')],
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

/** One import each, with its limit in gzipped bytes, and the same import from the source. */
const LIMITS = [
  {
    name: 'enps (with its interval methods)',
    code: "export { enps } from 'internal-customer/satisfaction';",
    source: "export { enps } from './src/satisfaction/index.ts';",
    limit: 6 * KB,
    external: [],
  },
  {
    name: 'kaplanMeier',
    code: "export { kaplanMeier } from 'internal-customer/retention';",
    source: "export { kaplanMeier } from './src/retention/index.ts';",
    limit: 4 * KB,
    external: [],
  },
  {
    name: 'the schemas, without zod',
    code: "export * from 'internal-customer/schemas';",
    source: "export * from './src/schemas/index.ts';",
    limit: 10 * KB,
    external: ['zod', 'zod/*'],
  },
] as const;

describe('bundle sizes of the built package', () => {
  for (const { name, code, source, limit, external } of LIMITS) {
    it(`keeps ${name} within ${limit / KB} KB minified and gzipped`, async () => {
      const size = await bundleSize(code, external);
      expect(size.gzipped, `${name}: ${size.gzipped} bytes gzipped`).toBeLessThanOrEqual(limit);
      expect(new Set(size.imports)).toEqual(new Set(external.length > 0 ? ['zod'] : []));
      // The bundle was made from the built package, not from the source.
      expect(size.inputs.some((path) => path.includes('internal-customer/dist/'))).toBe(true);
      expect(size.inputs.filter((path) => path.includes('src/'))).toEqual([]);
    });

    it(`tree-shakes ${name} from the built package as well as from the source (within 3%)`, async () => {
      const built = await bundleSize(code, external);
      const fromSource = await bundleSize(source, external, projectRoot);
      expect(
        built.gzipped,
        `${name}: ${built.gzipped} bytes from the package, ${fromSource.gzipped} from the source`,
      ).toBeLessThanOrEqual(fromSource.gzipped * 1.03);
    });
  }

  for (const module of MATHS_MODULES) {
    it(`bundles internal-customer/${module} for a neutral platform with no Node built-in`, async () => {
      const size = await bundleSize(`export * from 'internal-customer/${module}';`);
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
    const whole = await bundleSize("export * from 'internal-customer/satisfaction';");
    expect(whole.gzipped).toBeGreaterThan(6 * KB);
  });
});
