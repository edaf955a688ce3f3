import type { CalendarDay } from '../../core/calendarDay.js';
import { type Period, periodFromInclusive } from '../../core/period.js';
import {
  type BreakdownTally,
  breakdownTally,
  suppressBreakdown,
} from '../../organisation/breakdown.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { formatNumber } from '../../report/formatNumber.js';
import { annualiseTurnover } from '../../retention/annualiseTurnover.js';
import type { HeadcountMethod } from '../../retention/averageHeadcount.js';
import type { RetentionPerson } from '../../retention/retentionPeople.js';
import { turnover } from '../../retention/turnover.js';
import { countsInHeadcount } from '../../schemas/vocabulary.js';
import { readEmployeesFile } from '../employeesFile.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { publishBreakdown } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping } from '../readTable.js';

/** Options of `internal-customer turnover`. @internal */
export interface TurnoverCommandOptions {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly by?: string | undefined;
  readonly minGroup: number;
  readonly level: number;
  readonly headcount: HeadcountMethod;
  readonly mapping?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
}

/**
 * What the privacy tables count. The people of a group: how many left (a yes/no count, so a
 * group in which everyone stayed is no shared secret: a quiet month shows). The leavers of a
 * group, a table of their own: the kind of their last separation in the period and whether it
 * was regretted, each one categorical variable over the leavers, so the kinds are shown only
 * where at least the minimum left and not all the same way (who left is known to HR: "1
 * involuntary" in a department names a dismissal), and a kind nobody left for is a zero
 * category, not a trait everyone shares (issue 14). @internal
 */
const PEOPLE_CATEGORIES = ['leavers'];
const KIND_VARIABLES = {
  kind: ['voluntary', 'involuntary', 'other'],
  regret: ['regretted', 'notRegretted'],
} as const;
const KIND_CATEGORIES = Object.values(KIND_VARIABLES).flat();
/** Without any regretted flag in the file, regret is no variable (nobody is "not regretted"). */
const KIND_ONLY = { kind: KIND_VARIABLES.kind };

/** The stable columns of `turnover --format csv` (and the fields of each JSON row). @internal */
export const TURNOVER_COLUMNS = [
  'segment',
  'group',
  'status',
  'people',
  'averageHeadcount',
  'hires',
  'separations',
  'voluntary',
  'involuntary',
  'other',
  'regretted',
  'rate',
  'lower',
  'upper',
  'voluntaryRate',
  'involuntaryRate',
  'otherRate',
  'regrettedRate',
  'regrettedShare',
  'annualisedRate',
  'annualisedVoluntaryRate',
  'annualisedRegrettedRate',
] as const;

/**
 * The people of a group behind the privacy table: those employed on some day of the period, each
 * counted once under every variable of {@link VARIABLES} (a person who left twice, by the last
 * separation in the period). @internal
 */
function tallyPerson(
  person: RetentionPerson,
  range: Period,
  tally: BreakdownTally,
  kinds: () => BreakdownTally,
): void {
  const last = range.end;
  let present = false;
  let exit: RetentionPerson['spells'][number] | undefined;
  for (const spell of person.spells) {
    if (spell.hireDate >= last) continue;
    if (spell.terminationDate !== undefined && spell.terminationDate < range.start) continue;
    present = true;
    const end = spell.terminationDate;
    if (end !== undefined && end < last && (exit === undefined || end >= exit.terminationDate!))
      exit = spell;
  }
  if (!present) return;
  tally.n++;
  if (exit === undefined) return;
  tally.counts.leavers! += 1;
  const leavers = kinds();
  leavers.n++;
  leavers.counts[exit.separationKind ?? 'other']! += 1;
  leavers.counts[exit.regretted === true ? 'regretted' : 'notRegretted']! += 1;
}

/**
 * One row per published segment: the turnover of its people where the gate shows the group, the
 * kinds of exit only where the leavers' own table shows them. @internal
 */
function turnoverRows(
  segments: Awaited<ReturnType<typeof publishBreakdown>>['segments'],
  people: readonly RetentionPerson[],
  members: ReadonlyMap<string | null, readonly RetentionPerson[]>,
  range: Period,
  settings: { headcountMethod: HeadcountMethod; level: number },
  kindsShown: ReadonlySet<string>,
) {
  let kindsHidden = false;
  let definition = '';
  const rows = segments.map(({ segment, group, cell }) => {
    if (cell.status !== 'shown') return { segment, group, status: 'suppressed' as const };
    const subset =
      segment === 'all' ? people : (members.get(segment === 'missing' ? null : group) ?? []);
    const result = turnover(subset, range, settings);
    definition = result.definition;
    const annual = annualiseTurnover(result);
    // Nobody left: no kind to tell (the zeros follow from the separations shown).
    const kinds = result.separations.total === 0 || kindsShown.has(`${segment}|${group}`);
    if (!kinds) kindsHidden = true;
    /** A number that tells how the leavers left: null where their kinds are hidden. */
    const kind = (value: number) => (kinds ? value : null);
    return {
      segment,
      group,
      status: 'shown' as const,
      people: cell.n,
      averageHeadcount: result.averageHeadcount.value,
      hires: result.hires,
      separations: result.separations.total,
      voluntary: kind(result.separations.voluntary),
      involuntary: kind(result.separations.involuntary),
      other: kind(result.separations.other),
      regretted: kind(result.separations.regretted),
      rate: result.rates.total,
      lower: result.estimates.total.interval.lower,
      upper: result.estimates.total.interval.upper,
      voluntaryRate: kind(result.rates.voluntary),
      involuntaryRate: kind(result.rates.involuntary),
      otherRate: kind(result.rates.other),
      regrettedRate: kind(result.rates.regretted),
      regrettedShare: kind(result.regrettedShare),
      annualisedRate: annual.rates.total,
      annualisedVoluntaryRate: kind(annual.rates.voluntary),
      annualisedRegrettedRate: kind(annual.rates.regretted),
    };
  });
  return { rows, definition, kindsHidden };
}

/** Turnover of an employees file over a period, per --by group through the privacy module. @internal */
export async function turnoverCommand(
  file: string,
  options: TurnoverCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  let range: Period;
  if (options.to < options.from) {
    throw usageError(
      `--to requires a day on or after --from, got --from ${options.from} --to ${options.to}`,
    );
  }
  try {
    range = periodFromInclusive(options.from, options.to);
  } catch (error) {
    throw usageError(`--from / --to: ${(error as Error).message}`);
  }
  const mapping = await columnMapping(options.mapping);
  const { people, groupOf } = await readEmployeesFile(file, options.by, mapping, io);
  const members = new Map<string | null, RetentionPerson[]>();
  const tallies = new Map<string | null, BreakdownTally>();
  const kindTallies = new Map<string | null, BreakdownTally>();
  for (const person of people) {
    if (!countsInHeadcount(person.workerType)) continue;
    const key = options.by === undefined ? null : (groupOf.get(person.id) ?? null);
    const before = tallies.get(key)?.n ?? 0;
    tallyPerson(person, range, breakdownTally(tallies, key, PEOPLE_CATEGORIES), () =>
      breakdownTally(kindTallies, key, KIND_CATEGORIES),
    );
    if ((tallies.get(key)?.n ?? 0) > before) {
      const list = members.get(key);
      if (list === undefined) members.set(key, [person]);
      else list.push(person);
    }
  }
  for (const [key, tally] of tallies) if (tally.n === 0) tallies.delete(key);
  const published = await publishBreakdown(
    tallies,
    {
      grouped: options.by !== undefined,
      categories: PEOPLE_CATEGORIES,
      minGroupSize: options.minGroup,
    },
    {
      path: options.ledger,
      // Each person's exit depends on the window: another period is another statistic.
      statistic: `turnover:${range.start}..${range.end}`,
      populations: () =>
        new Map(
          [...members].map(([key, list]) => [key, { keys: list.map((person) => person.id) }]),
        ),
    },
  );
  const segments = published.segments;
  // The kinds of exit among each group's leavers, published as a breakdown of their own.
  const flagged = people.some((person) => person.spells.some((spell) => spell.regretted === true));
  const kindsShown = new Set(
    suppressBreakdown(kindTallies, {
      grouped: options.by !== undefined,
      categories: flagged ? KIND_CATEGORIES : KIND_ONLY.kind,
      variables: flagged ? KIND_VARIABLES : KIND_ONLY,
      minGroupSize: options.minGroup,
    })
      .filter((kind) => kind.cell.status === 'shown')
      .map((kind) => `${kind.segment}|${kind.group}`),
  );
  const { rows, definition, kindsHidden } = turnoverRows(
    segments,
    people,
    members,
    range,
    { headcountMethod: options.headcount, level: options.level },
    kindsShown,
  );
  const label = (row: { segment: string; group: string | null }) =>
    row.segment === 'all' ? '(all)' : row.segment === 'missing' ? '(missing)' : row.group!;
  const pct = (value: number | null) =>
    value === null ? '' : formatNumber(value, { percent: true });
  return {
    json: {
      command: 'turnover',
      file,
      period: range,
      from: options.from,
      to: options.to,
      byColumn: options.by ?? null,
      minGroupSize: options.minGroup,
      headcountMethod: options.headcount,
      level: options.level,
      definition,
      rows,
      warnings: published.warnings,
    },
    csv: { columns: TURNOVER_COLUMNS, rows },
    table: {
      title: `Turnover ${options.from} to ${options.to} of ${file === '-' ? 'standard input' : file}${options.by === undefined ? '' : ` by ${options.by}`}`,
      header: [
        options.by ?? 'group',
        'people',
        'avg headcount',
        'leavers',
        'turnover',
        `${formatNumber(options.level, { percent: true, digits: 0 })} interval`,
        'voluntary',
        'regretted',
        'annualised',
        'annualised voluntary',
      ],
      rows: rows.map((row) =>
        row.status === 'shown'
          ? [
              label(row),
              String(row.people),
              formatNumber(row.averageHeadcount),
              String(row.separations),
              pct(row.rate),
              `${pct(row.lower)} to ${pct(row.upper)}`,
              pct(row.voluntaryRate),
              pct(row.regrettedRate),
              pct(row.annualisedRate),
              pct(row.annualisedVoluntaryRate),
            ]
          : [label(row), '', '', '', 'suppressed', '', '', '', '', ''],
      ),
      notes: [
        'Turnover = separations / average headcount (SHRM), employees and direct temporaries only; exact Poisson interval.',
        "Annualised = the period's rate x days in a year / days in the period.",
        suppressionFootnote(options.minGroup, 'people'),
        ...(kindsHidden
          ? [
              `How people left (voluntary, regretted) is shown only where at least ${options.minGroup} left and not all the same way.`,
            ]
          : []),
        ...published.warnings,
      ],
    },
  };
}
