#!/usr/bin/env node
// The `internal-customer` command (ESM only; package.json "bin"). See `internal-customer --help`.
import { exitQuietlyOnClosedPipe, processIo } from './io.js';
import { runCli } from './program.js';

exitQuietlyOnClosedPipe(
  process.stdout,
  (code) => process.exit(code),
  (text) => process.stderr.write(text),
);

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal-customer: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
