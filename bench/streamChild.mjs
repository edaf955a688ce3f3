// Run as a child process by the scale benchmark: reads a responses file with the built library's
// csvEnpsTallies (dist/, so no TypeScript loader inflates the numbers) with the given number of
// threads (default 1), and prints the tally count, the call's time (ms, a first call: worker
// threads start cold) and the process's peak resident set (KiB).
//
// The peak is VmHWM from /proc/self/status where there is one (Linux): getrusage's maxRSS
// (process.resourceUsage().maxRSS) keeps the parent's resident set at the fork across exec, so a
// child of a benchmark holding 300 MiB reports at least 300 MiB however little it uses.
import { readFileSync } from 'node:fs';
import { csvEnpsTallies } from '../dist/tallies.js';

/** The peak resident set of this process (KiB). */
function peakKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match !== null) return Number(match[1]);
  } catch {
    // Not Linux: getrusage's value.
  }
  return process.resourceUsage().maxRSS;
}

const path = process.argv[2];
if (path === undefined) throw new Error('usage: streamChild.mjs <responses.csv> [workers]');
const start = performance.now();
const result = await csvEnpsTallies(path, {
  question: 'enps',
  groupBy: ['teamId'],
  workers: Number(process.argv[3] ?? 1),
});
const ms = performance.now() - start;
console.log(JSON.stringify({ n: result.total.n, ms, maxRssKiB: peakKiB() }));
