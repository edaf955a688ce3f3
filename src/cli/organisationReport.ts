import { addCalendarDays, type CalendarDay } from '../core/calendarDay.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import type { VegaLiteSpec } from '../report/chartTypes.js';
import { cohortChart } from '../report/cohortChart.js';
import { enpsTrendChart } from '../report/enpsTrendChart.js';
import { favourabilityChart } from '../report/favourabilityChart.js';
import { formatNumber } from '../report/formatNumber.js';
import { heatmapChart } from '../report/heatmapChart.js';
import { type ReportSection, reportPage } from '../report/reportPage.js';
import { survivalChart } from '../report/survivalChart.js';
import { turnoverChart } from '../report/turnoverChart.js';
import { annualTurnoverFromMonthly } from '../retention/annualTurnoverFromMonthly.js';
import { hireCohorts } from '../retention/hireCohorts.js';
import { kmMedian } from '../retention/kmQuantile.js';
import { retentionPeople } from '../retention/retentionPeople.js';
import { turnoverByMonth } from '../retention/turnoverByMonth.js';
import { enps } from '../satisfaction/enps.js';
import { enpsTrend } from '../satisfaction/enpsTrend.js';
import { type FavourabilityResult, favourability } from '../satisfaction/favourability.js';
import { favourabilityBy } from '../satisfaction/favourabilityBy.js';
import { responseRate } from '../satisfaction/responseRate.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Question, Survey } from '../schemas/survey.js';
import { effectiveMinGroupSize, suppressCell, suppressionFootnote } from './breakdown.js';
import { writeFileAtomic } from './output.js';
import { renderSvg } from './renderSvg.js';
import { scorecardSections } from './scorecardSection.js';
import { survivalByGroup } from './survivalGroups.js';

/** Options of {@link organisationReport}. @internal */
export interface OrganisationReportOptions {
  /** The day the data describes. */
  readonly asOf: CalendarDay;
  /** Minimum group size of every breakdown; default 5. */
  readonly minGroupSize?: number;
  /** Extra sections (the manager scorecards), added after the built-in ones. */
  readonly extraSections?: readonly ReportSectionSpec[];
}

/** A section before rendering: the chart as a Vega-Lite specification. @internal */
export type ReportSectionSpec = Omit<ReportSection, 'svg'> & { readonly spec?: VegaLiteSpec };

/** The report of an organisation before rendering. @internal */
export interface OrganisationReport {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSectionSpec[];
}

const byOpening = (a: Survey, b: Survey) =>
  a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0;

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** The team roll-ups of a tree in depth-first order, each with its depth. */
function teamOrder(dataset: Dataset): { id: string; name: string; depth: number }[] {
  const children = new Map<string | undefined, typeof dataset.teams>();
  for (const team of dataset.teams) {
    const list = children.get(team.parentId) ?? [];
    list.push(team);
    children.set(team.parentId, list);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const team of children.get(parent) ?? []) {
      out.push({ id: team.id, name: team.name, depth });
      visit(team.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return out;
}

/**
 * Computes everything the organisation's HTML report shows, from a validated dataset: the latest
 * survey's eNPS and favourability, the quarterly eNPS trend, favourability by team and item
 * (through `favourabilityBy`, so small teams are suppressed), monthly turnover over the last 12
 * months, tenure survival overall and by department (through the privacy module) and the hire
 * cohort triangle. Each section carries a one-line explanation. @internal
 */
export function organisationReport(
  dataset: Dataset,
  options: OrganisationReportOptions,
): OrganisationReport {
  const { asOf } = options;
  const minGroupSize = effectiveMinGroupSize(options.minGroupSize);
  const sections: ReportSectionSpec[] = [];
  const root = dataset.teams.find((team) => team.parentId === undefined);
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const surveys = dataset.surveys.filter((s) => s.opensOn <= asOf).sort(byOpening);

  // 1. The latest survey's eNPS, and favourability of its items.
  const latest = surveys.find((s) => enpsQuestion.has(s.id));
  if (latest !== undefined) {
    const questionId = enpsQuestion.get(latest.id)!;
    const responses = dataset.responses.filter((r) => r.surveyId === latest.id);
    const scores = responses.flatMap((r) => {
      const value = r.answers[questionId];
      return typeof value === 'number' ? [value] : [];
    });
    const surveyMinimum = effectiveMinGroupSize(options.minGroupSize, latest);
    const result = enps(scores);
    const shown = suppressCell(
      result,
      {
        n: result.n,
        counts: {
          detractors: result.detractors,
          passives: result.passives,
          promoters: result.promoters,
        },
      },
      surveyMinimum,
    );
    const invited = dataset.invitations.filter((i) => i.surveyId === latest.id).length;
    const rate =
      invited >= responses.length ? responseRate(invited, responses.length) : { rate: null };
    const likert = dataset.questions.flatMap((q) =>
      q.surveyId === latest.id && q.kind === 'likert' ? [q] : [],
    );
    const items = likert.map((question) => {
      const answers = responses.map((r) => {
        const value = r.answers[question.id];
        return typeof value === 'number' ? value : null;
      });
      const item = favourability(answers, {
        points: question.points,
        ...(question.favourability === undefined ? {} : { map: question.favourability }),
      });
      const counts = {
        favourable: item.favourable,
        neutral: item.neutral,
        unfavourable: item.unfavourable,
      };
      return {
        label: question.text,
        result: suppressCell(item, { n: item.n, counts }, surveyMinimum),
      };
    });
    sections.push({
      id: 'enps',
      title: `eNPS: ${latest.name}`,
      explanation:
        'Employee NPS: the % of promoters (9-10) minus the % of detractors (0-6) who answered "How likely are you to recommend working here?", from -100 to 100.',
      highlights:
        shown.status === 'shown'
          ? [
              {
                label: 'eNPS',
                value: formatNumber(shown.value.score),
                detail: `95% interval ${formatNumber(shown.value.interval?.lower)} to ${formatNumber(shown.value.interval?.upper)} (adjusted Wald), n = ${shown.value.n}`,
              },
              {
                label: 'promoters / passives / detractors',
                value: `${shown.value.promoters} / ${shown.value.passives} / ${shown.value.detractors}`,
              },
              ...(rate.rate === null
                ? []
                : [
                    {
                      label: 'response rate',
                      value: formatNumber(rate.rate, { percent: true }),
                      detail: `${responses.length} of ${invited} invited (${rate.assessment})`,
                    },
                  ]),
            ]
          : [{ label: 'eNPS', value: 'suppressed' }],
      ...(items.length === 0
        ? {}
        : {
            spec: favourabilityChart(items, {
              title: `Favourability: ${latest.name}`,
              subtitle: 'Share of answers given: unfavourable (1-2), neutral (3), favourable (4-5)',
            }),
          }),
      notes: [
        ...(surveyMinimum > minGroupSize
          ? [`This survey sets its own minimum group size: ${surveyMinimum}.`]
          : []),
        ...result.warnings,
      ],
    });
  }

  // 2. The quarterly trend over every survey.
  const answers = dataset.responses.flatMap((r) => {
    const id = enpsQuestion.get(r.surveyId);
    const value = id === undefined ? undefined : r.answers[id];
    return typeof value === 'number' ? [{ submittedAt: r.submittedAt, score: value }] : [];
  });
  if (answers.length > 0) {
    const trend = enpsTrend(answers, { interval: 'quarter', asOf });
    sections.push({
      id: 'trend',
      title: 'eNPS by quarter',
      explanation:
        'eNPS of every survey by quarter with its 95% interval; a red point marks a change from the previous quarter that is significant (p < 0.05, n >= 20 on both sides, at least 5 points).',
      spec: enpsTrendChart(trend, { title: 'eNPS by quarter' }),
      notes: trend.warnings,
    });
  }

  // 3. Favourability by team and item, for the survey with most items in the last year that may
  // be joined to teams.
  const yearAgo = addCalendarDays(asOf, -365);
  const joinable = surveys
    .filter((s) => s.confidentiality !== 'anonymous' && s.opensOn > yearAgo)
    .map((survey) => ({
      survey,
      items: dataset.questions.filter((q) => q.surveyId === survey.id && q.kind === 'likert'),
    }))
    .filter((entry) => entry.items.length > 0)
    .sort((a, b) => b.items.length - a.items.length || byOpening(a.survey, b.survey))[0];
  if (joinable !== undefined && dataset.teams.length > 0) {
    const order = teamOrder(dataset);
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const team of order) {
      let label = `${'  '.repeat(team.depth)}${team.name}`;
      if (used.has(label)) label = `${label} (${team.id})`;
      used.add(label);
      names.set(team.id, label);
    }
    const surveyMinimum = effectiveMinGroupSize(options.minGroupSize, joinable.survey);
    const cells: { row: string; column: string; cell: Reportable<number> }[] = [];
    const warnings = new Set<string>();
    const byItem = joinable.items.map((question: Question) => {
      const breakdown = favourabilityBy(dataset, {
        surveyId: joinable.survey.id,
        questionId: question.id,
        by: { kind: 'team' },
        minGroupSize: surveyMinimum,
      });
      for (const warning of breakdown.warnings) warnings.add(warning);
      return { question, segments: new Map(breakdown.segments.map((s) => [s.id, s.cell])) };
    });
    for (const team of order) {
      for (const { question, segments } of byItem) {
        const cell: Reportable<FavourabilityResult> = segments.get(`team:${team.id}`) ?? SUPPRESSED;
        cells.push({
          row: names.get(team.id)!,
          column: shorten(question.text, 42),
          cell:
            cell.status === 'shown' && cell.value.shares !== null
              ? { status: 'shown', value: cell.value.shares.favourable, n: cell.n }
              : SUPPRESSED,
        });
      }
    }
    sections.push({
      id: 'heatmap',
      title: `Favourability by team: ${joinable.survey.name}`,
      explanation: `% favourable (4-5 of 5) per team and item, each team with everyone below it; grey cells are suppressed.`,
      spec: heatmapChart(cells, { title: `Favourability by team: ${joinable.survey.name}` }),
      notes: [
        ...(surveyMinimum > minGroupSize
          ? [`This survey sets its own minimum group size: ${surveyMinimum}.`]
          : []),
        ...warnings,
      ],
    });
  }

  // 4. Turnover over the last 12 full months.
  const people = retentionPeople(dataset);
  const lastMonth = asOf.slice(0, 7);
  const [year, month] = lastMonth.split('-').map(Number) as [number, number];
  const endsMonth = addCalendarDays(asOf, 1).slice(8) === '01';
  const toMonth = endsMonth
    ? lastMonth
    : month === 1
      ? `${year - 1}-12`
      : `${year}-${String(month - 1).padStart(2, '0')}`;
  const [toYear, toNumber] = toMonth.split('-').map(Number) as [number, number];
  const fromMonth =
    toNumber === 12 ? `${toYear}-01` : `${toYear - 1}-${String(toNumber + 1).padStart(2, '0')}`;
  if (people.length > 0) {
    const series = turnoverByMonth(people, { from: fromMonth, to: toMonth });
    const annual = annualTurnoverFromMonthly(series);
    sections.push({
      id: 'turnover',
      title: `Turnover, ${fromMonth} to ${toMonth}`,
      explanation:
        "Separations each month as a % of the average headcount (SHRM), by kind (BLS JOLTS); the year's turnover is the sum of the 12 monthly rates.",
      highlights: [
        { label: 'annual turnover', value: formatNumber(annual.rates.total, { percent: true }) },
        { label: 'voluntary', value: formatNumber(annual.rates.voluntary, { percent: true }) },
        { label: 'regretted', value: formatNumber(annual.rates.regretted, { percent: true }) },
        { label: 'separations', value: String(annual.separations.total) },
      ],
      spec: turnoverChart(series),
      notes: [...series.warnings, ...annual.warnings],
    });

    // 5. Tenure survival, overall and by department.
    const department = new Map(
      dataset.employees.map((e) => [e.id, e.attributes.department ?? null]),
    );
    const grouped = [...department.values()].some((value) => value !== null);
    const segments = survivalByGroup(
      people,
      (person) => {
        const value = department.get(person.id);
        return value === null || value === undefined ? null : String(value);
      },
      { asOf, unit: 'years', minGroupSize, level: 0.95, grouped },
    );
    const overall = segments.find((s) => s.segment === 'all')!;
    const median = overall.curve.status === 'shown' ? kmMedian(overall.curve.value) : null;
    const years = (value: number | null | undefined) =>
      value === null || value === undefined ? 'not reached' : `${formatNumber(value)} years`;
    const everyone = segments.find((s) => s.segment === 'all')!;
    sections.push({
      id: 'survival',
      title: 'Tenure survival',
      explanation:
        'Kaplan-Meier estimate of the share of people still employed t years after their hire (leavers are events, current staff are censored), with its 95% band; where the curve crosses the dashed line is the median tenure.',
      highlights:
        median === null
          ? []
          : [
              {
                label: 'median tenure',
                value: years(median.quantile),
                detail: `95% interval ${years(median.lower)} to ${years(median.upper)}`,
              },
            ],
      spec: survivalChart([{ label: 'Everyone', curve: everyone.curve }], {
        timeTitle: 'years employed',
        title: 'Tenure survival',
      }),
    });
    if (grouped) {
      const departments = segments.filter((s) => s.segment === 'group');
      const medians = departments.flatMap((s) =>
        s.curve.status === 'shown'
          ? [[s.group!, String(s.curve.n), years(kmMedian(s.curve.value).quantile)]]
          : [[s.group!, '', 'suppressed']],
      );
      sections.push({
        id: 'survival-by-department',
        title: 'Tenure survival by department',
        explanation: `The same estimate for each department (the attribute "department"); suppressed departments are not drawn.`,
        spec: survivalChart(
          departments.map((s) => ({ label: s.group!, curve: s.curve })),
          { timeTitle: 'years employed', title: 'Tenure survival by department', band: false },
        ),
        table: { header: ['department', 'people', 'median tenure'], rows: medians },
      });
    }

    // 6. Hire cohorts.
    const triangle = hireCohorts(people, {
      asOf,
      cohort: 'quarter',
      horizons: [3, 6, 12, 24],
    });
    const recent = triangle.rows.filter((row) => row.first > addCalendarDays(asOf, -3 * 365));
    sections.push({
      id: 'cohorts',
      title: 'Retention by hire cohort',
      explanation: `Of the people hired each quarter, the % still employed 3, 6, 12 and 24 months later; cells marked · are not yet observable, grey cohorts are suppressed.`,
      spec: cohortChart(
        recent.map((row) => ({
          cohort: row.cohort,
          row: suppressCell(row, { n: row.hires }, minGroupSize),
        })),
      ),
      notes: triangle.warnings,
    });
  }

  sections.push(...(options.extraSections ?? []));
  return {
    title: `People report: ${root?.name ?? 'organisation'}`,
    subtitle: `Data as of ${asOf}. ${suppressionFootnote(minGroupSize, 'answers or people')}`,
    sections,
  };
}

/** Renders each section's chart to SVG (vega, vega-lite) and assembles the page. @internal */
export async function renderReportHtml(
  report: OrganisationReport,
  footer: string,
): Promise<string> {
  const sections: ReportSection[] = [];
  for (const { spec, ...section } of report.sections) {
    sections.push(spec === undefined ? section : { ...section, svg: await renderSvg(spec) });
  }
  return reportPage(sections, { title: report.title, subtitle: report.subtitle, footer });
}

/** Options of {@link writeOrganisationReport}. @internal */
export interface WriteOrganisationReportOptions {
  readonly asOf: CalendarDay;
  /** The HTML file to write (whole or not at all). */
  readonly out: string;
  readonly minGroupSize?: number;
  /** Where the data came from, for the footer. */
  readonly source: string;
  readonly version: string;
}

/** What {@link writeOrganisationReport} wrote. @internal */
export interface WrittenReport {
  readonly out: string;
  readonly bytes: number;
  readonly sections: readonly { readonly id: string; readonly title: string }[];
  /** Milliseconds to compute, render and write. */
  readonly milliseconds: number;
}

/**
 * Computes, renders (vega, vega-lite) and writes the organisation's HTML report, manager
 * scorecards included: what `internal-customer report` and `npm run demo` write. @internal
 */
export async function writeOrganisationReport(
  dataset: Dataset,
  options: WriteOrganisationReportOptions,
): Promise<WrittenReport> {
  const started = performance.now();
  const minGroupSize = effectiveMinGroupSize(options.minGroupSize);
  const report = organisationReport(dataset, {
    asOf: options.asOf,
    minGroupSize,
    extraSections: scorecardSections(dataset, { asOf: options.asOf, minGroupSize }),
  });
  const html = await renderReportHtml(
    report,
    `Made with internal-customer ${options.version} from ${options.source}. Charts are Vega-Lite specifications rendered to SVG; the page loads nothing from the network.`,
  );
  await writeFileAtomic(options.out, html);
  return {
    out: options.out,
    bytes: Buffer.byteLength(html),
    sections: report.sections.map((section) => ({ id: section.id, title: section.title })),
    milliseconds: performance.now() - started,
  };
}
