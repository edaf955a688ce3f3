/**
 * Proves the package works as published, not only from src/: builds it (into a private copy, not
 * the project's dist/), packs it with `npm pack`,
 * installs the tarball into a fresh consumer project, and there `require`s and `import`s every
 * subpath, type-checks a TypeScript consumer under node16 resolution (ESM and CJS), and bundles the
 * portable subpaths from the installed package to check they carry no zod and no `node:` import.
 * The consumer installs as `npm install internal-customer zod` without optional and peer
 * dependencies would, and the install must stay lean (issue 20): at most 25 packages and 30 MB.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { build as buildWithTsup, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};
const subpaths = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'internal-customer' : `internal-customer/${key.slice(2)}`));

let consumer = '';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let staging = '';

/**
 * Builds the package with the project's own tsup config into a private copy (package.json,
 * README, licence, the mapping files' JSON Schema and dist/), never into the project's dist/: two test runs at once, or the
 * examples reading dist/, are not disturbed by a build in progress.
 */
async function buildStaging(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'internal-customer-package-'));
  mkdirSync(join(folder, 'docs'));
  for (const file of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'docs/mapping.schema.json',
  ]) {
    if (existsSync(join(projectRoot, file)))
      copyFileSync(join(projectRoot, file), join(folder, file));
  }
  for (const options of (Array.isArray(config) ? config : [config]) as Options[]) {
    await buildWithTsup({ ...options, outDir: join(folder, 'dist'), silent: true, config: false });
  }
  return folder;
}

beforeAll(async () => {
  staging = await buildStaging();
  consumer = mkdtempSync(join(tmpdir(), 'internal-customer-consumer-'));
  const packed = JSON.parse(
    run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', consumer], staging),
  ) as {
    filename: string;
  }[];
  const tarball = join(consumer, packed[0]!.filename);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-package-lock',
      '--omit=optional',
      '--omit=peer',
      tarball,
      `zod@${manifest.peerDependencies.zod}`,
    ],
    consumer,
  );
  // A build of every entry plus an npm install: about a minute when the machine is quiet, over
  // four under heavy load. The limit only stops a hung install; it is far from the running time.
}, 1_200_000);

/** The packages installed under a node_modules folder, nested ones included. */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of names) {
      const folder = join(modules, name);
      if (!existsSync(join(folder, 'package.json'))) continue;
      found.push(name, ...installedPackages(join(folder, 'node_modules')));
    }
  }
  return found;
}

afterAll(() => {
  if (consumer !== '') rmSync(consumer, { recursive: true, force: true });
  if (staging !== '') rmSync(staging, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('installs with zod in at most 25 packages and 30 MB (apparent size), optional and peer dependencies left out', () => {
    const modules = join(consumer, 'node_modules');
    const packages = installedPackages(modules);
    expect(packages).toContain('internal-customer');
    expect(packages).toContain('zod');
    expect(packages.length, packages.join(', ')).toBeLessThanOrEqual(25);
    // du --apparent-size: the bytes of the files, as the issue measures them (GNU du, as on CI).
    const bytes = Number(
      run('du', ['-s', '--apparent-size', '--block-size=1', modules], consumer).split('\t')[0],
    );
    expect(bytes, `${(bytes / 1e6).toFixed(1)} MB`).toBeLessThanOrEqual(30_000_000);
  });

  it("ships only dist, the mapping files' JSON Schema, the readme, the licence and the manifest", () => {
    const files = JSON.parse(
      run('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], staging),
    ) as {
      files: { path: string }[];
    }[];
    const paths = files[0]!.files.map((file) => file.path);
    expect(
      paths.every((path) =>
        /^(dist\/|docs\/mapping\.schema\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)/.test(
          path,
        ),
      ),
    ).toBe(true);
    expect(paths).toContain('dist/index.d.cts');
    expect(paths).toContain('docs/mapping.schema.json');
  });

  it('loads every subpath with require (CJS)', () => {
    const script = subpaths
      .map(
        (path) =>
          `console.log(${JSON.stringify(path)}, Object.keys(require(${JSON.stringify(path)})).length);`,
      )
      .join('\n');
    writeFileSync(join(consumer, 'load.cjs'), script);
    const lines = run('node', ['load.cjs'], consumer).trim().split('\n');
    expect(lines).toHaveLength(subpaths.length);
    for (const line of lines) expect(Number(line.split(' ')[1])).toBeGreaterThan(0);
  });

  it('loads every subpath with import (ESM)', () => {
    const script = subpaths
      .map(
        (path) =>
          `console.log(${JSON.stringify(path)}, Object.keys(await import(${JSON.stringify(path)})).length);`,
      )
      .join('\n');
    writeFileSync(join(consumer, 'load.mjs'), script);
    const lines = run('node', ['load.mjs'], consumer).trim().split('\n');
    expect(lines).toHaveLength(subpaths.length);
    for (const line of lines) expect(Number(line.split(' ')[1])).toBeGreaterThan(0);
  });

  it('shares one error class between the CJS subpaths and recognises errors across ESM and CJS', () => {
    writeFileSync(
      join(consumer, 'errors.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { isInternalCustomerError } from 'internal-customer';",
        'const require = createRequire(import.meta.url);',
        "const cjsCore = require('internal-customer/core');",
        "const cjsRoot = require('internal-customer');",
        "let thrown; try { cjsCore.parseCalendarDay('2023-02-29'); } catch (error) { thrown = error; }",
        'console.log(isInternalCustomerError(thrown, "INVALID_DATE"), thrown instanceof cjsRoot.InternalCustomerError);',
      ].join('\n'),
    );
    expect(run('node', ['errors.mjs'], consumer).trim()).toBe('true true');
  });

  it('type-checks a TypeScript consumer under node16 resolution, as ESM and as CJS', () => {
    const body = [
      "import { validateDataset, type Employee, type Dataset, EmployeeSchema } from 'internal-customer/schemas';",
      "import { periodFromInclusive, type Period, isInternalCustomerError } from 'internal-customer/core';",
      "import { parseRecords } from 'internal-customer';",
      "const employee: Employee = { id: 'e1', name: 'Ada', workerType: 'employee', shareBirthday: false, attributes: {}, protectedAttributes: {} };",
      'const range: Period = periodFromInclusive("2025-01-01", "2025-12-31");',
      'const result = validateDataset({ employees: [employee] });',
      'const dataset: Dataset = result.dataset;',
      'const parsed = parseRecords(EmployeeSchema, [employee]);',
      'const id: string | undefined = parsed.records[0]?.id;',
      '// @ts-expect-error workerType is a closed union',
      "const wrong: Employee['workerType'] = 'intern';",
      'export const used = [range, dataset, id, wrong, isInternalCustomerError];',
    ].join('\n');
    mkdirSync(join(consumer, 'ts'), { recursive: true });
    writeFileSync(join(consumer, 'ts', 'esm.mts'), body);
    writeFileSync(join(consumer, 'ts', 'cjs.cts'), body);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          noEmit: true,
          target: 'es2022',
          types: [],
        },
        include: ['ts'],
      }),
    );
    const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      run('node', [tsc, '-p', 'tsconfig.json'], consumer);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('bundles the portable subpaths of the installed package with no zod and no node: import', async () => {
    for (const path of [
      'internal-customer/core',
      'internal-customer/privacy',
      'internal-customer/satisfaction',
      'internal-customer/retention',
      'internal-customer/service',
      'internal-customer/organisation',
      'internal-customer/report',
    ]) {
      const entry = join(consumer, 'entry.mjs');
      writeFileSync(entry, `export * from ${JSON.stringify(path)};`);
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        platform: 'browser',
        metafile: true,
        external: ['node:*'],
        logLevel: 'silent',
        absWorkingDir: consumer,
      });
      const inputs = Object.keys(result.metafile.inputs);
      const imports = Object.values(result.metafile.outputs).flatMap((output) =>
        output.imports.map((item) => item.path),
      );
      expect(
        inputs.filter((input) => input.includes('node_modules/zod/')),
        path,
      ).toEqual([]);
      expect(
        imports.filter((item) => item.startsWith('node:')),
        path,
      ).toEqual([]);
      expect(
        inputs.some((input) => input.includes('node_modules/internal-customer/dist/')),
        path,
      ).toBe(true);
    }
  });
  it('splits a large CSV file among worker threads from the built package, as ESM and as CJS', () => {
    const rows = ['id,surveyId,teamId,submittedAt,answers.enps,comments'];
    for (let i = 0; i < 12_000; i++) {
      const comment = i % 50 === 0 ? '"[{""text"":""a, b""},\n{""text"":""c""}]"' : '';
      rows.push(`r${i},s1,t${i % 7},2025-03-01T10:00:00Z,${i % 11},${comment}`);
    }
    writeFileSync(join(consumer, 'responses.csv'), `${rows.join('\n')}\n`);
    const body = (load: string) =>
      [
        load,
        "const options = { question: 'enps', groupBy: ['teamId'] };",
        "const one = await csvEnpsTallies('responses.csv', { ...options, workers: 1 });",
        // A worker thread that failed to load would fall back to one thread unseen: count the
        // process's threads (Linux), which the kept worker adds to.
        "const threads = () => { try { return fs.readdirSync('/proc/self/task').length; } catch { return 0; } };",
        'const before = threads();',
        "const two = await csvEnpsTallies('responses.csv', { ...options, workers: 2 });",
        'console.log(one.total.n, JSON.stringify(one) === JSON.stringify(two), threads() > before);',
      ].join('\n');
    writeFileSync(
      join(consumer, 'workers.mjs'),
      body(
        "import { csvEnpsTallies } from 'internal-customer/tallies';\nimport * as fs from 'node:fs';",
      ),
    );
    writeFileSync(
      join(consumer, 'workers.cjs'),
      `(async () => {\n${body("const { csvEnpsTallies } = require('internal-customer/tallies');\nconst fs = require('node:fs');")}\n})();`,
    );
    const expected = process.platform === 'linux' ? '12000 true true' : '12000 true false';
    expect(run('node', ['workers.mjs'], consumer).trim()).toBe(expected);
    expect(run('node', ['workers.cjs'], consumer).trim()).toBe(expected);
  });
  it('still exports csvEnpsTallies from internal-customer/csv (deprecated), the same function, as ESM and as CJS', () => {
    writeFileSync(
      join(consumer, 'deprecated.mjs'),
      [
        "import * as csv from 'internal-customer/csv';",
        "import * as tallies from 'internal-customer/tallies';",
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "const same = (a, b) => typeof a === 'function' && a === b;",
        "console.log(same(csv.csvEnpsTallies, tallies.csvEnpsTallies), same(require('internal-customer/csv').csvEnpsTallies, require('internal-customer/tallies').csvEnpsTallies));",
      ].join('\n'),
    );
    expect(run('node', ['deprecated.mjs'], consumer).trim()).toBe('true true');
  });
});
