/**
 * The engagement index of the latest survey with items tagged `engagement-index`, item by
 * item, by the two usual methods (share of favourable answers per item, averaged; or each person's
 * mean answer), and Cronbach's alpha: do the items measure one thing, so that an index of them
 * makes sense? Alpha of 0.7 or more is the usual bar.
 *
 *   npx tsx examples/engagement.ts                  # the bundled sample organisation
 *   npx tsx examples/engagement.ts path/to/data --survey S2025-10 --tag engagement-index
 *
 * Your data: a dataset folder (surveys.csv, questions.csv with Likert questions tagged as the
 * index, responses.csv) or a dataset JSON; see examples/lib/dataset.ts.
 */
import { cronbachAlpha, engagementIndex, formatNumber, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--survey ID] [--tag TAG]';

/** Computes the index and alpha; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['survey', 'tag'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const tag = args.options.tag ?? 'engagement-index';
  const tagged = dataset.questions.flatMap((q) =>
    q.kind === 'likert' && q.tags.includes(tag) ? [q] : [],
  );
  // The latest survey that has the tagged items, unless one is named.
  const surveyId =
    args.options.survey ??
    dataset.surveys
      .filter((s) => tagged.some((q) => q.surveyId === s.id))
      .sort((a, b) => a.opensOn.localeCompare(b.opensOn))
      .at(-1)?.id;
  const survey = dataset.surveys.find((s) => s.id === surveyId);
  if (survey === undefined) return [...preamble, `No survey has items tagged ${tag}.`].join('\n');
  const questions = tagged.filter((q) => q.surveyId === survey.id);
  const responses = dataset.responses.filter((r) => r.surveyId === survey.id);
  const items = questions.map((q) => ({ id: q.id, points: q.points }));

  const byItem = engagementIndex(responses, { items, asOf });
  const byPerson = engagementIndex(responses, { items, asOf, method: 'person-mean' });
  const alpha = cronbachAlpha(
    responses.map((r) => questions.map((q) => r.answers[q.id] as number | null | undefined)),
  );
  const text = new Map(questions.map((q) => [q.id, q.text]));
  const table = textTable(
    byItem.items.map((item) => [
      text.get(item.id) ?? item.id,
      String(item.n),
      formatNumber(item.value),
    ]),
    { header: ['item', 'answers', '% favourable'], align: ['left', 'right', 'right'] },
  );
  return [
    ...preamble,
    `Engagement index of "${survey.name}" (${questions.length} items tagged ${tag})`,
    '',
    table,
    '',
    `Index, mean of the items' favourable shares: ${formatNumber(byItem.value)} (${byItem.n} people)`,
    `Index, mean of each person's answers on 0-100: ${formatNumber(byPerson.value)}`,
    `Cronbach's alpha: ${formatNumber(alpha.alpha, { digits: 2 })} (standardised ${formatNumber(alpha.standardizedAlpha, { digits: 2 })}; ${alpha.n} complete answers)`,
    alpha.alpha !== null && alpha.alpha >= 0.7
      ? 'The items hang together (alpha >= 0.7): one index of them is meaningful.'
      : 'The items do not hang together well (alpha < 0.7): report them one by one.',
    ...byItem.warnings.map((w) => `Note: ${w}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
