// The worker entry of the parallel eNPS file reader, `csvEnpsTallies` (a build entry of its own,
// not a public subpath): says when it is ready, then reads each part of a file it is given with the first stage
// (`splitPart`, which needs neither the schemas nor the date libraries, so the worker loads in a
// few milliseconds) and posts back the counts and the few rows left to read the full way, which
// the calling thread reads. A part with many such rows (quoted fields everywhere ...) is read to
// the end here, loading the second stage on first need. Node only.
import { parentPort, workerData } from 'node:worker_threads';
import { type PartResult, type PartTask, splitPart } from './internal/splitRange.js';

/** Rows left to read the full way that a part sends back; with more it reads them itself. */
const ROWS_TO_SEND = 2000;

async function read(task: PartTask): Promise<PartResult> {
  const result = await splitPart(task);
  if (result.entries.length <= ROWS_TO_SEND) return result;
  const { finishPart } = await import('./internal/enpsParts.js');
  return finishPart(result, task);
}

const port = parentPort;
if (
  port !== null &&
  (workerData as { internalCustomerTalliesWorker?: boolean } | null)
    ?.internalCustomerTalliesWorker === true
) {
  port.on('message', (task: PartTask) => {
    read(task).then(
      (result) => port.postMessage({ ok: true, result }),
      (error: unknown) => port.postMessage({ ok: false, message: String(error) }),
    );
  });
  port.postMessage({ ready: true });
}
