/**
 * The README's "Ten lines" example runs as written (against src/) and prints what its comments say.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the ts block under a README heading and checks it prints what its comments say. */
function runBlock(heading: string, name: string): void {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const block = new RegExp(`${heading}\\s+\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
  expect(block, `the README has a "${heading}" ts block`).toBeDefined();
  const code = (block ?? '').replaceAll("from 'internal-customer'", "from '../../src/index.js'");
  const expected = [...code.matchAll(/console\.log\(.*\); *\/\/ (.*)$/gm)].map((match) =>
    match[1]?.trim(),
  );
  expect(expected.length).toBeGreaterThan(0);
  mkdirSync(join(projectRoot, '.tmp', 'readme'), { recursive: true });
  // One file per process: two test runs at once do not overwrite each other's.
  const file = join(projectRoot, '.tmp', 'readme', `${name}-${process.pid}.ts`);
  writeFileSync(file, code);
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--import', 'tsx', file], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
  } finally {
    rmSync(file, { force: true });
  }
  expect(output.trim().split('\n')).toEqual(expected);
}

describe('README', () => {
  it('runs the ten-line example and prints what its comments say', () => {
    runBlock('## Ten lines', 'ten-lines');
  });

  it('runs the refused-filter example of the release ledger and prints what its comments say', () => {
    runBlock('### A refused filter', 'refused-filter');
  });

  it('runs the competing-exits example of "Which survival tool when" and prints what its comments say', () => {
    runBlock(
      '### Which survival tool when[\\s\\S]*?counts, at each quit, only those still employed as able to quit:',
      'competing-exits',
    );
  });

  it('lists every subpath of package.json in its modules table, and no other', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const table = /## Modules\s+([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const listed = [...table.matchAll(/^\| `(internal-customer[^`]*)`/gm)].map((match) => match[1]);
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const subpaths = Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'internal-customer' : `internal-customer/${key.slice(2)}`));
    expect([...listed].sort()).toEqual([...subpaths].sort());
  });
});
