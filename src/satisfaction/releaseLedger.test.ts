/**
 * The release ledger through the survey breakdowns: the multi-call differencing attacks found in
 * review (issue 14) are refused, and a property test over random successive filters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLedger, type ReleaseLedger } from '../privacy/releaseLedger.js';
import { verifyNoDisclosure } from '../privacy/verifyNoDisclosure.js';
import type { Dataset } from '../schemas/dataset.js';
import { validateDataset } from '../schemas/dataset.js';
import { enpsBy } from './enpsBy.js';
import { favourabilityBy } from './favourabilityBy.js';

interface Person {
  readonly id: string;
  readonly dept: string;
  /** Team until 2025-03-01, and from 2025-03-02 on. */
  readonly team: string;
  readonly movesTo?: string;
  readonly score: number;
  readonly submittedAt: string;
}

/** Teams a, b, c under org; one confidential survey s with an eNPS and a Likert question. */
function dataset(people: readonly Person[], respondents = people.map((p) => p.id)): Dataset {
  const answering = new Set(respondents);
  const result = validateDataset({
    employees: people.map((p) => ({ id: p.id, name: p.id, attributes: { dept: p.dept } })),
    teams: [
      { id: 'org', name: 'Org' },
      ...['a', 'b', 'c'].map((id) => ({ id, name: id, parentId: 'org' })),
    ],
    assignments: people.flatMap((p) =>
      p.movesTo === undefined
        ? [{ employeeId: p.id, teamId: p.team, validFrom: '2024-01-01' }]
        : [
            { employeeId: p.id, teamId: p.team, validFrom: '2024-01-01', validTo: '2025-03-01' },
            { employeeId: p.id, teamId: p.movesTo, validFrom: '2025-03-02' },
          ],
    ),
    surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
    questions: [
      { id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' },
      { id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' },
    ],
    responses: people
      .filter((p) => answering.has(p.id))
      .map((p) => ({
        id: `r-${p.id}`,
        surveyId: 's',
        respondentId: p.id,
        submittedAt: p.submittedAt,
        answers: { q: p.score, grow: (p.score % 5) + 1 },
      })),
  });
  expect(result.issues).toEqual([]);
  return result.dataset;
}

/** 36 people: departments D (13), E (11), F (12); teams a, b, c; answers in March, some earlier. */
const people: Person[] = Array.from({ length: 36 }, (_, i) => ({
  id: `p${String(i).padStart(2, '0')}`,
  dept: i < 13 ? 'D' : i < 24 ? 'E' : 'F',
  team: ['a', 'b', 'c'][i % 3]!,
  ...(i === 4 ? { movesTo: 'c' } : {}),
  score: [9, 10, 3, 7, 8, 6, 9, 2, 10, 5, 9, 7][i % 12]!,
  submittedAt: i === 7 ? '2025-02-20T09:00:00Z' : '2025-03-05T09:00:00Z',
}));
const ids = people.map((p) => p.id);
const byDept = { surveyId: 's', by: { kind: 'attribute', name: 'dept' } } as const;
const byTeam = { surveyId: 's', by: { kind: 'team' } } as const;

type Released = Pick<ReturnType<typeof enpsBy>, 'report'>;
const statusOf = (result: Released, id: string) =>
  result.report.cells.find((cell) => cell.id === id)?.status;
const reasonOf = (result: Released, id: string) =>
  result.report.cells.find((cell) => cell.id === id)?.reason;

describe('the release ledger through enpsBy and favourabilityBy (issue 14)', () => {
  it('refuses a filter "department minus one person" after the department was shown', () => {
    const first = enpsBy(dataset(people), { ...byDept, ledger: emptyLedger() });
    expect(statusOf(first, 'attribute:D')).toBe('shown');
    const minusOne = ids.filter((id) => id !== 'p03');
    const second = enpsBy(dataset(people, minusOne), { ...byDept, ledger: first.ledger!.ledger });
    expect(reasonOf(second, 'attribute:D')).toBe('ledger');
    expect(reasonOf(second, 'all')).toBe('ledger');
    expect(second.segments.find((s) => s.id === 'attribute:D')?.cell).toEqual({
      status: 'suppressed',
    });
    expect(second.ledger!.refusals.map((r) => [r.id, r.onlyNew, r.onlyEarlier])).toEqual([
      ['attribute:D', 0, 1],
      // Refused for the first earlier cell it differs from by 1 to 4: department D, of which
      // the total now lacks one person.
      ['all', 23, 1],
    ]);
    expect(second.warnings).toContain(
      'A value was refused and hidden: its group differs from a group released earlier (the release ledger) by fewer than 5 people.',
    );
    // The other departments are the same people: shown, and nothing hidden is derivable.
    expect(statusOf(second, 'attribute:E')).toBe('shown');
    expect(verifyNoDisclosure(second.report).ok).toBe(true);
  });

  it('refuses teams on a day one person moved, a day after they were shown', () => {
    const march1 = enpsBy(dataset(people), { ...byTeam, on: '2025-03-01', ledger: emptyLedger() });
    expect(statusOf(march1, 'team:a')).toBe('shown');
    const march2 = enpsBy(dataset(people), {
      ...byTeam,
      on: '2025-03-02',
      ledger: march1.ledger!.ledger,
    });
    // p04 moved from b to c: b and c differ by one person each; a and the total did not change.
    expect(march2.report.cells.map((cell) => [cell.id, cell.status, cell.reason])).toEqual([
      ['team:a', 'shown', undefined],
      ['team:b', 'suppressed', 'ledger'],
      ['team:c', 'suppressed', 'ledger'],
      ['team:org', 'shown', undefined],
      ['all', 'shown', undefined],
    ]);
  });

  it('refuses the quarter after the month when only a few answers came before the month', () => {
    const march = ids.filter((_, i) => i !== 7);
    const month = enpsBy(dataset(people, march), { ...byDept, ledger: emptyLedger() });
    const quarter = enpsBy(dataset(people), { ...byDept, ledger: month.ledger!.ledger });
    // p07 (department D) answered in February: D and the total differ by one answer.
    expect(quarter.ledger!.refusals.map((r) => r.id)).toEqual(['attribute:D', 'all']);
  });

  it('refuses leavers within 91 days after leavers within 90 days (one more leaver)', () => {
    const within90 = ids.slice(0, 11);
    const within91 = ids.slice(0, 12);
    const options = { surveyId: 's', questionId: 'grow', by: { kind: 'team' } } as const;
    const first = favourabilityBy(dataset(people, within90), { ...options, ledger: emptyLedger() });
    expect(statusOf(first, 'all')).toBe('shown');
    const second = favourabilityBy(dataset(people, within91), {
      ...options,
      ledger: first.ledger!.ledger,
    });
    expect(reasonOf(second, 'all')).toBe('ledger');
    expect(second.ledger!.refusals.every((r) => r.statistic === 'likert:s:grow')).toBe(true);
  });

  it('does not compare different questions of one survey', () => {
    const first = enpsBy(dataset(people), { ...byDept, ledger: emptyLedger() });
    const other = favourabilityBy(dataset(people, ids.slice(1)), {
      ...byDept,
      questionId: 'grow',
      ledger: first.ledger!.ledger,
    });
    expect(other.ledger!.refusals).toEqual([]);
  });

  it('leaves a release without a ledger as it was, and records the same release once', () => {
    const plain = enpsBy(dataset(people), byDept);
    expect(plain.ledger).toBeUndefined();
    const once = enpsBy(dataset(people), { ...byDept, ledger: emptyLedger() });
    expect(once.report).toEqual(plain.report);
    const twice = enpsBy(dataset(people), { ...byDept, ledger: once.ledger!.ledger });
    expect(twice.report).toEqual(plain.report);
    expect(twice.ledger!.ledger).toEqual(once.ledger!.ledger);
  });

  it('property: across successive random filters, no two shown cells of one question differ by 1 to k-1 people', () => {
    const k = 5;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            drop: fc.subarray(ids, { maxLength: 8 }),
            by: fc.constantFrom<'team' | 'dept'>('team', 'dept'),
            on: fc.constantFrom('2025-03-01', '2025-03-02'),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        (steps) => {
          let ledger: ReleaseLedger = emptyLedger();
          const shown: { step: number; members: Set<string> }[] = [];
          steps.forEach((step, at) => {
            const dropped = new Set(step.drop);
            const respondents = ids.filter((id) => !dropped.has(id));
            const result = enpsBy(dataset(people, respondents), {
              ...(step.by === 'team' ? byTeam : byDept),
              on: step.on,
              ledger,
            });
            ledger = result.ledger!.ledger;
            // Each shown cell's respondents, computed here from the filter and the grouping.
            const teamOn = (p: Person) =>
              step.on === '2025-03-02' && p.movesTo !== undefined ? p.movesTo : p.team;
            for (const cell of result.report.cells) {
              if (cell.status !== 'shown') continue;
              const key = cell.id.split(':')[1];
              const members = people.filter(
                (p) =>
                  !dropped.has(p.id) &&
                  (cell.id === 'all' ||
                    cell.id === 'team:org' ||
                    (step.by === 'team' ? teamOn(p) === key : p.dept === key)),
              );
              expect(members.length).toBe(cell.n);
              shown.push({ step: at, members: new Set(members.map((p) => p.id)) });
            }
          });
          for (const a of shown) {
            for (const b of shown) {
              if (a.step >= b.step) continue;
              const shared = [...a.members].filter((id) => b.members.has(id)).length;
              if (shared === 0) continue;
              for (const only of [a.members.size - shared, b.members.size - shared])
                expect(only === 0 || only >= k).toBe(true);
            }
          }
        },
      ),
      { numRuns: 25, seed: 14 },
    );
  });
});
