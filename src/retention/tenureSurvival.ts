import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../internal/checkOptions.js';
import { countInWarning } from '../internal/countInWarning.js';
import { resolveMinGroupSize } from '../privacy/minGroupSize.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { checkedAsOf } from './internal/cohorts.js';
import { dayString, yearMonth } from './internal/days.js';
import { type PreparedAssignment, prepareAssignments, preparePeople } from './internal/people.js';
import { checkedRecordsStart, entryDays, windowWarnings } from './internal/window.js';
import {
  type ConfidenceType,
  countByTime,
  type KaplanMeierResult,
  kaplanMeierFromCounts,
  survivalOptions,
} from './kaplanMeier.js';
import { type LogRankResult, logRank } from './logRank.js';
import type { RetentionPerson, RetentionSpell } from './retentionPeople.js';

/** The unit of tenure: days employed, or months and years of average Gregorian length. */
export type TenureUnit = 'days' | 'months' | 'years';

/** Days per unit: a month is 365.2425 / 12 = 30.436875 days, a year 365.2425 days. @internal */
export const UNIT_DAYS: Record<TenureUnit, number> = {
  days: 1,
  months: 365.2425 / 12,
  years: 365.2425,
};

/**
 * What splits the curves: the team on the last day observed (`team`, from the assignments), the
 * calendar year of the hire (`hire-year`), a free attribute such as `{ attribute: 'role' }`, or a
 * function of the person and the spell. An observation without a key is left out of the strata
 * (not of the overall curve).
 */
export type TenureStratum =
  | 'team'
  | 'hire-year'
  | { readonly attribute: string }
  | ((person: RetentionPerson, spell: RetentionSpell) => string | undefined);

/** Options of {@link tenureSurvival}. */
export interface TenureSurvivalOptions {
  /** The day the data describes: spells still open then are censored at their tenure that day. */
  readonly asOf: CalendarDay | Date;
  /** The unit of the curves' times; default `months`. */
  readonly unit?: TenureUnit;
  /** Split the curves by a key, with a log-rank test across the shown strata. */
  readonly by?: TenureStratum;
  /** Which spells of a rehired person count: every spell (default), the first or the latest. */
  readonly spells?: 'all' | 'first' | 'latest';
  /** Minimum distinct people behind a shown curve; default 5, below 3 refused. */
  readonly minGroupSize?: number;
  /** The pointwise interval type; default `log` (R's default). */
  readonly confType?: ConfidenceType;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /**
   * The first day the records cover. Spells hired before it enter at their tenure on that day
   * (late entry); spells that ended before it are left out, with a warning. Without it, a warning
   * says when hires long before the first termination suggest that the records start later.
   */
  readonly recordsStart?: CalendarDay;
}

/** The options tenureSurvival knows (an unknown one is an error). */
const TENURE_SURVIVAL_OPTIONS = {
  asOf: true,
  unit: true,
  by: true,
  spells: true,
  minGroupSize: true,
  confType: true,
  level: true,
  recordsStart: true,
} satisfies OptionKeys<TenureSurvivalOptions>;

/** One stratum of {@link tenureSurvival}. */
export interface TenureStratumCurve {
  readonly key: string;
  /** Suppressed when fewer than `minGroupSize` distinct people are in the stratum. */
  readonly curve: Reportable<KaplanMeierResult>;
}

/** The result of {@link tenureSurvival}. */
export interface TenureSurvivalResult {
  readonly asOf: CalendarDay;
  readonly unit: TenureUnit;
  /** Everyone counted, suppressed when fewer than `minGroupSize` people. */
  readonly overall: Reportable<KaplanMeierResult>;
  /** One curve per key, sorted by key (empty without `by`). */
  readonly strata: readonly TenureStratumCurve[];
  /** The log-rank test across the shown strata when there are at least two, else null. */
  readonly logRank: LogRankResult | null;
  readonly warnings: readonly string[];
}

interface Observation {
  readonly person: number;
  /** Days employed before the records start (0 when observed from hire). */
  readonly entry: number;
  readonly days: number;
  readonly event: number;
  readonly key: string | undefined;
}

/** The entry times of observations, or undefined when every one is observed from hire. */
function entryOf(list: readonly Observation[]): Float64Array | undefined {
  if (list.every((observation) => observation.entry === 0)) return undefined;
  return Float64Array.from(list, (observation) => observation.entry);
}

function teamOn(assignments: readonly PreparedAssignment[], day: number): string | undefined {
  for (const assignment of assignments) {
    if (assignment.from <= day && day <= assignment.to) return assignment.teamId;
  }
  return undefined;
}

/**
 * Tenure survival curves: Kaplan-Meier estimates of the probability of still being employed after
 * t days, months or years, from people's employment spells (kaplan-meier.md).
 *
 * Leavers are events at their tenure and current employees are censored at theirs: tenure is the
 * number of days employed, terminationDate - hireDate + 1 for a spell that ended by asOf (the
 * termination date is the last day employed), asOf - hireDate + 1 for one still open at asOf (a
 * termination after asOf is not yet known: censored). Spells hired after asOf are left out. Months
 * and years are days / 30.436875 and days / 365.2425 (mean Gregorian lengths), so S(12 months) is
 * S(365 days) for whole days; the curves are computed on days and the times divided, which changes
 * nothing else. A rehire starts a new tenure clock: by default each spell is one observation (the
 * first or the latest spell only on request); leave does not stop the clock; employees and direct
 * temporaries only.
 *
 * With `recordsStart`, a spell hired before it is observed from then only, so it enters the risk
 * sets at its tenure on that day, recordsStart - hireDate days (left truncation, R
 * `survfit(Surv(entry, days, status) ~ 1)`), and the log-rank test becomes the Cox score test
 * (see `logRank`). Without it, tenure counts from hire for everyone, which overstates survival
 * when the records start after some hires: a warning says so when spells were hired more than a
 * year before the first termination in the data.
 *
 * With `by`, one curve per key, each a `Reportable` shown only with at least `minGroupSize`
 * distinct people (DESIGN.md), and `logRank` (R `survdiff`, chi-square with k - 1 degrees of
 * freedom) across the k >= 2 shown strata only, so the test says nothing about a suppressed one.
 *
 * O(spells + assignments + days of the longest tenure), plus O(n log n) for the log-rank test.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` when asOf, recordsStart or a record's day is not a
 * day.
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown unit, stratum, spells choice or
 * interval type, a level outside (0, 1) or a minimum group size below 3.
 * @throws {InternalCustomerError} `INVALID_INPUT` for malformed people or assignments.
 *
 * @example
 * const people = [
 *   { id: 'a', spells: [{ hireDate: '2025-01-01', terminationDate: '2025-01-10', separationKind: 'voluntary' }] },
 *   { id: 'b', spells: [{ hireDate: '2025-01-01', terminationDate: '2025-01-20', separationKind: 'involuntary' }] },
 *   { id: 'c', spells: [{ hireDate: '2025-01-01' }] },
 *   { id: 'd', spells: [{ hireDate: '2025-01-12' }] },
 *   { id: 'e', spells: [{ hireDate: '2025-01-22' }] },
 * ];
 * // Days employed 10, 20 (events), 31, 20, 10 (censored): R survfit(Surv(time, status) ~ 1).
 * const result = tenureSurvival(people, { asOf: '2025-01-31', unit: 'days' });
 * result.overall.status === 'shown' && result.overall.value.time // => [10, 20, 31]
 * result.overall.status === 'shown' && result.overall.value.survival // => [0.8, 0.5333333333333333, 0.5333333333333333]
 * tenureSurvival(people.slice(0, 4), { asOf: '2025-01-31' }).overall // => { status: 'suppressed' }
 * // Records from 2025-01-15: a left before (out); b and c enter at tenure 14, d at 3.
 * const late = tenureSurvival(people, {
 *   asOf: '2025-01-31', unit: 'days', recordsStart: '2025-01-15', minGroupSize: 3,
 * });
 * late.overall.status === 'shown' && late.overall.value.atRisk // => [2, 3, 1]
 * late.overall.status === 'shown' && late.overall.value.survival // => [1, 0.6666666666666667, 0.6666666666666667]
 */
export function tenureSurvival(
  people: readonly RetentionPerson[],
  options: TenureSurvivalOptions,
): TenureSurvivalResult {
  checkOptions(options, TENURE_SURVIVAL_OPTIONS, 'tenureSurvival');
  const asOf = checkedAsOf(options?.asOf, 'tenureSurvival');
  const unit = options.unit ?? 'months';
  if (!Object.hasOwn(UNIT_DAYS, unit)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `tenureSurvival requires unit 'days', 'months' or 'years', got ${JSON.stringify(unit)}`,
    );
  }
  const which = options.spells ?? 'all';
  if (which !== 'all' && which !== 'first' && which !== 'latest') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `tenureSurvival requires spells 'all', 'first' or 'latest', got ${JSON.stringify(which)}`,
    );
  }
  const by = options.by;
  if (
    by !== undefined &&
    by !== 'team' &&
    by !== 'hire-year' &&
    typeof by !== 'function' &&
    !(typeof by === 'object' && by !== null && typeof by.attribute === 'string')
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `tenureSurvival requires by as 'team', 'hire-year', { attribute } or a function, got ${JSON.stringify(by)}`,
    );
  }
  const { confType, level } = survivalOptions(options, 'tenureSurvival');
  const minimum = resolveMinGroupSize(options.minGroupSize);
  const scale = UNIT_DAYS[unit];
  const recordsStart = checkedRecordsStart(options.recordsStart, 'tenureSurvival');
  const prepared = preparePeople(people, 'tenureSurvival');

  const observations: Observation[] = [];
  for (const person of prepared) {
    if (!person.counted) continue;
    let spells = person.spells.filter(
      (spell) => spell.hire <= asOf && (recordsStart === undefined || spell.term >= recordsStart),
    );
    if (spells.length === 0) continue;
    if (which === 'first') spells = spells.slice(0, 1);
    else if (which === 'latest') spells = spells.slice(-1);
    const assignments = by === 'team' ? prepareAssignments(person, 'tenureSurvival') : [];
    for (const spell of spells) {
      const event = spell.term <= asOf ? 1 : 0;
      const lastDay = event === 1 ? spell.term : asOf;
      let key: string | undefined;
      if (by === 'team') key = teamOn(assignments, lastDay);
      else if (by === 'hire-year') key = String(yearMonth(spell.hire).year);
      else if (typeof by === 'function') key = by(person.source, spell.source);
      else if (by !== undefined) {
        const value = person.source.attributes?.[by.attribute];
        key = value === undefined ? undefined : String(value);
      }
      observations.push({
        person: person.index,
        entry: entryDays(spell.hire, recordsStart),
        days: lastDay - spell.hire + 1,
        event,
        key,
      });
    }
  }

  const curve = (list: readonly Observation[]): { km: KaplanMeierResult; people: number } => {
    const times = new Float64Array(list.length);
    const events = new Uint8Array(list.length);
    list.forEach((observation, i) => {
      times[i] = observation.days;
      events[i] = observation.event;
    });
    return {
      km: kaplanMeierFromCounts(
        countByTime(times, events, 'tenureSurvival', entryOf(list)),
        confType,
        level,
        scale,
      ),
      people: new Set(list.map((observation) => observation.person)).size,
    };
  };
  const reportable = (list: readonly Observation[]): Reportable<KaplanMeierResult> => {
    const { km, people: n } = curve(list);
    return n >= minimum ? { status: 'shown', value: km, n } : SUPPRESSED;
  };

  const warnings = windowWarnings(prepared, asOf, recordsStart, 'tenureSurvival', minimum);
  const strata: TenureStratumCurve[] = [];
  let test: LogRankResult | null = null;
  if (by !== undefined) {
    const groups = new Map<string, Observation[]>();
    let keyless = 0;
    for (const observation of observations) {
      if (observation.key === undefined) {
        keyless += 1;
        continue;
      }
      const list = groups.get(observation.key);
      if (list === undefined) groups.set(observation.key, [observation]);
      else list.push(observation);
    }
    if (keyless > 0) {
      warnings.push(
        `tenureSurvival: ${countInWarning(keyless, minimum)} spell(s) have no stratum key and are left out of the strata`,
      );
    }
    const shown: Observation[] = [];
    for (const key of [...groups.keys()].sort()) {
      const list = groups.get(key)!;
      const cell = reportable(list);
      strata.push({ key, curve: cell });
      if (cell.status === 'shown') for (const observation of list) shown.push(observation);
    }
    const shownKeys = strata.filter((s) => s.curve.status === 'shown').length;
    if (shownKeys >= 2) {
      test = logRank(
        shown.map((o) => o.days),
        shown.map((o) => o.event),
        shown.map((o) => o.key!),
        { entry: entryOf(shown) },
      );
    }
    if (shownKeys < strata.length) {
      warnings.push(
        `tenureSurvival: ${strata.length - shownKeys} stratum/strata suppressed (fewer than ${minimum} people) and left out of the log-rank test`,
      );
    }
  }
  return {
    asOf: dayString(asOf),
    unit,
    overall: reportable(observations),
    strata,
    logRank: test,
    warnings,
  };
}
