import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PartResult, PartTask } from './enpsParts.js';

/** This module's own file: `__filename` in the CommonJS build, `import.meta.url` in the ESM one. */
function ownFile(): string {
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

/**
 * The worker entry beside the built files (`dist/csvWorker.js` or `.cjs`), or beside the sources
 * (`src/csv/csvWorker.ts`, run through tsx when the library runs from its sources).
 */
function workerFile(): string {
  const here = ownFile();
  const extension = extname(here);
  for (const folder of [dirname(here), join(dirname(here), '..')]) {
    const candidate = join(folder, `csvWorker${extension}`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the CSV worker entry csvWorker${extension} was not found near ${here}`);
}

/**
 * A larger young generation than V8's default: a worker allocates short-lived rows at a high rate,
 * and fewer of them then outlive a collection (which measured about 40% of the CPU time).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

function startWorker(): Worker {
  const file = workerFile();
  const workerData = { internalCustomerCsvWorker: true };
  const resourceLimits = RESOURCE_LIMITS;
  if (extname(file) !== '.ts') return new Worker(file, { workerData, resourceLimits });
  // From the TypeScript sources (tests, benchmarks): register tsx in the worker first.
  const tsxFolder = dirname(createRequire(file).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxFolder, 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

/** Worker threads started ahead of their work (they load while the parts are planned). @internal */
export interface WorkerPool {
  /** Gives each worker its part (as many parts as workers, or fewer); resolves with the results. */
  run(tasks: readonly PartTask[]): Promise<PartResult[]>;
  /** Stops every worker. */
  stop(): void;
}

/** Starts `count` worker threads. @internal */
export function startWorkers(count: number): WorkerPool {
  const workers = Array.from({ length: count }, startWorker);
  const stop = () => {
    for (const worker of workers) void worker.terminate();
  };
  return {
    stop,
    run: (tasks) =>
      Promise.all(
        tasks.map(
          (task, index) =>
            new Promise<PartResult>((resolve, reject) => {
              const worker = workers[index]!;
              let settled = false;
              worker.once(
                'message',
                (message: { ok: boolean; result?: PartResult; message?: string }) => {
                  settled = true;
                  if (message.ok) resolve(message.result!);
                  else reject(new Error(message.message));
                },
              );
              worker.once('error', (error) => {
                settled = true;
                reject(error);
              });
              worker.once('exit', (code) => {
                if (!settled) reject(new Error(`a CSV worker stopped with code ${code}`));
              });
              worker.postMessage(task);
            }),
        ),
      ).finally(stop),
  };
}
