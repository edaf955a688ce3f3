import { basename } from 'node:path';
import * as z from 'zod';
import { type CalendarDay, toCalendarDay } from '../../core/calendarDay.js';
import { periodFromInclusive } from '../../core/period.js';
import {
  type LedgerCell,
  type LedgerPopulation,
  ledgerRefusals,
  ledgerWarning,
  recordReleased,
} from '../../privacy/releaseLedger.js';
import { suppressionFootnote } from '../../privacy/suppressionFootnote.js';
import { suppressTable } from '../../privacy/suppressTable.js';
import { formatNumber } from '../../report/formatNumber.js';
import type { EnpsCutoffs } from '../../satisfaction/classifyEnps.js';
import {
  type CompareEnpsMethod,
  compareEnps,
  compareEnpsPaired,
} from '../../satisfaction/compareEnps.js';
import { enps } from '../../satisfaction/enps.js';
import { type EnpsTally, enpsTally } from '../../satisfaction/enpsTally.js';
import { InstantSchema } from '../../schemas/primitives.js';
import { dataError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { readLedgerFile, writeLedgerFile } from '../ledgerFile.js';
import type { CommandOutput } from '../output.js';
import { columnMapping, type FieldColumn, readTable } from '../readTable.js';
import { checkDefaultScale, enpsScale } from './enps.js';

/** Options of `internal-customer compare`. @internal */
export interface CompareCommandOptions {
  readonly score: string;
  /** The respondent id column: answers of the same id in both are paired. */
  readonly id?: string | undefined;
  /** The day column, with `first` and `second` periods (one file). */
  readonly date?: string | undefined;
  /** `FROM..TO` (inclusive days), with `date`. */
  readonly first?: string | undefined;
  readonly second?: string | undefined;
  readonly method: CompareEnpsMethod;
  readonly minGroup: number;
  readonly level: number;
  readonly mapping?: string | undefined;
  readonly scale?: string | undefined;
  readonly cutoffs?: string | undefined;
  /** A release ledger file (read, then written back with this release). */
  readonly ledger?: string | undefined;
}

/** The stable columns of `compare --format csv` (and the fields of each JSON row). @internal */
export const COMPARE_COLUMNS = [
  'test',
  'status',
  'n1',
  'n2',
  'score1',
  'score2',
  'difference',
  'lower',
  'upper',
  'pValue',
] as const;

type Answer = { score: number; id?: string | null; day?: string | null };

function periodOption(text: string | undefined, name: string): [CalendarDay, CalendarDay] {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text ?? '');
  if (match === null || match[1]! > match[2]!)
    throw usageError(`${name} requires FROM..TO as two days YYYY-MM-DD, in order, got ${text}`);
  return [match[1]!, match[2]!];
}

/** The answers of the two groups (two files, or two periods of one), checked. @internal */
async function readGroups(
  files: readonly string[],
  periods: [CalendarDay, CalendarDay][] | undefined,
  options: CompareCommandOptions,
  io: CliIo,
) {
  const byPeriod = periods !== undefined;
  const mapping = await columnMapping(options.mapping);
  const cutoffs = enpsScale(options);
  const fields: FieldColumn[] = [{ field: 'score', column: options.score, source: '--score' }];
  if (options.id !== undefined) fields.push({ field: 'id', column: options.id, source: '--id' });
  if (byPeriod) fields.push({ field: 'day', column: options.date!, source: '--date' });
  const schema = z.object({
    score: z.int().min(cutoffs.scaleMin).max(cutoffs.scaleMax).nullable(),
    ...(options.id === undefined ? {} : { id: z.string().nullable() }),
    ...(byPeriod ? { day: z.union([z.iso.date(), InstantSchema]).nullable() } : {}),
  });
  const reads: Answer[][] = [];
  for (const file of files) {
    const { records } = await readTable(file, schema, fields, mapping, io);
    reads.push(records as Answer[]);
  }
  const answered = reads.map((records) =>
    records.filter((record): record is Answer & { score: number } => record.score !== null),
  );
  checkDefaultScale(
    answered.flat().map((record) => record.score),
    options,
    mapping,
  );
  const groups = periods
    ? periods.map(([from, to]) =>
        answered[0]!.filter((answer) => {
          if (answer.day === null || answer.day === undefined) return false;
          const day = toCalendarDay(answer.day);
          return day >= from && day <= to;
        }),
      )
    : answered;
  return { groups, cutoffs };
}

/**
 * Checks the two groups of a comparison against the ledger of --ledger (statistic
 * `enps:<score column>`, as `enps` and `trend` record it) and writes the ledger back with them
 * when shown: their people by `--id` where respondents are identified, otherwise each group as an
 * atomic group (the file `file=<name>`, or the period `<date column>=<first>..<day after last>`
 * as `trend` names its periods). Returns whether either was refused: the comparison is then
 * hidden whole, since its difference would give the refused group away.
 */
async function releaseGroups(
  groups: readonly (readonly Answer[])[],
  names: readonly string[],
  shown: boolean,
  options: CompareCommandOptions & { readonly ledger: string },
): Promise<boolean> {
  const ledger = await readLedgerFile(options.ledger);
  const cells: LedgerCell[] = shown
    ? groups.map((group, index) => {
        const population: LedgerPopulation =
          options.id === undefined
            ? { groups: { [names[index]!]: group.length } }
            : { keys: group.map((answer) => answer.id!) };
        return { id: String(index), statistic: `enps:${options.score}`, population };
      })
    : [];
  if (ledgerRefusals(ledger, cells, options.minGroup).length > 0) {
    await writeLedgerFile(options.ledger, ledger);
    return true;
  }
  await writeLedgerFile(options.ledger, recordReleased(ledger, cells));
  return false;
}

/** The atomic group each compared group is named by in the ledger (without --id). */
function ledgerGroupNames(
  files: readonly string[],
  periods: readonly [CalendarDay, CalendarDay][] | undefined,
  date: string | undefined,
): string[] {
  if (periods === undefined) return files.map((file) => `file=${basename(file)}`);
  return periods.map(([from, to]) => `${date}=${from}..${periodFromInclusive(from, to).end}`);
}

/** The shown comparison: paired by person with --id (a t test), else independent (a z test). */
function compareRow(
  first: readonly Answer[],
  second: readonly Answer[],
  tallies: readonly [EnpsTally, EnpsTally],
  cutoffs: EnpsCutoffs,
  options: CompareCommandOptions,
): Record<string, unknown> {
  const scores = tallies.map((tally) => enps(tally, { method: options.method }).score);
  if (options.id !== undefined) {
    const pairs = first.map((answer, index) => [answer.score, second[index]!.score] as const);
    const change = compareEnpsPaired(pairs, { cutoffs, level: options.level });
    return {
      test: 'paired',
      status: 'shown',
      n1: change.n,
      n2: change.n,
      score1: scores[0],
      score2: scores[1],
      difference: change.change,
      lower: change.interval?.lower ?? null,
      upper: change.interval?.upper ?? null,
      pValue: change.pValue,
    };
  }
  const comparison = compareEnps(tallies[1], tallies[0], {
    method: options.method,
    level: options.level,
  });
  return {
    test: 'independent',
    status: 'shown',
    n1: tallies[0].n,
    n2: tallies[1].n,
    score1: scores[0],
    score2: scores[1],
    difference: comparison.difference,
    lower: comparison.interval?.lower ?? null,
    upper: comparison.interval?.upper ?? null,
    pValue: comparison.pValue,
  };
}

/**
 * Compares the eNPS of two surveys (two files) or of two periods of one file (`--date`, `--first`,
 * `--second`): the difference second - first with its interval and test. When respondents are
 * identified (`--id`), the answers of the people in both are paired (`compareEnpsPaired`: the
 * same person's answers are correlated); otherwise the two groups are independent
 * (`compareEnps`). Both groups go through the privacy gate first: when either is too small or
 * unanimous, nothing is shown. @internal
 */
export async function compareCommand(
  files: readonly string[],
  options: CompareCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const byPeriod = options.date !== undefined;
  if (byPeriod ? files.length !== 1 : files.length !== 2)
    throw usageError(
      byPeriod
        ? '--date compares two periods of one file: give one file with --first and --second'
        : 'give two files (two surveys), or one file with --date, --first and --second',
    );
  const periods = byPeriod
    ? [periodOption(options.first, '--first'), periodOption(options.second, '--second')]
    : undefined;
  const { groups, cutoffs } = await readGroups(files, periods, options, io);
  const paired = options.id !== undefined;
  let first = groups[0]!;
  let second = groups[1]!;
  if (paired) {
    // One answer per person and group: the latest of a person who answered twice is kept.
    const byId = (list: typeof first) => {
      const map = new Map<string, number>();
      for (const answer of list) if (answer.id) map.set(answer.id, answer.score);
      return map;
    };
    const a = byId(first);
    const b = byId(second);
    const both = [...a.keys()].filter((id) => b.has(id)).sort();
    if (both.length === 0)
      throw dataError(`no respondent of --id "${options.id}" answered in both: nothing to pair`);
    first = both.map((id) => ({ score: a.get(id)!, id }));
    second = both.map((id) => ({ score: b.get(id)!, id }));
  }
  const tallies = [first, second].map((list) =>
    enpsTally(
      list.map((answer) => answer.score),
      { cutoffs },
    ),
  ) as [EnpsTally, EnpsTally];
  const report = suppressTable(
    {
      cells: tallies.map((tally, index) => ({
        id: index === 0 ? 'first' : 'second',
        n: tally.n,
        counts: {
          detractors: tally.detractors,
          passives: tally.passives,
          promoters: tally.promoters,
        },
      })),
      equations: [],
    },
    { minGroupSize: options.minGroup },
  );
  const gated = report.cells.every((cell) => cell.status === 'shown');
  const refused =
    options.ledger !== undefined &&
    (await releaseGroups([first, second], ledgerGroupNames(files, periods, options.date), gated, {
      ...options,
      ledger: options.ledger,
    }));
  const shown = gated && !refused;
  const test = paired ? 'paired' : 'independent';
  const row = shown
    ? compareRow(first, second, tallies, cutoffs, options)
    : { test, status: 'suppressed' };
  const names = periods
    ? periods.map(([from, to]) => `${from} to ${to}`)
    : files.map((file) => (file === '-' ? 'standard input' : file));
  const number = (value: unknown) => formatNumber((value as number | null) ?? null);
  const warnings = refused ? [ledgerWarning(options.minGroup)] : [];
  return {
    json: {
      command: 'compare',
      files,
      scoreColumn: options.score,
      idColumn: options.id ?? null,
      dateColumn: options.date ?? null,
      periods: periods ? periods.map(([from, to]) => ({ from, to })) : null,
      scale: { ...cutoffs },
      minGroupSize: options.minGroup,
      method: options.method,
      level: options.level,
      rows: [row],
      warnings,
    },
    csv: { columns: COMPARE_COLUMNS, rows: [row] },
    table: {
      title: `eNPS of ${names[1]} compared with ${names[0]}${paired ? `, paired by ${options.id}` : ''}`,
      header: [
        'test',
        'n',
        'first',
        'second',
        'difference',
        `${formatNumber(options.level, { percent: true, digits: 0 })} interval`,
        'p',
      ],
      rows: [
        row.status === 'shown'
          ? [
              test,
              paired ? `${row.n1} pairs` : `${row.n1} / ${row.n2}`,
              number(row.score1),
              number(row.score2),
              formatNumber(row.difference as number | null, { signed: true }),
              `${number(row.lower)} to ${number(row.upper)}`,
              number(row.pValue),
            ]
          : [test, '', '', '', 'suppressed', '', ''],
      ],
      notes: [
        paired
          ? 'Paired: only people who answered both, each answer coded -1 / 0 / +1; t test on the differences (the same person answers are correlated).'
          : `Independent groups: z test on the difference (${options.method}); for the same people answering twice give --id.`,
        suppressionFootnote(options.minGroup, 'answers'),
        ...warnings,
      ],
    },
  };
}
