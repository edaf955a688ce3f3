/**
 * The README's table of scorecard metrics, written from the registry (SERVICE_METRICS):
 * src/service/metrics/registry.test.ts checks that README.md holds it. To rewrite the README
 * after adding a metric: npx tsx tests/serviceMetricsTable.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SERVICE_METRICS } from '../src/service/serviceMetrics.js';

/** Where the table sits in the README: the header row and every table row after it. */
export const README_TABLE = /\| practice \| metric \|[^\n]*\n(?:\|[^\n]*\n)+/;

/** A default target as the README writes it: 90%, <= 14 days, none. */
function targetText(metric: (typeof SERVICE_METRICS)[number]): string {
  const { target, unit, higherIsBetter } = metric;
  if (target === null) return 'none';
  const bound = higherIsBetter === false ? '<= ' : '';
  return unit === 'share'
    ? `${bound}${String(Math.round(target * 100))}%`
    : `${higherIsBetter === true ? '>= ' : bound}${String(target)} ${unit}`;
}

/** The README's table of metrics, written from the registry. */
export function readmeTable(): string {
  return [
    '| practice | metric | definition | default target (source) |',
    '|---|---|---|---|',
    ...SERVICE_METRICS.map(
      (m) => `| ${m.practice} | \`${m.id}\` | ${m.definition} | ${targetText(m)} (${m.source}) |`,
    ),
  ].join('\n');
}

if (process.argv.includes('--write')) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, readFileSync(path, 'utf8').replace(README_TABLE, `${readmeTable()}\n`));
}
