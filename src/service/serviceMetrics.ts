import type { MetricDescription } from './metrics/metric.js';
import { byMetric, METRICS, type ServiceMetricId } from './metrics/registry.js';

export type { ServiceMetricId } from './metrics/registry.js';

/** How a metric is defined, what it mirrors, its default target and its short label. */
export type ServiceMetricDefinition = MetricDescription<ServiceMetricId>;

/**
 * Every scorecard metric with its definition and default target, practice by practice. Targets
 * are configurable (`targets` option); the sources say where each default comes from, and where
 * no number has a defensible source the target is `null` and the metric is shown without an
 * assessment. Each metric is defined once, in the file of its practice under
 * `src/service/metrics/`, and this list is derived from them.
 *
 * @example
 * SERVICE_METRICS[0].id // => 'oneOnOneCoverage'
 * SERVICE_METRICS[0].practice // => 'listen'
 */
export const SERVICE_METRICS: readonly ServiceMetricDefinition[] = METRICS.map(
  ({ compute: _compute, ...description }) => description,
);

/**
 * The short label of every metric ("1:1 coverage"), for column titles.
 *
 * @example
 * SERVICE_METRIC_LABELS.oneOnOneCoverage // => '1:1 coverage'
 */
export const SERVICE_METRIC_LABELS: Readonly<Record<ServiceMetricId, string>> = byMetric(
  (metric) => metric.label,
);
