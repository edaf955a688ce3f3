/**
 * Speed and scale (issue 9): validation of a million response records, CSV to eNPS per team on
 * a generated 1 M-row file against DuckDB (`read_csv` + `GROUP BY` on the same file, in the same
 * run), worker threads against one thread, and the peak memory of a child process streaming a
 * 10 M-row file. (The DuckDB engine's rows are retired with the engine, issue 17.) The files are generated once into the
 * git-ignored `.tmp/bench/` folder. Without `@duckdb/node-api` the DuckDB cases are skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRandom } from '../src/core/index.js';
import { parseRecords, SurveyResponseSchema } from '../src/schemas/index.js';
import type { csvEnpsTallies } from '../src/tallies/index.js';
import type { BenchCase } from './harness.js';
import { writeResponsesFile } from './responsesFile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, '.tmp', 'bench');
mkdirSync(folder, { recursive: true });

/** Generates a responses file once (kept between runs; regenerated if its size is off). */
async function responsesFile(rows: number): Promise<string> {
  const path = join(folder, `responses-${rows}.csv`);
  const marker = `${path}.bytes`;
  if (existsSync(path) && existsSync(marker)) {
    const expected = Number(execFileSync('cat', [marker], { encoding: 'utf8' }));
    if (statSync(path).size === expected) return path;
  }
  console.log(`generating ${path} ...`);
  const bytes = await writeResponsesFile(path, { rows });
  execFileSync('sh', ['-c', `printf %s ${bytes} > '${marker}'`]);
  return path;
}

const million = await responsesFile(1_000_000);
const tenMillion = await responsesFile(10_000_000);
const mib = (path: string) => `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;

// --- Validation of 1 M response records --------------------------------------------------------

const random = createRandom(3);
const records = Array.from({ length: 1_000_000 }, (_, i) => {
  const invalid = random() < 0.001;
  return {
    id: invalid ? ' r' : `r${i}`,
    surveyId: 's2025q1',
    ...(i % 3 === 0 ? { respondentId: `e${i % 5000}` } : {}),
    submittedAt: `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00Z`,
    answers: { enps: i % 11, growth: 1 + (i % 5), clarity: i % 7 === 0 ? null : 3, open: 'ok' },
    ...(i % 100 === 0 ? { comments: [{ questionId: 'open', text: 'More focus time' }] } : {}),
  };
});

const WHITESPACE = /^\s|\s$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const RESPONSE_KEYS = new Set([
  'id',
  'surveyId',
  'respondentId',
  'submittedAt',
  'answers',
  'comments',
]);

const isId = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && !WHITESPACE.test(value);
function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : MONTH_DAYS[month]!)
  );
}

/**
 * SurveyResponseSchema's rules written by hand, as an engineer would: strict keys, ids, the
 * instant with a real day, answers as a plain record of safe keys to finite numbers, text, yes/no
 * or null, and comments. It only checks (zod also copies the record and fills defaults).
 */
function handCheck(record: Record<string, unknown>): boolean {
  for (const key in record) if (!RESPONSE_KEYS.has(key)) return false;
  if (!isId(record.id) || !isId(record.surveyId) || !isInstant(record.submittedAt)) return false;
  if (record.respondentId !== undefined && !isId(record.respondentId)) return false;
  const answers = record.answers as Record<string, unknown> | null;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return false;
  for (const key of Object.keys(answers)) {
    if (key === '' || RESERVED.has(key)) return false;
    const value = answers[key];
    if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'boolean' &&
      !(typeof value === 'number' && Number.isFinite(value))
    )
      return false;
  }
  const comments = record.comments;
  if (comments !== undefined) {
    if (!Array.isArray(comments)) return false;
    for (const comment of comments as Record<string, unknown>[]) {
      if (typeof comment !== 'object' || comment === null) return false;
      for (const key in comment) if (key !== 'questionId' && key !== 'text') return false;
      if (comment.questionId !== undefined && !isId(comment.questionId)) return false;
      if (typeof comment.text !== 'string' || comment.text.length === 0) return false;
    }
  }
  return true;
}

function handValidate(): number {
  let valid = 0;
  for (const record of records) if (handCheck(record)) valid++;
  return valid;
}

// --- DuckDB, raw: what an analyst would write ----------------------------------------------------

type Connection = { runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> };
let duck: Connection | undefined;
try {
  const api = (await import('@duckdb/node-api')) as unknown as {
    DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<Connection> }> };
  };
  duck = await (await api.DuckDBInstance.create(':memory:')).connect();
} catch {
  console.log('scale bench: @duckdb/node-api is not installed; the DuckDB cases are skipped');
}

const rawSql = (path: string) =>
  `SELECT teamId, ${Array.from({ length: 11 }, (_, k) => `count(*) FILTER (WHERE "answers.enps" = '${k}')`).join(', ')}, count(*) FILTER (WHERE "answers.enps" IS NULL) FROM read_csv('${path}', header = true, all_varchar = true) GROUP BY teamId`;
const rawDuckDb = (path: string) => () => duck!.runAndReadAll(rawSql(path));

const options = { question: 'enps', groupBy: ['teamId'] } as const;

// The CSV cases run the built library, as users do: worker threads then load JavaScript, not
// TypeScript through tsx (which adds about a second per worker), and the memory cases run it in a
// child process.
console.log('scale bench: building dist/ ...');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
const built = (await import(pathToFileURL(join(root, 'dist', 'tallies.js')).href)) as {
  csvEnpsTallies: typeof csvEnpsTallies;
};

/** A child process reading a file with csvEnpsTallies: the call's time (ms) and peak RSS (MiB). */
function child(path: string, threads = 1): { ms: number; peakMiB: number } {
  const output = execFileSync(
    process.execPath,
    [join(root, 'bench', 'streamChild.mjs'), path, String(threads)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const { ms, maxRssKiB } = JSON.parse(output.trim().split('\n').pop()!) as {
    ms: number;
    maxRssKiB: number;
  };
  return { ms, peakMiB: maxRssKiB / 1024 };
}
const childPeakRss = (path: string) => child(path).peakMiB;

let lastPeak = 0;
const idleSize = `${(statSync(tenMillion).size / 2 ** 30).toFixed(2)} GiB`;

export const scaleCases: BenchCase[] = [
  {
    name: 'parseRecords(SurveyResponseSchema), zod compiled',
    size: '1 000 000 records',
    goal: '<= 5x hand check',
    run: () => parseRecords(SurveyResponseSchema, records),
    baselineName: 'hand-written check of the same rules',
    baseline: handValidate,
    meets: (median, baseline) => median <= 5 * baseline,
    iterations: 5,
  },
  {
    name: 'SurveyResponseSchema.safeParse loop, plain zod (reference)',
    size: '1 000 000 records',
    goal: 'reference (not a goal)',
    run: () => {
      let valid = 0;
      for (const record of records) if (SurveyResponseSchema.safeParse(record).success) valid++;
      return valid;
    },
    baselineName: 'hand-written check of the same rules',
    baseline: handValidate,
    meets: () => true,
    iterations: 3,
  },
];

if (duck !== undefined) {
  scaleCases.push(
    {
      name: 'csvEnpsTallies per team, 1 thread (parse, validate, tally)',
      size: `1 000 000 rows, ${mib(million)}`,
      goal: '<= 10x DuckDB',
      run: () => built.csvEnpsTallies(million, { ...options, workers: 1 }),
      baselineName: 'DuckDB read_csv + GROUP BY (same file, same run)',
      baseline: rawDuckDb(million),
      meets: (median, baseline) => median <= 10 * baseline,
      iterations: 3,
      memory: { label: 'peak RSS, child process', measure: () => childPeakRss(million) },
    },
    {
      name: 'csvEnpsTallies per team, 2 threads (this one and a worker)',
      size: `1 000 000 rows, ${mib(million)}`,
      goal: '<= 10x DuckDB',
      run: () => built.csvEnpsTallies(million, { ...options, workers: 2 }),
      baselineName: 'DuckDB read_csv + GROUP BY (same file, same run)',
      baseline: rawDuckDb(million),
      meets: (median, baseline) => median <= 10 * baseline,
      iterations: 3,
    },
    {
      name: 'csvEnpsTallies, 10 M rows streamed in a child process, 1 thread',
      size: `10 000 000 rows, ${idleSize}`,
      goal: 'peak RSS < 200 MiB',
      run: () => {
        lastPeak = childPeakRss(tenMillion);
      },
      baselineName: 'DuckDB read_csv + GROUP BY (same file)',
      baseline: rawDuckDb(tenMillion),
      meets: (_median, _baseline, memory) => memory !== undefined && memory < 200,
      iterations: 1,
      memory: { label: 'peak RSS, child process', measure: () => lastPeak },
    },
  );
}

scaleCases.push(
  {
    name: 'csvEnpsTallies per team, 2 threads (this one and a worker)',
    size: `1 000 000 rows, ${mib(million)}`,
    goal: '>= 1.3x faster than 1 thread',
    run: () => built.csvEnpsTallies(million, { ...options, workers: 2 }),
    baselineName: 'csvEnpsTallies, 1 thread',
    baseline: () => built.csvEnpsTallies(million, { ...options, workers: 1 }),
    meets: (median, baseline) => 1.3 * median <= baseline,
    iterations: 5,
  },
  {
    // Workers are kept between calls; this is the first call of a process (the worker starts).
    name: 'csvEnpsTallies per team, 2 threads, a fresh child process (start, import, first call)',
    size: `1 000 000 rows, ${mib(million)}`,
    goal: 'reference (not a goal)',
    run: () => child(million, 2).ms,
    baselineName: 'csvEnpsTallies, 1 thread, a fresh child process (start, import, first call)',
    baseline: () => child(million, 1).ms,
    meets: () => true,
    iterations: 3,
  },
);
