// Run as a child process by the scale benchmark: reads a responses file with the built library's
// csvEnpsTallies (dist/, so no TypeScript loader inflates the numbers) with the given number of
// threads (default 1), and prints the tally count, the call's time (ms, a first call: worker
// threads start cold) and the process's peak resident set (KiB).
import { csvEnpsTallies } from '../dist/csv.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: streamChild.mjs <responses.csv> [workers]');
const start = performance.now();
const result = await csvEnpsTallies(path, {
  question: 'enps',
  groupBy: ['teamId'],
  workers: Number(process.argv[3] ?? 1),
});
const ms = performance.now() - start;
console.log(JSON.stringify({ n: result.total.n, ms, maxRssKiB: process.resourceUsage().maxRSS }));
