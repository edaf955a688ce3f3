import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError, type ValidationIssue } from '../core/errors.js';
import { codeOf } from '../internal/testing/codeOf.js';
import { expectClose } from '../internal/testing/expectClose.js';
import { fitCoxModel } from './cox/fitCoxModel.js';
import { type PersonPeriodInput, personPeriods } from './personPeriods.js';

/** fixtures/person-periods.R: R 4.2.2, survival 3.5.3 (tmerge, coxph with cluster = person). */
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/person-periods.json', import.meta.url), 'utf8'),
) as {
  readonly recordsStart: string;
  readonly asOf: string;
  readonly teams: readonly string[];
  readonly managers: readonly string[];
  readonly input: PersonPeriodInput;
  readonly rows: Readonly<Record<string, readonly (number | string | null)[]>>;
  readonly fit: {
    readonly names: readonly string[];
    readonly coefficients: readonly number[];
    readonly standardErrors: readonly number[];
    readonly loglik: readonly number[];
    readonly n: number;
    readonly events: number;
  };
};

function issuesOf(action: () => unknown): readonly ValidationIssue[] {
  try {
    action();
  } catch (error) {
    if (isInternalCustomerError(error, 'VALIDATION_FAILED')) return error.issues;
    throw error;
  }
  throw new Error('did not throw');
}

const hire = (employeeId: string, hireDate: string, terminationDate?: string) => ({
  employeeId,
  hireDate,
  ...(terminationDate === undefined
    ? {}
    : { terminationDate, separationKind: 'voluntary' as const }),
});

const assign = (teamId: string, managerId: string, validFrom: string, validTo?: string) => ({
  employeeId: 'a',
  teamId,
  managerId,
  validFrom,
  ...(validTo === undefined ? {} : { validTo }),
});

/** An identified eNPS survey `s` with question `q`, and the answers of `a` at these instants. */
const pulse = (...answers: [submittedAt: string, score: number | null][]) => ({
  surveys: [{ id: 's', confidentiality: 'identified' as const }],
  questions: [{ id: 'q', surveyId: 's', kind: 'enps' as const }],
  responses: answers.map(([submittedAt, score]) => ({
    surveyId: 's',
    respondentId: 'a',
    submittedAt,
    answers: { q: score },
  })),
});

describe('personPeriods against R tmerge and coxph', () => {
  const built = personPeriods(fixture.input, {
    asOf: fixture.asOf,
    recordsStart: fixture.recordsStart,
  });
  const { rows } = built;

  it('builds the same rows as tmerge: count, person, spell, boundaries and events', () => {
    const want = fixture.rows;
    expect(rows.id.length).toBe(want.person!.length);
    expect(rows.id).toEqual(want.person);
    expect([...rows.spell]).toEqual(want.spell);
    expect([...rows.start]).toEqual(want.start);
    expect([...rows.stop]).toEqual(want.stop);
    expect([...rows.event]).toEqual(want.event);
  });

  it('holds the covariates tmerge puts in force on each row', () => {
    const want = fixture.rows;
    const code = (list: readonly string[], value: string | null) =>
      value === null ? null : list.indexOf(value) + 1;
    expect(rows.team.map((team) => code(fixture.teams, team))).toEqual(want.team);
    expect(rows.manager.map((manager) => code(fixture.managers, manager))).toEqual(want.manager);
    expect([...rows.managerChanges]).toEqual(want.managerChanges);
    expect([...rows.promotions]).toEqual(want.promotions);
    expect([...rows.payChanges]).toEqual(want.payChanges);
    expect(rows.lastPayChangePercent).toEqual(want.lastPay);
    expect(rows.enps).toEqual(want.enps);
  });

  it('fits the coefficients and log-likelihoods of coxph on the rows to 1e-6', () => {
    const keep = rows.team.flatMap((team, i) => (team === null ? [] : [i]));
    const take = (values: ArrayLike<number>) => keep.map((i) => values[i]!);
    const enps = keep.map((i) => rows.enps[i] ?? null);
    const covariates: Record<string, number[]> = {
      promotions: take(rows.promotions),
      payChanges: take(rows.payChanges),
      managerChanges: take(rows.managerChanges),
      enpsKnown: enps.map((score) => (score === null ? 0 : 1)),
      enpsValue: enps.map((score) => score ?? 0),
    };
    for (const team of fixture.teams.slice(1))
      covariates[team] = keep.map((i) => (rows.team[i] === team ? 1 : 0));
    const fit = fitCoxModel(take(rows.stop), take(rows.event), covariates, {
      entry: take(rows.start),
    });
    expect(fit.terms.map((term) => term.name)).toEqual(fixture.fit.names);
    expect(fit.n).toBe(fixture.fit.n);
    expect(fit.events).toBe(fixture.fit.events);
    expectClose(
      fit.terms.map((term) => term.coefficient),
      fixture.fit.coefficients,
      1e-6,
      'coefficients',
    );
    expectClose(
      fit.terms.map((term) => term.standardError),
      fixture.fit.standardErrors,
      1e-6,
      'model-based standard errors',
    );
    expectClose(
      [fit.logLikelihood.null, fit.logLikelihood.final],
      fixture.fit.loglik,
      1e-8,
      'log-likelihoods',
    );
  });

  it('never reads answers of surveys that are not identified', () => {
    const scores = new Set(rows.enps);
    const withoutPrivate = personPeriods(
      {
        ...fixture.input,
        responses: (fixture.input.responses ?? []).filter((r) => r.surveyId === 'pulse'),
      },
      { asOf: fixture.asOf, recordsStart: fixture.recordsStart },
    );
    expect(withoutPrivate.rows.enps).toEqual(rows.enps);
    expect(scores.size).toBeGreaterThan(5);
  });
});

describe('personPeriods', () => {
  it('enters a spell hired before recordsStart at its tenure on that day', () => {
    const { rows, warnings } = personPeriods(
      { spells: [hire('a', '2019-12-22'), hire('b', '2019-01-01', '2019-06-30')] },
      { asOf: '2020-01-10', recordsStart: '2020-01-01' },
    );
    expect([...rows.start]).toEqual([10]);
    expect([...rows.stop]).toEqual([20]);
    expect([...rows.event]).toEqual([0]);
    expect(warnings).toEqual(['1 spell ended before recordsStart 2020-01-01 and was left out']);
  });

  it('counts days from the origin on the calendar axis', () => {
    const result = personPeriods(
      { spells: [hire('a', '2019-12-22', '2020-01-05'), hire('b', '2020-01-03')] },
      { asOf: '2020-01-10', recordsStart: '2020-01-01', axis: 'calendar' },
    );
    expect(result.origin).toBe('2020-01-01');
    expect([...result.rows.start]).toEqual([0, 2]);
    expect([...result.rows.stop]).toEqual([5, 10]);
    expect([...result.rows.event]).toEqual([1, 0]);
  });

  it('starts the calendar axis at the earliest hire without recordsStart or origin', () => {
    const result = personPeriods(
      { spells: [hire('a', '2020-01-03'), hire('b', '2020-01-01')] },
      { asOf: '2020-01-10', axis: 'calendar' },
    );
    expect(result.origin).toBe('2020-01-01');
    expect([...result.rows.start]).toEqual([2, 0]);
  });

  it('censors exits of kinds outside exits but still names the kind', () => {
    const { rows, events } = personPeriods(
      { spells: [hire('a', '2020-01-01', '2020-02-01')] },
      { asOf: '2020-12-31', exits: ['involuntary'] },
    );
    expect([...rows.event]).toEqual([0]);
    expect(rows.exitKind).toEqual(['voluntary']);
    expect(events).toBe(0);
  });

  it('censors an exit after asOf at asOf and leaves hires after asOf out', () => {
    const { rows } = personPeriods(
      { spells: [hire('a', '2020-01-01', '2020-03-01'), hire('b', '2020-03-01')] },
      { asOf: '2020-01-31' },
    );
    expect(rows.id).toEqual(['a']);
    expect([...rows.stop]).toEqual([31]);
    expect([...rows.event]).toEqual([0]);
    expect(rows.exitKind).toEqual([null]);
  });

  it('restarts tenure and counts at a rehire', () => {
    const { rows } = personPeriods(
      {
        spells: [hire('a', '2020-01-01', '2020-01-10'), hire('a', '2020-02-01')],
        careerEvents: [{ employeeId: 'a', kind: 'promotion', date: '2020-01-05' }],
      },
      { asOf: '2020-02-10' },
    );
    expect([...rows.spell]).toEqual([0, 0, 1]);
    expect([...rows.start]).toEqual([0, 4, 0]);
    expect([...rows.stop]).toEqual([4, 10, 10]);
    expect([...rows.promotions]).toEqual([0, 1, 0]);
    expect([...rows.event]).toEqual([0, 1, 0]);
  });

  it('merges adjacent ranges whose covariates do not change', () => {
    const { rows } = personPeriods(
      {
        spells: [hire('a', '2020-01-01')],
        assignments: [assign('t', 'm', '2020-01-01', '2020-01-05'), assign('t', 'm', '2020-01-06')],
      },
      { asOf: '2020-01-10' },
    );
    expect([...rows.stop]).toEqual([10]);
    expect(rows.team).toEqual(['t']);
  });

  it('counts manager changes and leaves team and manager null in a gap', () => {
    const { rows } = personPeriods(
      {
        spells: [hire('a', '2020-01-01')],
        assignments: [assign('t', 'm', '2020-01-01', '2020-01-03'), assign('u', 'n', '2020-01-06')],
      },
      { asOf: '2020-01-10' },
    );
    expect([...rows.start]).toEqual([0, 3, 5]);
    expect(rows.team).toEqual(['t', null, 'u']);
    expect(rows.manager).toEqual(['m', null, 'n']);
    expect([...rows.managerChanges]).toEqual([0, 0, 1]);
  });

  it('keeps the latest identified eNPS answer, the later one on the same day', () => {
    const { rows } = personPeriods(
      {
        spells: [hire('a', '2020-01-01')],
        ...pulse(
          ['2020-01-03T18:00:00Z', 9],
          ['2020-01-03T08:00:00Z', 2],
          ['2020-01-07T08:00:00Z', null],
        ),
      },
      { asOf: '2020-01-10' },
    );
    expect(rows.enps).toEqual([null, 9]);
    expect([...rows.start]).toEqual([0, 2]);
  });

  it('reports bad records with collection, row, field and reason', () => {
    const issues = issuesOf(() =>
      personPeriods(
        {
          spells: [
            hire('a', '2020-01-01'),
            hire('a', '2020-06-01', '2020-07-01'),
            { employeeId: 'b', hireDate: '2020-02-30' },
            { employeeId: 'c', hireDate: '2020-01-01', terminationDate: '2020-02-01' },
          ],
          assignments: [
            { employeeId: 'a', teamId: 't', validFrom: '2020-01-01' },
            { employeeId: 'a', teamId: 'u', validFrom: '2020-03-01' },
          ],
          careerEvents: [{ employeeId: 'c', kind: 'promotion', date: '2021-01-01' }],
          ...pulse(['2020-01-03T18:00:00Z', 11]),
        },
        { asOf: '2020-12-31' },
      ),
    );
    expect(issues.map((issue) => [issue.collection, issue.row, issue.path, issue.code])).toEqual([
      ['spells', 3, 'hireDate', 'invalid_date'],
      ['spells', 4, 'separationKind', 'invalid_value'],
      ['spells', 2, '', 'overlapping_spells'],
      ['assignments', 2, '', 'overlapping_assignments'],
      ['careerEvents', 1, 'date', 'invalid_value'],
      ['responses', 1, 'answers.q', 'off_scale'],
    ]);
    expect(issues[2]?.message).toBe(
      'spells row 2: spell from 2020-06-01 overlaps row 1 (2020-01-01 to open) for "a"',
    );
    expect(issues[4]?.message).toBe(
      'careerEvents row 1: date 2021-01-01 is outside every employment spell of "c" (a promotion)',
    );
  });

  it('throws on malformed options and input', () => {
    const input = { spells: [hire('a', '2020-01-01')] };
    expect(codeOf(() => personPeriods(input, { asOf: '2020-13-01' }))).toBe('INVALID_DATE');
    expect(codeOf(() => personPeriods(input, { asOf: '2020-01-01', axis: 'x' as 'tenure' }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => personPeriods(input, { asOf: '2020-01-01', origin: '2020-01-01' }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => personPeriods(input, { asOf: '2020-01-01', exits: [] }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => personPeriods(input, { asOf: '2020-01-01', entry: 1 } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() => personPeriods(input, { asOf: '2020-01-01', recordsStart: '2020-01-02' })),
    ).toBe('INVALID_PERIOD');
    expect(codeOf(() => personPeriods({} as never, { asOf: '2020-01-01' }))).toBe('INVALID_INPUT');
  });

  it('does not mutate its input', () => {
    const input = {
      spells: [hire('a', '2020-03-01'), hire('a', '2020-01-01', '2020-01-31')],
      careerEvents: [
        { employeeId: 'a', kind: 'pay-change' as const, date: '2020-03-05', changePercent: 3 },
        { employeeId: 'a', kind: 'promotion' as const, date: '2020-01-05' },
      ],
    };
    const copy = structuredClone(input);
    personPeriods(input, { asOf: '2020-12-31' });
    expect(input).toEqual(copy);
  });
});
