/**
 * The examples are written to be copied into an app: every import in examples/ is a published
 * entry point of the package (`internal-customer` or a subpath in package.json "exports"), a
 * Node built-in (`node:`), a package the example's header tells you to install (zod, the peer
 * dependency; @duckdb/node-api for the warehouse example), or a file inside examples/. Static, so
 * it runs in the default test run; `npm run test:examples` runs the scripts themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};
const entryPoints = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
/** Packages an example may need besides this one, each named in that example's header. */
const OTHER_PACKAGES = [...Object.keys(manifest.peerDependencies), '@duckdb/node-api'];

const files = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(examples, name))
  .sort();

/** Every module specifier of static imports, re-exports and dynamic `import('...')`. */
function specifiers(source: string): string[] {
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** Why a specifier is not allowed in an example, or undefined when it is. */
function problem(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    return relative(examples, target).startsWith('..') ? 'reaches outside examples/' : undefined;
  }
  if (entryPoints.includes(specifier)) return undefined;
  if (specifier === 'internal-customer/package.json') return undefined;
  if (OTHER_PACKAGES.includes(specifier)) return undefined;
  return 'is not a published entry point of internal-customer';
}

describe('the examples', () => {
  it('are found, with their shared helpers in examples/lib', () => {
    expect(files.map((file) => relative(examples, file))).toEqual(
      expect.arrayContaining(['demo.ts', join('lib', 'dataset.ts')]),
    );
  });

  it('import only published entry points, Node built-ins, named packages and each other', () => {
    const problems = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = problem(file, specifier);
        return why === undefined ? [] : [`${relative(root, file)}: '${specifier}' ${why}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('catches an import of private code (the check itself)', () => {
    const file = join(examples, 'x.ts');
    expect(specifiers("import { a } from '../src/internal/x.js';\nimport 'zod';")).toEqual([
      '../src/internal/x.js',
      'zod',
    ]);
    expect(problem(file, '../src/internal/x.js')).toBe('reaches outside examples/');
    expect(problem(file, 'internal-customer/internal')).toMatch(/not a published entry point/);
    expect(problem(file, 'internal-customer/retention')).toBeUndefined();
  });
});
