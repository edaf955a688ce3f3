/**
 * Who reported to whom on a day, and who was employed, indexed for the service metrics. @internal
 */
import type { CalendarDay } from '../core/calendarDay.js';
import type { Dataset } from '../schemas/dataset.js';

interface Line {
  readonly from: CalendarDay;
  readonly to: CalendarDay | undefined;
  readonly managerId: string | undefined;
}

/** The reporting lines and employment of a dataset, with lookups by day. */
export interface ReportingLines {
  /** The manager of an employee on a day, if any. */
  managerOn(employeeId: string, day: CalendarDay): string | undefined;
  /** Direct reports of a manager on a day who were employed that day. */
  reportsOn(managerId: string, day: CalendarDay): string[];
  /** Everyone below a manager on a day (reports, their reports ...), employed that day. */
  treeOn(managerId: string, day: CalendarDay): string[];
  /** Whether someone was employed on a day (hire <= day <= termination). */
  employedOn(employeeId: string, day: CalendarDay): boolean;
  /** Everyone who managed someone at some time. */
  readonly managers: ReadonlySet<string>;
}

const active = (line: { from: string; to: string | undefined }, day: string) =>
  line.from <= day && (line.to === undefined || day <= line.to);

/** Indexes assignments and spells. O(records log records) to build, O(log k) per lookup. */
export function reportingLines(dataset: Pick<Dataset, 'assignments' | 'spells'>): ReportingLines {
  const byEmployee = new Map<string, Line[]>();
  const byManager = new Map<
    string,
    { employeeId: string; from: string; to: string | undefined }[]
  >();
  for (const a of dataset.assignments) {
    const line = { from: a.validFrom, to: a.validTo, managerId: a.managerId };
    const list = byEmployee.get(a.employeeId) ?? [];
    list.push(line);
    byEmployee.set(a.employeeId, list);
    if (a.managerId !== undefined) {
      const reports = byManager.get(a.managerId) ?? [];
      reports.push({ employeeId: a.employeeId, from: a.validFrom, to: a.validTo });
      byManager.set(a.managerId, reports);
    }
  }
  for (const list of byEmployee.values())
    list.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const spells = new Map<string, { from: string; to: string | undefined }[]>();
  for (const s of dataset.spells) {
    const list = spells.get(s.employeeId) ?? [];
    list.push({ from: s.hireDate, to: s.terminationDate });
    spells.set(s.employeeId, list);
  }
  const employedOn = (employeeId: string, day: CalendarDay) =>
    (spells.get(employeeId) ?? []).some((spell) => active(spell, day));
  const managerOn = (employeeId: string, day: CalendarDay): string | undefined => {
    const list = byEmployee.get(employeeId);
    if (list === undefined) return undefined;
    if (list.length === 1) return active(list[0]!, day) ? list[0]!.managerId : undefined;
    // Binary search for the last line starting on or before the day.
    let low = 0;
    let high = list.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.from <= day) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const line = list[found];
    return line !== undefined && active(line, day) ? line.managerId : undefined;
  };
  const reportsOn = (managerId: string, day: CalendarDay): string[] =>
    (byManager.get(managerId) ?? [])
      .filter((r) => active(r, day) && employedOn(r.employeeId, day))
      .map((r) => r.employeeId);
  const treeOn = (managerId: string, day: CalendarDay): string[] => {
    const seen = new Set<string>([managerId]);
    const out: string[] = [];
    const stack = [managerId];
    while (stack.length > 0) {
      for (const report of reportsOn(stack.pop()!, day)) {
        if (seen.has(report)) continue;
        seen.add(report);
        out.push(report);
        stack.push(report);
      }
    }
    return out;
  };
  return { managerOn, reportsOn, treeOn, employedOn, managers: new Set(byManager.keys()) };
}
