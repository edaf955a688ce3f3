/**
 * The modules that run in browsers and edge runtimes (DESIGN.md: no zod at run time, no `node:`),
 * as they land: tests/bundle.test.ts and tests/size.test.ts bundle each of them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const MATHS_MODULES = [
  'core',
  'privacy',
  'satisfaction',
  'retention',
  'service',
  'organisation',
  'report',
].filter((name) => existsSync(join(projectRoot, 'src', name, 'index.ts')));
