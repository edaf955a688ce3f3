import { InternalCustomerError } from '../core/errors.js';
import type { Estimate } from '../core/estimate.js';
import type { Period } from '../core/period.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { countInWarning } from '../internal/countInWarning.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import {
  type LedgerRefusal,
  ledgerWarning,
  type ReleaseLedger,
  suppressTableWithLedger,
} from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { TableCell } from '../privacy/table.js';
import { checkedPeriod } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedMethod, type Stint, teamStints, turnoverFromStints } from './internal/stints.js';
import { checkedRecordsStart, periodWindowWarnings, windowBounds } from './internal/window.js';
import type { RetentionPerson } from './retentionPeople.js';
import type { TurnoverOptions, TurnoverResult } from './turnover.js';

/**
 * Whether a move out of a team counts as a separation of that team: `separation` (the team lost
 * the person; counted under JOLTS "other" and in `transfersOut`) or `not-separation` (only
 * departures from the company count, so the teams add up to the company).
 */
export type TransferTreatment = 'separation' | 'not-separation';

/** Options of {@link turnoverByTeam}. */
export interface TurnoverByTeamOptions extends TurnoverOptions {
  /** How transfers out of a team count. Required: there is no neutral default. */
  readonly transfers: TransferTreatment;
  /** Minimum distinct people behind a shown team; default 5, below 3 refused. */
  readonly minGroupSize?: number;
  /**
   * What was released earlier (`ReleaseLedger`): a team whose people differ from an earlier
   * release of turnover over the same period (`turnover:<start>..<end>`) by 1 to minGroupSize - 1
   * is refused and hidden. Other periods are other statistics (each person's exit depends on the
   * window), so a monthly series is not blocked. The result's `ledger` adds this release.
   */
  readonly ledger?: ReleaseLedger;
}

/** The options turnoverByTeam knows (an unknown one is an error). */
const TURNOVER_BY_TEAM_OPTIONS = {
  headcountMethod: true,
  level: true,
  transfers: true,
  minGroupSize: true,
  recordsStart: true,
  ledger: true,
} satisfies OptionKeys<TurnoverByTeamOptions>;

/** One team of {@link turnoverByTeam}. */
export interface TeamTurnover {
  readonly teamId: string;
  /**
   * Suppressed when fewer than `minGroupSize` people were in the team during the period, when
   * everyone in it left, when the `ledger` refuses it, or when how its leavers left is hidden
   * (fewer than `minGroupSize` left, or all of them the same way: "1 involuntary" names a
   * dismissal); then `total` still shows its separations and rate.
   */
  readonly turnover: Reportable<TurnoverResult>;
  /**
   * The team's separations, hires and rate without the kinds of exit: shown wherever the team's
   * people pass the gate, also where how they left is hidden.
   */
  readonly total: Reportable<TeamTurnoverTotal>;
}

/** What a team's turnover is without the kinds of exit: shown wherever the team is. */
export interface TeamTurnoverTotal {
  /** All separations of the team in the period (voluntary, involuntary and other together). */
  readonly separations: number;
  readonly hires: number;
  readonly transfersIn: number;
  readonly averageHeadcount: TurnoverResult['averageHeadcount'];
  /** Separations / average headcount. */
  readonly rate: number;
  /** The rate with its exact Poisson interval. */
  readonly estimate: Estimate;
}

/** The result of {@link turnoverByTeam}. */
export interface TurnoverByTeamResult {
  readonly period: Period;
  readonly transfers: TransferTreatment;
  /** Every team anyone was assigned to during the period, sorted by id. */
  readonly teams: readonly TeamTurnover[];
  readonly warnings: readonly string[];
  /**
   * The audit record of the teams' people (n, and how many left, a yes/no count) and of their
   * leavers (`exitsReport`: the kind of exit, one categorical variable over the leavers, and
   * whether it was regretted, another), with a reason per hidden cell. Keep them server-side.
   */
  readonly report: PublishedReport;
  readonly exitsReport: PublishedReport;
  /** With a `ledger` option: the ledger with this release added, and the refusals (audit only). */
  readonly ledger?: { readonly ledger: ReleaseLedger; readonly refusals: readonly LedgerRefusal[] };
}

/**
 * Turnover of each team over a period, from the people's assignment histories: the team's
 * headcount on a day counts the people employed that day and assigned to the team, and its
 * separations are the company separations of people in the team on their last day, plus, when
 * `transfers` is `separation`, their moves to another team (the last day in the team is then the
 * transfer's day, and the move is counted under JOLTS "other" and in `transfersOut`). A move into
 * the team is counted in `transfersIn`, never as a hire. Consecutive assignments to one team (a
 * new manager) are not transfers. With `not-separation` the teams' separations add up to the
 * company's (for people assigned on their last day).
 *
 * Each team goes through the privacy gate (`suppressTable`, DESIGN.md) twice, as the CLI's
 * `turnover --by` does. Its people (n, and how many left, a yes/no count): shown when at least
 * `minGroupSize` distinct people were in it during the period and not all of them left; then
 * `total` shows its separations and rate. Its leavers: the kind of each one's exit is one
 * categorical variable over the leavers (voluntary, involuntary, other; whether it was
 * regretted is another, when any exit in the data is flagged), so the full `turnover`, with the
 * kinds, is shown only where at least `minGroupSize` left and not all the same way, or nobody
 * left; a kind nobody left for is a zero category, not a trait everyone shares. The audit
 * records (`report`, `exitsReport`) keep a reason per hidden cell. Teams are disjoint (no
 * totals are published beside them); a report that also publishes totals must run
 * `suppressTable` on them together so that no team can be derived by subtraction. Teams are the
 * direct teams of the assignments (no roll-up of sub-teams: add the counts up the tree). Days
 * employed without an assignment belong to no team (a warning says so, with their number only
 * when at least `minGroupSize` people are concerned). Everything else as `turnover`.
 *
 * O(people + spells + assignments + teams x days).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` when `transfers` is missing or unknown, for a
 * minimum group size below 3, an unknown headcount method or a level outside (0, 1).
 * @throws {InternalCustomerError} `INVALID_PERIOD` when the period does not end after it starts.
 * @throws {InternalCustomerError} `INVALID_DATE` when a day is not `YYYY-MM-DD`.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people or overlapping assignments.
 *
 * @example
 * const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({
 *   id,
 *   spells: [{ hireDate: '2024-01-01' }],
 *   assignments: id === 'a'
 *     ? [{ teamId: 'sales', validFrom: '2024-01-01', validTo: '2025-06-30' }, { teamId: 'support', validFrom: '2025-07-01' }]
 *     : [{ teamId: 'sales', validFrom: '2024-01-01' }],
 * }));
 * const year = { start: '2025-01-01', end: '2026-01-01' };
 * const moved = turnoverByTeam(people, year, { transfers: 'separation' });
 * moved.teams.map((team) => team.teamId) // => ['sales', 'support']
 * moved.teams[0]?.total.status === 'shown' && moved.teams[0].total.value.separations // => 1
 * // One leaver: how they left would name them, so only the total is shown.
 * moved.teams[0]?.turnover // => { status: 'suppressed' }
 * moved.teams[1]?.turnover // => { status: 'suppressed' }
 * const stayed = turnoverByTeam(people, year, { transfers: 'not-separation' });
 * stayed.teams[0]?.turnover.status === 'shown' && stayed.teams[0].turnover.value.separations.total // => 0
 * turnoverByTeam(people, year, {} as never) // => throws INVALID_OPTION
 */
export function turnoverByTeam(
  people: readonly RetentionPerson[],
  period: Period,
  options: TurnoverByTeamOptions,
): TurnoverByTeamResult {
  checkOptions(options, TURNOVER_BY_TEAM_OPTIONS, 'turnoverByTeam');
  const transfers = options?.transfers;
  if (transfers !== 'separation' && transfers !== 'not-separation') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `turnoverByTeam requires transfers 'separation' or 'not-separation', got ${JSON.stringify(transfers)}`,
    );
  }
  const range = checkedPeriod(period, 'turnoverByTeam');
  const method = checkedMethod(options.headcountMethod, 'turnoverByTeam');
  const level = options.level ?? 0.95;
  checkLevel(level, 'turnoverByTeam');
  const minimum = resolveMinGroupSize(options.minGroupSize);
  const recordsStart = checkedRecordsStart(options.recordsStart, 'turnoverByTeam');
  const prepared = preparePeople(people, 'turnoverByTeam');
  const { teams, unassigned } = teamStints(prepared, 'turnoverByTeam');
  const warnings = periodWindowWarnings(
    windowBounds(prepared),
    range.start,
    recordsStart,
    'turnoverByTeam',
  );
  const unassignedPeople = new Set(
    unassigned.filter((s) => s.to >= range.start && s.from <= range.last).map((s) => s.person),
  );
  if (unassignedPeople.size > 0) {
    warnings.push(
      `turnoverByTeam: ${countInWarning(unassignedPeople.size, minimum)} people had days employed in the period without a team; those days count in no team`,
    );
  }
  const teamIds = [...teams.keys()]
    .sort()
    .filter((teamId) =>
      teams.get(teamId)!.some((s) => s.to >= range.start && s.from <= range.last),
    );
  const flagged = prepared.some((person) =>
    person.spells.some((spell) => spell.regretted === true),
  );
  const peopleCells: TableCell[] = [];
  const exitCells: TableCell[] = [];
  const results = teamIds.map((teamId) => {
    const stints = teams.get(teamId)!;
    const result = turnoverFromStints(
      stints,
      range,
      period,
      method,
      level,
      transfers === 'separation',
    );
    const exits = exitTally(stints, range, transfers === 'separation', flagged);
    peopleCells.push({ id: teamId, n: result.people, counts: { leavers: exits.n } });
    exitCells.push({ id: teamId, ...exits });
    return result;
  });
  const peopleTable = { cells: peopleCells, equations: [] };
  const statistic = `turnover:${period.start}..${period.end}`;
  const release =
    options.ledger === undefined
      ? undefined
      : suppressTableWithLedger(peopleTable, {
          ledger: options.ledger,
          statistic,
          minGroupSize: minimum,
          populations: new Map(
            teamIds.map((teamId) => [
              teamId,
              {
                keys: [
                  ...new Set(
                    teams
                      .get(teamId)!
                      .filter((s) => s.to >= range.start && s.from <= range.last)
                      .map((s) => people[s.person]!.id),
                  ),
                ],
              },
            ]),
          ),
        });
  const report = release?.report ?? suppressTable(peopleTable, { minGroupSize: minimum });
  const exitsReport = suppressTable({ cells: exitCells, equations: [] }, { minGroupSize: minimum });
  if (release !== undefined && release.refusals.length > 0) warnings.push(ledgerWarning(minimum));
  const rows = teamIds.map((teamId, index): TeamTurnover => {
    const { turnover: value, people: n } = results[index]!;
    if (report.cells[index]!.status !== 'shown')
      return { teamId, turnover: SUPPRESSED, total: SUPPRESSED };
    // Nobody left: the kinds are all 0, which the total shown already tells.
    const kindsShown = exitCells[index]!.n === 0 || exitsReport.cells[index]!.status === 'shown';
    return {
      teamId,
      turnover: kindsShown ? { status: 'shown', value, n } : SUPPRESSED,
      total: {
        status: 'shown',
        n,
        value: {
          separations: value.separations.total,
          hires: value.hires,
          transfersIn: value.transfersIn,
          averageHeadcount: value.averageHeadcount,
          rate: value.rates.total,
          estimate: value.estimates.total,
        },
      },
    };
  });
  const hiddenKinds = rows.filter(
    (row) => row.total.status === 'shown' && row.turnover.status !== 'shown',
  ).length;
  if (hiddenKinds > 0) {
    warnings.push(
      `turnoverByTeam: how people left (voluntary, involuntary, other, regretted) is hidden in some teams: fewer than ${minimum} left there, or all the same way; their totals are shown`,
    );
  }
  const base = {
    period: { start: period.start, end: period.end },
    transfers,
    teams: rows,
    warnings,
    report,
    exitsReport,
  };
  if (release === undefined) return base;
  return { ...base, ledger: { ledger: release.ledger, refusals: release.refusals } };
}

/** The exit kinds of a team's leavers, one categorical variable (and regret another, when any exit is flagged regretted). @internal */
const EXIT_VARIABLES = {
  exit: ['voluntary', 'involuntary', 'other'],
  regret: ['regretted', 'notRegretted'],
};
const EXIT_ONLY = { exit: EXIT_VARIABLES.exit };

/**
 * The leavers of a team's stints in a period, each once, by their last separation there (a move
 * out counts as `other` when transfers are separations): n and one count per category. @internal
 */
function exitTally(
  stints: readonly Stint[],
  range: { readonly start: number; readonly last: number },
  transfersAreSeparations: boolean,
  flagged: boolean,
): Required<Pick<TableCell, 'n' | 'counts' | 'variables'>> {
  const last = new Map<number, Stint>();
  for (const stint of stints) {
    if (stint.to < range.start || stint.to > range.last) continue;
    if (stint.end !== 'separation' && !(stint.end === 'transfer' && transfersAreSeparations))
      continue;
    const before = last.get(stint.person);
    if (before === undefined || stint.to >= before.to) last.set(stint.person, stint);
  }
  const counts: Record<string, number> = { voluntary: 0, involuntary: 0, other: 0 };
  if (flagged) Object.assign(counts, { regretted: 0, notRegretted: 0 });
  for (const stint of last.values()) {
    const kind = stint.end === 'separation' ? stint.spell.kind : 'other';
    counts[kind]! += 1;
    if (flagged)
      counts[
        stint.end === 'separation' && stint.spell.regretted === true ? 'regretted' : 'notRegretted'
      ]! += 1;
  }
  return { n: last.size, counts, variables: flagged ? EXIT_VARIABLES : EXIT_ONLY };
}
