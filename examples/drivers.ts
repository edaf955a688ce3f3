/**
 * Which survey items move eNPS: for each Likert item of the latest survey with an eNPS question
 * and Likert items (or the one named), its correlation with the eNPS answer (Pearson, with a 95% interval and
 * p-value) and Johnson's relative weight: the share of the explained variance (R^2) the item
 * carries, which stays fair when items are correlated with each other. Items with fewer than 25
 * complete answers are suppressed.
 *
 *   npx tsx examples/drivers.ts                          # the bundled sample organisation
 *   npx tsx examples/drivers.ts path/to/data --survey S2025-10
 *
 * Your data: a dataset folder (surveys.csv, questions.csv with an `enps` question and `likert`
 * items, responses.csv) or a dataset JSON; see examples/lib/dataset.ts.
 */
import { driverAnalysis, formatNumber, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--survey ID]';

/** Computes and lays out the drivers; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['survey'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const itemsOf = (surveyId: string) =>
    dataset.questions.filter((q) => q.surveyId === surveyId && q.kind === 'likert');
  const enpsOf = (surveyId: string) =>
    dataset.questions.find((q) => q.surveyId === surveyId && q.kind === 'enps');
  const survey =
    args.options.survey === undefined
      ? dataset.surveys
          .filter(
            (s) => s.opensOn <= asOf && enpsOf(s.id) !== undefined && itemsOf(s.id).length >= 2,
          )
          .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0]
      : dataset.surveys.find((s) => s.id === args.options.survey);
  const outcome = survey === undefined ? undefined : enpsOf(survey.id);
  if (survey === undefined || outcome === undefined)
    return [...preamble, 'No survey with an eNPS question and at least two Likert items.'].join(
      '\n',
    );
  const items = itemsOf(survey.id);
  const rows = dataset.responses
    .filter((response) => response.surveyId === survey.id)
    .map((response) =>
      Object.fromEntries(
        [outcome, ...items].map((q) => {
          const value = response.answers[q.id];
          return [q.id, typeof value === 'number' ? value : null];
        }),
      ),
    );
  const result = driverAnalysis(rows, { outcome: outcome.id, drivers: items.map((q) => q.id) });
  const text = new Map(items.map((q) => [q.id, q.text]));
  const table = result.drivers.map(({ driver, result: cell }) => {
    if (cell.status !== 'shown') return [text.get(driver) ?? driver, '', 'suppressed', '', '', ''];
    const { pearson, relativeWeight, n } = cell.value;
    return [
      text.get(driver) ?? driver,
      String(n),
      formatNumber(relativeWeight?.share ?? null, { percent: true, digits: 0 }),
      formatNumber(pearson.estimate, { digits: 2 }),
      `${formatNumber(pearson.interval.lower, { digits: 2 })} to ${formatNumber(pearson.interval.upper, { digits: 2 })}`,
      pearson.pValue < 0.001 ? '<0.001' : formatNumber(pearson.pValue, { digits: 3 }),
    ];
  });
  const r2 =
    result.rSquared.status === 'shown'
      ? formatNumber(result.rSquared.value, { digits: 2 })
      : 'suppressed';
  return [
    ...preamble,
    `What moves eNPS in "${survey.name}" (${rows.length} responses), strongest first`,
    '',
    textTable(table, {
      header: ['item', 'n', 'share of R^2', 'r', '95% interval', 'p-value'],
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    }),
    '',
    `R^2 of eNPS on all items together: ${r2}. Correlation is not causation: these are the items to look into first.`,
    ...result.warnings.map((warning) => `Note: ${warning}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
