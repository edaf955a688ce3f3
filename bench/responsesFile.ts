/**
 * Generates survey-response CSV files for the scale benchmarks and tests: one row per response,
 * `id,surveyId,teamId,submittedAt,answers.enps,comments`, deterministic from a seed. About 1 in
 * 1 000 rows breaks a rule (an eNPS answer of 11, a day that does not exist, an empty id), 1 in 50
 * skips the eNPS question, and 1 in 100 carries a comment as a quoted JSON cell holding commas,
 * doubled quotes and a line break, so that chunk boundaries must respect quoted fields.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createRandom } from '../src/core/index.js';

/** Options of {@link writeResponsesFile}. */
export interface ResponsesFileOptions {
  readonly rows: number;
  readonly teams?: number;
  readonly seed?: number;
  /** Share of rows with a rule broken. Default 0.001. */
  readonly invalidShare?: number;
  /** Share of rows with a quoted multi-line comment. Default 0.01. */
  readonly commentShare?: number;
  /** Line ending. Default `\n`. */
  readonly newline?: '\n' | '\r\n';
}

const HEADER = 'id,surveyId,teamId,submittedAt,answers.enps,comments';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** One chunk of rows as text. */
export function responsesText(
  from: number,
  to: number,
  options: ResponsesFileOptions,
  random: () => number,
): string {
  const teams = options.teams ?? 1000;
  const invalidShare = options.invalidShare ?? 0.001;
  const commentShare = options.commentShare ?? 0.01;
  const newline = options.newline ?? '\n';
  const parts: string[] = [];
  for (let row = from; row < to; row++) {
    const team = Math.floor(random() * teams);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const hour = Math.floor(random() * 24);
    const minute = Math.floor(random() * 60);
    const quarter = Math.floor((month - 1) / 3) + 1;
    // Scores lean by team, so teams differ.
    const lean = (team % 7) / 10;
    let score = String(Math.min(10, Math.floor((random() + lean * random()) * 11)));
    let id = `r${row}`;
    let date = `2025-${pad(month, 2)}-${pad(day, 2)}`;
    if (random() < 0.02) score = '';
    const broken = random() < invalidShare ? Math.floor(random() * 4) : -1;
    if (broken === 0) score = '11';
    else if (broken === 1) date = `2025-02-${30 + Math.floor(random() * 2)}`;
    else if (broken === 2) id = '';
    else if (broken === 3) score = '7.5';
    const comment =
      random() < commentShare
        ? `"[{""questionId"":""enps"",""text"":""Too many meetings, ${row % 13} a week""},${newline}{""text"":""and nobody says \\""why\\""""}]"`
        : '';
    parts.push(
      `${id},s2025q${quarter},t${pad(team, 4)},${date}T${pad(hour, 2)}:${pad(minute, 2)}:00Z,${score},${comment}`,
    );
  }
  return parts.join(newline) + newline;
}

/** Writes a responses file of `rows` rows (streaming, flat memory); resolves with its size. */
export async function writeResponsesFile(
  path: string,
  options: ResponsesFileOptions,
): Promise<number> {
  const random = createRandom(options.seed ?? 1);
  const stream = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(HEADER + (options.newline ?? '\n'));
  const batch = 50_000;
  for (let from = 0; from < options.rows; from += batch) {
    await write(responsesText(from, Math.min(options.rows, from + batch), options, random));
  }
  stream.end();
  await once(stream, 'finish');
  return bytes;
}
