import { addCalendarDays, createRandom, period } from '../src/core/index.js';
import type { Dataset } from '../src/schemas/index.js';
import { scorecards } from '../src/service/index.js';
import type { BenchCase } from './harness.js';

/**
 * A generated organisation: 100 000 employees, 10 000 managers in a tree, and 2 million service
 * records (1.6 M one-to-ones, 200 000 concerns, 200 000 ideas) over a year, plus one survey.
 */
function generated(): Dataset {
  const random = createRandom(11);
  const people = 100_000;
  const managers = 10_000;
  const id = (i: number) => `p${i}`;
  const managerOf = (i: number) =>
    i < managers
      ? i === 0
        ? undefined
        : Math.floor((i - 1) / 10)
      : Math.floor(random() * managers);
  const employees = Array.from({ length: people }, (_, i) => ({
    id: id(i),
    name: id(i),
    workerType: 'employee' as const,
    shareBirthday: random() < 0.3,
    birthDate: '1990-06-15',
    attributes: {},
    protectedAttributes: {},
  }));
  const spells = employees.map((e, i) => ({
    employeeId: e.id,
    hireDate: addCalendarDays('2020-01-01', Math.floor(random() * 1500)),
    ...(i >= managers && random() < 0.1
      ? {
          terminationDate: addCalendarDays('2025-01-01', Math.floor(random() * 300)),
          separationKind: 'voluntary' as const,
          regretted: random() < 0.3,
        }
      : {}),
  }));
  const assignments = employees.map((e, i) => {
    const manager = managerOf(i);
    return {
      employeeId: e.id,
      teamId: 't',
      validFrom: '2020-01-01',
      ...(manager === undefined ? {} : { managerId: id(manager) }),
      ...(spells[i]!.terminationDate === undefined ? {} : { validTo: spells[i]!.terminationDate }),
    };
  });
  const managerFor = assignments.map((a) => a.managerId);
  const pick = () => {
    let i: number;
    do i = managers + Math.floor(random() * (people - managers));
    while (managerFor[i] === undefined);
    return i;
  };
  const day = () => addCalendarDays('2025-01-01', Math.floor(random() * 300));
  const oneOnOnes = Array.from({ length: 1_600_000 }, (_, k) => {
    const i = pick();
    return {
      id: `o${k}`,
      employeeId: id(i),
      managerId: managerFor[i]!,
      date: day(),
      summaryWritten: random() < 0.7,
      summaryConfirmed: false,
      needs: [],
    };
  });
  const history = (start: string) => {
    const raised = `${start}T09:00:00Z`;
    return random() < 0.8
      ? [
          { status: 'raised' as const, at: raised },
          {
            status: 'acknowledged' as const,
            at: `${addCalendarDays(start, 1 + Math.floor(random() * 5))}T09:00:00Z`,
          },
        ]
      : [{ status: 'raised' as const, at: raised }];
  };
  const concerns = Array.from({ length: 200_000 }, (_, k) => {
    const i = pick();
    return {
      id: `c${k}`,
      employeeId: id(i),
      managerId: managerFor[i]!,
      topic: 'x',
      statusHistory: history(day()),
    };
  });
  const ideas = Array.from({ length: 200_000 }, (_, k) => {
    const i = pick();
    return {
      id: `i${k}`,
      employeeId: id(i),
      managerId: managerFor[i]!,
      title: 'x',
      statusHistory: history(day()),
    };
  });
  const responses = Array.from({ length: 70_000 }, (_, k) => ({
    id: `r${k}`,
    surveyId: 's',
    respondentId: id(managers + k),
    submittedAt: '2025-06-02T10:00:00Z',
    answers: { q: Math.floor(random() * 11) },
    comments: [],
  }));
  return {
    employees,
    spells,
    assignments,
    oneOnOnes,
    concerns,
    ideas,
    responses,
    teams: [{ id: 't', name: 'T' }],
    leaves: [],
    careerEvents: [],
    invitations: [],
    followUps: [],
    occasions: [],
    surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-06-01' }],
    questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?', tags: [] }],
  } as Dataset;
}

// Through JSON, as real data arrives (files, APIs): flat strings rather than the concatenated
// strings the generator builds, which V8 would flatten on first comparison inside the timing.
export const dataset = JSON.parse(JSON.stringify(generated())) as Dataset;
const options = { period: period('2025-01-01', '2025-11-01'), asOf: '2025-10-31' };

/** The naive way: for each manager, filter every record array. Run on 100 managers only. */
function naive(sample: number): number {
  let covered = 0;
  for (let m = 0; m < sample; m++) {
    const manager = `p${m}`;
    const reports = dataset.assignments
      .filter((a) => a.managerId === manager)
      .map((a) => a.employeeId);
    const met = new Set(
      dataset.oneOnOnes
        .filter((o) => o.managerId === manager && o.date >= '2025-10-01')
        .map((o) => o.employeeId),
    );
    covered += reports.filter((r) => met.has(r)).length;
    covered +=
      dataset.concerns.filter((c) => c.managerId === manager).length +
      dataset.ideas.filter((i) => i.managerId === manager).length;
  }
  return covered;
}

export const serviceCases: BenchCase[] = [
  {
    name: 'scorecards, every manager',
    size: '100 000 people, 10 000 managers, 2 M records',
    goal: '< 2000 ms',
    run: () => scorecards(dataset, options),
    baselineName: 'naive per-manager filtering, 100 of the 10 000 managers, 4 metrics',
    baseline: () => naive(100),
    meets: (median) => median < 2000,
    iterations: 3,
  },
  {
    // Issue 17: tree scope measured and published (no goal yet): every manager's whole tree,
    // each metric through the gate's tree table with complementary suppression.
    name: 'scorecards, every manager, tree scope',
    size: '100 000 people, 10 000 managers, 2 M records',
    goal: 'reference (not a goal)',
    run: () => scorecards(dataset, { ...options, scope: 'tree' }),
    baselineName: 'naive per-manager filtering, 100 of the 10 000 managers, 4 metrics',
    baseline: () => naive(100),
    meets: () => true,
    iterations: 3,
  },
];
