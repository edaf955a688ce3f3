export { benjaminiHochberg } from './benjaminiHochberg.js';
export {
  classifyEnps,
  DEFAULT_ENPS_CUTOFFS,
  type EnpsCategory,
  type EnpsCutoffs,
  resolveCutoffs,
} from './classifyEnps.js';
export {
  type CompareEnpsMethod,
  type CompareEnpsOptions,
  type CompareEnpsPairedOptions,
  compareEnps,
  compareEnpsPaired,
  type EnpsComparison,
  type PairedEnpsComparison,
} from './compareEnps.js';
export type { CorrelationTest } from './correlation.js';
export { type CronbachAlphaResult, cronbachAlpha } from './cronbachAlpha.js';
export {
  type DriverAnalysisOptions,
  type DriverAnalysisResult,
  type DriverMethod,
  type DriverResult,
  driverAnalysis,
} from './driverAnalysis.js';
export {
  type EngagementIndexOptions,
  type EngagementIndexResult,
  type EngagementItem,
  type EngagementMethod,
  type EngagementResponse,
  engagementIndex,
} from './engagementIndex.js';
export {
  type EngagementIndexByOptions,
  type EngagementIndexCell,
  engagementIndexBy,
} from './engagementIndexBy.js';
export { type EnpsIntervalMethod, type EnpsOptions, type EnpsResult, enps } from './enps.js';
export { type BreakdownResult, type EnpsByOptions, enpsBy } from './enpsBy.js';
export {
  ENPS_INTERVAL_METHODS,
  type EnpsIntervalMethodInfo,
  type UnseededEnpsIntervalMethod,
} from './enpsIntervals/registry.js';
export {
  type EnpsTally,
  type EnpsTallyOptions,
  emptyTally,
  enpsTally,
  enpsTallyBy,
  enpsTallyFromCounts,
  mergeTallies,
} from './enpsTally.js';
export { enpsTallyFromHistogram } from './enpsTallyFromHistogram.js';
export {
  answerGroups,
  type EnpsTrendOptions,
  type EnpsTrendPoint,
  type EnpsTrendResult,
  enpsTrend,
  type TrendAnswer,
} from './enpsTrend.js';
export {
  defaultFavourabilityMap,
  type FavourabilityOptions,
  type FavourabilityResult,
  favourability,
} from './favourability.js';
export { type FavourabilityByOptions, favourabilityBy } from './favourabilityBy.js';
export {
  type FavourabilityCounts,
  type FavourabilityCountsOptions,
  favourabilityCounts,
  favourabilityFromCounts,
  mergeFavourabilityCounts,
} from './favourabilityCounts.js';
export { type LikertScoreOptions, type LikertScoreResult, likertScore } from './likertScore.js';
export {
  type ResponseRateAssessment,
  type ResponseRateOptions,
  type ResponseRateResult,
  responseRate,
} from './responseRate.js';
export { type ResponseRateByOptions, responseRateBy } from './responseRateBy.js';
export type { SegmentBy, SegmentCell, SegmentKind, SegmentOptions } from './segments.js';
export {
  type AttritionComparison,
  type GroupFavourability,
  type StayersVersusLeaversOptions,
  type StayersVersusLeaversResult,
  stayersVersusLeavers,
} from './stayersVersusLeavers.js';
