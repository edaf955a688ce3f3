import { describe, expect, it } from 'vitest';
import type { Dataset } from '../schemas/dataset.js';
import { epochDay } from './epochDay.js';
import {
  managerOn,
  NONE,
  organisationIndex,
  personNumbers,
  reportsOn,
  spellOn,
  treeOn,
} from './organisationIndex.js';

describe('organisationIndex', () => {
  // m manages a (who moves to b on 1 July) and b; b manages c; d left on 31 March; x is an
  // agency worker; boss is named by an assignment only.
  const dataset = {
    employees: [
      { id: 'm' },
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
      { id: 'd' },
      { id: 'x', workerType: 'agency' },
    ],
    spells: [
      { employeeId: 'm', hireDate: '2020-01-01' },
      { employeeId: 'a', hireDate: '2020-01-01' },
      { employeeId: 'b', hireDate: '2020-01-01' },
      { employeeId: 'c', hireDate: '2020-01-01' },
      { employeeId: 'd', hireDate: '2020-01-01', terminationDate: '2025-03-31' },
      { employeeId: 'x', hireDate: '2020-01-01' },
    ],
    assignments: [
      { employeeId: 'a', managerId: 'b', teamId: 't', validFrom: '2025-07-01' },
      {
        employeeId: 'a',
        managerId: 'm',
        teamId: 't',
        validFrom: '2020-01-01',
        validTo: '2025-06-30',
      },
      { employeeId: 'b', managerId: 'm', teamId: 't', validFrom: '2020-01-01' },
      { employeeId: 'c', managerId: 'b', teamId: 't', validFrom: '2020-01-01' },
      {
        employeeId: 'd',
        managerId: 'm',
        teamId: 't',
        validFrom: '2020-01-01',
        validTo: '2025-03-31',
      },
      { employeeId: 'm', managerId: 'boss', teamId: 't', validFrom: '2020-01-01' },
    ],
  } as unknown as Pick<Dataset, 'employees' | 'spells' | 'assignments'>;
  const { people, history, payroll } = organisationIndex(dataset);
  const n = (id: string) => people.find(id);
  const ids = (persons: readonly number[]) => persons.map((p) => people.ids[p]).sort();

  it('numbers the employees first, in their order, then people named only by assignments', () => {
    expect(people.ids).toEqual(['m', 'a', 'b', 'c', 'd', 'x', 'boss']);
    expect(people.find('nobody')).toBe(NONE);
  });

  it("gives a person's manager on a day, on both sides of a change, and none after the last line", () => {
    expect(managerOn(history, n('a'), epochDay('2025-06-30'))).toBe(n('m'));
    expect(managerOn(history, n('a'), epochDay('2025-07-01'))).toBe(n('b'));
    expect(managerOn(history, n('d'), epochDay('2025-04-01'))).toBe(NONE);
    expect(managerOn(history, NONE, epochDay('2025-04-01'))).toBe(NONE);
  });

  it('lists the reports employed on a day, and the whole tree below a manager', () => {
    expect(ids(reportsOn(history, n('m'), epochDay('2025-03-31')))).toEqual(['a', 'b', 'd']);
    expect(ids(reportsOn(history, n('m'), epochDay('2025-07-01')))).toEqual(['b']);
    expect(ids(treeOn(history, n('m'), epochDay('2025-07-01')))).toEqual(['a', 'b', 'c']);
    expect(ids(treeOn(history, n('boss'), epochDay('2025-07-01')))).toEqual(['a', 'b', 'c', 'm']);
  });

  it('finds the spell that covers a day', () => {
    expect(spellOn(history, n('d'), epochDay('2025-03-31'))).not.toBe(NONE);
    expect(spellOn(history, n('d'), epochDay('2025-04-01'))).toBe(NONE);
  });

  it('says who counts in headcount: employees yes, agency workers no', () => {
    expect(payroll[n('a')]).toBe(1);
    expect(payroll[n('x')]).toBe(0);
  });

  it('reads the person numbers of a field of records, NONE for unknown ids', () => {
    const numbers = personNumbers(
      [{ employeeId: 'c' }, { employeeId: 'zz' }],
      'employeeId',
      people,
    );
    expect([...numbers]).toEqual([n('c'), NONE]);
  });
});
