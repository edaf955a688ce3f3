/**
 * Joins a survey's answers to the organisation and builds the table a breakdown publishes: shared
 * by {@link enpsBy} and {@link favourabilityBy}. @internal
 */
import type { CalendarDay } from '../core/calendarDay.js';
import { InternalCustomerError } from '../core/errors.js';
import { effectiveMinGroupSize } from '../privacy/minGroupSize.js';
import {
  type LedgerPopulation,
  type LedgerRefusal,
  ledgerWarning,
  type ReleaseLedger,
  suppressTableWithLedger,
} from '../privacy/releaseLedger.js';
import { SUPPRESSED } from '../privacy/reportable.js';
import {
  type PublishedCell,
  type PublishedReport,
  suppressTable,
} from '../privacy/suppressTable.js';
import {
  type CellStatistics,
  type Table,
  type TableCell,
  type TableEquation,
  teamTreeTable,
} from '../privacy/table.js';
import type { Dataset } from '../schemas/dataset.js';
import type { AnswerValue, Question, Survey } from '../schemas/survey.js';
import type { BreakdownResult } from './enpsBy.js';

/** What to break a survey's results down by. */
export type SegmentBy =
  | { readonly kind: 'team' }
  | { readonly kind: 'manager'; readonly scope: 'direct' | 'tree' }
  | { readonly kind: 'attribute'; readonly name: string; readonly protected?: boolean };

/** Options shared by the breakdowns. */
export interface SegmentOptions {
  readonly surveyId: string;
  readonly by: SegmentBy;
  /**
   * Minimum distinct respondents behind a shown cell. Default 5; below 3 refused. The survey's own
   * `minGroupSize` applies when larger (`effectiveMinGroupSize`).
   */
  readonly minGroupSize?: number;
  /** The day whose teams and reporting lines apply. Default: the day the survey opens. */
  readonly on?: CalendarDay;
  /**
   * What was released earlier on the same data (`ReleaseLedger`): a cell whose respondents
   * differ from an earlier released cell's, for the same question of the same survey
   * (`<question kind>:<surveyId>:<questionId>`), by 1 to minGroupSize - 1 is refused and hidden,
   * with complements. The result's `ledger` adds this release. Default: no ledger.
   */
  readonly ledger?: ReleaseLedger;
}

/** What a segment is. */
export type SegmentKind =
  | 'all'
  | 'missing'
  | 'team'
  | 'team-direct'
  | 'manager-direct'
  | 'manager-tree'
  | 'attribute';

/** One published segment. */
export interface SegmentCell {
  /** The cell id in the audit report (`team:<id>`, `manager:<id>`, `tree:<id>`, `attribute:<value>`, `all`, `missing`). */
  readonly id: string;
  readonly kind: SegmentKind;
  /** The team id, manager id or attribute value; `null` for `all` and `missing`. */
  readonly key: string | null;
}

/** What a breakdown builds: the audit report, its segments, and what it warns about. */
export interface SegmentTableResult {
  report: PublishedReport;
  segments: SegmentCell[];
  missing: number;
  warnings: string[];
  ledger?: { ledger: ReleaseLedger; refusals: readonly LedgerRefusal[] };
}

/** The respondents of a segment: how many, and how many in each answer category. */
interface Tally {
  n: number;
  counts: Record<string, number>;
}

/** What a breakdown over more than one answer counts (response rate, engagement index). */
export interface SegmentCounting {
  /**
   * The categories of a whole response (one per variable), instead of one answer's category;
   * null leaves the response out. Default: `categorise` of the question's answer.
   */
  readonly categoriesOf?: (
    answers: Readonly<Record<string, AnswerValue>>,
  ) => readonly string[] | null;
  /** The variables behind the categories. Default: one variable `answer` over all categories. */
  readonly variables?: Readonly<Record<string, readonly string[]>>;
  /** The ledger's statistic. Default `<question kind>:<surveyId>:<questionId>`. */
  readonly statistic?: string;
}

/** Builds the suppressed table of a breakdown from each respondent's answer category. */
export function segmentTable(
  dataset: Dataset,
  options: SegmentOptions,
  functionName: string,
  categorise: (value: AnswerValue, question: Question) => string | null,
  questionOf: (survey: Survey) => Question,
  counting: SegmentCounting = {},
): SegmentTableResult {
  const survey = confidentialSurvey(dataset, options.surveyId, functionName);
  const question = questionOf(survey);
  const categoriesOf =
    counting.categoriesOf ??
    ((answers: Readonly<Record<string, AnswerValue>>) => {
      const category = categorise(answers[question.id] ?? null, question);
      return category === null ? null : [category];
    });
  const day = options.on ?? survey.opensOn;
  const by = options.by;
  const { line, keyOf } = segmentKeys(dataset, by, day, functionName);
  const { direct, missingCell, keysOf, duplicates } = tallySegments(
    dataset,
    survey,
    categoriesOf,
    keyOf,
    options.ledger !== undefined,
  );
  const warnings: string[] = [];
  if (duplicates > 0)
    warnings.push(
      `${duplicates} further responses by the same respondents left out: each person counts once`,
    );
  const minGroupSize = effectiveMinGroupSize(options, survey);
  if (missingCell.n > 0) {
    const what =
      by.kind === 'attribute' ? `attribute "${by.name}"` : by.kind === 'team' ? 'team' : 'manager';
    const count =
      missingCell.n >= minGroupSize ? String(missingCell.n) : `fewer than ${minGroupSize}`;
    warnings.push(
      `${count} respondents have no ${what} on ${day}: they count in "all" and in the "missing" segment`,
    );
  }
  const { table, segments } = breakdownTable(
    dataset,
    by,
    { direct, missingCell, line, variables: counting.variables },
    functionName,
  );
  segments.push({ id: 'all', kind: 'all', key: null });
  if (missingCell.n > 0) segments.push({ id: 'missing', kind: 'missing', key: null });
  if (options.ledger === undefined || keysOf === undefined)
    return {
      report: suppressTable(table, { minGroupSize }),
      segments,
      missing: missingCell.n,
      warnings,
    };
  // The cell that holds each key's respondents directly; totals are derived from the equations.
  const ids = new Set(table.cells.map((cell) => cell.id));
  const populations = new Map<string, LedgerPopulation>();
  for (const [key, keys] of keysOf) {
    const id =
      key === undefined
        ? 'missing'
        : by.kind === 'team'
          ? ids.has(`team:${key}:direct`)
            ? `team:${key}:direct`
            : `team:${key}`
          : `${by.kind}:${key}`;
    populations.set(id, { keys });
  }
  const release = suppressTableWithLedger(table, {
    minGroupSize,
    ledger: options.ledger,
    statistic: counting.statistic ?? `${question.kind}:${survey.id}:${question.id}`,
    populations,
  });
  if (release.refusals.length > 0) warnings.push(ledgerWarning(minGroupSize));
  return {
    report: release.report,
    segments,
    missing: missingCell.n,
    warnings,
    ledger: { ledger: release.ledger, refusals: release.refusals },
  };
}

/** The survey a breakdown reads; it must exist and not be anonymous. */
function confidentialSurvey(dataset: Dataset, surveyId: string, functionName: string): Survey {
  const survey = dataset.surveys.find((s) => s.id === surveyId);
  if (survey === undefined)
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName}: unknown survey "${surveyId}"`,
    );
  if (survey.confidentiality === 'anonymous') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName}: survey "${survey.id}" is anonymous; its answers cannot be joined to teams, managers or attributes`,
    );
  }
  return survey;
}

/**
 * Each person's team or manager on the day (only the one the breakdown needs), and the segment
 * key of a respondent: their team, manager or attribute value.
 */
function segmentKeys(
  dataset: Dataset,
  by: SegmentBy,
  day: CalendarDay,
  functionName: string,
): {
  line: Map<string, string | undefined>;
  keyOf: (respondent: string) => string | undefined;
} {
  const line = new Map<string, string | undefined>();
  for (const a of dataset.assignments) {
    if (a.validFrom <= day && (a.validTo === undefined || day <= a.validTo))
      line.set(a.employeeId, by.kind === 'team' ? a.teamId : a.managerId);
  }
  // Only a breakdown by attribute looks people up (100 000 entries are not free to build).
  const employees =
    by.kind === 'attribute' ? new Map(dataset.employees.map((e) => [e.id, e])) : undefined;
  if (by.kind === 'attribute' && by.protected !== true) {
    const known = dataset.employees.some((e) => Object.hasOwn(e.protectedAttributes, by.name));
    if (known) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${functionName}: "${by.name}" is a protected attribute; pass protected: true to break results down by it`,
      );
    }
  }
  const keyOf = (respondent: string): string | undefined => {
    if (by.kind !== 'attribute') return line.get(respondent);
    const employee = employees?.get(respondent);
    const value =
      by.protected === true
        ? employee?.protectedAttributes[by.name]
        : employee?.attributes[by.name];
    return value === undefined ? undefined : String(value);
  };
  return { line, keyOf };
}

/**
 * Per segment, the respondents' answer categories (each respondent once), the respondents with
 * no segment, and, for a release ledger, who is in each segment.
 */
function tallySegments(
  dataset: Dataset,
  survey: Survey,
  categoriesOf: (answers: Readonly<Record<string, AnswerValue>>) => readonly string[] | null,
  keyOf: (respondent: string) => string | undefined,
  keepKeys: boolean,
): {
  direct: Map<string, Tally>;
  missingCell: Tally;
  keysOf: Map<string | undefined, string[]> | undefined;
  duplicates: number;
} {
  const direct = new Map<string, Tally>();
  const missingCell = { n: 0, counts: {} as Record<string, number> };
  const seen = new Set<string>();
  // Who is in each segment, kept only for a release ledger.
  const keysOf = keepKeys ? new Map<string | undefined, string[]>() : undefined;
  let duplicates = 0;
  for (const response of dataset.responses) {
    if (response.surveyId !== survey.id || response.respondentId === undefined) continue;
    const categories = categoriesOf(response.answers);
    if (categories === null) continue;
    if (seen.has(response.respondentId)) {
      duplicates++;
      continue;
    }
    seen.add(response.respondentId);
    const key = keyOf(response.respondentId);
    const cell = key === undefined ? missingCell : (direct.get(key) ?? { n: 0, counts: {} });
    cell.n++;
    for (const category of categories) cell.counts[category] = (cell.counts[category] ?? 0) + 1;
    if (key !== undefined) direct.set(key, cell);
    const keys = keysOf?.get(key);
    if (keys !== undefined) keys.push(response.respondentId);
    else keysOf?.set(key, [response.respondentId]);
  }
  return { direct, missingCell, keysOf, duplicates };
}

/** The table of a breakdown (before suppression) and its segments but `all` and `missing`. */
function breakdownTable(
  dataset: Dataset,
  by: SegmentBy,
  tallies: {
    readonly direct: ReadonlyMap<string, Tally>;
    readonly missingCell: Tally;
    readonly line: ReadonlyMap<string, string | undefined>;
    readonly variables: Readonly<Record<string, readonly string[]>> | undefined;
  },
  functionName: string,
): { table: Table; segments: SegmentCell[] } {
  const { direct, missingCell, line } = tallies;
  const declared =
    tallies.variables === undefined ? undefined : Object.values(tallies.variables).flat();
  const categories = declared ?? [
    ...new Set([...direct.values(), missingCell].flatMap((cell) => Object.keys(cell.counts))),
  ];
  // Each respondent's answer falls in one category: one categorical variable, so a category
  // nobody chose in a cell (no promoters) is no trait that everyone there shares.
  const variables =
    categories.length === 0 ? undefined : (tallies.variables ?? { answer: categories });
  const complete = (cell: Tally): CellStatistics => ({
    n: cell.n,
    counts: Object.fromEntries(categories.map((key) => [key, cell.counts[key] ?? 0])),
    ...(variables === undefined ? {} : { variables }),
  });

  let table: Table;
  const segments: SegmentCell[] = [];
  if (by.kind === 'team') {
    const tree = teamTreeTable(
      dataset.teams,
      new Map([...direct].map(([key, cell]) => [key, complete(cell)])),
    );
    const roots = dataset.teams.filter((t) => t.parentId === undefined).map((t) => `team:${t.id}`);
    table = withTotal(tree, roots, complete(missingCell), categories);
    for (const cell of tree.cells) {
      const directCell = cell.id.endsWith(':direct');
      const key = cell.id.slice('team:'.length, directCell ? -':direct'.length : undefined);
      segments.push({ id: cell.id, kind: directCell ? 'team-direct' : 'team', key });
    }
  } else if (by.kind === 'manager') {
    const cells: TableCell[] = [...direct].map(([key, cell]) => ({
      id: `manager:${key}`,
      ...complete(cell),
    }));
    const equations: TableEquation[] = [];
    for (const key of direct.keys())
      segments.push({ id: `manager:${key}`, kind: 'manager-direct', key });
    if (by.scope === 'tree') {
      const trees = { cells, equations, segments, direct, line, categories, complete };
      managerTrees(trees, functionName);
    }
    table = withTotal(
      { cells, equations },
      [...direct.keys()].map((key) => `manager:${key}`),
      complete(missingCell),
      categories,
    );
  } else {
    const cells: TableCell[] = [...direct].map(([key, cell]) => ({
      id: `attribute:${key}`,
      ...complete(cell),
    }));
    for (const key of direct.keys())
      segments.push({ id: `attribute:${key}`, kind: 'attribute', key });
    table = withTotal(
      { cells, equations: [] },
      cells.map((cell) => cell.id),
      complete(missingCell),
      categories,
    );
  }
  return { table, segments };
}

/** What {@link managerTrees} reads, and the cells, equations and segments it adds to. */
interface ManagerTrees {
  readonly cells: TableCell[];
  readonly equations: TableEquation[];
  readonly segments: SegmentCell[];
  readonly direct: ReadonlyMap<string, Tally>;
  readonly line: ReadonlyMap<string, string | undefined>;
  readonly categories: readonly string[];
  readonly complete: (cell: Tally) => CellStatistics;
}

/** Adds each manager's tree (their direct cell and their reports' trees) with its equation. */
function managerTrees(trees: ManagerTrees, functionName: string): void {
  const { cells, equations, segments, direct, line, categories, complete } = trees;
  const reportsOf = new Map<string, string[]>();
  for (const [employee, managerId] of line) {
    if (managerId === undefined) continue;
    const reports = reportsOf.get(managerId);
    if (reports === undefined) reportsOf.set(managerId, [employee]);
    else reports.push(employee);
  }
  const managers = [...reportsOf.keys()];
  const treeOf = new Map<string, CellStatistics>();
  const build = (manager: string, depth: number): CellStatistics => {
    const known = treeOf.get(manager);
    if (known !== undefined) return known;
    if (depth > line.size)
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName}: a manager cycle through "${manager}"`,
      );
    const parts: CellStatistics[] = [complete(direct.get(manager) ?? { n: 0, counts: {} })];
    const partIds = direct.has(manager) ? [`manager:${manager}`] : [];
    for (const report of reportsOf.get(manager) ?? []) {
      if (!reportsOf.has(report)) continue;
      parts.push(build(report, depth + 1));
      partIds.push(`tree:${report}`);
    }
    const total = complete({
      n: parts.reduce((sum, part) => sum + part.n, 0),
      counts: Object.fromEntries(
        categories.map((key) => [
          key,
          parts.reduce((sum, part) => sum + (part.counts?.[key] ?? 0), 0),
        ]),
      ),
    });
    treeOf.set(manager, total);
    cells.push({ id: `tree:${manager}`, ...total });
    equations.push({ total: `tree:${manager}`, parts: partIds });
    segments.push({ id: `tree:${manager}`, kind: 'manager-tree', key: manager });
    return total;
  };
  for (const manager of managers) build(manager, 0);
}

/** Adds the `all` cell (the given parts plus the missing respondents) and its equation. */
function withTotal(
  table: Table,
  parts: readonly string[],
  missing: CellStatistics,
  categories: readonly string[],
): Table {
  const byId = new Map(table.cells.map((cell) => [cell.id, cell]));
  const members = [
    ...parts.map((id) => byId.get(id)!).filter(Boolean),
    ...(missing.n > 0 ? [{ id: 'missing', ...missing }] : []),
  ];
  const all: TableCell = {
    id: 'all',
    n: members.reduce((sum, cell) => sum + cell.n, 0),
    counts: Object.fromEntries(
      categories.map((key) => [
        key,
        members.reduce((sum, cell) => sum + (cell.counts?.[key] ?? 0), 0),
      ]),
    ),
  };
  return {
    cells: [...table.cells, ...(missing.n > 0 ? [{ id: 'missing', ...missing }] : []), all],
    equations: [
      ...table.equations,
      { total: 'all', parts: [...parts, ...(missing.n > 0 ? ['missing'] : [])] },
    ],
  };
}

/**
 * The published segments of a breakdown: each shown cell's value (from its audit cell), each
 * hidden one `SUPPRESSED`, with the audit record, the warnings and the ledger. @internal
 */
export function publishSegments<T>(
  built: SegmentTableResult,
  shownValue: (cell: PublishedCell) => T,
  warnings: readonly string[] = built.warnings,
): BreakdownResult<T> {
  const cells = new Map(built.report.cells.map((cell) => [cell.id, cell]));
  return {
    segments: built.segments.map((segment) => {
      const cell = cells.get(segment.id);
      if (cell === undefined || cell.status === 'suppressed')
        return { ...segment, cell: SUPPRESSED };
      return { ...segment, cell: { status: 'shown', value: shownValue(cell), n: cell.n } };
    }),
    report: built.report,
    warnings,
    ...(built.ledger === undefined ? {} : { ledger: built.ledger }),
  };
}
