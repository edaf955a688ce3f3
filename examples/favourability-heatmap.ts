/**
 * A heatmap of favourability, departments by items, from the latest confidential survey with
 * Likert items: favourabilityBy for each item, broken down by an employee attribute (department by
 * default), turned into heatmapChart's cells. Prints the table and writes the chart as a
 * Vega-Lite specification (plain JSON: open it in the Vega editor, or render it with vega-lite).
 * Small departments are suppressed in every column, and no hidden cell can be worked out from the
 * `all` row.
 *
 *   npx tsx examples/favourability-heatmap.ts                 # the bundled sample organisation
 *   npx tsx examples/favourability-heatmap.ts path/to/data --by location --out heatmap.vl.json
 *
 * Your data: a dataset folder (employees.csv with the attribute, surveys.csv, questions.csv,
 * responses.csv) or a dataset JSON; see examples/lib/dataset.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  favourabilityBy,
  formatNumber,
  type HeatmapCell,
  heatmapChart,
  mapReportable,
  textTable,
} from 'internal-customer';
import { loadExampleDataset, parseExampleArguments, runWhenExecuted } from './lib/dataset.js';

const USAGE =
  '[dataset-folder-or-json] [--as-of YYYY-MM-DD] [--survey ID] [--by ATTRIBUTE] [--out FILE]';
/** Where the chart goes by default (git-ignored). */
const DEFAULT_OUT = fileURLToPath(
  new URL('./output/favourability-heatmap.vl.json', import.meta.url),
);

/** Computes the heatmap; returns the text the script prints. */
export async function main(argv: readonly string[] = []): Promise<string> {
  const args = parseExampleArguments(argv, ['survey', 'by', 'out'], USAGE);
  const { dataset, preamble } = await loadExampleDataset(args);
  const attribute = args.options.by ?? 'department';
  const likert = dataset.questions.filter((q) => q.kind === 'likert');
  const survey =
    dataset.surveys.find((s) => s.id === args.options.survey) ??
    dataset.surveys
      .filter((s) => s.confidentiality !== 'anonymous' && likert.some((q) => q.surveyId === s.id))
      .sort((a, b) => a.opensOn.localeCompare(b.opensOn))
      .at(-1);
  if (survey === undefined)
    return [...preamble, 'No confidential survey with Likert items.'].join('\n');

  const cells: HeatmapCell[] = likert
    .filter((q) => q.surveyId === survey.id)
    .flatMap((question) =>
      favourabilityBy(dataset, {
        surveyId: survey.id,
        questionId: question.id,
        by: { kind: 'attribute', name: attribute },
      }).segments.map((segment) => ({
        row: segment.key ?? (segment.kind === 'all' ? 'everyone' : 'unknown'),
        column: question.text,
        // A shown cell has answers, so its shares are there.
        cell: mapReportable(segment.cell, (result) => result.shares!.favourable),
      })),
    );
  const out = args.options.out ?? DEFAULT_OUT;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(heatmapChart(cells, { title: survey.name }), null, 2)}\n`);

  const columns = [...new Set(cells.map((cell) => cell.column))];
  const rows = [...new Set(cells.map((cell) => cell.row))];
  const value = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c.cell]));
  const table = textTable(
    rows.map((row) => [
      row,
      ...columns.map((column) => {
        const cell = value.get(`${row}\u0000${column}`);
        return cell?.status === 'shown'
          ? formatNumber(cell.value, { percent: true, digits: 0 })
          : '-';
      }),
    ]),
    {
      header: [attribute, ...columns.map((_, index) => `item ${index + 1}`)],
      align: ['left', ...columns.map(() => 'right' as const)],
    },
  );
  return [
    ...preamble,
    `% favourable by ${attribute}: "${survey.name}" (- is suppressed: too few people)`,
    '',
    table,
    '',
    ...columns.map((column, index) => `item ${index + 1}: ${column}`),
    '',
    `Heatmap (Vega-Lite): ${out}`,
  ].join('\n');
}

runWhenExecuted(import.meta.url, main);
