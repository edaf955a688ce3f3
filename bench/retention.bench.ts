/**
 * Kaplan-Meier on 1 million tenures: against its own floor (sorting the times once, as a
 * Float64Array), against the straightforward implementation (an index array sorted with a
 * comparator), and against R `survfit` on the same data in the same run when `Rscript` (with the
 * survival package) is installed. R runs as one persistent process fed through stdin, so its
 * median is the time of `survfit` itself, not of starting R or reading the data; without
 * `Rscript` the R case is skipped with a message. Cumulative incidence of three exit kinds on the
 * same tenures runs against the sort floor (R `survfit` with a status factor takes about 40 s on
 * 100 000 of them on the shared machine, too long to run here).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../src/core/index.js';
import { cumulativeIncidence, kaplanMeier } from '../src/retention/index.js';
import type { BenchCase } from './harness.js';

const SIZE = 1_000_000;

/**
 * Tenures in whole days (exponential, mean 900 days: heavy ties, about 7 000 distinct days), 40%
 * of them leavers (events), the rest still employed (censored).
 */
export function generatedTenures(
  size = SIZE,
  seed = 1,
): { times: Float64Array; events: Uint8Array } {
  const random = createRandom(seed);
  const times = new Float64Array(size);
  const events = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    times[i] = Math.max(1, Math.round(-Math.log(1 - random()) * 900));
    events[i] = random() < 0.4 ? 1 : 0;
  }
  return { times, events };
}

/** The straightforward Kaplan-Meier: sort an index array with a comparator, then walk it. */
export function straightforwardKaplanMeier(times: ArrayLike<number>, events: ArrayLike<number>) {
  const n = times.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => times[a]! - times[b]! || events[b]! - events[a]!);
  const time: number[] = [];
  const survival: number[] = [];
  const sigma: number[] = [];
  let atRisk = n;
  let s = 1;
  let g = 0;
  for (let i = 0; i < n; ) {
    const t = times[order[i]!]!;
    let d = 0;
    let c = 0;
    while (i < n && times[order[i]!] === t) {
      if (events[order[i]!] === 1) d += 1;
      else c += 1;
      i += 1;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      g = d === atRisk ? Number.POSITIVE_INFINITY : g + d / (atRisk * (atRisk - d));
    }
    time.push(t);
    survival.push(s);
    sigma.push(Math.sqrt(g));
    atRisk -= d + c;
  }
  return { time, survival, sigma };
}

const days = generatedTenures();
const entry = generatedEntry(days.times);
const months = {
  times: days.times.map((t) => t / 30.436875),
  events: days.events,
};

/** R `survfit` in one persistent process: each request fits the same data once. */
class RSurvfit {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #folder: string;
  readonly #pending: ((line: string) => void)[] = [];
  #buffer = '';

  /** With `entry`, fits `Surv(entry, time, status)` (late entry). */
  constructor(times: Float64Array, events: Uint8Array, entry?: Float64Array) {
    this.#folder = mkdtempSync(join(tmpdir(), 'internal-customer-bench-'));
    const data = join(this.#folder, 'tenures.bin');
    const header = new Int32Array([times.length]);
    const late = entry ?? new Float64Array(times.length);
    writeFileSync(
      data,
      Buffer.concat([
        Buffer.from(header.buffer),
        Buffer.from(times.buffer, times.byteOffset, times.byteLength),
        Buffer.from(events.buffer, events.byteOffset, events.byteLength),
        Buffer.from(late.buffer, late.byteOffset, late.byteLength),
      ]),
    );
    const surv = entry === undefined ? 'Surv(time, status)' : 'Surv(entry, time, status)';
    const script = join(this.#folder, 'survfit.R');
    writeFileSync(
      script,
      [
        'suppressMessages(library(survival))',
        'con <- file(commandArgs(TRUE)[1], "rb")',
        'n <- readBin(con, "integer", 1, size = 4, endian = "little")',
        'time <- readBin(con, "double", n, size = 8, endian = "little")',
        'status <- as.integer(readBin(con, "raw", n))',
        'entry <- readBin(con, "double", n, size = 8, endian = "little")',
        'close(con)',
        'input <- file("stdin"); open(input)',
        'cat("ready\\n"); flush(stdout())',
        'while (length(line <- readLines(input, n = 1)) > 0 && line != "quit") {',
        `  fit <- survfit(${surv} ~ 1)`,
        '  cat(length(fit$time), sprintf("%.17g", fit$surv[length(fit$surv)]), "\\n")',
        '  flush(stdout())',
        '}',
      ].join('\n'),
    );
    this.#child = spawn('Rscript', [script, data], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let newline = this.#buffer.indexOf('\n');
      while (newline >= 0) {
        const line = this.#buffer.slice(0, newline).trim();
        this.#buffer = this.#buffer.slice(newline + 1);
        this.#pending.shift()?.(line);
        newline = this.#buffer.indexOf('\n');
      }
      if (this.#pending.length === 0) this.#idle();
    });
    this.#idle();
    process.once('exit', () => this.close());
  }

  /** The pipes to R, which are sockets (typed as plain streams). */
  #pipes(): Socket[] {
    const { stdin, stdout, stderr } = this.#child;
    return [stdin, stdout, stderr] as unknown as Socket[];
  }

  /** Lets Node exit while R waits for the next request. */
  #idle(): void {
    this.#child.unref();
    for (const pipe of this.#pipes()) pipe.unref();
  }

  #next(): Promise<string> {
    this.#child.ref();
    for (const pipe of this.#pipes()) pipe.ref();
    return new Promise((resolve) => this.#pending.push(resolve));
  }

  /** Resolves once R has read the data. */
  ready(): Promise<string> {
    return this.#next();
  }

  /** Fits once; resolves with R's row count and last S. */
  fit(): Promise<string> {
    const answer = this.#next();
    this.#child.stdin.write('fit\n');
    return answer;
  }

  close(): void {
    if (this.#child.exitCode === null) this.#child.stdin.end('quit\n');
    rmSync(this.#folder, { recursive: true, force: true });
  }
}

function hasRSurvival(): boolean {
  const probe = spawnSync('Rscript', ['-e', 'library(survival)'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * Entry times for a third of the tenures (people hired before the records start), uniform below
 * their exit, in whole days.
 */
function generatedEntry(times: Float64Array, seed = 2): Float64Array {
  const random = createRandom(seed);
  const entry = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    if (random() < 1 / 3) entry[i] = Math.floor(random() * times[i]!);
  }
  return entry;
}

/**
 * A function that fits in R, checking the first answer against ours (same rows, same last S).
 */
function survfitInR(entry?: Float64Array): () => Promise<void> {
  let r: RSurvfit | undefined;
  let checked = false;
  return async () => {
    if (r === undefined) {
      r = new RSurvfit(days.times, days.events, entry);
      await r.ready();
    }
    const answer = await r.fit();
    if (!checked) {
      const ours = kaplanMeier(days.times, days.events, entry === undefined ? {} : { entry });
      const [rows, last] = answer.split(/\s+/).map(Number);
      const lastOurs = ours.survival[ours.survival.length - 1]!;
      if (rows !== ours.time.length || Math.abs(last! - lastOurs) > 1e-9) {
        throw new Error(`R survfit disagrees: ${answer} vs ${ours.time.length} ${lastOurs}`);
      }
      checked = true;
    }
  };
}

const size = `${SIZE.toLocaleString('en')} tenures`;

/**
 * Exit kinds for the same tenures: of the leavers, five in eight voluntary, a quarter involuntary,
 * the rest other (codes 1, 2, 3; 0 for the censored).
 */
function generatedExits(events: Uint8Array, seed = 3): Uint8Array {
  const random = createRandom(seed);
  return events.map((event) => {
    if (event === 0) return 0;
    const u = random();
    return u < 0.625 ? 1 : u < 0.875 ? 2 : 3;
  });
}
const exits = generatedExits(days.events);
const kinds = ['voluntary', 'involuntary', 'other'];

export const retentionCases: BenchCase[] = [
  {
    name: 'kaplanMeier, whole days',
    size: `${size}, ${kaplanMeier(days.times, days.events).time.length.toLocaleString('en')} distinct`,
    goal: '<= 1x sort floor',
    run: () => kaplanMeier(days.times, days.events),
    baselineName: 'sort floor: Float64Array copy + sort',
    baseline: () => Float64Array.from(days.times).sort(),
    meets: (median, baseline) => median <= baseline,
    iterations: 10,
  },
  {
    name: 'kaplanMeier, fractional months',
    size,
    goal: '<= 1.5x sort floor',
    run: () => kaplanMeier(months.times, months.events),
    baselineName: 'sort floor: Float64Array copy + sort',
    baseline: () => Float64Array.from(months.times).sort(),
    meets: (median, baseline) => median <= 1.5 * baseline,
    iterations: 10,
  },
  {
    name: 'kaplanMeier, whole days',
    size,
    goal: '>= 3x faster',
    run: () => kaplanMeier(days.times, days.events),
    baselineName: 'straightforward: index array sorted with a comparator',
    baseline: () => straightforwardKaplanMeier(days.times, days.events),
    meets: (median, baseline) => 3 * median <= baseline,
    iterations: 5,
  },
  {
    name: 'kaplanMeier, whole days, a third entering late',
    size,
    goal: '<= 2x without entry times',
    run: () => kaplanMeier(days.times, days.events, { entry }),
    baselineName: 'kaplanMeier without entry times',
    baseline: () => kaplanMeier(days.times, days.events),
    meets: (median, baseline) => median <= 2 * baseline,
    iterations: 10,
  },
  {
    name: 'cumulativeIncidence, whole days, three kinds',
    size,
    goal: '<= 2x sort floor',
    run: () => cumulativeIncidence(days.times, exits, { kinds }),
    baselineName: 'sort floor: Float64Array copy + sort',
    baseline: () => Float64Array.from(days.times).sort(),
    meets: (median, baseline) => median <= 2 * baseline,
    iterations: 5,
  },
  {
    name: 'cumulativeIncidence, whole days, three kinds, a third entering late',
    size,
    goal: '<= 2x without entry times',
    run: () => cumulativeIncidence(days.times, exits, { kinds, entry }),
    baselineName: 'cumulativeIncidence without entry times',
    baseline: () => cumulativeIncidence(days.times, exits, { kinds }),
    meets: (median, baseline) => median <= 2 * baseline,
    iterations: 5,
  },
  {
    name: 'cumulativeIncidence, fractional months, three kinds',
    size,
    // A sort, then a binary search per row among the distinct times.
    goal: '<= 4x sort floor',
    run: () => cumulativeIncidence(months.times, exits, { kinds }),
    baselineName: 'sort floor: Float64Array copy + sort',
    baseline: () => Float64Array.from(months.times).sort(),
    meets: (median, baseline) => median <= 4 * baseline,
    iterations: 5,
  },
];

if (hasRSurvival()) {
  retentionCases.push({
    name: 'kaplanMeier, whole days',
    size,
    goal: '>= 10x faster',
    run: () => kaplanMeier(days.times, days.events),
    baselineName: 'R survfit (survival, same data, same run)',
    baseline: survfitInR(),
    meets: (median, baseline) => 10 * median <= baseline,
    iterations: 5,
  });
  retentionCases.push({
    name: 'kaplanMeier, whole days, a third entering late',
    size,
    goal: '>= 10x faster',
    run: () => kaplanMeier(days.times, days.events, { entry }),
    baselineName: 'R survfit(Surv(entry, time, status) ~ 1), same data, same run',
    baseline: survfitInR(entry),
    meets: (median, baseline) => 10 * median <= baseline,
    iterations: 5,
  });
} else {
  console.log(
    'retention bench: Rscript with the survival package not found; the R survfit case is skipped',
  );
}
