/**
 * The scorecard's metrics, by practice: the one list that `ServiceMetricId`, `SERVICE_METRICS`,
 * the labels, the README table and `scorecards` all come from. A metric is added by adding its
 * definition to the file of its practice. @internal
 */

import { closeTheLoop } from './closeTheLoop.js';
import { findOutNeeds } from './findOutNeeds.js';
import { listen } from './listen.js';
import { longRelationships } from './longRelationships.js';
import { type MetricDefinition, PRACTICES, type Practice } from './metric.js';
import { onTheEmployeesTerms } from './onTheEmployeesTerms.js';
import { rememberOccasions } from './rememberOccasions.js';
import { resolveProblems } from './resolveProblems.js';
import { rightSolution } from './rightSolution.js';
import { satisfiedEmployee } from './satisfiedEmployee.js';
import { seekIdeas } from './seekIdeas.js';
import { summariseToConfirm } from './summariseToConfirm.js';

/**
 * Every practice with its metrics: a practice left out, or a metric filed under another
 * practice than its own, does not compile. @internal
 */
export type MetricsByPractice = {
  readonly [P in Practice]: readonly MetricDefinition<string, P>[];
};

const BY_PRACTICE = {
  listen,
  'on the employee’s terms': onTheEmployeesTerms,
  'resolve problems': resolveProblems,
  'right solution': rightSolution,
  'seek ideas': seekIdeas,
  'find out needs': findOutNeeds,
  'summarise to confirm': summariseToConfirm,
  'close the loop': closeTheLoop,
  'satisfied employee': satisfiedEmployee,
  'long relationships': longRelationships,
  'remember occasions': rememberOccasions,
} as const satisfies MetricsByPractice;

/** The metrics of the manager scorecard. */
export type ServiceMetricId = (typeof BY_PRACTICE)[Practice][number]['id'];

/** Every metric, practice by practice in the order of `PRACTICES`. @internal */
export const METRICS: readonly MetricDefinition<ServiceMetricId>[] = PRACTICES.flatMap(
  (practice): readonly MetricDefinition<ServiceMetricId>[] => BY_PRACTICE[practice],
);

/**
 * A record with one entry per metric, in the order of `METRICS`. Its keys come from the same
 * list it loops over, so the one cast here cannot hide a missing metric. @internal
 */
export function byMetric<T>(
  value: (metric: MetricDefinition<ServiceMetricId>, index: number) => T,
): Record<ServiceMetricId, T> {
  const record: Partial<Record<ServiceMetricId, T>> = {};
  for (let k = 0; k < METRICS.length; k++) record[METRICS[k]!.id] = value(METRICS[k]!, k);
  return record as Record<ServiceMetricId, T>;
}
