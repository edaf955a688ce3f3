import { describe, expect, it } from 'vitest';
import {
  checkLedger,
  emptyLedger,
  type LedgerCell,
  ledgerRefusals,
  populationDifference,
  recordReleased,
  suppressTableWithLedger,
} from './releaseLedger.js';
import { suppressTable } from './suppressTable.js';
import { teamTreeTable } from './table.js';
import { verifyNoDisclosure } from './verifyNoDisclosure.js';

const people = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `p${from + i}`);
const cell = (id: string, keys: readonly string[], statistic = 'enps:s:q'): LedgerCell => ({
  id,
  statistic,
  population: { keys },
});
const released = (...cells: LedgerCell[]) => recordReleased(emptyLedger(), cells);

describe('ledgerRefusals', () => {
  it('refuses a subset that leaves 1 to k-1 people out (a department minus one person)', () => {
    const ledger = released(cell('dept', people(0, 13)));
    expect(ledgerRefusals(ledger, [cell('filter', people(1, 13))], 5)).toEqual([
      { id: 'filter', statistic: 'enps:s:q', earlier: 0, onlyNew: 0, onlyEarlier: 1 },
    ]);
  });

  it('refuses a superset that adds 1 to k-1 people (one late answer)', () => {
    const ledger = released(cell('before', people(0, 10)));
    expect(ledgerRefusals(ledger, [cell('after', people(0, 11))], 5)).toEqual([
      { id: 'after', statistic: 'enps:s:q', earlier: 0, onlyNew: 1, onlyEarlier: 0 },
    ]);
  });

  it('refuses an overlap where either side is small, even when the other is large', () => {
    const ledger = released(cell('a', people(0, 20)));
    // 1 person left out, 10 added: the difference is 10 people's answers minus one person's.
    const refused = ledgerRefusals(ledger, [cell('b', people(1, 30))], 5);
    expect(refused.map((r) => [r.onlyNew, r.onlyEarlier])).toEqual([[10, 1]]);
  });

  it('allows differences of k or more either way, the same population again, and disjoint ones', () => {
    const ledger = released(cell('a', people(0, 20)));
    const next = [
      cell('minus-five', people(5, 20)),
      cell('same', people(0, 20)),
      cell('disjoint', people(100, 103).concat(people(200, 205))),
    ];
    expect(ledgerRefusals(ledger, next, 5)).toEqual([]);
  });

  it('applies the minimum given: 7 people left out are refused at 10', () => {
    const ledger = released(cell('a', people(0, 30)));
    expect(ledgerRefusals(ledger, [cell('b', people(7, 30))], 10)).toHaveLength(1);
    expect(ledgerRefusals(ledger, [cell('b', people(7, 30))], 5)).toEqual([]);
  });

  it('never compares different statistics (headcount of one month and the next)', () => {
    const ledger = released(cell('jan', people(0, 40), 'headcount:2025-01-01..2025-02-01'));
    const february = cell('feb', people(0, 42), 'headcount:2025-02-01..2025-03-01');
    expect(ledgerRefusals(ledger, [february], 5)).toEqual([]);
  });

  it('leaves cells below the minimum to primary suppression', () => {
    const ledger = released(cell('a', people(0, 5)));
    expect(ledgerRefusals(ledger, [cell('b', people(0, 4))], 5)).toEqual([]);
  });

  it('compares anonymous populations as sums over atomic groups', () => {
    const ledger = recordReleased(emptyLedger(), [
      { id: 'dept', statistic: 'enps:s:q', population: { groups: { x: 8, y: 7 } } },
    ]);
    const lateAnswer = {
      id: 'dept',
      statistic: 'enps:s:q',
      population: { groups: { x: 9, y: 7 } },
    };
    const teamY = { id: 'y', statistic: 'enps:s:q', population: { groups: { y: 7 } } };
    expect(ledgerRefusals(ledger, [lateAnswer, teamY], 5).map((r) => r.id)).toEqual(['dept']);
  });

  it('refuses to compare person keys with atomic groups for one statistic', () => {
    const ledger = released(cell('a', people(0, 10)));
    const counted = { id: 'b', statistic: 'enps:s:q', population: { groups: { x: 10 } } };
    expect(() => ledgerRefusals(ledger, [counted], 5)).toThrow(/both with person keys/);
  });

  it('checks its minimum and the ledger it is given', () => {
    expect(() => ledgerRefusals(emptyLedger(), [], 2)).toThrow(/at least 3/);
    expect(() => ledgerRefusals({ version: 2 } as never, [], 5)).toThrow(/version 2/);
    expect(() =>
      checkLedger({ version: 1, entries: [{ statistic: 's', population: {} }] }),
    ).toThrow(/entry 0 needs keys or whole group counts/);
  });
});

describe('recordReleased', () => {
  it('is JSON-serialisable: a ledger read back from JSON refuses the same cells', () => {
    const ledger = JSON.parse(JSON.stringify(released(cell('dept', people(0, 13)))));
    expect(ledgerRefusals(checkLedger(ledger), [cell('f', people(1, 13))], 5)).toHaveLength(1);
  });

  it('does not mutate the ledger it is given', () => {
    const ledger = emptyLedger();
    recordReleased(ledger, [cell('a', people(0, 5))]);
    expect(ledger).toEqual({ version: 1, entries: [] });
  });
});

describe('populationDifference', () => {
  it('counts each key once', () => {
    expect(populationDifference({ keys: ['a', 'a', 'b'] }, { keys: ['b'] })).toEqual({
      onlyFirst: 1,
      onlySecond: 0,
    });
  });
});

describe('suppressTable with refused cells', () => {
  const table = teamTreeTable(
    [
      { id: 'org' },
      { id: 'a', parentId: 'org' },
      { id: 'b', parentId: 'org' },
      { id: 'c', parentId: 'org' },
    ],
    new Map([
      ['a', { n: 12 }],
      ['b', { n: 9 }],
      ['c', { n: 20 }],
    ]),
  );

  it('hides a refused cell with reason ledger and a complement in the same release', () => {
    const report = suppressTable(table, { refused: ['team:b'] });
    expect(report.cells.map((c) => [c.id, c.status, c.reason])).toEqual([
      ['team:a', 'suppressed', 'complementary'],
      ['team:b', 'suppressed', 'ledger'],
      ['team:c', 'shown', undefined],
      ['team:org', 'shown', undefined],
    ]);
    // The verifier, told to treat the refused cell as at risk (its n below the minimum), finds
    // no way to it.
    const strict = verifyNoDisclosure({ ...report, minGroupSize: 10 });
    expect(strict.findings.filter((finding) => finding.cell === 'team:b')).toEqual([]);
  });

  it('is unchanged without refused cells, and refuses unknown ids', () => {
    expect(suppressTable(table, { refused: [] })).toEqual(suppressTable(table));
    expect(() => suppressTable(table, { refused: ['team:x'] })).toThrow(/not in the table/);
  });
});

describe('verifyNoDisclosure with the release ledger', () => {
  const tree = [{ id: 'org' }, { id: 'a', parentId: 'org' }, { id: 'b', parentId: 'org' }];
  const statistics = (n: number) => ({
    n,
    counts: { yes: Math.floor(n / 2), no: n - Math.floor(n / 2) },
    variables: { answer: ['yes', 'no'] },
  });
  /** Team a (13) released earlier; then p0 moved from a to b: a now holds 12, b 8. */
  const moved = () => ({
    ledger: released(cell('team:a', people(0, 13))),
    table: teamTreeTable(
      tree,
      new Map([
        ['a', statistics(12)],
        ['b', statistics(8)],
      ]),
    ),
    populations: new Map([
      ['team:a', { keys: people(1, 13) }],
      ['team:b', { keys: ['p0', ...people(13, 20)] }],
    ]),
  });

  it('finds the person who moved out of a department released earlier (13, then 12)', () => {
    const { ledger, table, populations } = moved();
    const report = suppressTable(table, { minGroupSize: 5 });
    expect(report.cells.every((c) => c.status === 'shown')).toBe(true);
    expect(verifyNoDisclosure(report).ok).toBe(true);
    const check = verifyNoDisclosure(report, {
      ledger: { ledger, statistic: 'enps:s:q', populations },
    });
    expect(check.ok).toBe(false);
    expect(check.findings[0]?.detail).toContain('with the release ledger');
    // Another statistic's releases tell nothing about this one.
    expect(
      verifyNoDisclosure(report, { ledger: { ledger, statistic: 'enps:s:q2', populations } }).ok,
    ).toBe(true);
  });

  it('accepts what suppressTableWithLedger releases against the same ledger', () => {
    const { ledger, table, populations } = moved();
    const release = suppressTableWithLedger(table, {
      ledger,
      statistic: 'enps:s:q',
      populations,
      minGroupSize: 5,
    });
    expect(release.refusals.map((r) => r.id)).toEqual(['team:a']);
    expect(
      verifyNoDisclosure(release.report, { ledger: { ledger, statistic: 'enps:s:q', populations } })
        .ok,
    ).toBe(true);
  });

  it('reads anonymous atomic groups: one late answer in a group released earlier', () => {
    const ledger = recordReleased(emptyLedger(), [
      { id: 'x', statistic: 's', population: { groups: { 'team=x': 10 } } },
    ]);
    const report = suppressTable(
      { cells: [{ id: 'x', ...statistics(11) }], equations: [] },
      { minGroupSize: 5 },
    );
    const populations = new Map([['x', { groups: { 'team=x': 11 } }]]);
    expect(verifyNoDisclosure(report, { ledger: { ledger, statistic: 's', populations } }).ok).toBe(
      false,
    );
  });

  it('refuses a population whose size is not its cell', () => {
    const report = suppressTable(
      { cells: [{ id: 'x', n: 6 }], equations: [] },
      { minGroupSize: 5 },
    );
    expect(() =>
      verifyNoDisclosure(report, {
        ledger: {
          ledger: emptyLedger(),
          statistic: 's',
          populations: new Map([['x', { keys: ['p'] }]]),
        },
      }),
    ).toThrow(/holds 1 people, the cell 6/);
  });
});

describe('ledgerRefusals: the same population again', () => {
  it('does not refuse a population released before, even beside a close one', () => {
    // A run showed a team of 9 and its department of 13 (the other 4 in hidden cells).
    const ledger = released(cell('team', people(0, 9)), cell('dept', people(0, 13)));
    expect(
      ledgerRefusals(ledger, [cell('team', people(0, 9)), cell('dept', people(0, 13))], 5),
    ).toEqual([]);
    expect(ledgerRefusals(ledger, [cell('team-plus-one', people(0, 10))], 5)).toHaveLength(1);
  });
});
