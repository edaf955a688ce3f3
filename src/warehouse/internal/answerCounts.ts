import { InternalCustomerError } from '../../core/errors.js';
import type { Period } from '../../core/period.js';
import { compareKeys } from '../../internal/compareKeys.js';
import { type AnswersTableOptions, answersTable } from '../answersTable.js';
import { smallCount } from '../parseWarehouseCount.js';
import type { WarehouseDialect, WarehouseQuery, WarehouseRow } from '../types.js';
import { field, readGroups } from './readGroups.js';
import {
  checkedDialect,
  checkedGroupBy,
  checkedPeriodFilter,
  checkedUnit,
  groupedSelect,
  PERIOD_NUMBER,
  PERIOD_YEAR,
  sqlWriter,
  type WarehousePeriodUnit,
} from './sqlWriter.js';

/** The points of a scale and the output names of their counts (`s0`... or `a1`...). @internal */
export interface ScaleColumns {
  readonly min: number;
  readonly width: number;
  /** The output name of the count of answers `min + offset`. */
  readonly prefix: string;
  /** The name of the column `prefix` counts start at: 0 (`s0` = scale min) or the answer itself. */
  readonly byValue: boolean;
  /** Also sum the answers (`score_sum`). */
  readonly sum: boolean;
}

/** The output name of each point of a scale. @internal */
export function pointNames(scale: ScaleColumns): string[] {
  return Array.from(
    { length: scale.width },
    (_, offset) => `${scale.prefix}${scale.byValue ? scale.min + offset : offset}`,
  );
}

/** What the answer-count builders take. @internal */
export interface AnswerQueryOptions extends AnswersTableOptions {
  readonly dialect: WarehouseDialect;
  readonly questionId?: string;
  readonly surveyId?: string;
  readonly groupBy?: readonly string[];
  readonly per?: WarehousePeriodUnit;
  readonly period?: Period;
}

/** A non-empty id value (a survey's or a question's). @internal */
export function checkedId(value: unknown, option: string, functionName: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${functionName} requires ${option} as a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Answers of one question per group and period: all (`answers`), skipped (`skipped`), per point
 * of the scale, and optionally their sum (`score_sum`). @internal
 */
export function answerCountsQuery(
  options: AnswerQueryOptions,
  scale: ScaleColumns,
  functionName: string,
): WarehouseQuery {
  const writer = sqlWriter(checkedDialect(options.dialect, functionName));
  const points = pointNames(scale);
  const reserved = new Set([
    'answers',
    'skipped',
    'score_sum',
    PERIOD_YEAR,
    PERIOD_NUMBER,
    ...points,
  ]);
  const groupBy = checkedGroupBy(options.groupBy, reserved, functionName);
  const { table, columns } = answersTable(options);
  const score = writer.column(columns.score);
  const where: string[] = [];
  if (options.questionId !== undefined) {
    const question = checkedId(options.questionId, 'questionId', functionName);
    where.push(`${writer.column(columns.questionId)} = ${writer.value(question)}`);
  }
  if (options.surveyId !== undefined) {
    const survey = checkedId(options.surveyId, 'surveyId', functionName);
    where.push(`${writer.column(columns.surveyId)} = ${writer.value(survey)}`);
  }
  const aggregates = [
    { expression: writer.count(), alias: 'answers' },
    { expression: writer.countIf(`${score} IS NULL`), alias: 'skipped' },
    ...points.map((alias, offset) => ({
      expression: writer.countIf(`${score} = ${scale.min + offset}`),
      alias,
    })),
  ];
  if (scale.sum) aggregates.push({ expression: `SUM(${score})`, alias: 'score_sum' });
  const sql = groupedSelect(writer, {
    table,
    groupBy,
    timeColumn: columns.answeredAt,
    per: checkedUnit(options.per, functionName),
    period: checkedPeriodFilter(options.period, functionName),
    where,
    aggregates,
  });
  return { dialect: writer.dialect, sql, params: writer.params };
}

/** One group's answer counts, read. @internal */
export interface AnswerCounts {
  readonly key: readonly (string | null)[];
  readonly histogram: number[];
  readonly skipped: number;
}

interface Accumulator {
  readonly histogram: number[];
  skipped: number;
  answers: number;
  sum: number;
}

/**
 * Reads answer-count rows into groups ordered by key, several rows of a key added; checks that
 * every answer is on the scale and, with sums, that the sum matches the histogram. @internal
 */
export function readAnswerCounts(
  rows: Iterable<WarehouseRow>,
  grouping: { readonly groupBy?: readonly string[]; readonly per?: unknown },
  scale: ScaleColumns,
  functionName: string,
): { groups: AnswerCounts[]; per: WarehousePeriodUnit | null } {
  const points = pointNames(scale);
  const { width } = scale;
  const per = checkedUnit(grouping.per, functionName);
  const groups = readGroups<Accumulator>(
    rows,
    { groupBy: grouping.groupBy ?? [], per },
    () => ({ histogram: new Array<number>(width).fill(0), skipped: 0, answers: 0, sum: 0 }),
    (counts, row) => {
      counts.answers += smallCount(field(row, 'answers'), 'answers');
      counts.skipped += smallCount(field(row, 'skipped'), 'skipped');
      const { histogram } = counts;
      for (let offset = 0; offset < width; offset++)
        histogram[offset]! += smallCount(field(row, points[offset]!), points[offset]!);
      if (scale.sum) counts.sum += smallCount(field(row, 'score_sum'), 'score_sum');
    },
    functionName,
  );
  const result: AnswerCounts[] = [];
  for (const { key, acc } of groups.values()) {
    let counted = acc.skipped;
    let sum = 0;
    for (let offset = 0; offset < width; offset++) {
      counted += acc.histogram[offset]!;
      sum += (scale.min + offset) * acc.histogram[offset]!;
    }
    if (!Number.isSafeInteger(acc.answers) || !Number.isSafeInteger(acc.sum)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${functionName} requires totals up to 2^53 - 1`,
      );
    }
    if (counted !== acc.answers || (scale.sum && sum !== acc.sum)) {
      throw new InternalCustomerError(
        'OUT_OF_RANGE',
        `${functionName} requires every answer to be a whole number on the ${scale.min}-${scale.min + width - 1} scale: group ${JSON.stringify(key)} has ${acc.answers - counted} answers off it${scale.sum && sum !== acc.sum ? ` or a sum of ${acc.sum} for ${sum} counted` : ''}`,
      );
    }
    result.push({ key, histogram: acc.histogram, skipped: acc.skipped });
  }
  result.sort((a, b) => compareKeys(a.key, b.key));
  return { groups: result, per: per ?? null };
}
