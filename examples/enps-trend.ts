/**
 * eNPS by quarter over every survey, with its 95% interval, and each change from the previous
 * quarter tested: a change is flagged only when it is significant (p < 0.05), both quarters have
 * at least 20 answers and it moves at least 5 points (Viva Glint's rule), so noise is not news.
 *
 *   npx tsx examples/enps-trend.ts                            # the bundled sample organisation
 *   npx tsx examples/enps-trend.ts path/to/data --interval month
 *
 * Your data: a dataset folder (surveys.csv, questions.csv with an `enps` question, responses.csv)
 * or a dataset JSON; see examples/lib/dataset.ts.
 */
import { enpsTrend, formatNumber, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--interval quarter|month|week]';

/** Computes and lays out the trend; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['interval'], USAGE);
  const interval = (args.options.interval ?? 'quarter') as 'quarter' | 'month' | 'week';
  if (!['quarter', 'month', 'week'].includes(interval)) throw new Error(`usage: ${USAGE}`);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const answers = dataset.responses.flatMap((response) => {
    const id = enpsQuestion.get(response.surveyId);
    const score = id === undefined ? undefined : response.answers[id];
    return typeof score === 'number' ? [{ submittedAt: response.submittedAt, score }] : [];
  });
  if (answers.length === 0) return [...preamble, 'No eNPS answers.'].join('\n');
  const trend = enpsTrend(answers, { interval, asOf });
  const rows = trend.points.map((point) => {
    const { change } = point;
    // Too few answers, none, or all in one category: the row says only that it is hidden.
    if (point.result.status !== 'shown')
      return [point.period.start, '', 'suppressed', '', '', '', ''];
    const result = point.result.value;
    return [
      point.period.start,
      String(result.n),
      formatNumber(result.score),
      `${formatNumber(result.interval?.lower)} to ${formatNumber(result.interval?.upper)}`,
      formatNumber(change?.difference, { signed: true }),
      change?.pValue !== null && change?.pValue !== undefined && change.pValue < 0.001
        ? '<0.001'
        : formatNumber(change?.pValue, { digits: 3 }),
      change?.significant === true ? (change.difference! > 0 ? 'up' : 'down') : '',
    ];
  });
  const flagged = rows.filter((row) => row[6] !== '').length;
  return [
    ...preamble,
    `eNPS by ${interval} (${answers.length} answers)`,
    '',
    textTable(rows, {
      header: [`${interval} from`, 'n', 'eNPS', '95% interval', 'change', 'p-value', 'flagged'],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    }),
    '',
    flagged === 0
      ? 'No change is flagged: every movement is within what chance or small samples explain.'
      : `${flagged} significant change${flagged === 1 ? '' : 's'} flagged (p < 0.05, n >= 20 on both sides, at least 5 points).`,
    'Changes compare independent groups of answers (a two-sample z test on the adjusted-Wald eNPS).',
    ...trend.warnings.map((warning) => `Note: ${warning}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
