import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The tallies module builds on csv's row stage while csv re-exports csvEnpsTallies (deprecated)
// from tallies: these checks read the import statements of src/ and prove that the files keep no
// runtime import circle and that csv depends on nothing above schemas but that one thin file.

const sourceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** A file's runtime imports of other files of src/ (`import type` and `export type` left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
  for (const match of text.matchAll(statement)) {
    if (match[1] !== undefined) continue;
    found.push(resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts')));
  }
  for (const match of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    found.push(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  }
  return found;
}

const files = sourceFiles(sourceRoot);
const graph = new Map(files.map((file) => [file, runtimeImports(file)]));
const name = (file: string) => relative(sourceRoot, file);
const moduleOf = (file: string) => name(file).split('/')[0]!;

/** The import circles among the files (one path per circle found), by depth-first search. */
function circles(): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).map(name));
      else if (state.get(next) === undefined && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (state.get(file) === undefined) visit(file);
  return found;
}

describe('the import graph of csv and tallies', () => {
  it('reads the imports it checks', () => {
    expect(graph.get(join(sourceRoot, 'csv', 'csvEnpsTallies.ts'))).toContain(
      join(sourceRoot, 'tallies', 'index.ts'),
    );
  });

  it('has no runtime import circle between files', () => {
    expect(circles()).toEqual([]);
  });

  it('lets csv import only core, schemas and internal, but for its deprecated re-export', () => {
    const outside = files
      .filter((file) => moduleOf(file) === 'csv' && name(file) !== 'csv/csvEnpsTallies.ts')
      .flatMap((file) => graph.get(file)!.map((target) => `${name(file)} -> ${name(target)}`))
      .filter((edge) => !/ -> (csv|core|schemas|internal)\//.test(edge));
    expect(outside).toEqual([]);
  });

  it('lets tallies reach csv only through its row stage, never through the re-export', () => {
    const intoCsv = files
      .filter((file) => moduleOf(file) === 'tallies')
      .flatMap((file) => graph.get(file)!.filter((target) => moduleOf(target) === 'csv'))
      .map(name);
    expect([...new Set(intoCsv)]).toEqual(['csv/createRowStage.ts']);
  });
});
