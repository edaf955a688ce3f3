// The retention-risk model: fitting, scoring and evaluation. Re-exported by src/retention/index.ts.
export {
  type CalibrationBin,
  type CalibrationTableOptions,
  type CalibrationTableResult,
  calibrationTable,
} from './calibrationTable.js';
export {
  type CrossValidateOptions,
  type CrossValidateResult,
  type CrossValidationGroup,
  crossValidate,
  type FoldSpread,
  type GroupPerformance,
} from './crossValidate.js';
export {
  type DroppedTerm,
  type FitRetentionModelOptions,
  fitRetentionModel,
  type RetentionCoefficient,
  type RetentionFeature,
  type RetentionModel,
  type RetentionRow,
  type RetentionSeparation,
  type RetentionValue,
} from './fitRetentionModel.js';
export {
  type PredictRiskOptions,
  predictRisk,
  type RiskFactor,
  type RiskPrediction,
  type RiskTier,
  type RiskTiers,
} from './predictRisk.js';
export { DEFAULT_PROTECTED_ATTRIBUTES, isProtectedAttribute } from './protectedAttributes.js';
export { rocAuc } from './rocAuc.js';
export { type RocCurveResult, type RocPoint, rocCurve } from './rocCurve.js';
