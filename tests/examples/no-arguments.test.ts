/**
 * Every script in examples/ runs with no arguments, as a newcomer first tries it
 * (`npx tsx examples/<name>.ts`): exit code 0, something printed, nothing on standard error. The
 * scripts import the package by its published name, so this runs them against the built dist/
 * (`npm run test:examples` builds first).
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const scripts = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.ts'))
  .sort();

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
const runs = new Map<string, Run>();

async function run(name: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [tsx, join('examples', name)],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// Two at a time: the machine has two cores.
beforeAll(async () => {
  const queue = [...scripts];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      runs.set(name, await run(name));
    }
  };
  await Promise.all([worker(), worker()]);
}, 900_000);

describe('every example with no arguments', () => {
  it('finds the scripts', () => {
    expect(scripts).toContain('demo.ts');
    expect(scripts.length).toBeGreaterThanOrEqual(10);
  });

  it.each(scripts)('%s exits 0, prints its result and nothing on standard error', (name) => {
    const result = runs.get(name)!;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(100);
  });
});
