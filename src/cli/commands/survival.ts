import type { CalendarDay } from '../../core/calendarDay.js';
import { isCalendarDay } from '../../core/calendarDay.js';
import { survivalByGroup } from '../../organisation/survivalByGroup.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { kmMedian } from '../../retention/kmQuantile.js';
import type { RetentionPerson } from '../../retention/retentionPeople.js';
import { survivalAt } from '../../retention/survivalAt.js';
import type { TenureUnit } from '../../retention/tenureSurvival.js';
import { readEmployeesFile } from '../employeesFile.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { CommandOutput } from '../output.js';
import { columnMapping } from '../readTable.js';

/** Options of `internal-customer survival`. @internal */
export interface SurvivalCommandOptions {
  readonly asOf: CalendarDay;
  readonly by?: string | undefined;
  readonly minGroup: number;
  readonly level: number;
  readonly unit: TenureUnit;
  readonly mapping?: string | undefined;
}

/** The stable columns of `survival --format csv` (and the fields of each JSON row). @internal */
export const SURVIVAL_COLUMNS = [
  'segment',
  'group',
  'status',
  'people',
  'leavers',
  'unit',
  'medianTenure',
  'medianLower',
  'medianUpper',
  'survival1Year',
  'survival2Years',
  'survival5Years',
] as const;

const UNITS_PER_YEAR: Record<TenureUnit, number> = { days: 365.2425, months: 12, years: 1 };

/** Kaplan-Meier tenure survival of an employees file, per --by group through the privacy module. @internal */
export async function survivalCommand(
  file: string,
  options: SurvivalCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  if (!isCalendarDay(options.asOf)) {
    throw usageError(`--as-of requires a calendar day as YYYY-MM-DD, got ${options.asOf}`);
  }
  const mapping = await columnMapping(options.mapping);
  const { people, groupOf } = await readEmployeesFile(file, options.by, mapping, io);
  const segments = survivalByGroup(people, {
    asOf: options.asOf,
    unit: options.unit,
    minGroupSize: options.minGroup,
    level: options.level,
    ...(options.by === undefined
      ? {}
      : { groupOf: (person: RetentionPerson) => groupOf.get(person.id) ?? null }),
  });
  const perYear = UNITS_PER_YEAR[options.unit];
  const rows = segments.map(({ segment, group, curve, leavers }) => {
    if (curve.status !== 'shown') return { segment, group, status: 'suppressed' as const };
    const km = curve.value;
    const median = kmMedian(km);
    return {
      segment,
      group,
      status: 'shown' as const,
      people: curve.n,
      leavers: leavers ?? 0,
      unit: options.unit,
      medianTenure: median.quantile,
      medianLower: median.lower,
      medianUpper: median.upper,
      survival1Year: survivalAt(km, perYear).survival,
      survival2Years: survivalAt(km, 2 * perYear).survival,
      survival5Years: survivalAt(km, 5 * perYear).survival,
    };
  });
  const label = (row: { segment: string; group: string | null }) =>
    row.segment === 'all' ? '(all)' : row.segment === 'missing' ? '(missing)' : row.group!;
  const tenure = (value: number | null) => formatNumber(value, { missing: 'not reached' });
  const pct = (value: number) => formatNumber(value, { percent: true });
  return {
    json: {
      command: 'survival',
      file,
      asOf: options.asOf,
      unit: options.unit,
      byColumn: options.by ?? null,
      minGroupSize: options.minGroup,
      level: options.level,
      rows,
      warnings: [],
    },
    csv: { columns: SURVIVAL_COLUMNS, rows },
    table: {
      title: `Tenure survival (Kaplan-Meier) as of ${options.asOf} of ${file === '-' ? 'standard input' : file}${options.by === undefined ? '' : ` by ${options.by}`}`,
      header: [
        options.by ?? 'group',
        'people',
        'leavers',
        `median tenure (${options.unit})`,
        `${formatNumber(options.level, { percent: true, digits: 0 })} interval`,
        'still employed after 1 year',
        '2 years',
        '5 years',
      ],
      rows: rows.map((row) =>
        row.status === 'shown'
          ? [
              label(row),
              String(row.people),
              String(row.leavers),
              tenure(row.medianTenure),
              `${tenure(row.medianLower)} to ${tenure(row.medianUpper)}`,
              pct(row.survival1Year),
              pct(row.survival2Years),
              pct(row.survival5Years),
            ]
          : [label(row), '', '', 'suppressed', '', '', '', ''],
      ),
      notes: [
        'Leavers are events at their tenure, current staff are censored at asOf; each spell is one tenure (a rehire restarts the clock).',
        suppressionFootnote(options.minGroup, 'people'),
      ],
    },
  };
}
