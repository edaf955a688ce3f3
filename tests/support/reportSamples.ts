/**
 * Data sets for the tests of the organisation's HTML report: the bundled sample organisation
 * (13 departments drawn, so more than 8 groups; a regretted flag on its separations) and a
 * variant with survey items of about 150 characters and no regretted flag at all. Not exported
 * from the package. @internal
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Dataset, validateDataset } from '../../src/schemas/dataset.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What every item of {@link longItemsNoRegret} gains at its end. */
export const LONG_TAIL =
  'Think of the last six months, including the busiest weeks of the quarter-end close and any reorganisation of your team.';

/** The raw JSON of the bundled sample (examples/data/dataset.json). */
function sampleJson(): { questions: { text: string }[]; spells: { regretted?: boolean }[] } {
  return JSON.parse(readFileSync(join(root, 'examples', 'data', 'dataset.json'), 'utf8'));
}

/** The bundled sample organisation, validated. */
export function sampleDataset(): Dataset {
  return validateDataset(sampleJson() as unknown).dataset;
}

/** The sample with every survey item {@link LONG_TAIL} longer and no `regretted` flag anywhere. */
export function longItemsNoRegret(): Dataset {
  const json = sampleJson();
  for (const question of json.questions) question.text = `${question.text} ${LONG_TAIL}`;
  for (const spell of json.spells) delete spell.regretted;
  return validateDataset(json as unknown).dataset;
}
