import type { CalendarDay } from '../core/calendarDay.js';
import type {
  EnpsSection,
  HeatmapSection,
  OrganisationReport,
  OrganisationSection,
  ReportSurvey,
  ScorecardSection,
  SurvivalByDepartmentSection,
  SurvivalSection,
  TurnoverSection,
} from '../organisation/organisationReport.js';
import { organisationReport } from '../organisation/organisationReport.js';
import type { ReleaseLedger } from '../privacy/releaseLedger.js';
import type { Reportable } from '../privacy/reportable.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import type { VegaLiteSpec } from '../report/chartTypes.js';
import { cohortChart } from '../report/cohortChart.js';
import { enpsTrendChart } from '../report/enpsTrendChart.js';
import { favourabilityChart } from '../report/favourabilityChart.js';
import { formatNumber } from '../report/formatNumber.js';
import { heatmapChart } from '../report/heatmapChart.js';
import { type ReportSection, type ReportTable, reportPage } from '../report/reportPage.js';
import { scorecardTable } from '../report/scorecardTable.js';
import { survivalChart } from '../report/survivalChart.js';
import { turnoverChart } from '../report/turnoverChart.js';
import { kmMedian } from '../retention/kmQuantile.js';
import type { Dataset } from '../schemas/dataset.js';
import type { Scorecard } from '../service/scorecards.js';
import { writeFileAtomic } from './output.js';
import { renderSvg } from './renderSvg.js';

/**
 * A section before rendering: the chart as a Vega-Lite specification, or small multiples as one
 * specification per panel. @internal
 */
export type ReportSectionSpec = Omit<ReportSection, 'svg' | 'panels'> & {
  readonly spec?: VegaLiteSpec;
  readonly panelSpecs?: readonly VegaLiteSpec[];
};

/** More groups than this are drawn as small multiples: colours would no longer be told apart. */
const MAX_COLOURS = 8;

/** The report of an organisation, formatted, before rendering. @internal */
export interface FormattedReport {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSectionSpec[];
}

/** A note for a survey reported at its own, higher minimum group size. */
const surveyMinimumNote = (survey: ReportSurvey, minGroupSize: number): string[] =>
  survey.minGroupSize > minGroupSize
    ? [`This survey sets its own minimum group size: ${survey.minGroupSize}.`]
    : [];

const years = (value: number | null | undefined) =>
  value === null || value === undefined ? 'not reached' : `${formatNumber(value)} years`;

function formatEnps(section: EnpsSection, minGroupSize: number): ReportSectionSpec {
  const { enps: shown, responseRate: rate, survey } = section;
  return {
    id: 'enps',
    title: `eNPS: ${survey.name}`,
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
            ...(rate === null || rate.rate === null
              ? []
              : [
                  {
                    label: 'response rate',
                    value: formatNumber(rate.rate, { percent: true }),
                    detail: `${rate.responded} of ${rate.invited} invited (${rate.assessment})`,
                  },
                ]),
          ]
        : [{ label: 'eNPS', value: 'suppressed' }],
    ...(section.items.length === 0
      ? {}
      : {
          spec: favourabilityChart(
            section.items.map((item) => ({ label: item.text, result: item.result })),
            {
              title: `Favourability: ${survey.name}`,
              subtitle: 'Answers: unfavourable 1-2, neutral 3, favourable 4-5',
              width: 260,
              labelChars: 32,
            },
          ),
        }),
    notes: [...surveyMinimumNote(survey, minGroupSize), ...section.warnings],
  };
}

function formatHeatmap(section: HeatmapSection, minGroupSize: number): ReportSectionSpec {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const team of section.teams) {
    let label = `${'  '.repeat(team.depth)}${team.name}`;
    if (used.has(label)) label = `${label} (${team.id})`;
    used.add(label);
    names.set(team.id, label);
  }
  const texts = new Map(section.items.map((item) => [item.questionId, item.text]));
  // heatmapChart numbers columns in the order of their first cell; the legend follows it.
  const columns = [...new Set(section.cells.map((c) => texts.get(c.questionId)!))];
  const cells = section.cells.map(({ teamId, questionId, cell }) => ({
    row: names.get(teamId)!,
    column: texts.get(questionId)!,
    cell: (cell.status === 'shown' && cell.value.shares !== null
      ? { status: 'shown', value: cell.value.shares.favourable, n: cell.n }
      : SUPPRESSED) as Reportable<number>,
  }));
  const title = `Favourability by team: ${section.survey.name}`;
  return {
    id: 'heatmap',
    title,
    explanation:
      '% favourable (4-5 of 5) per team and numbered item (the items are listed under the chart), each team with everyone below it; grey cells are suppressed.',
    spec: heatmapChart(cells, {
      title: 'Favourability by team',
      subtitle: 'Grey dashed cells are suppressed',
      columnLabels: 'numbers',
    }),
    legend: columns.map((text, i) => ({ mark: String(i + 1), text })),
    notes: [...surveyMinimumNote(section.survey, minGroupSize), ...section.warnings],
  };
}

function formatTurnover(section: TurnoverSection): ReportSectionSpec {
  const { annual, series } = section;
  // Regret is shown only when the data says it: some separation carries the regretted flag.
  const flagged = annual.separations.regrettedUnknown < annual.separations.total;
  return {
    id: 'turnover',
    title: `Turnover, ${section.from} to ${section.to}`,
    explanation:
      "Separations each month as a % of the average headcount (SHRM), by kind (BLS JOLTS); the year's turnover is the sum of the 12 monthly rates.",
    highlights: [
      { label: 'annual turnover', value: formatNumber(annual.rates.total, { percent: true }) },
      { label: 'voluntary', value: formatNumber(annual.rates.voluntary, { percent: true }) },
      ...(flagged
        ? [{ label: 'regretted', value: formatNumber(annual.rates.regretted, { percent: true }) }]
        : []),
      { label: 'separations', value: String(annual.separations.total) },
    ],
    spec: turnoverChart(series),
    notes: [...series.warnings, ...annual.warnings],
  };
}

function formatSurvival(section: SurvivalSection): ReportSectionSpec {
  const { curve } = section.everyone;
  const median = curve.status === 'shown' ? kmMedian(curve.value) : null;
  return {
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
    spec: survivalChart([{ label: 'Everyone', curve }], {
      timeTitle: 'years employed',
      title: 'Tenure survival',
      width: 400,
    }),
  };
}

function formatSurvivalByDepartment(section: SurvivalByDepartmentSection): ReportSectionSpec {
  const { departments } = section;
  const curves = departments.map((s) => ({ label: s.group!, curve: s.curve }));
  const shown = departments.filter((s) => s.curve.status === 'shown');
  const title = 'Tenure survival by department';
  const chart =
    shown.length <= MAX_COLOURS
      ? {
          spec: survivalChart(curves, { timeTitle: 'years employed', title, band: false }),
        }
      : {
          // Small multiples: one panel per department over the others in grey, same axes.
          panelSpecs: shown.map((s) =>
            survivalChart(curves, {
              highlight: s.group!,
              timeTitle: 'years employed',
              subtitle: `median ${years(s.curve.status === 'shown' ? kmMedian(s.curve.value).quantile : null)}, ${s.curve.status === 'shown' ? s.curve.n : 0} people`,
              width: 190,
              height: 110,
            }),
          ),
        };
  return {
    id: 'survival-by-department',
    title,
    explanation:
      shown.length <= MAX_COLOURS
        ? 'The same estimate for each department (the attribute "department"); suppressed departments are not drawn.'
        : 'The same estimate for each department (the attribute "department"), one panel each with the other departments in grey behind it; suppressed departments are not drawn.',
    ...chart,
    table: {
      header: ['department', 'people', 'median tenure'],
      rows: departments.map((s) =>
        s.curve.status === 'shown'
          ? [s.group!, String(s.curve.n), years(kmMedian(s.curve.value).quantile)]
          : [s.group!, '', 'suppressed'],
      ),
    },
  };
}

/**
 * The scorecards as a coloured table whose first column, kept in view, names each manager with
 * the number of people reporting (one column less to scroll past on a phone).
 */
function managerGrid(cards: readonly Scorecard[], names: ReadonlyMap<string, string>): ReportTable {
  const { header, rows, tones } = scorecardTable(cards, { names, suppressedText: '–' });
  return {
    header: ['manager (people)', ...header.slice(2)],
    rows: rows.map(([name, people, ...cells]) => [`${name} (${people})`, ...cells]),
    tones: (tones ?? []).map((row) => row.slice(1)),
  };
}

function formatScorecards(section: ScorecardSection): ReportSectionSpec {
  const { assessed, meets } = section;
  const names = new Map(section.scorecards.map((card) => [card.managerId, card.name]));
  return {
    id: 'scorecards',
    title: `Manager scorecards, ${section.period.start} to ${section.period.end}`,
    explanation:
      'How each manager serves their team (direct reports) over the year, against default targets: one-to-ones, confirmed summaries, needs and concerns handled, ideas answered, survey follow-up, team eNPS, retention and occasions. Green: meets its target; orange and marked !: below it; grey –: suppressed or no data.',
    highlights: [
      { label: 'managers', value: String(section.scorecards.length) },
      ...(assessed === 0
        ? []
        : [
            {
              label: 'results meeting their target',
              value: formatNumber(meets / assessed, { percent: true, digits: 0 }),
              detail: `${meets} of ${assessed} shown results with a target`,
            },
          ]),
    ],
    table: managerGrid(section.scorecards, names),
    notes: section.warnings,
  };
}

function formatSection(section: OrganisationSection, minGroupSize: number): ReportSectionSpec {
  switch (section.id) {
    case 'enps':
      return formatEnps(section, minGroupSize);
    case 'trend':
      return {
        id: 'trend',
        title: 'eNPS by quarter',
        explanation:
          'eNPS of every survey by quarter with its 95% interval; a red point marks a change from the previous quarter that is significant (p < 0.05, n >= 20 on both sides, at least 5 points).',
        spec: enpsTrendChart(section.trend, { title: 'eNPS by quarter', width: 480 }),
        notes: section.trend.warnings,
      };
    case 'heatmap':
      return formatHeatmap(section, minGroupSize);
    case 'turnover':
      return formatTurnover(section);
    case 'survival':
      return formatSurvival(section);
    case 'survival-by-department':
      return formatSurvivalByDepartment(section);
    case 'cohorts':
      return {
        id: 'cohorts',
        title: 'Retention by hire cohort',
        explanation:
          'Of the people hired each quarter, the % still employed 3, 6, 12 and 24 months later; cells marked · are not yet observable, grey cohorts are suppressed.',
        spec: cohortChart(section.rows),
        notes: section.warnings,
      };
    case 'scorecards':
      return formatScorecards(section);
  }
}

/**
 * Formats the library's organisation report for the page: titles, one-line explanations, key
 * figures as text and each chart as a Vega-Lite specification; the footnote of reasons under the
 * title. Computes nothing. @internal
 */
export function formatOrganisationReport(report: OrganisationReport): FormattedReport {
  return {
    title: `People report: ${report.organisation ?? 'organisation'}`,
    subtitle: `Data as of ${report.asOf}. ${report.footnote}`,
    sections: report.sections.map((section) => formatSection(section, report.minGroupSize)),
  };
}

/** Renders each section's chart to SVG (vega, vega-lite) and assembles the page. @internal */
export async function renderReportHtml(report: FormattedReport, footer: string): Promise<string> {
  const sections: ReportSection[] = [];
  for (const { spec, panelSpecs, ...section } of report.sections) {
    const panels: string[] = [];
    for (const panel of panelSpecs ?? []) panels.push(await renderSvg(panel));
    sections.push({
      ...section,
      ...(spec === undefined ? {} : { svg: await renderSvg(spec) }),
      ...(panelSpecs === undefined ? {} : { panels }),
    });
  }
  return reportPage(sections, { title: report.title, subtitle: report.subtitle, footer });
}

/** Options of {@link writeOrganisationReport}. @internal */
export interface WriteOrganisationReportOptions {
  readonly asOf: CalendarDay;
  /** The HTML file to write (whole or not at all). */
  readonly out: string;
  readonly minGroupSize?: number;
  /** What earlier releases showed (`organisationReport`'s `ledger`); the result adds this report. */
  readonly ledger?: ReleaseLedger;
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
  /** With a `ledger` option: the ledger with this report's values added. */
  readonly ledger?: ReleaseLedger;
}

/**
 * Computes (`organisationReport`), formats, renders (vega, vega-lite) and writes the
 * organisation's HTML report: what `internal-customer report` and `npm run demo` write. @internal
 */
export async function writeOrganisationReport(
  dataset: Dataset,
  options: WriteOrganisationReportOptions,
): Promise<WrittenReport> {
  const started = performance.now();
  const computed = organisationReport(dataset, {
    asOf: options.asOf,
    ...(options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize }),
    ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
  });
  const report = formatOrganisationReport(computed);
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
    ...(computed.ledger === undefined ? {} : { ledger: computed.ledger }),
  };
}
