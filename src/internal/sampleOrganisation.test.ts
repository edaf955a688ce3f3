import { readFileSync } from 'node:fs';
import { sampleCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { calendarDaysBetween } from '../core/calendarDay.js';
import { isInternalCustomerError } from '../core/errors.js';
import { toCsv } from '../csv/index.js';
import {
  DATASET_COLLECTIONS,
  type Dataset,
  type DatasetCollection,
  validateDataset,
} from '../schemas/dataset.js';
import {
  DEFAULT_SAMPLE_AS_OF,
  DEFAULT_SAMPLE_SEED,
  generateSampleOrganisation,
  sampleRecordsStart,
} from './sampleOrganisation.js';

const asOf = DEFAULT_SAMPLE_AS_OF;
const input = generateSampleOrganisation();
const { dataset, issues } = validateDataset(input);

/** Whether a person has an employment spell covering a day. */
function employedAt(data: Dataset): (id: string, day: string) => boolean {
  const spells = new Map<string, Dataset['spells']>();
  for (const spell of data.spells) {
    spells.set(spell.employeeId, [...(spells.get(spell.employeeId) ?? []), spell]);
  }
  return (id, day) =>
    (spells.get(id) ?? []).some(
      (s) => s.hireDate <= day && (s.terminationDate === undefined || day <= s.terminationDate),
    );
}

const employed = employedAt(dataset);

const payroll = new Set(
  dataset.employees
    .filter((e) => e.workerType === 'employee' || e.workerType === 'direct-temporary')
    .map((e) => e.id),
);

function headcount(day: string): number {
  return dataset.spells.filter(
    (s) =>
      payroll.has(s.employeeId) &&
      s.hireDate <= day &&
      (s.terminationDate === undefined || day <= s.terminationDate),
  ).length;
}

function teamSizes(data: Dataset, day: string): Map<string, number> {
  const sizes = new Map<string, number>(data.teams.map((t) => [t.id, 0]));
  for (const a of data.assignments) {
    if (a.validFrom <= day && (a.validTo === undefined || day <= a.validTo)) {
      sizes.set(a.teamId, (sizes.get(a.teamId) ?? 0) + 1);
    }
  }
  return sizes;
}

describe('generateSampleOrganisation', () => {
  it('has a records start like a real extract: hires before it, no termination before it', () => {
    const start = sampleRecordsStart();
    expect(start).toBe('2022-10-01');
    expect(dataset.spells.some((spell) => spell.hireDate < start)).toBe(true);
    expect(
      dataset.spells.every(
        (spell) => spell.terminationDate === undefined || spell.terminationDate >= start,
      ),
    ).toBe(true);
    expect(sampleRecordsStart(asOf)).toBe(start);
    // The examples name it as a constant (they import only the published entry points).
    expect(
      readFileSync(new URL('../../examples/lib/dataset.ts', import.meta.url), 'utf8'),
    ).toContain(`SAMPLE_RECORDS_START: CalendarDay = '${start}'`);
    expect(() => sampleRecordsStart('2026-02-30')).toThrow(/sampleRecordsStart requires asOf/);
  });

  it('returns the same dataset for the same seed', () => {
    expect(generateSampleOrganisation({ seed: 5 })).toEqual(
      generateSampleOrganisation({ seed: 5 }),
    );
  });

  it('returns a different dataset for a different seed', () => {
    const other = generateSampleOrganisation({ seed: 6 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(input));
    expect(other.employees?.[0]?.name).not.toBe(input.employees?.[0]?.name);
  });

  it('uses the default seed and asOf when none are given', () => {
    expect(JSON.stringify(input)).toBe(
      JSON.stringify(generateSampleOrganisation({ seed: DEFAULT_SAMPLE_SEED, asOf })),
    );
  });

  it('passes validateDataset with zero issues, for the defaults and for another seed and day', () => {
    expect(issues).toEqual([]);
    const other = validateDataset(generateSampleOrganisation({ seed: 11, asOf: '2024-02-29' }));
    expect(other.issues).toEqual([]);
  });

  it('throws INVALID_DATE for an asOf that is not a calendar day and INVALID_OPTION for a bad seed', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isInternalCustomerError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => generateSampleOrganisation({ asOf: '2026-02-30' }))).toBe('INVALID_DATE');
    expect(codeOf(() => generateSampleOrganisation({ seed: 1.5 }))).toBe('INVALID_OPTION');
  });

  it('employs about 400 people on asOf', () => {
    const current = new Set(dataset.employees.map((e) => e.id).filter((id) => employed(id, asOf)));
    expect(current.size).toBeGreaterThanOrEqual(380);
    expect(current.size).toBeLessThanOrEqual(420);
    const types = new Set(dataset.employees.map((e) => e.workerType));
    expect([...types].sort()).toEqual(['agency', 'contractor', 'direct-temporary', 'employee']);
    const employees = dataset.employees.filter((e) => current.has(e.id));
    expect(
      employees.filter((e) => e.workerType === 'employee').length / current.size,
    ).toBeGreaterThan(0.9);
  });

  it('builds a team tree of four levels, and every current reporting line ends at one person', () => {
    const parent = new Map(dataset.teams.map((t) => [t.id, t.parentId]));
    const depth = (id: string | undefined): number =>
      id === undefined ? 0 : 1 + depth(parent.get(id));
    const levels = new Set(dataset.teams.map((t) => depth(t.id)));
    expect([...levels].sort()).toEqual([1, 2, 3, 4]);
    const current = dataset.assignments.filter((a) => a.validTo === undefined);
    const top = current.filter((a) => a.managerId === undefined);
    expect(top).toHaveLength(1);
    const managerOf = new Map(current.map((a) => [a.employeeId, a.managerId]));
    for (const a of current) {
      let steps = 0;
      let person: string | undefined = a.employeeId;
      while (person !== undefined && steps < 10) {
        person = managerOf.get(person);
        steps += 1;
      }
      expect(person, `the reporting line of ${a.employeeId}`).toBeUndefined();
    }
  });

  it('keeps most teams at 5-12 people and a few below 5', () => {
    const sizes = [...teamSizes(dataset, asOf).values()];
    const regular = sizes.filter((n) => n >= 5 && n <= 12).length;
    const small = sizes.filter((n) => n < 5).length;
    expect(regular / sizes.length).toBeGreaterThan(0.8);
    expect(small).toBeGreaterThanOrEqual(2);
    expect(small).toBeLessThanOrEqual(8);
  });

  it('turns over between 10% and 20% a year, more in the first year of tenure', () => {
    for (let year = 0; year < 4; year++) {
      const from = `${2022 + year}-10-01`;
      const to = `${2023 + year}-09-30`;
      const leavers = dataset.spells.filter(
        (s) =>
          payroll.has(s.employeeId) &&
          s.terminationDate !== undefined &&
          s.terminationDate >= from &&
          s.terminationDate <= to,
      ).length;
      const rate = leavers / ((headcount(from) + headcount(to)) / 2);
      expect(rate, `turnover from ${from} to ${to}`).toBeGreaterThan(0.1);
      expect(rate, `turnover from ${from} to ${to}`).toBeLessThan(0.2);
    }
    const leftWithinYear = (s: Dataset['spells'][number]) =>
      s.terminationDate !== undefined && calendarDaysBetween(s.hireDate, s.terminationDate) < 365;
    const hires = dataset.spells.filter(
      (s) => payroll.has(s.employeeId) && s.hireDate >= '2022-10-01' && s.hireDate <= '2025-09-30',
    );
    const firstYear = hires.filter(leftWithinYear).length / hires.length;
    const tenured = dataset.spells.filter(
      (s) =>
        payroll.has(s.employeeId) &&
        calendarDaysBetween(s.hireDate, '2022-10-01') >= 365 &&
        (s.terminationDate === undefined || s.terminationDate >= '2022-10-01'),
    );
    const later =
      tenured.filter((s) => s.terminationDate !== undefined && s.terminationDate <= '2023-09-30')
        .length / tenured.length;
    expect(firstYear).toBeGreaterThan(1.5 * later);
  });

  it('separates mostly voluntarily, says whether each leaver was regretted, and rehires a few', () => {
    const leavers = dataset.spells.filter((s) => s.terminationDate !== undefined);
    const voluntary = leavers.filter((s) => s.separationKind === 'voluntary').length;
    expect(voluntary / leavers.length).toBeGreaterThan(0.5);
    expect(leavers.some((s) => s.separationKind === 'involuntary')).toBe(true);
    expect(leavers.some((s) => s.separationKind === 'other')).toBe(true);
    expect(leavers.every((s) => typeof s.regretted === 'boolean')).toBe(true);
    const spellsPerPerson = new Map<string, number>();
    for (const s of dataset.spells) {
      spellsPerPerson.set(s.employeeId, (spellsPerPerson.get(s.employeeId) ?? 0) + 1);
    }
    const rehired = [...spellsPerPerson.values()].filter((n) => n > 1).length;
    expect(rehired).toBeGreaterThanOrEqual(1);
    expect(rehired).toBeLessThanOrEqual(20);
  });

  it('records transfers, manager changes, leaves, career events and opt-in birthdays', () => {
    let transfers = 0;
    let managerChanges = 0;
    const previous = new Map<string, Dataset['assignments'][number]>();
    for (const a of dataset.assignments) {
      const before = previous.get(a.employeeId);
      if (before !== undefined && before.validTo !== undefined) {
        if (before.teamId !== a.teamId) transfers += 1;
        else if (before.managerId !== a.managerId) managerChanges += 1;
      }
      previous.set(a.employeeId, a);
    }
    expect(transfers).toBeGreaterThan(10);
    expect(managerChanges).toBeGreaterThan(50);
    expect(new Set(dataset.leaves.map((l) => l.kind))).toEqual(
      new Set(['parental', 'sick', 'sabbatical', 'unpaid']),
    );
    expect(new Set(dataset.careerEvents.map((c) => c.kind))).toEqual(
      new Set(['promotion', 'pay-change']),
    );
    const sharing = dataset.employees.filter((e) => e.shareBirthday).length;
    expect(sharing / dataset.employees.length).toBeGreaterThan(0.2);
    expect(sharing / dataset.employees.length).toBeLessThan(0.6);
    const sharers = new Set(dataset.employees.filter((e) => e.shareBirthday).map((e) => e.id));
    const birthdays = dataset.occasions.filter((o) => o.kind === 'birthday');
    expect(birthdays.length).toBeGreaterThan(0);
    expect(birthdays.every((o) => sharers.has(o.employeeId))).toBe(true);
  });

  it('keeps every dated record inside the employment of the people it names', () => {
    const problems: string[] = [];
    for (const a of dataset.assignments) {
      const last = a.validTo ?? asOf;
      for (const id of [a.employeeId, a.managerId]) {
        if (id !== undefined && !(employed(id, a.validFrom) && employed(id, last))) {
          problems.push(`assignment of ${a.employeeId} from ${a.validFrom}: ${id}`);
        }
      }
    }
    for (const m of dataset.oneOnOnes) {
      if (!employed(m.employeeId, m.date) || !employed(m.managerId, m.date)) problems.push(m.id);
    }
    for (const item of [...dataset.ideas, ...dataset.concerns]) {
      const raised = item.statusHistory[0]!.at.slice(0, 10);
      const last = item.statusHistory.at(-1)!.at.slice(0, 10);
      if (!employed(item.employeeId, raised) || !employed(item.managerId, last)) {
        problems.push(item.id);
      }
    }
    for (const f of dataset.followUps) {
      if (!employed(f.managerId, f.date) || (f.employeeId && !employed(f.employeeId, f.date))) {
        problems.push(f.id);
      }
    }
    for (const r of dataset.responses) {
      if (r.respondentId !== undefined && !employed(r.respondentId, r.submittedAt.slice(0, 10))) {
        problems.push(r.id);
      }
    }
    expect(problems).toEqual([]);
  });

  it('holds 16 quarterly surveys with each confidentiality mode several times', () => {
    expect(dataset.surveys).toHaveLength(16);
    const modes = new Map<string, number>();
    for (const s of dataset.surveys)
      modes.set(s.confidentiality, (modes.get(s.confidentiality) ?? 0) + 1);
    for (const mode of ['anonymous', 'confidential', 'identified']) {
      expect(modes.get(mode), mode).toBeGreaterThanOrEqual(3);
    }
    for (const survey of dataset.surveys) {
      const questions = dataset.questions.filter((q) => q.surveyId === survey.id);
      expect(questions.filter((q) => q.kind === 'enps')).toHaveLength(1);
      expect(questions.filter((q) => q.kind === 'text')).toHaveLength(1);
      const likert = questions.filter((q) => q.kind === 'likert');
      expect(likert.length).toBeGreaterThanOrEqual(6);
      expect(likert.length).toBeLessThanOrEqual(10);
      expect(likert.filter((q) => q.tags.includes('intent-to-stay'))).toHaveLength(1);
      expect(likert.every((q) => q.kind === 'likert' && q.points === 5 && q.factor)).toBe(true);
    }
  });

  it('keeps respondent ids out of anonymous surveys and in the others', () => {
    const mode = new Map(dataset.surveys.map((s) => [s.id, s.confidentiality]));
    for (const r of dataset.responses) {
      expect(r.respondentId === undefined, r.id).toBe(mode.get(r.surveyId) === 'anonymous');
    }
    expect(dataset.responses.every((r) => r.submittedAt.endsWith('Z'))).toBe(true);
  });

  it('invites everyone employed when a survey opens, and 70-85% of them respond', () => {
    for (const survey of dataset.surveys) {
      const invited = dataset.invitations.filter((i) => i.surveyId === survey.id);
      const expected = new Set(
        dataset.employees.map((e) => e.id).filter((id) => employed(id, survey.opensOn)),
      );
      expect(new Set(invited.map((i) => i.employeeId))).toEqual(expected);
      const rate =
        dataset.responses.filter((r) => r.surveyId === survey.id).length / invited.length;
      expect(rate, survey.id).toBeGreaterThan(0.6);
      expect(rate, survey.id).toBeLessThan(0.9);
    }
    const overall = dataset.responses.length / dataset.invitations.length;
    expect(overall).toBeGreaterThan(0.7);
    expect(overall).toBeLessThan(0.85);
  });

  it('gives answers that correlate between items and with eNPS, with some skipped', () => {
    const annual = dataset.surveys.filter((s) => s.name.startsWith('Annual'));
    const items = dataset.questions
      .filter((q) => q.surveyId === annual[0]!.id && q.kind === 'likert')
      .map((q) => q.id);
    const responses = dataset.responses.filter((r) => annual.some((s) => s.id === r.surveyId));
    const correlation = (a: string, b: string) => {
      const both = responses.filter(
        (r) => typeof r.answers[a] === 'number' && typeof r.answers[b] === 'number',
      );
      return sampleCorrelation(
        both.map((r) => r.answers[a] as number),
        both.map((r) => r.answers[b] as number),
      );
    };
    const pairs: number[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) pairs.push(correlation(items[i]!, items[j]!));
    }
    const mean = pairs.reduce((sum, r) => sum + r, 0) / pairs.length;
    expect(Math.min(...pairs)).toBeGreaterThan(0.15);
    expect(mean).toBeGreaterThan(0.3);
    expect(mean).toBeLessThan(0.6);
    expect(correlation('enps', 'stay1')).toBeGreaterThan(0.4);
    const skipped = responses.filter((r) => Object.values(r.answers).includes(null)).length;
    expect(skipped).toBeGreaterThan(0);
  });

  it('shows lower eNPS in the months before a voluntary leaving', () => {
    const opens = new Map(dataset.surveys.map((s) => [s.id, s.opensOn]));
    const leaving: number[] = [];
    const staying: number[] = [];
    for (const r of dataset.responses) {
      const score = r.answers.enps;
      if (r.respondentId === undefined || typeof score !== 'number') continue;
      const day = opens.get(r.surveyId)!;
      const spell = dataset.spells.find(
        (s) =>
          s.employeeId === r.respondentId &&
          s.hireDate <= day &&
          (s.terminationDate === undefined || day <= s.terminationDate),
      )!;
      const soon =
        spell.separationKind === 'voluntary' &&
        calendarDaysBetween(day, spell.terminationDate!) <= 180;
      (soon ? leaving : staying).push(score);
    }
    const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
    expect(leaving.length).toBeGreaterThan(50);
    expect(mean(staying) - mean(leaving)).toBeGreaterThan(0.8);
  });

  it('varies how managers serve their reports', () => {
    const perManager = new Map<string, number>();
    for (const m of dataset.oneOnOnes)
      perManager.set(m.managerId, (perManager.get(m.managerId) ?? 0) + 1);
    const reports = new Map<string, number>();
    for (const a of dataset.assignments) {
      if (a.managerId !== undefined && a.validTo === undefined) {
        reports.set(a.managerId, (reports.get(a.managerId) ?? 0) + 1);
      }
    }
    const perReport = [...reports]
      .map(([id, n]) => (perManager.get(id) ?? 0) / n)
      .sort((a, b) => a - b);
    const quartile = (q: number) => perReport[Math.floor(q * (perReport.length - 1))]!;
    expect(quartile(0.75) / quartile(0.25)).toBeGreaterThan(2);
    const statuses = new Set(dataset.ideas.map((i) => i.statusHistory.at(-1)!.status));
    expect(statuses).toEqual(
      new Set(['raised', 'acknowledged', 'in-progress', 'adopted', 'declined']),
    );
    expect(dataset.concerns.some((c) => c.resolutionRating !== undefined)).toBe(true);
    expect(dataset.followUps.some((f) => f.audience === 'person')).toBe(true);
    expect(dataset.occasions.some((o) => o.acknowledged)).toBe(true);
    expect(dataset.occasions.some((o) => !o.acknowledged)).toBe(true);
  });

  // Run under both TZ projects of vitest.config.ts, this also proves that the output does not
  // depend on the machine's time zone.
  it('matches the committed examples/data files', () => {
    const regenerate = 'run `npx tsx tests/support/generate-sample-data.ts` and commit the result';
    const read = (file: string) =>
      readFileSync(new URL(`../../examples/data/${file}`, import.meta.url), 'utf8');
    const committed = JSON.stringify(JSON.parse(read('dataset.json')));
    expect(
      committed === JSON.stringify(input),
      `examples/data/dataset.json differs from the generator: ${regenerate}`,
    ).toBe(true);
    for (const key of Object.keys(DATASET_COLLECTIONS) as DatasetCollection[]) {
      // Line ends normalised, in case git rewrote them on checkout (no value holds a line break).
      const csv = toCsv((input[key] ?? []) as readonly Record<string, unknown>[]);
      expect(
        read(`${key}.csv`).replaceAll('\r\n', '\n') === csv.replaceAll('\r\n', '\n'),
        `examples/data/${key}.csv differs from the generator: ${regenerate}`,
      ).toBe(true);
    }
  });
});
