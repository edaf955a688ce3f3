import { describe, expect, it } from 'vitest';
import { emptyLedger, type ReleaseLedger } from '../privacy/releaseLedger.js';
import type { RetentionPerson } from './retentionPeople.js';
import { turnoverByTeam } from './turnoverByTeam.js';

/** 20 people in sales since 2024; one more hired on the first of each month of 2025. */
const staff: RetentionPerson[] = [
  ...Array.from({ length: 20 }, (_, i) => ({
    id: `s${i}`,
    spells: [{ hireDate: '2024-01-01', ...(i === 0 ? { terminationDate: '2025-02-14' } : {}) }],
    assignments: [{ teamId: 'sales', validFrom: '2024-01-01' }],
  })),
  ...['01', '02', '03'].map((month) => ({
    id: `h${month}`,
    spells: [{ hireDate: `2025-${month}-01` }],
    assignments: [{ teamId: 'sales', validFrom: `2025-${month}-01` }],
  })),
];
const month = (m: number) => ({
  start: `2025-0${m}-01`,
  end: m === 12 ? '2026-01-01' : `2025-${String(m + 1).padStart(2, '0')}-01`,
});

describe('turnoverByTeam with a release ledger (issue 14)', () => {
  it('does not block a monthly series, whose people differ by a hire or a leaver each month', () => {
    let ledger: ReleaseLedger = emptyLedger();
    for (const m of [1, 2, 3]) {
      const result = turnoverByTeam(staff, month(m), { transfers: 'not-separation', ledger });
      // February's one leaver: how they left is hidden, the total is not.
      expect(result.teams[0]?.total.status).toBe('shown');
      expect(result.ledger?.refusals).toEqual([]);
      ledger = result.ledger!.ledger;
    }
    expect(ledger.entries.map((entry) => entry.statistic)).toEqual([
      'turnover:2025-01-01..2025-02-01',
      'turnover:2025-02-01..2025-03-01',
      'turnover:2025-03-01..2025-04-01',
    ]);
  });

  it('refuses the same period again with one person left out of the data (a filter)', () => {
    const first = turnoverByTeam(staff, month(2), {
      transfers: 'not-separation',
      ledger: emptyLedger(),
    });
    const filtered = turnoverByTeam(
      staff.filter((person) => person.id !== 's0'),
      month(2),
      { transfers: 'not-separation', ledger: first.ledger!.ledger },
    );
    expect(filtered.teams[0]?.turnover).toEqual({ status: 'suppressed' });
    expect(filtered.teams[0]?.total).toEqual({ status: 'suppressed' });
    expect(filtered.ledger?.refusals).toEqual([
      {
        id: 'sales',
        statistic: 'turnover:2025-02-01..2025-03-01',
        earlier: 0,
        onlyNew: 0,
        onlyEarlier: 1,
      },
    ]);
    expect(filtered.warnings.some((warning) => warning.includes('release ledger'))).toBe(true);
  });

  it('returns no ledger without one', () => {
    expect(turnoverByTeam(staff, month(1), { transfers: 'separation' }).ledger).toBeUndefined();
  });
});
