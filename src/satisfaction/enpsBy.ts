import { InternalCustomerError } from '../core/errors.js';
import type { LedgerRefusal, ReleaseLedger } from '../privacy/releaseLedger.js';
import type { Reportable } from '../privacy/reportable.js';
import type { PublishedReport } from '../privacy/suppressTable.js';
import type { Dataset } from '../schemas/dataset.js';
import type { EnpsCutoffs } from './classifyEnps.js';
import { classifyEnps } from './classifyEnps.js';
import { type EnpsResult, enps } from './enps.js';
import {
  DEFAULT_ENPS_INTERVAL_METHOD,
  type UnseededEnpsIntervalMethod,
} from './enpsIntervals/registry.js';
import { enpsTallyFromCounts } from './enpsTally.js';
import {
  publishSegments,
  type SegmentCell,
  type SegmentOptions,
  segmentTable,
} from './segments.js';

/** Options of {@link enpsBy}. */
export interface EnpsByOptions extends SegmentOptions {
  /** The eNPS question; default the survey's only `enps` question. */
  readonly questionId?: string;
  readonly cutoffs?: Partial<EnpsCutoffs>;
  /** Interval method: any of `ENPS_INTERVAL_METHODS` that needs no `random`. Default `adjusted-wald`. */
  readonly method?: UnseededEnpsIntervalMethod;
  readonly level?: number;
}

/** A breakdown's published cells and its audit record. */
export interface BreakdownResult<T> {
  readonly segments: readonly (SegmentCell & { readonly cell: Reportable<T> })[];
  /** The audit record (holds suppressed values): keep it server-side, never send it to a reader. */
  readonly report: PublishedReport;
  readonly warnings: readonly string[];
  /**
   * With a `ledger` option: the ledger with this release's shown cells added (keep it for the
   * next release), and why each refused cell was refused (audit only, like `report`).
   */
  readonly ledger?: { readonly ledger: ReleaseLedger; readonly refusals: readonly LedgerRefusal[] };
}

/**
 * eNPS of a survey broken down by team (each team rolled up with everything below it, and the
 * direct members of teams with sub-teams), by manager (direct reports, or the whole reporting
 * tree), or by an employee attribute, on the teams and reporting lines of the day the survey
 * opened. Every cell is a `Reportable`, with primary, attribute and complementary suppression
 * applied across all the cells published together (including the `all` total), so nobody can
 * subtract their way to a group below the minimum. Respondents without a segment key are not
 * dropped: they count in `all` and in a `missing` segment, and a warning says how many (or
 * "fewer than" the minimum). Each respondent counts once.
 *
 * Respects confidentiality: anonymous surveys cannot be joined to HR data and are refused;
 * protected attributes need `protected: true`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or anonymous survey, a missing
 * eNPS question, a protected attribute without consent, or a minimum group size below 3.
 *
 * @example
 * const dataset = validateDataset({
 *   employees: ['m', 'a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, name: id })),
 *   teams: [{ id: 't', name: 'T' }],
 *   assignments: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ employeeId: id, managerId: 'm', teamId: 't', validFrom: '2025-01-01' })),
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
 *   responses: ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, surveyId: 's', respondentId: id, submittedAt: '2025-03-02T10:00:00Z', answers: { q: [9, 10, 7, 3, 9, 8][i] ?? null } })),
 * }).dataset;
 * const result = enpsBy(dataset, { surveyId: 's', by: { kind: 'team' } });
 * const team = result.segments.find((segment) => segment.id === 'team:t');
 * team?.cell.status === 'shown' && team.cell.value.score // => 33.3333333
 */
export function enpsBy(dataset: Dataset, options: EnpsByOptions): BreakdownResult<EnpsResult> {
  const cutoffs = options.cutoffs;
  const built = segmentTable(
    dataset,
    options,
    'enpsBy',
    (value) => {
      if (value === null || typeof value !== 'number') return null;
      return classifyEnps(value, cutoffs);
    },
    (survey) => {
      const candidates = dataset.questions.filter(
        (q) =>
          q.surveyId === survey.id &&
          q.kind === 'enps' &&
          (options.questionId === undefined || q.id === options.questionId),
      );
      if (candidates.length !== 1) {
        throw new InternalCustomerError(
          'INVALID_OPTION',
          `enpsBy requires one eNPS question in survey "${survey.id}"; name it with questionId`,
        );
      }
      return candidates[0]!;
    },
    // Every category of the answer, chosen or not: one seen alone is no proof that all chose it.
    { variables: { answer: ['detractor', 'passive', 'promoter'] } },
  );
  return publishSegments(built, (cell) => {
    const tally = enpsTallyFromCounts(
      {
        detractors: cell.counts?.detractor ?? 0,
        passives: cell.counts?.passive ?? 0,
        promoters: cell.counts?.promoter ?? 0,
      },
      cutoffs === undefined ? {} : { cutoffs },
    );
    return enps(tally, {
      method: options.method ?? DEFAULT_ENPS_INTERVAL_METHOD,
      level: options.level ?? 0.95,
    });
  });
}
