import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { kaplanMeier } from './kaplanMeier.js';
import { kaplanMeierFromSurvivalCounts, survivalCounts } from './survivalCounts.js';
import { turnover } from './turnover.js';

describe('retention functions check their options', () => {
  it('refuses an option a function does not take instead of ignoring it', () => {
    const counts = survivalCounts([3, 5], [1, 0]);
    // Counts carry no entry times: entry would be silently ignored.
    expect(
      codeOf(() =>
        kaplanMeierFromSurvivalCounts(counts, { entry: [0, 1] } as unknown as { level: number }),
      ),
    ).toBe('INVALID_OPTION');
    expect(
      codeOf(() => kaplanMeier([3, 5], [1, 0], { entri: [0, 1] } as unknown as { level: number })),
    ).toBe('INVALID_OPTION');
    expect(
      codeOf(() =>
        turnover([], { start: '2025-01-01', end: '2026-01-01' }, {
          method: 'daily',
        } as unknown as { level: number }),
      ),
    ).toBe('INVALID_OPTION');
  });
});
