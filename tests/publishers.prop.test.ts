/**
 * The acceptance property of issue 14: random organisations through every publishing function of
 * the library; an exact attacker (the independent verifier, and brute force on tiny cases) learns
 * no value of a group of 1 to k-1 people (a cell, or hidden cells together) and no category that
 * all members of a group share. Three mutants of the gate (no non-negativity, no nesting of
 * horizons, no unions of hidden cells) fail it.
 *
 * Default run: a few seconds. `PUBLISHERS_RUNS=300 PUBLISHERS_LARGE=1` runs more and larger
 * organisations (teams of up to 200 people); `PUBLISHERS_BRUTE=1` adds the brute-force attacker
 * of tests/support/privacy.ts on tiny reports (minutes); `PUBLISHERS_PROFILE=1` prints where the
 * time goes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { gateMutants } from '../src/internal/gateMutants.js';
import { organisationReport } from '../src/organisation/organisationReport.js';
import { reportCommentsFor } from '../src/privacy/reportCommentsFor.js';
import type { PublishedCell, PublishedReport } from '../src/privacy/suppressTable.js';
import type { TableEquation } from '../src/privacy/table.js';
import { verifyNoDisclosure } from '../src/privacy/verifyNoDisclosure.js';
import { firstYearAttrition } from '../src/retention/firstYearAttrition.js';
import { hireCohorts } from '../src/retention/hireCohorts.js';
import { publishFirstYearAttrition } from '../src/retention/publishFirstYearAttrition.js';
import { publishHireCohorts } from '../src/retention/publishHireCohorts.js';
import { retentionPeople } from '../src/retention/retentionPeople.js';
import { turnoverByTeam } from '../src/retention/turnoverByTeam.js';
import { engagementIndexBy } from '../src/satisfaction/engagementIndexBy.js';
import { enpsBy } from '../src/satisfaction/enpsBy.js';
import { enpsTrend } from '../src/satisfaction/enpsTrend.js';
import { favourabilityBy } from '../src/satisfaction/favourabilityBy.js';
import { responseRateBy } from '../src/satisfaction/responseRateBy.js';
import { stayersVersusLeavers } from '../src/satisfaction/stayersVersusLeavers.js';
import { type Dataset, type DatasetInput, validateDataset } from '../src/schemas/dataset.js';
import { scorecards } from '../src/service/scorecards.js';
import { enumerateAttack } from './support/privacy.js';

const K = 5;
const LARGE = process.env.PUBLISHERS_LARGE === '1';
const RUNS = Number(process.env.PUBLISHERS_RUNS ?? 12);
/** Brute force beside the verifier on tiny reports (slow: minutes where a cell is all one category). */
const BRUTE = process.env.PUBLISHERS_BRUTE === '1';

/** A person: answers, whether they responded, and when and how they left (if they did). */
interface PersonSpec {
  readonly score: number;
  readonly likert: number;
  readonly location: 'x' | 'y';
  readonly responded: boolean;
  readonly answeredOn: number;
  readonly leaves: null | { readonly day: number; readonly kind: 'voluntary' | 'involuntary' };
}

/** A team: its parent (an earlier team) and its people. */
interface TeamSpec {
  readonly parent: number;
  readonly people: readonly PersonSpec[];
}

const person = (mood: number): fc.Arbitrary<PersonSpec> =>
  fc.record({
    // A team's mood makes everyone-the-same answers common.
    score: fc.oneof(fc.constant(mood), fc.integer({ min: 0, max: 10 })),
    likert: fc.oneof(fc.constant(1 + (mood % 5)), fc.integer({ min: 1, max: 5 })),
    location: fc.constantFrom('x' as const, 'y' as const),
    responded: fc.integer({ min: 0, max: 4 }).map((r) => r > 0),
    answeredOn: fc.integer({ min: 0, max: 100 }),
    leaves: fc.option(
      fc.record({
        day: fc.integer({ min: 30, max: 250 }),
        kind: fc.constantFrom('voluntary' as const, 'involuntary' as const),
      }),
      { freq: 3 },
    ),
  });

const team = (index: number): fc.Arbitrary<TeamSpec> =>
  fc.record({
    parent: fc.integer({ min: 0, max: Math.max(0, index - 1) }),
    people: fc.integer({ min: 0, max: 10 }).chain((mood) =>
      fc.array(person(mood), {
        maxLength: LARGE ? 200 : 14,
        size: LARGE ? 'large' : 'small',
      }),
    ),
  });

/** Up to 6 levels: a team's parent is an earlier team less than 5 levels deep. */
const treeSpec = fc
  .integer({ min: 1, max: LARGE ? 12 : 6 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => team(i))));

/**
 * A parent team with one large sub-team and two to four small ones (1 to 3 people each), under
 * a root: the parent minus the large sub-team is the small ones together, which the gate must
 * not let out when they hold fewer than k people (issue 14, differencing onto two hidden cells).
 */
const fanSpec = fc
  .integer({ min: 0, max: 10 })
  .chain((mood) =>
    fc.tuple(
      fc.array(person(mood), { maxLength: 8 }),
      fc.array(person(mood), { maxLength: 3 }),
      fc.array(person(mood), { minLength: 5, maxLength: 12 }),
      fc.array(fc.array(person(mood), { minLength: 1, maxLength: 3 }), {
        minLength: 2,
        maxLength: 4,
      }),
    ),
  )
  .map(([root, own, large, small]): TeamSpec[] => [
    { parent: 0, people: root },
    { parent: 0, people: own },
    { parent: 1, people: large },
    ...small.map((people) => ({ parent: 1, people })),
  ]);

const organisationSpec = fc.oneof(treeSpec, fanSpec);

const day = (offset: number) => {
  const date = new Date(Date.UTC(2025, 2, 2) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
};

/** The dataset of an organisation spec: teams t0 (root), t1 ...; each team led by `lead<t>`. */
function build(specs: readonly TeamSpec[]): Dataset {
  const depth: number[] = [];
  const teams = specs.map((spec, i) => {
    const parent = i === 0 ? undefined : depth[spec.parent]! >= 5 ? 0 : spec.parent;
    depth[i] = parent === undefined ? 0 : depth[parent]! + 1;
    return {
      id: `t${i}`,
      name: `T${i}`,
      ...(parent === undefined ? {} : { parentId: `t${parent}` }),
    };
  });
  type Rows<K extends keyof DatasetInput> = NonNullable<DatasetInput[K]>[number][];
  const employees: Rows<'employees'> = [];
  const assignments: Rows<'assignments'> = [];
  const spells: Rows<'spells'> = [];
  const invitations: Rows<'invitations'> = [];
  const responses: Rows<'responses'> = [];
  const input = { employees, assignments, spells, invitations, responses };
  specs.forEach((spec, t) => {
    const lead = `lead${t}`;
    const parent = teams[t]!.parentId;
    input.employees.push({ id: lead, name: lead });
    input.spells.push({ employeeId: lead, hireDate: '2020-01-01' });
    if (parent !== undefined) {
      const of = Number(parent.slice(1));
      input.assignments.push({
        employeeId: lead,
        managerId: `lead${of}`,
        teamId: parent,
        validFrom: '2020-01-01',
      });
    }
    spec.people.forEach((p, i) => {
      const id = `p${t}-${i}`;
      input.employees.push({ id, name: id, attributes: { location: p.location } });
      input.assignments.push({
        employeeId: id,
        managerId: lead,
        teamId: `t${t}`,
        validFrom: '2020-01-01',
      });
      input.spells.push({
        employeeId: id,
        hireDate: i % 4 === 0 ? '2024-02-15' : '2020-01-01',
        ...(p.leaves === null
          ? {}
          : { terminationDate: day(p.leaves.day), separationKind: p.leaves.kind }),
      });
      input.invitations.push({ surveyId: 's', employeeId: id });
      if (p.responded)
        input.responses.push({
          id,
          surveyId: 's',
          respondentId: id,
          submittedAt: `${day(p.answeredOn)}T10:00:00Z`,
          answers: { q: p.score, g: p.likert },
        });
    });
  });
  const { dataset, issues } = validateDataset({
    ...input,
    teams,
    surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
    questions: [
      { id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' },
      { id: 'g', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' },
    ],
  });
  if (issues.length > 0) throw new Error(JSON.stringify(issues.slice(0, 2)));
  return dataset;
}

/** Every finding of the verifier, and of brute force where the report is tiny. */
function attack(name: string, report: PublishedReport): string[] {
  return timed(`attack ${name}`, () => attackNow(name, report));
}
function attackNow(name: string, report: PublishedReport): string[] {
  const findings = verifyNoDisclosure(report).findings.map(
    (f) => `${name}: ${f.cell} ${f.kind} ${f.detail}`,
  );
  const hidden = report.cells.filter((cell) => cell.status === 'suppressed' && cell.n > 0);
  const keys = new Set(report.cells.flatMap((cell) => Object.keys(cell.counts ?? {})));
  const tiny = hidden.length <= 3 && keys.size <= 3 && hidden.every((cell) => cell.n <= 6);
  if (BRUTE && tiny && report.equations.length > 0) {
    const brute = enumerateAttack(report, 50_000);
    if (brute !== 'too-large')
      findings.push(...brute.map((cell) => `${name}: ${cell} brute force`));
  }
  return findings;
}

/** The attacker's own table of `stayersVersusLeavers`: the truth, and the nesting of horizons. */
function attritionAttack(
  dataset: Dataset,
  horizons: readonly number[],
  asOf: string,
): PublishedReport {
  const result = stayersVersusLeavers(dataset, { surveyId: 's', horizons, asOf, minGroupSize: K });
  const left = new Map(
    dataset.spells
      .filter((s) => s.terminationDate !== undefined)
      .map((s) => [s.employeeId, s.terminationDate!]),
  );
  const buckets = (value: number) =>
    value >= 4 ? 'favourable' : value === 3 ? 'neutral' : 'unfavourable';
  const variables = { answer: ['favourable', 'neutral', 'unfavourable'] };
  const tally = (within: (respondent: string, on: string) => boolean) => {
    const counts: Record<string, number> = { favourable: 0, neutral: 0, unfavourable: 0 };
    let n = 0;
    for (const r of dataset.responses) {
      if (!within(r.respondentId!, r.submittedAt.slice(0, 10))) continue;
      n++;
      counts[buckets(r.answers.g as number)]!++;
    }
    return { n, counts, variables };
  };
  const leftWithin = (respondent: string, on: string, horizon: number) => {
    const end = new Date(Date.parse(on) + horizon * 86_400_000).toISOString().slice(0, 10);
    const when = left.get(respondent);
    return when !== undefined && when >= on && when <= end;
  };
  const cells: PublishedCell[] = [{ id: 'all', ...tally(() => true), status: 'suppressed' }];
  const equations: TableEquation[] = [];
  const comparisons = result.items[0]!.horizons;
  horizons.forEach((horizon, i) => {
    const comparison = comparisons[i];
    if (comparison === null || comparison === undefined) return;
    cells.push(
      {
        id: `L${horizon}`,
        ...tally((r, on) => leftWithin(r, on, horizon)),
        status: comparison.leavers.status,
      },
      {
        id: `S${horizon}`,
        ...tally((r, on) => !leftWithin(r, on, horizon)),
        status: comparison.stayers.status,
      },
    );
    equations.push({ total: 'all', parts: [`L${horizon}`, `S${horizon}`] });
    const next = horizons[i + 1];
    if (next === undefined || comparisons[i + 1] === null) return;
    cells.push({
      id: `I${horizon}`,
      ...tally((r, on) => leftWithin(r, on, next) && !leftWithin(r, on, horizon)),
      status: 'suppressed',
    });
    equations.push(
      { total: `L${next}`, parts: [`L${horizon}`, `I${horizon}`] },
      { total: `S${horizon}`, parts: [`S${next}`, `I${horizon}`] },
    );
  });
  return { cells, equations, minGroupSize: K };
}

const timings = new Map<string, number>();
const timed = <T>(name: string, run: () => T): T => {
  const started = performance.now();
  const result = run();
  timings.set(name, (timings.get(name) ?? 0) + performance.now() - started);
  return result;
};

/** Every publishing function on one organisation; the findings of the attacker. */
function findings(specs: readonly TeamSpec[]): string[] {
  const dataset = timed('build', () => build(specs));
  const found: string[] = [];
  const shownAtLeastK = (name: string, cells: readonly { status: string; n?: number }[]) => {
    for (const cell of cells)
      if (cell.status === 'shown' && (cell.n ?? K) < K)
        found.push(`${name}: shown with n = ${cell.n}`);
  };
  if (dataset.responses.length > 0) {
    for (const by of [
      { kind: 'team' },
      { kind: 'manager', scope: 'tree' },
      { kind: 'manager', scope: 'direct' },
      { kind: 'attribute', name: 'location' },
    ] as const) {
      found.push(
        ...attack(
          `enpsBy ${by.kind}`,
          enpsBy(dataset, { surveyId: 's', by, minGroupSize: K }).report,
        ),
      );
    }
    found.push(
      ...attack(
        'favourabilityBy',
        favourabilityBy(dataset, {
          surveyId: 's',
          questionId: 'g',
          by: { kind: 'team' },
          minGroupSize: K,
        }).report,
      ),
    );
    found.push(
      ...attack(
        'responseRateBy',
        responseRateBy(dataset, { surveyId: 's', minGroupSize: K }).report,
      ),
    );
    found.push(
      ...attack(
        'engagementIndexBy',
        engagementIndexBy(dataset, { surveyId: 's', minGroupSize: K }).report,
      ),
    );
    // The trend's months: disjoint groups, no total published.
    const answers = dataset.responses.map((r) => ({
      submittedAt: r.submittedAt,
      score: r.answers.q as number,
    }));
    const trend = enpsTrend(answers, { interval: 'month', asOf: '2025-06-30', minGroupSize: K });
    const byMonth = new Map<string, { n: number; counts: Record<string, number> }>();
    for (const answer of answers) {
      const month = answer.submittedAt.slice(0, 7);
      const cell = byMonth.get(month) ?? { n: 0, counts: { d: 0, p: 0, r: 0 } };
      cell.n++;
      cell.counts[answer.score <= 6 ? 'd' : answer.score <= 8 ? 'p' : 'r']!++;
      byMonth.set(month, cell);
    }
    found.push(
      ...attack('enpsTrend', {
        minGroupSize: K,
        equations: [],
        cells: trend.points.map((point) => ({
          id: point.period.start,
          ...(byMonth.get(point.period.start.slice(0, 7)) ?? {
            n: 0,
            counts: { d: 0, p: 0, r: 0 },
          }),
          variables: { answer: ['d', 'p', 'r'] },
          status: point.result.status,
        })),
      }),
    );
    found.push(
      ...attack('stayersVersusLeavers', attritionAttack(dataset, [30, 90, 180], '2026-06-30')),
    );
    // Comments of every team roll-up and of the whole survey: no region of their Venn diagram
    // holds 1 to 9 respondents.
    const members = new Map<string, string[]>();
    for (const a of dataset.assignments) {
      const responded = dataset.responses.some((r) => r.respondentId === a.employeeId);
      if (!responded) continue;
      for (
        let t: string | undefined = a.teamId;
        t !== undefined;
        t = dataset.teams.find((x) => x.id === t)!.parentId
      )
        members.set(t, [...(members.get(t) ?? []), a.employeeId]);
    }
    const groups = [...members].map(([id, keys]) => ({
      id,
      respondents: keys,
      comments: keys.map((k) => `comment of ${k}`),
    }));
    const released = reportCommentsFor(groups);
    const shownGroups = [...released.groups]
      .filter(([, cell]) => cell.status === 'shown')
      .map(([id]) => new Set(members.get(id)));
    const regions = new Map<string, number>();
    for (const key of new Set([...members.values()].flat())) {
      const signature = shownGroups.map((g) => (g.has(key) ? '1' : '0')).join('');
      if (signature.includes('1')) regions.set(signature, (regions.get(signature) ?? 0) + 1);
    }
    for (const [region, size] of regions)
      if (size < 10) found.push(`comments: region ${region} holds ${size}`);
  }
  const people = retentionPeople(dataset);
  const year = { start: '2025-01-01', end: '2026-01-01' };
  const byTeam = turnoverByTeam(people, year, { transfers: 'not-separation', minGroupSize: K });
  shownAtLeastK(
    'turnoverByTeam',
    byTeam.teams.map((t) => t.turnover),
  );
  const cohorts = publishHireCohorts(
    hireCohorts(people, { asOf: '2026-06-30', cohort: 'quarter', horizons: [3, 6, 12] }),
    { minGroupSize: K },
  );
  found.push(...attack('publishHireCohorts', cohorts.report));
  const firstYear = publishFirstYearAttrition(
    firstYearAttrition(people, { asOf: '2026-06-30', cohort: 'quarter' }),
    { minGroupSize: K },
  );
  found.push(...attack('publishFirstYearAttrition', firstYear.report));
  for (const scope of ['direct', 'tree'] as const) {
    const cards = timed('scorecards', () =>
      scorecards(dataset, { period: year, asOf: '2025-12-31', scope, minGroupSize: K }),
    );
    for (const card of cards.scorecards)
      shownAtLeastK(`scorecards ${scope}`, Object.values(card.metrics));
  }
  const report = timed('report', () =>
    organisationReport(dataset, { asOf: '2025-12-31', minGroupSize: K }),
  );
  for (const section of report.sections) {
    if (section.id === 'heatmap')
      shownAtLeastK(
        'report heatmap',
        section.cells.map((c) => c.cell),
      );
    if (section.id === 'enps')
      shownAtLeastK('report eNPS', [section.enps, ...section.items.map((i) => i.result)]);
    if (section.id === 'trend')
      shownAtLeastK(
        'report trend',
        section.trend.points.map((p) => p.result),
      );
  }
  return found;
}

const property = fc.property(organisationSpec, (specs) => {
  expect(findings(specs)).toEqual([]);
});

describe('every publishing function against an exact attacker (issue 14 acceptance)', () => {
  afterEach(() => {
    gateMutants.dropNonNegativity = false;
    gateMutants.dropNesting = false;
    gateMutants.dropUnions = false;
  });

  it('lets nobody learn a value of 1 to k-1 people or a category all members share', () => {
    fc.assert(property, { numRuns: RUNS, seed: 14 });
    if (process.env.PUBLISHERS_PROFILE === '1') console.log(timings);
  }, 120_000);

  /** The attacker's findings on the first organisation that fails with `mutant` switched on. */
  const failureWith = (mutant: keyof typeof gateMutants): string => {
    gateMutants[mutant] = true;
    const result = fc.check(property, {
      numRuns: Math.max(RUNS, 60),
      seed: 14,
      endOnFailure: true,
    });
    expect(result.failed).toBe(true);
    return findings(result.counterexample![0]).join('\n');
  };

  it('catches a gate that forgets the nesting of horizons', () => {
    // A disclosure the attacker found, not an error.
    expect(failureWith('dropNesting')).toMatch(/^stayersVersusLeavers: /m);
  }, 120_000);

  it('catches a gate that forgets unions of suppressed cells (small sub-teams of a shown team)', () => {
    expect(failureWith('dropUnions')).toMatch(/ union n = /);
  }, 120_000);

  it('catches a gate that forgets that counts are >= 0', () => {
    expect(failureWith('dropNonNegativity')).not.toBe('');
  }, 120_000);
});
