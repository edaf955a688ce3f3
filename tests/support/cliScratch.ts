/**
 * What the command tests of `src/cli` share: a command line io that writes nowhere, and a
 * scratch folder of their own, removed after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';

/** An io whose output goes nowhere and whose standard input is empty. */
export const silentIo: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: (async function* () {})(),
  env: {},
};

/** A scratch folder under the system's temporary folder, removed after the file's tests. */
export function scratchFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `internal-customer-${name}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
