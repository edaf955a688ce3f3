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
  /**
   * Reads the parts: each worker, and `local` (this thread) when given, takes the next part as
   * soon as it is free, so that a thread that starts late or runs slowly (a busy core) reads fewer
   * parts. Resolves with the results in the parts' order, once every thread is done; rejects when
   * any part failed. Stops early (resolving with the results so far) once a result is `unsure`,
   * since the caller then reads the file again.
   */
  run(
    tasks: readonly PartTask[],
    local?: (task: PartTask) => Promise<PartResult>,
  ): Promise<PartResult[]>;
  /** Stops every worker. */
  stop(): void;
}

/** One worker's replies: settles the part it was given. */
function workerRunner(worker: Worker): (task: PartTask) => Promise<PartResult> {
  let pending:
    | { resolve: (result: PartResult) => void; reject: (error: unknown) => void }
    | undefined;
  const fail = (error: unknown) => {
    const settle = pending;
    pending = undefined;
    settle?.reject(error);
  };
  worker.on('message', (message: { ok: boolean; result?: PartResult; message?: string }) => {
    const settle = pending;
    pending = undefined;
    if (message.ok) settle?.resolve(message.result!);
    else settle?.reject(new Error(message.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a CSV worker stopped with code ${code}`)));
  return (task) =>
    new Promise<PartResult>((resolve, reject) => {
      pending = { resolve, reject };
      worker.postMessage(task);
    });
}

/** Starts `count` worker threads. @internal */
export function startWorkers(count: number): WorkerPool {
  const workers = Array.from({ length: count }, startWorker);
  const runners = workers.map(workerRunner);
  const stop = () => {
    for (const worker of workers) void worker.terminate();
  };
  return {
    stop,
    run: async (tasks, local) => {
      const results: PartResult[] = [];
      let next = 0;
      let failure: { error: unknown } | undefined;
      let unsure = false;
      const loop = async (runOne: (task: PartTask) => Promise<PartResult>) => {
        while (failure === undefined && !unsure && next < tasks.length) {
          const index = next++;
          try {
            const result = await runOne(tasks[index]!);
            results[index] = result;
            if (result.unsure) unsure = true;
          } catch (error) {
            failure ??= { error };
          }
        }
      };
      try {
        await Promise.all([...runners.map(loop), ...(local === undefined ? [] : [loop(local)])]);
      } finally {
        stop();
      }
      if (failure !== undefined) throw failure.error;
      return results.filter((result) => result !== undefined);
    },
  };
}
