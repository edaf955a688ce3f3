import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSampleOrganisation } from '../internal/sampleOrganisation.js';
import { codeOf } from '../internal/testing/codeOf.js';
import { expectClose } from '../internal/testing/expectClose.js';
import { validateDataset } from '../schemas/index.js';
import type { IncidenceFixture } from './fixtures/incidenceFixture.js';
import { type RetentionPerson, retentionPeople } from './retentionPeople.js';
import { tenureIncidence } from './tenureIncidence.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/cumulative-incidence.json', import.meta.url), 'utf8'),
) as IncidenceFixture;

const spell = (
  hireDate: string,
  terminationDate?: string,
  separationKind?: 'voluntary' | 'involuntary' | 'other',
  regretted?: boolean,
) => ({ hireDate, terminationDate, separationKind, regretted });

describe('tenureIncidence on the sample organisation against R (fixtures/cumulative-incidence.R)', () => {
  const { dataset } = validateDataset(generateSampleOrganisation());
  const people = retentionPeople(dataset);
  const options = {
    asOf: '2026-09-30',
    recordsStart: '2022-10-01',
    unit: 'days',
    minGroupSize: 3,
  } as const;
  const departments = Object.keys(fixture.sets.sample!.fits.log);

  it('shows most departments, each equal to survfit(Surv(entry, days, exit) ~ department)', () => {
    let shown = 0;
    for (const department of departments) {
      const members = people.filter((p) => p.attributes?.department === department);
      const result = tenureIncidence(members, options);
      if (result.overall.status !== 'shown') continue;
      shown += 1;
      const fit = result.overall.value;
      const want = fixture.sets.sample!.fits.log[department]!;
      expect(fit.time).toEqual(want.time);
      expect(fit.atRisk).toEqual(want.atRisk);
      for (const curve of fit.incidence) {
        expectClose(curve.probability, want.states[curve.kind]!.probability, 1e-9, department);
        expectClose(curve.standardError, want.states[curve.kind]!.standardError, 1e-9, department);
      }
      const regretted = fixture.sets['sample-regretted']!.fits.log[department]!.states.regretted!;
      expectClose(fit.regretted.probability, regretted.probability, 1e-9, department);
      expectClose(fit.regretted.standardError, regretted.standardError, 1e-9, department);
      expectClose(fit.regretted.upper, regretted.upper, 1e-9, department);
    }
    expect(shown).toBeGreaterThanOrEqual(departments.length / 2);
  });

  it('keeps the regretted curve at or below the sum of the kinds, and counts people by exit', () => {
    const result = tenureIncidence(people, options);
    expect(result.overall.status).toBe('shown');
    if (result.overall.status !== 'shown') return;
    const fit = result.overall.value;
    fit.regretted.probability.forEach((p, i) => {
      const all = fit.incidence.reduce((sum, curve) => sum + curve.probability[i]!, 0);
      expect(p).toBeLessThanOrEqual(all + 1e-12);
    });
    const exits = fit.exits;
    expect(exits.stayed + exits.voluntary + exits.involuntary + exits.other).toBe(exits.people);
    expect(result.overall.n).toBe(exits.people);
    expect(exits.regretted).toBeGreaterThan(0);
  });
});

describe('tenureIncidence', () => {
  const five: RetentionPerson[] = [
    { id: 'a', spells: [spell('2025-01-01', '2025-01-10', 'voluntary', true)] },
    { id: 'b', spells: [spell('2025-01-01', '2025-01-20', 'involuntary', false)] },
    { id: 'c', spells: [spell('2025-01-01', '2025-01-20', 'voluntary')] },
    { id: 'd', spells: [spell('2025-01-01')] },
    { id: 'e', spells: [spell('2025-01-12')] },
  ];

  it('divides the times by the unit and keeps the probabilities', () => {
    const days = tenureIncidence(five, { asOf: '2025-01-31', unit: 'days' });
    const months = tenureIncidence(five, { asOf: '2025-01-31' });
    if (days.overall.status !== 'shown' || months.overall.status !== 'shown') throw new Error();
    expect(months.overall.value.time).toEqual(days.overall.value.time.map((t) => t / 30.436875));
    expect(months.overall.value.incidence).toEqual(days.overall.value.incidence);
  });

  it('hides a group whose people all left by one kind', () => {
    const allVoluntary = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
      id,
      spells: [spell('2025-01-01', `2025-01-1${id.charCodeAt(0) - 96}`, 'voluntary')],
    }));
    expect(tenureIncidence(allVoluntary, { asOf: '2025-01-31' }).overall.status).toBe('suppressed');
  });

  it('counts a separation without a kind as other, with a warning', () => {
    const people = five.map((p) =>
      p.id === 'b' ? { id: 'b', spells: [spell('2025-01-01', '2025-01-20')] } : p,
    );
    const result = tenureIncidence(people, { asOf: '2025-01-31', unit: 'days' });
    expect(result.warnings.some((w) => /no separationKind/.test(w))).toBe(true);
    if (result.overall.status !== 'shown') throw new Error();
    expect(result.overall.value.incidence[2]!.probability).toEqual([0, 0.2, 0.2]);
  });

  it('enters spells hired before recordsStart late, and leaves out spells that ended before it', () => {
    const result = tenureIncidence(five, {
      asOf: '2025-01-31',
      unit: 'days',
      recordsStart: '2025-01-15',
      minGroupSize: 3,
    });
    if (result.overall.status !== 'shown') throw new Error();
    // a left before the records start; b, c and d enter at tenure 14, e at 3.
    expect(result.overall.value.atRisk).toEqual([4, 1]);
    expect(result.overall.value.exits.people).toBe(4);
    expect(result.warnings[0]).toMatch(/ended before recordsStart/);
  });

  it('refuses bad options', () => {
    expect(codeOf(() => tenureIncidence(five, { asOf: '2025-13-01' }))).toBe('INVALID_DATE');
    expect(
      codeOf(() => tenureIncidence(five, { asOf: '2025-01-31', unit: 'weeks' as never })),
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => tenureIncidence(five, { asOf: '2025-01-31', minGroupSize: 2 }))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => tenureIncidence(five, { asOf: '2025-01-31', by: 'team' } as never))).toBe(
      'INVALID_OPTION',
    );
  });
});
