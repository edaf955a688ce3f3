// internal-customer/tallies: from a file to tallies per group, read, validated and counted in one
// streaming pass (worker threads for large files). Node only (it reads files with node:fs and
// starts worker threads); built on the row stage of internal-customer/csv.
export {
  csvEnpsTallies,
  type EnpsGroupTally,
  type EnpsTalliesOptions,
  type EnpsTalliesResult,
} from './csvEnpsTallies.js';
export type { EnpsPeriod } from './internal/groupCounts.js';
