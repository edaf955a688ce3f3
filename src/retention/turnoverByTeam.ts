import { InternalCustomerError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { checkLevel } from '../internal/checkLevel.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import {
  type LedgerCell,
  type LedgerRefusal,
  ledgerRefusals,
  ledgerWarning,
  type ReleaseLedger,
  recordReleased,
} from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { checkedPeriod } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedMethod, teamStints, turnoverFromStints } from './internal/stints.js';
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
  /** Suppressed when fewer than `minGroupSize` people were in the team during the period, or refused by the `ledger`. */
  readonly turnover: Reportable<TurnoverResult>;
}

/** The result of {@link turnoverByTeam}. */
export interface TurnoverByTeamResult {
  readonly period: Period;
  readonly transfers: TransferTreatment;
  /** Every team anyone was assigned to during the period, sorted by id. */
  readonly teams: readonly TeamTurnover[];
  readonly warnings: readonly string[];
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
 * Each team is a `Reportable` (DESIGN.md), shown only when at least `minGroupSize` distinct people
 * were in it during the period: primary suppression only; a report that also publishes totals
 * must run `suppressTable` on the counts so that no team can be derived by subtraction. Teams are
 * the direct teams of the assignments (no roll-up of sub-teams: add the counts up the tree). Days
 * employed without an assignment belong to no team (a warning counts the people concerned).
 * Everything else as `turnover`.
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
 * moved.teams[0]?.turnover.status === 'shown' && moved.teams[0].turnover.value.separations.transfersOut // => 1
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
      `turnoverByTeam: ${unassignedPeople.size} person(s) had days employed in the period without a team; those days count in no team`,
    );
  }
  const rows: TeamTurnover[] = [];
  const candidates: LedgerCell[] = [];
  const statistic = `turnover:${period.start}..${period.end}`;
  for (const teamId of [...teams.keys()].sort()) {
    const stints = teams.get(teamId)!;
    if (!stints.some((s) => s.to >= range.start && s.from <= range.last)) continue;
    const result = turnoverFromStints(
      stints,
      range,
      period,
      method,
      level,
      transfers === 'separation',
    );
    rows.push({
      teamId,
      turnover:
        result.people >= minimum
          ? { status: 'shown', value: result.turnover, n: result.people }
          : SUPPRESSED,
    });
    if (options.ledger !== undefined && result.people >= minimum) {
      const keys = stints
        .filter((s) => s.to >= range.start && s.from <= range.last)
        .map((s) => people[s.person]!.id);
      candidates.push({ id: teamId, statistic, population: { keys } });
    }
  }
  const base = { period: { start: period.start, end: period.end }, transfers, warnings };
  if (options.ledger === undefined) return { ...base, teams: rows };
  const refusals = ledgerRefusals(options.ledger, candidates, minimum);
  const refused = new Set(refusals.map((refusal) => refusal.id));
  if (refused.size > 0) warnings.push(ledgerWarning(minimum));
  return {
    ...base,
    teams: rows.map((row) => (refused.has(row.teamId) ? { ...row, turnover: SUPPRESSED } : row)),
    ledger: {
      ledger: recordReleased(
        options.ledger,
        candidates.filter((cell) => !refused.has(cell.id)),
      ),
      refusals,
    },
  };
}
