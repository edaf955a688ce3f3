export {
  type RetentionSignal,
  type RetentionSignalsOptions,
  retentionSignals,
  type SignalId,
} from './retentionSignals.js';
export {
  DEFAULT_SIGNAL_WEIGHTS,
  type SignalRiskOptions,
  type SignalRiskResult,
  signalRisk,
} from './signalRisk.js';
export { type TenureBand, type TenureHazardOptions, tenureHazard } from './tenureHazard.js';
