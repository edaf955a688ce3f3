/**
 * The CLI at scale (issue 15, "Reading streams"): `enps` and `favourability` on 10 M-row files
 * through the built CLI in a child process, its peak resident set measured by `/usr/bin/time -v`
 * (the child's own maximum, not its parent's), also with a mapping file of the load module (the
 * mapped path streams too), and its time against `csvEnpsTallies` called
 * directly on the same file in the same run (one thread, as the CLI reads). The files are valid
 * (the CLI fails a file with any issue, after reading it) and generated once into the git-ignored
 * `.tmp/bench/` folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRandom } from '../src/core/index.js';
import type { csvEnpsTallies } from '../src/tallies/index.js';
import type { BenchCase } from './harness.js';
import { writeResponsesFile } from './responsesFile.js';

const ROWS = 10_000_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, '.tmp', 'bench');
mkdirSync(folder, { recursive: true });

/** Generates a file once (kept between runs while its size matches the size written). */
async function generated(name: string, write: (path: string) => Promise<number>) {
  const path = join(folder, name);
  const marker = `${path}.bytes`;
  if (existsSync(path) && existsSync(marker)) {
    const expected = Number(execFileSync('cat', [marker], { encoding: 'utf8' }));
    if (statSync(path).size === expected) return path;
  }
  console.log(`generating ${path} ...`);
  const bytes = await write(path);
  execFileSync('sh', ['-c', `printf %s ${bytes} > '${marker}'`]);
  return path;
}

/** Five-point answers to three items by team (1 in 50 answers skipped). */
async function writeLikertFile(path: string, rows: number): Promise<number> {
  const random = createRandom(5);
  const stream = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write('teamId,growth,workload,support\n');
  const answer = () => (random() < 0.02 ? '' : String(1 + Math.floor(random() * 5)));
  for (let from = 0; from < rows; from += 50_000) {
    const parts: string[] = [];
    for (let row = from; row < Math.min(rows, from + 50_000); row++)
      parts.push(
        `t${String(Math.floor(random() * 1000)).padStart(4, '0')},${answer()},${answer()},${answer()}\n`,
      );
    await write(parts.join(''));
  }
  stream.end();
  await once(stream, 'finish');
  return bytes;
}

const responses = await generated(`responses-valid-${ROWS}.csv`, (path) =>
  writeResponsesFile(path, { rows: ROWS, invalidShare: 0 }),
);
const likert = await generated(`likert-${ROWS}.csv`, (path) => writeLikertFile(path, ROWS));
const size = (path: string) => `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;

console.log('cli bench: building dist/ ...');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
const built = (await import(pathToFileURL(join(root, 'dist', 'tallies.js')).href)) as {
  csvEnpsTallies: typeof csvEnpsTallies;
};

/** Runs the built CLI under `/usr/bin/time -v`: its peak resident set (MiB). */
function cli(args: readonly string[]): number {
  const result = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, join(root, 'dist', 'cli.js'), ...args, '--format', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  if (result.status !== 0) throw new Error(`the CLI failed: ${result.stderr.slice(0, 2000)}`);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  if (match === null) throw new Error('no peak resident set in /usr/bin/time -v output');
  return Number(match[1]) / 1024;
}

const peaks = new Map<string, number>();
const enpsArgs = ['enps', responses, '--score', 'answers.enps', '--by', 'teamId'];
const favourabilityArgs = [
  'favourability',
  likert,
  '--items',
  'growth,workload,support',
  '--points',
  '5',
  '--by',
  'teamId',
];
/** A mapping file (the load module's) for the responses file: the mapped, streaming path. */
const responsesMapping = join(folder, 'responses.mapping.json');
writeFileSync(
  responsesMapping,
  JSON.stringify({
    kind: 'responses',
    survey: { id: 's', confidentiality: 'anonymous' },
    questions: { enps: { kind: 'enps' } },
    fields: {
      id: 'id',
      'attributes.team': 'teamId',
      submittedAt: 'submittedAt',
      'answers.enps': 'answers.enps',
    },
  }),
);
const mappedArgs = [
  'enps',
  responses,
  '--mapping',
  responsesMapping,
  '--score',
  'enps',
  '--by',
  'team',
];
const tallies = () =>
  built.csvEnpsTallies(responses, { question: 'enps', groupBy: ['teamId'], workers: 1 });

export const cliCases: BenchCase[] = [
  {
    name: 'CLI enps --by teamId, a child process (start, read, validate, count, publish)',
    size: `${ROWS.toLocaleString('en')} rows, ${size(responses)}`,
    goal: 'peak RSS < 200 MiB, <= 1.5x csvEnpsTallies',
    run: () => peaks.set('enps', cli(enpsArgs)),
    baselineName: 'csvEnpsTallies per team, 1 thread, same file, same run',
    baseline: tallies,
    meets: (median, baseline, memory) =>
      memory !== undefined && memory < 200 && median <= 1.5 * baseline,
    iterations: 1,
    memory: { label: 'peak RSS of the CLI process', measure: () => peaks.get('enps')! },
  },
  {
    name: 'CLI favourability of 3 items --by teamId, a child process',
    size: `${ROWS.toLocaleString('en')} rows, ${size(likert)}`,
    goal: 'peak RSS < 200 MiB',
    run: () => peaks.set('favourability', cli(favourabilityArgs)),
    baselineName: 'csvEnpsTallies per team, 1 thread, responses file (reference)',
    baseline: tallies,
    meets: (_median, _baseline, memory) => memory !== undefined && memory < 200,
    iterations: 1,
    memory: {
      label: 'peak RSS of the CLI process',
      measure: () => peaks.get('favourability')!,
    },
  },
  {
    name: 'CLI enps --mapping (a mapping file: each row mapped, then counted) --by team',
    size: `${ROWS.toLocaleString('en')} rows, ${size(responses)}`,
    goal: 'peak RSS < 200 MiB',
    run: () => peaks.set('mapped', cli(mappedArgs)),
    baselineName: 'csvEnpsTallies per team, 1 thread, same file (reference)',
    baseline: tallies,
    meets: (_median, _baseline, memory) => memory !== undefined && memory < 200,
    iterations: 1,
    memory: { label: 'peak RSS of the CLI process', measure: () => peaks.get('mapped')! },
  },
];
