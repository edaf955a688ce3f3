import { describe, expectTypeOf, it } from 'vitest';
import type { Reportable } from '../privacy/reportable.js';
import type { Dataset } from '../schemas/dataset.js';
import type { EmploymentSpell } from '../schemas/employee.js';
import {
  type KaplanMeierResult,
  kaplanMeier,
  type RetentionPeopleInput,
  type RetentionPerson,
  type RetentionSpell,
  retentionPeople,
  type TurnoverResult,
  tenureSurvival,
  turnoverByTeam,
} from './index.js';

const year = { start: '2025-01-01', end: '2026-01-01' };

describe('retention types', () => {
  it('take a whole validated Dataset in retentionPeople, and spells as they are', () => {
    expectTypeOf<Dataset>().toExtend<RetentionPeopleInput>();
    expectTypeOf<EmploymentSpell>().toExtend<RetentionSpell>();
    expectTypeOf(retentionPeople).returns.toEqualTypeOf<RetentionPerson[]>();
  });

  it('require an explicit transfer treatment for team breakdowns', () => {
    // @ts-expect-error transfers is required
    turnoverByTeam([], year, {});
    expectTypeOf(
      turnoverByTeam([], year, { transfers: 'separation' }).teams[0]!.turnover,
    ).toEqualTypeOf<Reportable<TurnoverResult>>();
  });

  it('accept typed arrays in kaplanMeier and return Reportable curves from tenureSurvival', () => {
    expectTypeOf(
      kaplanMeier(new Float64Array(2), new Uint8Array(2)),
    ).toEqualTypeOf<KaplanMeierResult>();
    expectTypeOf(tenureSurvival([], { asOf: '2025-12-31' }).overall).toEqualTypeOf<
      Reportable<KaplanMeierResult>
    >();
    // @ts-expect-error asOf is required
    tenureSurvival([], { unit: 'days' });
  });
});
