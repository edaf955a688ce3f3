// Run as a child process by the scale benchmark: reads a responses file with the built library's
// csvEnpsTallies (dist/, so no TypeScript loader inflates the numbers) on one thread, and prints
// the tally count and the process's peak resident set (KiB).
import { csvEnpsTallies } from '../dist/csv.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: streamChild.mjs <responses.csv> [workers]');
const result = await csvEnpsTallies(path, {
  question: 'enps',
  groupBy: ['teamId'],
  workers: Number(process.argv[3] ?? 1),
});
console.log(JSON.stringify({ n: result.total.n, maxRssKiB: process.resourceUsage().maxRSS }));
