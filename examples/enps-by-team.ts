/**
 * eNPS with its 95% interval for every team of the organisation (each team with everyone below
 * it), from the latest survey that may be joined to teams (not anonymous). Teams too small to
 * show, or whose result could be worked out from the others, are printed as "suppressed".
 *
 *   npx tsx examples/enps-by-team.ts                       # the bundled sample organisation
 *   npx tsx examples/enps-by-team.ts path/to/data          # a folder of CSVs named like examples/data
 *   npx tsx examples/enps-by-team.ts data.json --survey S2025-10 --min-group 7
 *
 * Your data: a dataset folder (teams.csv, assignments.csv, surveys.csv, questions.csv,
 * responses.csv, employees.csv) or a dataset JSON; see examples/lib/dataset.ts.
 */
import { enpsBy, formatNumber, textTable } from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE = '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--survey ID] [--min-group N]';

/** Computes and lays out the table; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['survey', 'min-group'], USAGE);
  const { dataset, asOf, preamble } = await loadExampleDataset(args);
  const minGroupSize = Number(args.options['min-group'] ?? 5);
  const withEnps = new Set(
    dataset.questions.filter((q) => q.kind === 'enps').map((q) => q.surveyId),
  );
  const survey =
    args.options.survey === undefined
      ? dataset.surveys
          .filter(
            (s) => s.confidentiality !== 'anonymous' && withEnps.has(s.id) && s.opensOn <= asOf,
          )
          .sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1))[0]
      : dataset.surveys.find((s) => s.id === args.options.survey);
  if (survey === undefined)
    return [...preamble, 'No survey with an eNPS question that may be joined to teams.'].join('\n');

  const result = enpsBy(dataset, { surveyId: survey.id, by: { kind: 'team' }, minGroupSize });
  const cells = new Map(result.segments.map((segment) => [segment.id, segment.cell]));
  // Teams in tree order, indented by depth.
  const children = new Map<string | undefined, typeof dataset.teams>();
  for (const team of dataset.teams)
    children.set(team.parentId, [...(children.get(team.parentId) ?? []), team]);
  const rows: string[][] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const team of children.get(parent) ?? []) {
      const cell = cells.get(`team:${team.id}`);
      const name = `${'  '.repeat(depth)}${team.name}`;
      if (cell?.status === 'shown') {
        const value = cell.value;
        rows.push([
          name,
          String(cell.n),
          formatNumber(value.score),
          `${formatNumber(Math.max(-100, value.interval?.lower ?? -100))} to ${formatNumber(Math.min(100, value.interval?.upper ?? 100))}`,
          String(value.promoters),
          String(value.passives),
          String(value.detractors),
        ]);
      } else {
        rows.push([name, '', 'suppressed', '', '', '', '']);
      }
      visit(team.id, depth + 1);
    }
  };
  visit(undefined, 0);
  const shown = rows.filter((row) => row[2] !== 'suppressed').length;
  return [
    ...preamble,
    `eNPS by team: "${survey.name}" (${survey.confidentiality}), minimum group size ${minGroupSize}`,
    '',
    textTable(rows, {
      header: ['team', 'n', 'eNPS', '95% interval', 'promoters', 'passives', 'detractors'],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    }),
    '',
    `${shown} of ${rows.length} teams shown; ${rows.length - shown} suppressed (fewer than ${minGroupSize} respondents, everyone in one category, or derivable from the others).`,
    'eNPS = % promoters (9-10) - % detractors (0-6); adjusted-Wald interval (Rocks 2016).',
    ...result.warnings.map((warning) => `Note: ${warning}`),
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
