import { InternalCustomerError } from '../core/errors.js';
import { teamTree } from '../internal/teamTree.js';
import type { Dataset } from '../schemas/dataset.js';
import type { BreakdownResult } from './enpsBy.js';
import { type ResponseRateOptions, type ResponseRateResult, responseRate } from './responseRate.js';
import { publishSegments, type SegmentOptions, segmentTable } from './segments.js';

/** Options of {@link responseRateBy}. */
export interface ResponseRateByOptions extends Omit<SegmentOptions, 'by'>, ResponseRateOptions {}

/** Each person's team on a day (the assignment valid then), as the survey breakdowns read it. */
function teamsOn(dataset: Dataset, day: string): Map<string, string> {
  const team = new Map<string, string>();
  for (const a of dataset.assignments)
    if (a.validFrom <= day && (a.validTo === undefined || day <= a.validTo))
      team.set(a.employeeId, a.teamId);
  return team;
}

/**
 * The response rate of a survey by team (each team rolled up with everything below it, and the
 * direct members of teams with sub-teams), through the same gate as {@link enpsBy}: a team's
 * rate tells how many of it responded, the n of its every other result, so it is shown only
 * where that count is: at least the minimum group size of respondents, with complementary
 * suppression across the tree and `all` (a rate shown beside a hidden eNPS would tell that
 * cell's size). The invited come from the survey's invitations, joined to the teams of the day
 * the survey opened (`on`); each respondent counts once. The value is `null` for a segment with
 * fewer invitations recorded than responses (the invitations are incomplete), and a warning says
 * so. With `ledger`, the respondents are the statistic `response:<surveyId>`.
 *
 * O(responses + invitations + teams), plus the gate.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for an unknown or anonymous survey, a survey
 * without questions, or a minimum group size below 3.
 *
 * @example
 * const people = Array.from({ length: 8 }, (_, i) => `p${i}`);
 * const dataset = validateDataset({
 *   employees: [{ id: 'm', name: 'M' }, ...people.map((id) => ({ id, name: id }))],
 *   teams: [{ id: 't', name: 'T' }],
 *   assignments: people.map((id) => ({ employeeId: id, managerId: 'm', teamId: 't', validFrom: '2025-01-01' })),
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'confidential', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
 *   invitations: people.map((employeeId) => ({ surveyId: 's', employeeId })),
 *   responses: people.slice(0, 6).map((id) => ({ id, surveyId: 's', respondentId: id, submittedAt: '2025-03-02T10:00:00Z', answers: { q: 8 } })),
 * }).dataset;
 * const team = responseRateBy(dataset, { surveyId: 's' }).segments.find((s) => s.id === 'team:t');
 * team?.cell.status === 'shown' && team.cell.value?.rate // => 0.75
 */
export function responseRateBy(
  dataset: Dataset,
  options: ResponseRateByOptions,
): BreakdownResult<ResponseRateResult | null> {
  const built = segmentTable(
    dataset,
    { ...options, by: { kind: 'team' } },
    'responseRateBy',
    () => 'responded',
    (survey) => {
      const question = dataset.questions.find((q) => q.surveyId === survey.id);
      if (question === undefined)
        throw new InternalCustomerError(
          'INVALID_OPTION',
          `responseRateBy: survey "${survey.id}" has no questions`,
        );
      return question;
    },
    // Whoever responded counts, whatever they answered; no category, so nothing is shared.
    { categoriesOf: () => [], variables: {}, statistic: `response:${options.surveyId}` },
  );
  const survey = dataset.surveys.find((s) => s.id === options.surveyId)!;
  const invited = invitedByCell(dataset, survey.id, options.on ?? survey.opensOn);
  const warnings = [...built.warnings];
  let incomplete = false;
  const rateOptions = {
    ...(options.low === undefined ? {} : { low: options.low }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  const result = publishSegments(
    built,
    (cell) => {
      const of = invited.get(cell.id) ?? 0;
      if (of >= cell.n) return responseRate(of, cell.n, rateOptions);
      incomplete = true;
      return null;
    },
    warnings,
  );
  if (incomplete)
    warnings.push(
      'fewer invitations than respondents were recorded for some segments: their rate is null',
    );
  return result;
}

/** The invited of each cell id of a team breakdown: roll-ups, direct members, `missing`, `all`. */
function invitedByCell(dataset: Dataset, surveyId: string, day: string): Map<string, number> {
  const team = teamsOn(dataset, day);
  const direct = new Map<string, number>();
  const invitees = new Set<string>();
  let missing = 0;
  for (const invitation of dataset.invitations) {
    if (invitation.surveyId !== surveyId || invitees.has(invitation.employeeId)) continue;
    invitees.add(invitation.employeeId);
    const of = team.get(invitation.employeeId);
    if (of === undefined) missing++;
    else direct.set(of, (direct.get(of) ?? 0) + 1);
  }
  const result = new Map<string, number>([
    ['all', invitees.size],
    ['missing', missing],
  ]);
  if (dataset.teams.length === 0) return result;
  const { order, children } = teamTree(dataset.teams, 'responseRateBy');
  const rollup = new Map<string, number>();
  // Children come before their parents in `order`.
  for (const id of order) {
    const kids = children.get(id) ?? [];
    const total = kids.reduce((sum, kid) => sum + (rollup.get(kid) ?? 0), direct.get(id) ?? 0);
    rollup.set(id, total);
    result.set(`team:${id}`, total);
    if (kids.length > 0) result.set(`team:${id}:direct`, direct.get(id) ?? 0);
  }
  return result;
}
