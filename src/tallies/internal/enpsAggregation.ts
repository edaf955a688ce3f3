import type * as z from 'zod';
import { toCalendarDay } from '../../core/calendarDay.js';
import type { ValidationIssue } from '../../core/errors.js';
import type { CsvItem } from '../../csv/readCsv.js';
import { describeValue } from '../../internal/describeValue.js';
import { type EnpsCutoffs, resolveCutoffs } from '../../satisfaction/classifyEnps.js';
import { IdSchema } from '../../schemas/primitives.js';
import { type SurveyResponse, SurveyResponseSchema } from '../../schemas/survey.js';
import { countAnswer, type EnpsGroupCounts, type EnpsPeriod } from './groupCounts.js';

export type { EnpsGroupCounts, EnpsPeriod } from './groupCounts.js';

/** What the eNPS file readers count, as plain data (it crosses to workers). @internal */
export interface EnpsAggregationParams {
  /** The eNPS question: its answers are in the column `answers.<question>`. */
  readonly question: string;
  /** Columns to group by; those that are not fields of a response are ids (`IdSchema`). */
  readonly groupBy: readonly string[];
  readonly period: EnpsPeriod | undefined;
  readonly cutoffs: EnpsCutoffs;
  /** Names the record type in each issue, as `readCsv` does. */
  readonly collection: string | undefined;
}

/** A partial result: groups by their JSON key, and the issues in file order. @internal */
export interface EnpsPartial {
  readonly groups: Map<string, EnpsGroupCounts>;
  readonly issues: ValidationIssue[];
}

/** The fields of a survey response. @internal */
export const RESPONSE_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(SurveyResponseSchema.shape),
);
const schemas = new Map<string, z.ZodType>();

/**
 * The record schema of a responses file grouped by `groupBy`: `SurveyResponseSchema` with each
 * group column that is not a response field added as an id. Cached, so that zod's compiled parser
 * is built once. @internal
 */
export function responseSchemaFor(groupBy: readonly string[]): z.ZodType<SurveyResponse> {
  const extra = groupBy.filter((name) => !RESPONSE_FIELDS.has(name));
  const cacheKey = JSON.stringify(extra);
  let schema = schemas.get(cacheKey);
  if (schema === undefined) {
    schema =
      extra.length === 0
        ? SurveyResponseSchema
        : SurveyResponseSchema.extend(Object.fromEntries(extra.map((name) => [name, IdSchema])));
    schemas.set(cacheKey, schema);
  }
  return schema as z.ZodType<SurveyResponse>;
}

/** The first day of the UTC month, quarter or year of an instant. @internal */
export function periodStart(instant: string, period: EnpsPeriod): string {
  const day = toCalendarDay(instant);
  if (period === 'year') return `${day.slice(0, 4)}-01-01`;
  const month = Number(day.slice(5, 7));
  const first = period === 'month' ? month : month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** The empty partial result. @internal */
export function emptyPartial(): EnpsPartial {
  return { groups: new Map(), issues: [] };
}

/** Checks and fills the options of the eNPS file reader. @internal */
export function aggregationParams(
  options: {
    readonly question?: unknown;
    readonly groupBy?: unknown;
    readonly period?: unknown;
    readonly cutoffs?: Partial<EnpsCutoffs>;
    readonly collection?: unknown;
  },
  caller: string,
  invalid: (message: string) => Error,
): EnpsAggregationParams {
  const { question, groupBy = [], period } = options;
  if (typeof question !== 'string' || question === '' || question.includes('.')) {
    throw invalid(
      `${caller} requires question, the id of the eNPS question (its answers are in the column answers.<question>), got ${JSON.stringify(question)}`,
    );
  }
  if (
    !Array.isArray(groupBy) ||
    groupBy.some((name) => typeof name !== 'string' || name === '' || name.includes('.'))
  ) {
    throw invalid(
      `${caller} requires groupBy as a list of column names, got ${JSON.stringify(groupBy)}`,
    );
  }
  if (period !== undefined && period !== 'month' && period !== 'quarter' && period !== 'year') {
    throw invalid(
      `${caller} requires period 'month', 'quarter' or 'year', got ${JSON.stringify(period)}`,
    );
  }
  if (options.collection !== undefined && typeof options.collection !== 'string') {
    throw invalid(
      `${caller} requires collection to be a string, got ${JSON.stringify(options.collection)}`,
    );
  }
  return {
    question,
    groupBy: [...(groupBy as string[])],
    period: period as EnpsPeriod | undefined,
    cutoffs: resolveCutoffs(options.cutoffs, caller),
    collection: options.collection as string | undefined,
  };
}

/**
 * Counts one chunk of reader items into a partial result: a record's eNPS answer goes to its
 * group's histogram (`null` or absent: skipped); an answer that is not a whole number on the scale
 * is an issue (`invalid_score`) and the record counts nowhere; the reader's issues pass through.
 * @internal
 */
export function addItems(
  partial: EnpsPartial,
  items: readonly CsvItem<SurveyResponse>[],
  params: EnpsAggregationParams,
): void {
  const { question, groupBy, period, cutoffs } = params;
  const width = cutoffs.scaleMax - cutoffs.scaleMin + 1;
  const groups = partial.groups;
  for (const item of items) {
    if (item.kind === 'issue') {
      partial.issues.push(item.issue);
      continue;
    }
    const record = item.record as unknown as Record<string, unknown> & SurveyResponse;
    const answers = record.answers;
    const value = Object.hasOwn(answers, question) ? answers[question] : undefined;
    let offset = -1;
    if (value !== null && value !== undefined) {
      offset = typeof value === 'number' ? value - cutoffs.scaleMin : Number.NaN;
      if (!(offset >= 0 && offset < width && offset === Math.floor(offset))) {
        const where =
          params.collection === undefined
            ? `row ${item.row}`
            : `${params.collection} row ${item.row}`;
        partial.issues.push({
          row: item.row,
          path: `answers.${question}`,
          code: 'invalid_score',
          message: `${where}, answers.${question}: ${describeValue(value)} is not an eNPS answer (a whole number from ${cutoffs.scaleMin} to ${cutoffs.scaleMax})`,
          ...(params.collection === undefined ? {} : { collection: params.collection }),
          line: item.line,
        });
        continue;
      }
    }
    const key: (string | null)[] = [];
    for (const name of groupBy) {
      const part = record[name];
      key.push(typeof part === 'string' ? part : null);
    }
    if (period !== undefined) key.push(periodStart(record.submittedAt, period));
    countAnswer(groups, key, offset, width);
  }
}

/** Adds `from` into `into` (groups' counts add; issues follow in order). @internal */
export function mergePartial(into: EnpsPartial, from: EnpsPartial): void {
  for (const [id, group] of from.groups) {
    const existing = into.groups.get(id);
    if (existing === undefined) {
      into.groups.set(id, {
        key: group.key,
        histogram: [...group.histogram],
        skipped: group.skipped,
      });
      continue;
    }
    for (let index = 0; index < group.histogram.length; index++)
      existing.histogram[index]! += group.histogram[index]!;
    existing.skipped += group.skipped;
  }
  for (const issue of from.issues) into.issues.push(issue);
}

export { compareKeys } from '../../internal/compareKeys.js';
