/**
 * Test, benchmark and example helpers for the retention model (Node only, not public API): where
 * the IBM HR attrition file lives and how to read it with the library's own CSV reader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { collectCsv } from '../../src/csv/collectCsv.js';
import { readCsvFile } from '../../src/csv/readCsvFile.js';
import type { RetentionRow } from '../../src/retention/model/fitRetentionModel.js';

/** The IBM file, shipped in `examples/data/` (a byte-for-byte copy, with its licence note). */
export const IBM_PATH = fileURLToPath(
  new URL('../../examples/data/ibm-hr-attrition/emp_attrition.csv', import.meta.url),
);

/** The message a test or benchmark prints when it skips for want of the file. */
export const IBM_MISSING = `the IBM HR attrition file is not at ${IBM_PATH}: skipped`;

const TEXT_COLUMNS = [
  'Attrition',
  'BusinessTravel',
  'Department',
  'EducationField',
  'Gender',
  'JobRole',
  'MaritalStatus',
  'Over18',
  'OverTime',
] as const;

const NUMBER_COLUMNS = [
  'Age',
  'DailyRate',
  'DistanceFromHome',
  'Education',
  'EmployeeCount',
  'EmployeeNumber',
  'EnvironmentSatisfaction',
  'HourlyRate',
  'JobInvolvement',
  'JobLevel',
  'JobSatisfaction',
  'MonthlyIncome',
  'MonthlyRate',
  'NumCompaniesWorked',
  'PercentSalaryHike',
  'PerformanceRating',
  'RelationshipSatisfaction',
  'StandardHours',
  'StockOptionLevel',
  'TotalWorkingYears',
  'TrainingTimesLastYear',
  'WorkLifeBalance',
  'YearsAtCompany',
  'YearsInCurrentRole',
  'YearsSinceLastPromotion',
  'YearsWithCurrManager',
] as const;

/** One row of the file, typed. */
export const IbmRowSchema = z.object({
  ...Object.fromEntries(TEXT_COLUMNS.map((name) => [name, z.string()])),
  ...Object.fromEntries(NUMBER_COLUMNS.map((name) => [name, z.number()])),
});

/** The 30 usable predictors (R's `Attrition ~ .` without the constant columns and the id). */
export const IBM_FEATURES: readonly string[] = [
  'Age',
  'BusinessTravel',
  'DailyRate',
  'Department',
  'DistanceFromHome',
  'Education',
  'EducationField',
  'EnvironmentSatisfaction',
  'Gender',
  'HourlyRate',
  'JobInvolvement',
  'JobLevel',
  'JobRole',
  'JobSatisfaction',
  'MaritalStatus',
  'MonthlyIncome',
  'MonthlyRate',
  'NumCompaniesWorked',
  'OverTime',
  'PercentSalaryHike',
  'PerformanceRating',
  'RelationshipSatisfaction',
  'StockOptionLevel',
  'TotalWorkingYears',
  'TrainingTimesLastYear',
  'WorkLifeBalance',
  'YearsAtCompany',
  'YearsInCurrentRole',
  'YearsSinceLastPromotion',
  'YearsWithCurrManager',
];

/** The 1-4 scales, which R's read.csv reads as integers. */
export const IBM_SCALES: readonly string[] = [
  'Education',
  'EnvironmentSatisfaction',
  'JobInvolvement',
  'JobSatisfaction',
  'PerformanceRating',
  'RelationshipSatisfaction',
  'WorkLifeBalance',
];

/** The protected attributes among the predictors. */
export const IBM_PROTECTED: readonly string[] = ['Age', 'Gender', 'MaritalStatus'];

/** Whether the file is there. */
export function ibmAvailable(path: string = IBM_PATH): boolean {
  return existsSync(path);
}

/** Reads the file (UTF-8 with BOM, CRLF) with readCsvFile; throws if any row has an issue. */
export async function loadIbmRows(path: string = IBM_PATH): Promise<RetentionRow[]> {
  const { records, issues } = await collectCsv(readCsvFile(path, { schema: IbmRowSchema }));
  if (issues.length > 0) {
    throw new Error(`${path}: ${issues.length} issue(s), first: ${issues[0]!.message}`);
  }
  return records as RetentionRow[];
}
