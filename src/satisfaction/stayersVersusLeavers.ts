import { addCalendarDays, type CalendarDay, toCalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { gateMutants } from '../internal/gateMutants.js';
import { effectiveMinGroupSize } from '../privacy/minGroupSize.js';
import {
  type LedgerPopulation,
  type LedgerRefusal,
  ledgerWarning,
  type ReleaseLedger,
  suppressTableWithLedger,
} from '../privacy/releaseLedger.js';
import { type Reportable, SUPPRESSED } from '../privacy/reportable.js';
import { type PublishedReport, suppressTable } from '../privacy/suppressTable.js';
import type { TableEquation } from '../privacy/table.js';
import type { Dataset } from '../schemas/dataset.js';
import type { SeparationKind } from '../schemas/employee.js';
import { bucketsOf } from './favourability.js';

/** Options of {@link stayersVersusLeavers}. */
export interface StayersVersusLeaversOptions {
  readonly surveyId: string;
  /** Days after each person's response in which leaving counts. Default [90, 180, 365]. */
  readonly horizons?: readonly number[];
  /** The day of the analysis: a horizon not fully observed by then is left empty. */
  readonly asOf: string;
  /** Which separations count as leaving. Default all kinds. */
  readonly kinds?: readonly SeparationKind[];
  /**
   * Minimum group size for every published group. Default 5; the survey's own `minGroupSize`
   * applies when larger (`effectiveMinGroupSize`).
   */
  readonly minGroupSize?: number;
  /**
   * What was released earlier on the same answers (`ReleaseLedger`): a group whose respondents
   * differ from an earlier released group's, for the same question (`likert:<surveyId>:<questionId>`,
   * as `favourabilityBy` names it), by 1 to minGroupSize - 1 is refused and hidden, with
   * complements. The result's `ledger` adds this release. Default: no ledger.
   */
  readonly ledger?: ReleaseLedger;
}

/** Favourable / neutral / unfavourable counts and shares of a group. */
export interface GroupFavourability {
  readonly favourable: number;
  readonly neutral: number;
  readonly unfavourable: number;
  readonly shares: {
    readonly favourable: number;
    readonly neutral: number;
    readonly unfavourable: number;
  };
}

/** One item at one horizon. */
export interface AttritionComparison {
  readonly horizon: number;
  readonly leavers: Reportable<GroupFavourability>;
  readonly stayers: Reportable<GroupFavourability>;
  /**
   * Attrition of unfavourable responders divided by that of favourable responders
   * (vivaglint's `analyze_attrition`): 2 means unfavourable responders left twice as often.
   */
  readonly attritionRatio: Reportable<{
    readonly ratio: number | null;
    readonly unfavourableLeft: number;
    readonly unfavourable: number;
    readonly favourableLeft: number;
    readonly favourable: number;
  }>;
}

/** The result of {@link stayersVersusLeavers}. */
export interface StayersVersusLeaversResult {
  readonly items: readonly {
    readonly questionId: string;
    readonly horizons: readonly (AttritionComparison | null)[];
  }[];
  readonly warnings: readonly string[];
  /**
   * With a `ledger` option: the ledger with this release's shown groups added (keep it for the
   * next release), and why each refused group was refused (audit only).
   */
  readonly ledger?: { readonly ledger: ReleaseLedger; readonly refusals: readonly LedgerRefusal[] };
}

const BUCKETS = ['favourable', 'neutral', 'unfavourable'] as const;

/**
 * What people who later left had answered, against those who stayed: for each Likert item of a
 * survey and each horizon (90 / 180 / 365 days after the response), the favourability of leavers
 * and stayers, and the ratio of unfavourable to favourable responders' attrition (as vivaglint's
 * `analyze_attrition`). Unlike vivaglint, every group is suppressed below the minimum group size,
 * as is a group in which everyone gave the same kind of answer (it would tell each leaver's
 * answer), and all horizons of an item are suppressed together with `suppressTable`, so no group
 * can be derived from the others: the leavers, stayers and their total at each horizon, and the
 * nesting of horizons (whoever left within 90 days left within 180, so `leavers(180) =
 * leavers(90) + those who left between 90 and 180 days`, and the stayers the other way round).
 * Those who left between two horizons form a group of its own that is never shown nor derivable
 * when small. A horizon that has not fully passed by `asOf` is `null`.
 *
 * Only confidential and identified surveys: anonymous answers cannot be joined to departures.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or anonymous survey, horizons that
 * are not whole days >= 1, or a minimum group size below 3.
 *
 * @example
 * const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
 * const dataset = validateDataset({
 *   employees: people.map((id) => ({ id, name: id })),
 *   spells: people.map((id, i) => ({ employeeId: id, hireDate: '2020-01-01', ...(i < 6 ? { terminationDate: '2025-04-30', separationKind: 'voluntary' } : {}) })),
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'grow', surveyId: 's', kind: 'likert', points: 5, text: 'I can grow here' }],
 *   responses: people.map((id, i) => ({ id, surveyId: 's', respondentId: id, submittedAt: '2025-03-02T10:00:00Z', answers: { grow: (i < 6 ? [1, 2, 2, 4, 1, 3][i] : [5, 4, 4, 5, 2, 3][i - 6]) ?? null } })),
 * }).dataset;
 * const result = stayersVersusLeavers(dataset, { surveyId: 's', horizons: [90], asOf: '2025-12-31' });
 * const ratio = result.items[0]?.horizons[0]?.attritionRatio;
 * ratio?.status === 'shown' && ratio.value.ratio // => 4
 */
export function stayersVersusLeavers(
  dataset: Dataset,
  options: StayersVersusLeaversOptions,
): StayersVersusLeaversResult {
  const survey = dataset.surveys.find((s) => s.id === options.surveyId);
  if (survey === undefined)
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `stayersVersusLeavers: unknown survey "${options.surveyId}"`,
    );
  if (survey.confidentiality === 'anonymous') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `stayersVersusLeavers: survey "${survey.id}" is anonymous; its answers cannot be joined to departures`,
    );
  }
  const horizons = options.horizons ?? [90, 180, 365];
  if (horizons.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      'stayersVersusLeavers requires horizons in whole days >= 1',
    );
  }
  const minGroupSize = effectiveMinGroupSize(options, survey);
  const asOf = toCalendarDay(options.asOf);
  const kinds = new Set<SeparationKind>(options.kinds ?? ['voluntary', 'involuntary', 'other']);
  const spellsOf = new Map<string, typeof dataset.spells>();
  for (const spell of dataset.spells)
    spellsOf.set(spell.employeeId, [...(spellsOf.get(spell.employeeId) ?? []), spell]);
  /** The first counted separation day after `day`, in the spell the person was employed in on `day`. */
  const leftOn = (person: string, day: CalendarDay): CalendarDay | undefined => {
    for (const spell of spellsOf.get(person) ?? []) {
      if (
        spell.hireDate > day ||
        spell.terminationDate === undefined ||
        spell.terminationDate < day
      )
        continue;
      if (spell.separationKind !== undefined && kinds.has(spell.separationKind))
        return spell.terminationDate;
    }
    return undefined;
  };
  const responses = new Map<
    string,
    { day: CalendarDay; answers: (typeof dataset.responses)[number]['answers'] }
  >();
  for (const response of dataset.responses) {
    if (response.surveyId !== survey.id || response.respondentId === undefined) continue;
    if (!responses.has(response.respondentId))
      responses.set(response.respondentId, {
        day: toCalendarDay(response.submittedAt),
        answers: response.answers,
      });
  }
  const warnings: string[] = [];
  let ledger = options.ledger;
  const refusals: LedgerRefusal[] = [];
  const items = dataset.questions
    .filter((q) => q.surveyId === survey.id && q.kind === 'likert')
    .map((question) => {
      if (question.kind !== 'likert') throw new Error('unreachable');
      const bucket = bucketsOf(question.points, question.favourability, 'stayersVersusLeavers');
      const countsAt = (horizon: number): HorizonCounts | null => {
        const counts: HorizonCounts = {
          leavers: [0, 0, 0],
          stayers: [0, 0, 0],
          leaverKeys: [],
          stayerKeys: [],
        };
        let unobserved = false;
        for (const [person, response] of responses) {
          const value = response.answers[question.id];
          if (
            typeof value !== 'number' ||
            !Number.isInteger(value) ||
            value < 1 ||
            value > question.points
          )
            continue;
          const end = addCalendarDays(response.day, horizon);
          if (end > asOf) {
            unobserved = true;
            continue;
          }
          const left = leftOn(person, response.day);
          const leaver = left !== undefined && left <= end;
          (leaver ? counts.leavers : counts.stayers)[bucket[value]!]!++;
          if (ledger !== undefined) (leaver ? counts.leaverKeys : counts.stayerKeys).push(person);
        }
        if (unobserved) {
          warnings.push(
            `"${question.id}": ${horizon} days after some responses is after ${asOf}; that horizon is left empty`,
          );
          return null;
        }
        return counts;
      };
      const observed = new Map<number, HorizonCounts>();
      for (const horizon of [...new Set(horizons)].sort((a, b) => a - b)) {
        const counts = countsAt(horizon);
        if (counts !== null) observed.set(horizon, counts);
      }
      const compared = compareNested(
        observed,
        minGroupSize,
        ledger === undefined
          ? undefined
          : { ledger, statistic: `${question.kind}:${survey.id}:${question.id}` },
      );
      if (compared.release !== undefined) {
        ledger = compared.release.ledger;
        refusals.push(...compared.release.refusals);
      }
      return {
        questionId: question.id,
        horizons: horizons.map((horizon) => compared.comparisons.get(horizon) ?? null),
      };
    });
  if (refusals.length > 0) warnings.push(ledgerWarning(minGroupSize));
  return {
    items,
    warnings: [...new Set(warnings)],
    ...(ledger === undefined ? {} : { ledger: { ledger, refusals } }),
  };
}

/** Leavers' and stayers' favourable / neutral / unfavourable counts at one horizon. @internal */
interface HorizonCounts {
  readonly leavers: [number, number, number];
  readonly stayers: [number, number, number];
  /** Who they are (kept only for a release ledger). */
  readonly leaverKeys: string[];
  readonly stayerKeys: string[];
}

/**
 * Suppresses every observed horizon of one item together and builds their comparisons. The
 * horizons nest: whoever left within 90 days left within 180, so for consecutive horizons
 * `leavers(180) = leavers(90) + increment(90..180)` and `stayers(90) = stayers(180) +
 * increment(90..180)`, and `all = leavers(h) + stayers(h)` at every horizon. The increments are
 * cells of the audit table that this function never publishes; `suppressTable` sees them as
 * publishable, which can only make it hide more. @internal
 */
function compareNested(
  observed: ReadonlyMap<number, HorizonCounts>,
  minGroupSize: number,
  against: { readonly ledger: ReleaseLedger; readonly statistic: string } | undefined,
): {
  comparisons: Map<number, AttritionComparison>;
  release?: { ledger: ReleaseLedger; refusals: readonly LedgerRefusal[] };
} {
  const cell = (id: string, values: readonly number[]) => ({
    id,
    n: values[0]! + values[1]! + values[2]!,
    counts: Object.fromEntries(BUCKETS.map((key, i) => [key, values[i]!])),
  });
  const sorted = [...observed.keys()];
  const result = new Map<number, AttritionComparison>();
  if (sorted.length === 0)
    return against === undefined
      ? { comparisons: result }
      : { comparisons: result, release: { ledger: against.ledger, refusals: [] } };
  const first = observed.get(sorted[0]!)!;
  const all = first.leavers.map((value, i) => value + first.stayers[i]!);
  const cells = [cell('all', all)];
  const equations: TableEquation[] = [];
  sorted.forEach((horizon, index) => {
    const { leavers, stayers } = observed.get(horizon)!;
    cells.push(cell(`leavers:${horizon}`, leavers), cell(`stayers:${horizon}`, stayers));
    equations.push({ total: 'all', parts: [`leavers:${horizon}`, `stayers:${horizon}`] });
    const next = sorted[index + 1];
    if (next === undefined) return;
    const later = observed.get(next)!.leavers;
    const increment = `increment:${horizon}-${next}`;
    cells.push(
      cell(
        increment,
        later.map((value, i) => value - leavers[i]!),
      ),
    );
    if (gateMutants.dropNesting) return;
    equations.push(
      { total: `leavers:${next}`, parts: [`leavers:${horizon}`, increment] },
      { total: `stayers:${horizon}`, parts: [`stayers:${next}`, increment] },
    );
  });
  let report: PublishedReport;
  let release: { ledger: ReleaseLedger; refusals: readonly LedgerRefusal[] } | undefined;
  if (against === undefined) {
    report = suppressTable({ cells, equations }, { minGroupSize });
  } else {
    // The cells that total nothing: the first horizon's leavers, the last one's stayers, and
    // those who left between two horizons; the totals' populations follow from the equations.
    const populations = new Map<string, LedgerPopulation>();
    const firstCounts = observed.get(sorted[0]!)!;
    const lastCounts = observed.get(sorted[sorted.length - 1]!)!;
    populations.set(`leavers:${sorted[0]}`, { keys: firstCounts.leaverKeys });
    populations.set(`stayers:${sorted[sorted.length - 1]}`, { keys: lastCounts.stayerKeys });
    sorted.forEach((horizon, index) => {
      const next = sorted[index + 1];
      if (next === undefined) return;
      const before = new Set(observed.get(horizon)!.leaverKeys);
      populations.set(`increment:${horizon}-${next}`, {
        keys: observed.get(next)!.leaverKeys.filter((key) => !before.has(key)),
      });
    });
    const ledgered = suppressTableWithLedger(
      { cells, equations },
      { minGroupSize, ledger: against.ledger, statistic: against.statistic, populations },
    );
    report = ledgered.report;
    release = { ledger: ledgered.ledger, refusals: ledgered.refusals };
  }
  for (const horizon of sorted) {
    const { leavers, stayers } = observed.get(horizon)!;
    result.set(horizon, compare(horizon, leavers, stayers, minGroupSize, report));
  }
  return release === undefined ? { comparisons: result } : { comparisons: result, release };
}

function compare(
  horizon: number,
  leavers: [number, number, number],
  stayers: [number, number, number],
  minGroupSize: number,
  report: PublishedReport,
): AttritionComparison {
  const shown = (id: string) =>
    report.cells.find((c) => c.id === `${id}:${horizon}`)?.status === 'shown';
  const group = (id: string, values: readonly number[]): Reportable<GroupFavourability> => {
    if (!shown(id)) return SUPPRESSED;
    const n = values[0]! + values[1]! + values[2]!;
    return {
      status: 'shown',
      n,
      value: {
        favourable: values[0]!,
        neutral: values[1]!,
        unfavourable: values[2]!,
        shares: {
          favourable: values[0]! / n,
          neutral: values[1]! / n,
          unfavourable: values[2]! / n,
        },
      },
    };
  };
  const favourable = leavers[0] + stayers[0];
  const unfavourable = leavers[2] + stayers[2];
  const ratioShown =
    shown('leavers') &&
    shown('stayers') &&
    favourable >= minGroupSize &&
    unfavourable >= minGroupSize;
  const favourableRate = favourable === 0 ? 0 : leavers[0] / favourable;
  return {
    horizon,
    leavers: group('leavers', leavers),
    stayers: group('stayers', stayers),
    attritionRatio: ratioShown
      ? {
          status: 'shown',
          n: favourable + unfavourable,
          value: {
            ratio: favourableRate === 0 ? null : leavers[2] / unfavourable / favourableRate,
            unfavourableLeft: leavers[2],
            unfavourable,
            favourableLeft: leavers[0],
            favourable,
          },
        }
      : SUPPRESSED,
  };
}
