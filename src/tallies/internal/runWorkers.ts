import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PartResult, PartTask } from './splitRange.js';

/** This module's own file: `__filename` in the CommonJS build, `import.meta.url` in the ESM one. */
function ownFile(): string {
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

/**
 * The worker entry beside the built files (`dist/talliesWorker.js` or `.cjs`), or beside the
 * sources (`src/tallies/talliesWorker.ts`, run through tsx when the library runs from its sources).
 */
function workerFile(): string {
  const here = ownFile();
  const extension = extname(here);
  for (const folder of [dirname(here), join(dirname(here), '..')]) {
    const candidate = join(folder, `talliesWorker${extension}`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the worker entry talliesWorker${extension} was not found near ${here}`);
}

function startWorker(): Worker {
  const file = workerFile();
  const workerData = { internalCustomerTalliesWorker: true };
  if (extname(file) !== '.ts') return new Worker(file, { workerData });
  // From the TypeScript sources (tests, benchmarks): register tsx in the worker first.
  const tsxFolder = dirname(createRequire(file).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxFolder, 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** A worker thread and the part it is reading. */
interface Runner {
  readonly worker: Worker;
  /** Settles when the worker has loaded (rejects if it failed to). */
  readonly ready: Promise<void>;
  /** Gives the worker a part; settles with its result. One part at a time. */
  run(task: PartTask): Promise<PartResult>;
  /** Whether the worker failed or stopped (it is not used again). */
  broken: boolean;
}

function startRunner(): Runner {
  const worker = startWorker();
  let pending:
    | { resolve: (result: PartResult) => void; reject: (error: unknown) => void }
    | undefined;
  let loaded: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    loaded = { resolve, reject };
  });
  ready.catch(() => undefined); // reported through the pool's run()
  const runner: Runner = {
    worker,
    ready,
    broken: false,
    run: (task) =>
      new Promise<PartResult>((resolve, reject) => {
        pending = { resolve, reject };
        // Busy: it keeps the process alive until the part is read.
        worker.ref();
        worker.postMessage(task);
      }),
  };
  const fail = (error: unknown) => {
    runner.broken = true;
    loaded?.reject(error);
    const settle = pending;
    pending = undefined;
    settle?.reject(error);
  };
  worker.on(
    'message',
    (message: { ready?: boolean; ok?: boolean; result?: PartResult; message?: string }) => {
      if (message.ready === true) {
        loaded?.resolve();
        return;
      }
      const settle = pending;
      pending = undefined;
      if (message.ok === true) settle?.resolve(message.result!);
      else settle?.reject(new Error(message.message));
    },
  );
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a CSV worker stopped with code ${code}`)));
  return runner;
}

/**
 * Workers kept between calls, loaded and with their code compiled: a fresh worker loads in a few
 * milliseconds but runs its first part without optimised code. They are unref'd (they never keep
 * the process alive) and stop after {@link IDLE_MS} without work.
 */
const idle: Runner[] = [];
const IDLE_MS = 5000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function stopIdle(): void {
  idleTimer = undefined;
  for (const runner of idle.splice(0)) void runner.worker.terminate();
}

/** Worker threads for one call, taken from the kept ones or started. @internal */
export interface WorkerPool {
  /**
   * Reads the parts: this thread (`local`) from the first part on, and each worker once it has
   * loaded, take the next part as soon as they are free, so that a thread that starts late or
   * runs on a busy core reads fewer parts. A worker's result goes through `finish` (the rows it
   * left to read the full way) on this thread. Resolves with the results in the parts' order
   * once every part is read, or early with the results so far once one is `unsure` (the caller
   * then reads the file again); rejects when a part or a worker failed. Gives the workers back
   * (or stops those that may still be busy).
   */
  run(
    tasks: readonly PartTask[],
    local: (task: PartTask) => Promise<PartResult>,
    finish: (result: PartResult, task: PartTask) => PartResult,
  ): Promise<PartResult[]>;
  /** Gives the workers back unused. */
  release(): void;
}

/** Takes `count` worker threads. @internal */
export function startWorkers(count: number): WorkerPool {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = undefined;
  const runners = idle.splice(0, count);
  while (runners.length < count) runners.push(startRunner());
  /** Keeps the workers that are loaded, idle and sound; stops the others. */
  const release = (busy: ReadonlySet<Runner>) => {
    for (const runner of runners) {
      if (runner.broken || busy.has(runner)) void runner.worker.terminate();
      else {
        runner.worker.unref();
        idle.push(runner);
      }
    }
    if (idle.length > 0) {
      idleTimer = setTimeout(stopIdle, IDLE_MS);
      idleTimer.unref();
    }
  };
  return {
    release: () => release(new Set()),
    run: (tasks, local, finish) =>
      new Promise<PartResult[]>((resolve, reject) => {
        const results: PartResult[] = [];
        const busy = new Set<Runner>();
        let next = 0;
        let done = 0;
        let settled = false;
        const end = (error?: { error: unknown }) => {
          if (settled) return;
          settled = true;
          // A worker still reading a part is not kept (its result would reach the next call).
          release(busy);
          if (error === undefined) resolve(results.filter((result) => result !== undefined));
          else reject(error.error);
        };
        const take = async (read: (task: PartTask) => Promise<PartResult>, runner?: Runner) => {
          while (!settled && next < tasks.length) {
            const index = next++;
            try {
              if (runner !== undefined) busy.add(runner);
              const result = await read(tasks[index]!);
              if (runner !== undefined) busy.delete(runner);
              results[index] = result;
              done++;
              if (result.unsure || done === tasks.length) end();
            } catch (error) {
              end({ error });
            }
          }
        };
        if (tasks.length === 0) end();
        void take(local);
        for (const runner of runners) {
          runner.ready.then(
            () => take(async (task) => finish(await runner.run(task), task), runner),
            (error: unknown) => end({ error }),
          );
        }
      }),
  };
}
