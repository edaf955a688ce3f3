// internal-customer/retention: headcount, turnover and retention rates, tenure survival
// (Kaplan-Meier, log-rank) and hire cohorts. Runs anywhere: no zod, no node: imports.
export {
  type AnnualisedTurnover,
  annualiseTurnover,
} from './annualiseTurnover.js';
export {
  type AnnualTurnoverFromMonthlyResult,
  annualTurnoverFromMonthly,
} from './annualTurnoverFromMonthly.js';
export {
  type AverageHeadcountOptions,
  type AverageHeadcountResult,
  averageHeadcount,
  type HeadcountMethod,
  type HeadcountSnapshot,
} from './averageHeadcount.js';
export {
  type CoxBaselineHazard,
  type CoxConcordance,
  type CoxModelOptions,
  type CoxModelResult,
  type CoxSeparation,
  type CoxTerm,
  type CoxTest,
  type CoxTies,
  fitCoxModel,
} from './cox/fitCoxModel.js';
export {
  type CoxRiskFactor,
  type CoxRiskPrediction,
  type PredictCoxRiskOptions,
  predictCoxRisk,
} from './cox/predictCoxRisk.js';
export {
  type ProportionalHazardsTerm,
  type ProportionalHazardsTestOptions,
  type ProportionalHazardsTestResult,
  type ProportionalHazardsTransform,
  proportionalHazardsTest,
} from './cox/proportionalHazardsTest.js';
export {
  type CumulativeIncidenceCurve,
  type CumulativeIncidenceOptions,
  type CumulativeIncidenceResult,
  cumulativeIncidence,
  type StateProbability,
} from './cumulativeIncidence.js';
export {
  type FirstYearAttritionOptions,
  type FirstYearAttritionResult,
  type FirstYearCohort,
  firstYearAttrition,
} from './firstYearAttrition.js';
export {
  type GrayCurve,
  type GrayTestKind,
  type GrayTestOptions,
  type GrayTestResult,
  grayTest,
} from './grayTest.js';
export { type HeadcountOnResult, headcountOn } from './headcountOn.js';
export {
  type HireCohortCell,
  type HireCohortRow,
  type HireCohortsOptions,
  type HireCohortsResult,
  hireCohorts,
} from './hireCohorts.js';
export type { CohortUnit } from './internal/cohorts.js';
export {
  type ConfidenceType,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeier,
} from './kaplanMeier.js';
export { type KmQuantileResult, kmMedian, kmQuantile } from './kmQuantile.js';
export { type LogRankGroup, type LogRankOptions, type LogRankResult, logRank } from './logRank.js';
export * from './model/index.js';
export {
  type PersonPeriodAxis,
  type PersonPeriodInput,
  type PersonPeriodRows,
  type PersonPeriodsOptions,
  type PersonPeriodsResult,
  personPeriods,
} from './personPeriods.js';
export {
  type FirstYearAttritionValue,
  type PublishedFirstYearAttrition,
  type PublishedFirstYearCohort,
  type PublishFirstYearAttritionOptions,
  publishFirstYearAttrition,
} from './publishFirstYearAttrition.js';
export {
  type HireCohortRetention,
  type PublishedHireCohortCell,
  type PublishedHireCohortRow,
  type PublishedHireCohorts,
  type PublishHireCohortsOptions,
  publishHireCohorts,
} from './publishHireCohorts.js';
export {
  type RetentionAssignment,
  type RetentionLeave,
  type RetentionPeopleInput,
  type RetentionPerson,
  type RetentionSpell,
  retentionPeople,
} from './retentionPeople.js';
export {
  type RetentionRateOptions,
  type RetentionRateResult,
  retentionRate,
} from './retentionRate.js';
export * from './signals/index.js';
export { type SurvivalAtResult, survivalAt } from './survivalAt.js';
export {
  kaplanMeierFromSurvivalCounts,
  mergeSurvivalCounts,
  type SurvivalCounts,
  type SurvivalCountsCurveOptions,
  survivalCounts,
} from './survivalCounts.js';
export {
  type ExitCounts,
  type ExitIncidence,
  type TenureIncidenceOptions,
  type TenureIncidenceResult,
  tenureIncidence,
} from './tenureIncidence.js';
export {
  type TenureStratum,
  type TenureStratumCurve,
  type TenureSurvivalOptions,
  type TenureSurvivalResult,
  type TenureUnit,
  tenureSurvival,
} from './tenureSurvival.js';
export {
  type SeparationCounts,
  type TurnoverEstimates,
  type TurnoverOptions,
  type TurnoverRates,
  type TurnoverResult,
  turnover,
} from './turnover.js';
export {
  type MonthlyTurnover,
  type TurnoverByMonthOptions,
  type TurnoverByMonthResult,
  turnoverByMonth,
} from './turnoverByMonth.js';
export {
  type TeamTurnover,
  type TeamTurnoverTotal,
  type TransferTreatment,
  type TurnoverByTeamOptions,
  type TurnoverByTeamResult,
  turnoverByTeam,
} from './turnoverByTeam.js';
export {
  mergeTurnoverCounts,
  type TurnoverCounts,
  type TurnoverCountsOptions,
  turnoverCounts,
  turnoverFromCounts,
} from './turnoverCounts.js';
