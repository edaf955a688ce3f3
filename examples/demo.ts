/**
 * A first look at internal-customer with no data of your own: loads the bundled fictional sample
 * organisation (or a dataset JSON you name), validates it and prints a short summary.
 *
 *   npm run demo
 *   npx tsx examples/demo.ts
 *   npx tsx examples/demo.ts path/to/dataset.json --as-of 2025-12-31
 *
 * A dataset JSON is one object with an array per record type (`employees`, `teams`, `spells`,
 * `assignments`, `surveys`, `responses` ...), as in `examples/data/dataset.json`.
 */

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  addCalendarDays,
  type CalendarDay,
  isCalendarDay,
  periodFromInclusive,
} from 'internal-customer/core';
import { suppressTable, teamTreeTable, verifyNoDisclosure } from 'internal-customer/privacy';
import {
  kmMedian,
  retentionPeople,
  retentionRate,
  tenureSurvival,
  turnover,
} from 'internal-customer/retention';
import { driverAnalysis, enps, enpsTrend, responseRate } from 'internal-customer/satisfaction';
import {
  DATASET_COLLECTIONS,
  type Dataset,
  type DatasetCollection,
  validateDataset,
} from 'internal-customer/schemas';
import { type ServiceMetricId, scorecards } from 'internal-customer/service';
import {
  latestDay,
  SAMPLE_AS_OF,
  SAMPLE_DATASET_PATH,
  SAMPLE_RECORDS_START,
} from './lib/dataset.js';
import { displayPath, writeDemoReport } from './lib/report.js';

export { SAMPLE_DATASET_PATH };

/** The default minimum group size of reports: smaller groups are suppressed. */
const MIN_GROUP_SIZE = 5;
const ISSUES_SHOWN = 5;

/** What the demo was asked to do. */
export interface DemoArguments {
  /** A dataset JSON file; the bundled sample when absent. */
  readonly path?: string;
  /** The day counted as today; for another file, the latest day its records mention. */
  readonly asOf?: CalendarDay;
}

/** Reads `[path] [--as-of YYYY-MM-DD]`. */
export function parseDemoArguments(argv: readonly string[]): DemoArguments {
  let path: string | undefined;
  let asOf: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--as-of') {
      asOf = argv[++index];
      if (asOf === undefined || !isCalendarDay(asOf)) {
        throw new Error(`--as-of requires a calendar day as YYYY-MM-DD, got ${String(asOf)}`);
      }
    } else if (argument.startsWith('-')) {
      throw new Error(
        `unknown option ${argument}; usage: demo.ts [dataset.json] [--as-of YYYY-MM-DD]`,
      );
    } else if (path === undefined) {
      path = argument;
    } else {
      throw new Error(`one dataset at a time, got ${path} and ${argument}`);
    }
  }
  return { ...(path === undefined ? {} : { path }), ...(asOf === undefined ? {} : { asOf }) };
}

/** Loads, validates and summarises a dataset; returns the text the command prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseDemoArguments(argv);
  const path = args.path ?? SAMPLE_DATASET_PATH;
  const input: unknown = JSON.parse(await readFile(path, 'utf8'));
  const { dataset, issues } = validateDataset(input);
  const asOf = args.asOf ?? (args.path === undefined ? SAMPLE_AS_OF : latestDay(dataset));
  const source = args.path === undefined ? 'the bundled fictional sample organisation' : args.path;
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);

  say(`internal-customer demo: ${source}`);
  say();
  say('Records (valid / given)');
  const given = input as Partial<Record<DatasetCollection, unknown>>;
  for (const key of Object.keys(DATASET_COLLECTIONS) as DatasetCollection[]) {
    const total = Array.isArray(given[key]) ? given[key].length : 0;
    say(`  ${key.padEnd(14)} ${format(dataset[key].length).padStart(7)} / ${format(total)}`);
  }
  say();
  if (issues.length === 0) {
    say('Validation: 0 issues');
  } else {
    const shown = Math.min(ISSUES_SHOWN, issues.length);
    say(
      `Validation: ${format(issues.length)} issue${issues.length === 1 ? '' : 's'}; ` +
        `${shown === issues.length ? 'all' : `the first ${shown}`} (records with issues are left out above):`,
    );
    for (const issue of issues.slice(0, ISSUES_SHOWN)) say(`  - [${issue.code}] ${issue.message}`);
  }
  say();
  if (asOf === undefined) {
    say('No dated records: nothing to count as of a day.');
    return lines.join('\n');
  }

  // Headcount: employed on the day (hire <= day <= termination), by worker type.
  const workerType = new Map(dataset.employees.map((e) => [e.id, e.workerType]));
  const employedToday = new Set(
    dataset.spells
      .filter(
        (s) => s.hireDate <= asOf && (s.terminationDate === undefined || asOf <= s.terminationDate),
      )
      .map((s) => s.employeeId),
  );
  const byType = countBy([...employedToday], (id) => workerType.get(id) ?? 'employee');
  const payroll = (byType.get('employee') ?? 0) + (byType.get('direct-temporary') ?? 0);
  say(
    `Headcount on ${asOf}: ${format(employedToday.size)} ${employedToday.size === 1 ? 'person' : 'people'} employed`,
  );
  say(
    `  ${format(payroll)} on the payroll (employee and direct-temporary, as headcount and turnover count them); ` +
      `${format(employedToday.size - payroll)} contractors and agency workers`,
  );
  say(`  by worker type: ${describeCounts(byType)}`);
  say();

  // Surveys.
  const modes = countBy(dataset.surveys, (s) => s.confidentiality);
  const invited = dataset.invitations.length;
  const responded = dataset.responses.length;
  say(
    `Surveys: ${format(dataset.surveys.length)}, by confidentiality: ${describeCounts(modes, ['anonymous', 'confidential', 'identified'])}`,
  );
  if (invited > 0) {
    say(
      `  ${format(responded)} responses to ${format(invited)} invitations (response rate ${((100 * responded) / invited).toFixed(1)}%)`,
    );
  }
  say();

  // Teams by the number of people assigned directly on the day.
  const size = countBy(
    dataset.assignments.filter(
      (a) => a.validFrom <= asOf && (a.validTo === undefined || asOf <= a.validTo),
    ),
    (a) => a.teamId,
  );
  const sizes = dataset.teams.map((team) => size.get(team.id) ?? 0);
  const below = sizes.filter((n) => n < MIN_GROUP_SIZE).length;
  say(
    `Teams: ${format(dataset.teams.length)} in ${treeDepth(dataset)} levels; people assigned directly on ${asOf}:`,
  );
  const buckets: [label: string, low: number, high: number][] = [
    ['empty', 0, 0],
    ['1-4', 1, MIN_GROUP_SIZE - 1],
    ['5-8', MIN_GROUP_SIZE, 8],
    ['9-12', 9, 12],
    ['13+', 13, Number.POSITIVE_INFINITY],
  ];
  for (const [label, low, high] of buckets) {
    const teams = sizes.filter((n) => n >= low && n <= high).length;
    if (teams > 0 || label !== 'empty')
      say(`  ${label.padEnd(6)} ${String(teams).padStart(4)} teams`);
  }
  say(
    `  ${below} of ${sizes.length} teams are below the minimum group size of ${MIN_GROUP_SIZE}: their results would be suppressed.`,
  );
  say();
  // The sample, like a real extract, starts on a day: people hired before it enter late.
  const recordsStart = args.path === undefined ? SAMPLE_RECORDS_START : undefined;
  for (const line of retentionSummary(dataset, asOf, recordsStart)) say(line);
  say();
  for (const line of satisfactionSummary(dataset, asOf)) say(line);
  say();
  for (const line of serviceSummary(dataset, asOf)) say(line);
  say();
  for (const line of privacySummary(dataset)) say(line);
  return lines.join('\n');
}

/**
 * Retention: turnover over the last twelve months by the SHRM / BLS JOLTS definitions, with the
 * exact Poisson interval, the retention rate, and median tenure from Kaplan-Meier.
 */
function retentionSummary(
  dataset: Dataset,
  asOf: CalendarDay,
  recordsStart: CalendarDay | undefined,
): string[] {
  const people = retentionPeople(dataset);
  const year = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const window = recordsStart === undefined ? {} : { recordsStart };
  const result = turnover(people, year, window);
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const total = result.estimates.total;
  const kept = retentionRate(people, year, window);
  const survival = tenureSurvival(people, { asOf, unit: 'years', ...window });
  const median = survival.overall.status === 'shown' ? kmMedian(survival.overall.value) : undefined;
  const years = (value: number | null | undefined) =>
    value === null || value === undefined ? 'not reached' : `${value.toFixed(1)} years`;
  return [
    `Retention, ${year.start} to ${asOf} (separations / average daily headcount, SHRM; BLS JOLTS split):`,
    `  turnover ${percent(result.rates.total)} (95% CI ${percent(total.interval.lower)} to ${percent(total.interval.upper)}, exact Poisson): ` +
      `${result.separations.total} separations, average headcount ${result.averageHeadcount.value.toFixed(1)}`,
    `  voluntary ${percent(result.rates.voluntary)}, involuntary ${percent(result.rates.involuntary)}, regretted ${percent(result.rates.regretted)} ` +
      `(${percent(result.regrettedShare)} of separations were regretted)`,
    `  retention rate ${percent(kept.value)} of the ${kept.startHeadcount} employed on ${year.start}`,
    `  median tenure (Kaplan-Meier) ${years(median?.quantile)} (95% CI ${years(median?.lower)} to ${years(median?.upper)})`,
  ];
}

/**
 * Satisfaction: the latest survey's eNPS with its interval and response rate, the quarterly trend
 * over all surveys with significant changes flagged, and what drives eNPS in the latest survey
 * that keeps respondent ids.
 */
function satisfactionSummary(dataset: Dataset, asOf: CalendarDay): string[] {
  const lines: string[] = [];
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const answers = dataset.responses.flatMap((response) => {
    const id = enpsQuestion.get(response.surveyId);
    const score = id === undefined ? undefined : response.answers[id];
    return typeof score === 'number'
      ? [{ surveyId: response.surveyId, submittedAt: response.submittedAt, score }]
      : [];
  });
  const latest = [...dataset.surveys].sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
  if (latest === undefined || answers.length === 0) return ['Satisfaction: no eNPS answers.'];
  const result = enps(answers.filter((a) => a.surveyId === latest.id).map((a) => a.score));
  const rate = responseRate(
    dataset.invitations.filter((i) => i.surveyId === latest.id).length,
    dataset.responses.filter((r) => r.surveyId === latest.id).length,
  );
  const fixed = (value: number | null | undefined) =>
    value === null || value === undefined ? '-' : value.toFixed(1);
  lines.push(
    `Satisfaction: eNPS of "${latest.name}" ${fixed(result.score)} (95% CI ${fixed(result.interval?.lower)} to ${fixed(result.interval?.upper)}, adjusted Wald; n = ${result.n})`,
    `  response rate ${((rate.rate ?? 0) * 100).toFixed(1)}% (${rate.assessment ?? 'none'}); ` +
      `${result.promoters} promoters, ${result.passives} passives, ${result.detractors} detractors`,
  );
  const trend = enpsTrend(answers, { interval: 'quarter', asOf });
  lines.push(
    '  eNPS by quarter (change flagged when p < 0.05, n >= 20 on both sides and at least 5 points):',
  );
  for (const point of trend.points) {
    if (point.result.status !== 'shown') {
      lines.push(`    ${point.period.start}  suppressed`);
      continue;
    }
    const result = point.result.value;
    const change = point.change?.difference;
    const flag = point.change?.significant ? '  significant' : '';
    lines.push(
      `    ${point.period.start}  ${fixed(result.score).padStart(6)}  n ${String(result.n).padStart(4)}` +
        (change === null || change === undefined
          ? ''
          : `  change ${change >= 0 ? '+' : ''}${change.toFixed(1)}${flag}`),
    );
  }
  const joinable = [...dataset.surveys]
    .filter((s) => s.confidentiality !== 'anonymous')
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
  const items = dataset.questions.filter((q) => q.surveyId === joinable?.id && q.kind === 'likert');
  const outcome = joinable === undefined ? undefined : enpsQuestion.get(joinable.id);
  if (joinable !== undefined && outcome !== undefined && items.length > 1) {
    const rows = dataset.responses
      .filter((r) => r.surveyId === joinable.id)
      .map((r) =>
        Object.fromEntries(
          [outcome, ...items.map((q) => q.id)].map((id) => [
            id,
            typeof r.answers[id] === 'number' ? (r.answers[id] as number) : null,
          ]),
        ),
      );
    const drivers = driverAnalysis(rows, { outcome, drivers: items.map((q) => q.id) });
    const top = drivers.drivers.slice(0, 3).flatMap((entry) => {
      if (entry.result.status !== 'shown') return [];
      const text = items.find((q) => q.id === entry.driver)?.text ?? entry.driver;
      return [
        `    ${(100 * (entry.result.value.relativeWeight?.share ?? 0)).toFixed(0).padStart(3)}% of R^2  r = ${entry.result.value.pearson.estimate.toFixed(2)}  ${text}`,
      ];
    });
    lines.push(`  What moves eNPS in "${joinable.name}" (Johnson's relative weights):`, ...top);
  }
  return lines;
}

/**
 * Manager service: every manager's scorecard over the last twelve months, a few columns of it,
 * with "-" for a suppressed metric and "!" for one below its target.
 */
function serviceSummary(dataset: Dataset, asOf: CalendarDay): string[] {
  const year = periodFromInclusive(addCalendarDays(asOf, -364), asOf);
  const result = scorecards(dataset, { period: year, asOf });
  const columns: [ServiceMetricId, string, (value: number) => string][] = [
    ['oneOnOneCoverage', '1:1 cover', (v) => `${Math.round(100 * v)}%`],
    ['oneOnOneMedianGap', 'gap d', (v) => v.toFixed(0)],
    ['summariesConfirmed', 'confirmed', (v) => `${Math.round(100 * v)}%`],
    ['needsAddressed', 'needs', (v) => `${Math.round(100 * v)}%`],
    ['concernTimeToAcknowledge', 'ack d', (v) => v.toFixed(1)],
    ['ideasDecided', 'ideas', (v) => `${Math.round(100 * v)}%`],
    ['teamFollowUp', 'loop', (v) => `${Math.round(100 * v)}%`],
    ['teamEnps', 'eNPS', (v) => v.toFixed(0)],
    ['retentionRate', 'retained', (v) => `${Math.round(100 * v)}%`],
    ['occasionsAcknowledged', 'occasions', (v) => `${Math.round(100 * v)}%`],
  ];
  const names = new Map(dataset.employees.map((e) => [e.id, e.name]));
  const cell = (
    card: (typeof result.scorecards)[number],
    [id, , format]: (typeof columns)[number],
  ) => {
    const metric = card.metrics[id];
    if (metric.status !== 'shown' || metric.value.value === null) return '-';
    return `${format(metric.value.value)}${metric.value.assessment === 'below' ? '!' : ''}`;
  };
  const width = 10;
  const header = `  ${'manager'.padEnd(24)}${'people'.padStart(7)}${columns.map(([, label]) => label.padStart(width)).join('')}`;
  const lines = [
    `Manager service, ${year.start} to ${asOf}: ${result.scorecards.length} scorecards ("-" suppressed or no data, "!" below target)`,
    header,
  ];
  for (const card of result.scorecards) {
    const name = `${names.get(card.managerId) ?? card.managerId} (${card.managerId})`.slice(0, 23);
    lines.push(
      `  ${name.padEnd(24)}${String(card.people).padStart(7)}${columns.map((column) => cell(card, column).padStart(width)).join('')}`,
    );
  }
  const median = columns.map(([id, , format]) => {
    const value = result.organisationMedian[id];
    return (value === null ? '-' : format(value)).padStart(width);
  });
  lines.push(`  ${'median manager'.padEnd(24)}${''.padStart(7)}${median.join('')}`);
  const reminders = result.scorecards.reduce((sum, card) => sum + card.upcomingOccasions.length, 0);
  lines.push(`  ${reminders} occasions to remember in the next 14 days across all managers`);
  if (result.issues.length > 0)
    lines.push(
      `  ${result.issues.length} one-to-ones left out (not with the person's manager that day)`,
    );
  return lines;
}

/**
 * Privacy: the latest survey that may be joined to HR data (not anonymous), its eNPS answers
 * counted per team and rolled up the team tree, suppressed so that nothing below the minimum
 * group size can be seen or derived, and checked independently.
 */
function privacySummary(dataset: Dataset): string[] {
  const survey = dataset.surveys
    .filter((s) => s.confidentiality !== 'anonymous')
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0];
  const question = dataset.questions.find((q) => q.surveyId === survey?.id && q.kind === 'enps');
  if (survey === undefined || question === undefined)
    return ['Privacy: no survey that may be joined to teams.'];
  const teamOf = new Map<string, string>();
  for (const a of dataset.assignments) {
    if (a.validFrom <= survey.opensOn && (a.validTo === undefined || survey.opensOn <= a.validTo)) {
      teamOf.set(a.employeeId, a.teamId);
    }
  }
  const direct = new Map<string, { n: number; counts: Record<string, number> }>();
  for (const response of dataset.responses) {
    const score = response.answers[question.id];
    const team =
      response.respondentId === undefined ? undefined : teamOf.get(response.respondentId);
    if (response.surveyId !== survey.id || typeof score !== 'number' || team === undefined)
      continue;
    const cell = direct.get(team) ?? { n: 0, counts: { detractors: 0, passives: 0, promoters: 0 } };
    const category = score <= 6 ? 'detractors' : score <= 8 ? 'passives' : 'promoters';
    cell.n++;
    cell.counts[category] = (cell.counts[category] ?? 0) + 1;
    direct.set(team, cell);
  }
  const report = suppressTable(teamTreeTable(dataset.teams, direct), {
    minGroupSize: MIN_GROUP_SIZE,
  });
  const check = verifyNoDisclosure(report);
  const reasons = countBy(
    report.cells.filter((cell) => cell.status === 'suppressed'),
    (cell) => cell.reason ?? 'primary',
  );
  const shownCells = report.cells.filter((cell) => cell.status === 'shown').length;
  return [
    `Privacy: eNPS answers of "${survey.name}" (${survey.confidentiality}) by team, rolled up the tree`,
    `  ${format(report.cells.length)} cells: ${format(shownCells)} shown, ${format(report.cells.length - shownCells)} suppressed ` +
      `(${describeCounts(reasons, ['primary', 'attribute', 'complementary'])})`,
    `  independent disclosure check: ${check.ok ? 'nothing below the minimum group size can be derived' : `${check.findings.length} findings`}`,
  ];
}

/** The number of levels of the team tree (1 for a flat list of teams). */
function treeDepth(dataset: Dataset): number {
  const parent = new Map(dataset.teams.map((t) => [t.id, t.parentId]));
  let deepest = 0;
  for (const team of dataset.teams) {
    let depth = 1;
    let current = team.parentId;
    // validateDataset has refused cycles; the bound is a second guard.
    while (current !== undefined && depth <= dataset.teams.length) {
      depth += 1;
      current = parent.get(current);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function describeCounts(counts: ReadonlyMap<string, number>, order?: readonly string[]): string {
  const keys =
    order ?? [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  return keys.map((key) => `${key} ${format(counts.get(key) ?? 0)}`).join(', ');
}

function format(n: number): string {
  return n.toLocaleString('en-GB');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const argv = process.argv.slice(2);
  main(argv)
    .then(async (text) => {
      console.log(text);
      // Ends by writing the organisation's HTML report (charts rendered to SVG, no network).
      const written = await writeDemoReport(parseDemoArguments(argv));
      console.log(
        `\nReport: ${displayPath(written.out)} (${written.sections.length} sections; open it in a browser)`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
