/**
 * `scorecards` (columns grouped by manager, one registry of metrics) equals the naive
 * per-manager computation of every metric (tests/naiveScorecards.ts) on random periods, days and
 * options over sample organisations, in direct and tree scope (where the gate may hide more).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NaiveMeasurement, naiveScorecards } from '../../tests/naiveScorecards.js';
import { addCalendarDays } from '../core/calendarDay.js';
import { period } from '../core/period.js';
import { generateSampleOrganisation } from '../internal/sampleOrganisation.js';
import type { Reportable } from '../privacy/reportable.js';
import { type Dataset, validateDataset } from '../schemas/dataset.js';
import type { MetricValue } from './metrics/metric.js';
import { scorecards } from './scorecards.js';
import { SERVICE_METRICS } from './serviceMetrics.js';

const organisations = new Map<number, Dataset>();
/** A sample organisation observed on 31 December 2025 (generated once per seed). */
function organisation(seed: number): Dataset {
  let dataset = organisations.get(seed);
  if (dataset === undefined) {
    dataset = validateDataset(generateSampleOrganisation({ seed, asOf: '2025-12-31' })).dataset;
    organisations.set(seed, dataset);
  }
  return dataset;
}

/** The naive measurement as a published cell, by the rules of SERVICE_METRICS. */
function cell(
  measured: NaiveMeasurement,
  definition: (typeof SERVICE_METRICS)[number],
  minGroupSize: number,
): Reportable<MetricValue> {
  if (measured.people < minGroupSize || measured.people === 0) return { status: 'suppressed' };
  // A share of the people's own answers that all fell on one side tells each one's answer.
  if (definition.fromAnswers === true && (measured.value === 0 || measured.value === 1))
    return { status: 'suppressed' };
  const { target, higherIsBetter } = definition;
  const { value } = measured;
  const meets = higherIsBetter ? value! >= target! : value! <= target!;
  return {
    status: 'shown',
    n: measured.people,
    value: {
      value,
      target,
      assessment:
        target === null || value === null || higherIsBetter === null
          ? null
          : meets
            ? 'meets'
            : 'below',
      ...(measured.interval === undefined ? {} : { interval: measured.interval }),
      ...(measured.detail === undefined ? {} : { detail: measured.detail }),
    },
  };
}

/** Numbers rounded to 9 significant digits (sums taken in another order differ in the last bits). */
function rounded(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? value : Number(value.toPrecision(9));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

const settings = fc.record({
  seed: fc.integer({ min: 1, max: 3 }),
  // Period start from January 2024 to December 2025, 1 to 400 days long; asOf within 60 days.
  startOffset: fc.integer({ min: 0, max: 700 }),
  length: fc.integer({ min: 1, max: 400 }),
  asOfOffset: fc.integer({ min: -60, max: 60 }),
  scope: fc.constantFrom('direct' as const, 'tree' as const),
  minGroupSize: fc.integer({ min: 3, max: 6 }),
  coverageDays: fc.integer({ min: 1, max: 60 }),
  resolveWithinDays: fc.integer({ min: 1, max: 60 }),
  followUpDays: fc.integer({ min: 1, max: 5 }),
  teamFollowUpDays: fc.integer({ min: 1, max: 30 }),
});

describe('scorecards', () => {
  it('equals a naive per-manager computation of every metric on sample organisations', () => {
    // Shown cells per metric over all runs: each metric must be compared on real values.
    const shown = new Map<string, number>();
    fc.assert(
      fc.property(settings, (s) => {
        const dataset = organisation(s.seed);
        const start = addCalendarDays('2024-01-01', s.startOffset);
        const end = addCalendarDays(start, s.length);
        const asOf = addCalendarDays(end, s.asOfOffset);
        const options = {
          period: period(start, end),
          asOf,
          scope: s.scope,
          minGroupSize: s.minGroupSize,
          coverageDays: s.coverageDays,
          resolveWithinDays: s.resolveWithinDays,
          followUpDays: s.followUpDays,
          teamFollowUpDays: s.teamFollowUpDays,
        };
        const result = scorecards(dataset, options);
        const naive = naiveScorecards(dataset, options);
        expect(result.scorecards.map((card) => card.managerId)).toEqual(
          naive.map((card) => card.managerId),
        );
        for (const [index, card] of result.scorecards.entries()) {
          const expected = naive[index]!;
          expect(card.people).toBe(expected.people);
          for (const definition of SERVICE_METRICS) {
            const actual = card.metrics[definition.id];
            if (actual.status === 'shown')
              shown.set(definition.id, (shown.get(definition.id) ?? 0) + 1);
            // In tree scope the gate may hide more (a complement, so that no tree minus its
            // children gives a small direct group); what it shows is the naive value.
            if (s.scope === 'tree' && actual.status === 'suppressed') continue;
            expect(
              rounded(actual),
              `${card.managerId} ${definition.id} (${JSON.stringify(options)})`,
            ).toEqual(rounded(cell(expected.metrics[definition.id]!, definition, s.minGroupSize)));
          }
        }
      }),
      { numRuns: 6, seed: 17 },
    );
    for (const definition of SERVICE_METRICS)
      expect(shown.get(definition.id) ?? 0, definition.id).toBeGreaterThan(0);
    // About 1 s a run on an idle 2-core machine (the naive side is slow by design).
  }, 300_000);
});
