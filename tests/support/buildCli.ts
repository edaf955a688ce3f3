/**
 * Builds the command line tool with the project's own tsup config (the ESM-only `cli` entry) into
 * a folder of its own, so that tests which spawn it never race the package test's build of dist/.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import config from '../../tsup.config.js';

/** Builds the CLI into `outDir` and returns the path of its `cli.js`. */
export async function buildCli(outDir: string): Promise<string> {
  const options = (Array.isArray(config) ? config : [config]) as Options[];
  const cliOptions = options.find((item) => Object.keys(item.entry ?? {}).includes('cli'));
  if (cliOptions === undefined) throw new Error('tsup.config.ts has no cli entry');
  rmSync(outDir, { recursive: true, force: true });
  await build({ ...cliOptions, outDir, silent: true, config: false });
  return join(outDir, 'cli.js');
}
