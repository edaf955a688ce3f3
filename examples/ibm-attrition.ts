/**
 * Satisfaction items versus attrition in IBM's fictional HR attrition data set (1 470 employees,
 * 1-4 satisfaction items, Attrition Yes / No), as vivaglint's `analyze_attrition` shows it: for
 * each item, how favourable stayers and leavers were, and how often people left when they
 * answered unfavourably versus favourably (with Wilson intervals), then the attrition rate at each
 * answer. Groups of fewer than 5 people are suppressed.
 *
 *   npx tsx examples/ibm-attrition.ts                      # examples/data/ibm-hr-attrition/emp_attrition.csv
 *   npx tsx examples/ibm-attrition.ts path/to/emp_attrition.csv
 *
 * Your data: a CSV with IBM's columns (EmployeeNumber, Attrition, EnvironmentSatisfaction,
 * JobInvolvement, JobSatisfaction, RelationshipSatisfaction, WorkLifeBalance); other columns are
 * ignored. Source: IBM/employee-attrition-aif360, data/emp_attrition.csv (ODbL; fictional data
 * created by IBM data scientists).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  favourability,
  formatNumber,
  suppressSmallGroup,
  textTable,
  wilsonInterval,
} from 'internal-customer';
import { collectCsv, readCsvFile } from 'internal-customer/csv';
import * as z from 'zod';
import { parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

/** The IBM file in the shared data folder next to the project (absent in a plain clone). */
export const IBM_PATH = fileURLToPath(
  new URL('./data/ibm-hr-attrition/emp_attrition.csv', import.meta.url),
);

const ITEMS = [
  ['EnvironmentSatisfaction', 'environment satisfaction'],
  ['JobInvolvement', 'job involvement'],
  ['JobSatisfaction', 'job satisfaction'],
  ['RelationshipSatisfaction', 'relationship satisfaction'],
  ['WorkLifeBalance', 'work-life balance'],
] as const;

const answer = z.int().min(1).max(4);
const Schema = z.object({
  EmployeeNumber: z.string().min(1),
  Attrition: z.enum(['Yes', 'No']),
  ...Object.fromEntries(ITEMS.map(([column]) => [column, answer])),
});
type Row = { readonly Attrition: 'Yes' | 'No' } & Readonly<Record<string, unknown>>;

/** Reads the file and lays out the tables; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, [], '[emp_attrition.csv]');
  const path = args.path ?? IBM_PATH;
  if (!existsSync(path)) {
    throw new Error(
      `${path} is not there: give the path of IBM's emp_attrition.csv (IBM/employee-attrition-aif360, data/emp_attrition.csv)`,
    );
  }
  const { records, issues } = await collectCsv(readCsvFile(path, { schema: Schema }));
  if (issues.length > 0) {
    throw new Error(`${path}: ${issues.length} issues, first: ${issues[0]!.message}`);
  }
  const rows = records as Row[];
  const leavers = rows.filter((row) => row.Attrition === 'Yes');
  const stayers = rows.filter((row) => row.Attrition === 'No');
  const pct = (value: number | null | undefined) => formatNumber(value, { percent: true });
  const rate = (group: readonly Row[]) => {
    const left = group.filter((row) => row.Attrition === 'Yes').length;
    const cell = suppressSmallGroup({ left, n: group.length }, group.length);
    if (cell.status !== 'shown') return 'suppressed';
    const interval = wilsonInterval(left, group.length);
    return `${pct(left / group.length)} (${pct(interval.lower)}-${pct(interval.upper)})`;
  };
  const favourable = (group: readonly Row[], column: string) =>
    favourability(
      group.map((row) => row[column] as number),
      { points: 4 },
    ).shares?.favourable;
  const summary = ITEMS.map(([column, label]) => {
    const unfavourable = rows.filter((row) => row[column] === 1);
    const favourableRows = rows.filter((row) => row[column] === 4);
    // The ratio is shown only when both groups are: it would reveal a suppressed group's rate.
    const leftShare = (group: readonly Row[]) => {
      const cell = suppressSmallGroup(group, group.length);
      return cell.status === 'shown'
        ? group.filter((row) => row.Attrition === 'Yes').length / group.length
        : null;
    };
    const low = leftShare(unfavourable);
    const high = leftShare(favourableRows);
    return [
      label,
      pct(favourable(stayers, column)),
      pct(favourable(leavers, column)),
      rate(unfavourable),
      rate(favourableRows),
      low === null || high === null || high === 0 ? '–' : `${formatNumber(low / high)}x`,
    ];
  });
  const byAnswer = ITEMS.map(([column, label]) => [
    label,
    ...[1, 2, 3, 4].map((value) => rate(rows.filter((row) => row[column] === value))),
  ]);
  return [
    `Data: ${path}: ${rows.length} employees, ${leavers.length} left (${pct(leavers.length / rows.length)})`,
    '',
    'Favourability (answer 4 of 4) of stayers and leavers, and attrition by answer (95% Wilson interval)',
    '',
    textTable(summary, {
      header: [
        'item',
        'favourable: stayers',
        'leavers',
        'left | unfavourable (1)',
        'left | favourable (4)',
        'ratio',
      ],
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    }),
    '',
    'Attrition rate at each answer',
    '',
    textTable(byAnswer, {
      header: ['item', '1 (low)', '2', '3', '4 (high)'],
      align: ['left', 'right', 'right', 'right', 'right'],
    }),
    '',
    'A snapshot, not a follow-up: answers and attrition were recorded together, so read it as association.',
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
