/**
 * IBM's HR attrition file (examples/data/ibm-hr-attrition/emp_attrition.csv): its columns, a schema
 * for one row, and the predictors a retention-risk model may use. Plain data and a zod schema, so
 * that the examples and the project's own tests read the file the same way.
 */
import * as z from 'zod';

/** The file, shipped in `examples/data/` (a byte-for-byte copy, with its licence note). */
export const IBM_URL = new URL('../data/ibm-hr-attrition/emp_attrition.csv', import.meta.url);

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
