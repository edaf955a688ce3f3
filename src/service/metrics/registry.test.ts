import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_TABLE, readmeTable } from '../../../tests/serviceMetricsTable.js';
import { SERVICE_METRIC_LABELS, SERVICE_METRICS } from '../serviceMetrics.js';
import { PRACTICES } from './metric.js';
import { METRICS } from './registry.js';

describe('the metric registry', () => {
  it('lists every metric once, practice by practice in the order of PRACTICES', () => {
    const ids = SERVICE_METRICS.map((metric) => metric.id);
    expect(new Set(ids).size).toBe(ids.length);
    const order = SERVICE_METRICS.map((metric) => PRACTICES.indexOf(metric.practice));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(PRACTICES.length);
  });

  it('gives SERVICE_METRICS and the labels from the definitions, without compute', () => {
    expect(SERVICE_METRICS).toHaveLength(METRICS.length);
    expect(SERVICE_METRICS.every((metric) => !('compute' in metric))).toBe(true);
    expect(Object.keys(SERVICE_METRIC_LABELS)).toEqual(METRICS.map((metric) => metric.id));
    expect(SERVICE_METRIC_LABELS.newHireTimeToFirstOneOnOne).toBe('new hire 1st 1:1 (days)');
  });

  it("is the README's table of metrics, row for row", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = README_TABLE.exec(readme)?.[0].trimEnd();
    expect(table, 'README.md should hold this table, written from the registry').toBe(
      readmeTable(),
    );
  });
});
