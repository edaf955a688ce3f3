import { describe, expect, it } from 'vitest';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import { firstYearAttrition } from './firstYearAttrition.js';
import { publishFirstYearAttrition } from './publishFirstYearAttrition.js';

const hire = (id: string, hireDate: string, left?: string) => ({
  id,
  spells: [
    {
      hireDate,
      ...(left === undefined
        ? {}
        : { terminationDate: left, separationKind: 'voluntary' as const }),
    },
  ],
});

describe('publishFirstYearAttrition', () => {
  const cohort2023 = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) =>
    hire(id, '2023-03-01', i < 2 ? '2023-09-30' : undefined),
  );

  it('shows a cohort of enough hires with its leavers and attrition', () => {
    const published = publishFirstYearAttrition(
      firstYearAttrition(cohort2023, { asOf: '2025-06-30' }),
    );
    const cell = published.cohorts[0]!.result;
    expect(cell.status === 'shown' && cell.value.leftWithinYear).toBe(2);
    expect(cell.status === 'shown' && cell.value.attrition?.value).toBeCloseTo(2 / 6, 12);
    expect(verifyNoDisclosure(published.report).ok).toBe(true);
  });

  it('hides a cohort below the minimum, and one in which every hire left in the first year', () => {
    const small = [hire('x', '2024-02-01'), hire('y', '2024-02-10', '2024-05-01')];
    const allLeft = ['p', 'q', 'r', 's', 't'].map((id) => hire(id, '2022-04-01', '2022-10-01'));
    const published = publishFirstYearAttrition(
      firstYearAttrition([...cohort2023, ...small, ...allLeft], { asOf: '2025-06-30' }),
    );
    const status = Object.fromEntries(published.cohorts.map((c) => [c.cohort, c.result.status]));
    expect(status).toEqual({ '2022': 'suppressed', '2023': 'shown', '2024': 'suppressed' });
  });

  it('leaves out the warnings about hidden cohorts (they would tell the cohort has hires)', () => {
    const recent = [hire('x', '2025-05-01'), hire('y', '2025-05-10')];
    const result = firstYearAttrition([...cohort2023, ...recent], { asOf: '2025-06-30' });
    expect(result.warnings.some((w) => w.includes('cohort 2025 '))).toBe(true);
    expect(publishFirstYearAttrition(result).warnings.some((w) => w.includes('cohort 2025 '))).toBe(
      false,
    );
  });
});
