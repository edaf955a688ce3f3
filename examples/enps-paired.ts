/**
 * Did eNPS change for the same people? Between the last two surveys that can be joined to people
 * (confidential or identified, not anonymous), the change in eNPS among those who answered both,
 * tested as paired data (compareEnpsPaired): each person's -1 / 0 / +1 category in each wave, so
 * the test is not fooled by who happened to answer (people who left or joined in between).
 * Beside it, the unpaired comparison of all answers of each wave (compareEnps).
 *
 *   npx tsx examples/enps-paired.ts                 # the bundled sample organisation
 *   npx tsx examples/enps-paired.ts path/to/data --first S2025-10 --second S2026-07
 *
 * Your data: a dataset folder (surveys.csv, questions.csv with an `enps` question, responses.csv)
 * or a dataset JSON; see examples/lib/dataset.ts.
 */
import { compareEnps, compareEnpsPaired, formatNumber } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--first ID] [--second ID]';
/** Fewer pairs than this and the change is not shown: it would say too much about too few. */
const MIN_PAIRS = 5;

/** Pairs the answers and tests the change; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['first', 'second'], USAGE);
  const { dataset, preamble } = await loadExampleDataset(args);
  const enpsQuestion = new Map(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => [q.surveyId, q.id]),
  );
  const joinable = dataset.surveys
    .filter((s) => s.confidentiality !== 'anonymous' && enpsQuestion.has(s.id))
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn));
  const first = joinable.find((s) => s.id === (args.options.first ?? joinable.at(-2)?.id));
  const second = joinable.find((s) => s.id === (args.options.second ?? joinable.at(-1)?.id));
  if (first === undefined || second === undefined) {
    return [...preamble, 'Two confidential or identified surveys with eNPS are needed.'].join('\n');
  }
  /** Each respondent's eNPS answer in a survey. */
  const scores = (surveyId: string) => {
    const question = enpsQuestion.get(surveyId)!;
    const byPerson = new Map<string, number>();
    for (const response of dataset.responses) {
      const score = response.answers[question];
      if (
        response.surveyId === surveyId &&
        response.respondentId !== undefined &&
        typeof score === 'number'
      )
        byPerson.set(response.respondentId, score);
    }
    return byPerson;
  };
  const before = scores(first.id);
  const after = scores(second.id);
  const pairs = [...before].flatMap(([person, score]) => {
    const later = after.get(person);
    return later === undefined ? [] : [[score, later] as const];
  });
  const lines = [...preamble, `eNPS of the same people: "${first.name}" -> "${second.name}"`, ''];
  if (pairs.length < MIN_PAIRS)
    return [...lines, `Fewer than ${MIN_PAIRS} people answered both: not shown.`].join('\n');
  const paired = compareEnpsPaired(pairs);
  const unpaired = compareEnps([...after.values()], [...before.values()]);
  const signed = (value: number | null) => formatNumber(value, { signed: true });
  const p = (value: number | null) =>
    value !== null && value < 0.001 ? '< 0.001' : formatNumber(value, { digits: 3 });
  lines.push(
    `Paired (${paired.n} people who answered both): change ${signed(paired.change)} points, 95% CI ${signed(paired.interval?.lower ?? null)} to ${signed(paired.interval?.upper ?? null)}, p ${p(paired.pValue)}`,
    `Unpaired (all ${before.size} and ${after.size} answers): change ${signed(unpaired.difference)} points, p ${p(unpaired.pValue)}`,
    '',
    'The paired test compares each person with themselves, so a change in who answered (leavers,',
    'joiners, people who skipped a wave) does not pass for a change of mind.',
  );
  return lines.join('\n');
}

runWhenExecuted(import.meta.url, main);
