import {
  SERVICE_METRIC_LABELS,
  SERVICE_METRICS,
  type ServiceMetricId,
} from '../../service/serviceMetrics.js';
import { formatNumber } from '../formatNumber.js';

/** The default columns: one or two per practice of the internal-customer discipline. @internal */
export const DEFAULT_METRICS: readonly ServiceMetricId[] = [
  'oneOnOneCoverage',
  'oneOnOneMedianGap',
  'summariesConfirmed',
  'needsAddressed',
  'openConcerns',
  'ideasDecided',
  'teamFollowUp',
  'teamEnps',
  'retentionRate',
  'occasionsAcknowledged',
];

/** Short column titles of every metric (defined with each metric in `service/metrics/`). @internal */
export const LABELS: Readonly<Record<ServiceMetricId, string>> = SERVICE_METRIC_LABELS;

const UNIT = new Map(SERVICE_METRICS.map((metric) => [metric.id, metric.unit]));

/** A metric's value as a person reads it, by its unit. @internal */
export function formatMetricValue(id: ServiceMetricId, value: number | null): string {
  if (value === null) return 'not reached';
  switch (UNIT.get(id)) {
    case 'share':
      return formatNumber(value, { percent: true, digits: 0 });
    case 'rate':
      return formatNumber(value, { digits: 2 });
    case 'count':
      return formatNumber(value, { digits: 0 });
    default:
      return formatNumber(value, { digits: 1 });
  }
}
