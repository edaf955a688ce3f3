/**
 * `publishHireCohorts` against the independent verifier: on random cohorts and leaving dates,
 * what it shows (hires and retained hires per horizon; the leavers in between never published)
 * gives away no group of 1 to k-1 hires, and a cohort where everyone left is never shown as such.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../core/calendarDay.js';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import { hireCohorts } from './hireCohorts.js';
import { publishHireCohorts } from './publishHireCohorts.js';
import type { RetentionPerson } from './retentionPeople.js';

const hires = fc.array(
  fc.record({ hiredOn: fc.nat({ max: 365 }), stayed: fc.option(fc.nat({ max: 800 })) }),
  { minLength: 40, maxLength: 120 },
);

describe('publishHireCohorts', () => {
  it('shows no horizon that gives away a small group of hires or leavers', () => {
    let shown = 0;
    fc.assert(
      fc.property(hires, fc.integer({ min: 3, max: 6 }), (records, minGroupSize) => {
        const people: RetentionPerson[] = records.map((record, i) => {
          const hireDate = addCalendarDays('2023-01-01', record.hiredOn);
          return {
            id: `p${i}`,
            spells: [
              record.stayed === null
                ? { hireDate }
                : {
                    hireDate,
                    terminationDate: addCalendarDays(hireDate, record.stayed),
                    separationKind: 'voluntary' as const,
                  },
            ],
          };
        });
        const triangle = hireCohorts(people, { asOf: '2025-06-30', horizons: [3, 6, 12] });
        const published = publishHireCohorts(triangle, { minGroupSize });
        // The reader never sees the leavers between horizons.
        const report = {
          ...published.report,
          cells: published.report.cells.map((cell) =>
            cell.id.includes('|left-by:') ? { ...cell, status: 'suppressed' as const } : cell,
          ),
        };
        expect(verifyNoDisclosure(report).findings).toEqual([]);
        for (const row of published.rows) {
          for (const cell of row.cells) {
            if (cell.retained?.status !== 'shown') continue;
            shown++;
            expect(cell.retained.value.retained).toBeGreaterThanOrEqual(minGroupSize);
          }
        }
      }),
      { numRuns: 100, seed: 14 },
    );
    expect(shown).toBeGreaterThan(50);
  });
});
