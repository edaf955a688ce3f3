// The worker entry of the parallel CSV readers (a build entry of its own, not a public subpath):
// waits for a part of a file to read, reads and counts it, posts back its partial result, and
// waits for the next. Started before the parts are planned, so that loading overlaps the planning.
// Node only.
import { parentPort, workerData } from 'node:worker_threads';
import { type PartTask, runPart } from './internal/enpsParts.js';

const port = parentPort;
if (
  port !== null &&
  (workerData as { internalCustomerCsvWorker?: boolean } | null)?.internalCustomerCsvWorker === true
) {
  port.on('message', (task: PartTask) => {
    runPart(task).then(
      (result) => port.postMessage({ ok: true, result }),
      (error: unknown) => port.postMessage({ ok: false, message: String(error) }),
    );
  });
}
