/**
 * What did people who later left answer, against those who stayed? For each Likert item of a
 * survey that can be joined to people (confidential or identified), the favourable share of
 * leavers and stayers within 90, 180 and 365 days of answering, and how many times as often
 * unfavourable responders left as favourable ones (stayersVersusLeavers). Every group is
 * suppressed below the minimum group size, all horizons of an item together.
 *
 *   npx tsx examples/stayers-vs-leavers.ts                    # the bundled sample organisation
 *   npx tsx examples/stayers-vs-leavers.ts path/to/data --survey S2025-10
 *
 * Your data: a dataset folder (employees.csv, spells.csv with leaving days, surveys.csv,
 * questions.csv, responses.csv) or a dataset JSON; see examples/lib/dataset.ts.
 */
import { addCalendarDays, formatNumber, stayersVersusLeavers, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--survey ID]';
const HORIZONS = [90, 180, 365];

/** Compares stayers and leavers; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['survey'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  // The latest joinable survey whose longest horizon has passed, unless one is named.
  const latestOpen = addCalendarDays(asOf, -Math.max(...HORIZONS) - 31);
  const survey =
    dataset.surveys.find((s) => s.id === args.options.survey) ??
    dataset.surveys
      .filter((s) => s.confidentiality !== 'anonymous' && s.opensOn <= latestOpen)
      .sort((a, b) => a.opensOn.localeCompare(b.opensOn))
      .at(-1);
  if (survey === undefined) return [...preamble, 'No confidential survey old enough.'].join('\n');
  const result = stayersVersusLeavers(dataset, { surveyId: survey.id, horizons: HORIZONS, asOf });
  const text = new Map(
    dataset.questions.filter((q) => q.surveyId === survey.id).map((q) => [q.id, q.text]),
  );
  const pct = (value: number) => formatNumber(value, { percent: true });
  const rows = result.items.flatMap((item) =>
    item.horizons.map((comparison, index) => {
      const label = index === 0 ? (text.get(item.questionId) ?? item.questionId) : '';
      if (comparison === null) return [label, `${HORIZONS[index]} d`, 'not yet', '', ''];
      const { leavers, stayers, attritionRatio } = comparison;
      return [
        label,
        `${comparison.horizon} d`,
        leavers.status === 'shown' ? pct(leavers.value.shares.favourable) : 'suppressed',
        stayers.status === 'shown' ? pct(stayers.value.shares.favourable) : 'suppressed',
        attritionRatio.status === 'shown'
          ? formatNumber(attritionRatio.value.ratio, { digits: 1, missing: 'n/a' })
          : 'suppressed',
      ];
    }),
  );
  return [
    ...preamble,
    `Stayers versus leavers after "${survey.name}" (answered from ${survey.opensOn})`,
    '',
    textTable(rows, {
      header: ['item', 'within', 'leavers fav.', 'stayers fav.', 'attrition ratio'],
      align: ['left', 'right', 'right', 'right', 'right'],
    }),
    '',
    'Attrition ratio: how many times as often people who answered unfavourably left as those who',
    'answered favourably. Items with a high ratio are the ones to act on.',
    ...result.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
