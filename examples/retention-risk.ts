/**
 * The retention-risk model on the IBM HR attrition data: fits a logistic regression on the
 * predictors that are not protected attributes, judges it by stratified 10-fold cross-validation
 * (AUC with its spread, calibration by decile, calibration per gender), and lists the ten
 * employees with the highest predicted risk with the three factors that raise it most.
 *
 *   npx tsx examples/retention-risk.ts
 *   npx tsx examples/retention-risk.ts path/to/emp_attrition.csv
 *
 * The default is examples/data/ibm-hr-attrition/emp_attrition.csv, found next to this script. The data are fictional (IBM, Open Database License 1.0).
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectCsv, readCsvFile } from 'internal-customer/csv';
import { isShown } from 'internal-customer/privacy';
import {
  crossValidate,
  fitRetentionModel,
  predictRisk,
  type RetentionRow,
} from 'internal-customer/retention';
import { parseExampleArguments, runWhenExecuted } from './lib/dataset.js';
import { IBM_FEATURES, IBM_PROTECTED, IBM_URL, IbmRowSchema } from './lib/ibmFile.js';

export const DEFAULT_PATH = fileURLToPath(IBM_URL);

const percent = (value: number, digits = 1) => `${(100 * value).toFixed(digits)}%`;

/** Runs the analysis and returns the report as text. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const path = parseExampleArguments(argv, [], '[emp_attrition.csv]').path ?? DEFAULT_PATH;
  if (!existsSync(path))
    throw new Error(`${path} is not there: give the path of emp_attrition.csv`);
  const { records, issues } = await collectCsv(readCsvFile(path, { schema: IbmRowSchema }));
  if (issues.length > 0)
    throw new Error(`${path}: ${issues.length} issues, first: ${issues[0]!.message}`);
  const rows = records as RetentionRow[];
  const features = IBM_FEATURES.filter((name) => !IBM_PROTECTED.includes(name));
  const options = { features, label: 'Attrition' };
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);

  say(`Retention risk: ${rows.length} employees from ${path}`);
  say(`Predictors (${features.length}): every column but the id, the constant ones and the`);
  say(`protected attributes ${IBM_PROTECTED.join(', ')}, which the model leaves out by default.`);
  say();

  const cv = crossValidate(rows, options, { folds: 10, repeats: 5, seed: 2026, groupBy: 'Gender' });
  say('How well it ranks people it has not seen (stratified 10-fold cross-validation, 5 repeats):');
  say(
    `  ROC AUC ${cv.auc.toFixed(3)} (repeats ${Math.min(...cv.aucByRepeat).toFixed(3)}-${Math.max(...cv.aucByRepeat).toFixed(3)})`,
  );
  say(
    `  per fold: mean ${cv.foldAuc.mean.toFixed(3)}, sd ${cv.foldAuc.standardDeviation.toFixed(3)}, min ${cv.foldAuc.min.toFixed(3)}, max ${cv.foldAuc.max.toFixed(3)} (${cv.foldAuc.count} folds)`,
  );
  say(
    `  Brier score ${cv.brierScore.toFixed(4)}; the riskiest tenth leave ${cv.topDecileLift.toFixed(1)} times as often as average (${percent(cv.baseRate)})`,
  );
  say();
  say('Calibration (deciles of out-of-fold predictions, all repeats pooled):');
  say('  decile   predicted   observed');
  for (const bin of cv.calibration) {
    say(
      `  ${String(bin.bin).padStart(6)}   ${percent(bin.meanPredicted).padStart(9)}   ${percent(bin.observedRate).padStart(8)}`,
    );
  }
  say();
  say('Does it serve women and men alike? (Gender is not a predictor.)');
  for (const group of cv.groups) {
    if (!isShown(group.performance)) {
      say(`  ${group.group}: too few people to show`);
      continue;
    }
    const g = group.performance.value;
    say(
      `  ${group.group.padEnd(7)} n ${String(g.n).padStart(4)}  AUC ${g.auc === null ? 'n/a' : g.auc.toFixed(3)}  predicted ${percent(g.meanPredicted)}  observed ${percent(g.observedRate)}  observed/expected ${g.observedToExpected.toFixed(2)}`,
    );
  }
  say();

  const model = fitRetentionModel(rows, options);
  for (const warning of model.warnings) say(`Note: ${warning}`);
  say();
  const labels = {
    OverTime: 'Works overtime',
    NumCompaniesWorked: 'Companies worked for',
    EnvironmentSatisfaction: 'Satisfaction with environment (1-4)',
    JobSatisfaction: 'Job satisfaction (1-4)',
    JobInvolvement: 'Job involvement (1-4)',
    WorkLifeBalance: 'Work-life balance (1-4)',
    RelationshipSatisfaction: 'Relationship satisfaction (1-4)',
    BusinessTravel: 'Business travel',
    DistanceFromHome: 'Distance from home',
    YearsSinceLastPromotion: 'Years since last promotion',
  };
  const scored = rows
    .map((row) => ({ row, risk: predictRisk(model, row, { labels }) }))
    .sort((a, b) => b.risk.probability - a.risk.probability)
    .slice(0, 10);
  say('The ten highest predicted risks (fitted on everyone), with what raises each most:');
  for (const { row, risk } of scored) {
    say(`  Employee ${String(row.EmployeeNumber)}: ${percent(risk.probability, 0)} (${risk.tier})`);
    for (const factor of risk.factors.slice(0, 3)) say(`      ${factor.description}`);
  }
  say();
  say('A risk score is a prompt for a conversation, not a decision. Use it to ask a manager to');
  say('talk with the person about what would make them stay; never to decide about pay,');
  say('promotion or dismissal. People have the right not to be subject to decisions based solely');
  say('on automated processing (GDPR Art. 22), and the EU AI Act treats AI used in employment as');
  say('high-risk. The data here are fictional.');
  return lines.join('\n');
}

runWhenExecuted(import.meta.url, main);
