export {
  type MetricDescription,
  type MetricUnit,
  PRACTICES,
  type Practice,
} from './metrics/metric.js';
export {
  type MetricValue,
  managerScorecard,
  type Scorecard,
  type ScorecardOptions,
  type ScorecardsResult,
  type ServiceIssue,
  scorecards,
} from './scorecards.js';
export {
  SERVICE_METRIC_LABELS,
  SERVICE_METRICS,
  type ServiceMetricDefinition,
  type ServiceMetricId,
} from './serviceMetrics.js';
export {
  type OccasionReminder,
  type UpcomingOccasionsOptions,
  upcomingOccasions,
} from './upcomingOccasions.js';
