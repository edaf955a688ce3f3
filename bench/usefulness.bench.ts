/**
 * How much suppression hides, against the optimum (issue 14, usefulness): 1 000 random
 * organisations with at most 20 cells holding people, half of them crossed with a breakdown;
 * the optimum is the smallest hidden set the exact verifier accepts, found by enumeration
 * (tests/support/suppressionOptimum.ts). Measured once when the group loads (about a minute and
 * a half of enumeration); the timed rows compare suppressTable with the naive rule on the same
 * tables.
 */
import { suppressTable } from '../src/privacy/index.js';
import { naiveSuppression } from '../tests/support/privacy.js';
import { measureUsefulness, randomOrganisation } from '../tests/support/suppressionOptimum.js';
import type { BenchCase } from './harness.js';

const ORGANISATIONS = 1000;
const GOAL = 1.2;

const usefulness = measureUsefulness(ORGANISATIONS, (table) => suppressTable(table));
const tables = Array.from(
  { length: ORGANISATIONS },
  (_, i) => randomOrganisation(i + 1, (i + 1) % 2 === 0).table,
);
const ratio = (value: number) => `${value.toFixed(3)}x`;
console.log(
  `usefulness: ${usefulness.compared} of ${usefulness.organisations} organisations hide someone; mean hidden / optimum: cells ${ratio(usefulness.cellRatio)} (worst ${ratio(usefulness.worstCellRatio)}), respondents ${ratio(usefulness.respondentRatio)} (worst ${ratio(usefulness.worstRespondentRatio)}); company total hidden as a complement: ${usefulness.totalAsComplement.length} (necessary in ${usefulness.totalNecessary.length}); rejected by the verifier: ${usefulness.rejected.length}; verifier calls of the optimum search: ${usefulness.checks}`,
);

export const usefulnessCases: BenchCase[] = [
  {
    name: 'suppressTable, hidden against the optimum (fewest hidden cells the verifier accepts, by enumeration)',
    size: `${ORGANISATIONS.toLocaleString('en')} organisations, <= 20 cells holding people, half with a breakdown`,
    goal: `mean cells and respondents hidden <= ${GOAL}x optimum; company total a complement only where every accepted set hides it`,
    measured: `mean hidden / optimum: cells ${ratio(usefulness.cellRatio)}, respondents ${ratio(usefulness.respondentRatio)}; company total hidden as a complement in ${usefulness.totalAsComplement.length} (every accepted set hides it in ${usefulness.totalNecessary.length})`,
    run: () => {
      for (const table of tables) suppressTable(table);
    },
    baselineName: 'naive next-smallest-sibling rule (leaks)',
    baseline: () => {
      for (const table of tables) naiveSuppression(table);
    },
    meets: () =>
      usefulness.cellRatio <= GOAL &&
      usefulness.respondentRatio <= GOAL &&
      usefulness.totalAsComplement.length === usefulness.totalNecessary.length &&
      usefulness.rejected.length === 0,
    iterations: 3,
  },
];
