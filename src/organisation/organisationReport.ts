import { addCalendarDays, type CalendarDay } from '../core/calendarDay.js';
import { type Period, periodFromInclusive } from '../core/period.js';
import { depthFirst, teamTree } from '../internal/teamTree.js';
import { effectiveMinGroupSize } from '../privacy/minGroupSize.js';
import {
  checkLedger,
  type LedgerPopulation,
  ledgerWarning,
  type ReleaseLedger,
} from '../privacy/releaseLedger.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import { suppressionFootnote, suppressionReasons } from '../privacy/suppressionFootnote.js';
import {
  type AnnualTurnoverFromMonthlyResult,
  annualTurnoverFromMonthly,
} from '../retention/annualTurnoverFromMonthly.js';
import { hireCohorts } from '../retention/hireCohorts.js';
import {
  type PublishedHireCohortRow,
  publishHireCohorts,
} from '../retention/publishHireCohorts.js';
import { retentionPeople } from '../retention/retentionPeople.js';
import { type TurnoverByMonthResult, turnoverByMonth } from '../retention/turnoverByMonth.js';
import { type EnpsResult, enps } from '../satisfaction/enps.js';
import { answerGroups, type EnpsTrendResult, enpsTrend } from '../satisfaction/enpsTrend.js';
import { type FavourabilityResult, favourability } from '../satisfaction/favourability.js';
import { favourabilityBy } from '../satisfaction/favourabilityBy.js';
import { type ResponseRateResult, responseRate } from '../satisfaction/responseRate.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Question, Survey } from '../schemas/survey.js';
import { type Scorecard, scorecards } from '../service/scorecards.js';
import { releaseCell, suppressCell } from './breakdown.js';
import { releaseTrendWithTotal } from './jointRelease.js';
import { type SurvivalSegment, survivalByGroup } from './survivalByGroup.js';

/** Options of {@link organisationReport}. */
export interface OrganisationReportOptions {
  /** The day the data describes; nothing reads the clock. */
  readonly asOf: CalendarDay;
  /**
   * Minimum group size of every number shown. Default 5; below 3 refused. A survey that sets a
   * higher `minGroupSize` of its own is reported at that.
   */
  readonly minGroupSize?: number;
  /**
   * What earlier reports (and other releases) published on the same data (`ReleaseLedger`): the
   * survey sections (the eNPS total and the trend, the items' favourability, the heatmap) refuse
   * a value whose answers differ from an earlier release of the same question by 1 to k-1, and the
   * report's `ledger` adds what this report shows. Default: no ledger.
   */
  readonly ledger?: ReleaseLedger;
}

/** A survey as a section names it. */
export interface ReportSurvey {
  readonly id: string;
  readonly name: string;
  /** The minimum group size its numbers were published at. */
  readonly minGroupSize: number;
}

/** A Likert item of a survey. */
export interface ReportItem {
  readonly questionId: string;
  readonly text: string;
}

/** The latest survey's eNPS and the favourability of its Likert items. */
export interface EnpsSection {
  readonly id: 'enps';
  readonly survey: ReportSurvey;
  readonly enps: Reportable<EnpsResult>;
  /**
   * Responses of the invited; `null` when fewer invitations than responses were recorded, or
   * fewer respondents than the minimum group size (their count would tell a hidden cell's size).
   */
  readonly responseRate: ResponseRateResult | null;
  readonly items: readonly (ReportItem & { readonly result: Reportable<FavourabilityResult> })[];
  readonly warnings: readonly string[];
}

/** eNPS of every survey by quarter up to asOf (`enpsTrend`). */
export interface TrendSection {
  readonly id: 'trend';
  readonly trend: EnpsTrendResult;
}

/** A team of the tree in depth-first order. */
export interface ReportTeam {
  readonly id: string;
  readonly name: string;
  /** 0 for a root team. */
  readonly depth: number;
}

/** Favourability by team (roll-ups) and item, through `favourabilityBy`. */
export interface HeatmapSection {
  readonly id: 'heatmap';
  readonly survey: ReportSurvey;
  readonly items: readonly ReportItem[];
  readonly teams: readonly ReportTeam[];
  /** One cell per team and item, teams in `teams` order, items in `items` order. */
  readonly cells: readonly {
    readonly teamId: string;
    readonly questionId: string;
    readonly cell: Reportable<FavourabilityResult>;
  }[];
  readonly warnings: readonly string[];
}

/** Monthly turnover over the last 12 full months and its annual sum. */
export interface TurnoverSection {
  readonly id: 'turnover';
  /** `YYYY-MM`. */
  readonly from: string;
  readonly to: string;
  readonly series: TurnoverByMonthResult;
  readonly annual: AnnualTurnoverFromMonthlyResult;
}

/** Tenure survival of everyone, in years. */
export interface SurvivalSection {
  readonly id: 'survival';
  /** The `all` segment of {@link survivalByGroup}. */
  readonly everyone: SurvivalSegment;
}

/** Tenure survival per value of the employee attribute `department`. */
export interface SurvivalByDepartmentSection {
  readonly id: 'survival-by-department';
  /** The `group` segments of {@link survivalByGroup}, by department name. */
  readonly departments: readonly SurvivalSegment[];
}

/** Hire cohorts by quarter of the last three years, still employed 3, 6, 12 and 24 months on. */
export interface CohortSection {
  readonly id: 'cohorts';
  /** Through the privacy gate: nested groups of hires per horizon (`publishHireCohorts`). */
  readonly rows: readonly PublishedHireCohortRow[];
  readonly warnings: readonly string[];
}

/** Every manager's scorecard (direct reports) over the year up to asOf. */
export interface ScorecardSection {
  readonly id: 'scorecards';
  readonly period: Period;
  /** Sorted by manager name. */
  readonly scorecards: readonly (Scorecard & { readonly name: string })[];
  /** Shown metric values that have a target, and of them those that meet it. */
  readonly assessed: number;
  readonly meets: number;
  /** The scorecards' warnings and the first three of their issues. */
  readonly warnings: readonly string[];
}

/** A section of the organisation report, told apart by `id`. */
export type OrganisationSection =
  | EnpsSection
  | TrendSection
  | HeatmapSection
  | TurnoverSection
  | SurvivalSection
  | SurvivalByDepartmentSection
  | CohortSection
  | ScorecardSection;

/** The result of {@link organisationReport}. */
export interface OrganisationReport {
  readonly asOf: CalendarDay;
  /** The root team's name, if any. */
  readonly organisation: string | null;
  /** The minimum group size of sections without a survey, and the least of any section. */
  readonly minGroupSize: number;
  /** Why a value may be hidden, for one footnote (never per cell). */
  readonly suppressionReasons: readonly string[];
  readonly footnote: string;
  /** In the order a report shows them; a section without data is left out. */
  readonly sections: readonly OrganisationSection[];
  /** With a `ledger` option: the ledger with this report's survey values added; keep it. */
  readonly ledger?: ReleaseLedger;
}

/** The release ledger as the report's sections pass it along. @internal */
interface LedgerHolder {
  ledger: ReleaseLedger;
}

const byOpening = (a: Survey, b: Survey) =>
  a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0;

const reportSurvey = (survey: Survey, minGroupSize: number | undefined): ReportSurvey => ({
  id: survey.id,
  name: survey.name,
  minGroupSize: effectiveMinGroupSize({ minGroupSize: minGroupSize }, survey),
});

/** The team roll-ups of a tree in depth-first order, each with its depth. */
function teamOrder(dataset: Dataset): ReportTeam[] {
  const names = new Map(dataset.teams.map((team) => [team.id, team.name]));
  return depthFirst(teamTree(dataset.teams, 'organisationReport')).map(({ id, depth }) => ({
    id,
    name: names.get(id)!,
    depth,
  }));
}

function enpsSection(
  dataset: Dataset,
  latest: Survey,
  questionId: string,
  minGroupSize: number | undefined,
  holder: LedgerHolder | undefined,
): EnpsSection {
  const survey = reportSurvey(latest, minGroupSize);
  const responses = dataset.responses.filter((r) => r.surveyId === latest.id);
  const scores = responses.flatMap((r) => {
    const value = r.answers[questionId];
    return typeof value === 'number' ? [value] : [];
  });
  const result = enps(scores);
  const counts = {
    detractors: result.detractors,
    passives: result.passives,
    promoters: result.promoters,
  };
  const invited = dataset.invitations.filter((i) => i.surveyId === latest.id).length;
  const likert = dataset.questions.flatMap((q) =>
    q.surveyId === latest.id && q.kind === 'likert' ? [q] : [],
  );
  let refused = false;
  const items = likert.map((question) => {
    const answers = responses.map((r) => {
      const value = r.answers[question.id];
      return typeof value === 'number' ? value : null;
    });
    const answered = responses.filter((r) => typeof r.answers[question.id] === 'number');
    const item = favourability(answers, {
      points: question.points,
      ...(question.favourability === undefined ? {} : { map: question.favourability }),
    });
    const itemCounts = {
      favourable: item.favourable,
      neutral: item.neutral,
      unfavourable: item.unfavourable,
    };
    const statistics = { n: item.n, counts: itemCounts };
    let result: Reportable<FavourabilityResult>;
    if (holder === undefined) {
      result = suppressCell(item, statistics, { minGroupSize: survey.minGroupSize });
    } else {
      const release = releaseCell(item, statistics, {
        minGroupSize: survey.minGroupSize,
        ledger: holder.ledger,
        statistic: `likert:${latest.id}:${question.id}`,
        population: answerPopulation(latest, answered),
      });
      holder.ledger = release.ledger;
      refused ||= release.refusals.length > 0;
      result = release.cell;
    }
    return { questionId: question.id, text: question.text, result };
  });
  return {
    id: 'enps',
    survey,
    enps: suppressCell(result, { n: result.n, counts }, { minGroupSize: survey.minGroupSize }),
    // The respondents are a group too: their count is shown only where it passes the gate.
    responseRate:
      invited >= responses.length &&
      suppressCell(null, { n: responses.length }, { minGroupSize: survey.minGroupSize }).status ===
        'shown'
        ? responseRate(invited, responses.length)
        : null,
    items,
    warnings: refused ? [...result.warnings, ledgerWarning(survey.minGroupSize)] : result.warnings,
  };
}

/**
 * Who answered, for the ledger: respondent keys where the survey keeps them (as
 * `favourabilityBy` records the same question), otherwise the answers by survey and day. @internal
 */
function answerPopulation(
  survey: Survey,
  responses: readonly {
    readonly respondentId?: string | undefined;
    readonly submittedAt: string;
  }[],
): LedgerPopulation {
  if (
    survey.confidentiality !== 'anonymous' &&
    responses.every((r) => r.respondentId !== undefined)
  )
    return { keys: responses.map((r) => r.respondentId!) };
  return answerGroups(responses.map((r) => ({ ...r, score: 0, surveyId: survey.id })));
}

/**
 * Favourability by team and item, for the survey with most Likert items among those of the last
 * year that may be joined to teams (not anonymous); undefined when there is none.
 */
function heatmapSection(
  dataset: Dataset,
  surveys: readonly Survey[],
  asOf: CalendarDay,
  minGroupSize: number | undefined,
  holder: LedgerHolder | undefined,
): { readonly section: HeatmapSection; readonly totals: ReadonlyMap<string, boolean> } | undefined {
  const yearAgo = addCalendarDays(asOf, -365);
  const joinable = surveys
    .filter((s) => s.confidentiality !== 'anonymous' && s.opensOn > yearAgo)
    .map((survey) => ({
      survey,
      items: dataset.questions.filter((q) => q.surveyId === survey.id && q.kind === 'likert'),
    }))
    .filter((entry) => entry.items.length > 0)
    .sort((a, b) => b.items.length - a.items.length || byOpening(a.survey, b.survey))[0];
  if (joinable === undefined || dataset.teams.length === 0) return undefined;
  const survey = reportSurvey(joinable.survey, minGroupSize);
  const teams = teamOrder(dataset);
  const warnings = new Set<string>();
  const byItem = joinable.items.map((question: Question) => {
    const breakdown = favourabilityBy(dataset, {
      surveyId: survey.id,
      questionId: question.id,
      by: { kind: 'team' },
      minGroupSize: survey.minGroupSize,
      ...(holder === undefined ? {} : { ledger: holder.ledger }),
    });
    if (holder !== undefined && breakdown.ledger !== undefined)
      holder.ledger = breakdown.ledger.ledger;
    for (const warning of breakdown.warnings) warnings.add(warning);
    return { question, segments: new Map(breakdown.segments.map((s) => [s.id, s.cell])) };
  });
  // Whether each item's total over all respondents (the breakdown's `all` cell) is shown.
  const totals = new Map(
    byItem.map(({ question, segments }) => [question.id, segments.get('all')?.status === 'shown']),
  );
  const cells = teams.flatMap((team) =>
    byItem.map(({ question, segments }) => ({
      teamId: team.id,
      questionId: question.id,
      cell: segments.get(`team:${team.id}`) ?? SUPPRESSED,
    })),
  );
  return {
    section: {
      id: 'heatmap',
      survey,
      items: joinable.items.map((q) => ({ questionId: q.id, text: q.text })),
      teams,
      cells,
      warnings: [...warnings],
    },
    totals,
  };
}

/**
 * An item's favourability over all respondents is also the total of the heatmap's teams when
 * both come from the same survey: shown beside teams where the breakdown hid its total (as the
 * complement of a small group, such as respondents with no team), it gives that group away by
 * subtraction. Such an item total is hidden too (issue 14: one release, one decision). @internal
 */
function withHeatmapTotals(
  enpsPart: EnpsSection,
  heatmap: { readonly section: HeatmapSection; readonly totals: ReadonlyMap<string, boolean> },
): EnpsSection {
  if (heatmap.section.survey.id !== enpsPart.survey.id) return enpsPart;
  return {
    ...enpsPart,
    items: enpsPart.items.map((item) =>
      heatmap.totals.get(item.questionId) === false ? { ...item, result: SUPPRESSED } : item,
    ),
  };
}

/** The last 12 full months up to asOf (`YYYY-MM`): asOf's month when asOf is its last day. */
function lastTwelveMonths(asOf: CalendarDay): { from: string; to: string } {
  const lastMonth = asOf.slice(0, 7);
  const [year, month] = lastMonth.split('-').map(Number) as [number, number];
  const endsMonth = addCalendarDays(asOf, 1).slice(8) === '01';
  const to = endsMonth
    ? lastMonth
    : month === 1
      ? `${year - 1}-12`
      : `${year}-${String(month - 1).padStart(2, '0')}`;
  const [toYear, toNumber] = to.split('-').map(Number) as [number, number];
  const from =
    toNumber === 12 ? `${toYear}-01` : `${toYear - 1}-${String(toNumber + 1).padStart(2, '0')}`;
  return { from, to };
}

function scorecardSection(
  dataset: Dataset,
  asOf: CalendarDay,
  minGroupSize: number,
): ScorecardSection | undefined {
  const period = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const result = scorecards(dataset, { period, asOf, minGroupSize });
  if (result.scorecards.length === 0) return undefined;
  const names = new Map(dataset.employees.map((employee) => [employee.id, employee.name]));
  const cards = result.scorecards
    .map((card) => ({ ...card, name: names.get(card.managerId) ?? card.managerId }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let assessed = 0;
  let meets = 0;
  for (const card of cards) {
    for (const cell of Object.values(card.metrics)) {
      if (cell.status !== 'shown' || cell.value.assessment === null) continue;
      assessed++;
      if (cell.value.assessment === 'meets') meets++;
    }
  }
  return {
    id: 'scorecards',
    period,
    scorecards: cards,
    assessed,
    meets,
    warnings: [...result.warnings, ...result.issues.slice(0, 3).map((issue) => issue.message)],
  };
}

/** Turnover, survival and hire cohorts; nothing when the dataset has no employment spells. */
function retentionSections(
  dataset: Dataset,
  asOf: CalendarDay,
  minGroupSize: number,
): OrganisationSection[] {
  const people = retentionPeople(dataset);
  if (people.length === 0) return [];
  const { from, to } = lastTwelveMonths(asOf);
  const series = turnoverByMonth(people, { from, to });
  const sections: OrganisationSection[] = [
    { id: 'turnover', from, to, series, annual: annualTurnoverFromMonthly(series) },
  ];
  const department = new Map(dataset.employees.map((e) => [e.id, e.attributes.department ?? null]));
  const grouped = [...department.values()].some((value) => value !== null);
  const segments = survivalByGroup(people, {
    asOf,
    unit: 'years',
    minGroupSize,
    level: 0.95,
    ...(grouped
      ? {
          groupOf: (person) => {
            const value = department.get(person.id);
            return value === null || value === undefined ? null : String(value);
          },
        }
      : {}),
  });
  sections.push({ id: 'survival', everyone: segments.find((s) => s.segment === 'all')! });
  if (grouped) {
    sections.push({
      id: 'survival-by-department',
      departments: segments.filter((s) => s.segment === 'group'),
    });
  }
  const triangle = hireCohorts(people, { asOf, cohort: 'quarter', horizons: [3, 6, 12, 24] });
  const threeYearsAgo = addCalendarDays(asOf, -3 * 365);
  const recent = { ...triangle, rows: triangle.rows.filter((row) => row.first > threeYearsAgo) };
  sections.push({
    id: 'cohorts',
    rows: publishHireCohorts(recent, { minGroupSize }).rows,
    warnings: triangle.warnings,
  });
  return sections;
}

/**
 * Computes everything the organisation's report shows, from a validated dataset, as plain data:
 * the latest survey's eNPS and the favourability of its items, the quarterly eNPS trend,
 * favourability by team and item, monthly turnover over the last 12 full months, tenure survival
 * overall and by department, the hire-cohort triangle and the manager scorecards. Every number
 * about a group of people is a `Reportable` published through the privacy module
 * (`suppressTable`'s rule: fewer than the minimum, or everyone in one category, plus
 * complementary suppression in breakdowns); a survey's own `minGroupSize` applies where higher.
 * The footnote lists the reasons a value may be hidden, never per cell. Pure: no I/O, no clock.
 * `internal-customer report` formats and renders it.
 *
 * Sections that publish the same answers are released together: the latest survey's eNPS total
 * with the trend's periods (one table, `total = sum of its answers per period`), and each item's
 * favourability total with the heatmap's breakdown of the same survey (hidden where the breakdown
 * hid its total).
 *
 * Two reports of the same data (another `asOf`, a late answer): pass the `ledger` returned by the
 * last report to the next. The survey sections are then checked against every earlier release of
 * the same question; the retention sections (monthly turnover, survival, cohorts) and the
 * scorecards are not in the ledger (DESIGN.md: what the ledger cannot do).
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for a minimum group size below 3.
 *
 * @example
 * const dataset = validateDataset({
 *   surveys: [{ id: 's', name: 'Pulse', confidentiality: 'anonymous', opensOn: '2025-03-01' }],
 *   questions: [{ id: 'q', surveyId: 's', kind: 'enps', text: 'Recommend?' }],
 *   responses: [0, 1, 2, 3, 4, 5].map((score, i) => ({ id: `r${i}`, surveyId: 's', submittedAt: '2025-03-02T10:00:00Z', answers: { q: score } })),
 * }).dataset;
 * const report = organisationReport(dataset, { asOf: '2025-06-30' });
 * report.sections.map((section) => section.id) // => ['enps', 'trend']
 * report.sections[0].enps // => { status: 'suppressed' }
 * report.suppressionReasons[1] // => 'all answers or people in one category'
 */
export function organisationReport(
  dataset: Dataset,
  options: OrganisationReportOptions,
): OrganisationReport {
  const { asOf } = options;
  const minGroupSize = effectiveMinGroupSize({ minGroupSize: options.minGroupSize });
  const sections: OrganisationSection[] = [];
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const surveys = dataset.surveys.filter((s) => s.opensOn <= asOf).sort(byOpening);
  const holder: LedgerHolder | undefined =
    options.ledger === undefined
      ? undefined
      : { ledger: checkLedger(options.ledger, 'organisationReport') };
  const heatmapPart = heatmapSection(dataset, surveys, asOf, options.minGroupSize, holder);

  const latest = surveys.find((s) => enpsQuestion.has(s.id));
  let enpsPart =
    latest === undefined
      ? undefined
      : enpsSection(dataset, latest, enpsQuestion.get(latest.id)!, options.minGroupSize, holder);
  const answers = dataset.responses.flatMap((r) => {
    const id = enpsQuestion.get(r.surveyId);
    const value = id === undefined ? undefined : r.answers[id];
    return typeof value === 'number'
      ? [{ surveyId: r.surveyId, submittedAt: r.submittedAt, score: value }]
      : [];
  });
  let trendPart: TrendSection | undefined;
  if (answers.length > 0) {
    const trendSurveys = surveys.filter((s) => enpsQuestion.has(s.id));
    const trendMinimum = effectiveMinGroupSize({ minGroupSize }, trendSurveys);
    const alone = enpsPart === undefined || latest === undefined;
    const trend = enpsTrend(answers, {
      interval: 'quarter',
      asOf,
      minGroupSize: trendMinimum,
      surveys: trendSurveys,
      // Without a total, the trend is released alone, against the ledger.
      ...(alone && holder !== undefined ? { ledger: holder.ledger } : {}),
    });
    if (enpsPart === undefined || latest === undefined) {
      if (holder !== undefined && trend.ledger !== undefined) holder.ledger = trend.ledger.ledger;
      trendPart = { id: 'trend', trend };
    } else {
      // The total and the periods hold the same answers: released together (leak 1).
      const joint = releaseTrendWithTotal(
        trend,
        answers,
        latest.id,
        Math.max(trendMinimum, enpsPart.survey.minGroupSize),
        holder?.ledger,
      );
      trendPart = { id: 'trend', trend: joint.trend };
      if (!joint.totalShown) enpsPart = { ...enpsPart, enps: SUPPRESSED };
      if (holder !== undefined && joint.release !== undefined) {
        holder.ledger = joint.release.ledger;
        if (joint.release.refused)
          enpsPart = {
            ...enpsPart,
            warnings: [...enpsPart.warnings, ledgerWarning(enpsPart.survey.minGroupSize)],
          };
      }
    }
  }
  if (enpsPart !== undefined && heatmapPart !== undefined) {
    enpsPart = withHeatmapTotals(enpsPart, heatmapPart);
  }
  if (enpsPart !== undefined) sections.push(enpsPart);
  if (trendPart !== undefined) sections.push(trendPart);
  if (heatmapPart !== undefined) sections.push(heatmapPart.section);
  sections.push(...retentionSections(dataset, asOf, minGroupSize));
  const cards = scorecardSection(dataset, asOf, minGroupSize);
  if (cards !== undefined) sections.push(cards);
  const unit = 'answers or people';
  // The largest minimum in force: a survey may have promised its respondents more (review F5).
  const highest = Math.max(minGroupSize, ...surveys.map((s) => s.minGroupSize ?? 0));
  return {
    asOf,
    organisation: dataset.teams.find((team) => team.parentId === undefined)?.name ?? null,
    minGroupSize,
    suppressionReasons: suppressionReasons(minGroupSize, unit, highest),
    footnote: suppressionFootnote(minGroupSize, unit, highest),
    sections,
    ...(holder === undefined ? {} : { ledger: holder.ledger }),
  };
}
