import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { suppressTable } from '../privacy/suppressTable.js';
import { EXIT_VARIABLES, SEPARATION_KINDS } from '../schemas/vocabulary.js';
import {
  type CumulativeIncidenceCurve,
  type CumulativeIncidenceResult,
  cumulativeIncidence,
} from './cumulativeIncidence.js';
import { checkedAsOf } from './internal/cohorts.js';
import { dayString } from './internal/days.js';
import { preparePeople } from './internal/people.js';
import { checkedRecordsStart, entryDays, windowWarnings } from './internal/window.js';
import { type ConfidenceType, survivalOptions } from './kaplanMeier.js';
import type { RetentionPerson } from './retentionPeople.js';
import { type TenureUnit, UNIT_DAYS } from './tenureSurvival.js';

/** Options of {@link tenureIncidence}. */
export interface TenureIncidenceOptions {
  /** The day the data describes: spells still open then are censored at their tenure that day. */
  readonly asOf: CalendarDay | Date;
  /** The unit of the curves' times; default `months`. */
  readonly unit?: TenureUnit;
  /** The first day the records cover: spells hired before it enter late (see `tenureSurvival`). */
  readonly recordsStart?: CalendarDay;
  /** Minimum distinct people behind shown curves; default 5, below 3 refused. */
  readonly minGroupSize?: number;
  /** The pointwise interval type; default `log` (R's default). */
  readonly confType?: ConfidenceType;
  /** Confidence level; default 0.95. */
  readonly level?: number;
}

const TENURE_INCIDENCE_OPTIONS = {
  asOf: true,
  unit: true,
  recordsStart: true,
  minGroupSize: true,
  confType: true,
  level: true,
} satisfies OptionKeys<TenureIncidenceOptions>;

/**
 * People by their exit as of `asOf`: `stayed` (no separation by then), or the kind of their latest
 * separation (a rehire who left before counts by that exit); `regretted` counts the leavers whose
 * latest separation was regretted. These are the counts the privacy gate checks.
 */
export interface ExitCounts {
  readonly people: number;
  readonly stayed: number;
  readonly voluntary: number;
  readonly involuntary: number;
  readonly other: number;
  readonly regretted: number;
}

/** Cumulative incidence of exits from people's spells: voluntary, involuntary, other, and regretted. */
export interface ExitIncidence extends CumulativeIncidenceResult {
  /**
   * Regretted exits (`regretted: true`, of any kind; in practice voluntary) as a state of their own
   * beside every other exit: a subset of the kinds, so at most their sum. Its standard errors are
   * those of the model with the two states (regretted, other exits).
   */
  readonly regretted: CumulativeIncidenceCurve;
  readonly exits: ExitCounts;
}

/** The result of {@link tenureIncidence}. */
export interface TenureIncidenceResult {
  readonly asOf: CalendarDay;
  readonly unit: TenureUnit;
  /** Shown when the privacy gate shows the exit counts (at least minGroupSize people, no exit category holding everyone). */
  readonly overall: Reportable<ExitIncidence>;
  readonly warnings: readonly string[];
}

/**
 * Whether the privacy gate shows a group with these exit counts: at least minGroupSize people and
 * no exit category (stayed, left, one kind, regretted or not) that holds everyone.
 */
function exitCountsShown(exits: ExitCounts, minGroupSize: number): boolean {
  const leavers = exits.voluntary + exits.involuntary + exits.other;
  const [cell] = suppressTable(
    {
      cells: [
        {
          id: 'cell',
          n: exits.people,
          counts: {
            stayed: exits.stayed,
            voluntary: exits.voluntary,
            involuntary: exits.involuntary,
            other: exits.other,
            leavers,
            regretted: exits.regretted,
            notRegretted: leavers - exits.regretted,
          },
          variables: EXIT_VARIABLES,
        },
      ],
      equations: [],
    },
    { minGroupSize },
  ).cells;
  return cell?.status === 'shown';
}

/**
 * Cumulative incidence of voluntary, involuntary and other exits by tenure, from people's spells
 * (the Aalen-Johansen estimate of `cumulativeIncidence`), with regretted exits as a subset.
 *
 * Each counted spell (employees and direct temporaries, hired by asOf) is one observation, as in
 * `tenureSurvival`: its tenure is the days employed (terminationDate - hireDate + 1 for a spell
 * that ended by asOf, else asOf - hireDate + 1, censored), its exit the spell's `separationKind`
 * (`other` when missing, with a warning). With `recordsStart`, spells hired before it enter at
 * their tenure on it (late entry) and spells that ended before it are left out. Times are in
 * `unit` (days / 30.436875 for months). F_voluntary(12 months) is then "the share of new hires
 * who leave voluntarily within a year", with involuntary and other exits as competitors, which
 * 1 - Kaplan-Meier of voluntary exits (the others censored) overstates (see `cumulativeIncidence`).
 *
 * The curves are shown only when the privacy gate shows the group's exit counts (`exits`): at
 * least `minGroupSize` distinct people, and no exit category (stayed, left, one kind, regretted)
 * that holds everyone, since a curve that reaches the end with one kind tells each person's exit.
 * For groups side by side, publish through `exitIncidenceByGroup` (organisation), whose table also
 * keeps a hidden group from being derived from the total and the others.
 *
 * O(spells log spells).
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when asOf, recordsStart or a record's day is not a
 * day.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown option or unit, an unknown
 * interval type, a level outside (0, 1) or a minimum group size below 3.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2025-01-01', terminationDate: '2025-01-10', separationKind: 'voluntary', regretted: true }] },
 *   { id: 'b', spells: [{ hireDate: '2025-01-01', terminationDate: '2025-01-20', separationKind: 'involuntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2025-01-01', terminationDate: '2025-01-20', separationKind: 'voluntary' }] },
 *   { id: 'd', spells: [{ hireDate: '2025-01-01' }] },
 *   { id: 'e', spells: [{ hireDate: '2025-01-12' }] },
 * ] as const;
 * const result = tenureIncidence(people, { asOf: '2025-01-31', unit: 'days' });
 * result.overall.status === 'shown' && result.overall.value.time // => [10, 20, 31]
 * result.overall.status === 'shown' && result.overall.value.incidence.map((curve) => curve.probability) // => [[0.2, 0.4, 0.4], [0, 0.2, 0.2], [0, 0, 0]]
 * result.overall.status === 'shown' && result.overall.value.regretted.probability // => [0.2, 0.2, 0.2]
 * tenureIncidence(people.slice(0, 4), { asOf: '2025-01-31' }).overall // => { status: 'suppressed' }
 */
export function tenureIncidence(
  people: readonly RetentionPerson[],
  options: TenureIncidenceOptions,
): TenureIncidenceResult {
  checkOptions(options, TENURE_INCIDENCE_OPTIONS, 'tenureIncidence');
  const asOf = checkedAsOf(options?.asOf, 'tenureIncidence');
  const unit = options.unit ?? 'months';
  if (!Object.hasOwn(UNIT_DAYS, unit)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `tenureIncidence requires unit 'days', 'months' or 'years', got ${JSON.stringify(unit)}`,
    );
  }
  const { confType, level } = survivalOptions(options, 'tenureIncidence');
  const minimum = resolveMinGroupSize(options.minGroupSize);
  const recordsStart = checkedRecordsStart(options.recordsStart, 'tenureIncidence');
  const prepared = preparePeople(people, 'tenureIncidence');
  const times: number[] = [];
  const entry: number[] = [];
  const kinds: number[] = [];
  const regrets: number[] = [];
  const counts = { people: 0, stayed: 0, voluntary: 0, involuntary: 0, other: 0, regretted: 0 };
  let kindMissing = 0;
  for (const person of prepared) {
    if (!person.counted) continue;
    const spells = person.spells.filter(
      (spell) => spell.hire <= asOf && (recordsStart === undefined || spell.term >= recordsStart),
    );
    if (spells.length === 0) continue;
    counts.people += 1;
    let latest: (typeof spells)[number] | undefined;
    for (const spell of spells) {
      const left = spell.term <= asOf;
      times.push((left ? spell.term : asOf) - spell.hire + 1);
      entry.push(entryDays(spell.hire, recordsStart));
      const code = left ? SEPARATION_KINDS.indexOf(spell.kind) + 1 : 0;
      kinds.push(code);
      regrets.push(left ? (spell.regretted === true ? 1 : 2) : 0);
      if (left) {
        latest = spell;
        if (spell.kindMissing) kindMissing += 1;
      }
    }
    if (latest === undefined) counts.stayed += 1;
    else {
      counts[latest.kind] += 1;
      if (latest.regretted === true) counts.regretted += 1;
    }
  }
  const warnings = windowWarnings(prepared, asOf, recordsStart, 'tenureIncidence');
  if (kindMissing > 0) {
    warnings.push(
      `tenureIncidence: ${kindMissing} separation(s) have no separationKind and count as other`,
    );
  }
  const result = { asOf: dayString(asOf), unit, warnings };
  if (!exitCountsShown(counts, minimum)) return { ...result, overall: SUPPRESSED };
  const late = entry.some((value) => value > 0) ? { entry } : {};
  const settings = { confType, level, ...late };
  const fit = cumulativeIncidence(times, kinds, { kinds: [...SEPARATION_KINDS], ...settings });
  const regret = cumulativeIncidence(times, regrets, {
    kinds: ['regretted', 'not regretted'],
    ...settings,
  });
  const scale = UNIT_DAYS[unit];
  const value: ExitIncidence = {
    ...fit,
    time: scale === 1 ? fit.time : fit.time.map((t) => t / scale),
    regretted: regret.incidence[0]!,
    exits: counts,
  };
  return { ...result, overall: { status: 'shown', value, n: counts.people } };
}
