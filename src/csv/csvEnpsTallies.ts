// The deprecated home of `csvEnpsTallies` and its types, which moved to `internal-customer/tallies`
// (issue 17). A thin file on its own: nothing else in `csv` imports it and nothing in `tallies`
// imports it back (tallies builds on `createRowStage.ts` and `readCsv.ts`), so the files keep
// no import circle; `src/tallies/imports.test.ts` checks it.
import * as tallies from '../tallies/index.js';

/**
 * eNPS tallies per group of a survey-responses CSV file: see `csvEnpsTallies` of
 * `internal-customer/tallies`, which this is.
 *
 * @deprecated Import `csvEnpsTallies` from `internal-customer/tallies`; this re-export from
 * `internal-customer/csv` will be removed in the next minor version.
 */
export const csvEnpsTallies: typeof tallies.csvEnpsTallies = tallies.csvEnpsTallies;

/** @deprecated Import `EnpsTalliesOptions` from `internal-customer/tallies`. */
export type EnpsTalliesOptions = tallies.EnpsTalliesOptions;
/** @deprecated Import `EnpsTalliesResult` from `internal-customer/tallies`. */
export type EnpsTalliesResult = tallies.EnpsTalliesResult;
/** @deprecated Import `EnpsGroupTally` from `internal-customer/tallies`. */
export type EnpsGroupTally = tallies.EnpsGroupTally;
/** @deprecated Import `EnpsPeriod` from `internal-customer/tallies`. */
export type EnpsPeriod = tallies.EnpsPeriod;
